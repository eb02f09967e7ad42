package transform

import (
	"strconv"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/token"
	"github.com/dop251/goja/unistring"
)

// Two of goja's compiler's recursions cost time proportional to the depth of what they
// compile, at every level, which made compiling deep sources quadratic (issue 10):
//
//   - A binary expression's start (ast.BinaryExpression.Idx0) is its left operand's start,
//     and whether it is a constant (compiledBinaryExpr.constant) asks both operands; both are
//     asked at every level of a chain, so `1+1+…+1` with 40,000 terms took 8.4 s.
//   - Worse, a logical operator (||, &&, ??) whose left operand is a constant evaluates it
//     while asking whether it is a constant itself (compiledLogicalOr.constant), which asks
//     the operand again: `0 || 0 || … || x` took twice as long with every term (18 terms
//     25 ms, 30 terms minutes).
//   - Whether a statement leaves a completion value (compiler.isEmptyResult) looks through
//     every block nested in it, for every block: 10,000 nested blocks took 1.8 s.
//   - A name is looked up through every enclosing scope (scope.lookupName), and the guard's
//     hooks live in the outermost one; 10,000 nested functions each calling %enter and
//     %leave took 9.2 s.
//
// The instrumenter keeps them bounded. Every chainLimit levels of a chain of binary operators
// (logicalLimit for a logical operator's operands),
// an operand becomes `true ? operand : void 0`: the same value, computed in the same order, but
// a node at which both recursions stop (a conditional has its own start and is never taken for
// a constant). Every blockLimit levels of nested blocks inside a function, the inner block
// becomes `if (true) { … }`, at which isEmptyResult stops (a function body has no
// completion value, so nothing else changes). Every aliasEvery levels of nested functions, a function's body starts with
// `const %enter@k = %enter, …`, local aliases of the hooks that the functions inside it call
// instead, so that no lookup climbs more than aliasEvery functions.
const (
	chainLimit   = 32
	logicalLimit = 8
	blockLimit   = 32
	aliasEvery   = 32
)

// boundChain records how deep the chain of binary operators ending at n is, cutting it when an
// operand's chain reaches chainLimit. It runs when n is left, after its operands.
func (in *instrumenter) boundChain(n *ast.BinaryExpression) {
	left, right := in.takeChain(n.Left), in.takeChain(n.Right)
	limit := chainLimit
	if n.Operator == token.LOGICAL_OR || n.Operator == token.LOGICAL_AND || n.Operator == token.COALESCE {
		limit = logicalLimit
	}
	if left >= limit {
		n.Left, left = opaque(n.Left), 0
	}
	if right >= limit {
		n.Right, right = opaque(n.Right), 0
	}
	in.chains[n] = 1 + max(left, right)
}

// takeChain returns the depth recorded for e and forgets it: each operand has one parent.
func (in *instrumenter) takeChain(e ast.Expression) int {
	b, ok := e.(*ast.BinaryExpression)
	if !ok {
		return 0
	}
	depth := in.chains[b]
	delete(in.chains, b)
	return depth
}

// boundBlocks records how deep the blocks nested in n are, directly or through labels, and
// cuts them inside a function when a child reaches blockLimit. It runs when n is left.
func (in *instrumenter) boundBlocks(n *ast.BlockStatement) {
	depth := 0
	for i, st := range n.List {
		inner := st
		for l, ok := inner.(*ast.LabelledStatement); ok; l, ok = inner.(*ast.LabelledStatement) {
			inner = l.Statement
		}
		b, ok := inner.(*ast.BlockStatement)
		if !ok {
			continue
		}
		d := in.blocks[b]
		delete(in.blocks, b)
		if d >= blockLimit && len(in.stack) > 0 {
			n.List[i] = &ast.IfStatement{If: st.Idx0(), Test: &ast.BooleanLiteral{Idx: st.Idx0(), Literal: "true", Value: true}, Consequent: st}
			d = 0
		}
		depth = max(depth, d)
	}
	in.blocks[n] = depth + 1
}

