package transform

import (
	"slices"
	"strconv"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
	"github.com/dop251/goja/unistring"

	"looplab/engine/fastloop"
)

// The names of the host functions that instrumented code calls. Each starts with '%', which
// no identifier in JavaScript source can contain (not even with escapes), so no program, nor
// code it evaluates, can name, shadow, overwrite or call them; only the identifiers this
// package synthesizes in the AST carry them. The host binds them in the global lexical scope
// (engine/node/guard.go), where they are not properties of globalThis either.
const (
	// EnterFunc is called as %enter(id) when a function's body starts,
	// after its parameters are bound. It pushes the frame FuncInfo[id] on the
	// simulated call stack and throws a RangeError when the stack is full;
	// a frame whose enter threw is not on the stack and is never left.
	EnterFunc = "%enter"
	// LeaveFunc is called as %leave(id) from a finally block when the body
	// returns, throws, or a generator is closed; a function with loops of its
	// own passes its iteration count too: %leave(id, count).
	LeaveFunc = "%leave"
	// AwaitFunc wraps every awaited operand: `await X` becomes
	// `await %await(id, X)`. It must return X itself, so that the await
	// takes exactly the microtask turns it takes in Node. The host pops the
	// frame there and pushes it again when the continuation runs.
	AwaitFunc = "%await"
	// YieldFunc wraps every yielded operand the same way: `yield X` becomes
	// `yield %yield(id, X)`, `yield` becomes `yield %yield(id, undefined)`
	// and `yield* X` becomes `yield* %yield(id, X)`. It must return X.
	YieldFunc = "%yield"
)

// FuncInfo describes one instrumented function. The id passed to the host
// functions is its index in the table that Instrument returns.
type FuncInfo struct {
	// Name is the name V8 shows for the function in a stack trace: its own
	// name, the name inferred from what it is assigned to (`const f = () =>`,
	// `{ key: function () {} }`, a class field), a method name ("get x" and
	// "set x" for accessors, the class name for a constructor), or
	// "<anonymous>".
	Name string
	// Line and Column (1-based) are where the function starts in the user's
	// file, after any source map.
	Line, Column int
}

// Anonymous is the name of a function that has none, as V8 prints it.
const Anonymous = "<anonymous>"

// Parse parses a script with goja's parser. A syntax error is returned as a
// *SyntaxError. An inline source map (a data: URL) is honoured; source maps
// in other files are ignored, because the engine has no file system of its
// own to read them from.
func Parse(src, filename string) (*ast.Program, error) {
	prg, err := parser.ParseFile(nil, filename, src, 0, parser.WithSourceMapLoader(noSourceMapFiles))
	if err != nil {
		return nil, syntaxErrorFrom(filename, src, err)
	}
	return prg, nil
}

func noSourceMapFiles(string) ([]byte, error) { return nil, nil }

// Instrument parses src, adds the call-stack guard to every function (see
// InstrumentAST) and compiles the result. The program is compiled non-strict
// at the top level; "use strict" directives in src apply as usual. Syntax
// errors, including those goja's compiler finds (async generators, duplicate
// declarations), are returned as *SyntaxError.
func Instrument(src, filename string) (*goja.Program, []FuncInfo, error) {
	prg, tables, err := InstrumentWith(src, filename, Options{CountLoops: true})
	return prg, tables.Funcs, err
}

// Options tune Instrument.
type Options struct {
	// FirstID numbers the functions from FirstID, so that a host running many programs in one
	// runtime keeps one table for all of them (FuncInfo[i] has id FirstID+i).
	FirstID int
	// CountLoops makes functions count their loop iterations and pass the count to
	// %leave (see IterationCounter). It costs goja about a quarter more time on tight
	// loops, so a host that measures time instead leaves it off.
	CountLoops bool
	// FastLoops replaces every pure numeric loop with a call of %loop (see LoopFunc),
	// which runs it natively; the loops are numbered from FirstLoopID.
	FastLoops   bool
	FirstLoopID int
}

// Tables are what the ids passed to the host functions index: functions for %enter and
// its kin (Funcs[i] has id FirstID+i), loops for %loop (Loops[i] has id FirstLoopID+i).
type Tables struct {
	Funcs []FuncInfo
	Loops []LoopInfo
}

// LoopInfo is a compiled loop and where it starts in the user's file (1-based).
type LoopInfo struct {
	*fastloop.Loop
	Line, Column int
}

