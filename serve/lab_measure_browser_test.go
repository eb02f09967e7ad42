package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// measured waits until lesson 4's second lab, the one with server=3, has measured program 3
// n times.
func measured(n int) chromedp.Action {
	return chromedp.Poll(`document.querySelector('#lab-1').dataset.measured === '`+strconv.Itoa(n)+`'`, nil, chromedp.WithPollingTimeout(60*time.Second))
}

// TestLabMeasuresLessonServer measures lesson 4's server program (a handler with 5 ms of CPU)
// in its lab, then the reader's edit of it without the CPU work, and checks that the lab
// charts and totals both beside the model: the blocking handler near the loop's bound of
// 200/s, the edited one near the clients' 400/s.
func TestLabMeasuresLessonServer(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	const lab = `document.querySelector('#lab-1')`
	var note, totals string
	var lines int
	started := time.Now()
	run(t, ctx, chromedp.Navigate(site(t)+"04-cpu-blocks.html"),
		chromedp.Poll(lab+`.dataset.runs === '1'`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(`#lab-1 .lab-measure button`, chromedp.ByQuery), measured(1),
		chromedp.Text(`#lab-1 .lab-measure .lab-status`, &note, chromedp.ByQuery),
		chromedp.Evaluate(lab+`.querySelector('.lab-totals').innerText`, &totals),
		chromedp.Evaluate(lab+`.querySelectorAll('.lab-charts .chart:first-child path.series.s-program').length`, &lines))
	t.Logf("measured in the browser (page load included: %v): %s", time.Since(started).Round(time.Millisecond), note)
	if lines != 1 || !strings.Contains(totals, "Your server (program 3)") {
		t.Fatalf("after measuring: %d program lines on the throughput chart, totals %q", lines, totals)
	}
	blocking := throughput(t, note)
	if blocking < 180 || blocking > 230 {
		t.Errorf("the blocking handler serves %.0f/s; the loop allows 200/s", blocking)
	}
	saveScreenshot(t, ctx, "lab-measured.png", `#lab-1`)

	// The reader loads program 3, deletes its CPU work, and measures again: their edit is measured.
	run(t, ctx, chromedp.Click(`button.load-block[data-block="2"]`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('.cm-content').innerText.includes('compute(5);')`, nil),
		// With the keyboard, as a reader would: select the line's code and delete it.
		chromedp.Click(`//div[contains(@class, "cm-line")][contains(., "compute(5); //")]`, chromedp.BySearch),
		chromedp.KeyEvent(kb.Home), chromedp.KeyEvent(kb.End, chromedp.KeyModifiers(input.ModifierShift)), chromedp.KeyEvent(kb.Backspace),
		chromedp.Poll(`!document.querySelector('.cm-content').innerText.includes('compute(5);')`, nil),
		chromedp.Click(`#lab-1 .lab-measure button`, chromedp.ByQuery), measured(2),
		chromedp.Text(`#lab-1 .lab-measure .lab-status`, &note, chromedp.ByQuery))
	t.Logf("edited: %s", note)
	if free := throughput(t, note); free < 360 || free > 420 {
		t.Errorf("without its CPU work the handler serves %.0f/s; the clients ask for 400/s", free)
	}

	// Too many requests to measure: the button says why instead.
	run(t, ctx, chromedp.Focus(`#lab-1 input[id$="-requests"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.End),
		chromedp.Poll(`document.querySelector('#lab-1 .lab-measure button').disabled`, nil),
		chromedp.Text(`#lab-1 .lab-measure .lab-status`, &note, chromedp.ByQuery))
	if !strings.Contains(note, "lower the clients or the requests") {
		t.Errorf("with too many requests the lab says %q", note)
	}
}

// throughput reads the responses per second from the lab's note after a measurement.
func throughput(t *testing.T, note string) float64 {
	t.Helper()
	_, after, ok := strings.Cut(note, ": ")
	num, _, ok2 := strings.Cut(after, " responses/s")
	x, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if !ok || !ok2 || err != nil {
		t.Fatalf("no throughput in %q", note)
	}
	return x
}
