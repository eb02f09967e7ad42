package lessons

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"looplab/lab"
)

func TestParseLab(t *testing.T) {
	src := "---\ntitle: T\nsummary: S\norder: 1\n---\n\nProse.\n\n" +
		"```lab server-models clients=500 threads=50 io=80ms cpu=5ms stack=8M conn=16K models=pool,node,workers spread=0.5\n```\n\n" +
		"```js run\nconsole.log(1);\n```\n\n```lab server-models\n```\n\n```lab server-models server=1 clients=20 requests=10\n```\n"
	l, err := Parse("lessons/01-lab.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Labs) != 3 || len(l.Blocks) != 1 {
		t.Fatalf("%d labs and %d runnable blocks, want 3 and 1", len(l.Labs), len(l.Blocks))
	}
	b := l.Labs[0]
	want := lab.Defaults()
	want.Clients, want.Threads, want.IO, want.CPU = 500, 50, 80*time.Millisecond, 5*time.Millisecond
	want.StackKB, want.ConnKB, want.Spread = 8192, 16, 0.5
	want.Models = []lab.Model{lab.ThreadPool, lab.Node, lab.NodeWorkers}
	if b.Name != "server-models" || b.Line != 9 || b.Index != 0 || !reflect.DeepEqual(b.Params, want) {
		t.Errorf("lab 0: %+v\nwant params %+v", b, want)
	}
	if l.Labs[1].Index != 1 || !reflect.DeepEqual(l.Labs[1].Params, lab.Defaults()) {
		t.Errorf("a lab without options starts from the defaults: %+v", l.Labs[1])
	}
	if l.Labs[0].Server != 0 || l.Labs[2].Server != 1 || l.Labs[2].MaxMeasured != lab.MaxMeasuredRequests {
		t.Errorf("server=1 names the first runnable block, to measure: %+v", l.Labs[2])
	}
	for _, s := range []string{`<figure class="lab" id="lab-0" data-lab="0">`, `data-lab="1"`, `data-block="0"`} {
		if !strings.Contains(l.HTML, s) {
			t.Errorf("HTML lacks %s:\n%s", s, l.HTML)
		}
	}
	// The page reads the params as JSON and hands them to the lab as they are.
	js, _ := json.Marshal(b)
	var back LabBlock
	if err := json.Unmarshal(js, &back); err != nil || !reflect.DeepEqual(back.Params, b.Params) {
		t.Errorf("params do not survive JSON: %s (%v)", js, err)
	}
}

func TestParseLabErrors(t *testing.T) {
	head := "---\ntitle: T\nsummary: S\norder: 1\n---\n"
	cases := []struct{ name, src, want string }{
		{"no lab name", "```lab\n```\n", "01-a.md:6: a lab block names its lab: `lab server-models`"},
		{"unknown lab", "```lab queues\n```\n", "01-a.md:6: a lab block names its lab"},
		{"body", "```lab server-models\nclients=5\n```\n", "01-a.md:6: a lab block has no body"},
		{"unknown option", "```lab server-models users=5\n```\n", `01-a.md:6: unknown lab option "users=5" (known: clients=, conn=, cores=, cpu=, io=, models=, requests=`},
		{"bad number", "```lab server-models clients=many\n```\n", `01-a.md:6: clients: "many" is not a whole number`},
		{"bad duration", "```lab server-models io=50\n```\n", `01-a.md:6: io: "50" is not a duration such as 50ms`},
		{"bad size", "```lab server-models stack=1000\n```\n", `01-a.md:6: stack: "1000" is not a size in whole KiB`},
		{"out of range", "```lab server-models clients=20000\n```\n", "01-a.md:6: clients must be 1 to 10000"},
		{"unknown model", "```lab server-models models=pool,apache\n```\n", `01-a.md:6: unknown model "apache"`},
		{"bad server", "```lab server-models server=first\n```\n", `01-a.md:6: server: "first" is not the number of a runnable block`},
		{"no such server", "```js run\nconsole.log(1);\n```\n\n```lab server-models server=2\n```\n", "01-a.md:10: server=2: the lesson has 1 runnable blocks"},
		{"too much to measure", "```js run\nconsole.log(1);\n```\n\n```lab server-models server=1 clients=100 requests=5\n```\n", "01-a.md:10: server=1: clients × requests is 500; a server program is measured with at most 400"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("01-a.md", []byte(head+c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant a message containing %q", err, c.want)
			}
		})
	}
}