// InstrumentWith is Instrument with options.
func InstrumentWith(src, filename string, opts Options) (*goja.Program, Tables, error) {
	prg, err := Parse(src, filename)
	if err != nil {
		return nil, Tables{}, err
	}
	tables := instrumentAST(prg, opts)
	p, err := goja.CompileAST(prg, false)
	if err != nil {
		return nil, Tables{}, syntaxErrorFrom(filename, src, err)
	}
	return p, tables, nil
}

// InstrumentAST rewrites prg in place so that the body of every function
// becomes, in effect,
//
//	{ %enter(ID); try { BODY } finally { %leave(ID) } }
//
// and every `await X` and `yield X` inside it passes X through %await or
// %yield. It returns the table that the IDs index.
//
// Directive prologues stay first, so "use strict" keeps its meaning.
// Parameter default expressions run before %enter, outside the try: they
// belong to the caller's frame as far as the simulated stack is concerned.
// Original nodes keep their source positions; the synthesized calls carry the
// position of the function body's braces, so a RangeError thrown by
// %enter points at the function being entered.
func InstrumentAST(prg *ast.Program) []FuncInfo {
	return instrumentAST(prg, Options{CountLoops: true}).Funcs
}

func instrumentAST(prg *ast.Program, opts Options) Tables {
	in := &instrumenter{file: prg.File, base: opts.FirstID, countLoops: opts.CountLoops, names: map[ast.Node]string{}, argumentsFromArrow: map[int]bool{}, loops: map[int]bool{}, chains: map[*ast.BinaryExpression]int{}, blocks: map[*ast.BlockStatement]int{}}
	if opts.FastLoops {
		in.fastLoops, in.loopBase = map[ast.Statement]int{}, opts.FirstLoopID
	}
	Walk(in, prg)
	return Tables{Funcs: in.infos, Loops: in.loopTable}
}

type instrumenter struct {
	file *file.File
	base int // the id of infos[0]
	// countLoops: loop bodies count their iterations (Options.CountLoops).
	countLoops bool
	infos      []FuncInfo
	// stack holds the IDs of the functions enclosing the node being visited,
	// innermost last; an await or yield belongs to the innermost one.
	stack []int
	// arrows[i] tells whether stack[i] is an arrow function.
	arrows []bool
	// argumentsFromArrow holds the IDs of ordinary functions whose
	// `arguments` is read only from inside nested arrow functions; see
	// guardBody for why that matters.
	argumentsFromArrow map[int]bool
	// names holds the names that anonymous function and class literals get
	// from their context (ECMAScript's NamedEvaluation), keyed by the literal.
	names map[ast.Node]string
	// loops holds the IDs of functions that contain a loop of their own, whose
	// iterations are counted (see countIteration).
	loops map[int]bool
	// fastLoops maps the loops that engine/fastloop compiled (nil unless Options.FastLoops)
	// to their ids, until withFastLoop replaces them; loopTable[id-loopBase] is the compiled loop.
	fastLoops map[ast.Statement]int
	loopTable []LoopInfo
	loopBase  int
	// chains, blocks, hooks, scopes and aliasUses keep goja's compile time linear
	// (linear.go): the depth of each chain of binary operators and of nested blocks not yet
	// left, the hooks the code being visited
	// calls, the functions enclosing it, and the hooks called through each alias set.
	chains    map[*ast.BinaryExpression]int
	blocks    map[*ast.BlockStatement]int
	hooks     hookScope
	scopes    []funcScope
	aliasUses []uint8
}

