'use strict';
// string_decoder: Node.js 20's StringDecoder, written for Looplab. Multi-byte characters split
// across write() calls are held back until complete (utf8, utf16le, base64); end() flushes.

const { Buffer } = require('buffer');

function normalize(enc) {
  const e = String(enc === undefined || enc === null ? 'utf8' : enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': case '': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
  }
  const err = new TypeError('Unknown encoding: ' + enc);
  err.code = 'ERR_UNKNOWN_ENCODING';
  throw err;
}

function toBytes(buf) {
  if (typeof buf === 'string') return Buffer.from(buf);
  if (buf instanceof Uint8Array) return buf;
  if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const err = new TypeError('The "buf" argument must be an instance of Buffer, TypedArray, or DataView.' +
    (buf == null ? ' Received ' + buf : typeof buf === 'object' ? ' Received an instance of ' + (buf.constructor && buf.constructor.name)
      : ' Received type ' + typeof buf + ' (' + String(buf) + ')'));
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

// utf8Complete returns how many bytes at the end of bytes start a character that is not
// finished yet (0 when the data ends on a boundary or with an invalid sequence).
function utf8Incomplete(bytes) {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    let need = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 2;
    else if (b >= 0xe0 && b <= 0xef) need = 3;
    else if (b >= 0xf0 && b <= 0xf4) need = 4;
    if (need > back) {
      // check the continuation bytes present are valid for this lead
      for (let k = 1; k < back; k++) {
        const c = bytes[n - back + k];
        let lo = 0x80;
        let hi = 0xbf;
        if (k === 1) {
          if (b === 0xe0) lo = 0xa0;
          else if (b === 0xed) hi = 0x9f;
          else if (b === 0xf0) lo = 0x90;
          else if (b === 0xf4) hi = 0x8f;
        }
        if (c < lo || c > hi) return 0;
      }
      return back;
    }
    return 0;
  }
  return 0;
}

class StringDecoder {
  constructor(encoding) {
    this.encoding = normalize(encoding);
    this._pending = [];
  }

  write(buf) {
    if (typeof buf === 'string') return buf;
    let bytes = toBytes(buf);
    if (this._pending.length) {
      const merged = new Uint8Array(this._pending.length + bytes.length);
      merged.set(this._pending, 0);
      merged.set(bytes, this._pending.length);
      bytes = merged;
      this._pending = [];
    }
    let keep = 0;
    switch (this.encoding) {
      case 'utf8':
        keep = utf8Incomplete(bytes);
        break;
      case 'utf16le': {
        keep = bytes.length % 2;
        const end = bytes.length - keep;
        // Like Node, a trailing high surrogate is held back only when no odd byte follows it.
        if (keep === 0 && end >= 2) {
          const last = bytes[end - 2] | (bytes[end - 1] << 8);
          if (last >= 0xd800 && last <= 0xdbff) keep += 2;
        }
        break;
      }
      case 'base64':
      case 'base64url':
        keep = bytes.length % 3;
        break;
    }
    if (keep > 0) {
      this._pending = Array.from(bytes.subarray(bytes.length - keep));
      bytes = bytes.subarray(0, bytes.length - keep);
    }
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(this.encoding);
  }

  end(buf) {
    let r = buf === undefined ? '' : this.write(buf);
    if (this._pending.length) {
      const rest = Buffer.from(this._pending);
      this._pending = [];
      if (this.encoding === 'utf8') r += '\ufffd';
      else r += rest.toString(this.encoding);
    }
    return r;
  }

  text(buf, offset) {
    this._pending = [];
    return this.write(toBytes(buf).subarray(offset));
  }

  get lastNeed() {
    if (!this._pending.length) return 0;
    if (this.encoding === 'utf8') {
      const b = this._pending[0];
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need - this._pending.length;
    }
    if (this.encoding === 'utf16le') return this._pending.length % 2 ? 1 : 2;
    return 3 - this._pending.length;
  }

  get lastTotal() {
    return this._pending.length + this.lastNeed;
  }
}

module.exports = { StringDecoder };
