// Package goal states and checks the goal of an exercise: conditions on a run's output, exit
// code and trace. It is separate from package lessons so that the browser bridge can check
// goals without linking the markdown loader, and so that the page and the tests judge a
// solution by the same code.
package goal

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"looplab/engine/trace"
)

// Check is one condition of a goal. Every check of a goal must hold.
type Check struct {
	Kind  string   `json:"kind"`  // stdout-has, stdout-order, stdout-lacks, exit, max-busy-ms
	Lines []string `json:"lines"` // the output lines it names (one, or several for stdout-order)
	N     int      `json:"n"`     // exit: the code; max-busy-ms: the bound
	Text  string   `json:"text"`  // the line as written
	Says  string   `json:"says"`  // the check in plain words, for the page
}

// Outcome is what a run produced, as far as goals look at it.
type Outcome struct {
	Stdout   string
	ExitCode int
	Trace    *trace.Trace // needed by max-busy-ms only
}

// Verdict says whether one check held, and if not, why.
type Verdict struct {
	Check string `json:"check"`
	Met   bool   `json:"met"`
	Why   string `json:"why,omitempty"`
}

// Parse reads one goal line, "kind: argument".
func Parse(line string) (Check, error) {
	kind, arg, ok := strings.Cut(line, ":")
	kind, arg = strings.TrimSpace(kind), strings.TrimSpace(arg)
	c := Check{Kind: kind, Text: strings.TrimSpace(line)}
	if !ok || arg == "" {
		return c, fmt.Errorf("goal line is not \"kind: argument\": %q", line)
	}
	switch kind {
	case "stdout-has":
		c.Lines = []string{arg}
		c.Says = fmt.Sprintf("the output has the line “%s”", arg)
	case "stdout-lacks":
		c.Lines = []string{arg}
		c.Says = fmt.Sprintf("the output has no line “%s”", arg)
	case "stdout-order":
		for _, part := range strings.Split(arg, "|") {
			c.Lines = append(c.Lines, strings.TrimSpace(part))
		}
		if len(c.Lines) < 2 {
			return c, fmt.Errorf("stdout-order needs at least two lines separated by |")
		}
		c.Says = fmt.Sprintf("“%s” is printed before “%s”", strings.Join(c.Lines[:len(c.Lines)-1], "”, then “"), c.Lines[len(c.Lines)-1])
	case "exit", "max-busy-ms":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 {
			return c, fmt.Errorf("%s needs a whole number, not %q", kind, arg)
		}
		c.N = n
		c.Says = fmt.Sprintf("the program exits with code %d", n)
		if kind == "max-busy-ms" {
			c.Says = fmt.Sprintf("the main thread is never busy for more than %d ms at once", n)
		}
	default:
		return c, fmt.Errorf("unknown goal %q (known: stdout-has, stdout-order, stdout-lacks, exit, max-busy-ms)", kind)
	}
	return c, nil
}

// Judge checks every condition against one run.
func Judge(checks []Check, o Outcome) []Verdict {
	lines := strings.Split(strings.TrimSuffix(o.Stdout, "\n"), "\n")
	verdicts := make([]Verdict, len(checks))
	for i, c := range checks {
		v := Verdict{Check: c.Says, Met: true}
		switch c.Kind {
		case "stdout-has":
			if !slices.Contains(lines, c.Lines[0]) {
				v.Met, v.Why = false, fmt.Sprintf("no output line is %q", c.Lines[0])
			}
		case "stdout-lacks":
			if slices.Contains(lines, c.Lines[0]) {
				v.Met, v.Why = false, fmt.Sprintf("the output has the line %q", c.Lines[0])
			}
		case "stdout-order":
			v.Met, v.Why = inOrder(lines, c.Lines)
		case "exit":
			if o.ExitCode != c.N {
				v.Met, v.Why = false, fmt.Sprintf("the exit code is %d", o.ExitCode)
			}
		case "max-busy-ms":
			busy := LongestBusy(o.Trace)
			if busy > time.Duration(c.N)*time.Millisecond {
				v.Met, v.Why = false, fmt.Sprintf("the main thread was busy for %.1f ms at once", float64(busy)/float64(time.Millisecond))
			}
		}
		verdicts[i] = v
	}
	return verdicts
}

func inOrder(lines, want []string) (bool, string) {
	at := 0
	for _, w := range want {
		i := slices.Index(lines[at:], w)
		if i < 0 {
			if slices.Contains(lines, w) {
				return false, fmt.Sprintf("%q comes too early", w)
			}
			return false, fmt.Sprintf("no output line is %q", w)
		}
		at += i + 1
	}
	return true, ""
}

// LongestBusy is the longest time the main thread ran JavaScript without a break: the main
// module, or one callback with the nextTicks and microtasks that run inside it.
func LongestBusy(t *trace.Trace) time.Duration {
	if t == nil {
		return 0
	}
	main, depth := -1, 0
	var longest, since time.Duration
	for _, e := range t.Events {
		if e.Kind == trace.ThreadStart && e.Role == "main" && main < 0 {
			main = e.Thread
		}
		if e.Thread != main {
			continue
		}
		at := time.Duration(e.Micros) * time.Microsecond
		// Runs nest (a microtask drained inside a callback), so only the outermost one counts.
		switch {
		case e.Kind == trace.CallbackRun, e.Kind == trace.PhaseEnter && e.Phase == "main":
			if depth == 0 {
				since = at
			}
			depth++
		case e.Kind == trace.RunEnd, e.Kind == trace.PhaseLeave && e.Phase == "main":
			depth--
			if depth == 0 {
				longest = max(longest, at-since)
			}
		}
	}
	return longest
}
