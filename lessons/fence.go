package lessons

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"looplab/lessons/goal"
)

// KindRunnable is the node kind of a runnable block in a lesson's syntax tree.
var KindRunnable = ast.NewNodeKind("Runnable")

// Runnable replaces a fenced code block whose info string is `js run` or `mjs run`.
type Runnable struct {
	ast.BaseBlock
	Block *Block
}

// Kind implements ast.Node.
func (n *Runnable) Kind() ast.NodeKind { return KindRunnable }

// Dump implements ast.Node.
func (n *Runnable) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Lang": n.Block.Lang, "Line": fmt.Sprint(n.Block.Line)}, nil)
}

// describing are the fences that may follow a runnable block and belong to it.
var describing = map[string]bool{"output": true, "goal": true, "hint": true, "js solution": true, "mjs solution": true}

// lessonLink matches a link to another lesson's markdown file, which becomes its page.
var lessonLink = regexp.MustCompile(`^(\d\d-[a-z0-9-]+|glossary)\.md(#.*)?$`)

// runnableTransformer turns runnable fences into Runnable nodes, attaches the fences that
// describe them, turns lab fences into LabNodes (lab.go), and points links between lesson
// files at the rendered pages. It reports
// mistakes with file line numbers, so it needs to know how many lines the front matter took.
type runnableTransformer struct {
	headLines int
	errs      *errorList
	blocks    []*Block
	labs      []*LabBlock
}

func (t *runnableTransformer) line(source []byte, offset int) int {
	return t.headLines + strings.Count(string(source[:offset]), "\n") + 1
}

// Transform implements parser.ASTTransformer.
func (t *runnableTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			fences = append(fences, n)
		case *ast.Link:
			if m := lessonLink.FindSubmatch(n.Destination); m != nil {
				n.Destination = append(append(m[1], ".html"...), m[2]...)
			}
		}
		return ast.WalkContinue, nil
	})
	consumed := map[ast.Node]bool{}
	for _, f := range fences {
		if consumed[f] {
			continue
		}
		info := t.info(f, source)
		words, err := splitInfo(info)
		line := t.fenceLine(f, source)
		if err != nil {
			t.errs.add(line, "%v", err)
			continue
		}
		if len(words) >= 2 && (words[0] == "js" || words[0] == "mjs") && words[1] == "run" {
			t.runnable(f, words, line, source, consumed)
		} else if len(words) >= 1 && words[0] == "lab" {
			t.lab(f, words, line, source)
		} else if describing[info] && info != "output" {
			t.errs.add(line, "a %q block must follow a runnable block with the exercise option", info)
		}
	}
	t.checkLabServers()
}

func (t *runnableTransformer) info(f *ast.FencedCodeBlock, source []byte) string {
	if f.Info == nil {
		return ""
	}
	return strings.TrimSpace(string(f.Info.Segment.Value(source)))
}

// fenceLine is the file line of the opening fence: the line of its info string.
func (t *runnableTransformer) fenceLine(f *ast.FencedCodeBlock, source []byte) int {
	if f.Info != nil {
		return t.line(source, f.Info.Segment.Start)
	}
	if f.Lines().Len() > 0 {
		return t.line(source, f.Lines().At(0).Start) - 1
	}
	return t.headLines
}

func (t *runnableTransformer) runnable(f *ast.FencedCodeBlock, words []string, line int, source []byte, consumed map[ast.Node]bool) {
	opts, problems := parseOptions(words[2:])
	for _, p := range problems {
		t.errs.add(line, "%s", p)
	}
	b := &Block{Index: len(t.blocks), Line: line, Lang: words[0], Code: string(f.Text(source)), Options: opts}
	t.blocks = append(t.blocks, b)
	node := &Runnable{Block: b}
	parent := f.Parent()
	parent.ReplaceChild(parent, f, node)

	seen := map[string]bool{}
	for next := node.NextSibling(); next != nil; {
		d, ok := next.(*ast.FencedCodeBlock)
		info := ""
		if ok {
			info = t.info(d, source)
		}
		if !ok || !describing[info] {
			break
		}
		dline := t.fenceLine(d, source)
		kind := strings.TrimPrefix(strings.TrimPrefix(info, "js "), "mjs ")
		if seen[kind] {
			t.errs.add(dline, "a second %q block for the runnable block of line %d", kind, line)
		}
		seen[kind] = true
		if kind != "output" && !opts.Exercise {
			t.errs.add(dline, "a %q block belongs to an exercise: add `exercise` to the options of line %d", kind, line)
		}
		body := string(d.Text(source))
		switch kind {
		case "output":
			b.Output = &body
		case "goal":
			b.Goal = t.goal(d, source, body)
		case "hint":
			b.Hint = strings.TrimSpace(body)
		case "solution":
			if !strings.HasPrefix(info, b.Lang+" ") {
				t.errs.add(dline, "the solution is %q but the exercise is %s", info, b.Lang)
			}
			b.Solution = body
		}
		consumed[d] = true
		next = d.NextSibling()
		parent.RemoveChild(parent, d)
	}
	if opts.Exercise && (b.Goal == nil || b.Solution == "") {
		t.errs.add(line, "an exercise needs a goal block and a solution block after it")
	}
	if opts.Predict && b.Output == nil {
		t.errs.add(line, "predict needs an output block after the runnable block: it is the answer")
	}
}

func (t *runnableTransformer) goal(d *ast.FencedCodeBlock, source []byte, body string) []goal.Check {
	var checks []goal.Check
	for i := 0; i < d.Lines().Len(); i++ {
		seg := d.Lines().At(i)
		text := strings.TrimSpace(string(seg.Value(source)))
		if text == "" {
			continue
		}
		c, err := goal.Parse(text)
		if err != nil {
			t.errs.add(t.line(source, seg.Start), "%v", err)
			continue
		}
		checks = append(checks, c)
	}
	if len(checks) == 0 {
		t.errs.add(t.fenceLine(d, source), "the goal block is empty")
	}
	return checks
}

// runnableRenderer draws a runnable block in the prose: its code, readable without
// JavaScript, and a button that the page script turns into "load this into the playground".
type runnableRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (runnableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRunnable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*Runnable).Block
		label := "Example"
		switch {
		case b.Options.Exercise:
			label = "Exercise"
		case b.Options.Predict:
			label = "Predict, then run"
		}
		fmt.Fprintf(w, "<figure class=\"runnable\" id=\"block-%d\" data-block=\"%d\">\n", b.Index, b.Index)
		fmt.Fprintf(w, "<figcaption><span class=\"runnable-kind\">%s</span> <button type=\"button\" class=\"load-block\" data-block=\"%d\" hidden>Open in the playground</button></figcaption>\n", label, b.Index)
		fmt.Fprintf(w, "<pre><code class=\"language-%s\">%s</code></pre>\n</figure>\n", b.Lang, html.EscapeString(b.Code))
		return ast.WalkSkipChildren, nil
	})
}