func (in *instrumenter) Enter(n ast.Node) bool {
	in.enterBody(n)
	switch n := n.(type) {
	case *ast.FunctionLiteral:
		name := in.names[n]
		if n.Name != nil {
			name = string(n.Name.Name)
		}
		in.push(name, n.Idx0(), false)
		in.enterFunction(n.Body)
	case *ast.ArrowFunctionLiteral:
		in.push(in.names[n], n.Idx0(), true)
		in.enterFunction(n.Body)
	case *ast.Identifier:
		if n.Name == "arguments" && len(in.stack) > 0 && in.arrows[len(in.arrows)-1] {
			for i := len(in.stack) - 1; i >= 0; i-- {
				if !in.arrows[i] {
					in.argumentsFromArrow[in.stack[i]] = true
					break
				}
			}
		}
	case *ast.ClassLiteral:
		in.nameClassMembers(n)
	case *ast.ForStatement, *ast.WhileStatement, *ast.DoWhileStatement:
		if in.fastLoops != nil {
			in.compileFastLoop(n.(ast.Statement))
		}
	case *ast.ObjectLiteral:
		for _, p := range n.Value {
			if p, ok := p.(*ast.PropertyKeyed); ok && !p.Computed {
				if key, ok := literalKey(p.Key); ok {
					in.nameAs(p.Value, accessorName(p.Kind, key))
				}
			}
		}
	case *ast.Binding:
		if id, ok := n.Target.(*ast.Identifier); ok {
			in.nameAs(n.Initializer, string(id.Name))
		}
	case *ast.PropertyShort:
		in.nameAs(n.Initializer, string(n.Name.Name))
	case *ast.AssignExpression:
		if n.Operator == token.ASSIGN || n.Operator == token.LOGICAL_AND || n.Operator == token.LOGICAL_OR || n.Operator == token.COALESCE {
			switch left := n.Left.(type) {
			case *ast.Identifier:
				in.nameAs(n.Right, string(left.Name))
			case *ast.DotExpression:
				// The spec gives such a function no name, but V8 infers one
				// for stack traces (`obj.run = function () {}` shows as
				// `obj.run`); we keep the property name, which is what a
				// reader recognises.
				in.nameAs(n.Right, string(left.Identifier.Name))
			}
		}
	}
	return true
}

func (in *instrumenter) Leave(n ast.Node) {
	switch n := n.(type) {
	case *ast.FunctionLiteral:
		id := in.pop()
		if n.Body != nil {
			n.Body = in.guardBody(id, n.Body, n.DeclarationList)
			if in.argumentsFromArrow[id] {
				touchArguments(n.Body)
			}
		}
		in.leaveFunction()
	case *ast.ArrowFunctionLiteral:
		id := in.pop()
		switch body := n.Body.(type) {
		case *ast.BlockStatement:
			n.Body = in.guardBody(id, body, n.DeclarationList)
		case *ast.ExpressionBody:
			ret := &ast.ReturnStatement{Return: body.Idx0(), Argument: body.Expression}
			block := &ast.BlockStatement{LeftBrace: body.Idx0(), List: []ast.Statement{ret}, RightBrace: body.Idx1() - 1}
			n.Body = in.guardBody(id, block, n.DeclarationList)
		}
		in.leaveFunction()
	case *ast.BinaryExpression:
		in.boundChain(n)
	case *ast.ForStatement:
		n.Body = in.countIteration(in.withFastLoop(n.Body))
	case *ast.ForInStatement:
		n.Body = in.countIteration(in.withFastLoop(n.Body))
	case *ast.ForOfStatement:
		n.Body = in.countIteration(in.withFastLoop(n.Body))
	case *ast.WhileStatement:
		n.Body = in.countIteration(in.withFastLoop(n.Body))
	case *ast.DoWhileStatement:
		n.Body = in.countIteration(in.withFastLoop(n.Body))
	case *ast.Program:
		in.withFastLoops(n.Body)
	case *ast.BlockStatement:
		in.withFastLoops(n.List)
		in.boundBlocks(n)
	case *ast.CaseStatement:
		in.withFastLoops(n.Consequent)
	case *ast.IfStatement:
		n.Consequent = in.withFastLoop(n.Consequent)
		if n.Alternate != nil {
			n.Alternate = in.withFastLoop(n.Alternate)
		}
	case *ast.WithStatement:
		n.Body = in.withFastLoop(n.Body)
	case *ast.AwaitExpression:
		if len(in.stack) > 0 && n.Argument != nil {
			n.Argument = hostCall(in.hookName(awaitHook), n.Await, in.top(), n.Argument)
		}
	case *ast.YieldExpression:
		if len(in.stack) > 0 {
			arg := n.Argument
			if arg == nil {
				// void 0 rather than `undefined`, which a program may shadow.
				arg = &ast.UnaryExpression{Operator: token.VOID, Idx: n.Yield, Operand: &ast.NumberLiteral{Idx: n.Yield, Literal: "0", Value: int64(0)}}
			}
			n.Argument = hostCall(in.hookName(yieldHook), n.Yield, in.top(), arg)
		}
	}
}

func (in *instrumenter) push(name string, at file.Idx, arrow bool) {
	if name == "" {
		name = Anonymous
	}
	pos := in.file.Position(int(at) - in.file.Base())
	in.stack = append(in.stack, in.base+len(in.infos))
	in.arrows = append(in.arrows, arrow)
	in.infos = append(in.infos, FuncInfo{Name: name, Line: pos.Line, Column: pos.Column})
}

