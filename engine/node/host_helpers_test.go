package node_test

import (
	"strings"
	"testing"

	"looplab/engine"
	"looplab/engine/trace"
)

// runHost runs src as /app/main.js in deterministic mode, with a trace, and fails the test if
// the program did not exit with code 0.
func runHost(t *testing.T, src string, env ...string) engine.Result {
	t.Helper()
	opts := engine.Options{Files: map[string][]byte{"/app/main.js": []byte(src)}, Main: "/app/main.js", Deterministic: true, Trace: true}
	if len(env) > 0 {
		opts.Env = map[string]string{}
		for _, kv := range env {
			k, v, _ := strings.Cut(kv, "=")
			opts.Env[k] = v
		}
	}
	res := engine.Run(opts)
	if res.ExitCode != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", res.ExitCode, res.Stdout, res.Stderr)
	}
	return res
}

// expectStdout runs src and compares its whole stdout with want (leading newline ignored).
func expectStdout(t *testing.T, src, want string, env ...string) engine.Result {
	t.Helper()
	res := runHost(t, src, env...)
	want = strings.TrimPrefix(want, "\n")
	if res.Stdout != want {
		t.Errorf("stdout\n got:\n%s\nwant:\n%s\nstderr:\n%s", res.Stdout, want, res.Stderr)
	}
	return res
}

// poolLabels lists the labels of the pool jobs a run submitted, in order.
func poolLabels(tr *trace.Trace) []string {
	var out []string
	for _, e := range tr.Events {
		if e.Kind == trace.PoolSubmit {
			out = append(out, e.Label)
		}
	}
	return out
}
