// The want column of this table is the verbatim result of running each snippet under node v20.20.2.

package lib

import "testing"

func TestStringDecoderMatchesNode(t *testing.T) {
	runNodeCases(t, string_decoderNodeCases, nil)
}

var string_decoderNodeCases = []nodeCase{
	{"euro split", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('utf8'); const e = Buffer.from('€'); return [d.write(e.subarray(0, 1)), d.write(e.subarray(1, 2)), d.write(e.subarray(2)), d.end()];`, `["","","€",""]`, false},
	{"emoji split each byte", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder(); const e = Buffer.from('a\u{1F600}b'); const out = []; for (const b of e) out.push(codes(d.write(Buffer.from([b])))); out.push(codes(d.end())); return out;`, `["61","","","","1f600","62",""]`, false},
	{"end with incomplete", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('utf8'); return [d.write(Buffer.from([0xe2, 0x82])), codes(d.end()), d.write(Buffer.from('ok'))];`, `["","fffd","ok"]`, false},
	{"invalid bytes", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('utf8'); return [codes(d.write(Buffer.from([0xff, 0x41]))), codes(d.write(Buffer.from([0xe2, 0x41]))), codes(d.write(Buffer.from([0xc3]))), codes(d.write(Buffer.from([0x41])))];`, `["fffd 41","fffd 41","","fffd 41"]`, false},
	{"end with buffer", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('utf8'); d.write(Buffer.from([0xe2])); return codes(d.end(Buffer.from([0x82, 0xac])));`, `20ac`, false},
	{"utf16le split", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('utf16le'); const b = Buffer.from('a\u{1F600}', 'utf16le'); return [d.write(b.subarray(0, 1)), d.write(b.subarray(1, 3)), codes(d.write(b.subarray(3, 5))), codes(d.write(b.subarray(5))), d.end()];`, `["","a","d83d","de00",""]`, false},
	{"base64", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('base64'); return [d.write(Buffer.from('ab')), d.write(Buffer.from('c')), d.write(Buffer.from('defg')), d.end()];`, `["","YWJj","ZGVm","Zw=="]`, false},
	{"hex latin1", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');return [new StringDecoder('hex').write(Buffer.from([1, 255])), new StringDecoder('latin1').write(Buffer.from([0xe9])), new StringDecoder('ucs2').encoding, new StringDecoder('UTF-8').encoding, new StringDecoder().encoding];`, `["01ff","é","utf16le","utf8","utf8"]`, false},
	{"unknown encoding", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');new StringDecoder('nope');`, `THROW TypeError ERR_UNKNOWN_ENCODING: Unknown encoding: nope`, false},
	{"write string passthrough", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');return new StringDecoder().write('abc');`, `abc`, false},
	{"lastNeed", `const { StringDecoder } = require('string_decoder'); const { Buffer } = require('buffer'); const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');const d = new StringDecoder('utf8'); d.write(Buffer.from([0xf0, 0x9f])); return [d.lastNeed, d.lastTotal];`, `[2,4]`, false},
}
