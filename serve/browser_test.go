package main

// Browser tests: dist/ served by this package's handler in-process, driven in a real headless
// Chromium through chromedp. They skip when Chromium is missing, except in CI (CI=true), where
// they must run.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"looplab/lessons"
)

var (
	siteOnce sync.Once
	siteURL  string
	siteErr  error
)

// site builds dist/ if it is stale and serves it, once for all tests. LOOPLAB_PREBUILT=1
// serves dist/ as it is (a CI script that has just run build.sh need not check again).
func site(t testing.TB) string {
	t.Helper()
	siteOnce.Do(func() {
		if os.Getenv("LOOPLAB_PREBUILT") != "1" {
			if siteErr = newBuilder("..").buildIfStale(); siteErr != nil {
				return
			}
		}
		h, err := newHandler("../dist", nil)
		if err != nil {
			siteErr = err
			return
		}
		siteURL = httptest.NewServer(h).URL + "/"
	})
	if siteErr != nil {
		t.Fatalf("build the site: %v", siteErr)
	}
	return siteURL
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a fresh headless Chromium with a fresh profile, sized width × height, for the
// rest of the test; extra options are added to the usual ones.
func browser(t testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	ctx, stop := startBrowser(t, width, height, extra...)
	t.Cleanup(stop)
	return ctx
}

// startBrowser is browser with the stopping left to the caller.
func startBrowser(t testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) (context.Context, func()) {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is required in CI: apt-get install -y chromium")
		}
		t.Skip("Chromium is not installed (apt-get install -y chromium); skipping the browser tests")
	}
	site(t)
	// Not t.TempDir: Chromium may still be writing its profile while the test's cleanup runs,
	// and a failed removal would fail the test.
	profile, err := os.MkdirTemp("", "looplab-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	stop := func() { cancelTimeout(); cancelCtx(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		stop()
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx, stop
}

func run(t testing.TB, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// shareFragment encodes a CommonJS program the way site/js/share.js does.
func shareFragment(code string, options map[string]any) string {
	return shareFragmentLang("js", code, options)
}

func shareFragmentLang(lang, code string, options map[string]any) string {
	b, _ := json.Marshal(map[string]any{"v": 1, "lang": lang, "code": code, "options": options})
	return "p=" + base64.RawURLEncoding.EncodeToString(b)
}

const waitReady = `document.documentElement.dataset.engine === 'ready'`

// runAndWait presses Run and waits for the n-th run's replay to be loaded.
func runAndWait(n int) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(`button.run`, chromedp.ByQuery),
		chromedp.Poll(fmt.Sprintf(`document.querySelector('[data-playground]').dataset.runs === '%d'`, n), nil,
			chromedp.WithPollingTimeout(30*time.Second)),
	}
}

// toEnd pauses autoplay and shows the last step.
var toEnd = chromedp.Click(`button[aria-label="Jump to the end"]`, chromedp.ByQuery)

func consoleText(ctx context.Context, t *testing.T) string {
	var s string
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.console-out').textContent`, &s))
	return s
}

func TestLessonRunsAndShowsOutput(t *testing.T) {
	l, err := lessons.Load("../lessons/01-one-thread.md")
	if err != nil {
		t.Fatal(err)
	}
	want := l.Blocks[0].Output
	if want == nil {
		t.Skip("the first block of lesson 1 has no output block to compare with")
	}
	ctx := browser(t, 1280, 900)
	run(t, ctx, chromedp.Navigate(site(t)+"01-one-thread.html"), runAndWait(1), toEnd)
	if got := consoleText(ctx, t); got != *want {
		t.Errorf("console shows\n%s\nwant\n%s", got, *want)
	}
	saveScreenshot(t, ctx, "lesson-desktop.png")

	// The index marks the lesson as tried (progress lives in local storage).
	var mark string
	run(t, ctx, chromedp.Navigate(site(t)+"index.html"),
		chromedp.Poll(`document.querySelector('li[data-slug="01-one-thread"] .progress') !== null`, nil),
		chromedp.Text(`li[data-slug="01-one-thread"] .progress`, &mark, chromedp.ByQuery))
	if !strings.HasPrefix(mark, "✓ tried") {
		t.Errorf("the index marks lesson 1 as %q", mark)
	}
}

