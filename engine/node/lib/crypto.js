'use strict';
// crypto: hashes, HMAC, pbkdf2, scrypt and random values, after Node's lib/crypto.js and
// lib/internal/crypto/*.js. The digests are real (internalBinding('crypto'),
// engine/node/host_crypto.go). pbkdf2, scrypt, randomBytes and randomFill with a callback are
// jobs on the libuv thread pool; their sync forms block the calling thread. Ciphers, keys,
// signatures and webcrypto are left out.

const binding = internalBinding('crypto');

function getBuffer() { return require('buffer').Buffer; }

const { codedError, invalidArgTypeMessage, inspectDefault } = require('internal/errors');

function invalidArgType(name, expected, v) {
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, expected, v, inspectDefault));
}

const kBinaryLike = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';

// toBytes turns string, Buffer, TypedArray, DataView or ArrayBuffer input into bytes the
// binding reads; strings in UTF-8 go as they are.
function toBytes(data, name, encoding) {
  if (typeof data === 'string') {
    if (!encoding || encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') return data;
    return getBuffer().from(data, encoding);
  }
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data;
  throw invalidArgType(name, kBinaryLike, data);
}

function encode(buf, encoding) {
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

function callSite() { return binding.callSite(); }

// ---- Hash and Hmac (lib/internal/crypto/hash.js) ----

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');

class Hash {
  constructor(algorithm, options, handle) {
    if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm);
    this[kHandle] = handle || binding.newHash(algorithm);
    this[kState] = { finalized: false };
  }
  update(data, encoding) {
    if (this[kState].finalized) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    this[kHandle].update(toBytes(data, 'data', encoding));
    return this;
  }
  digest(encoding) {
    if (this[kState].finalized) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this[kState].finalized = true;
    return encode(this[kHandle].digest(), encoding);
  }
  copy(options) {
    if (this[kState].finalized) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    return new Hash('', options, this[kHandle].copy());
  }
}

class Hmac {
  constructor(hmac, key) {
    if (typeof hmac !== 'string') throw invalidArgType('hmac', 'of type string', hmac);
    if (key && typeof key === 'object' && key.type === 'secret' && key.export) key = key.export();
    this[kHandle] = binding.newHmac(hmac, toBytes(key, 'key'));
    this[kState] = { finalized: false };
  }
  update(data, encoding) {
    if (this[kState].finalized) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this[kHandle].update(toBytes(data, 'data', encoding));
    return this;
  }
  digest(encoding) {
    // Node answers an empty digest for a second call on an Hmac instead of throwing.
    if (this[kState].finalized) return encode(getBuffer().alloc(0), encoding);
    this[kState].finalized = true;
    return encode(this[kHandle].digest(), encoding);
  }
}

function createHash(algorithm, options) { return new Hash(algorithm, options); }
function createHmac(hmac, key, options) { return new Hmac(hmac, key, options); }

function hash(algorithm, data, outputEncoding = 'hex') {
  return createHash(algorithm).update(data).digest(outputEncoding);
}

// ---- pbkdf2 (lib/internal/crypto/pbkdf2.js) ----

function checkNumber(v, name, min, max) {
  if (typeof v !== 'number') throw invalidArgType(name, 'of type number', v);
  if (!Number.isInteger(v)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be an integer. Received ${v}`);
  }
  if (v < min || v > max) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${v}`);
  }
}

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  if (typeof digest !== 'string') throw invalidArgType('digest', 'of type string', digest);
  const pw = toBytes(password, 'password');
  const s = toBytes(salt, 'salt');
  checkNumber(iterations, 'iterations', 1, 2147483647);
  checkNumber(keylen, 'keylen', 0, 2147483647);
  if (!binding.hasDigest(digest)) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
  return [pw, s];
}

function checkCallback(cb) {
  if (typeof cb !== 'function') throw invalidArgType('callback', 'of type function', cb);
}

// ignoresKey reports whether callback cannot see its second argument, the derived key: it
// declares at most one parameter, none with a default or a rest, never reads `arguments`,
// and is not native or bound (whose source says nothing). Then the simulation need not
// derive the key: the pool job only takes its modeled time. Long derivations whose callbacks
// only count completions (the pool lessons, the corpus) cost no real CPU time that way.
function ignoresKey(callback) {
  if (callback.length > 1) return false;
  const src = Function.prototype.toString.call(callback);
  if (src.includes('[native code]') || /\barguments\b/.test(src)) return false;
  const arrow = src.indexOf('=>');
  const paren = src.indexOf('(');
  const params = paren >= 0 && (arrow < 0 || paren < arrow) ? src.slice(paren, src.indexOf(')') + 1) : src.slice(0, arrow);
  return !params.includes('=') && !params.includes('...');
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') { callback = digest; digest = undefined; }
  const [pw, s] = pbkdf2Args(password, salt, iterations, keylen, digest);
  checkCallback(callback);
  binding.pbkdf2(pw, s, iterations, keylen, digest, {
    label: `crypto.pbkdf2 ${digest} ${iterations} iterations, ${callSite()}`,
    keyUnseen: ignoresKey(callback),
    oncomplete: (err, key) => (err ? callback(err) : callback(null, key)),
  });
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const [pw, s] = pbkdf2Args(password, salt, iterations, keylen, digest);
  return binding.pbkdf2(pw, s, iterations, keylen, digest, `crypto.pbkdf2Sync ${digest} ${iterations} iterations, ${callSite()}`);
}

