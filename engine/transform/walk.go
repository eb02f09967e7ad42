package transform

import "github.com/dop251/goja/ast"

// Visitor is called by Walk for every node of a goja AST. Enter is called
// before a node's children and may return false to skip them; Leave is called
// after the children (also when they were skipped). A visitor may replace
// fields of the node it is given in Leave, because Walk has finished with the
// node's children by then; this is how Instrument rewrites bodies without
// visiting its own synthesized nodes.
type Visitor interface {
	Enter(n ast.Node) bool
	Leave(n ast.Node)
}

// Walk visits n and its children in source order. It visits only the
// identifiers that are bindings or references: property names after a dot,
// non-computed keys (goja stores them as string literals anyway), labels and
// the names of function and class literals are not visited as identifiers,
// so that a scope-aware visitor never mistakes them for uses of a variable.
// The names of function and class literals are visible through the literal
// itself for visitors that need them.
func Walk(v Visitor, n ast.Node) {
	if isNilNode(n) {
		return
	}
	if v.Enter(n) {
		walkChildren(v, n)
	}
	v.Leave(n)
}

// isNilNode reports whether n is nil or a typed nil pointer, which goja's
// AST uses for absent optional parts (holes in array literals, a missing
// else branch).
func isNilNode(n ast.Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case ast.Expression:
		return n == nil || isNilExpr(n)
	case *ast.BlockStatement:
		return n == nil
	case *ast.CatchStatement:
		return n == nil
	case *ast.ParameterList:
		return n == nil
	case *ast.CaseStatement:
		return n == nil
	}
	return false
}

func isNilExpr(e ast.Expression) bool {
	switch e := e.(type) {
	case *ast.Identifier:
		return e == nil
	case *ast.FunctionLiteral:
		return e == nil
	case *ast.ClassLiteral:
		return e == nil
	case *ast.Binding:
		return e == nil
	}
	return false
}

func walkExprs(v Visitor, list []ast.Expression) {
	for _, e := range list {
		if e != nil {
			Walk(v, e)
		}
	}
}

func walkStmts(v Visitor, list []ast.Statement) {
	for _, s := range list {
		if s != nil {
			Walk(v, s)
		}
	}
}

func walkBindings(v Visitor, list []*ast.Binding) {
	for _, b := range list {
		if b != nil {
			Walk(v, b)
		}
	}
}

func walkOpt(v Visitor, e ast.Expression) {
	if e != nil {
		Walk(v, e)
	}
}

func walkOptStmt(v Visitor, s ast.Statement) {
	if s != nil {
		Walk(v, s)
	}
}

