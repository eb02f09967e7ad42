package bridge

import (
	"encoding/json"
	"strings"
	"testing"

	"looplab/engine/trace"
	"looplab/lab"
	"looplab/lessons/goal"
)

func TestRunReturnsOutputTraceAndVerdicts(t *testing.T) {
	check, _ := goal.Parse("stdout-order: a | b")
	req, _ := json.Marshal(Request{
		Files: map[string]string{"/app/main.js": "console.log('a');\nsetTimeout(() => console.log('b'), 1);\n" +
			"console.log(require('fs').statSync('/app/big.txt').size);\n"},
		Sized: map[string]int64{"/app/big.txt": 1000},
		Main:  "/app/main.js",
		Goal:  []goal.Check{check},
	})
	var reply Reply
	if err := json.Unmarshal(Run(req, nil), &reply); err != nil {
		t.Fatal(err)
	}
	if reply.Error != "" || reply.Stdout != "a\n1000\nb\n" || reply.ExitCode != 0 {
		t.Fatalf("reply: %+v", reply)
	}
	tr, err := trace.Decode(strings.NewReader(string(reply.Trace)))
	if err != nil || len(tr.Events) == 0 {
		t.Fatalf("trace: %v (%d events)", err, len(tr.Events))
	}
	if len(reply.Verdicts) != 1 || !reply.Verdicts[0].Met {
		t.Errorf("verdicts: %+v", reply.Verdicts)
	}
}

func TestRunReportsABadRequest(t *testing.T) {
	var reply Reply
	if err := json.Unmarshal(Run([]byte("{"), nil), &reply); err != nil {
		t.Fatal(err)
	}
	if reply.Error == "" || reply.ExitCode != -1 {
		t.Errorf("reply: %+v", reply)
	}
}

func TestFillerRepeats(t *testing.T) {
	a, b := filler("/app/x", 64), filler("/app/x", 64)
	if string(a) != string(b) || len(a) != 64 {
		t.Error("filler must depend only on its path and size")
	}
}

// TestRunMeasuresAServer: a request with Measure runs the program's server under the lab's
// load and replies with the measurement instead of a trace; a bad program's error comes back
// as its stderr.
func TestRunMeasuresAServer(t *testing.T) {
	load := lab.Defaults()
	load.Clients, load.Requests = 5, 4
	for _, c := range []struct {
		name, src string
		ok        bool
	}{
		{"a server", "require('http').createServer((req, res) => res.end('hi')).listen(0);", true},
		{"no server", "console.log('no server here');", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := json.Marshal(Request{Files: map[string]string{"/app/main.js": c.src}, Main: "/app/main.js", Measure: &load})
			var reply Reply
			if err := json.Unmarshal(Run(req, nil), &reply); err != nil {
				t.Fatal(err)
			}
			if reply.Trace != nil {
				t.Error("a measurement replies without a trace")
			}
			if c.ok && (reply.Measured == nil || reply.Measured.Totals.Completed != 20 || reply.Measured.Model != lab.Program) {
				t.Errorf("reply: %+v", reply)
			}
			if !c.ok && (reply.Measured != nil || !strings.Contains(reply.Stderr, "not measured") || reply.ExitCode != 1) {
				t.Errorf("reply: %+v", reply)
			}
		})
	}
}
