package node

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// SourceError is a syntax error with its place in the user's file, whatever produced it
// (goja's parser or a transform).
type SourceError interface {
	error
	Location() (file string, line, column int, message string)
}

var gojaSyntax = regexp.MustCompile(`Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors\))?$`)

// syntaxError turns a compile error into a JavaScript SyntaxError whose fatal report shows the
// offending line with a caret, as Node's does.
func (r *Realm) syntaxError(filename string, err error) *goja.Object {
	line, col, msg := 0, 0, err.Error()
	if se, ok := err.(SourceError); ok {
		_, line, col, msg = se.Location()
	} else if m := gojaSyntax.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = m[3]
	}
	obj := r.newError("SyntaxError", msg)
	if src, ok := r.proc.sources[filename]; ok && line >= 1 {
		lines := strings.Split(src, "\n")
		if line <= len(lines) {
			obj.Set("stack", "SyntaxError: "+msg)
			r.syntaxHeaders[obj] = fmt.Sprintf("%s:%d\n%s\n%s^\n", filename, line, lines[line-1], strings.Repeat(" ", max(col-1, 0)))
		}
	}
	return obj
}
