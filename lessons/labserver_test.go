package lessons_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"looplab/engine/transform/esm"
	"looplab/lab"
	"looplab/lessons"
	"looplab/wasm/bridge"
)

// measureBlock measures a block's server under a lab's load as the page does: the block's
// request, through the bridge, with Measure set.
func measureBlock(t *testing.T, b *lessons.Block, code string, load lab.Params) bridge.Reply {
	t.Helper()
	var req bridge.Request
	if err := json.Unmarshal(request(b, code, nil), &req); err != nil {
		t.Fatal(err)
	}
	req.Measure = &load
	js, _ := json.Marshal(req)
	var reply bridge.Reply
	if err := json.Unmarshal(bridge.Run(js, esm.Syntax{}), &reply); err != nil {
		t.Fatal(err)
	}
	if reply.Measured == nil {
		t.Fatalf("block at line %d was not measured: %s%s", b.Line, reply.Error, reply.Stderr)
	}
	return reply
}

// TestLabServersMeasure: every lab with server=N can measure program N under its starting
// load, and lesson 4 says what the measurement shows: its blocking handler serves 1/C, the
// loop model's bound, and without the CPU work the clients' N/(W+Z).
func TestLabServersMeasure(t *testing.T) {
	all, err := lessons.LoadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		for _, lb := range l.Labs {
			if lb.Server == 0 {
				continue
			}
			b := l.Blocks[lb.Server-1]
			p := lb.Params
			tot := measureBlock(t, b, b.Code, p).Measured.Totals
			t.Logf("%s, lab at line %d, program %d: %.1f responses/s, p50 %.1f ms, p99 %.1f ms", l.Slug, lb.Line, lb.Server, tot.Throughput, tot.P50, tot.P99)
			if tot.Completed != p.Clients*p.Requests {
				t.Errorf("%s: %d responses, want %d", l.Slug, tot.Completed, p.Clients*p.Requests)
			}
			if l.Slug != "04-cpu-blocks" {
				continue
			}
			near(t, "lesson 4's server: throughput, as the loop model's bound 1/C", tot.Throughput, p.Bound(lab.Node))
			unblocked := strings.Replace(b.Code, "  compute(5); // 5 ms of CPU: the loop is taken\n", "", 1)
			if unblocked == b.Code {
				t.Fatal("lesson 4's server no longer has the compute(5) line the prose tells the reader to delete")
			}
			free := measureBlock(t, b, unblocked, p).Measured.Totals
			near(t, "lesson 4's server without compute: throughput, N/(W+Z)", free.Throughput, float64(p.Clients)/(p.IO+p.Think).Seconds())
			near(t, "lesson 4's server without compute: p50 latency (ms)", free.P50, 50)
		}
	}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	t.Logf("%s: %.1f, want %.1f", what, got, want)
	if math.Abs(got-want) > 0.1*want {
		t.Errorf("%s = %.1f, want %.1f within 10%%", what, got, want)
	}
}
