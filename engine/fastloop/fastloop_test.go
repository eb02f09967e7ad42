package fastloop

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// loopOf parses src and returns its last statement, the loop.
func loopOf(t testing.TB, src string) ast.Statement {
	t.Helper()
	prg, err := parser.ParseFile(nil, "t.js", src, 0)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return prg.Body[len(prg.Body)-1]
}

type countingHost struct{ total int64 }

func (h *countingHost) Checkpoint(n int64) bool { h.total += n; return true }

// The same program run by goja and by the loop compiler leaves the same values behind, bit
// for bit (-0 and NaN included). Each case is `PRELUDE; LOOP`; the prelude's vars are the
// loop's variables.
func TestMatchesGoja(t *testing.T) {
	for _, src := range matchCases {
		t.Run(src, func(t *testing.T) { checkAgainstGoja(t, src) })
	}
}

var matchCases = []string{
	`var sum = 0, n = 1000; for (var i = 0; i < n; i++) sum += i % 7;`,
	`var total = 0; for (var i = 0; i < 100000; i++) { total += i; }`,
	`var x = -7, y = 0; for (var i = 0; i < 3; i++) y = x % 7;`,              // -0
	`var x = -0, y = 5; for (var i = 0; i < 1; i++) y = x % 5;`,              // -0 % 5 is -0
	`var y = 0; for (var i = -10; i < 10; i += 0.5) y += i % 3;`,             // fractional, negative
	`var y = 0; for (var i = 1; i < 1e6; i *= 1.7) y += (i % 1e3) / 7;`,      // large fmod
	`var a = 0; for (var i = 0; i < 100; i++) a = (a + i * 2654435761) | 0;`, // wrapping
	`var a = 0; for (var i = 0; i < 100; i++) a ^= (i << 27) >>> 3;`,         // shifts
	`var a = 1; for (var i = 0; i < 40; i++) a = (a * 31 + i) >> 1;`,         //
	`var a = 0; for (var i = 0; i < 70; i++) a += ~i + (2147483648.5 | 0) + (-1 >>> 0) + (4294967296.5 | 0);`,
	`var a = 0, b = 0; for (var i = 0; i < 50; i++) { if (i % 2 === 0) continue; if (i > 40) break; a += i; b -= 1; }`,
	`var a = 0; var i = 0; while (i < 10) { i++; a += i * i; }`,
	`var a = 0; var i = 0; do { a += i; i += 3; } while (i < 20);`,
	`var a = 0; var i = 100; do { a += i; } while (i < 20);`,
	`var s = 0; for (var i = 0; i < 20; i++) for (var j = 0; j < i; j++) { if (j > 5) break; s += i * j; }`,
	`var s = 0; for (let i = 0; i < 30; i++) { let t = i * 2; const u = t + 1; s += u; }`,
	`var s = 0, z; for (var i = 0; i < 10; i++) { var z = i * 3; s += z; }`,
	`var s = 0, q = 'keep'; for (var i = 0; i < 0; i++) { var q = i; s += q; }`, // q keeps its value
	`var s = 0; for (var i = 0; i < 10; i++) s += i > 5 ? i : -i;`,
	`var s = 0; for (var i = 0; i < 10; i++) s += (i && 2) + (i || 3) + (0 && i);`,
	`var s = 0; for (var i = 0; i < 10; i++) { if (!(i % 3) || i === 7) s++; else s -= 0.5; }`,
	`var s = 0, a = 0; for (var i = 0; i < 10; i++) s += (a = i * 2, a + 1);`,
	`var s = 0, a = 0; for (var i = 0; i < 10; i++) { s += a++; s += ++a; s += a--; s -= --a; }`,
	`var s = 1; for (var i = 0; i < 2000; i++) s = s * 1.0001 + 1 / (i + 1);`,
	`var s = 0; for (var i = 0; i < 10; i++) s += 1 / (i - 5);`,    // Infinity
	`var s = 0; for (var i = 0; i < 10; i++) s = s + (i - 5) / 0;`, // NaN
	`var s = NaN, c = 0; for (var i = 0; i < 10; i++) { if (s !== s) c++; if (s == s) c += 100; }`,
	`var s = 0; for (var i = 0; i < 10; i++) s += -i + +i + -(i % 2);`,
	`var s = 0, x = 5; for (var i = 0; i < 10; i++) s += x + (x = i);`, // left before right
	`var s = 0, x = 5; for (var i = 0; i < 10; i++) x += (x = i);`,     // compound reads first
	`var n = 10, f = 1; while (n > 1) f *= n--;`,
	`var a = 0; for (var i = 0; i < 10; i++) a = a % 3 ? a + 1 : a + 2;`,
	`var a = 7; for (var i = 0; i < 33; i++) { a <<= 1; a >>= 0; a >>>= 0; a |= 1; a &= 0xffff; a ^= i; a %= 1000; a /= 1; a *= 1; a -= 1; }`,
	`var a = 0; for (;;) { a++; if (a >= 17) break; }`,
	`var a = 0; for (var i = 0; i < 5; i++) { { let i = 100; a += i; } a += i; }`,
	`var s = 0; for (var i = 0; i < 10; i++) { let k = 0; while (true) { if (++k > i) break; s += k; } }`,
	`var s = 0; for (var i = 0; i < 10; i++) { for (let j = 0, k = 10; j < k; j++, k--) s += j * k; }`,
	`var s = 0; for (var i = 0; i < 3e6; i++) s += i & 1;`, // past a checkpoint
	// Counted reductions in every direction, with fractional and odd bounds.
	`var s = 0; for (var i = 10; i > 0; i--) s += i % 3;`,
	`var s = 0; for (var i = 0; i <= 10.5; i += 2) s += i;`,
	`var s = 0; for (var i = 5; i >= -3.5; i -= 2) s -= i * 3;`,
	`var s = 0; for (var i = 7; i < 7; i++) s += i;`,
	`var s = 0; for (var i = 0; i < NaN; i++) s += i;`,
	`var s = 0, n = -2.5; for (var i = 3; i > n; i -= 3) s += i - 0.25;`,
	`var s = 0; for (var i = -5; i <= 5; i++) s += i % 4;`,
	`var s = 0; for (var i = 0.5; i < 5; i++) s += i % 2;`,
	`var s = 0; for (var i = 2; i >= 2; i += 1) { s += i & 6; if (s > 100) break; }`,
	`var s = 0; for (var i = 9007199254740980; i < 9007199254740990; i++) s += i;`,
	`var s = 0; for (var i = 9007199254740985; i < 9007199254740991; i += 2) s += i;`,
	`var s = 0; for (var i = 9007199254740985; i < 9007199254740999; i += 2) s += i;`,
	`var s = 0, n = 5e6; for (var i = 0; i < n; i += 3) s += i & 255;`,
	`var s = 0; for (var i = 4294967290; i < 4294967300; i++) s += i % 1000;`, // leaves [0, 2^32)
	`var s = 0; for (var i = 8589934592; i > 4294967290; i -= 1073741824) s += i % 7;`,
	`var s = 0; for (var i = 20; i > -20; i -= 3) s += i % 7;`,
	`var s = 0; for (var i = 0; i <= i; i++) { s += i; if (s > 50) break; }`, // the bound is the counter
	`var s = 0; for (var i = 0; i < i; i++) s += i;`,
	`var s = 0; for (var i = 0; i < 1e300; i++) { s += i; if (i > 2e6) break; }`,
	`var s = 0, n = 1e300; for (var i = 0; i < n; i++) { s += i % 3; if (s > 3e6) break; }`,
}

