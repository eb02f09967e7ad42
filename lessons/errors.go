package lessons

import (
	"fmt"
	"strings"
)

// Error is one mistake in a lesson file, at a line (1-based; 0 when the whole file is meant).
type Error struct {
	File string
	Line int
	Msg  string
}

func (e Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Errors is every mistake found, in file and line order. Its message lists them one a line.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// errorList collects mistakes while a file is read, so that one run reports all of them.
type errorList struct {
	file string
	errs Errors
}

func (l *errorList) add(line int, format string, args ...any) {
	l.errs = append(l.errs, Error{File: l.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}
