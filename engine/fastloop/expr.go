package fastloop

import (
	"fmt"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// isBoolean reports whether e yields a boolean: comparisons, !, true/false, and && || ?: of
// booleans. Every other qualifying expression yields a number.
func isBoolean(e ast.Expression) bool {
	switch e := e.(type) {
	case *ast.BooleanLiteral:
		return true
	case *ast.UnaryExpression:
		return e.Operator == token.NOT
	case *ast.BinaryExpression:
		switch e.Operator {
		case token.LESS, token.LESS_OR_EQUAL, token.GREATER, token.GREATER_OR_EQUAL,
			token.EQUAL, token.NOT_EQUAL, token.STRICT_EQUAL, token.STRICT_NOT_EQUAL:
			return true
		case token.LOGICAL_AND, token.LOGICAL_OR:
			l, r := isBoolean(e.Left), isBoolean(e.Right)
			if l != r {
				reject("&& or || of a boolean and a number")
			}
			return l
		}
	case *ast.ConditionalExpression:
		l, r := isBoolean(e.Consequent), isBoolean(e.Alternate)
		if l != r {
			reject("?: of a boolean and a number")
		}
		return l
	case *ast.SequenceExpression:
		return isBoolean(e.Sequence[len(e.Sequence)-1])
	}
	return false
}

// condition compiles an expression whose value is used as a test.
func (c *compiler) condition(e ast.Expression) boolFn {
	if !isBoolean(e) {
		x := c.number(e)
		return func(m *machine) bool { return truthy(x(m)) }
	}
	switch e := e.(type) {
	case *ast.BooleanLiteral:
		v := e.Value
		return func(*machine) bool { return v }
	case *ast.UnaryExpression: // !
		if isBoolean(e.Operand) {
			x := c.condition(e.Operand)
			return func(m *machine) bool { return !x(m) }
		}
		x := c.number(e.Operand)
		return func(m *machine) bool { return !truthy(x(m)) }
	case *ast.BinaryExpression:
		if e.Operator == token.LOGICAL_AND || e.Operator == token.LOGICAL_OR {
			l, r := c.condition(e.Left), c.condition(e.Right)
			if e.Operator == token.LOGICAL_AND {
				return func(m *machine) bool { return l(m) && r(m) }
			}
			return func(m *machine) bool { return l(m) || r(m) }
		}
		if isBoolean(e.Left) || isBoolean(e.Right) {
			reject("a comparison of booleans")
		}
		return compare(e.Operator, c.operand(e.Left), c.operand(e.Right))
	case *ast.ConditionalExpression:
		return choose(c.condition(e.Test), c.condition(e.Consequent), c.condition(e.Alternate))
	case *ast.SequenceExpression:
		return then(c.effects(e.Sequence[:len(e.Sequence)-1]), c.condition(e.Sequence[len(e.Sequence)-1]))
	}
	reject("%s", describe(e))
	return nil
}

// operand is a compiled number expression and, when it is one, the variable or constant it
// reads, so that operators can be specialised for those shapes.
type operand struct {
	fn      numFn
	slot    int // -1 unless a variable
	value   float64
	isConst bool
}

func (c *compiler) operand(e ast.Expression) operand {
	switch e := e.(type) {
	case *ast.NumberLiteral:
		v := numberValue(e)
		return operand{fn: func(*machine) float64 { return v }, slot: -1, value: v, isConst: true}
	case *ast.Identifier:
		s := c.resolve(string(e.Name), false)
		return operand{fn: func(m *machine) float64 { return m.s[s&slotMask] }, slot: s}
	}
	return operand{fn: c.number(e), slot: -1}
}

func numberValue(e *ast.NumberLiteral) float64 {
	switch v := e.Value.(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	reject("a BigInt")
	return 0
}

// number compiles an expression that yields a number.
func (c *compiler) number(e ast.Expression) numFn {
	if isBoolean(e) {
		reject("a boolean value")
	}
	switch e := e.(type) {
	case *ast.NumberLiteral, *ast.Identifier:
		return c.operand(e).fn
	case *ast.UnaryExpression:
		return c.unary(e)
	case *ast.BinaryExpression:
		if e.Operator == token.LOGICAL_AND || e.Operator == token.LOGICAL_OR {
			l, r := c.number(e.Left), c.number(e.Right)
			and := e.Operator == token.LOGICAL_AND
			return func(m *machine) float64 {
				if x := l(m); truthy(x) != and {
					return x
				}
				return r(m)
			}
		}
		return arithmetic(e.Operator, c.operand(e.Left), c.operand(e.Right))
	case *ast.AssignExpression:
		s, value := c.assign(e)
		return func(m *machine) float64 {
			value(m)
			return m.s[s&slotMask]
		}
	case *ast.ConditionalExpression:
		return choose(c.condition(e.Test), c.number(e.Consequent), c.number(e.Alternate))
	case *ast.SequenceExpression:
		return then(c.effects(e.Sequence[:len(e.Sequence)-1]), c.number(e.Sequence[len(e.Sequence)-1]))
	}
	reject("%s", describe(e))
	return nil
}

func (c *compiler) unary(e *ast.UnaryExpression) numFn {
	switch e.Operator {
	case token.INCREMENT, token.DECREMENT:
		s, step := c.target(e.Operand), 1.0
		if e.Operator == token.DECREMENT {
			step = -1
		}
		if e.Postfix {
			return func(m *machine) float64 {
				old := m.s[s&slotMask]
				m.s[s&slotMask] = old + step
				return old
			}
		}
		return func(m *machine) float64 {
			m.s[s&slotMask] += step
			return m.s[s&slotMask]
		}
	case token.MINUS:
		x := c.number(e.Operand)
		return func(m *machine) float64 { return -x(m) }
	case token.PLUS:
		return c.number(e.Operand)
	case token.BITWISE_NOT:
		x := c.number(e.Operand)
		return func(m *machine) float64 { return bitwiseNot(x(m)) }
	}
	reject("unary %s", e.Operator)
	return nil
}

// target resolves the variable an assignment or update writes.
func (c *compiler) target(e ast.Expression) int {
	id, ok := e.(*ast.Identifier)
	if !ok {
		reject("an assignment to %s", describe(e))
	}
	return c.resolve(string(id.Name), true)
}

// assign compiles an assignment for its effect; it returns the slot written.
func (c *compiler) assign(e *ast.AssignExpression) (int, stmt) {
	value := c.operand(e.Right) // the right side is evaluated after the target is resolved,
	s := c.target(e.Left)       // but resolving has no effect, so the order does not matter
	if e.Operator == token.ASSIGN {
		return s, store(s, value.fn)
	}
	// goja's parser keeps the binary operator of a compound assignment: `+=` is PLUS.
	self := operand{fn: func(m *machine) float64 { return m.s[s&slotMask] }, slot: s}
	return s, updateInPlace(e.Operator, s, self, value)
}

// effect compiles an expression whose value is not used.
func (c *compiler) effect(e ast.Expression) stmt {
	switch e := e.(type) {
	case *ast.AssignExpression:
		_, st := c.assign(e)
		return st
	case *ast.UnaryExpression:
		if e.Operator == token.INCREMENT || e.Operator == token.DECREMENT {
			s, step := c.target(e.Operand), 1.0
			if e.Operator == token.DECREMENT {
				step = -1
			}
			return func(m *machine) flow {
				m.s[s&slotMask] += step
				return normal
			}
		}
	case *ast.SequenceExpression:
		return c.effects(e.Sequence)
	}
	if isBoolean(e) {
		x := c.condition(e)
		return func(m *machine) flow {
			x(m)
			return normal
		}
	}
	x := c.number(e)
	return func(m *machine) flow {
		x(m)
		return normal
	}
}

func (c *compiler) effects(list []ast.Expression) stmt {
	stmts := make([]stmt, len(list))
	for i, e := range list {
		stmts[i] = c.effect(e)
	}
	return sequence(stmts)
}

// describe names what a node is, for the reason a loop does not qualify.
func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.CallExpression, *ast.NewExpression:
		return "a call"
	case *ast.DotExpression, *ast.BracketExpression, *ast.PrivateDotExpression, *ast.OptionalChain:
		return "a property access"
	case *ast.StringLiteral, *ast.TemplateLiteral:
		return "a string"
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral, *ast.FunctionDeclaration, *ast.ClassDeclaration:
		return "a function or class"
	case *ast.AwaitExpression, *ast.YieldExpression:
		return "await or yield"
	}
	return "a " + strings.ToLower(strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast."))
}

// choose is `test ? a : b`.
func choose[T any](test boolFn, a, b func(*machine) T) func(*machine) T {
	return func(m *machine) T {
		if test(m) {
			return a(m)
		}
		return b(m)
	}
}

// then is the comma operator: first's effects, then last's value.
func then[T any](first stmt, last func(*machine) T) func(*machine) T {
	return func(m *machine) T {
		first(m)
		return last(m)
	}
}
