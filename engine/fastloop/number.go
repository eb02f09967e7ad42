package fastloop

import (
	"math"
	"math/bits"
)

// The operations of ECMAScript's Number type (ECMA-262 §6.1.6.1) that Go's float64 operators
// do not already give.

// truthy is ToBoolean of a number: false for +0, -0 and NaN.
func truthy(x float64) bool { return x != 0 && x == x }

// toInt32 is ECMA-262 ToInt32: truncate, then wrap modulo 2^32 into the signed range.
func toInt32(x float64) int32 {
	if x > -2147483649 && x < 2147483648 {
		return int32(x) // truncates toward zero; NaN fails the comparisons above
	}
	if x > -9.2e18 && x < 9.2e18 {
		return int32(int64(x)) // truncate, then keep the low 32 bits: modulo 2^32
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	x = math.Mod(math.Trunc(x), 4294967296) // exact, in (-2^32, 2^32)
	return int32(uint32(int64(x)))
}

// toUint32 is ECMA-262 ToUint32.
func toUint32(x float64) uint32 { return uint32(toInt32(x)) }

// remainder is Number::remainder: the result of fmod, which has the dividend's sign. Whole
// non-negative operands below 2^32 (loop counters) take the integer divide.
func remainder(n, d float64) float64 {
	if n >= 1 && n < 4294967296 && d >= 1 && d < 4294967296 {
		if ni, di := uint32(n), uint32(d); float64(ni) == n && float64(di) == d {
			return float64(ni % di)
		}
	}
	return math.Mod(n, d)
}

func leftShift(x, y float64) float64 { return float64(toInt32(x) << (toUint32(y) & 31)) }

func signedRightShift(x, y float64) float64 { return float64(toInt32(x) >> (toUint32(y) & 31)) }

func unsignedRightShift(x, y float64) float64 { return float64(toUint32(x) >> (toUint32(y) & 31)) }

func bitwiseAnd(x, y float64) float64 { return float64(toInt32(x) & toInt32(y)) }

func bitwiseOr(x, y float64) float64 { return float64(toInt32(x) | toInt32(y)) }

func bitwiseXor(x, y float64) float64 { return float64(toInt32(x) ^ toInt32(y)) }

func bitwiseNot(x float64) float64 { return float64(^toInt32(x)) }

func add(x, y float64) float64 { return x + y }

func subtract(x, y float64) float64 { return x - y }

// multiply rounds the product (the conversion forbids fusing it into a later addition).
func multiply(x, y float64) float64 { return float64(x * y) }

func divide(x, y float64) float64 { return x / y }

// divisor is a constant right operand of %. For a whole divisor below 2^32 and a whole
// dividend in [+0, 2^32), rem takes Lemire's fastmod (two multiplications instead
// of a divide); otherwise remainder.
type divisor struct {
	d         float64
	di, magic uint64 // magic is 0 when the fast path does not apply
}

func newDivisor(d float64) divisor {
	if d < 1 || d >= 4294967296 || d != math.Trunc(d) {
		return divisor{d: d}
	}
	return divisor{d: d, di: uint64(d), magic: ^uint64(0)/uint64(d) + 1}
}

func (v divisor) rem(n float64) float64 {
	if r, ok := v.fast(n); ok {
		return r
	}
	return remainder(n, v.d)
}

// fast is rem's fast path, small enough for the compiler to inline into a loop.
func (v divisor) fast(n float64) (float64, bool) {
	ni := uint64(int64(n))
	if v.magic == 0 || math.Float64bits(n)>>63 != 0 || n >= 4294967296 || float64(int64(ni)) != n {
		return 0, false
	}
	return v.of(ni), true
}

// of is Lemire's fastmod of a whole n in [0, 2^32), as a number.
func (v divisor) of(n uint64) float64 {
	hi, _ := bits.Mul64(v.magic*n, v.di)
	return float64(int64(hi)) // hi < d < 2^32: a signed conversion is exact and cheaper
}
