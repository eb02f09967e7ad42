package esm

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"

	"looplab/engine/transform"
)

// ModuleCode is an ES module turned into a plain script for goja.
type ModuleCode struct {
	// Imports are the specifiers of the module's static imports and
	// re-exports, in source order, each once. The host evaluates them first.
	Imports []string
	// Code is a script whose completion value is
	//
	//	(async function (__ll_imports, __ll_export, __ll_meta, __ll_import) { ... })
	//
	// __ll_imports[i] is the namespace object of Imports[i];
	// __ll_export(name, getter) declares an export (all of them are declared
	// before the module's own statements run); __ll_meta is import.meta;
	// __ll_import(specifier) implements import() and returns a promise.
	// The code ends with an inline source map back to the user's file.
	Code string
	// HasTopLevelAwait tells whether the module awaits at its top level
	// (including a lowered top-level `for await`).
	HasTopLevelAwait bool
}

// The parameter names of the module function, as documented on ModuleCode.
const (
	importsParam = "__ll_imports"
	exportParam  = "__ll_export"
	metaParam    = "__ll_meta"
	importParam  = "__ll_import"
	header       = "(async function (" + importsParam + ", " + exportParam + ", " + metaParam + ", " + importParam + ") {"
)

// lowered lists the features goja lacks that esbuild must lower. Top-level
// await stays: it becomes a real await inside the async module function, so
// the module takes the same microtask turns as in Node.
var lowered = map[string]bool{
	"async-generator": false,
	"for-await":       false,
	"top-level-await": true,
}

func esbuildOptions(filename string, format api.Format) api.TransformOptions {
	return api.TransformOptions{
		Sourcefile:     filename,
		Loader:         api.LoaderJS,
		Format:         format,
		Supported:      lowered,
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentExclude,
		LegalComments:  api.LegalCommentsNone,
		Charset:        api.CharsetUTF8,
		LogLevel:       api.LogLevelSilent,
	}
}

// Module transforms the ES module src (from the file filename) into a
// script for goja; see ModuleCode. A syntax error is a *transform.SyntaxError
// in the user's file.
func Module(src, filename string) (*ModuleCode, error) {
	r := api.Transform(src, esbuildOptions(filename, api.FormatESModule))
	if len(r.Errors) > 0 {
		return nil, syntaxError(filename, src, r.Errors[0])
	}
	code := specAsyncGenerators(string(r.Code))

	prefix := header + "\n"
	var stmts []*statement
	body, err := repair(prefix, code, "\n})", func(kind string, st *statement) {
		stmts = append(stmts, st)
	})
	if err != nil {
		return nil, fmt.Errorf("esm %s: %w", filename, err)
	}

	m := &ModuleCode{}
	index := map[string]int{}
	importIndex := func(spec string) int {
		if i, ok := index[spec]; ok {
			return i
		}
		index[spec] = len(m.Imports)
		m.Imports = append(m.Imports, spec)
		return len(m.Imports) - 1
	}
	// imports maps each local import binding to the expression that reads it.
	imports := map[string]importRef{}
	type export struct{ name, getter string }
	var exports []export
	var stars []int
	for _, st := range stmts {
		switch st.kind {
		case "import":
			i := importIndex(st.specifier)
			for _, b := range st.bindings {
				imports[b.local] = importRef{module: i, name: b.imported}
			}
		case "export-star":
			i := importIndex(st.specifier)
			if len(st.bindings) == 0 {
				stars = append(stars, i)
			} else {
				exports = append(exports, export{st.bindings[0].local, fmt.Sprintf("() => __ll_i%d", i)})
			}
		case "export-clause":
			if st.specifier != "" {
				i := importIndex(st.specifier)
				for _, b := range st.bindings {
					ref := importRef{module: i, name: b.imported}
					exports = append(exports, export{b.local, "() => " + ref.read(false)})
				}
				continue
			}
			for _, b := range st.bindings {
				getter := "() => " + b.imported
				if ref, ok := imports[b.imported]; ok {
					getter = "() => " + ref.read(false)
				}
				exports = append(exports, export{b.local, getter})
			}
		}
	}

	// Parse the repaired module to rename the uses of imported bindings
	// and to find top-level awaits.
	wrapped := prefix + body + "\n})"
	prg, err := parser.ParseFile(nil, filename, wrapped, 0, parser.WithDisableSourceMaps)
	if err != nil {
		return nil, fmt.Errorf("esm %s: reparse: %w", filename, err)
	}
	fn := moduleFunction(prg)
	if fn == nil {
		return nil, fmt.Errorf("esm %s: module function not found", filename)
	}
	var edits []edit
	if len(imports) > 0 {
		rn := &renamer{imports: imports, base: prg.File.Base() + len(prefix)}
		for _, st := range fn.Body.List {
			transform.Walk(rn, st)
		}
		edits = rn.edits
	}
	m.HasTopLevelAwait = hasTopLevelAwait(fn.Body.List)
	body = applyEdits(body, edits)

	var pre strings.Builder
	pre.WriteString(header)
	pre.WriteString(`"use strict";`)
	for i := range m.Imports {
		fmt.Fprintf(&pre, " const __ll_i%d = %s[%d];", i, importsParam, i)
	}
	var names []string
	for _, e := range exports {
		fmt.Fprintf(&pre, " %s(%s, %s);", exportParam, strconv.Quote(e.name), e.getter)
		names = append(names, strconv.Quote(e.name))
	}
	if len(stars) > 0 {
		// Star exports add every name of the other module except default and
		// the names this module exports itself; the first star to offer a
		// name wins.
		var mods []string
		for _, i := range stars {
			mods = append(mods, fmt.Sprintf("__ll_i%d", i))
		}
		fmt.Fprintf(&pre, " { const seen = new Set([%s]); for (const ns of [%s]) for (const k of Object.keys(ns)) if (k !== \"default\" && !seen.has(k)) { seen.add(k); %s(k, () => ns[k]); } }",
			strings.Join(names, ", "), strings.Join(mods, ", "), exportParam)
	}
	pre.WriteString("\n")

	m.Code = pre.String() + body + "\n})\n" + sourceMapComment(r.Map, 1)
	return m, nil
}

