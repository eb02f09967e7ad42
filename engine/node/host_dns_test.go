package node_test

import "testing"

func TestDNSLookup(t *testing.T) {
	res := expectStdout(t, `
const dns = require('dns');
dns.lookup('localhost', (err, address, family) => console.log('localhost', err, address, family));
dns.lookup('127.0.0.1', (err, address, family) => console.log('numeric', address, family));
dns.lookup('::1', { all: true }, (err, list) => console.log('numeric all', list));
dns.lookup('localhost', { all: true }, (err, list) => console.log('all', list));
dns.lookup('nonexistent.invalid', (err) => console.log(err.message, err.code, err.errno, err.syscall, err.hostname));
dns.promises.lookup('localhost').then((r) => console.log('promise', r));
require('dns/promises').lookup('localhost', { family: 6 }).catch((e) => console.log('v6', e.code));
dns.resolve4('example.com', (err) => console.log('resolve4', err.code, err.syscall));
process.nextTick(() => console.log('nextTick'));
console.log('started');
`, `
started
numeric 127.0.0.1 4
numeric all [ { address: '::1', family: 6 } ]
nextTick
localhost null 127.0.0.1 4
all [ { address: '127.0.0.1', family: 4 } ]
promise { address: '127.0.0.1', family: 4 }
resolve4 ECONNREFUSED queryA
getaddrinfo ENOTFOUND nonexistent.invalid ENOTFOUND -3008 getaddrinfo nonexistent.invalid
v6 ENOTFOUND
`)
	// Numeric addresses skip the pool; every name is one getaddrinfo job.
	if n := len(poolLabels(res.Trace)); n != 5 {
		t.Errorf("%d pool jobs, want 5: %q", n, poolLabels(res.Trace))
	}
}
