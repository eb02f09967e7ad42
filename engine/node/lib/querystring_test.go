// The want column of this table is the verbatim result of running each snippet under node v20.20.2.

package lib

import "testing"

func TestQuerystringMatchesNode(t *testing.T) {
	runNodeCases(t, querystringNodeCases, nil)
}

var querystringNodeCases = []nodeCase{
	{"parse", `const qs = require('querystring'); const j = (o) => JSON.stringify(o);return [j(qs.parse('a=1&b=2&a=3')), j(qs.parse('foo=bar&abc=xyz&abc=123')), j(qs.parse('a+b=c+d&e%20f=%41')), j(qs.parse('a&b=&=c&&')), j(qs.parse('')), j(qs.parse('a=%zz&b=%E2%82%AC&c=%E2')), j(qs.parse('a:1;b:2', ';', ':')), j(qs.parse('a=1&a=2&a=3')), Object.getPrototypeOf(qs.parse('a=1')), j(qs.parse('a=b=c'))];`, `["{\"a\":[\"1\",\"3\"],\"b\":\"2\"}","{\"foo\":\"bar\",\"abc\":[\"xyz\",\"123\"]}","{\"a b\":\"c d\",\"e f\":\"A\"}","{\"a\":\"\",\"b\":\"\",\"\":\"c\"}","{}","{\"a\":\"%zz\",\"b\":\"€\",\"c\":\"�\"}","{\"a\":\"1\",\"b\":\"2\"}","{\"a\":[\"1\",\"2\",\"3\"]}",null,"{\"a\":\"b=c\"}"]`, false},
	{"parse maxKeys", `const qs = require('querystring'); const j = (o) => JSON.stringify(o);return [j(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })), j(qs.parse('a=1&b=2', null, null, { maxKeys: 0 }))];`, `["{\"a\":\"1\",\"b\":\"2\"}","{\"a\":\"1\",\"b\":\"2\"}"]`, false},
	{"stringify", `const qs = require('querystring'); const j = (o) => JSON.stringify(o);return [qs.stringify({ foo: 'bar', baz: ['qux', 'quux'], corge: '' }), qs.stringify({ foo: 'bar', baz: 'qux' }, ';', ':'), qs.stringify({ a: 1, b: true, c: null, d: undefined, e: NaN, f: {}, g: 1n }), qs.stringify({ 'a b': 'c&d=é€' }), qs.stringify('x'), qs.stringify({ s: "!'()*~-._" }), qs.stringify({ a: [] })];`, `["foo=bar&baz=qux&baz=quux&corge=","foo:bar;baz:qux","a=1&b=true&c=&d=&e=&f=&g=1","a%20b=c%26d%3D%C3%A9%E2%82%AC","","s=!'()*~-._",""]`, false},
	{"escape unescape", `const qs = require('querystring'); const j = (o) => JSON.stringify(o);return [qs.escape('a b&c/€'), qs.escape("!'()*"), qs.unescape('a%20b+c'), qs.unescape('%E2%82%AC'), qs.unescape('%zz%41'), qs.unescape('%E2%82')];`, `["a%20b%26c%2F%E2%82%AC","!'()*","a b+c","€","%zzA","�"]`, false},
	{"escape lone surrogate", `const qs = require('querystring'); const j = (o) => JSON.stringify(o);qs.escape('\ud800');`, `THROW URIError ERR_INVALID_URI: URI malformed`, false},
	{"aliases", `const qs = require('querystring'); const j = (o) => JSON.stringify(o);return [qs.encode === qs.stringify, qs.decode === qs.parse, qs.unescapeBuffer('a%20b').toString()];`, `[true,true,"a b"]`, false},
}
