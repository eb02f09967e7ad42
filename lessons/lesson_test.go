package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const good = "---\ntitle: Hello\nsummary: A first run.\norder: 1\n---\n\nSome *prose*, see [next](02-next.md#top).\n\n" +
	"```js run file=big.txt:100MB file=hi.txt:\"hi there\" env=UV_THREADPOOL_SIZE=2 cores=2 show=stack,pool predict\n" +
	"console.log('Task 1');\n```\n\n```output\nTask 1\n```\n\n" +
	"```mjs run exercise\nconsole.log('a');\n```\n\n```goal\nstdout-order: a | b\nexit: 0\n```\n\n```hint\nThink.\n```\n\n" +
	"```mjs solution\nconsole.log('a'); console.log('b');\n```\n\n```js\nplain code\n```\n"

func TestParseGood(t *testing.T) {
	l, err := Parse("lessons/01-hello.md", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if l.Title != "Hello" || l.Summary != "A first run." || l.Order != 1 || l.Slug != "01-hello" {
		t.Errorf("front matter: %+v", l)
	}
	if len(l.Blocks) != 2 {
		t.Fatalf("blocks: %d", len(l.Blocks))
	}
	b := l.Blocks[0]
	if b.Line != 9 || b.Lang != "js" || b.Code != "console.log('Task 1');\n" || b.Output == nil || *b.Output != "Task 1\n" {
		t.Errorf("block 0: %+v", b)
	}
	o := b.Options
	if len(o.Files) != 2 || o.Files[0].Size != 100_000_000 || o.Files[1].Content != "hi there" ||
		o.Env["UV_THREADPOOL_SIZE"] != "2" || o.Cores != 2 || strings.Join(o.Show, ",") != "stack,pool" || !o.Predict {
		t.Errorf("options: %+v", o)
	}
	e := l.Blocks[1]
	if e.Lang != "mjs" || !e.Options.Exercise || len(e.Goal) != 2 || e.Goal[0].Kind != "stdout-order" || e.Hint != "Think." || !strings.Contains(e.Solution, "'b'") {
		t.Errorf("exercise: %+v", e)
	}
	for _, want := range []string{`href="02-next.html#top"`, `data-block="0"`, `data-block="1"`, `<code class="language-js">plain code`, "<em>prose</em>"} {
		if !strings.Contains(l.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, l.HTML)
		}
	}
	for _, gone := range []string{"Think.", "stdout-order", "language-output"} {
		if strings.Contains(l.HTML, gone) {
			t.Errorf("HTML shows a describing block (%s):\n%s", gone, l.HTML)
		}
	}
}

func TestParseErrors(t *testing.T) {
	head := "---\ntitle: T\nsummary: S\norder: 1\n---\n"
	cases := []struct{ name, file, src, want string }{
		{"no front matter", "01-a.md", "# hi\n", "01-a.md:1: missing front matter"},
		{"unclosed", "01-a.md", "---\ntitle: T\n", "01-a.md:1: front matter is not closed"},
		{"unknown key", "01-a.md", "---\ntitle: T\nsummary: S\norder: 1\nauthor: me\n---\n", `01-a.md:5: unknown front matter key "author"`},
		{"missing key", "01-a.md", "---\ntitle: T\norder: 1\n---\n", `01-a.md:1: front matter lacks "summary"`},
		{"bad order", "01-a.md", "---\ntitle: T\nsummary: S\norder: first\n---\n", `01-a.md:4: order must be a whole number`},
		{"order mismatch", "02-a.md", head, "02-a.md: order 1 does not match the file name's number 02"},
		{"bad name", "intro.md", head, "intro.md: a lesson file is named NN-slug.md"},
		{"unknown option", "01-a.md", head + "\ntext\n\n```js run fast\nx\n```\n", `01-a.md:9: unknown option "fast"`},
		{"bad size", "01-a.md", head + "```js run file=a:lots\nx\n```\n", `01-a.md:6: file a: size "lots"`},
		{"bad show", "01-a.md", head + "```js run show=heap\nx\n```\n", `01-a.md:6: show: unknown diagram "heap"`},
		{"unclosed quote", "01-a.md", head + "```js run file=a:\"x\nx\n```\n", "01-a.md:6: unclosed quote"},
		{"orphan goal", "01-a.md", head + "```goal\nexit: 0\n```\n", `01-a.md:6: a "goal" block must follow`},
		{"hint without exercise", "01-a.md", head + "```js run\nx\n```\n```hint\nh\n```\n", "01-a.md:9: a \"hint\" block belongs to an exercise"},
		{"exercise without goal", "01-a.md", head + "```js run exercise\nx\n```\n", "01-a.md:6: an exercise needs a goal block"},
		{"bad goal", "01-a.md", head + "```js run exercise\nx\n```\n```goal\nexit: 0\nfaster: yes\n```\n```js solution\ny\n```\n", `01-a.md:11: unknown goal "faster"`},
		{"predict without output", "01-a.md", head + "```js run predict\nx\n```\n", "01-a.md:6: predict needs an output block"},
		{"solution language", "01-a.md", head + "```js run exercise\nx\n```\n```goal\nexit: 0\n```\n```mjs solution\ny\n```\n", `01-a.md:12: the solution is "mjs solution" but the exercise is js`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.file, []byte(c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant a message containing %q", err, c.want)
			}
		})
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("02-b.md", "---\ntitle: B\nsummary: S\norder: 2\n---\n```js run\nx\n```\n")
	write("01-a.md", "---\ntitle: A\nsummary: S\norder: 1\n---\nno code\n")
	write("README.md", "not a lesson")
	ls, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 || ls[0].Slug != "01-a" || ls[1].Slug != "02-b" {
		t.Fatalf("loaded %v", ls)
	}
	if len(ls[0].Warnings) != 1 || len(ls[1].Warnings) != 0 {
		t.Errorf("warnings: %v / %v", ls[0].Warnings, ls[1].Warnings)
	}
	write("03-c.md", "---\ntitle: C\nsummary: S\norder: 3\nextra: 1\n---\n")
	write("04-d.md", "---\ntitle: D\nsummary: S\norder: 4\n---\n```js run nope\nx\n```\n")
	_, err = LoadDir(dir)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if !strings.Contains(msg, "03-c.md:5: unknown front matter key") || !strings.Contains(msg, `04-d.md:6: unknown option "nope"`) {
		t.Errorf("LoadDir should report every file's mistakes, got:\n%s", msg)
	}
}

// TestRepositoryLessons loads the real lessons, so a broken lesson fails `go test ./...` too.
func TestRepositoryLessons(t *testing.T) {
	ls, err := LoadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		for _, w := range l.Warnings {
			t.Logf("warning: %v", w)
		}
	}
}