// Script lowers a CommonJS file that goja's parser rejects but esbuild
// accepts: `for await`, async generators, and import(), which becomes a call
// of __ll_import. The result is a plain script (the body of the CommonJS
// wrapper, so a top-level return is allowed) ending with an inline source
// map. Lines are kept, so a host that puts its wrapper's opening on the same
// line as the first line of the code keeps the map valid.
func Script(src, filename string) (string, error) {
	r := api.Transform(src, esbuildOptions(filename, api.FormatDefault))
	if len(r.Errors) > 0 {
		return "", syntaxError(filename, src, r.Errors[0])
	}
	const prefix = "(function (exports, require, module, __filename, __dirname) {\n"
	body, err := repair(prefix, specAsyncGenerators(string(r.Code)), "\n})", func(kind string, st *statement) {
		err := fmt.Errorf("%s statement in a CommonJS file", kind)
		panic(err)
	})
	if err != nil {
		var se *transform.SyntaxError
		if errors.As(err, &se) {
			return "", se
		}
		return "", fmt.Errorf("esm script %s: %w", filename, err)
	}
	return body + "\n" + sourceMapComment(r.Map, 0), nil
}

// repair makes esbuild's output parseable by goja. It parses prefix+code+suffix
// with goja's parser; each time the parser stops at the keyword `import` or
// `export`, the construct found there is replaced and the parse is repeated.
// Letting goja find them is what keeps the word `import` inside a string, a
// template literal or a comment out of reach. import.meta becomes __ll_meta
// and import( becomes __ll_import(; import and export statements are passed
// to found and blanked out with spaces, keeping every line and column.
func repair(prefix, code, suffix string, found func(kind string, st *statement)) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	for attempt := 0; ; attempt++ {
		_, perr := parser.ParseFile(nil, "", prefix+code+suffix, 0, parser.WithDisableSourceMaps)
		if perr == nil {
			return code, nil
		}
		var list parser.ErrorList
		if !errors.As(perr, &list) || len(list) == 0 {
			return "", perr
		}
		pos := list[0].Position
		off := offsetOf(prefix+code+suffix, pos.Line, pos.Column) - len(prefix)
		if off < 0 || off >= len(code) || !strings.HasPrefix(code[off:], "import") && !strings.HasPrefix(code[off:], "export") {
			return "", syntaxAt(code, off, list[0].Message)
		}
		rest := strings.TrimLeft(code[off+6:], " \t\n\r")
		switch {
		case strings.HasPrefix(code[off:], "import") && strings.HasPrefix(rest, "."):
			// import.meta: esbuild prints it without spaces.
			if !strings.HasPrefix(code[off:], "import.meta") {
				return "", syntaxAt(code, off, list[0].Message)
			}
			code = code[:off] + metaParam + "  " + code[off+len("import.meta"):]
		case strings.HasPrefix(code[off:], "import") && strings.HasPrefix(rest, "("):
			code = code[:off] + importParam + code[off+len("import"):]
		default:
			st, err := parseStatement(code, off)
			if err != nil {
				return "", err
			}
			found(code[off:off+6], st)
			code = code[:st.start] + blank(code[st.start:st.end]) + code[st.end:]
		}
	}
}

