package engine

import "testing"

// Errors carry V8's messages where goja words them its own way (third_party/goja/PATCHES.md):
// reading a property of null, calling what is not a function, the temporal dead zone,
// JSON.parse's errors with their positions. The expected output is real node's (v20).
func TestErrorMessagesAreV8s(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"the language's errors", `const o = {}; o.self = o;
try { JSON.stringify(o); } catch (e) { console.log(e.message.split('\n')[0]); }
try { null.foo; } catch (e) { console.log(e.message); }
try { undefined.foo(); } catch (e) { console.log(e.message); }
try { const x = 1; x = 2; } catch (e) { console.log(e.message); }
try { ({}).f(); } catch (e) { console.log(e.message); }
try { new (class A { #p; static t(o) { return o.#p; } }).t({}); } catch (e) { console.log(e.constructor.name); }
try { [].reduce((a, b) => a); } catch (e) { console.log(e.message); }
try { new Array(-1); } catch (e) { console.log(e.message); }
try { 'x'.repeat(-1); } catch (e) { console.log(e.message); }
try { BigInt(1.5); } catch (e) { console.log(e.message); }
try { Symbol() + ''; } catch (e) { console.log(e.message); }
try { let q = q2 + 1; let q2; } catch (e) { console.log(e.message); }
`, `Converting circular structure to JSON
Cannot read properties of null (reading 'foo')
Cannot read properties of undefined (reading 'foo')
Assignment to constant variable.
{}.f is not a function
TypeError
Reduce of empty array with no initial value
Invalid array length
Invalid count value: -1
The number 1.5 cannot be converted to a BigInt because it is not an integer
Cannot convert a Symbol value to a string
Cannot access 'q2' before initialization
`},
		{"reading, setting, calling and iterating what cannot be", `const tests = [
  () => { const o = { a: { } }; o.a.b.c; },
  () => { let u; u.x = 1; },
  () => { const n = null; n[0]; },
  () => { const arr = [1]; arr.foo(); },
  () => { const obj = { m: 5 }; obj.m(); },
  () => { let f = 3; f(); },
  () => { Math.nope(); },
  () => { (() => 1)()(); },
  () => { [].x.y; },
  () => { new Promise(); },
  () => { undefinedVar; },
  () => { JSON.parse(''); },
  () => { JSON.parse('x'); },
  () => { JSON.parse('{"a":1,}'); },
  () => { JSON.parse('[1, 2'); },
  () => { decodeURIComponent('%'); },
  () => { Object.defineProperty(1, 'x', {}); },
  () => { null(); },
  () => { Symbol.iterator.description.foo.bar; },
  () => { class A { constructor() { this.x; } } A(); },
  () => { for (const x of 5) {} },
  () => { new (function () {}).prototype.constructor.x.y; },
];
for (const t of tests) { try { t(); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); } }
for (const t of [() => { const n = 7; for (const x of n) {} }, () => { new Promise(5); }]) { try { t(); } catch (e) { console.log(e.message); } }
`, `TypeError: Cannot read properties of undefined (reading 'c')
TypeError: Cannot set properties of undefined (setting 'x')
TypeError: Cannot read properties of null (reading '0')
TypeError: arr.foo is not a function
TypeError: obj.m is not a function
TypeError: f is not a function
TypeError: Math.nope is not a function
TypeError: (intermediate value)(...) is not a function
TypeError: Cannot read properties of undefined (reading 'y')
TypeError: Promise resolver undefined is not a function
ReferenceError: undefinedVar is not defined
SyntaxError: Unexpected end of JSON input
SyntaxError: Unexpected token 'x', "x" is not valid JSON
SyntaxError: Expected double-quoted property name in JSON at position 7
SyntaxError: Expected ',' or ']' after array element in JSON at position 5
URIError: URI malformed
TypeError: Object.defineProperty called on non-object
TypeError: null is not a function
TypeError: Cannot read properties of undefined (reading 'bar')
TypeError: Class constructor A cannot be invoked without 'new'
TypeError: 5 is not iterable
TypeError: Cannot read properties of undefined (reading 'y')
n is not iterable
Promise resolver 5 is not a function
`},
		{"JSON.parse", `for (const s of ['{"a":1} x', '{"a" 1}', '{"a":1 "b":2}', '"\u0001"', '"\\q"', 'nul', '[1,]', '{"key": "a long value here", oops}', 'tru', '{"a":1,', '  ', '12a']) {
  try { JSON.parse(s); console.log('ok', s); } catch (e) { console.log(e.message); }
}
for (const s of ['[1, 2', '{"a":1', '{"a"', '{', '[', '"abc', '{"a":', '[1,', '{"a":[1,2', '']) {
  try { JSON.parse(s); console.log('ok', s); } catch (e) { console.log(JSON.stringify(s), e.message); }
}
`, `Unexpected non-whitespace character after JSON at position 8
Expected ':' after property name in JSON at position 5
Expected ',' or '}' after property value in JSON at position 7
Bad control character in string literal in JSON at position 1
Bad escaped character in JSON at position 2
Unexpected end of JSON input
Unexpected token ']', "[1,]" is not valid JSON
Expected double-quoted property name in JSON at position 29
Unexpected end of JSON input
Expected double-quoted property name in JSON at position 7
Unexpected end of JSON input
Unexpected non-whitespace character after JSON at position 2
"[1, 2" Expected ',' or ']' after array element in JSON at position 5
"{\"a\":1" Expected ',' or '}' after property value in JSON at position 6
"{\"a\"" Expected ':' after property name in JSON at position 4
"{" Expected property name or '}' in JSON at position 1
"[" Unexpected end of JSON input
"\"abc" Unterminated string in JSON at position 4
"{\"a\":" Unexpected end of JSON input
"[1," Unexpected end of JSON input
"{\"a\":[1,2" Expected ',' or ']' after array element in JSON at position 9
"" Unexpected end of JSON input
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if res := runJS(t, "main.js", c.src); res.Stdout != c.want {
				t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", res.Stdout, c.want, res.Stderr)
			}
		})
	}
}
