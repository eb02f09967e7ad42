// Command looplab runs a JavaScript file on the simulated Node.js runtime, like `node FILE`:
// same stdout, stderr and exit code. With --trace it also writes the run's trace as JSON.
package main

import (
	"flag"
	"fmt"
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
	files, err := loadFiles(main, maxLoadedBytes, maxLoadedFiles)
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

// Budgets for what of the real disk is copied into the simulated file system.
const (
	maxLoadedBytes = 64 << 20
	maxLoadedFiles = 1000
)

// loadFiles copies the main file and the files beside it and below into the simulated file
// system, at their real absolute paths, so that require('./x') works. It goes breadth first,
// nearest folders first, until a budget runs out: a file run from a crowded folder (/tmp) then
// starts at once instead of copying the whole tree.
func loadFiles(main string, maxBytes, maxFiles int) (map[string][]byte, error) {
	data, err := os.ReadFile(main)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", main, err)
	}
	files := map[string][]byte{main: data}
	total := len(data)
	for dirs := []string{filepath.Dir(main)}; len(dirs) > 0 && len(files) < maxFiles; dirs = dirs[1:] {
		entries, _ := os.ReadDir(dirs[0])
		for _, e := range entries {
			p := filepath.Join(dirs[0], e.Name())
			switch {
			case e.IsDir():
				if !strings.HasPrefix(e.Name(), ".") {
					dirs = append(dirs, p)
				}
			case e.Type().IsRegular() && p != main && len(files) < maxFiles:
				info, err := e.Info()
				if err != nil || total+int(info.Size()) > maxBytes {
					continue
				}
				if b, err := os.ReadFile(p); err == nil {
					files[p] = b
					total += len(b)
				}
			}
		}
	}
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
