package esm

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the import and export statements of esbuild's printed
// output. esbuild normalizes them to a handful of forms (every export of a
// module ends up in one `export { local as name, ... };` clause at the end,
// `export * as ns from` and `export { x } from` become imports plus that
// clause), so a small tokenizer is enough; it is only ever started at a
// position where goja's parser has found a statement beginning with the
// keyword `import` or `export`, never inside a string or template literal.

// binding is one name bound or exported by a statement.
type binding struct {
	imported string // the name in the other module; "*" for a namespace
	local    string
}

type statement struct {
	start, end int    // byte range in the text, end after the ';'
	kind       string // "import", "export-star", "export-clause"
	specifier  string // for import and for exports with a "from"
	bindings   []binding
}

type token struct {
	text   string
	str    bool // a string literal; text is its value
	offset int
}

type lexer struct {
	src string
	pos int
}

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			l.pos++
			continue
		}
		break
	}
	if l.pos >= len(l.src) {
		return token{}, fmt.Errorf("unexpected end of input")
	}
	start := l.pos
	c := l.src[l.pos]
	switch {
	case c == '"' || c == '\'':
		v, n, err := unquote(l.src[l.pos:])
		if err != nil {
			return token{}, err
		}
		l.pos += n
		return token{text: v, str: true, offset: start}, nil
	case strings.IndexByte("{},*;", c) >= 0:
		l.pos++
		return token{text: string(c), offset: start}, nil
	}
	for l.pos < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if r != '$' && r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		l.pos += size
	}
	if l.pos == start {
		return token{}, fmt.Errorf("unexpected character %q", c)
	}
	return token{text: l.src[start:l.pos], offset: start}, nil
}

// unquote decodes the JavaScript string literal at the start of s and
// returns its value and length in bytes.
func unquote(s string) (string, int, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1, nil
		case c == '\n':
			return "", 0, fmt.Errorf("newline in string")
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			break
		}
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case 'x':
			if i+2 >= len(s) {
				return "", 0, fmt.Errorf("bad escape")
			}
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", 0, err
			}
			b.WriteRune(rune(n))
			i += 2
		case 'u':
			var hex string
			if i+1 < len(s) && s[i+1] == '{' {
				end := strings.IndexByte(s[i:], '}')
				if end < 0 {
					return "", 0, fmt.Errorf("bad escape")
				}
				hex = s[i+2 : i+end]
				i += end
			} else {
				if i+4 >= len(s) {
					return "", 0, fmt.Errorf("bad escape")
				}
				hex = s[i+1 : i+5]
				i += 4
			}
			n, err := strconv.ParseUint(hex, 16, 32)
			if err != nil {
				return "", 0, err
			}
			b.WriteRune(rune(n))
		case '\n':
			// A line continuation adds nothing.
		default:
			b.WriteByte(e)
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

// parseStatement reads the import or export statement that starts at start.
func parseStatement(src string, start int) (*statement, error) {
	l := &lexer{src: src, pos: start}
	st := &statement{start: start}
	var toks []token
	// Collect the tokens up to the ';' that ends the statement. Import
	// attributes (`with { type: "json" }`) contain braces but no ';'.
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		if t.text == ";" && !t.str {
			break
		}
		toks = append(toks, t)
	}
	st.end = l.pos
	p := &tokParser{toks: toks}
	var err error
	switch p.take() {
	case "import":
		err = p.parseImport(st)
	case "export":
		err = p.parseExport(st)
	default:
		err = fmt.Errorf("not an import or export statement")
	}
	if err != nil {
		return nil, fmt.Errorf("read %q: %w", src[start:st.end], err)
	}
	return st, nil
}

type tokParser struct {
	toks []token
	i    int
}

func (p *tokParser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{}
}

func (p *tokParser) take() string {
	t := p.peek()
	p.i++
	return t.text
}

func (p *tokParser) expect(s string) error {
	if t := p.peek(); t.text != s || t.str {
		return fmt.Errorf("expected %q, found %q", s, t.text)
	}
	p.i++
	return nil
}

func (p *tokParser) specifier() (string, error) {
	t := p.peek()
	if !t.str {
		return "", fmt.Errorf("expected a module specifier, found %q", t.text)
	}
	p.i++
	// What follows, if anything, is an import attributes clause, which the
	// host has no use for: a built-in or a JSON module is known by its name.
	return t.text, nil
}

func (p *tokParser) parseImport(st *statement) error {
	st.kind = "import"
	if t := p.peek(); t.str {
		st.specifier, _ = p.specifier()
		return nil
	}
	if t := p.peek(); t.text != "{" && t.text != "*" {
		st.bindings = append(st.bindings, binding{imported: "default", local: p.take()})
		if p.peek().text == "," {
			p.i++
		}
	}
	switch p.peek().text {
	case "*":
		p.i++
		if err := p.expect("as"); err != nil {
			return err
		}
		st.bindings = append(st.bindings, binding{imported: "*", local: p.take()})
	case "{":
		list, err := p.clause()
		if err != nil {
			return err
		}
		st.bindings = append(st.bindings, list...)
	}
	if err := p.expect("from"); err != nil {
		return err
	}
	var err error
	st.specifier, err = p.specifier()
	return err
}

// clause reads `{ a, b as c, "x y" as d }`. For an import clause each
// binding is {imported, local}; for an export clause it is {local, exported},
// stored the same way: the name before `as`, then the name after it.
func (p *tokParser) clause() ([]binding, error) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var list []binding
	for p.peek().text != "}" || p.peek().str {
		first := p.peek()
		if first.text == "" && !first.str {
			return nil, fmt.Errorf("unterminated clause")
		}
		p.i++
		b := binding{imported: first.text, local: first.text}
		if t := p.peek(); t.text == "as" && !t.str {
			p.i++
			b.local = p.take()
		}
		list = append(list, b)
		if p.peek().text == "," {
			p.i++
		}
	}
	p.i++
	return list, nil
}

func (p *tokParser) parseExport(st *statement) error {
	switch p.peek().text {
	case "*":
		p.i++
		st.kind = "export-star"
		if t := p.peek(); t.text == "as" && !t.str {
			p.i++
			st.bindings = []binding{{imported: "*", local: p.take()}}
		}
		if err := p.expect("from"); err != nil {
			return err
		}
		var err error
		st.specifier, err = p.specifier()
		return err
	case "{":
		st.kind = "export-clause"
		list, err := p.clause()
		if err != nil {
			return err
		}
		st.bindings = list
		if t := p.peek(); t.text == "from" && !t.str {
			p.i++
			st.specifier, err = p.specifier()
		}
		return err
	}
	return fmt.Errorf("unsupported export form")
}
