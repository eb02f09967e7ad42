package engine

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkCorpusAgainstNode times one pass of the conformance corpus through the CLI and
// through real Node (when it is on the PATH), and reports both in seconds. Waiting is free in
// the simulation, so the engine should win on programs that mostly wait. Programs that compute
// cost it about what they cost V8 or more: pure numeric loops run natively (engine/fastloop),
// 1.5–2.5 times V8's time; pbkdf2 keys that a callback reads are derived for real.
//
//	go test ./engine -run '^$' -bench CorpusAgainstNode -benchtime 1x
func BenchmarkCorpusAgainstNode(b *testing.B) {
	dir := conformanceDir(b)
	bin := filepath.Join(b.TempDir(), "looplab")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/looplab").CombinedOutput(); err != nil {
		b.Fatalf("build CLI: %v\n%s", err, out)
	}
	timeRun := func(cmd ...string) float64 {
		start := time.Now()
		exec.Command(filepath.Join(dir, "run.sh"), append([]string{"--"}, cmd...)...).Run()
		return time.Since(start).Seconds()
	}
	for range b.N {
		b.ReportMetric(timeRun(bin), "looplab-s")
		if node, err := exec.LookPath("node"); err == nil {
			b.ReportMetric(timeRun(node), "node-s")
		}
	}
}
