package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// labRuns waits until the lesson's lab has finished its n-th run.
func labRuns(n string) chromedp.Action {
	return chromedp.Poll(`document.querySelector('figure.lab').dataset.runs === '`+n+`'`, nil, chromedp.WithPollingTimeout(30*time.Second))
}

// TestLabRerunsOnSliderChange loads a lesson with the load lab, waits for its first run,
// moves a slider and checks that the lab runs again and redraws its charts.
func TestLabRerunsOnSliderChange(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	const throughputLine = `document.querySelector('.lab-charts .chart path.series.s-pool').getAttribute('d')`
	var before, after, totals, threads string
	run(t, ctx, chromedp.Navigate(site(t)+"03-many-users.html"), labRuns("1"),
		chromedp.Evaluate(throughputLine, &before),
		chromedp.Evaluate(`document.querySelector('.lab-totals').innerText`, &totals))
	if len(before) < 100 || !strings.Contains(totals, "Thread per request") || !strings.Contains(totals, "Node, one loop") {
		t.Fatalf("after the first run: line %q, totals %q", before, totals)
	}

	// Keep the run, and the next one, to compare them side by side.
	keep := chromedp.Click(`//button[text()="Keep this run to compare"]`, chromedp.BySearch)
	run(t, ctx, keep)

	// Fewer threads, with the keyboard: the pool serves less, so its line changes.
	run(t, ctx, chromedp.Focus(`input[id$="-threads"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.Value(`output[for$="-threads"]`, &threads, chromedp.ByQuery),
		labRuns("2"), chromedp.Evaluate(throughputLine, &after))
	if threads != "50" {
		t.Errorf("two steps down from 200 threads shows %q, want 50", threads)
	}
	if after == before {
		t.Error("the throughput chart did not change after the slider moved")
	}
	var kept string
	run(t, ctx, keep, chromedp.Evaluate(`document.querySelector('.lab-kept').innerText`, &kept))
	if !strings.Contains(kept, "Run 1") || !strings.Contains(kept, "Run 2") || !strings.Contains(kept, "T=200") || !strings.Contains(kept, "T=50") {
		t.Errorf("the kept runs show %q", kept)
	}

	// The chart reads out values from the keyboard.
	var readout string
	run(t, ctx, chromedp.Focus(`.lab-charts .chart svg`, chromedp.ByQuery), chromedp.KeyEvent(kb.Home),
		chromedp.Text(`.lab-charts .chart .chart-readout`, &readout, chromedp.ByQuery))
	if !strings.HasPrefix(readout, "At ") || !strings.Contains(readout, "Thread per request:") {
		t.Errorf("the throughput chart's readout: %q", readout)
	}
	saveScreenshot(t, ctx, "lab-desktop.png", `figure.lab`)
}

// TestLabNarrowDark shows lesson 4's lab, three servers, at 320 px in the dark theme: nothing
// may scroll sideways.
func TestLabNarrowDark(t *testing.T) {
	ctx := browser(t, 320, 900)
	run(t, ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.Navigate(site(t)+"04-cpu-blocks.html"), labRuns("1"))
	var scrollWidth, clientWidth, lines int
	run(t, ctx, chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
		chromedp.Evaluate(`document.documentElement.clientWidth`, &clientWidth),
		chromedp.Evaluate(`document.querySelectorAll('#lab-0 .lab-charts .chart:first-child path.series').length`, &lines))
	if scrollWidth > clientWidth {
		t.Errorf("lesson 4 at 320 px: scrollWidth %d > clientWidth %d", scrollWidth, clientWidth)
	}
	if lines != 3 {
		t.Errorf("the throughput chart has %d lines, want one per server (3)", lines)
	}
	saveScreenshot(t, ctx, "lab-320-dark.png", `figure.lab`)
	saveScreenshot(t, ctx, "lab-320-dark-chart.png", `.lab-charts .chart`)
	saveScreenshot(t, ctx, "lab-320-dark-totals.png", `.lab-totals`)
}

// BenchmarkLabInBrowser times the case in headless Chromium: 10,000 clients × 10
// requests on both servers of lesson 3's lab, from the request to the last chunk, in the lab's
// worker (wasm). Run by hand:
//
//	go test ./serve -run '^$' -bench LabInBrowser -benchtime 1x
func BenchmarkLabInBrowser(b *testing.B) {
	ctx := browser(b, 1280, 1000)
	run(b, ctx, chromedp.Navigate(site(b)+"03-many-users.html"), labRuns("1"))
	for i := range b.N {
		// One step down and End on the clients slider: a new run at 10,000 clients (the lesson's
		// lab already asks for 10 requests each).
		var simMs string
		run(b, ctx, chromedp.Focus(`input[id$="-clients"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowLeft+kb.End),
			labRuns(fmt.Sprint(i+2)), chromedp.Evaluate(`document.querySelector('figure.lab').dataset.simMs`, &simMs))
		b.Logf("10,000 clients × 10 requests, thread pool and Node: simulated in %s ms", simMs)
	}
}
