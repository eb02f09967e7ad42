package lessons

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Options are the words after `run` in a runnable block's info string.
type Options struct {
	Files            []File            `json:"files,omitempty"`
	Env              map[string]string `json:"env,omitempty"`
	Cores            int               `json:"cores,omitempty"` // 0: the engine's default
	Show             []string          `json:"show,omitempty"`  // empty: every diagram the program uses
	Predict          bool              `json:"predict,omitempty"`
	Nondeterministic bool              `json:"nondeterministic,omitempty"`
	Exercise         bool              `json:"exercise,omitempty"`
}

// File is an extra file next to the program: either Size bytes of generated content or Content.
type File struct {
	Name    string `json:"name"`
	Size    int64  `json:"size,omitempty"`
	Content string `json:"content,omitempty"`
}

// Diagrams are the names `show=` accepts.
var Diagrams = []string{"stack", "queues", "loop", "pool", "timeline", "console"}

// sizeUnits follow dd: KB, MB, GB are powers of 1000 and K, M, G (or KiB, MiB, GiB) of 1024.
var sizeUnits = map[string]int64{
	"": 1, "B": 1,
	"KB": 1000, "MB": 1000 * 1000, "GB": 1000 * 1000 * 1000,
	"K": 1 << 10, "M": 1 << 20, "G": 1 << 30,
	"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
}

// maxFileSize keeps a generated file within what the browser's wasm memory can hold.
const maxFileSize = 1 << 30

// parseOptions reads the words after `run`. Each mistake is returned as a message.
func parseOptions(words []string) (Options, []string) {
	var o Options
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	for _, w := range words {
		name, value, hasValue := strings.Cut(w, "=")
		switch name {
		case "file":
			f, err := parseFile(value)
			if err != nil {
				bad("%v", err)
				continue
			}
			o.Files = append(o.Files, f)
		case "env":
			k, v, ok := strings.Cut(value, "=")
			if !ok || k == "" {
				bad("env needs NAME=VALUE, as in env=UV_THREADPOOL_SIZE=2, not %q", w)
				continue
			}
			if o.Env == nil {
				o.Env = map[string]string{}
			}
			o.Env[k] = unquote(v)
		case "cores":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > 64 {
				bad("cores must be a whole number from 1 to 64, not %q", value)
				continue
			}
			o.Cores = n
		case "show":
			for _, d := range strings.Split(value, ",") {
				if !slices.Contains(Diagrams, d) {
					bad("show: unknown diagram %q (known: %s)", d, strings.Join(Diagrams, ", "))
					continue
				}
				o.Show = append(o.Show, d)
			}
		case "predict", "nondeterministic", "exercise":
			if hasValue {
				bad("%s takes no value", name)
				continue
			}
			switch name {
			case "predict":
				o.Predict = true
			case "nondeterministic":
				o.Nondeterministic = true
			case "exercise":
				o.Exercise = true
			}
		default:
			bad("unknown option %q (known: file=, env=, cores=, show=, predict, nondeterministic, exercise)", w)
		}
	}
	return o, problems
}

// parseFile reads NAME:SIZE or NAME:"TEXT".
func parseFile(value string) (File, error) {
	name, spec, ok := strings.Cut(value, ":")
	if !ok || name == "" || spec == "" {
		return File{}, fmt.Errorf("file needs NAME:SIZE or NAME:\"TEXT\", as in file=big.txt:100MB, not %q", value)
	}
	if strings.ContainsAny(name, "/\\") || name == "." || name == ".." {
		return File{}, fmt.Errorf("file name %q must be a plain name; it is placed next to the program", name)
	}
	if spec[0] == '"' {
		if len(spec) < 2 || spec[len(spec)-1] != '"' {
			return File{}, fmt.Errorf("file %s: content %s lacks its closing quote", name, spec)
		}
		return File{Name: name, Content: spec[1 : len(spec)-1]}, nil
	}
	n, ok := parseSize(spec)
	if !ok || n > maxFileSize {
		return File{}, fmt.Errorf("file %s: size %q is not a number of B, KB, MB, GB, K, M or G up to 1 GiB", name, spec)
	}
	return File{Name: name, Size: n}, nil
}

// parseSize reads a number of bytes with an optional unit of sizeUnits.
func parseSize(spec string) (int64, bool) {
	digits := strings.TrimRightFunc(spec, func(r rune) bool { return r < '0' || r > '9' })
	unit, known := sizeUnits[spec[len(digits):]]
	n, err := strconv.ParseInt(digits, 10, 64)
	if !known || err != nil || n > (1<<62)/unit {
		return 0, false
	}
	return n * unit, true
}

// splitInfo splits an info string into words; double quotes keep spaces inside one word.
func splitInfo(info string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inQuote, inWord := false, false
	for _, r := range info {
		switch {
		case r == '"':
			inQuote = !inQuote
			inWord = true
			cur.WriteRune(r)
		case (r == ' ' || r == '\t') && !inQuote:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			inWord = true
			cur.WriteRune(r)
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unclosed quote in %q", info)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
