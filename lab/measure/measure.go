// Package measure puts a lesson's own server program under the load lab's closed-loop load and
// measures it the way the lab measures its models, so that a reader sees their own blocking
// handler hurt beside the models.
//
// It is a package of its own, not part of lab, because it runs the engine: the lab's wasm
// module (wasm/lab) links lab alone and stays a few MB, while this package is linked into the
// engine's module, where the engine already is.
package measure

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"strings"
	"time"

	"looplab/engine"
	"looplab/lab"
)

// harness is the program Server runs around the server program (see harness.js).
//
//go:embed harness.js
var harness string

// harnessPath is where the harness lives in the simulated file system, out of the program's way.
const harnessPath = "/looplab/measure.js"

// resultPrefix starts the harness's one line of results (RESULT in harness.js).
const resultPrefix = "@@looplab-measure "

// Server puts a server program under the closed-loop load of p and measures it as the lab's
// models are measured (lab.Measured): the same windows and totals, from the start and end of
// every request. The result's Model is lab.Program.
//
// program holds the server program as the engine would run it alone (Files, Main, Env,
// Syntax); the other options are Server's. Of p, only the load counts (Clients, Requests,
// Think, Spread, Seed) and the machine's Cores: the program's own handler decides what a
// request costs, so IO, CPU and the models' parameters play no part. Every client requests
// GET /. The program's first http.createServer is measured; the callback the program gives to
// listen, where lesson programs start their own clients, is not called, and its server.close
// does nothing.
//
// The run is deterministic: a program measures the same every time.
func Server(program engine.Options, p lab.Params) (lab.Result, error) {
	if err := p.Validate(); err != nil {
		return lab.Result{}, err
	}
	n := p.Clients * p.Requests
	if n > lab.MaxMeasuredRequests {
		return lab.Result{}, fmt.Errorf("a server program is measured with at most %d requests (clients × requests), not %d: the engine runs its JavaScript for real", lab.MaxMeasuredRequests, n)
	}
	if program.Files[program.Main] == nil {
		return lab.Result{}, fmt.Errorf("the server program %s is not among its files", program.Main)
	}
	// Each client's waits in whole milliseconds, which is what the harness's timers count.
	waits := make([][]int64, p.Clients)
	for i := range waits {
		for _, w := range p.Waits(i) {
			waits[i] = append(waits[i], w.Round(time.Millisecond).Milliseconds())
		}
	}
	schedule, _ := json.Marshal(waits)
	files := maps.Clone(program.Files)
	files[harnessPath] = []byte(harness)
	res := engine.Run(engine.Options{
		Files: files,
		Main:  harnessPath,
		Args:  []string{program.Main, string(schedule)},
		Env:   program.Env,
		Cwd:   path.Dir(program.Main),
		// One more core for the clients' process: the models' clients are outside the machine.
		Cores:         p.Cores + 1,
		Deterministic: true,
		Syntax:        program.Syntax,
	})
	times, ok := parseTimes(res.Stdout)
	if !ok {
		return lab.Result{}, fmt.Errorf("the server was not measured: %s", failure(res))
	}
	if len(times.Start) != n || len(times.End) != n {
		return lab.Result{}, fmt.Errorf("the clients reported %d requests, want %d", len(times.Start), n)
	}
	reqs := make([]lab.RequestTimes, n)
	for i := range reqs {
		reqs[i] = lab.RequestTimes{Start: fromMs(times.Start[i]), End: fromMs(times.End[i])}
	}
	return lab.Measured(reqs), nil
}

// requestTimes are what the harness's clients report: each request's start and end, in ms of
// performance.now() in the clients' process.
type requestTimes struct {
	Start []float64 `json:"start"`
	End   []float64 `json:"end"`
}

func fromMs(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// parseTimes finds the harness's line of results; the program may have printed anything before it.
func parseTimes(stdout string) (requestTimes, bool) {
	var t requestTimes
	i := strings.LastIndex(stdout, "\n"+resultPrefix)
	if i < 0 {
		return t, false
	}
	line, _, _ := strings.Cut(stdout[i+1+len(resultPrefix):], "\n")
	return t, json.Unmarshal([]byte(line), &t) == nil
}

// failure says why a run printed no results: the program's error, or the limit that stopped it.
func failure(res engine.Result) string {
	if msg := strings.TrimSpace(res.Stderr); msg != "" {
		// The last lines hold the error and where it was thrown; a long stack helps no one here.
		lines := strings.Split(msg, "\n")
		return strings.Join(lines[max(0, len(lines)-6):], "\n")
	}
	return fmt.Sprintf("the program ended (exit code %d) before its server had answered every request; does it call http.createServer and listen?", res.ExitCode)
}