func (in *instrumenter) pop() int {
	id := in.stack[len(in.stack)-1]
	in.stack = in.stack[:len(in.stack)-1]
	in.arrows = in.arrows[:len(in.arrows)-1]
	return id
}

func (in *instrumenter) top() int { return in.stack[len(in.stack)-1] }

// nameAs records name for e if e is an anonymous function, arrow or class,
// the cases in which ECMAScript names a function after its binding.
func (in *instrumenter) nameAs(e ast.Expression, name string) {
	switch e := e.(type) {
	case *ast.FunctionLiteral:
		if e.Name == nil {
			in.names[e] = name
		}
	case *ast.ArrowFunctionLiteral:
		in.names[e] = name
	case *ast.ClassLiteral:
		if e.Name == nil {
			in.names[e] = name
		}
	}
}

func (in *instrumenter) nameClassMembers(c *ast.ClassLiteral) {
	className := in.names[c]
	if c.Name != nil {
		className = string(c.Name.Name)
	}
	for _, el := range c.Body {
		switch el := el.(type) {
		case *ast.MethodDefinition:
			key, ok := literalKey(el.Key)
			if !ok || el.Computed {
				continue
			}
			if key == "constructor" && !el.Static && el.Kind == ast.PropertyKindMethod {
				in.names[el.Body] = className
				if className == "" {
					in.names[el.Body] = Anonymous
				}
				continue
			}
			in.names[el.Body] = accessorName(el.Kind, key)
		case *ast.FieldDefinition:
			if key, ok := literalKey(el.Key); ok && !el.Computed {
				in.nameAs(el.Initializer, key)
			}
		}
	}
}

// literalKey returns the name of a non-computed property key. Private names
// keep their '#', as V8 prints them.
func literalKey(key ast.Expression) (string, bool) {
	switch key := key.(type) {
	case *ast.StringLiteral:
		return string(key.Value), true
	case *ast.NumberLiteral:
		return key.Literal, true
	case *ast.PrivateIdentifier:
		return "#" + string(key.Name), true
	case *ast.Identifier:
		return string(key.Name), true
	}
	return "", false
}

func accessorName(kind ast.PropertyKind, key string) string {
	switch kind {
	case ast.PropertyKindGet:
		return "get " + key
	case ast.PropertyKindSet:
		return "set " + key
	}
	return key
}

// guardBody builds the instrumented body of function id.
//
// Function declarations at the top of BODY would, inside the try block, become
// block-scoped declarations; that is invisible to the program except when a
// `var` of the same function declares the same name, which is an early error
// inside a block. Only those declarations are hoisted out of the try, where
// they were before.
func (in *instrumenter) guardBody(id int, body *ast.BlockStatement, decls []*ast.VariableDeclaration) *ast.BlockStatement {
	list := body.List
	var prologue []ast.Statement
	for len(list) > 0 {
		st, ok := list[0].(*ast.ExpressionStatement)
		if !ok {
			break
		}
		if _, ok := st.Expression.(*ast.StringLiteral); !ok {
			break
		}
		prologue = append(prologue, st)
		list = list[1:]
	}

	var hoisted, rest []ast.Statement
	varNames := map[string]bool{}
	for _, d := range decls {
		for _, b := range d.List {
			for _, name := range BoundNames(b.Target) {
				varNames[name] = true
			}
		}
	}
	for _, st := range list {
		if fd, ok := st.(*ast.FunctionDeclaration); ok && fd.Function.Name != nil && varNames[string(fd.Function.Name.Name)] {
			hoisted = append(hoisted, st)
			continue
		}
		rest = append(rest, st)
	}

	open, closing := body.LeftBrace, body.RightBrace
	out := make([]ast.Statement, 0, len(prologue)+len(hoisted)+4)
	out = append(out, prologue...)
	aliasAt := len(out)
	out = append(out, hoisted...)
	var leaveArgs []ast.Expression
	if in.loops[id] {
		counter := &ast.Identifier{Name: IterationCounter, Idx: open}
		out = append(out, &ast.LexicalDeclaration{Idx: open, Token: token.LET, List: []*ast.Binding{
			{Target: counter, Initializer: &ast.NumberLiteral{Idx: open, Literal: "0", Value: int64(0)}},
		}})
		leaveArgs = append(leaveArgs, &ast.Identifier{Name: IterationCounter, Idx: closing})
	}
	out = append(out,
		&ast.ExpressionStatement{Expression: hostCall(in.hookName(enterHook), open, id)},
		&ast.TryStatement{
			Try:  open,
			Body: &ast.BlockStatement{LeftBrace: open, List: rest, RightBrace: closing},
			Finally: &ast.BlockStatement{LeftBrace: closing, RightBrace: closing, List: []ast.Statement{
				&ast.ExpressionStatement{Expression: hostCall(in.hookName(leaveHook), closing, id, leaveArgs...)},
			}},
		},
	)
	out = slices.Insert(out, aliasAt, in.hookAliases(open)...) // after the calls above chose their names
	return &ast.BlockStatement{LeftBrace: open, List: out, RightBrace: closing}
}