// board returns the diagrams' text, which is what a reader sees at the current step.
func board(t *testing.T, ctx context.Context) string {
	var s string
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.board').innerText`, &s))
	return s
}

func TestDiagramsAtStepsAndStepBack(t *testing.T) {
	ctx := browser(t, 1280, 900)
	code := "setTimeout(() => console.log('timer'), 5);\nprocess.nextTick(() => console.log('tick'));\nconsole.log('main');\n"
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment(code, nil)), runAndWait(1), toEnd,
		chromedp.Click(`button[aria-label="Jump to the start"]`, chromedp.ByQuery))

	// Step until the nextTick callback is queued; the timer must be queued by then too.
	var tickQueued bool
	for i := 0; i < 200 && !tickQueued; i++ {
		run(t, ctx, chromedp.Click(`button[aria-label="Step forward"]`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('.q-nextTick li').length === 1`, &tickQueued))
	}
	if !tickQueued {
		t.Fatal("the nextTick queue never showed the callback")
	}
	var timers, stack string
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.q-timers .items').innerText`, &timers),
		chromedp.Evaluate(`document.querySelector('.stack-frames').innerText`, &stack))
	if !strings.Contains(timers, "due") {
		t.Errorf("timers diagram at this step: %q, want the timer with its due time", timers)
	}
	if stack == "" {
		t.Errorf("the call stack is empty while the main module runs")
	}
	before := board(t, ctx)
	var step string
	run(t, ctx, chromedp.Evaluate(`document.querySelector('[data-playground]').dataset.step`, &step))

	// Forward to the end and back again, with the keyboard: the picture must be the same.
	run(t, ctx, chromedp.Focus(`button[aria-label="Step forward"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Home))
	if got := consoleText(ctx, t); got != "" {
		t.Errorf("at step 0 the console shows %q", got)
	}
	run(t, ctx, chromedp.SetValue(`.player input[type=range]`, step, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('.player input[type=range]').dispatchEvent(new Event('input'))`, nil))
	if after := board(t, ctx); after != before {
		t.Errorf("going back to step %s shows\n%s\nbut before it showed\n%s", step, after, before)
	}

	// A click on the timer's block in the timeline jumps to the step where its callback starts.
	var want, got, narration string
	run(t, ctx, chromedp.AttributeValue(`.tl-seg[aria-label*="setTimeout"]`, "data-step", &want, nil, chromedp.ByQuery),
		// Activated as the keyboard does (Enter on the focused block): blocks a few µs apart overlap
		// on a 5 ms axis, so a mouse click at its centre may land on a neighbour.
		chromedp.Focus(`.tl-seg[aria-label*="setTimeout"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter),
		chromedp.Evaluate(`document.querySelector('[data-playground]').dataset.step`, &got),
		chromedp.Text(`.narration`, &narration, chromedp.ByQuery))
	if got != want || !strings.Contains(narration, "timers phase runs the callback of setTimeout") {
		t.Errorf("the timeline jumped to step %s (want %s), which says %q", got, want, narration)
	}
}

func TestEndlessLoopIsStopped(t *testing.T) {
	ctx := browser(t, 1280, 900)
	// A loop that calls something runs in goja, where nothing can stop it but the page's time
	// limit: the page terminates the engine's worker.
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment("while (true) Math.random();\n", nil)),
		chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(`button.run`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('.status').textContent.startsWith('Stopped: the program was still running')`, nil, chromedp.WithPollingTimeout(20*time.Second)))
	// The page still answers: a new program (a new fragment on the same page, so the same
	// playground, whose second run this is) runs in the fresh worker.
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment("console.log('alive');\n", nil)),
		chromedp.Poll(`document.querySelector('.cm-content').textContent.includes('alive')`, nil),
		runAndWait(2), toEnd)
	if got := consoleText(ctx, t); got != "alive\n" {
		t.Errorf("after the stop, a new run printed %q", got)
	}
}

