// Command looplab runs a JavaScript file on the simulated Node.js runtime, like `node FILE`:
// same stdout, stderr and exit code. With --trace it also writes the run's trace as JSON.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"looplab/engine"
	"looplab/engine/trace"
	"looplab/engine/transform/esm"
)

func main() {
	if os.Getenv(engineChild) != "1" {
		os.Exit(supervise(os.Args[1:]))
	}
	// The engine child: the program's stderr is descriptor 3 (see supervise).
	os.Exit(run(os.Args[1:], os.Stdout, os.NewFile(3, "stderr")))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("looplab", flag.ContinueOnError)
	flags.SetOutput(stderr)
	traceOut := flags.String("trace", "", "also write the trace as JSON to this file")
	deterministic := flags.Bool("deterministic", false, "count work instead of measuring it, so the trace is the same every run")
	cores := flags.Int("cores", 0, "simulated CPU cores (default 4)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: looplab [--trace OUT.json] [--deterministic] [--cores N] FILE [ARGS...]")
		fmt.Fprintln(stderr, "The program sees the real file system, read on first use; what it writes, renames or")
		fmt.Fprintln(stderr, "deletes stays in the simulation and never reaches the disk.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 9 // Node's exit code for invalid arguments
	}
	if flags.NArg() < 1 {
		flags.Usage()
		return 9
	}
	main, err := filepath.Abs(flags.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "looplab:", err)
		return 1
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	cwd, _ := os.Getwd()
	res := engine.Run(engine.Options{
		Disk: os.DirFS("/"), Main: main, Args: flags.Args()[1:], Env: env, Cwd: cwd,
		Cores: *cores, Deterministic: *deterministic, Trace: *traceOut != "",
		Debug:  os.Getenv("LOOPLAB_DEBUG") == "1",
		Syntax: esm.Syntax{},
		Stdout: func(s string) { io.WriteString(stdout, s) },
		Stderr: func(s string) { io.WriteString(stderr, s) },
	})
	if *traceOut != "" {
		if err := writeTrace(*traceOut, res.Trace); err != nil {
			fmt.Fprintln(stderr, "looplab:", err)
			return 1
		}
	}
	return res.ExitCode
}

func writeTrace(name string, t *trace.Trace) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := trace.Encode(f, t); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
