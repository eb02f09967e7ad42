'use strict';
// zlib: the buffer API (gzip, gunzip, deflate, inflate, deflateRaw, inflateRaw, unzip, with
// their Sync forms) over real compression (internalBinding('zlib'), engine/node/host_zlib.go).
// An async call is a chain of thread-pool jobs, one per 16 KiB of output as Node's
// handle.write loop makes; the callback runs in the poll phase. The output bytes are Go's
// deflate, not zlib's: they differ from Node's but round-trip, and Node-made input inflates.
// Streams (createGzip, ...) compress when their input ends; brotli is left out.

const binding = internalBinding('zlib');

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3,
  Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865, DEFLATE: 1, INFLATE: 2, GZIP: 3,
  GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};

function invalidBuffer(v) {
  let shown;
  if (v == null) shown = String(v);
  else if (typeof v === 'object') shown = v.constructor && v.constructor.name ? `an instance of ${v.constructor.name}` : 'an instance of Object';
  else shown = `type ${typeof v} (${require('util').inspect(v)})`;
  const err = new TypeError(`The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${shown}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function checkInput(buffer) {
  if (typeof buffer === 'string' || ArrayBuffer.isView(buffer) || buffer instanceof ArrayBuffer) return buffer;
  throw invalidBuffer(buffer);
}

function levelOf(opts) {
  return opts && typeof opts.level === 'number' ? opts.level : -1;
}

function sizeLabel(n) {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MiB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} KiB`;
  return `${n} B`;
}

function asyncForm(mode) {
  return function zlibBuffer(buffer, opts, callback) {
    if (typeof opts === 'function') { callback = opts; opts = {}; }
    checkInput(buffer);
    if (typeof callback !== 'function') {
      const err = new TypeError(`The "callback" argument must be of type function. Received ${callback === undefined ? 'undefined' : typeof callback}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    const size = typeof buffer === 'string' ? buffer.length : buffer.byteLength;
    binding.process(mode, buffer, levelOf(opts), {
      label: `zlib.${mode} ${sizeLabel(size)}, ${binding.callSite()}`,
      oncomplete: (err, result) => (err ? callback(err) : callback(null, opts && opts.info ? { buffer: result } : result)),
    });
  };
}

function syncForm(mode) {
  return function zlibBufferSync(buffer, opts) {
    checkInput(buffer);
    const size = typeof buffer === 'string' ? buffer.length : buffer.byteLength;
    return binding.process(mode, buffer, levelOf(opts), `zlib.${mode}Sync ${sizeLabel(size)}, ${binding.callSite()}`);
  };
}

function brotliUnavailable() {
  const err = new Error('Brotli is not available in the Looplab simulation');
  err.code = 'ERR_NOT_IMPLEMENTED';
  throw err;
}

function crc32(data, value = 0) {
  const bytes = typeof data === 'string' ? require('buffer').Buffer.from(data) : data;
  let c = ~value >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i];
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const modes = ['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip'];
const out = { constants, crc32, codes: {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  '0': 'Z_OK', '1': 'Z_STREAM_END', '2': 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR',
  '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR',
} };
for (const mode of modes) {
  out[mode] = asyncForm(mode);
  out[mode + 'Sync'] = syncForm(mode);
}
for (const name of ['brotliCompress', 'brotliDecompress', 'brotliCompressSync', 'brotliDecompressSync',
  'createBrotliCompress', 'createBrotliDecompress']) {
  out[name] = brotliUnavailable;
}
// Streams: a Transform that collects what is written and compresses it when the writable side
// ends, as one buffer call on the pool. Node compresses chunk by chunk as data arrives; the
// bytes are the same, only the pool jobs come later and fewer.
const streamModes = { createGzip: 'gzip', createGunzip: 'gunzip', createDeflate: 'deflate', createInflate: 'inflate',
  createDeflateRaw: 'deflateRaw', createInflateRaw: 'inflateRaw', createUnzip: 'unzip' };
for (const [name, mode] of Object.entries(streamModes)) {
  const className = name.slice(6);
  const { Transform } = require('stream');
  const ctor = {
    [className]: function (opts) {
      if (!(this instanceof ctor)) return new ctor(opts);
      Transform.call(this, opts);
      this._chunks = [];
      this._level = levelOf(opts);
      this._where = binding.callSite();
      this.bytesWritten = 0;
    },
  }[className];
  Object.setPrototypeOf(ctor.prototype, Transform.prototype);
  Object.setPrototypeOf(ctor, Transform);
  ctor.prototype._transform = function (chunk, encoding, cb) {
    const Buffer = require('buffer').Buffer;
    const b = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this._chunks.push(b);
    this.bytesWritten += b.length;
    cb();
  };
  ctor.prototype._flush = function (cb) {
    const input = require('buffer').Buffer.concat(this._chunks);
    this._chunks = [];
    binding.process(mode, input, this._level, {
      label: `zlib.${name} ${sizeLabel(input.length)}, ${this._where}`,
      oncomplete: (err, result) => (err ? cb(err) : cb(null, result)),
    });
  };
  out[className] = ctor;
  out[name] = (opts) => new ctor(opts);
}

Object.assign(out, constants);
module.exports = out;