func walkChildren(v Visitor, n ast.Node) {
	switch n := n.(type) {
	case *ast.Program:
		walkStmts(v, n.Body)

	// Expressions.
	case *ast.ArrayLiteral:
		walkExprs(v, n.Value)
	case *ast.ArrayPattern:
		walkExprs(v, n.Elements)
		walkOpt(v, n.Rest)
	case *ast.AssignExpression:
		Walk(v, n.Left)
		Walk(v, n.Right)
	case *ast.AwaitExpression:
		walkOpt(v, n.Argument)
	case *ast.YieldExpression:
		walkOpt(v, n.Argument)
	case *ast.BinaryExpression:
		Walk(v, n.Left)
		Walk(v, n.Right)
	case *ast.BracketExpression:
		Walk(v, n.Left)
		Walk(v, n.Member)
	case *ast.CallExpression:
		Walk(v, n.Callee)
		walkExprs(v, n.ArgumentList)
	case *ast.ConditionalExpression:
		Walk(v, n.Test)
		Walk(v, n.Consequent)
		Walk(v, n.Alternate)
	case *ast.DotExpression:
		Walk(v, n.Left)
	case *ast.PrivateDotExpression:
		Walk(v, n.Left)
	case *ast.OptionalChain:
		Walk(v, n.Expression)
	case *ast.Optional:
		Walk(v, n.Expression)
	case *ast.FunctionLiteral:
		if n.ParameterList != nil {
			Walk(v, n.ParameterList)
		}
		if n.Body != nil {
			Walk(v, n.Body)
		}
	case *ast.ArrowFunctionLiteral:
		if n.ParameterList != nil {
			Walk(v, n.ParameterList)
		}
		Walk(v, n.Body)
	case *ast.ExpressionBody:
		Walk(v, n.Expression)
	case *ast.ClassLiteral:
		walkOpt(v, n.SuperClass)
		for _, el := range n.Body {
			Walk(v, el)
		}
	case *ast.FieldDefinition:
		if n.Computed {
			Walk(v, n.Key)
		}
		walkOpt(v, n.Initializer)
	case *ast.MethodDefinition:
		if n.Computed {
			Walk(v, n.Key)
		}
		Walk(v, n.Body)
	case *ast.ClassStaticBlock:
		Walk(v, n.Block)
	case *ast.NewExpression:
		Walk(v, n.Callee)
		walkExprs(v, n.ArgumentList)
	case *ast.ObjectLiteral:
		for _, p := range n.Value {
			Walk(v, p)
		}
	case *ast.ObjectPattern:
		for _, p := range n.Properties {
			Walk(v, p)
		}
		walkOpt(v, n.Rest)
	case *ast.ParameterList:
		walkBindings(v, n.List)
		walkOpt(v, n.Rest)
	case *ast.Binding:
		Walk(v, n.Target)
		walkOpt(v, n.Initializer)
	case *ast.PropertyShort:
		Walk(v, &n.Name)
		walkOpt(v, n.Initializer)
	case *ast.PropertyKeyed:
		if n.Computed {
			Walk(v, n.Key)
		}
		Walk(v, n.Value)
	case *ast.SpreadElement:
		Walk(v, n.Expression)
	case *ast.SequenceExpression:
		walkExprs(v, n.Sequence)
	case *ast.TemplateLiteral:
		walkOpt(v, n.Tag)
		walkExprs(v, n.Expressions)
	case *ast.UnaryExpression:
		Walk(v, n.Operand)

	// Statements.
	case *ast.BlockStatement:
		walkStmts(v, n.List)
	case *ast.CaseStatement:
		walkOpt(v, n.Test)
		walkStmts(v, n.Consequent)
	case *ast.CatchStatement:
		if n.Parameter != nil {
			Walk(v, n.Parameter)
		}
		Walk(v, n.Body)
	case *ast.DoWhileStatement:
		Walk(v, n.Body)
		Walk(v, n.Test)
	case *ast.ExpressionStatement:
		Walk(v, n.Expression)
	case *ast.ForInStatement:
		Walk(v, n.Into)
		Walk(v, n.Source)
		Walk(v, n.Body)
	case *ast.ForOfStatement:
		Walk(v, n.Into)
		Walk(v, n.Source)
		Walk(v, n.Body)
	case *ast.ForStatement:
		if n.Initializer != nil {
			Walk(v, n.Initializer)
		}
		walkOpt(v, n.Test)
		walkOpt(v, n.Update)
		Walk(v, n.Body)
	case *ast.ForLoopInitializerExpression:
		Walk(v, n.Expression)
	case *ast.ForLoopInitializerVarDeclList:
		walkBindings(v, n.List)
	case *ast.ForLoopInitializerLexicalDecl:
		Walk(v, &n.LexicalDeclaration)
	case *ast.ForIntoVar:
		Walk(v, n.Binding)
	case *ast.ForDeclaration:
		Walk(v, n.Target)
	case *ast.ForIntoExpression:
		Walk(v, n.Expression)
	case *ast.IfStatement:
		Walk(v, n.Test)
		Walk(v, n.Consequent)
		walkOptStmt(v, n.Alternate)
	case *ast.LabelledStatement:
		Walk(v, n.Statement)
	case *ast.ReturnStatement:
		walkOpt(v, n.Argument)
	case *ast.SwitchStatement:
		Walk(v, n.Discriminant)
		for _, c := range n.Body {
			Walk(v, c)
		}
	case *ast.ThrowStatement:
		Walk(v, n.Argument)
	case *ast.TryStatement:
		Walk(v, n.Body)
		if n.Catch != nil {
			Walk(v, n.Catch)
		}
		if n.Finally != nil {
			Walk(v, n.Finally)
		}
	case *ast.VariableStatement:
		walkBindings(v, n.List)
	case *ast.LexicalDeclaration:
		walkBindings(v, n.List)
	case *ast.WhileStatement:
		Walk(v, n.Test)
		Walk(v, n.Body)
	case *ast.WithStatement:
		Walk(v, n.Object)
		Walk(v, n.Body)
	case *ast.FunctionDeclaration:
		Walk(v, n.Function)
	case *ast.ClassDeclaration:
		Walk(v, n.Class)
	}
}
