package fastloop

import (
	"fmt"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

type (
	numFn  func(m *machine) float64
	boolFn func(m *machine) bool
	stmt   func(m *machine) flow
)

// Compile compiles a `for` (without its initializer), `while` or `do … while` statement. The
// error says why a loop does not qualify; callers use it only to explain.
func Compile(loop ast.Statement) (l *Loop, err error) {
	c := &compiler{loop: &Loop{}, free: map[string]int{}, top: true}
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(notPure); ok {
				l, err = nil, e
				return
			}
			panic(x)
		}
	}()
	switch n := loop.(type) {
	case *ast.ForStatement:
		c.loop.body = c.forLoop(nil, n.Test, n.Update, n.Body)
	case *ast.WhileStatement:
		c.loop.body = c.forLoop(nil, n.Test, nil, n.Body)
	case *ast.DoWhileStatement:
		c.loop.body = c.doWhile(n)
	default:
		return nil, notPure("not a for, while or do-while loop")
	}
	c.loop.nslots = c.nslots
	return c.loop, nil
}

// notPure is the panic value, and the error, of a loop that does not qualify.
type notPure string

func (e notPure) Error() string { return string(e) }

func reject(format string, args ...any) { panic(notPure(fmt.Sprintf(format, args...))) }

type compiler struct {
	loop   *Loop
	free   map[string]int // Vars index by name
	scopes []map[string]*local
	nslots int
	loops  int // loop ids handed out, from 1
	// reads and writes count the references compiled so far, by slot: they tell whether a
	// piece of the loop reads or writes a variable (see forLoop).
	reads, writes [MaxSlots]int
	// top is set while the statements being compiled are the outermost loop body's own:
	// the only place where a `var` can be DeclaredInside. jumped is set once a break or
	// continue was compiled, after which none can.
	top, jumped bool
}

// local is a let or const the loop declares; ready once its declaration was compiled.
type local struct {
	slot    int
	ready   bool
	isConst bool
}

func (c *compiler) newSlot() int {
	if c.nslots == MaxSlots {
		reject("more than %d variables", MaxSlots)
	}
	c.nslots++
	return c.nslots - 1
}

// resolve finds the slot of a variable reference.
func (c *compiler) resolve(name string, write bool) int {
	s := c.lookup(name, write)
	if write {
		c.writes[s]++
	} else {
		c.reads[s]++
	}
	return s
}

func (c *compiler) lookup(name string, write bool) int {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if l, ok := c.scopes[i][name]; ok {
			if !l.ready {
				reject("%s is used before its declaration", name)
			}
			if write && l.isConst {
				reject("assignment to constant %s", name)
			}
			return l.slot
		}
	}
	i, ok := c.free[name]
	if !ok {
		i = len(c.loop.Vars)
		c.free[name] = i
		c.loop.Vars = append(c.loop.Vars, Var{Name: name, slot: c.newSlot()})
	}
	if write {
		c.loop.Vars[i].Written = true
	}
	return c.loop.Vars[i].slot
}

// block compiles a statement list in a scope of its own: its let and const names are known
// from the start, so that a use before the declaration is caught, not resolved outside. top
// says that the list is the outermost loop body's (see compiler.top).
func (c *compiler) block(list []ast.Statement, top bool) stmt {
	scope := map[string]*local{}
	for _, st := range list {
		if d, ok := st.(*ast.LexicalDeclaration); ok {
			for _, b := range d.List {
				scope[bindingName(b)] = &local{slot: -1, isConst: d.Token == token.CONST}
			}
		}
	}
	c.scopes = append(c.scopes, scope)
	defer func() { c.scopes = c.scopes[:len(c.scopes)-1] }()
	stmts := make([]stmt, 0, len(list))
	for _, st := range list {
		c.top = top
		if s := c.statement(st); s != nil {
			stmts = append(stmts, s)
		}
	}
	c.top = false
	return sequence(stmts)
}

func sequence(stmts []stmt) stmt {
	switch len(stmts) {
	case 0:
		return func(*machine) flow { return normal }
	case 1:
		return stmts[0]
	case 2:
		a, b := stmts[0], stmts[1]
		return func(m *machine) flow {
			if f := a(m); f != normal {
				return f
			}
			return b(m)
		}
	}
	return func(m *machine) flow {
		for _, s := range stmts {
			if f := s(m); f != normal {
				return f
			}
		}
		return normal
	}
}