// TestProvablyEndlessLoopIsStoppedByTheEngine: a pure loop that comes back to the same state
// (engine/fastloop) is stopped by the engine itself, which says where, and the page shows the
// run up to there without restarting anything.
func TestProvablyEndlessLoopIsStoppedByTheEngine(t *testing.T) {
	ctx := browser(t, 1280, 900)
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment("console.log('before');\nwhile (true) {}\n", nil)),
		runAndWait(1), toEnd)
	var status string
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.status').textContent`, &status))
	if !strings.HasPrefix(status, "Stopped: an endless loop at /app/main.js:2") {
		t.Errorf("status %q", status)
	}
	if got := consoleText(ctx, t); got != "before\n" {
		t.Errorf("console %q", got)
	}
	saveScreenshot(t, ctx, "endless-loop.png", `[data-playground]`)
}

// TestLongLoopNoteMarksItsLine: the step at which the trace says what lesson 1's loop cost
// marks the loop's line in the editor, though the loop is no frame on the call stack.
func TestLongLoopNoteMarksItsLine(t *testing.T) {
	ctx := browser(t, 1280, 900)
	run(t, ctx, chromedp.Navigate(site(t)+"01-one-thread.html"), runAndWait(1), toEnd)
	var text, line string
	for range 30 {
		run(t, ctx, chromedp.Evaluate(`document.querySelector('.narration').textContent`, &text))
		if strings.HasPrefix(text, "The loop at main.js:5 ran 300000 times") {
			break
		}
		run(t, ctx, chromedp.Click(`button[aria-label="Step back"]`, chromedp.ByQuery))
	}
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.cm-running-line')?.textContent ?? ''`, &line))
	if !strings.HasPrefix(text, "The loop at main.js:5") || !strings.HasPrefix(line, "for (let i = 0; i < 300000; i++)") {
		t.Errorf("narration %q, running line %q", text, line)
	}
}

// TestModuleProgramRuns checks the lazily loaded second module: an ES module with top-level
// await runs through the ES-module transform.
func TestModuleProgramRuns(t *testing.T) {
	ctx := browser(t, 1280, 900)
	code := "import { readFileSync } from 'fs';\nconst n = await Promise.resolve(42);\nconsole.log(typeof readFileSync, n);\n"
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragmentLang("mjs", code, nil)), runAndWait(1), toEnd)
	if got := consoleText(ctx, t); got != "function 42\n" {
		var status string
		run(t, ctx, chromedp.Evaluate(`document.querySelector('.status').textContent`, &status))
		t.Errorf("the module printed %q (status: %s)", got, status)
	}
}

func TestShareLinkRoundTrips(t *testing.T) {
	ctx := browser(t, 1280, 900)
	code := "// </script><img src=x onerror=\"document.title='pwned'\">\nconsole.log('shared');\n"
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment(code, map[string]any{"cores": 2})),
		chromedp.Poll(`document.querySelector('.cm-content') !== null`, nil))
	var shown, link, title string
	var imgs int
	var cores string
	run(t, ctx,
		chromedp.Evaluate(`document.querySelector('.cm-content').innerText`, &shown),
		chromedp.Evaluate(`document.querySelectorAll('img').length`, &imgs),
		chromedp.Value(`input[name=cores]`, &cores, chromedp.ByQuery),
		chromedp.Click(`//button[text()="Share"]`, chromedp.BySearch),
		chromedp.Value(`.share-link`, &link, chromedp.ByQuery))
	if strings.TrimSpace(shown) != strings.TrimSpace(code) || imgs != 0 || cores != "2" {
		t.Fatalf("shared program opened as %q (imgs %d, cores %s)", shown, imgs, cores)
	}
	// The link the page makes reopens the same program on a fresh page.
	run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(link),
		chromedp.Poll(`document.querySelector('.cm-content') !== null`, nil),
		chromedp.Evaluate(`document.querySelector('.cm-content').innerText`, &shown),
		chromedp.Title(&title))
	if strings.TrimSpace(shown) != strings.TrimSpace(code) || strings.Contains(title, "pwned") {
		t.Errorf("the share link %s reopened %q (title %q)", link, shown, title)
	}
}

// TestWorksOffline loads a lesson once, stops the server, and loads it again: the service
// worker must serve the page and the engine from its cache.
func TestWorksOffline(t *testing.T) {
	ctx := browser(t, 1280, 900)
	h, err := newHandler("../dist", nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	run(t, ctx, chromedp.Navigate(srv.URL+"/01-one-thread.html"),
		// The worker takes control only once installed, that is, once every file is cached.
		chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(30*time.Second)))
	srv.Close()
	run(t, ctx, chromedp.Reload(), chromedp.Poll(waitReady, nil, chromedp.WithPollingTimeout(30*time.Second)), runAndWait(1), toEnd)
	if got := consoleText(ctx, t); !strings.Contains(got, "Task 3") {
		t.Errorf("offline, the lesson printed %q", got)
	}
}

