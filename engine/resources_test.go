package engine

import (
	"testing"

	"looplab/engine/trace"
)

// TestTraceCarriesMemory checks that the trace tells how much memory each process and worker
// is modeled to take, and that a process costs several times what a worker adds.
func TestTraceCarriesMemory(t *testing.T) {
	src := `const { fork } = require('child_process');
const { Worker } = require('worker_threads');
if (process.argv[2] === 'child') process.exit(0);
new Worker('0', { eval: true });
fork(__filename, ['child']);`
	res := runJS(t, "main.js", src)
	mem := map[string]int64{}
	for _, e := range res.Trace.Events {
		if e.Kind == trace.ThreadStart && e.Memory > 0 {
			mem[e.Role] = e.Memory
		}
	}
	if mem["main"] == 0 || mem["worker"] == 0 || mem["process"] == 0 {
		t.Fatalf("memory per role %v; stderr %s", mem, res.Stderr)
	}
	if mem["process"] < 4*mem["worker"] {
		t.Errorf("a process (%d bytes) should cost at least 4 times a worker (%d bytes)", mem["process"], mem["worker"])
	}
}