func checkAgainstGoja(t *testing.T, src string) {
	src = strings.ReplaceAll(src, "for (let i", "for (var i") // the vars are read as globals
	full := loopOf(t, src)
	prelude, loop := splitInit(t, src, full)
	l, err := Compile(loop)
	if err != nil {
		t.Fatalf("does not compile: %v", err)
	}
	want := goja.New()
	if _, err := want.RunString(src); err != nil {
		t.Fatal(err)
	}
	got := goja.New()
	if _, err := got.RunString(prelude); err != nil {
		t.Fatal(err)
	}
	values := make([]float64, len(l.Vars))
	assigned := make([]bool, len(l.Vars))
	for i, v := range l.Vars {
		x := got.Get(v.Name)
		if x == nil { // a var of the loop, hoisted in the real program
			x = goja.Undefined()
		}
		if !goja.IsNumber(x) && !v.DeclaredInside {
			t.Fatalf("%s is %v, not a number", v.Name, x)
		}
		values[i] = x.ToFloat()
	}
	host := &countingHost{}
	if st, _ := l.Run(values, assigned, host); st != Done {
		t.Fatalf("status %v", st)
	}
	for i, v := range l.Vars {
		w := want.Get(v.Name)
		if v.DeclaredInside && !assigned[i] {
			if !w.StrictEquals(got.Get(v.Name)) {
				t.Errorf("%s: goja %v, left %v", v.Name, w, got.Get(v.Name))
			}
			continue
		}
		if math.Float64bits(w.ToFloat()) != math.Float64bits(values[i]) && !(math.IsNaN(values[i]) && goja.IsNaN(w)) || !goja.IsNumber(w) {
			t.Errorf("%s: goja %v, fastloop %v", v.Name, w, values[i])
		}
	}
}

