// Command looplab runs a JavaScript file on the simulated Node.js runtime, like `node FILE`:
// same stdout, stderr and exit code. With --trace it also writes the run's trace as JSON.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"looplab/engine"
	"looplab/engine/trace"
	"looplab/engine/transform/esm"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	flags := flag.NewFlagSet("looplab", flag.ContinueOnError)
	traceOut := flags.String("trace", "", "also write the trace as JSON to this file")
	deterministic := flags.Bool("deterministic", false, "count work instead of measuring it, so the trace is the same every run")
	cores := flags.Int("cores", 0, "simulated CPU cores (default 4)")
	flags.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: looplab [--trace OUT.json] [--deterministic] [--cores N] FILE [ARGS...]")
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
		fmt.Fprintln(os.Stderr, "looplab:", err)
		return 1
	}
	files, err := loadFiles(main)
	if err != nil {
		fmt.Fprintln(os.Stderr, "looplab:", err)
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
		Files: files, Main: main, Args: flags.Args()[1:], Env: env, Cwd: cwd,
		Cores: *cores, Deterministic: *deterministic, Trace: *traceOut != "",
		Syntax: esm.Syntax{},
		Stdout: func(s string) { os.Stdout.WriteString(s) },
		Stderr: func(s string) { os.Stderr.WriteString(s) },
	})
	if *traceOut != "" {
		if err := writeTrace(*traceOut, res.Trace); err != nil {
			fmt.Fprintln(os.Stderr, "looplab:", err)
			return 1
		}
	}
	return res.ExitCode
}

// maxLoadedBytes bounds how much of the real disk is copied into the simulated file system.
const maxLoadedBytes = 64 << 20

// loadFiles copies the main file and the files beside it (and below, within a budget) into the
// simulated file system, at their real absolute paths, so that require('./x') works.
func loadFiles(main string) (map[string][]byte, error) {
	data, err := os.ReadFile(main)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", main, err)
	}
	files := map[string][]byte{main: data}
	total := len(data)
	root := filepath.Dir(main)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == main {
			return nil
		}
		if d.IsDir() {
			if name := d.Name(); p != root && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() || total+int(info.Size()) > maxLoadedBytes {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil {
			files[p] = b
			total += len(b)
		}
		return nil
	})
	return files, nil
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
