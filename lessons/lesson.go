package lessons

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"looplab/lessons/goal"
)

// Lesson is one lesson file, read and rendered.
type Lesson struct {
	File    string      // the path it was read from
	Slug    string      // the file name without .md: its page is Slug + ".html"
	Order   int         //
	Title   string      //
	Summary string      //
	HTML    string      // the prose, rendered; runnable blocks appear as figures with data-block
	Blocks  []*Block    // the runnable blocks, in file order
	Labs    []*LabBlock // the lab blocks, in file order
	// Warnings are not mistakes but worth saying at build time (a lesson with nothing to run).
	Warnings []Error
}

// Block is one runnable block and the blocks that describe it.
type Block struct {
	Index    int          `json:"index"` // its position among the lesson's runnable blocks
	Line     int          `json:"line"`  // the file line of its opening fence
	Lang     string       `json:"lang"`  // "js" (CommonJS) or "mjs" (an ES module)
	Code     string       `json:"code"`
	Options  Options      `json:"options"`
	Output   *string      `json:"output,omitempty"` // the exact stdout, if an output block follows
	Goal     []goal.Check `json:"goal,omitempty"`
	Hint     string       `json:"hint,omitempty"`
	Solution string       `json:"solution,omitempty"`
}

// fileName is what a lesson file must be called: two digits, a dash, a lower-case slug.
var fileName = regexp.MustCompile(`^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.md$`)

// LoadDir reads every lesson in dir, ordered by their order key. All mistakes in all files
// are returned together, as Errors.
func LoadDir(dir string) ([]*Lesson, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "[0-9][0-9]-*.md"))
	if err != nil {
		return nil, fmt.Errorf("list lessons: %w", err)
	}
	var all []*Lesson
	var errs Errors
	byOrder := map[int]string{}
	for _, p := range paths {
		l, err := Load(p)
		if le, ok := err.(Errors); ok {
			errs = append(errs, le...)
			continue
		} else if err != nil {
			return nil, err
		}
		if other, dup := byOrder[l.Order]; dup {
			errs = append(errs, Error{File: p, Line: 0, Msg: fmt.Sprintf("order %d is also the order of %s", l.Order, other)})
		}
		byOrder[l.Order] = p
		all = append(all, l)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Order < all[j].Order })
	return all, nil
}

// Load reads one lesson file.
func Load(path string) (*Lesson, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read lesson: %w", err)
	}
	return Parse(path, src)
}

// Parse reads a lesson from src; path names it in messages and gives its slug.
func Parse(path string, src []byte) (*Lesson, error) { return parse(path, src, true) }

// GlossaryFile is the one markdown page beside the lessons that is not a lesson: it has front
// matter and prose like a lesson, but no number in the course.
const GlossaryFile = "glossary.md"

// LoadGlossary reads dir/glossary.md, rendered like a lesson but not numbered.
func LoadGlossary(dir string) (*Lesson, error) {
	path := filepath.Join(dir, GlossaryFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	return parse(path, src, false)
}

func parse(path string, src []byte, lesson bool) (*Lesson, error) {
	errs := &errorList{file: path}
	base := filepath.Base(path)
	m := fileName.FindStringSubmatch(base)
	if m == nil && lesson {
		errs.add(0, "a lesson file is named NN-slug.md, with a lower-case slug of letters, digits and dashes")
	}
	fm, body, headLines := splitFrontMatter(src, errs)
	if m != nil && fm.Order != 0 {
		if n, _ := strconv.Atoi(m[1]); n != fm.Order {
			errs.add(0, "order %d does not match the file name's number %s", fm.Order, m[1])
		}
	}
	l := &Lesson{File: path, Slug: base[:len(base)-len(filepath.Ext(base))], Order: fm.Order, Title: fm.Title, Summary: fm.Summary}
	if body != nil {
		t := &runnableTransformer{headLines: headLines, errs: errs}
		md := goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(util.Prioritized(t, 100)),
			),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(runnableRenderer{}, 100), util.Prioritized(labRenderer{}, 100))),
		)
		var out bytes.Buffer
		if err := md.Convert(body, &out); err != nil {
			return nil, fmt.Errorf("render lesson %s: %w", path, err)
		}
		l.HTML, l.Blocks, l.Labs = out.String(), t.blocks, t.labs
	}
	if len(errs.errs) > 0 {
		sort.SliceStable(errs.errs, func(i, j int) bool { return errs.errs[i].Line < errs.errs[j].Line })
		return nil, errs.errs
	}
	if len(l.Blocks) == 0 && lesson {
		l.Warnings = append(l.Warnings, Error{File: path, Msg: "the lesson has no runnable block"})
	}
	return l, nil
}
