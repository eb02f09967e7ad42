package lessons

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"looplab/lab"
)

// KindLab is the node kind of a lab block in a lesson's syntax tree.
var KindLab = ast.NewNodeKind("Lab")

// Labs are the labs a `lab NAME` block can place.
var Labs = []string{"server-models"}

// LabBlock is one lab placed in a lesson: which lab, and the parameters it starts with. Params
// are the lab's own type, so the loader checks them against the lab's own limits.
type LabBlock struct {
	Index  int        `json:"index"` // its position among the lesson's lab blocks
	Line   int        `json:"line"`  // the file line of its opening fence
	Name   string     `json:"name"`
	Params lab.Params `json:"params"`
	// Server, if not 0, is the runnable block (numbered from 1, as the page numbers them)
	// whose server program the reader can measure under the lab's load, beside the models.
	Server int `json:"server,omitempty"`
	// MaxMeasured is lab.MaxMeasuredRequests when Server is set, for the page to say so before
	// it asks.
	MaxMeasured int `json:"maxMeasured,omitempty"`
}

// LabNode replaces a fenced code block whose info string starts with `lab`.
type LabNode struct {
	ast.BaseBlock
	Lab *LabBlock
}

// Kind implements ast.Node.
func (n *LabNode) Kind() ast.NodeKind { return KindLab }

// Dump implements ast.Node.
func (n *LabNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Lab.Name, "Line": fmt.Sprint(n.Lab.Line)}, nil)
}

// lab turns a `lab NAME OPTIONS` fence into a LabNode.
func (t *runnableTransformer) lab(f *ast.FencedCodeBlock, words []string, line int, source []byte) {
	if len(words) < 2 || !slices.Contains(Labs, words[1]) {
		t.errs.add(line, "a lab block names its lab: `lab server-models` (known: %s)", strings.Join(Labs, ", "))
		return
	}
	if strings.TrimSpace(string(f.Text(source))) != "" {
		t.errs.add(line, "a lab block has no body: its options go after `lab %s` on the fence line", words[1])
	}
	p, server, problems := parseLabOptions(words[2:])
	for _, msg := range problems {
		t.errs.add(line, "%s", msg)
	}
	b := &LabBlock{Index: len(t.labs), Line: line, Name: words[1], Params: p, Server: server}
	if server != 0 {
		b.MaxMeasured = lab.MaxMeasuredRequests
	}
	t.labs = append(t.labs, b)
	f.Parent().ReplaceChild(f.Parent(), f, &LabNode{Lab: b})
}

// checkLabServers checks, once every runnable block is known, that each lab's server= names
// one, and that the lab's load is small enough to measure it.
func (t *runnableTransformer) checkLabServers() {
	for _, b := range t.labs {
		if b.Server == 0 {
			continue
		}
		if b.Server > len(t.blocks) {
			t.errs.add(b.Line, "server=%d: the lesson has %d runnable blocks", b.Server, len(t.blocks))
		}
		if n := b.Params.Clients * b.Params.Requests; n > lab.MaxMeasuredRequests {
			t.errs.add(b.Line, "server=%d: clients × requests is %d; a server program is measured with at most %d", b.Server, n, lab.MaxMeasuredRequests)
		}
	}
}

// parseLabOptions reads the words after `lab NAME`, each NAME=VALUE setting one of lab.Params
// over the lab's defaults, or server=N, the runnable block to measure (0 if not given). Each
// mistake is returned as a message.
func parseLabOptions(words []string) (p lab.Params, server int, problems []string) {
	p = lab.Defaults()
	ints := map[string]*int{"clients": &p.Clients, "requests": &p.Requests, "threads": &p.Threads, "workers": &p.Workers, "cores": &p.Cores}
	durations := map[string]*time.Duration{"think": &p.Think, "io": &p.IO, "cpu": &p.CPU, "switch": &p.Switch, "slice": &p.Slice}
	sizesKB := map[string]*int{"stack": &p.StackKB, "conn": &p.ConnKB}
	known := []string{"models", "spread", "seed", "server"}
	for _, m := range []map[string]*int{ints, sizesKB} {
		for k := range m {
			known = append(known, k)
		}
	}
	for k := range durations {
		known = append(known, k)
	}
	slices.Sort(known)

	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for _, w := range words {
		name, value, _ := strings.Cut(w, "=")
		switch {
		case name == "models":
			p.Models = nil
			for _, m := range strings.Split(value, ",") {
				p.Models = append(p.Models, lab.Model(m))
			}
		case name == "spread":
			f, err := strconv.ParseFloat(value, 64)
			if err != nil {
				bad("spread: %q is not a number from 0 to 1", value)
			}
			p.Spread = f
		case name == "server":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				bad("server: %q is not the number of a runnable block (1 is the lesson's first)", value)
			}
			server = n
		case name == "seed":
			n, err := strconv.ParseUint(value, 10, 64)
			if err != nil {
				bad("seed: %q is not a whole number", value)
			}
			p.Seed = n
		case ints[name] != nil:
			n, err := strconv.Atoi(value)
			if err != nil {
				bad("%s: %q is not a whole number", name, value)
			}
			*ints[name] = n
		case durations[name] != nil:
			d, err := time.ParseDuration(value)
			if err != nil {
				bad("%s: %q is not a duration such as 50ms", name, value)
			}
			*durations[name] = d
		case sizesKB[name] != nil:
			n, ok := parseSize(value)
			if !ok || n%1024 != 0 {
				bad("%s: %q is not a size in whole KiB, such as 64K or 8M", name, value)
			}
			*sizesKB[name] = int(n / 1024)
		default:
			bad("unknown lab option %q (known: %s)", w, strings.Join(known, "=, ")+"=")
		}
	}
	if len(problems) == 0 {
		if err := p.Validate(); err != nil {
			bad("%v", err)
		}
	}
	return p, server, problems
}

// labRenderer draws a lab block as a figure that the page script fills with the lab; without
// JavaScript, the figure says what the lab would show.
type labRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (labRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLab, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*LabNode).Lab
		fmt.Fprintf(w, "<figure class=\"lab\" id=\"lab-%d\" data-lab=\"%d\">\n", b.Index, b.Index)
		fmt.Fprint(w, "<figcaption>Load lab: a thread per request against the event loop</figcaption>\n")
		fmt.Fprint(w, "<p class=\"lab-fallback\">The lab runs in your browser and needs JavaScript.</p>\n</figure>\n")
		return ast.WalkSkipChildren, nil
	})
}