func bindingName(b *ast.Binding) string {
	id, ok := b.Target.(*ast.Identifier)
	if !ok {
		reject("destructuring")
	}
	return string(id.Name)
}

// statement compiles one statement; nil means it does nothing.
func (c *compiler) statement(st ast.Statement) stmt {
	top := c.top
	c.top = false
	defer func() { c.top = top }()
	switch n := st.(type) {
	case *ast.EmptyStatement:
		return nil
	case *ast.BlockStatement:
		return c.block(n.List, false)
	case *ast.ExpressionStatement:
		return c.effect(n.Expression)
	case *ast.IfStatement:
		return c.ifStatement(n)
	case *ast.LexicalDeclaration:
		return c.lexical(n)
	case *ast.VariableStatement:
		c.top = top
		return c.varStatement(n.List)
	case *ast.BranchStatement:
		if n.Label != nil {
			reject("labelled %s", n.Token)
		}
		c.jumped = true
		if n.Token == token.BREAK {
			return func(*machine) flow { return breakLoop }
		}
		return func(*machine) flow { return continueLoop }
	case *ast.ForStatement:
		return c.forStatement(n, top)
	case *ast.WhileStatement:
		return c.forLoop(nil, n.Test, nil, n.Body)
	case *ast.DoWhileStatement:
		return c.doWhile(n)
	}
	reject("%s", describe(st))
	return nil
}

func (c *compiler) ifStatement(n *ast.IfStatement) stmt {
	test := c.condition(n.Test)
	then := c.statementOrNop(n.Consequent)
	if n.Alternate == nil {
		return func(m *machine) flow {
			if test(m) {
				return then(m)
			}
			return normal
		}
	}
	otherwise := c.statementOrNop(n.Alternate)
	return func(m *machine) flow {
		if test(m) {
			return then(m)
		}
		return otherwise(m)
	}
}

func (c *compiler) statementOrNop(st ast.Statement) stmt {
	if s := c.statement(st); s != nil {
		return s
	}
	return func(*machine) flow { return normal }
}

// lexical compiles a let or const declaration of the enclosing block.
func (c *compiler) lexical(d *ast.LexicalDeclaration) stmt {
	var stmts []stmt
	for _, b := range d.List {
		name := bindingName(b)
		if b.Initializer == nil {
			reject("let %s without a value", name)
		}
		init := c.number(b.Initializer)
		l := c.scopes[len(c.scopes)-1][name]
		l.slot, l.ready = c.newSlot(), true
		stmts = append(stmts, store(l.slot, init))
	}
	return sequence(stmts)
}

// varStatement compiles `var` declarations: assignments to variables of the enclosing function.
func (c *compiler) varStatement(list []*ast.Binding) stmt {
	var stmts []stmt
	for _, b := range list {
		name := bindingName(b)
		if b.Initializer == nil {
			continue // `var x;` does nothing when it runs
		}
		init := c.number(b.Initializer)
		_, seen := c.free[name]
		slot := c.resolve(name, true)
		if !seen && c.top && !c.jumped {
			c.loop.Vars[c.free[name]].DeclaredInside = true
			stmts = append(stmts, func(m *machine) flow {
				m.s[slot&slotMask] = init(m)
				m.assigned[slot&slotMask] = true
				return normal
			})
			continue
		}
		stmts = append(stmts, store(slot, init))
	}
	return sequence(stmts)
}

// forStatement compiles a nested for loop; top as for statement.
func (c *compiler) forStatement(n *ast.ForStatement, top bool) stmt {
	c.scopes = append(c.scopes, map[string]*local{})
	defer func() { c.scopes = c.scopes[:len(c.scopes)-1] }()
	var init stmt
	switch in := n.Initializer.(type) {
	case nil:
	case *ast.ForLoopInitializerExpression:
		init = c.effect(in.Expression)
	case *ast.ForLoopInitializerVarDeclList:
		c.top = top // its initializer runs first, as if it stood before the loop
		init = c.varStatement(in.List)
		c.top = false
	case *ast.ForLoopInitializerLexicalDecl:
		for _, b := range in.LexicalDeclaration.List {
			c.scopes[len(c.scopes)-1][bindingName(b)] = &local{slot: -1, isConst: in.LexicalDeclaration.Token == token.CONST}
		}
		init = c.lexical(&in.LexicalDeclaration)
	default:
		reject("%s", describe(in))
	}
	return c.forLoop(init, n.Test, n.Update, n.Body)
}

