package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
)

// engineChild marks the process that runs the engine; the one the user started supervises it.
const engineChild = "LOOPLAB_ENGINE_CHILD"

// A Go fatal error (the runtime out of memory, a goroutine's stack past its limit) cannot be
// recovered: the runtime prints a goroutine dump to file descriptor 2 and exits with code 2.
// So the engine runs in a child process whose descriptor 2 is a pipe to this one, and the
// program's own stderr goes to descriptor 3, the real stderr. What arrives on the pipe is the
// Go runtime's alone: a crash becomes one line saying so, exit code 70 (the whole dump with
// LOOPLAB_DEBUG=1), as a panic the engine recovers does.
func supervise(args []string) int {
	self, err := os.Executable()
	if err != nil {
		return run(args, os.Stdout, os.Stderr) // cannot re-run itself: no backstop
	}
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), engineChild+"=1")
	cmd.Stdin, cmd.Stdout, cmd.ExtraFiles = os.Stdin, os.Stdout, []*os.File{os.Stderr}
	runtimeOut, err := cmd.StderrPipe()
	if err != nil {
		return run(args, os.Stdout, os.Stderr)
	}
	// Ctrl-C reaches the child through the terminal; this process only outlives it. (An
	// ignored signal would stay ignored in the child, a caught one does not.)
	signal.Notify(make(chan os.Signal, 1), os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		return run(args, os.Stdout, os.Stderr)
	}
	crash, _ := io.ReadAll(runtimeOut)
	err = cmd.Wait()
	return childExit(err, crash, os.Getenv("LOOPLAB_DEBUG") == "1", os.Stderr)
}

// childExit is the exit code of the supervisor for the engine child's end: its own code, or 70
// with one line on stderr when the Go runtime crashed (what it wrote to its descriptor 2).
func childExit(err error, crash []byte, debug bool, stderr io.Writer) int {
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(stderr, "looplab: the engine did not run: %v\n", err)
		return 70
	}
	code := 0
	if exit != nil {
		code = exit.ExitCode()
		if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			fmt.Fprintf(stderr, "looplab: the engine was killed (%v)\n", status.Signal())
			return 128 + int(status.Signal())
		}
	}
	if len(crash) == 0 {
		return code
	}
	fmt.Fprintf(stderr, "looplab: internal engine error (a bug in Looplab, not in your program): %s; please file it as an issue with the program (LOOPLAB_DEBUG=1 shows the engine's stack)\n", crashSummary(crash))
	if debug {
		stderr.Write(crash)
	}
	return 70
}

// crashSummary is the line of a Go crash report that says what failed.
func crashSummary(crash []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(crash))
	first := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if first == "" {
			first = line
		}
		if strings.HasPrefix(line, "fatal error:") || strings.HasPrefix(line, "panic:") {
			return line
		}
	}
	return first
}
