package lessons_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"looplab/engine/transform/esm"
	"looplab/lessons"
	"looplab/lessons/goal"
	"looplab/wasm/bridge"
)

// request builds what the page posts for one program of a block, so that the test runs the
// lesson exactly as the browser does (through the same bridge).
func request(b *lessons.Block, code string, goals []goal.Check) []byte {
	main := "/lesson/main." + b.Lang
	req := bridge.Request{Files: map[string]string{main: code}, Sized: map[string]int64{}, Main: main, Env: b.Options.Env, Cores: b.Options.Cores, Goal: goals}
	for _, f := range b.Options.Files {
		if f.Size > 0 {
			req.Sized["/lesson/"+f.Name] = f.Size
		} else {
			req.Files["/lesson/"+f.Name] = f.Content
		}
	}
	out, _ := json.Marshal(req)
	return out
}

func run(t *testing.T, b *lessons.Block, code string, goals []goal.Check) bridge.Reply {
	t.Helper()
	var reply bridge.Reply
	if err := json.Unmarshal(bridge.Run(request(b, code, goals), esm.Syntax{}), &reply); err != nil {
		t.Fatal(err)
	}
	return reply
}

// engineGaps are blocks the engine cannot run yet, each with its reason; a listed block that
// passes fails the test, so the list cannot go stale.
var engineGaps = map[string]string{}

// TestLessonBlocks runs every runnable block of every lesson through the engine and compares
// its stdout with the lesson's output block; exercises must fail their goal as given and meet
// it with the solution. Plain blocks (no options) also run under real Node when it is here.
func TestLessonBlocks(t *testing.T) {
	all, err := lessons.LoadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	nodeBin, _ := exec.LookPath("node")
	for _, l := range all {
		for _, b := range l.Blocks {
			b := b
			name := filepath.Base(l.File) + "/" + itoa(b.Line)
			t.Run(name, func(t *testing.T) {
				if why, ok := engineGaps[name]; ok {
					if b.Output != nil && run(t, b, b.Code, nil).Stdout == *b.Output {
						t.Errorf("%s passes now: remove it from engineGaps (%s)", name, why)
					}
					t.Skip(why)
				}
				if b.Options.Exercise {
					if met(run(t, b, b.Code, b.Goal)) {
						t.Errorf("line %d: the starting code already meets the goal", b.Line)
					}
					if b.Solution != "" && !met(run(t, b, b.Solution, b.Goal)) {
						t.Errorf("line %d: the solution does not meet the goal", b.Line)
					}
					return
				}
				if b.Output == nil {
					return
				}
				reply := run(t, b, b.Code, nil)
				if reply.Stdout != *b.Output {
					t.Errorf("line %d: the engine printed\n%s\nthe lesson says\n%s\nstderr: %s", b.Line, reply.Stdout, *b.Output, reply.Stderr)
				}
				if nodeBin != "" && plain(b) {
					dir := t.TempDir()
					file := filepath.Join(dir, "main."+b.Lang)
					os.WriteFile(file, []byte(b.Code), 0o644)
					cmd := exec.Command(nodeBin, file)
					cmd.Dir = dir
					out, _ := cmd.Output()
					if string(out) != *b.Output {
						t.Errorf("line %d: real Node printed\n%s\nthe lesson says\n%s", b.Line, out, *b.Output)
					}
				}
			})
		}
	}
}

func plain(b *lessons.Block) bool {
	o := b.Options
	return len(o.Files) == 0 && len(o.Env) == 0 && o.Cores == 0 && !o.Nondeterministic
}

func met(r bridge.Reply) bool {
	if len(r.Verdicts) == 0 {
		return false
	}
	for _, v := range r.Verdicts {
		if !v.Met {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
