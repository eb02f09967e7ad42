// Package fastloop runs pure numeric loops natively, so that a long loop of arithmetic costs
// real time close to what it costs V8 instead of the hundred times more it costs goja.
//
// A loop qualifies when everything it does after its initializer is arithmetic on numbers held
// in variables: numeric literals, the operators of ECMAScript's Number type, assignments and
// updates of plain identifiers, `let`/`const`/`var` declarations with initializers, if/else,
// nested loops and unlabelled break/continue. It has no calls, no property access, no
// strings, no functions, so running it cannot be observed except through the variables it
// leaves behind and the time it takes. Compile checks that statically; the caller checks at
// run time that the variables hold numbers (a `var` the loop declares itself excepted, see
// Var.DeclaredInside), and otherwise lets goja run the loop as written.
//
// The operators follow ECMAScript's Number semantics exactly (number.go): `%` is fmod with the
// dividend's sign (-0 included), bitwise operators go through ToInt32/ToUint32, products are
// rounded before they are added (no fused multiply-add). `**` is left out, because V8's pow
// and Go's differ in the last bit for some operands.
//
// Execution is a tree of Go closures, specialised for the shapes that dominate real loops
// (`i < n`, `i++`, `sum += x`, `x % 7`), over up to MaxSlots float64 variables. Every
// CheckEvery iterations the machine calls back into the host, which charges the simulated
// time the iterations took, can stop a loop that ran past a limit, and learns when a loop
// returned to a state it was already in: such a loop can never end.
package fastloop
