package node

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"looplab/engine/transform"
)

var gojaSyntax = regexp.MustCompile(`Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors\))?$`)

// syntaxError turns a compile error into a JavaScript SyntaxError whose fatal report shows the
// offending line with a caret, as Node's does.
func (r *Realm) syntaxError(filename string, err error) *goja.Object {
	line, col, msg := 0, 0, err.Error()
	var se *transform.SyntaxError
	if errors.As(err, &se) {
		line, col, msg = se.Line, se.Column, se.Message
	} else if m := gojaSyntax.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = m[3]
	}
	if line == 1 {
		col -= r.columnOffset(filename)
	}
	msg = quoteToken(msg)
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

// quoteToken writes goja's "Unexpected token ;" the way V8 does: "Unexpected token ';'".
func quoteToken(msg string) string {
	if tok, ok := strings.CutPrefix(msg, "Unexpected token "); ok && !strings.HasPrefix(tok, "'") && len(tok) <= 3 {
		return "Unexpected token '" + tok + "'"
	}
	return msg
}