// IterationCounter is the local variable that counts a function's loop iterations. The
// function hands the count to %leave(id, count), so that a host can charge a long loop
// with the time it would take even when it measures no wall-clock time (deterministic mode).
// Like the host functions' names, it cannot be spelled in source, so the program can neither
// collide with it nor change the count.
const IterationCounter = "%n"

// countIteration makes a loop body start with %n++ (a plain local increment, which costs
// goja far less than a host call per iteration).
func (in *instrumenter) countIteration(body ast.Statement) ast.Statement {
	if len(in.stack) == 0 || !in.countLoops {
		return body
	}
	in.loops[in.top()] = true
	at := body.Idx0()
	inc := &ast.ExpressionStatement{Expression: &ast.UnaryExpression{
		Operator: token.INCREMENT, Idx: at, Postfix: true,
		Operand: &ast.Identifier{Name: IterationCounter, Idx: at},
	}}
	return &ast.BlockStatement{LeftBrace: at, List: []ast.Statement{inc, body}, RightBrace: body.Idx1() - 1}
}

// touchArguments works around a goja bug: when a function's `arguments` is
// read only from a nested arrow function, goja's compiler binds it without
// moving it to the function's stash, and the arrow then reads a wrong stack
// slot (a Go index-out-of-range panic in the plain program, `undefined` once
// instrumented). A read of `arguments` in the function's own body, compiled
// before the arrow, makes goja bind it correctly. The read goes right after
// the directive prologue, so "use strict" keeps its place.
func touchArguments(body *ast.BlockStatement) {
	at := body.LeftBrace
	read := &ast.ExpressionStatement{Expression: &ast.Identifier{Name: "arguments", Idx: at}}
	i := 0
	for i < len(body.List) {
		st, ok := body.List[i].(*ast.ExpressionStatement)
		if !ok {
			break
		}
		if _, ok := st.Expression.(*ast.StringLiteral); !ok {
			break
		}
		i++
	}
	body.List = append(body.List[:i:i], append([]ast.Statement{read}, body.List[i:]...)...)
}

// hostCall builds `name(id, args...)` positioned at at.
func hostCall(name string, at file.Idx, id int, args ...ast.Expression) *ast.CallExpression {
	list := append([]ast.Expression{&ast.NumberLiteral{Idx: at, Literal: strconv.Itoa(id), Value: int64(id)}}, args...)
	return &ast.CallExpression{
		Callee:           &ast.Identifier{Name: unistring.String(name), Idx: at},
		LeftParenthesis:  at,
		ArgumentList:     list,
		RightParenthesis: at,
	}
}

// BoundNames returns the names a binding target declares, in source order:
// the identifier itself, or every identifier inside a destructuring pattern.
func BoundNames(target ast.Expression) []string {
	var names []string
	var collect func(e ast.Expression)
	collect = func(e ast.Expression) {
		switch e := e.(type) {
		case *ast.Identifier:
			names = append(names, string(e.Name))
		case *ast.Binding:
			collect(e.Target)
		case *ast.AssignExpression:
			collect(e.Left)
		case *ast.ArrayPattern:
			for _, el := range e.Elements {
				if el != nil {
					collect(el)
				}
			}
			if e.Rest != nil {
				collect(e.Rest)
			}
		case *ast.ObjectPattern:
			for _, p := range e.Properties {
				switch p := p.(type) {
				case *ast.PropertyShort:
					names = append(names, string(p.Name.Name))
				case *ast.PropertyKeyed:
					collect(p.Value)
				case *ast.SpreadElement:
					collect(p.Expression)
				}
			}
			if e.Rest != nil {
				collect(e.Rest)
			}
		}
	}
	collect(target)
	return names
}
