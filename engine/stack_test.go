package engine

import "testing"

// Errors' stacks read as V8's: "    at" frames with V8's names and call positions, columns of a
// module's first line without the engine's wrapper, Error.captureStackTrace, stackTraceLimit
// and prepareStackTrace. The expected lines are real node's (v20), less the frames of Node's
// own CommonJS loader, which the simulation does not run.
func TestStacksReadAsV8s(t *testing.T) {
	src := `function f() { return new Error('boom'); }
const o = { m() { return new Error('in method'); } };
console.log(f().stack);
console.log(o.m().stack);
function Top() { const e = {}; Error.captureStackTrace(e, Top); return e; }
function caller() { return Top(); }
console.log(caller().stack);
Error.stackTraceLimit = 1;
console.log(new Error('one').stack.split('\n').length);
Error.stackTraceLimit = 10;
Error.prepareStackTrace = (e, sites) => sites.slice(0, 2).map((s) => s.getFunctionName() + '@' + s.getLineNumber()).join();
function named() { return new Error('p').stack; }
console.log(named());
Error.prepareStackTrace = undefined;
class E extends TypeError {}
console.log(new E('sub').stack.split('\n')[0]);
`
	want := `Error: boom
    at f (/app/main.js:1:23)
    at Object.<anonymous> (/app/main.js:3:13)
Error: in method
    at Object.m (/app/main.js:2:26)
    at Object.<anonymous> (/app/main.js:4:15)
Error
    at caller (/app/main.js:6:28)
    at Object.<anonymous> (/app/main.js:7:13)
2
named@12,null@13
TypeError: sub
`
	if res := runJS(t, "main.js", src); res.Stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", res.Stdout, want, res.Stderr)
	}
}