func TestNarrowViewportHasNoHorizontalScroll(t *testing.T) {
	ctx := browser(t, 320, 800)
	for _, page := range []string{"index.html", "01-one-thread.html", "sandbox.html"} {
		run(t, ctx, chromedp.Navigate(site(t)+page), chromedp.Poll(waitReady+` || !document.querySelector('[data-playground]')`, nil))
		if page != "index.html" {
			run(t, ctx, runAndWait(1), toEnd)
		}
		var scrollWidth, clientWidth int
		run(t, ctx, chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			chromedp.Evaluate(`document.documentElement.clientWidth`, &clientWidth))
		if scrollWidth > clientWidth {
			t.Errorf("%s at 320 px: scrollWidth %d > clientWidth %d", page, scrollWidth, clientWidth)
		}
		if page == "01-one-thread.html" {
			saveScreenshot(t, ctx, "lesson-320.png")
			saveScreenshot(t, ctx, "lesson-320-playground.png", `[data-playground]`)
		}
	}
}

// saveScreenshot writes a PNG of the whole page, or of the element sel, to
// $LOOPLAB_SCREENSHOTS, when that is set.
func saveScreenshot(t *testing.T, ctx context.Context, name string, sel ...string) {
	dir := os.Getenv("LOOPLAB_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	if len(sel) > 0 {
		run(t, ctx, chromedp.Screenshot(sel[0], &png, chromedp.ByQuery))
	} else {
		run(t, ctx, chromedp.FullScreenshot(&png, 100)) // quality 100 makes it a PNG
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEngineDeathIsShownAndSurvived: when the engine's Go runtime dies inside its worker (here
// it runs out of memory: this Chromium gives WebAssembly 512 MiB, less than the program's
// buffers need), the page says the engine stopped and why, not "an endless loop?", shows
// nothing of the previous run, and the next run works in a fresh engine.
func TestEngineDeathIsShownAndSurvived(t *testing.T) {
	ctx := browser(t, 1280, 900, chromedp.Flag("js-flags", "--wasm-max-mem-pages=8192"))
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment("console.log('first');\n", nil)), runAndWait(1), toEnd)
	if got := consoleText(ctx, t); got != "first\n" {
		t.Fatalf("the first run printed %q", got)
	}
	const hog = "const kept = [];\nfor (let i = 0; i < 8; i++) kept.push(new Uint8Array(128 << 20));\nconsole.log(kept.length);\n"
	var status string
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment(hog, nil)),
		chromedp.Poll(`document.querySelector('.cm-content').textContent.includes('kept')`, nil),
		chromedp.Click(`button.run`, chromedp.ByQuery),
		chromedp.Poll(`!document.querySelector('.status').textContent.startsWith('Running')`, nil, chromedp.WithPollingTimeout(40*time.Second)),
		chromedp.Evaluate(`document.querySelector('.status').textContent`, &status))
	if !strings.HasPrefix(status, "The engine stopped: ") || !strings.Contains(status, "memory") || strings.Contains(status, "endless loop") {
		t.Errorf("status %q, want the engine's death and its reason", status)
	}
	var stageHidden bool
	run(t, ctx, chromedp.Evaluate(`document.querySelector('.stage').hidden && document.querySelector('.console-out').textContent === ''`, &stageHidden))
	if !stageHidden {
		t.Errorf("the previous run's console and diagrams are still on screen")
	}
	saveScreenshot(t, ctx, "engine-died.png", `[data-playground]`)
	run(t, ctx, chromedp.Navigate(site(t)+"sandbox.html#"+shareFragment("console.log('alive');\n", nil)),
		chromedp.Poll(`document.querySelector('.cm-content').textContent.includes('alive')`, nil),
		runAndWait(3), toEnd)
	if got := consoleText(ctx, t); got != "alive\n" {
		t.Errorf("after the engine died, a new run printed %q", got)
	}
}