// splitInit returns the source to run before the loop (the prelude and a for statement's
// initializer) and the loop without that initializer.
func splitInit(t testing.TB, src string, loop ast.Statement) (string, ast.Statement) {
	prelude := src[:int(loop.Idx0())-1]
	f, ok := loop.(*ast.ForStatement)
	if !ok || f.Initializer == nil {
		return prelude, loop
	}
	init := src[int(f.Initializer.Idx0())-1 : int(f.Initializer.Idx1())-1]
	bare := *f
	bare.Initializer = nil
	return prelude + ";" + init + ";", &bare
}

// ToInt32 and ToUint32 of numbers beyond 2^32, where goja itself is wrong (it gives 0 for
// 1e20 | 0); the expected values are what Node 20 prints.
func TestBitwiseOfLargeNumbers(t *testing.T) {
	for _, c := range []struct {
		got, want float64
	}{
		{bitwiseOr(1e20, 0), 1661992960},
		{unsignedRightShift(-1e20, 0), 2632974336},
		{bitwiseOr(4294967296.5, 0), 0},
		{bitwiseOr(-2147483649, 0), 2147483647},
		{bitwiseOr(math.Inf(1), 0), 0},
		{leftShift(1, 33), 2},
		{signedRightShift(-8, 1), -4},
		{unsignedRightShift(-8, 1), 2147483644},
		{bitwiseNot(1e20), -1661992961},
	} {
		if c.got != c.want {
			t.Errorf("got %v, want %v", c.got, c.want)
		}
	}
}

