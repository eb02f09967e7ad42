package goal

import (
	"testing"

	"looplab/engine/trace"
)

func TestJudge(t *testing.T) {
	parse := func(line string) Check {
		c, err := Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tr := &trace.Trace{Events: []trace.Event{
		{Micros: 0, Thread: 0, Kind: trace.ThreadStart, Role: "main"},
		{Micros: 0, Kind: trace.PhaseEnter, Phase: "main"},
		{Micros: 3000, Kind: trace.PhaseLeave, Phase: "main"},
		{Micros: 5000, Kind: trace.CallbackRun, ID: 1},
		{Micros: 6000, Kind: trace.CallbackRun, ID: 2},
		{Micros: 7000, Kind: trace.RunEnd, ID: 2},
		{Micros: 12000, Kind: trace.RunEnd, ID: 1},
	}}
	o := Outcome{Stdout: "a\nb\nc\n", ExitCode: 0, Trace: tr}
	cases := []struct {
		line string
		met  bool
	}{
		{"stdout-has: b", true}, {"stdout-has: d", false},
		{"stdout-lacks: d", true}, {"stdout-lacks: a", false},
		{"stdout-order: a | c", true}, {"stdout-order: c | a", false},
		{"exit: 0", true}, {"exit: 1", false},
		{"max-busy-ms: 7", true}, {"max-busy-ms: 6", false},
	}
	for _, c := range cases {
		v := Judge([]Check{parse(c.line)}, o)[0]
		if v.Met != c.met {
			t.Errorf("%s: met=%v (%s), want %v", c.line, v.Met, v.Why, c.met)
		}
	}
	for _, bad := range []string{"stdout-order: a", "exit: x", "speed: 1", "stdout-has"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) should fail", bad)
		}
	}
}