// opaque is `true ? e : void 0`, positioned where e is.
func opaque(e ast.Expression) ast.Expression {
	start, end := e.Idx0(), e.Idx1()
	return &ast.ConditionalExpression{
		Test:       &ast.BooleanLiteral{Idx: start, Literal: "true", Value: true},
		Consequent: e,
		Alternate: &ast.UnaryExpression{Operator: token.VOID, Idx: start,
			Operand: &ast.NumberLiteral{Idx: end - 1, Literal: "0", Value: int64(0)}},
	}
}

// hookScope is where the code being visited finds the hooks: the alias set in force (0 for
// the hooks' own names), and through how many functions since it was declared.
type hookScope struct {
	alias, depth int
}

// funcScope is what the instrumenter knows of one function being visited: the hooks its
// parameter list sees (those of where it is written), the hooks its body sees, and its body,
// whose entry switches from one to the other. A parameter list cannot see the body's own
// declarations, hence the two.
type funcScope struct {
	outer, own hookScope
	body       ast.Node
}

// hooks lists every hook; aliasUses records, per alias set, which of them were called
// through it (bit i for hooks[i]), so that only those are declared.
var hooks = [...]string{enterHook: EnterFunc, leaveHook: LeaveFunc, awaitHook: AwaitFunc, yieldHook: YieldFunc, loopHook: LoopFunc}

const (
	enterHook = iota
	leaveHook
	awaitHook
	yieldHook
	loopHook
)

// enterFunction starts a function whose body is body, declaring a new alias set when the
// scope it is written in is aliasEvery functions deep.
func (in *instrumenter) enterFunction(body ast.Node) {
	own := hookScope{alias: in.hooks.alias, depth: in.hooks.depth + 1}
	if own.depth >= aliasEvery {
		in.aliasUses = append(in.aliasUses, 0)
		own = hookScope{alias: len(in.aliasUses)}
	}
	in.scopes = append(in.scopes, funcScope{outer: in.hooks, own: own, body: body})
}

// enterBody switches to a function's own hooks when its body starts.
func (in *instrumenter) enterBody(n ast.Node) {
	if k := len(in.scopes); k > 0 && in.scopes[k-1].body == n {
		in.hooks = in.scopes[k-1].own
	}
}

// leaveFunction ends the innermost function.
func (in *instrumenter) leaveFunction() {
	in.hooks = in.scopes[len(in.scopes)-1].outer
	in.scopes = in.scopes[:len(in.scopes)-1]
}

// hookName is the name under which the code being visited calls hook (hooks[i]).
func (in *instrumenter) hookName(i int) string { return in.aliasName(in.hooks.alias, i) }

func (in *instrumenter) aliasName(alias, i int) string {
	if alias == 0 {
		return hooks[i]
	}
	in.aliasUses[alias-1] |= 1 << i
	return hooks[i] + "@" + strconv.Itoa(alias)
}

// hookAliases declares, for the innermost function if it has an alias set of its own,
// `const %enter@k = %enter@j, …` for the hooks called through it, j being the set in force
// where the function is written. It runs when the function is left, after everything inside
// it called what it calls.
func (in *instrumenter) hookAliases(at file.Idx) []ast.Statement {
	f := in.scopes[len(in.scopes)-1]
	if f.own.alias == f.outer.alias || in.aliasUses[f.own.alias-1] == 0 {
		return nil
	}
	decl := &ast.LexicalDeclaration{Idx: at, Token: token.CONST}
	for i := range hooks {
		if in.aliasUses[f.own.alias-1]&(1<<i) != 0 {
			decl.List = append(decl.List, &ast.Binding{
				Target:      &ast.Identifier{Name: unistring.String(hooks[i] + "@" + strconv.Itoa(f.own.alias)), Idx: at},
				Initializer: &ast.Identifier{Name: unistring.String(in.aliasName(f.outer.alias, i)), Idx: at},
			})
		}
	}
	return []ast.Statement{decl}
}
