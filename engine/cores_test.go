package engine

import (
	"strings"
	"testing"
)

// TestCoresAreShared checks the processor-sharing model of the simulated machine: work that
// wants a core at the same time is slowed down only when there are fewer cores than takers.
func TestCoresAreShared(t *testing.T) {
	// Two workers that busy-wait 200 ms of their own clock each, or run a native loop of 2e8
	// iterations: 200 ms of CPU time.
	workers := twoWorkers("const s = Date.now(); while (Date.now() - s < 200) {}")
	loops := twoWorkers("let s = 0; for (let i = 0; i < 2e8; i++) s += i & 1;")
	pool := `const crypto = require('crypto');
const start = Date.now();
let left = 4;
for (let i = 0; i < 4; i++) crypto.pbkdf2('k', 's' + i, 300000, 64, 'sha512', () => {
  if (--left === 0) console.log(Math.round((Date.now() - start) / 100) * 100);
});`
	cases := []struct {
		name, src string
		cores     int
		want      string
	}{
		{"two native loops, two cores", loops, 2, "200"},
		{"two native loops, one core", loops, 1, "400"},
		{"two workers, two cores", workers, 2, "200"},
		{"two workers, one core", workers, 1, "400"},
		// Four pbkdf2 jobs of about 195 ms on the four pool threads.
		{"four pool jobs, four cores", pool, 4, "200"},
		{"four pool jobs, two cores", pool, 2, "400"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runJS(t, "main.js", c.src, func(o *Options) { o.Cores = c.cores })
			if got := strings.TrimSpace(res.Stdout); got != c.want {
				t.Errorf("finished after about %s ms, want %s (stderr %s)", got, c.want, res.Stderr)
			}
		})
	}
}

// twoWorkers is a program that starts two workers running body and prints, to the nearest
// 100 ms, when both have exited.
func twoWorkers(body string) string {
	return `const { Worker } = require('worker_threads');
const start = Date.now();
let left = 2;
for (let i = 0; i < 2; i++) {
  const w = new Worker('` + body + `', { eval: true });
  w.on('exit', () => { if (--left === 0) console.log(Math.round((Date.now() - start) / 100) * 100); });
}`
}