// syntaxAt reports a construct of esbuild's output that goja rejects. It is
// an engine bug or a goja gap rather than the user's error, since esbuild
// accepted the file.
func syntaxAt(code string, off int, msg string) error {
	line := 1 + strings.Count(code[:max(0, min(off, len(code)))], "\n")
	return fmt.Errorf("goja rejects esbuild output at line %d: %s", line, msg)
}

func blank(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
	return string(b)
}

func offsetOf(s string, line, column int) int {
	off := 0
	for l := 1; l < line; l++ {
		nl := strings.IndexByte(s[off:], '\n')
		if nl < 0 {
			return -1
		}
		off += nl + 1
	}
	return off + column - 1
}

// importRef is what an imported binding reads: a property of a namespace
// object, or the namespace itself.
type importRef struct {
	module int
	name   string
}

// read returns the expression that reads the binding. In call position a
// property read must not pass the namespace as `this`, hence (0, ns.x) as
// esbuild writes it.
func (r importRef) read(assignTarget bool) string {
	ns := fmt.Sprintf("__ll_i%d", r.module)
	if r.name == "*" {
		return ns
	}
	prop := ns + "[" + strconv.Quote(r.name) + "]"
	if isIdentifierName(r.name) {
		prop = ns + "." + r.name
	}
	if assignTarget {
		return prop
	}
	return "(0, " + prop + ")"
}

func isIdentifierName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c == '$' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 127 || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

type edit struct {
	off, n int
	text   string
}

func applyEdits(s string, edits []edit) string {
	sort.Slice(edits, func(i, j int) bool { return edits[i].off > edits[j].off })
	for _, e := range edits {
		s = s[:e.off] + e.text + s[e.off+e.n:]
	}
	return s
}

// moduleFunction finds the function literal of the wrapper.
func moduleFunction(prg *ast.Program) *ast.FunctionLiteral {
	if len(prg.Body) == 0 {
		return nil
	}
	st, ok := prg.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return nil
	}
	fn, _ := st.Expression.(*ast.FunctionLiteral)
	return fn
}

// renamer rewrites every read of an imported binding into a read of the
// namespace object, which is what makes imports live bindings. Names that an
// inner scope declares again shadow the import and are left alone.
type renamer struct {
	imports map[string]importRef
	base    int // file.Idx of the first byte of the module body
	scopes  []map[string]bool
	edits   []edit
	// assignTargets holds identifiers written to; they get no (0, ...).
	assignTargets map[*ast.Identifier]bool
	// declaredFn is the function literal of the FunctionDeclaration being
	// entered, whose name belongs to the enclosing block, not to itself.
	declaredFn *ast.FunctionLiteral
}

func (r *renamer) shadowed(name string) bool {
	for _, s := range r.scopes {
		if s[name] {
			return true
		}
	}
	return false
}

func (r *renamer) push(names []string) {
	s := map[string]bool{}
	for _, n := range names {
		if _, ok := r.imports[n]; ok {
			s[n] = true
		}
	}
	r.scopes = append(r.scopes, s)
}

// blockNames returns the names a statement list declares lexically.
func blockNames(list []ast.Statement) []string {
	var names []string
	for _, st := range list {
		switch st := st.(type) {
		case *ast.LexicalDeclaration:
			for _, b := range st.List {
				names = append(names, transform.BoundNames(b.Target)...)
			}
		case *ast.FunctionDeclaration:
			if st.Function.Name != nil {
				names = append(names, string(st.Function.Name.Name))
			}
		case *ast.ClassDeclaration:
			if st.Class.Name != nil {
				names = append(names, string(st.Class.Name.Name))
			}
		}
	}
	return names
}

