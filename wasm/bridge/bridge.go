// Package bridge turns a run request from the page into engine options and the engine's
// result into the reply the page replays. It holds everything of the browser bridge that does
// not need a browser, so it builds and tests natively; package main in wasm/ only wires it to
// JavaScript.
package bridge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"looplab/engine"
	"looplab/engine/trace"
	"looplab/lab"
	"looplab/lab/measure"
	"looplab/lessons/goal"
)

// Request is what the page posts to the worker: the program, its simulated machine, and the
// goal of an exercise if it is one.
type Request struct {
	Files map[string]string `json:"files"` // absolute path to content
	// Sized files are generated here rather than posted, so that the lesson's 100 MB file does
	// not cross postMessage. Absolute path to size in bytes.
	Sized map[string]int64  `json:"sized,omitempty"`
	Main  string            `json:"main"`
	Env   map[string]string `json:"env,omitempty"`
	Cores int               `json:"cores,omitempty"`
	Goal  []goal.Check      `json:"goal,omitempty"`
	// Measure, if set, measures the program's server under this load of the lab
	// (measure.Server) instead of running it once: the reply holds Measured and no trace.
	Measure *lab.Params `json:"measure,omitempty"`
}

// Reply is what the worker posts back. Trace is the engine's own JSON, passed through as is.
type Reply struct {
	Stdout   string          `json:"stdout"`
	Stderr   string          `json:"stderr"`
	ExitCode int             `json:"exitCode"`
	Stopped  string          `json:"stopped,omitempty"`
	Trace    json.RawMessage `json:"trace,omitempty"`
	Verdicts []goal.Verdict  `json:"verdicts,omitempty"`
	Measured *lab.Result     `json:"measured,omitempty"`
	Error    string          `json:"error,omitempty"` // a host failure, not the program's
	// Internal is set when the engine failed (a bug in Looplab, engine.Result.Internal): the
	// page says the engine stopped and replaces it.
	Internal string `json:"internal,omitempty"`
}

// Run decodes one request, runs it deterministically with a trace, and encodes the reply.
// syntax lowers ES modules (nil: CommonJS only). Run never returns an error: a host failure is
// reported in Reply.Error so the page can say so.
func Run(request []byte, syntax engine.Syntax) []byte {
	reply, err := run(request, syntax)
	if err != nil {
		return Failed(err.Error())
	}
	b, _ := json.Marshal(reply)
	return b
}

// Failed is the reply for a host failure that stopped the run (message says which).
func Failed(message string) []byte {
	b, _ := json.Marshal(Reply{Error: message, ExitCode: -1})
	return b
}

// Crashed is the reply for a panic that escaped the engine: an internal error, as the engine
// reports its own (engine.Result.Internal); the page replaces the engine.
func Crashed(panicked any) []byte {
	b, _ := json.Marshal(Reply{Internal: fmt.Sprint(panicked), ExitCode: 70})
	return b
}

func run(request []byte, syntax engine.Syntax) (Reply, error) {
	var req Request
	if err := json.Unmarshal(request, &req); err != nil {
		return Reply{}, fmt.Errorf("decode run request: %w", err)
	}
	files := make(map[string][]byte, len(req.Files)+len(req.Sized))
	for p, s := range req.Files {
		files[p] = []byte(s)
	}
	for p, n := range req.Sized {
		files[p] = filler(p, n)
	}
	if req.Measure != nil {
		// Why the measurement failed (the program's error, a load out of range) is for the
		// page to show, as a program's own output would be.
		m, err := measure.Server(engine.Options{Files: files, Main: req.Main, Env: req.Env, Syntax: syntax}, *req.Measure)
		if err != nil {
			return Reply{Stderr: err.Error(), ExitCode: 1}, nil
		}
		return Reply{Measured: &m}, nil
	}
	res := engine.Run(engine.Options{
		Files:         files,
		Main:          req.Main,
		Env:           req.Env,
		Cores:         req.Cores,
		Deterministic: true, // the page, the lesson tests and a shared link must see the same run
		Trace:         true,
		Syntax:        syntax,
	})
	reply := Reply{Stdout: res.Stdout, Stderr: res.Stderr, ExitCode: res.ExitCode, Stopped: res.Stopped, Internal: res.Internal}
	if res.Trace != nil {
		var buf bytes.Buffer
		if err := trace.Encode(&buf, res.Trace); err != nil {
			return Reply{}, err
		}
		reply.Trace = buf.Bytes()
	}
	if len(req.Goal) > 0 {
		reply.Verdicts = goal.Judge(req.Goal, goal.Outcome{Stdout: res.Stdout, ExitCode: res.ExitCode, Trace: res.Trace})
	}
	return reply, nil
}

// filler makes n bytes of printable content that depend only on the path, so runs repeat.
func filler(path string, n int64) []byte {
	var seed uint64
	for _, c := range []byte(path) {
		seed = seed*31 + uint64(c)
	}
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	b := make([]byte, n)
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 \n"
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return b
}
