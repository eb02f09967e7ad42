package transform

import (
	"fmt"
	"strconv"
	"strings"
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

// Sources whose parse and compile time must grow linearly with their size (issue 10): a long
// left-nested sum, deeply nested functions. Compare the ns/op across sizes.
func sumSource(terms int) string {
	return "console.log(" + strings.Repeat("1+", terms-1) + "1);\n"
}

func nestedSource(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "function f%d(){", i)
	}
	b.WriteString("return 1")
	b.WriteString(strings.Repeat("}", depth))
	return b.String()
}

func blocksSource(depth int) string {
	return "function f() {" + strings.Repeat("{", depth) + "return 1" + strings.Repeat("}", depth) + "}"
}

func benchmarkInstrument(b *testing.B, src string) {
	for b.Loop() {
		if _, _, err := InstrumentWith(src, "big.js", Options{CountLoops: true, FastLoops: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSum(b *testing.B) {
	for _, n := range []int{10000, 20000, 40000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchmarkInstrument(b, sumSource(n)) })
	}
}

func BenchmarkParseNested(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchmarkInstrument(b, nestedSource(n)) })
	}
}

func BenchmarkParseBlocks(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchmarkInstrument(b, blocksSource(n)) })
	}
}
