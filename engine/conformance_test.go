package engine

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// knownGaps lists the conformance cases the engine does not pass yet, each with its reason.
// A case listed here that passes fails the test too, so the list cannot go stale.
var knownGaps = map[string]string{}

// conformanceDir finds ../shared/conformance beside the checkout (or $LOOPLAB_CONFORMANCE).
func conformanceDir(t testing.TB) string {
	if dir := os.Getenv("LOOPLAB_CONFORMANCE"); dir != "" {
		return dir
	}
	dir, _ := filepath.Abs("../../shared/conformance")
	if _, err := os.Stat(filepath.Join(dir, "run.sh")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("conformance corpus not found at %s", dir)
		}
		t.Skipf("conformance corpus not found at %s", dir)
	}
	return dir
}

var failLine = regexp.MustCompile(`(?m)^FAIL (\S+): (.*)$`)

// TestConformance runs the corpus of programs recorded under real Node 20 through the CLI,
// in the normal and the deterministic mode.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("conformance corpus: skipped in -short mode")
	}
	dir := conformanceDir(t)
	runCorpus(t, dir, filepath.Join(dir, "cases"), knownGaps)
}

// TestOwnCorpus runs our own cases (testdata/corpus), written as the shared corpus's are and
// recorded under real Node 20, with the shared corpus's runner: each pins a behaviour a fresh
// case of the same kind exposed (V8's messages, the spec's async generator turns, ...).
func TestOwnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("own corpus: skipped in -short mode")
	}
	cases, _ := filepath.Abs("testdata/corpus")
	runCorpus(t, conformanceDir(t), cases, nil)
}

// runCorpus runs the cases in casesDir with the runner of the corpus in dir, through the CLI in
// both modes; every failure must be in gaps, and every case in gaps must fail.
func runCorpus(t *testing.T, dir, casesDir string, gaps map[string]string) {
	bin := filepath.Join(t.TempDir(), "looplab")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/looplab").CombinedOutput(); err != nil {
		t.Fatalf("build CLI: %v\n%s", err, out)
	}
	for _, mode := range [][]string{{bin}, {bin, "--deterministic"}} {
		t.Run(strings.Join(mode[1:], "")+"mode", func(t *testing.T) {
			cmd := exec.Command(filepath.Join(dir, "run.sh"), append([]string{"--cases", casesDir, "--"}, mode...)...)
			out, _ := cmd.CombinedOutput()
			failed := map[string]string{}
			for _, m := range failLine.FindAllStringSubmatch(string(out), -1) {
				failed[m[1]] = m[2]
			}
			if !strings.Contains(string(out), " passed, ") {
				t.Fatalf("runner printed no summary:\n%s", out)
			}
			for name, why := range failed {
				if _, known := gaps[name]; !known {
					t.Errorf("FAIL %s: %s", name, why)
				}
			}
			for name, reason := range gaps {
				if _, ok := failed[name]; !ok {
					t.Errorf("%s passes now: remove it from knownGaps (%s)", name, reason)
				}
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			t.Log(lines[len(lines)-1])
		})
	}
}
