package node_test

import (
	"strings"
	"testing"
)

func TestCryptoValues(t *testing.T) {
	expectStdout(t, `
const crypto = require('crypto');
console.log(crypto.createHash('sha256').update('abc').digest('hex'));
console.log(crypto.createHash('md5').update('').digest('hex'));
console.log(crypto.createHash('sha1').update('a').update(Buffer.from('b')).digest('base64'));
console.log(crypto.createHash('sha512').update('x').digest().length, crypto.createHash('SHA384').update('x').digest('hex').length);
console.log(crypto.createHmac('sha256', 'key').update('message').digest('base64'));
const h = crypto.createHash('sha256').update('a');
console.log(h.copy().update('b').digest('hex') === crypto.createHash('sha256').update('ab').digest('hex'));
console.log(h.digest('hex').slice(0, 16));
try { h.digest(); } catch (e) { console.log(e.code, e.message); }
try { crypto.createHash('nope'); } catch (e) { console.log(e.message); }
console.log(crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'));
console.log(crypto.scryptSync('pw', 'salt', 16).toString('hex'));
console.log(crypto.scryptSync('pw', 'salt', 16, { N: 1024, r: 4, p: 2 }).toString('hex'));
try { crypto.pbkdf2Sync('a', 'b', 1, 32); } catch (e) { console.log(e.code, e.message); }
try { crypto.pbkdf2Sync('a', 'b', 1, 32, 'nope'); } catch (e) { console.log(e.code, e.message); }
console.log(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')));
try { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); } catch (e) { console.log(e.code); }
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
const n = crypto.randomInt(5, 10); console.log(n >= 5 && n < 10, crypto.randomBytes(7).length);
console.log(crypto.getHashes().includes('sha256'), crypto.randomFillSync(new Uint32Array(4)).length);
crypto.randomBytes(16, (err, buf) => console.log('randomBytes async', err, buf.length));
crypto.pbkdf2('password', 'salt', 1000, 32, 'sha256', (err, key) => console.log('pbkdf2 async', key.toString('hex').slice(0, 16)));
crypto.scrypt('pw', 'salt', 16, (err, key) => console.log('scrypt async', key.toString('hex')));
crypto.randomFill(Buffer.alloc(4), (err, buf) => console.log('randomFill async', buf.length));
console.log('sync done');
`, `
ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
d41d8cd98f00b204e9800998ecf8427e
2iNhTgJGmg18e9G9q1ycR0sZBNw=
64 96
bp7ym3X//Ft6uuUn1Y/a2y/kLnIZARl2kXNDBl9Y7Uo=
true
ca978112ca1bbdca
ERR_CRYPTO_HASH_FINALIZED Digest already called
Digest method not supported
632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3
c0b515908e61334cae6d6003c00be60e
8f9617fd1528a97ce91c337e5589e4aa
ERR_INVALID_ARG_TYPE The "digest" argument must be of type string. Received undefined
ERR_CRYPTO_INVALID_DIGEST Invalid digest: nope
true false
ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH
true
true 7
true 4
sync done
randomFill async 4
randomBytes async null 16
pbkdf2 async 632c2812e46d4604
scrypt async c0b515908e61334cae6d6003c00be60e
`)
}

// pbkdf2 of 300000 sha512 iterations takes about as long as in Node here (195 ms), and 8 such
// jobs on the default pool of 4 threads finish in two waves. The first wave shares the 4
// simulated cores with the main thread's pbkdf2Sync (5 takers, rate 4/5), so it ends at
// 195 / 0.8 ≈ 245 ms; the second wave has the cores to itself and ends 195 ms later.
func TestCryptoPbkdf2PoolWaves(t *testing.T) {
	res := expectStdout(t, `
const crypto = require('crypto');
const t0 = performance.now();
const done = [];
for (let i = 0; i < 8; i++) {
  crypto.pbkdf2('secret', 'salt' + i, 300000, 64, 'sha512', (err, key) => {
    done.push(Math.round(performance.now() - t0));
    if (done.length === 8) console.log(done.map((ms) => Math.round(ms / 5) * 5).join(' '));
  });
}
const s = performance.now();
crypto.pbkdf2Sync('secret', 'salt', 300000, 64, 'sha512');
console.log('sync blocks for', Math.round(performance.now() - s), 'ms');
`, `
sync blocks for 195 ms
245 245 245 245 440 440 440 440
`)
	labels := poolLabels(res.Trace)
	if len(labels) != 8 || labels[0] != "crypto.pbkdf2 sha512 300000 iterations, main.js:6" {
		t.Errorf("pool labels %q", labels)
	}
	if !strings.Contains(res.Stdout, "sync blocks") {
		t.Fatal(res.Stdout)
	}
}

func TestCryptoPoolSizeFromEnv(t *testing.T) {
	expectStdout(t, `
const crypto = require('crypto');
const order = [];
const finish = (name) => () => { order.push(name); if (order.length === 3) console.log(order.join(' ')); };
crypto.pbkdf2('pw', 'a', 400000, 64, 'sha512', finish('long1'));
crypto.pbkdf2('pw', 'b', 400000, 64, 'sha512', finish('long2'));
crypto.pbkdf2('pw', 'c', 1, 32, 'sha512', finish('tiny'));
`, `
long1 long2 tiny
`, "UV_THREADPOOL_SIZE=2")
}

// A callback that can see the key gets the real one, however it declares its parameters;
// only one that cannot (here the last) is given a stand-in. The keys are Node 20's.
func TestPbkdf2KeyReachesEveryCallbackThatCanSeeIt(t *testing.T) {
	expectStdout(t, `
const crypto = require('crypto');
const job = (tag, cb) => crypto.pbkdf2('pw', 's', 1000, 16, 'sha256', cb);
job('fn', function (err, key) { console.log('fn', key.toString('hex')); });
job('arrow', (e, k) => console.log('arrow', k.toString('hex')));
job('arguments', function () { console.log('arguments', arguments[1].toString('hex')); });
job('rest', (...a) => console.log('rest', a[1].toString('hex')));
job('bound', ((e, k) => console.log('bound', k.toString('hex'))).bind(null));
job('default', (e, k = 0) => console.log('default', k.toString('hex')));
job('unseen', () => console.log('unseen'));
crypto.scrypt('pw', 's', 16, (e, k) => console.log('scrypt', k.toString('hex')));
`, `
fn 344c771fae0b532c38a9a0060e6d2a3a
arrow 344c771fae0b532c38a9a0060e6d2a3a
arguments 344c771fae0b532c38a9a0060e6d2a3a
rest 344c771fae0b532c38a9a0060e6d2a3a
bound 344c771fae0b532c38a9a0060e6d2a3a
default 344c771fae0b532c38a9a0060e6d2a3a
unseen
scrypt 50a5c927da5f08ac6e87b1a9c46afec9
`)
}