// Loops that could be observed doing anything but arithmetic on variables are refused.
func TestRefusesImpureLoops(t *testing.T) {
	cases := map[string]string{
		`for (var i = 0; i < 3; i++) f(i);`:                      "call",
		`for (var i = 0; i < 3; i++) a[i] = i;`:                  "property",
		`for (var i = 0; i < 3; i++) s += 'x';`:                  "string",
		`for (var i = 0; i < 3; i++) s = i ** 2;`:                "**",
		`for (var i = 0; i < 3; i++) s = i < 2;`:                 "boolean value",
		`for (var i = 0; i < 3; i++) { let x; s += 1; }`:         "without a value",
		`for (var i = 0; i < 3; i++) { s += x; let x = 1; }`:     "before its declaration",
		`for (var i = 0; i < 3; i++) { const x = 1; x++; }`:      "constant",
		`outer: for (var i = 0; i < 3; i++) { continue outer; }`: "labelled",
		`for (var i = 0; i < 3; i++) () => i;`:                   "function",
		`for (var i = 0; i < 3; i++) s += 10n;`:                  "BigInt",
		`for (var i = 0; i < 3; i++) switch (i) {}`:              "switch",
		`for (var i = 0; i < 3; i++) s += (i < 1) + 1;`:          "boolean value",
		`for (var i of a) s += i;`:                               "not a for",
		`for (var i = 0; i < 3; i++) { var [a] = b; }`:           "destructuring",
		`for (var i = 0; i < 3; i++) s = typeof i;`:              "typeof",
	}
	for src, why := range cases {
		st := loopOf(t, src)
		if lbl, ok := st.(*ast.LabelledStatement); ok {
			st = lbl.Statement
		}
		_, err := Compile(st)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%s: got %v, want an error about %q", src, err, why)
		}
	}
}

type stoppingHost struct{ calls int }

func (h *stoppingHost) Checkpoint(int64) bool { h.calls++; return h.calls < 3 }

// The host's checkpoint can stop a loop that would run for a long time.
func TestCheckpointStops(t *testing.T) {
	l, err := Compile(loopOf(t, `var x = 0; while (x >= 0) x = (x + 1) % 1e15;`))
	if err != nil {
		t.Fatal(err)
	}
	st, _ := l.Run([]float64{0}, []bool{false}, &stoppingHost{})
	if st != Stopped {
		t.Fatalf("status %v, want Stopped", st)
	}
}

// A loop that comes back to the same state at the same point never ends.
func TestEndless(t *testing.T) {
	for _, src := range []string{`for (;;) {}`, `var a = 1; while (true) { a = a * 1; }`, `var a = 0; for (;;) { for (var j = 0; j < 10; j++) a = j; }`} {
		l, err := Compile(loopOf(t, src))
		if err != nil {
			t.Fatal(err)
		}
		values := make([]float64, len(l.Vars))
		host := &countingHost{}
		st, rest := l.Run(values, make([]bool, len(l.Vars)), host)
		if st != Endless {
			t.Errorf("%s: status %v, want Endless", src, st)
		}
		if host.total+rest < CheckEvery {
			t.Errorf("%s: %d iterations counted", src, host.total+rest)
		}
	}
}

// The iterations are all counted: the checkpoints' and the rest returned by Run.
func TestIterationCount(t *testing.T) {
	l, _ := Compile(loopOf(t, `var s = 0; for (var i = 0; i < 3000000; i++) for (var j = 0; j < 2; j++) s++;`))
	host := &countingHost{}
	vals := make([]float64, len(l.Vars))
	_, rest := l.Run(vals, make([]bool, len(vals)), host)
	if got := host.total + rest; got != 3000000*3 {
		t.Fatalf("%d iterations, want %d", got, 3000000*3)
	}
}

func BenchmarkRemainderLoop(b *testing.B) {
	benchLoop(b, `var sum = 0, n = 0; for (var i = 0; i < n; i++) sum += i % 7;`)
}

func BenchmarkSumLoop(b *testing.B) {
	benchLoop(b, `var total = 0, n = 0; for (var i = 0; i < n; i++) { total += i; }`)
}

// BenchmarkHashLoop has a body that is not a reduction: closures run every iteration.
func BenchmarkHashLoop(b *testing.B) {
	benchLoop(b, `var h = 0, n = 0; for (var i = 0; i < n; i++) h = (h * 31 + i) | 0;`)
}

// benchLoop runs src's loop b.N times (src's n).
func benchLoop(b *testing.B, src string) {
	f := *loopOf(b, src).(*ast.ForStatement)
	f.Initializer = nil
	l, err := Compile(&f)
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]float64, len(l.Vars))
	for i, v := range l.Vars {
		if v.Name == "n" {
			vals[i] = float64(b.N)
		}
	}
	b.ResetTimer()
	l.Run(vals, make([]bool, len(vals)), &countingHost{})
}