func (r *renamer) Enter(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FunctionDeclaration:
		r.declaredFn = n.Function
	case *ast.FunctionLiteral:
		var names []string
		if n.Name != nil && n != r.declaredFn {
			names = append(names, string(n.Name.Name))
		}
		if n.ParameterList != nil {
			for _, b := range n.ParameterList.List {
				names = append(names, transform.BoundNames(b.Target)...)
			}
			if n.ParameterList.Rest != nil {
				names = append(names, transform.BoundNames(n.ParameterList.Rest)...)
			}
		}
		for _, d := range n.DeclarationList {
			for _, b := range d.List {
				names = append(names, transform.BoundNames(b.Target)...)
			}
		}
		r.push(names)
	case *ast.ArrowFunctionLiteral:
		var names []string
		if n.ParameterList != nil {
			for _, b := range n.ParameterList.List {
				names = append(names, transform.BoundNames(b.Target)...)
			}
			if n.ParameterList.Rest != nil {
				names = append(names, transform.BoundNames(n.ParameterList.Rest)...)
			}
		}
		for _, d := range n.DeclarationList {
			for _, b := range d.List {
				names = append(names, transform.BoundNames(b.Target)...)
			}
		}
		r.push(names)
	case *ast.ClassLiteral:
		var names []string
		if n.Name != nil {
			names = append(names, string(n.Name.Name))
		}
		r.push(names)
	case *ast.BlockStatement:
		r.push(blockNames(n.List))
	case *ast.SwitchStatement:
		var list []ast.Statement
		for _, c := range n.Body {
			list = append(list, c.Consequent...)
		}
		r.push(blockNames(list))
	case *ast.CatchStatement:
		var names []string
		if n.Parameter != nil {
			names = transform.BoundNames(n.Parameter)
		}
		r.push(names)
	case *ast.ForStatement:
		var names []string
		if init, ok := n.Initializer.(*ast.ForLoopInitializerLexicalDecl); ok {
			for _, b := range init.LexicalDeclaration.List {
				names = append(names, transform.BoundNames(b.Target)...)
			}
		}
		r.push(names)
	case *ast.ForInStatement:
		r.push(forIntoNames(n.Into))
	case *ast.ForOfStatement:
		r.push(forIntoNames(n.Into))
	case *ast.AssignExpression:
		if id, ok := n.Left.(*ast.Identifier); ok {
			r.markAssigned(id)
		}
	case *ast.UnaryExpression:
		if id, ok := n.Operand.(*ast.Identifier); ok && (n.Operator.String() == "++" || n.Operator.String() == "--") {
			r.markAssigned(id)
		}
	case *ast.PropertyShort:
		if ref, ok := r.imports[string(n.Name.Name)]; ok && !r.shadowed(string(n.Name.Name)) {
			off := int(n.Name.Idx) - r.base
			r.edits = append(r.edits, edit{off: off, n: len(n.Name.Name), text: string(n.Name.Name) + ": " + ref.read(false)})
			if n.Initializer != nil {
				transform.Walk(r, n.Initializer)
			}
			return false
		}
	case *ast.Identifier:
		if ref, ok := r.imports[string(n.Name)]; ok && !r.shadowed(string(n.Name)) {
			off := int(n.Idx) - r.base
			r.edits = append(r.edits, edit{off: off, n: len(n.Name), text: ref.read(r.assignTargets[n])})
		}
	}
	return true
}

func (r *renamer) markAssigned(id *ast.Identifier) {
	if r.assignTargets == nil {
		r.assignTargets = map[*ast.Identifier]bool{}
	}
	r.assignTargets[id] = true
}

func (r *renamer) Leave(n ast.Node) {
	switch n.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral, *ast.BlockStatement,
		*ast.SwitchStatement, *ast.CatchStatement, *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement:
		r.scopes = r.scopes[:len(r.scopes)-1]
	}
}

func forIntoNames(into ast.ForInto) []string {
	if d, ok := into.(*ast.ForDeclaration); ok {
		return transform.BoundNames(d.Target)
	}
	return nil
}

// hasTopLevelAwait reports an await outside every nested function.
func hasTopLevelAwait(list []ast.Statement) bool {
	f := &awaitFinder{}
	for _, st := range list {
		transform.Walk(f, st)
	}
	return f.found
}

type awaitFinder struct{ found bool }

func (f *awaitFinder) Enter(n ast.Node) bool {
	switch n.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return false
	case *ast.AwaitExpression:
		f.found = true
	}
	return !f.found
}

func (f *awaitFinder) Leave(ast.Node) {}

// sourceMapComment turns esbuild's source map into an inline one for code
// that has extraLines more lines at its top than esbuild's output. Each
// added line is one ';' at the start of the mappings; the mappings of the
// other lines are relative to each other and stay valid.
func sourceMapComment(m []byte, extraLines int) string {
	if len(m) == 0 {
		return ""
	}
	if extraLines > 0 {
		var sm map[string]any
		if err := json.Unmarshal(m, &sm); err == nil {
			if mappings, ok := sm["mappings"].(string); ok {
				sm["mappings"] = strings.Repeat(";", extraLines) + mappings
				if b, err := json.Marshal(sm); err == nil {
					m = b
				}
			}
		}
	}
	return "//# sourceMappingURL=data:application/json;base64," + base64.StdEncoding.EncodeToString(m)
}

// syntaxError converts esbuild's first error into the user-facing type.
func syntaxError(filename, src string, msg api.Message) error {
	if msg.Location == nil {
		return &transform.SyntaxError{File: filename, Line: 1, Column: 1, Message: msg.Text}
	}
	loc := msg.Location
	se := transform.NewSyntaxError(filename, src, loc.Line, loc.Column+1, msg.Text)
	if loc.LineText != "" {
		se.SourceLine = loc.LineText
	}
	return se
}
