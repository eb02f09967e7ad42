package lessons

import (
	"bytes"
	"strconv"
	"strings"
)

// frontMatter is the head of a lesson file. Only these keys exist; any other is a mistake,
// so a misspelt key fails the build instead of silently doing nothing.
type frontMatter struct {
	Title, Summary string
	Order          int
}

// splitFrontMatter parses the block between the first two "---" lines and returns the body
// after it, with the number of lines the head took (so body line numbers can be reported as
// file line numbers).
func splitFrontMatter(src []byte, errs *errorList) (fm frontMatter, body []byte, headLines int) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || strings.TrimSpace(string(lines[0])) != "---" {
		errs.add(1, "missing front matter: the file must start with a line \"---\"")
		return fm, src, 0
	}
	seen := map[string]bool{}
	for i := 1; i < len(lines); i++ {
		line := strings.TrimRight(string(lines[i]), "\r\n")
		lineNo := i + 1
		if strings.TrimSpace(line) == "---" {
			for _, key := range []string{"title", "summary", "order"} {
				if !seen[key] {
					errs.add(1, "front matter lacks %q", key)
				}
			}
			return fm, bytes.Join(lines[i+1:], nil), i + 1
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			errs.add(lineNo, "front matter line is not \"key: value\": %q", line)
			continue
		}
		key, value = strings.TrimSpace(key), unquote(strings.TrimSpace(value))
		if seen[key] {
			errs.add(lineNo, "front matter repeats %q", key)
		}
		seen[key] = true
		switch key {
		case "title":
			fm.Title = value
		case "summary":
			fm.Summary = value
		case "order":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				errs.add(lineNo, "order must be a whole number from 1, not %q", value)
			}
			fm.Order = n
		default:
			errs.add(lineNo, "unknown front matter key %q (known: title, summary, order)", key)
		}
		if value == "" {
			errs.add(lineNo, "front matter %q is empty", key)
		}
	}
	errs.add(1, "front matter is not closed by a line \"---\"")
	return fm, nil, len(lines)
}

// unquote removes one pair of surrounding quotes, as YAML would for a plain string.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