// FuzzMatchesGoja runs programs whose last statement is a qualifying loop in goja and
// natively and compares the variables they leave, as TestMatchesGoja does. Loops that run
// long in either are skipped.
//
//	go test ./engine/fastloop -fuzz FuzzMatchesGoja -fuzztime 60s
func FuzzMatchesGoja(f *testing.F) {
	for _, src := range matchCases {
		f.Add(src)
	}
	f.Add("if(0)0") // goja's parser gives this statement no position
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, "**") || strings.Contains(src, "1e2") {
			return // goja's ToInt32 of numbers past 2^63 is wrong (TestBitwiseOfLargeNumbers)
		}
		prg, err := parser.ParseFile(nil, "t.js", src, 0)
		if err != nil || len(prg.Body) == 0 {
			return
		}
		last := prg.Body[len(prg.Body)-1]
		if start := int(last.Idx0()); start < 1 || start > len(src)+1 {
			return // no position to split the source at, so no loop to compare
		}
		prelude, loop := splitInit(t, src, last)
		l, err := Compile(loop)
		if err != nil {
			return
		}
		want := goja.New()
		timer := time.AfterFunc(200*time.Millisecond, func() { want.Interrupt("slow") })
		_, err = want.RunString(strings.ReplaceAll(src, "for (let i", "for (var i"))
		timer.Stop()
		if err != nil {
			return
		}
		got := goja.New()
		if _, err := got.RunString(prelude); err != nil {
			return
		}
		values := make([]float64, len(l.Vars))
		for i, v := range l.Vars {
			x := got.Get(v.Name)
			if x == nil || !goja.IsNumber(x) {
				if !v.DeclaredInside {
					return // the host would let goja run it
				}
				x = goja.Undefined()
			}
			values[i] = x.ToFloat()
		}
		assigned := make([]bool, len(l.Vars))
		if st, _ := l.Run(values, assigned, &stoppingHost{}); st != Done {
			return
		}
		for i, v := range l.Vars {
			w := want.Get(v.Name)
			if w == nil || v.DeclaredInside && !assigned[i] {
				continue
			}
			if !goja.IsNumber(w) || math.Float64bits(w.ToFloat()) != math.Float64bits(values[i]) && !(math.IsNaN(values[i]) && goja.IsNaN(w)) {
				t.Fatalf("%s\n%s: goja %v, fastloop %v", src, v.Name, w, values[i])
			}
		}
	})
}

// trips counts the iterations left in a counted loop; where the bound is far off, the limit.
func TestTrips(t *testing.T) {
	for _, c := range []struct {
		op          token.Token
		x, step     int64
		bound       float64
		limit, want int64
	}{
		{token.LESS, 0, 1, 10, 100, 10},
		{token.LESS, 0, 3, 10, 100, 4},            // 0 3 6 9
		{token.LESS_OR_EQUAL, 0, 2, 10.5, 100, 6}, // 0 2 4 6 8 10
		{token.GREATER, 10, -1, 0, 100, 10},
		{token.GREATER_OR_EQUAL, 5, -2, -3.5, 100, 5}, // 5 3 1 -1 -3
		{token.LESS, 0, 1, 1e300, 100, 100},
		{token.LESS, 0, 1, math.Inf(1), 100, 100},
		{token.LESS, 0, -1, 10, 100, 100}, // moving away: only the limit
		{token.LESS, 0, 1, math.NaN(), 100, 0},
		{token.LESS, 5, 1, 5, 100, 0},
	} {
		if got := trips(c.op, c.x, c.step, c.bound, c.limit); got != c.want {
			t.Errorf("trips(%s, %d, %d, %v, %d) = %d, want %d", c.op, c.x, c.step, c.bound, c.limit, got, c.want)
		}
	}
}
