package node

import (
	"strings"
	"testing"
	"time"

	"looplab/engine/loop"
	"looplab/engine/vfs"
)

// An interrupt (here the real-time limit) that lands in the engine's own JavaScript, a
// built-in module being loaded, stops the run with its reason: it is no engine crash. (Found
// by FuzzHostile: the limit met a child process naming its natives.)
func TestInterruptInEngineJavaScriptIsAStop(t *testing.T) {
	sched := loop.NewScheduler(nil)
	cfg := &Config{Deterministic: true, StackDepth: 1000, Epoch: time.Unix(0, 0), Cores: 1}
	p := NewProcess(cfg, sched, 1, []string{"node", "/app/main.js"}, map[string]string{}, "/app", vfs.New(time.Now))
	reached := false
	sched.Spawn(0, 0, p.threadBody(func(th *loop.Thread) {
		p.main = newRealm(p, th)
		p.main.interrupt(limitSignal{"the program ran longer than the limit"})
		p.main.requireBuiltin("zlib")
		reached = true
	}))
	sched.Run() // a panic here would be the crash
	if reached || !strings.HasPrefix(p.Stopped, "the program ran longer than the limit") {
		t.Errorf("went on after the interrupt: %v; stopped %q", reached, p.Stopped)
	}
}
