package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkReport is the size and speed report, run by hand (it is not a timed test):
//
//	./build.sh && go test ./serve -run '^$' -bench Report -benchtime 1x
//
// It prints the engine's raw, gzip and brotli sizes; the time from navigation to a runnable
// engine, cold (a fresh browser and profile: no HTTP cache, no compiled code) and warm (a
// reload), as medians of LOOPLAB_REPORT_N visits (default 5), each split into where it went;
// and the time from pressing Run to the first frame for each block of lesson 1. The
// ES-module transform's sizes are printed too.
//
// Each fresh browser is left alone for a moment before the visit: a just-started headless
// Chromium spends about 400 ms of CPU on a browser page of its own (the omnibox popup) in
// its first second, which a reader's long-running browser has done long before.
func BenchmarkReport(b *testing.B) {
	site(b) // build first, so the sizes are those of the current engine
	sizes(b, "engine", "(budget 3.5 MB brotli)")
	sizes(b, "esm", "(loaded only for ES modules)")
	b.ResetTimer()
	for range b.N {
		report(b)
	}
}

// visit is one page load's timings, in ms from navigation, read from what the page and the
// engine's worker record (site/js/main.js, site/js/worker.js).
type visit struct {
	Ready         float64 // the engine is runnable
	WorkerStart   float64 // the worker's script starts
	CompileMs     float64 // worker start → engine downloaded and compiled
	InstantiateMs float64
	InitMs        float64 // Go's start-up: the runtime, every package's init, main
}

const readVisit = `(() => {
  const d = self.looplabEngineTiming, t = d.timing;
  return JSON.stringify({Ready: +document.documentElement.dataset.readyMs,
    WorkerStart: t.origin + t.started - performance.timeOrigin,
    CompileMs: d.compileMs, InstantiateMs: d.instantiateMs, InitMs: d.initMs});
})()`

func report(b *testing.B) {
	n := 5
	if v, err := strconv.Atoi(os.Getenv("LOOPLAB_REPORT_N")); err == nil && v > 0 {
		n = v
	}
	url := site(b) + "01-one-thread.html"
	load := func(ctx context.Context) visit {
		var s string
		if err := chromedp.Run(ctx, chromedp.Navigate(url),
			chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)),
			chromedp.Evaluate(readVisit, &s)); err != nil {
			b.Fatal(err)
		}
		var v visit
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			b.Fatal(err)
		}
		return v
	}
	var cold, warm []visit
	var ctx context.Context
	for i := range n {
		c, stop := startBrowser(b, 1280, 900)
		if err := chromedp.Run(c, chromedp.Navigate("about:blank"), chromedp.Sleep(2*time.Second)); err != nil {
			b.Fatal(err)
		}
		cold = append(cold, load(c))
		warm = append(warm, load(c))
		if i < n-1 {
			stop()
		} else {
			ctx = c // the last browser goes on to the Run figures
			b.Cleanup(stop)
		}
	}
	for _, r := range []struct {
		name   string
		visits []visit
	}{{"cold", cold}, {"warm", warm}} {
		med := func(f func(visit) float64) float64 {
			var v []float64
			for _, x := range r.visits {
				v = append(v, f(x))
			}
			slices.Sort(v)
			return v[len(v)/2]
		}
		ready := med(func(v visit) float64 { return v.Ready })
		var all []string
		for _, v := range r.visits {
			all = append(all, strconv.Itoa(int(v.Ready)))
		}
		fmt.Printf("navigation → ready to run (%s, median of %d): %.0f ms [%s]\n", r.name, len(r.visits), ready, strings.Join(all, " "))
		fmt.Printf("  worker started at %.0f ms; then download+compile %.0f ms, instantiate %.0f ms, Go start-up %.0f ms (medians)\n",
			med(func(v visit) float64 { return v.WorkerStart }), med(func(v visit) float64 { return v.CompileMs }),
			med(func(v visit) float64 { return v.InstantiateMs }), med(func(v visit) float64 { return v.InitMs }))
		b.ReportMetric(ready, "ready-"+r.name+"-ms")
	}
	ms := func(expr string) float64 {
		var s string
		if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &s)); err != nil {
			b.Fatal(err)
		}
		v, _ := strconv.ParseFloat(s, 64)
		return v
	}
	var blocks int
	chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('.load-block').length`, &blocks))
	for i := 0; i < blocks; i++ {
		if err := chromedp.Run(ctx,
			chromedp.Click(fmt.Sprintf(`.load-block[data-block="%d"]`, i), chromedp.ByQuery),
			chromedp.Evaluate(`delete document.querySelector('[data-playground]').dataset.firstFrameMs`, nil),
			chromedp.Click(`button.run`, chromedp.ByQuery),
			chromedp.Poll(`document.querySelector('[data-playground]').dataset.firstFrameMs !== undefined`, nil,
				chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			b.Fatal(err)
		}
		v := ms(`document.querySelector('[data-playground]').dataset.firstFrameMs`)
		fmt.Printf("Run → first frame, lesson 1 block %d: %.0f ms\n", i+1, v)
		b.ReportMetric(v, fmt.Sprintf("first-frame-%d-ms", i+1))
	}
}

// sizes prints and reports the raw, gzip and brotli sizes of dist/NAME.wasm.
func sizes(b *testing.B, name, note string) {
	wasm, err := os.ReadFile("../dist/" + name + ".wasm")
	if err != nil {
		b.Fatalf("run ./build.sh first: %v", err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(wasm)
	w.Close()
	mb := func(n int64) float64 { return float64(n) / 1e6 }
	fmt.Printf("%s.wasm  raw %.2f MB  gzip -9 %.2f MB", name, mb(int64(len(wasm))), mb(int64(gz.Len())))
	b.ReportMetric(mb(int64(len(wasm))), name+"-raw-MB")
	b.ReportMetric(mb(int64(gz.Len())), name+"-gzip-MB")
	if br, err := os.Stat("../dist/" + name + ".wasm.br"); err == nil {
		fmt.Printf("  brotli -q 11 %.2f MB %s\n", mb(br.Size()), note)
		b.ReportMetric(mb(br.Size()), name+"-brotli-MB")
	} else {
		fmt.Printf("  brotli: no dist/%s.wasm.br (brotli missing, or a serve build with LOOPLAB_BROTLI=0) %s\n", name, note)
	}
}
