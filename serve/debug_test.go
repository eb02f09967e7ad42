package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestDebugPage(t *testing.T) {
	ctx := browser(t, 1280, 900)
	code := "setTimeout(() => console.log('timer'), 5);\nprocess.nextTick(() => console.log('tick'));\nconsole.log('main');\n"
	var status, stack, html string
	run(t, ctx, chromedp.Navigate(site(t)+"01-one-thread.html"),
		chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(`button.run`, chromedp.ByQuery), chromedp.Sleep(8*time.Second),
		chromedp.Evaluate(`document.querySelector('.status').textContent`, &status))
	fmt.Println("STATUS lesson1:", status)
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment(code, nil)),
		chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(`button.run`, chromedp.ByQuery), chromedp.Sleep(3*time.Second),
		chromedp.Click(`button[aria-label="Jump to the start"]`, chromedp.ByQuery))
	for i := 0; i < 8; i++ {
		run(t, ctx, chromedp.Click(`button[aria-label="Step forward"]`, chromedp.ByQuery))
	}
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.status').textContent`, &status),
		chromedp.Evaluate(`document.querySelector('.stack').outerHTML`, &stack),
		chromedp.Evaluate(`document.querySelector('.narration').textContent`, &html))
	fmt.Println("STATUS:", status, "\nSTACK:", stack, "\nNARR:", html)
}
