package engine

import "testing"

// Sizes the program asks for are checked before goja allocates (engine/node/limits.go): each
// gives V8's or Node's error, caught by the program, instead of a Go "fatal error: out of
// memory". Expected lines from node v20.20.2 on a machine with less than 32 GB free, where the
// 4 GiB limit of the run stands for the machine's memory.
func TestAllocationLimits(t *testing.T) {
	src := `const show = (f) => { try { const v = f(); console.log('ok', v) } catch (e) { console.log(e.code || '-', e.name + ': ' + e.message) } };
show(() => new ArrayBuffer(2**35).byteLength);
show(() => new ArrayBuffer(2**53).byteLength);
show(() => new ArrayBuffer(-1).byteLength);
show(() => new SharedArrayBuffer(2**35).byteLength);
show(() => new Uint8Array(2**35).length);
show(() => new Uint8Array(2**32 + 1).length);
show(() => new Float64Array(2**32).length);
show(() => new Uint8Array(-1).length);
show(() => new Uint8Array(new ArrayBuffer(8), 0, 2**40).length);
show(() => 'x'.repeat(2**29).length);
show(() => 'x'.repeat(2**20).length > 0);
show(() => 'ab'.padStart(2**30).length);
show(() => 'x'.padEnd(2**31).length);
show(() => new Array(2**20).join('x'.repeat(1024)).length);
show(() => Buffer.alloc(2**32 + 1).length);
show(() => Buffer.allocUnsafe(2**33).length);
class B extends Uint8Array {}
show(() => [new B(3) instanceof B, Uint8Array.prototype.constructor === Uint8Array, String(Uint8Array), Uint8Array.length, new ArrayBuffer(8).slice(2).byteLength].join(' '));
`
	want := `- RangeError: Array buffer allocation failed
- RangeError: Invalid array buffer length
- RangeError: Invalid array buffer length
- RangeError: Array buffer allocation failed
- RangeError: Invalid typed array length: 34359738368
- RangeError: Invalid typed array length: 4294967297
- RangeError: Array buffer allocation failed
- RangeError: Invalid typed array length: -1
- RangeError: Invalid typed array length: 1099511627776
- RangeError: Invalid string length
ok true
- RangeError: Invalid string length
- RangeError: Invalid string length
- RangeError: Invalid string length
ERR_OUT_OF_RANGE RangeError: The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received 4_294_967_297
ERR_OUT_OF_RANGE RangeError: The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received 8_589_934_592
ok true true function Uint8Array() { [native code] } 3 6
`
	res := runJS(t, "main.js", src)
	if res.Stdout != want || res.ExitCode != 0 {
		t.Fatalf("exit %d, stderr %q\ngot:\n%s\nwant:\n%s", res.ExitCode, res.Stderr, res.Stdout, want)
	}
}

// scrypt with a maxmem that lets N = 2**30 through is OpenSSL's malloc failure in Node (the
// line below is node v20.20.2's); a file grown past the run's memory is ENOSPC, the simulated
// disk being memory (Node on a real disk makes a sparse file; the simulation has none).
func TestAllocationLimitsCryptoAndFiles(t *testing.T) {
	src := `const show = (f) => { try { const v = f(); console.log('ok', v) } catch (e) { console.log(e.code || '-', e.name + ': ' + e.message) } };
const crypto = require('crypto'), fs = require('fs');
show(() => crypto.scryptSync('p', 's', 64, { N: 2**30, r: 8, maxmem: 2**53 - 1 }).length);
const fd = fs.openSync('/tmp/f', 'w');
show(() => fs.ftruncateSync(fd, 2**40));
show(() => fs.writeSync(fd, Buffer.alloc(4), 0, 4, 2**40));
show(() => fs.ftruncateSync(fd, 10));
show(() => fs.fstatSync(fd).size);
`
	want := `- Error: error:030C0100:digital envelope routines::malloc failure
ENOSPC Error: ENOSPC: no space left on device, ftruncate
ENOSPC Error: ENOSPC: no space left on device, write
ok undefined
ok 10
`
	res := runJS(t, "main.js", src)
	if res.Stdout != want || res.ExitCode != 0 {
		t.Fatalf("exit %d, stderr %q\ngot:\n%s\nwant:\n%s", res.ExitCode, res.Stderr, res.Stdout, want)
	}
}

// The guarded constructors and methods keep the attributes of the built-ins they replace:
// globals and methods not enumerable (test/common's leak check lists every enumerable global),
// name and length configurable. Expected lines from node v20.20.2.
func TestAllocationGuardsKeepAttributes(t *testing.T) {
	src := `const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return [x.writable, x.enumerable, x.configurable].join(); };
console.log(Object.keys(globalThis).includes('Uint8Array'), d(globalThis, 'Uint8Array'), d(globalThis, 'ArrayBuffer'), d(Uint8Array, 'name'), d(Uint8Array, 'length'), d(Uint8Array.prototype, 'constructor'), d(String.prototype, 'repeat'), d(Array.prototype, 'join'), d(ArrayBuffer, 'isView'), d(Uint8Array, 'BYTES_PER_ELEMENT'));
const o = []; for (const k in 'ab') o.push(k); console.log(o.join());
`
	want := "false true,false,true true,false,true false,false,true false,false,true true,false,true true,false,true true,false,true true,false,true false,false,false\n0,1\n"
	res := runJS(t, "main.js", src)
	if res.Stdout != want || res.ExitCode != 0 {
		t.Fatalf("exit %d, stderr %q\ngot:\n%s\nwant:\n%s", res.ExitCode, res.Stderr, res.Stdout, want)
	}
}
