package main

// BenchmarkReport is the size and speed report, run by hand (it is not a timed test):
//
//	./build.sh && go test ./serve -run '^$' -bench Report -benchtime 1x
//
// It prints the engine's raw, gzip and brotli sizes, the time from navigation to a runnable
// engine (cold: fresh profile; warm: a reload), and from pressing Run to the first frame for
// each block of lesson 1. The ES-module transform's sizes are printed too.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func BenchmarkReport(b *testing.B) {
	site(b) // build first, so the sizes are those of the current engine
	sizes(b, "engine", "(budget 3.5 MB brotli)")
	sizes(b, "esm", "(loaded only for ES modules)")
	b.ResetTimer()
	for range b.N {
		report(b)
	}
}

func report(b *testing.B) {
	ctx := browser(b, 1280, 900)
	ms := func(expr string) float64 {
		var s string
		if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &s)); err != nil {
			b.Fatal(err)
		}
		v, _ := strconv.ParseFloat(s, 64)
		return v
	}
	url := site(b) + "01-one-thread.html"
	for _, visit := range []string{"cold", "warm"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(url),
			chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			b.Fatal(err)
		}
		v := ms(`document.documentElement.dataset.readyMs`)
		fmt.Printf("navigation → ready to run (%s): %.0f ms (engine download+compile %.0f ms, Go start-up %.0f ms)\n", visit, v,
			ms(`document.documentElement.dataset.engineCompileMs`), ms(`document.documentElement.dataset.engineInitMs`))
		b.ReportMetric(v, "ready-"+visit+"-ms")
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
