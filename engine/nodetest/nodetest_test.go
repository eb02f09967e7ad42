package nodetest

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	update         = flag.Bool("update", false, "run real node over the candidates and rewrite selected.txt")
	updateFailures = flag.Bool("update-failures", false, "rewrite known_failures.txt from this run, keeping the reasons of files still failing")
	only           = flag.String("only", "", "run only the files whose name contains this")
)

// timeout is what Node's runner gives one test file.
const timeout = 30 * time.Second

// parallelDir is Node's test/parallel, fetched by fetch.sh.
var parallelDir = filepath.Join("testdata", "node", "test", "parallel")

// TestNode runs the chosen files of Node's own test/parallel as Node's runner runs them:
// `looplab test-x.js` with test/parallel as the working directory and the real test/common; a
// file passes when it exits 0. Every failure must be in known_failures.txt with its reason,
// and a listed file that passes fails the test, so the list can only shrink (as goja's
// test262 runner keeps its list of known failures).
func TestNode(t *testing.T) {
	if _, err := os.Stat(filepath.Join(parallelDir, "..", "..", ".complete")); err != nil {
		t.Skip("Node's test tree is missing: run engine/nodetest/fetch.sh (.ci/run does)")
	}
	if *update {
		writeSelection(t)
	}
	selected := readList(t, "selected.txt")
	inapplicable := readList(t, "inapplicable.txt")
	known := readList(t, "known_failures.txt")
	cli := buildCLI(t)

	var files []string
	for file := range selected {
		if _, skip := inapplicable[file]; !skip && strings.Contains(file, *only) {
			files = append(files, file)
		}
	}
	sort.Strings(files)
	results := runAll(cli, files)

	for _, file := range files {
		res := results[file]
		_, listed := known[file]
		switch {
		case !res.passed && !listed:
			t.Errorf("%s fails and is not in known_failures.txt: %s", file, res.reason)
		case res.passed && listed:
			t.Errorf("%s passes now: remove it from known_failures.txt", file)
		}
	}
	for file := range known {
		if _, ok := selected[file]; !ok {
			t.Errorf("known_failures.txt lists %s, which is not a selected file", file)
		}
	}
	report := passRates(files, results)
	t.Log("\n" + report)
	os.WriteFile(filepath.Join("testdata", "last-run.txt"), []byte(report), 0o644)
	if *updateFailures && *only == "" {
		writeFailures(t, files, results, known)
	}
}

type result struct {
	passed bool
	reason string // the first line of what a failing file printed that says why
}

// runAll runs the files two at a time, one per core of the machines this runs on.
func runAll(cli string, files []string) map[string]result {
	results := make(map[string]result, len(files))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, file := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			res := runOne(cli, file)
			<-sem
			mu.Lock()
			results[file] = res
			mu.Unlock()
		}()
	}
	wg.Wait()
	return results
}

func runOne(cli, file string) result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, file)
	cmd.Dir = parallelDir
	cmd.Env = append(os.Environ(), "NODE_TEST_DIR=") // test/common picks its own tmpdir
	out, err := cmd.CombinedOutput()
	switch {
	case ctx.Err() != nil:
		return result{reason: fmt.Sprintf("times out after %s", timeout)}
	case err == nil:
		return result{passed: true}
	}
	var exit *exec.ExitError
	code := -1
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	}
	tree, _ := filepath.Abs(filepath.Join(parallelDir, "..", ".."))
	return result{reason: fmt.Sprintf("exit %d: %s", code, firstReason(strings.ReplaceAll(string(out), tree+"/", "")))}
}

// errorLine is a line of a failure's output that names the error (Node prints the source line
// and a caret before it) or the engine's own stop message.
var errorLine = regexp.MustCompile(`^(\w*Error\b|\w+ \[ERR_|looplab:)`)

