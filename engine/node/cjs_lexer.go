package node

import (
	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"

	"looplab/engine/transform"
)

// cjsExportNames mirrors what Node's cjs-module-lexer finds in a CommonJS file: the names an
// ES module may import from it. It reads the forms the lexer reads, anywhere in the file:
//
//	exports.a = …  exports['a'] = …  module.exports.a = …
//	Object.defineProperty(exports, 'a', …)
//	module.exports = { a, b: c, 'd': e, ...require('x') }
//	module.exports = require('x')   __exportStar(require('x'), exports)   __export(require('x'))
//
// The names of re-exported CommonJS files are added, as Node adds them. Unlike the lexer, it
// parses, so a file goja cannot parse exports no names (only default).
func (r *Realm) cjsExportNames(file string, seen map[string]bool) []string {
	if seen[file] {
		return nil
	}
	seen[file] = true
	node, err := r.proc.FS.Lookup(file)
	if err != nil || node.Dir {
		return nil
	}
	prg, err := parser.ParseFile(nil, file, cjsWrapper+string(node.Data)+"\n})", 0, parser.WithDisableSourceMaps)
	if err != nil {
		return nil
	}
	lx := &cjsLexer{names: map[string]bool{}}
	for _, st := range prg.Body {
		transform.Walk(lx, st)
	}
	names := lx.order
	if len(lx.reexports) > 0 {
		req, _ := r.requireAt(file)
		resolve, _ := goja.AssertFunction(req.Get("resolve"))
		for _, spec := range lx.reexports {
			target, err := resolve(goja.Undefined(), r.rt.ToValue(spec))
			if err != nil || isBuiltin(target.String()) {
				continue // Node skips a re-export it cannot resolve
			}
			names = append(names, r.cjsExportNames(target.String(), seen)...)
		}
	}
	return names
}

// cjsLexer is the visitor behind cjsExportNames.
type cjsLexer struct {
	names     map[string]bool
	order     []string
	reexports []string
}

func (lx *cjsLexer) add(name string) {
	if !lx.names[name] {
		lx.names[name] = true
		lx.order = append(lx.order, name)
	}
}

func (lx *cjsLexer) Leave(ast.Node) {}

func (lx *cjsLexer) Enter(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignExpression:
		if n.Operator.String() != "=" {
			return true
		}
		if isModuleExports(n.Left) {
			lx.moduleExportsValue(n.Right)
			return true
		}
		if obj, name, ok := memberOf(n.Left); ok && (isIdent(obj, "exports") || isModuleExports(obj)) {
			lx.add(name)
		}
	case *ast.CallExpression:
		lx.call(n)
	}
	return true
}

// moduleExportsValue reads `module.exports = VALUE`.
func (lx *cjsLexer) moduleExportsValue(v ast.Expression) {
	if spec, ok := requireCall(v); ok {
		lx.reexports = append(lx.reexports, spec)
		return
	}
	obj, ok := v.(*ast.ObjectLiteral)
	if !ok {
		return
	}
	for _, p := range obj.Value {
		switch p := p.(type) {
		case *ast.PropertyShort:
			lx.add(string(p.Name.Name))
		case *ast.PropertyKeyed:
			if p.Computed {
				return // the lexer stops at what it cannot read
			}
			if key, ok := p.Key.(*ast.StringLiteral); ok {
				lx.add(string(key.Value))
			}
		case *ast.SpreadElement:
			if spec, ok := requireCall(p.Expression); ok {
				lx.reexports = append(lx.reexports, spec)
			}
		}
	}
}

// call reads Object.defineProperty(exports, 'a', …) and the transpilers' re-export helpers.
func (lx *cjsLexer) call(c *ast.CallExpression) {
	if len(c.ArgumentList) == 0 {
		return
	}
	if obj, name, ok := memberOf(c.Callee); ok && isIdent(obj, "Object") && name == "defineProperty" && len(c.ArgumentList) >= 2 {
		if target := c.ArgumentList[0]; isIdent(target, "exports") || isModuleExports(target) {
			if key, ok := c.ArgumentList[1].(*ast.StringLiteral); ok {
				lx.add(string(key.Value))
			}
		}
		return
	}
	callee := c.Callee
	if d, ok := callee.(*ast.DotExpression); ok { // tslib.__exportStar
		callee = &d.Identifier
	}
	if isIdent(callee, "__exportStar") || isIdent(callee, "__export") {
		if spec, ok := requireCall(c.ArgumentList[0]); ok {
			lx.reexports = append(lx.reexports, spec)
		}
	}
}

func isIdent(e ast.Expression, name string) bool {
	id, ok := e.(*ast.Identifier)
	return ok && string(id.Name) == name
}

func isModuleExports(e ast.Expression) bool {
	obj, name, ok := memberOf(e)
	return ok && name == "exports" && isIdent(obj, "module")
}

// memberOf splits obj.name and obj['name'].
func memberOf(e ast.Expression) (ast.Expression, string, bool) {
	switch e := e.(type) {
	case *ast.DotExpression:
		return e.Left, string(e.Identifier.Name), true
	case *ast.BracketExpression:
		if s, ok := e.Member.(*ast.StringLiteral); ok {
			return e.Left, string(s.Value), true
		}
	}
	return nil, "", false
}

// requireCall reads require('x').
func requireCall(e ast.Expression) (string, bool) {
	c, ok := e.(*ast.CallExpression)
	if !ok || !isIdent(c.Callee, "require") || len(c.ArgumentList) != 1 {
		return "", false
	}
	s, ok := c.ArgumentList[0].(*ast.StringLiteral)
	if !ok {
		return "", false
	}
	return string(s.Value), true
}