func (c *compiler) doWhile(n *ast.DoWhileStatement) stmt {
	c.loops++
	id := c.loops
	body := c.loopBody(n.Body, id)
	test := c.condition(n.Test)
	nslots := &c.loop.nslots
	return func(m *machine) flow {
		for {
			if f := body(m); f == breakLoop {
				return normal
			} else if f == stop {
				return stop
			}
			m.iters++
			if m.iters >= CheckEvery && m.checkpoint(id, *nslots) {
				return stop
			}
			if !test(m) {
				return normal
			}
		}
	}
}

// loopBody compiles the body of loop id; the outermost loop's (id 1) may declare vars.
func (c *compiler) loopBody(body ast.Statement, id int) stmt {
	if b, ok := body.(*ast.BlockStatement); ok {
		return c.block(b.List, id == 1)
	}
	return c.statementOrNop(body)
}

// forLoop compiles a loop that runs init once, then while test holds: body, update. A nil
// test always holds.
func (c *compiler) forLoop(init stmt, testExpr, updateExpr ast.Expression, bodySt ast.Statement) stmt {
	c.loops++
	id := c.loops
	test := func(*machine) bool { return true }
	var counter counterTest
	if testExpr != nil {
		test, counter = c.loopTest(testExpr)
	}
	if init == nil {
		init = func(*machine) flow { return normal }
	}
	writes := c.writes
	red, isReduction := c.reduction(bodySt, counter)
	var body stmt
	if !isReduction {
		body = c.loopBody(bodySt, id)
	}
	if updateExpr != nil && counter.op != 0 && c.writes[counter.counter.slot] == writes[counter.counter.slot] {
		if step, ok := c.counterStep(updateExpr, counter); ok {
			loop := counted{id: id, nslots: &c.loop.nslots, init: init, test: counter, step: step}
			if isReduction {
				return loop.reduce(red)
			}
			return loop.run(body)
		}
	}
	if isReduction {
		body = red.statement()
	}
	update := func(*machine) flow { return normal }
	if updateExpr != nil {
		update = c.effect(updateExpr)
	}
	nslots := &c.loop.nslots
	return func(m *machine) flow {
		init(m)
		for test(m) {
			if f := body(m); f == breakLoop {
				return normal
			} else if f == stop {
				return stop
			}
			update(m)
			m.iters++
			if m.iters >= CheckEvery && m.checkpoint(id, *nslots) {
				return stop
			}
		}
		return normal
	}
}

// counterTest is a loop test of the shape `i < n` (or <=, >, >=) with n a variable or a
// constant: with an update `i++`, `i--`, `i += k` or `i -= k` it makes a counted loop, whose
// test and update the loop's driver does itself instead of calling closures for them.
type counterTest struct {
	op      token.Token
	counter operand
	bound   operand
}

func (c *compiler) loopTest(e ast.Expression) (boolFn, counterTest) {
	if b, ok := e.(*ast.BinaryExpression); ok && !isBoolean(b.Left) && !isBoolean(b.Right) {
		switch b.Operator {
		case token.LESS, token.LESS_OR_EQUAL, token.GREATER, token.GREATER_OR_EQUAL:
			l, r := c.operand(b.Left), c.operand(b.Right)
			t := counterTest{}
			if l.slot >= 0 && (r.slot >= 0 && r.slot != l.slot || r.isConst) {
				t = counterTest{op: b.Operator, counter: l, bound: r}
			}
			return compare(b.Operator, l, r), t
		}
	}
	return c.condition(e), counterTest{}
}

// counterStep reports the constant step of an update of the test's counter.
func (c *compiler) counterStep(e ast.Expression, t counterTest) (float64, bool) {
	if t.op == 0 {
		return 0, false
	}
	same := func(x ast.Expression) bool {
		id, ok := x.(*ast.Identifier)
		return ok && c.resolve(string(id.Name), true) == t.counter.slot
	}
	switch e := e.(type) {
	case *ast.UnaryExpression:
		if e.Operator == token.INCREMENT && same(e.Operand) {
			return 1, true
		}
		if e.Operator == token.DECREMENT && same(e.Operand) {
			return -1, true
		}
	case *ast.AssignExpression:
		k, ok := e.Right.(*ast.NumberLiteral)
		if ok && (e.Operator == token.PLUS || e.Operator == token.MINUS) && same(e.Left) {
			step := numberValue(k)
			if e.Operator == token.MINUS {
				step = -step
			}
			return step, true
		}
	}
	return 0, false
}
