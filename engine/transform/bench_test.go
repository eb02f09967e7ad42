package transform

import (
	"testing"

	"github.com/dop251/goja"
)

const fibSrc = `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(25);`

func BenchmarkFib25Plain(b *testing.B) {
	prg := goja.MustCompile("fib.js", fibSrc, false)
	vm := goja.New()
	for b.Loop() {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFib25Instrumented measures the guard with the cheapest possible
// host functions, so the figure is the cost of the instrumentation itself.
func BenchmarkFib25Instrumented(b *testing.B) {
	prg, _, err := Instrument(fibSrc, "fib.js")
	if err != nil {
		b.Fatal(err)
	}
	vm := goja.New()
	depth := 0
	vm.Set(EnterFunc, func(goja.FunctionCall) goja.Value { depth++; return goja.Undefined() })
	vm.Set(LeaveFunc, func(goja.FunctionCall) goja.Value { depth--; return goja.Undefined() })
	for b.Loop() {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFib25TryFinallyOnly isolates the cost of the try/finally from
// the cost of the two host calls.
func BenchmarkFib25TryFinallyOnly(b *testing.B) {
	src := `function fib(n) { try { return n < 2 ? n : fib(n - 1) + fib(n - 2); } finally {} } fib(25);`
	prg := goja.MustCompile("fib.js", src, false)
	vm := goja.New()
	for b.Loop() {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInstrumentParseAndCompile(b *testing.B) {
	for b.Loop() {
		if _, _, err := Instrument(fibSrc, "fib.js"); err != nil {
			b.Fatal(err)
		}
	}
}
