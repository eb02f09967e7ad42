package main

import (
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
)

// TestMain lets this test binary stand in for the engine child that crashes the Go runtime.
func TestMain(m *testing.M) {
	if os.Getenv("LOOPLAB_TEST_FATAL") == "1" {
		debug.SetMaxStack(1 << 16)
		var recurse func(int) int
		recurse = func(n int) int { return recurse(n+1) + 1 }
		recurse(0) // fatal error: stack overflow, which no recover catches
	}
	os.Exit(m.Run())
}

// A Go fatal error in the engine child (here a stack overflow) reaches the user as one line,
// exit code 70; the dump only with LOOPLAB_DEBUG=1. An ordinary end passes its code through.
func TestGoFatalErrorIsOneLine(t *testing.T) {
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "LOOPLAB_TEST_FATAL=1")
	var dump strings.Builder
	child.Stderr = &dump
	err := child.Run()
	if !strings.Contains(dump.String(), "goroutine ") {
		t.Fatalf("the child did not crash as the Go runtime does: %v\n%s", err, dump.String())
	}
	for _, debugOn := range []bool{false, true} {
		var stderr strings.Builder
		code := childExit(err, []byte(dump.String()), debugOn, &stderr)
		want := "looplab: internal engine error (a bug in Looplab, not in your program): fatal error: stack overflow; please file it as an issue with the program (LOOPLAB_DEBUG=1 shows the engine's stack)\n"
		if code != 70 || !strings.HasPrefix(stderr.String(), want) || debugOn != strings.Contains(stderr.String(), "goroutine ") {
			t.Errorf("debug=%v: code %d, stderr %q", debugOn, code, stderr.String())
		}
	}
	ok := exec.Command(os.Args[0], "-test.run=^$")
	if code := childExit(ok.Run(), nil, false, &strings.Builder{}); code != 0 {
		t.Errorf("a clean end gave code %d", code)
	}
	three := exec.Command("sh", "-c", "exit 3")
	if code := childExit(three.Run(), nil, false, &strings.Builder{}); code != 3 {
		t.Errorf("exit 3 gave code %d", code)
	}
}