// ---- scrypt (lib/internal/crypto/scrypt.js) ----

function scryptArgs(password, salt, keylen, options) {
  const pw = toBytes(password, 'password');
  const s = toBytes(salt, 'salt');
  checkNumber(keylen, 'keylen', 0, 2147483647);
  const o = options || {};
  const N = o.N !== undefined ? o.N : o.cost !== undefined ? o.cost : 16384;
  const r = o.r !== undefined ? o.r : o.blockSize !== undefined ? o.blockSize : 8;
  const p = o.p !== undefined ? o.p : o.parallelization !== undefined ? o.parallelization : 1;
  const maxmem = o.maxmem !== undefined ? o.maxmem : 32 << 20;
  if (N < 2 || (N & (N - 1)) !== 0 || 128 * N * r > maxmem) {
    throw codedError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params: memory limit exceeded');
  }
  return [pw, s, N, r, p];
}

function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  const [pw, s, N, r, p] = scryptArgs(password, salt, keylen, options);
  checkCallback(callback);
  binding.scrypt(pw, s, keylen, N, r, p, {
    label: `crypto.scrypt N=${N}, ${callSite()}`,
    keyUnseen: ignoresKey(callback),
    oncomplete: (err, key) => (err ? callback(err) : callback(null, key)),
  });
}

function scryptSync(password, salt, keylen, options) {
  const [pw, s, N, r, p] = scryptArgs(password, salt, keylen, options);
  return binding.scrypt(pw, s, keylen, N, r, p, `crypto.scryptSync N=${N}, ${callSite()}`);
}

// ---- random values (lib/internal/crypto/random.js) ----

const kMaxPossibleLength = 2 ** 31 - 1;

function randomBytes(size, callback) {
  if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
  if (!(size >= 0 && size <= kMaxPossibleLength)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= ${kMaxPossibleLength}. Received ${size}`);
  }
  if (callback !== undefined) checkCallback(callback);
  const buf = getBuffer().alloc(size);
  if (callback === undefined) {
    binding.randomFill(buf, 0, size, `crypto.randomBytes ${size} B, ${callSite()}`);
    return buf;
  }
  binding.randomFill(buf, 0, size, {
    label: `crypto.randomBytes ${size} B, ${callSite()}`,
    oncomplete: (err) => (err ? callback(err) : callback(null, buf)),
  });
}

function fillArgs(buf, offset, size) {
  if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer)) {
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  }
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  const byteLength = buf.byteLength;
  offset = offset === undefined ? 0 : offset * elementSize;
  size = size === undefined ? byteLength - offset : size * elementSize;
  if (offset < 0 || offset > byteLength) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "offset" is out of range. It must be >= 0 && <= ${byteLength}. Received ${offset}`);
  }
  if (size < 0 || offset + size > byteLength) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size + offset" is out of range. It must be <= ${byteLength}. Received ${offset + size}`);
  }
  return [offset, size];
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') { callback = offset; offset = undefined; size = undefined; }
  else if (typeof size === 'function') { callback = size; size = undefined; }
  checkCallback(callback);
  const [off, n] = fillArgs(buf, offset, size);
  binding.randomFill(buf, off, n, {
    label: `crypto.randomFill ${n} B, ${callSite()}`,
    oncomplete: (err) => (err ? callback(err) : callback(null, buf)),
  });
}

function randomFillSync(buf, offset, size) {
  const [off, n] = fillArgs(buf, offset, size);
  binding.randomFill(buf, off, n, `crypto.randomFillSync ${n} B, ${callSite()}`);
  return buf;
}

function randomUUID() {
  const b = binding.randomBytesNow(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  }
  const range = max - min;
  const b = binding.randomBytesNow(6);
  const x = ((b[0] * 2 ** 40) + (b[1] * 2 ** 32) + (b[2] * 2 ** 24) + (b[3] << 16 >>> 0) + (b[4] << 8) + b[5]);
  const n = min + (x % range);
  if (typeof callback === 'function') { process.nextTick(callback, null, n); return undefined; }
  return n;
}

function timingSafeEqual(a, b) {
  if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) throw invalidArgType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
  if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) throw invalidArgType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
  const x = new Uint8Array(a.buffer || a, a.byteOffset || 0, a.byteLength);
  const y = new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength);
  if (x.length !== y.length) {
    throw codedError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

function getHashes() {
  const names = new Set(binding.hashes);
  for (const n of binding.hashes) names.add('RSA-' + n.toUpperCase().replace('SHA', 'SHA'));
  return [...names].sort();
}

module.exports = {
  createHash, createHmac, hash, Hash, Hmac,
  pbkdf2, pbkdf2Sync, scrypt, scryptSync,
  randomBytes, randomFill, randomFillSync, randomUUID, randomInt,
  pseudoRandomBytes: randomBytes, prng: randomBytes, rng: randomBytes,
  timingSafeEqual, getHashes,
  getCiphers: () => [],
  getCurves: () => [],
  constants: {},
};

Object.defineProperty(module.exports, 'webcrypto', {
  enumerable: true,
  get() {
    return { getRandomValues: (arr) => randomFillSync(arr), randomUUID };
  },
});