func firstReason(out string) string {
	lines := strings.Split(out, "\n")
	for _, line := range lines {
		if line = strings.TrimSpace(line); errorLine.MatchString(line) {
			return clip(line)
		}
	}
	for _, line := range lines {
		if line = strings.TrimSpace(line); line != "" {
			return clip(line)
		}
	}
	return "no output"
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

func buildCLI(t *testing.T) string {
	cli := filepath.Join(t.TempDir(), "looplab")
	out, err := exec.Command("go", "build", "-o", cli, "looplab/engine/cmd/looplab").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return cli
}

// groupOf is the group of a file: the first of groups whose prefix it has.
func groupOf(file string) string {
	for _, g := range groups {
		if strings.HasPrefix(file, g.prefix) {
			return g.name
		}
	}
	return "?"
}

func passRates(files []string, results map[string]result) string {
	pass, total := map[string]int{}, map[string]int{}
	for _, f := range files {
		g := groupOf(f)
		total[g]++
		if results[f].passed {
			pass[g]++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %9s %6s\n", "group", "passed", "share")
	sumPass, sumTotal := 0, 0
	for _, g := range groups {
		if total[g.name] == 0 {
			continue
		}
		fmt.Fprintf(&b, "%-16s %4d/%-4d %5.0f%%\n", g.name, pass[g.name], total[g.name], 100*float64(pass[g.name])/float64(total[g.name]))
		sumPass += pass[g.name]
		sumTotal += total[g.name]
	}
	if sumTotal > 0 {
		fmt.Fprintf(&b, "%-16s %4d/%-4d %5.0f%%\n", "all", sumPass, sumTotal, 100*float64(sumPass)/float64(sumTotal))
	}
	return b.String()
}

// readList reads a list file: one file name a line, then optionally its reason after spaces;
// # starts a comment.
func readList(t *testing.T, name string) map[string]string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		file, reason, _ := strings.Cut(line, " ")
		list[file] = strings.TrimSpace(reason)
	}
	return list
}

// writeSelection chooses the files as the issue defines them: every file of a group's prefix
// that has no `// Flags:` line and that exits 0 under real node.
func writeSelection(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("-update needs node")
	}
	entries, err := os.ReadDir(parallelDir)
	if err != nil {
		t.Fatal(err)
	}
	var candidates []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".js") && !strings.HasSuffix(name, ".mjs") || groupOf(name) == "?" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(parallelDir, name))
		if err != nil || strings.Contains(string(src), "\n// Flags:") || strings.HasPrefix(string(src), "// Flags:") {
			continue
		}
		candidates = append(candidates, name)
	}
	results := runAll(node, candidates)
	var b strings.Builder
	b.WriteString("# Node's test/parallel files this harness runs: the groups' files with no `// Flags:` line\n")
	b.WriteString("# that exit 0 under real node. Written by `go test ./engine/nodetest -update`.\n")
	for _, f := range candidates {
		if results[f].passed {
			b.WriteString(f + "\n")
		}
	}
	if err := os.WriteFile("selected.txt", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// isMeasured reports whether a reason is what a run printed (runOne's words), not one written
// by hand: a rewrite refreshes it.
func isMeasured(reason string) bool {
	return strings.HasPrefix(reason, "exit ") || strings.HasPrefix(reason, "times out")
}

// writeFailures rewrites known_failures.txt from this run: files that still fail keep a reason
// written by hand, the others get the error they printed this time.
func writeFailures(t *testing.T, files []string, results map[string]result, known map[string]string) {
	var b strings.Builder
	b.WriteString("# Selected files of Node's tests that fail under looplab, each with its reason. This list\n")
	b.WriteString("# can only shrink: a listed file that passes fails the test. Rewritten (keeping reasons)\n")
	b.WriteString("# by `go test ./engine/nodetest -update-failures`.\n")
	for _, f := range files {
		if results[f].passed {
			continue
		}
		reason := known[f]
		if reason == "" || isMeasured(reason) {
			reason = results[f].reason
		}
		fmt.Fprintf(&b, "%s  %s\n", f, reason)
	}
	if err := os.WriteFile("known_failures.txt", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
