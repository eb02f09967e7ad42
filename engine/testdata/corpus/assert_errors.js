const assert = require('assert');
try { assert.deepStrictEqual({ a: 1 }, { a: 2 }); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
try { assert.strictEqual(1, 2); } catch (e) { console.log(e.message.split('\n')[0]); }
assert.throws(() => { throw new TypeError('t'); }, TypeError);
assert.rejects(Promise.reject(new Error('r'))).then(() => console.log('rejects ok'));
console.log('ok');
