package engine

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"looplab/engine/trace"
)

var update = flag.Bool("update", false, "rewrite the golden traces in testdata/traces")

// TestGoldenTraces runs every testdata/traces/NAME.js in deterministic mode and compares its
// trace with NAME.trace.json byte for byte: the encoding and the engine's order stay stable.
// Run with -update to rewrite them, and commit only diffs you understand.
func TestGoldenTraces(t *testing.T) {
	programs, _ := filepath.Glob("testdata/traces/*.js")
	if len(programs) == 0 {
		t.Fatal("no golden trace programs")
	}
	for _, prog := range programs {
		name := strings.TrimSuffix(filepath.Base(prog), ".js")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(prog)
			if err != nil {
				t.Fatal(err)
			}
			got := encodeTrace(t, runJS(t, name+".js", string(src)).Trace)
			again := encodeTrace(t, runJS(t, name+".js", string(src)).Trace)
			if !bytes.Equal(got, again) {
				t.Fatal("deterministic mode gave two different traces for the same program")
			}
			golden := strings.TrimSuffix(prog, ".js") + ".trace.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("trace differs from %s (run go test -run TestGoldenTraces -update and review the diff)", golden)
			}
		})
	}
	// A golden file whose program is gone is stale.
	goldens, _ := filepath.Glob("testdata/traces/*.trace.json")
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".trace.json") + ".js"); err != nil {
			t.Errorf("stale golden trace %s: no program", g)
		}
	}
}

func encodeTrace(t *testing.T, tr *trace.Trace) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := trace.Encode(&b, tr); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestTraceRoundTrip decodes an encoded trace back to the same events.
func TestTraceRoundTrip(t *testing.T) {
	res := runJS(t, "main.js", `setTimeout(() => console.log('t'), 5); Promise.resolve().then(() => console.log('p'))`)
	enc := encodeTrace(t, res.Trace)
	dec, err := trace.Decode(bytes.NewReader(enc))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encodeTrace(t, dec), enc) {
		t.Error("decode(encode(trace)) differs")
	}
}
