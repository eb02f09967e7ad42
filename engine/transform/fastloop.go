package transform

import (
	"strconv"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/token"
	"github.com/dop251/goja/unistring"

	"looplab/engine/fastloop"
)

// LoopFunc is called as %loop(id, v1, …, vk) in place of a pure numeric loop (see
// engine/fastloop), with the current values of the variables Loops[id].Vars names. It returns
// null when goja must run the loop as written (a variable holds no number), or else an
// array of the final values of the variables the loop writes, in Vars order.
const LoopFunc = "%loop"

// loopResult is the block-scoped variable that holds what %loop returned (a name no source
// can spell, as IterationCounter).
const loopResult = "%r"

// compileFastLoop compiles loop n, if it qualifies, before its children are instrumented.
// A for statement's initializer is left out: it runs in JavaScript before the loop does.
func (in *instrumenter) compileFastLoop(n ast.Statement) {
	bare := n
	var constNames map[string]bool
	if f, ok := n.(*ast.ForStatement); ok {
		copied := *f
		copied.Initializer = nil
		bare = &copied
		if d, ok := f.Initializer.(*ast.ForLoopInitializerLexicalDecl); ok && d.LexicalDeclaration.Token == token.CONST {
			constNames = map[string]bool{}
			for _, b := range d.LexicalDeclaration.List {
				for _, name := range BoundNames(b.Target) {
					constNames[name] = true
				}
			}
		}
	}
	l, err := fastloop.Compile(bare)
	if err != nil {
		return
	}
	for _, v := range l.Vars {
		if v.Written && constNames[v.Name] {
			return // goja throws the TypeError at the assignment, as Node does
		}
	}
	pos := in.file.Position(int(n.Idx0()) - in.file.Base())
	in.fastLoops[n] = in.loopBase + len(in.loopTable)
	in.loopTable = append(in.loopTable, LoopInfo{Loop: l, Line: pos.Line, Column: pos.Column})
}

// withFastLoop returns st, or, when st is a compiled loop (possibly labelled), the block
//
//	{ INIT; let %r = %loop(ID, v1, …); if (%r === null) LOOP; else { w1 = %r[0]; … } }
//
// where LOOP is st without its initializer.
func (in *instrumenter) withFastLoop(st ast.Statement) ast.Statement {
	loop := st
	if l, ok := st.(*ast.LabelledStatement); ok {
		loop = l.Statement
	}
	id, ok := in.fastLoops[loop]
	if !ok {
		return st
	}
	delete(in.fastLoops, loop)
	at := loop.Idx0()
	var list []ast.Statement
	if f, ok := loop.(*ast.ForStatement); ok && f.Initializer != nil {
		list = append(list, initializerStatement(f.Initializer, at))
		f.Initializer = nil
	}
	l := in.loopTable[id-in.loopBase]
	args := make([]ast.Expression, len(l.Vars))
	var writeBack []ast.Statement
	for i, v := range l.Vars {
		args[i] = ident(v.Name, at)
		if v.Written {
			index := &ast.NumberLiteral{Idx: at, Literal: strconv.Itoa(len(writeBack)), Value: int64(len(writeBack))}
			writeBack = append(writeBack, &ast.ExpressionStatement{Expression: &ast.AssignExpression{
				Operator: token.ASSIGN, Left: ident(v.Name, at),
				Right: &ast.BracketExpression{Left: ident(loopResult, at), Member: index, LeftBracket: at, RightBracket: at},
			}})
		}
	}
	list = append(list,
		&ast.LexicalDeclaration{Idx: at, Token: token.LET, List: []*ast.Binding{
			{Target: ident(loopResult, at), Initializer: hostCall(in.hookName(loopHook), at, id, args...)},
		}},
		&ast.IfStatement{
			If: at,
			Test: &ast.BinaryExpression{Operator: token.STRICT_EQUAL, Left: ident(loopResult, at),
				Right: &ast.NullLiteral{Idx: at, Literal: "null"}},
			Consequent: st,
			Alternate:  &ast.BlockStatement{LeftBrace: at, List: writeBack, RightBrace: at},
		})
	return &ast.BlockStatement{LeftBrace: at, List: list, RightBrace: loop.Idx1() - 1}
}

// withFastLoops applies withFastLoop to every statement of a list.
func (in *instrumenter) withFastLoops(list []ast.Statement) {
	for i, st := range list {
		list[i] = in.withFastLoop(st)
	}
}

func initializerStatement(init ast.ForLoopInitializer, at file.Idx) ast.Statement {
	switch init := init.(type) {
	case *ast.ForLoopInitializerExpression:
		return &ast.ExpressionStatement{Expression: init.Expression}
	case *ast.ForLoopInitializerVarDeclList:
		return &ast.VariableStatement{Var: init.Var, List: init.List}
	case *ast.ForLoopInitializerLexicalDecl:
		return &init.LexicalDeclaration
	}
	panic("transform: unknown for-loop initializer")
}

func ident(name string, at file.Idx) *ast.Identifier {
	return &ast.Identifier{Name: unistring.String(name), Idx: at}
}
