package transform

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
)

// SyntaxError is a syntax error in the user's program, located in the user's
// own file. It is data for the host, which prints it the way Node prints an
// uncaught SyntaxError at load time (see Node). Both this package (goja's
// parser and compiler) and the esm package (esbuild) report this one type, so
// the host has a single thing to format.
type SyntaxError struct {
	File       string
	Line       int // 1-based
	Column     int // 1-based, in bytes of the line
	Message    string
	SourceLine string // the text of line Line, without its newline
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: SyntaxError: %s", e.File, e.Line, e.Column, e.Message)
}

// Node renders the error as Node prints a SyntaxError thrown while loading a
// file: the location, the offending line, a caret under the column, a blank
// line, then the error itself.
func (e *SyntaxError) Node() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d\n%s\n", e.File, e.Line, e.SourceLine)
	col := e.Column - 1
	if col < 0 {
		col = 0
	}
	// Tabs in the source line stay tabs under it, so that the caret lines up
	// in a terminal whatever its tab width.
	for i := 0; i < col && i < len(e.SourceLine); i++ {
		if e.SourceLine[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	for i := len(e.SourceLine); i < col; i++ {
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "^\n\nSyntaxError: %s", e.Message)
	return b.String()
}

// NewSyntaxError builds a SyntaxError for a 1-based line and column of src.
func NewSyntaxError(filename, src string, line, column int, message string) *SyntaxError {
	return &SyntaxError{
		File:       filename,
		Line:       line,
		Column:     column,
		Message:    message,
		SourceLine: sourceLine(src, line),
	}
}

func sourceLine(src string, line int) string {
	for i := 1; i < line; i++ {
		nl := strings.IndexByte(src, '\n')
		if nl < 0 {
			return ""
		}
		src = src[nl+1:]
	}
	if nl := strings.IndexByte(src, '\n'); nl >= 0 {
		src = src[:nl]
	}
	return strings.TrimSuffix(src, "\r")
}

// syntaxErrorFrom converts the errors of goja's parser and compiler. The
// parser reports a list; like Node we show only the first error.
func syntaxErrorFrom(filename, src string, err error) error {
	var list parser.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		return NewSyntaxError(filename, src, e.Position.Line, e.Position.Column, e.Message)
	}
	var pe *parser.Error
	if errors.As(err, &pe) {
		return NewSyntaxError(filename, src, pe.Position.Line, pe.Position.Column, pe.Message)
	}
	var ce *goja.CompilerSyntaxError
	if errors.As(err, &ce) {
		pos := file.Position{Line: 1, Column: 1}
		if ce.File != nil {
			pos = ce.File.Position(ce.Offset)
		}
		return NewSyntaxError(filename, src, pos.Line, pos.Column, ce.Message)
	}
	return fmt.Errorf("compile %s: %w", filename, err)
}
