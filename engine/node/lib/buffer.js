'use strict';
// buffer: Node.js 20's Buffer, written for Looplab as a Uint8Array subclass.
// Encodings: utf8, hex, base64, base64url, latin1/binary, ascii, utf16le/ucs2.
// Missing: Blob, File, transcode, resolveObjectURL, SlowBuffer.

const kMaxLength = 4294967296;
const kStringMaxLength = 536870888;
const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kBufferMarker = Symbol.for('looplab.buffer');

// ---- errors ---------------------------------------------------------------------------

const { nodeError, determineSpecificType, invalidArgTypeMessage, outOfRangeMessage, messages } = require('internal/errors');

// shortInspect stands in for util.inspect, which loads buffer itself.
function shortInspect(value) {
  if (typeof value === 'string') return "'" + value + "'";
  if (typeof value === 'bigint') return value + 'n';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function plainInspect(value) {
  return typeof value === 'object' ? String(value) : shortInspect(value);
}

function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, expected, value, plainInspect));
}

function outOfRange(name, range, value) {
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', outOfRangeMessage(name, range, value, shortInspect));
}

function unknownEncoding(enc) {
  return nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', messages.ERR_UNKNOWN_ENCODING(enc));
}

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    return outOfRange(type || 'offset', 'an integer', value);
  }
  if (length < 0) return nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
  return outOfRange(type || 'offset', '>= ' + (type ? 1 : 0) + ' and <= ' + length, value);
}

function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
}

// ---- encodings ------------------------------------------------------------------------

function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    case '': return 'utf8';
    default: return undefined;
  }
}

function getEncoding(enc) {
  const e = normalizeEncoding(enc);
  if (e === undefined) throw unknownEncoding(enc);
  return e;
}

function utf8Length(str) {
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else n += 3;
  }
  return n;
}

// utf8Write writes str at offset, never past max, and never a partial character.
function utf8Write(buf, str, offset, max) {
  let pos = offset;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          if (pos + 4 > max) break;
          buf[pos++] = 0xf0 | (c >> 18);
          buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
          i++;
          continue;
        }
      }
      c = 0xfffd;
    }
    if (c < 0x80) {
      if (pos + 1 > max) break;
      buf[pos++] = c;
    } else if (c < 0x800) {
      if (pos + 2 > max) break;
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if (pos + 3 > max) break;
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos - offset;
}

function codeUnitsToString(units) {
  let s = '';
  for (let i = 0; i < units.length; i += 8192) {
    s += String.fromCharCode.apply(null, units.slice(i, i + 8192));
  }
  return s;
}

let utf8Errors = 0;

// utf8Slice decodes as the WHATWG decoder does: each maximal invalid subpart becomes U+FFFD.
function utf8Slice(buf, start, end) {
  const out = [];
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      out.push(b);
      i++;
      continue;
    }
    let need;
    let lower = 0x80;
    let upper = 0xbf;
    let cp;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      utf8Errors++;
      out.push(0xfffd);
      i++;
      continue;
    }
    i++;
    let ok = true;
    for (let k = 0; k < need; k++) {
      if (i >= end) {
        ok = false;
        break;
      }
      const c = buf[i];
      if (c < lower || c > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
      i++;
    }
    if (!ok) {
      utf8Errors++;
      out.push(0xfffd);
    } else if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      out.push(cp);
    }
  }
  return codeUnitsToString(out);
}

function latin1Slice(buf, start, end) {
  const out = [];
  for (let i = start; i < end; i++) out.push(buf[i]);
  return codeUnitsToString(out);
}

function asciiSlice(buf, start, end) {
  const out = [];
  for (let i = start; i < end; i++) out.push(buf[i] & 0x7f);
  return codeUnitsToString(out);
}

function utf16leSlice(buf, start, end) {
  const out = [];
  for (let i = start; i + 1 < end; i += 2) out.push(buf[i] | (buf[i + 1] << 8));
  return codeUnitsToString(out);
}

const HEX = '0123456789abcdef';
function hexSlice(buf, start, end) {
  let s = '';
  for (let i = start; i < end; i++) s += HEX[buf[i] >> 4] + HEX[buf[i] & 15];
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  B64LOOKUP[B64.charCodeAt(i)] = i;
  B64LOOKUP[B64URL.charCodeAt(i)] = i;
}

function base64Slice(buf, start, end, url) {
  const table = url ? B64URL : B64;
  let s = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (buf[i] << 16) | (buf[i + 1] << 8) | buf[i + 2];
    s += table[n >> 18] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + table[n & 63];
  }
  const rest = end - i;
  if (rest === 1) {
    const n = buf[i] << 16;
    s += table[n >> 18] + table[(n >> 12) & 63] + (url ? '' : '==');
  } else if (rest === 2) {
    const n = (buf[i] << 16) | (buf[i + 1] << 8);
    s += table[n >> 18] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + (url ? '' : '=');
  }
  return s;
}

function base64ByteLength(str) {
  let bytes = str.length;
  if (bytes > 0 && str.charCodeAt(bytes - 1) === 0x3d) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3d) bytes--;
  return (bytes * 3) >>> 2;
}

// base64Decode skips characters outside both alphabets and stops at the first '='.
function base64Decode(str) {
  const out = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 0x3d) break;
    const v = c < 256 ? B64LOOKUP[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

function hexDecode(str) {
  const out = [];
  for (let i = 0; i + 1 < str.length; i += 2) {
    const hi = parseHexDigit(str.charCodeAt(i));
    const lo = parseHexDigit(str.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) break;
    out.push((hi << 4) | lo);
  }
  return out;
}

function parseHexDigit(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function byteLengthOf(str, enc) {
  switch (enc) {
    case 'utf8': return utf8Length(str);
    case 'utf16le': return str.length * 2;
    case 'latin1': case 'ascii': return str.length;
    case 'hex': return str.length >>> 1;
    case 'base64': case 'base64url': return base64ByteLength(str);
  }
  return utf8Length(str);
}

// writeString writes str encoded as enc into buf[offset, offset+max) and returns the count.
function writeString(buf, str, offset, max, enc) {
  const limit = offset + max;
  switch (enc) {
    case 'utf8':
      return utf8Write(buf, str, offset, limit);
    case 'latin1':
    case 'ascii': {
      let n = 0;
      for (; n < str.length && offset + n < limit; n++) buf[offset + n] = str.charCodeAt(n) & 0xff;
      return n;
    }
    case 'utf16le': {
      let pos = offset;
      for (let i = 0; i < str.length && pos + 2 <= limit; i++) {
        const c = str.charCodeAt(i);
        buf[pos++] = c & 0xff;
        buf[pos++] = c >> 8;
      }
      return pos - offset;
    }
    case 'hex':
    case 'base64':
    case 'base64url': {
      const bytes = enc === 'hex' ? hexDecode(str) : base64Decode(str);
      let n = 0;
      for (; n < bytes.length && offset + n < limit; n++) buf[offset + n] = bytes[n];
      return n;
    }
  }
  return 0;
}

function sliceString(buf, enc, start, end) {
  switch (enc) {
    case 'utf8': return utf8Slice(buf, start, end);
    case 'latin1': return latin1Slice(buf, start, end);
    case 'ascii': return asciiSlice(buf, start, end);
    case 'utf16le': return utf16leSlice(buf, start, end);
    case 'hex': return hexSlice(buf, start, end);
    case 'base64': return base64Slice(buf, start, end, false);
    case 'base64url': return base64Slice(buf, start, end, true);
  }
  return utf8Slice(buf, start, end);
}

// ---- the class ------------------------------------------------------------------------

class FastBuffer extends Uint8Array {}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw invalidArgType('string', 'of type string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, 'constructor', {
  value: Buffer, writable: true, configurable: true, enumerable: false,
});
Object.setPrototypeOf(Buffer, Uint8Array);
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
Object.defineProperty(FastBuffer.prototype, kBufferMarker, { value: true });

Buffer.poolSize = 8 * 1024;

function fromStringImpl(str, encoding) {
  const enc = getEncoding(encoding);
  const len = byteLengthOf(str, enc);
  const buf = new FastBuffer(len);
  const written = writeString(buf, str, 0, len, enc);
  return written === len ? buf : new FastBuffer(buf.buffer, 0, written);
}

function fromArrayLike(obj) {
  const len = obj.length > 0 ? obj.length >>> 0 : 0;
  const buf = new FastBuffer(len);
  for (let i = 0; i < len; i++) buf[i] = obj[i];
  return buf;
}

function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer);
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromStringImpl(value, encodingOrOffset);

  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) {
      const maxLength = value.byteLength;
      let offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
      if (Number.isNaN(offset)) offset = 0;
      offset = Math.trunc(offset);
      if (offset > maxLength || offset < 0) {
        throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
      }
      let len;
      if (length === undefined) {
        len = maxLength - offset;
      } else {
        len = +length;
        if (len > 0) {
          len = Math.trunc(len);
          if (len > maxLength - offset) {
            throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
          }
        } else {
          len = 0;
        }
      }
      return new FastBuffer(value, offset, len);
    }

    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return Buffer.from(valueOf, encodingOrOffset, length);
    }

    if (ArrayBuffer.isView(value) || value.length !== undefined) {
      if (ArrayBuffer.isView(value) && !(value instanceof Uint8Array) && !(value instanceof DataView)) {
        return fromArrayLike(value);
      }
      if (value instanceof DataView) {
        return fromArrayLike(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      }
      if (typeof value.length !== 'number') return new FastBuffer(0);
      return fromArrayLike(value);
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);

    if (typeof value[Symbol.toPrimitive] === 'function') {
      const prim = value[Symbol.toPrimitive]('string');
      if (typeof prim === 'string') return fromStringImpl(prim, encodingOrOffset);
    }
  }

  throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The first argument must be of type string or an instance of ' +
    'Buffer, ArrayBuffer, or Array or an Array-like Object. Received ' + determineSpecificType(value, plainInspect));
};

Buffer.of = function of(...items) {
  return fromArrayLike(items);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset = 0, length) {
  if (!ArrayBuffer.isView(view) || view instanceof DataView) {
    throw invalidArgType('view', 'an instance of TypedArray', view);
  }
  const end = length === undefined ? view.length : offset + length;
  const part = view.subarray ? view.subarray(offset, end) : view;
  const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
  const buf = new FastBuffer(bytes.length);
  buf.set(bytes);
  return buf;
};

function validateSize(size) {
  if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
  if (!(size >= 0 && size <= kMaxLength)) throw outOfRange('size', '>= 0 && <= ' + kMaxLength, size);
}

Buffer.alloc = function alloc(size, fill, encoding) {
  validateSize(size);
  const buf = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) return buf.fill(fill, encoding);
  return buf;
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return new FastBuffer(size);
};

Buffer.allocUnsafeSlow = Buffer.allocUnsafe;

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
  }
  const enc = normalizeEncoding(encoding);
  return byteLengthOf(string, enc === undefined ? 'utf8' : enc);
};

function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

Buffer.compare = function compare(buf1, buf2) {
  if (!(buf1 instanceof Uint8Array)) throw invalidArgType('buf1', 'an instance of Buffer or Uint8Array', buf1);
  if (!(buf2 instanceof Uint8Array)) throw invalidArgType('buf2', 'an instance of Buffer or Uint8Array', buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
  if (list.length === 0) return new FastBuffer(0);
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateNumber(length, 'length');
    if (length < 0) throw outOfRange('length', '>= 0 && <= ' + kMaxLength, length);
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!(buf instanceof Uint8Array)) {
      throw invalidArgType('list[' + i + ']', 'an instance of Buffer or Uint8Array', list[i]);
    }
    const n = Math.min(buf.length, length - pos);
    if (n <= 0) break;
    buffer.set(n === buf.length ? buf : buf.subarray(0, n), pos);
    pos += n;
  }
  if (pos < length) buffer.fill(0, pos, length);
  return buffer;
};

const proto = Buffer.prototype;

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return length;
}

proto.slice = function slice(start, end) {
  const len = this.length;
  start = start === undefined ? 0 : adjustOffset(start, len);
  end = end === undefined ? len : adjustOffset(end, len);
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Slice(this, 0, this.length);
  const len = this.length;
  if (start <= 0 || start === undefined) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  if (encoding === undefined) return utf8Slice(this, start, end);
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) throw unknownEncoding(encoding);
  return sliceString(this, enc, start, end);
};

proto.toLocaleString = proto.toString;

proto.toJSON = function toJSON() {
  const data = new Array(this.length);
  for (let i = 0; i < this.length; i++) data[i] = this[i];
  return { type: 'Buffer', data };
};

proto.equals = function equals(otherBuffer) {
  if (!(otherBuffer instanceof Uint8Array)) {
    throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', otherBuffer);
  }
  if (this === otherBuffer) return true;
  if (this.byteLength !== otherBuffer.byteLength) return false;
  return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
};

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!(target instanceof Uint8Array)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target);
  const check = (v, name, dflt, max) => {
    if (v === undefined) return dflt;
    validateNumber(v, name);
    if (v < 0 || v > max) throw outOfRange(name, '>= 0 && <= ' + max, v);
    return v;
  };
  targetStart = check(targetStart, 'targetStart', 0, kMaxLength);
  targetEnd = check(targetEnd, 'targetEnd', target.length, target.length);
  sourceStart = check(sourceStart, 'sourceStart', 0, kMaxLength);
  sourceEnd = check(sourceEnd, 'sourceEnd', this.length, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
};

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!(target instanceof Uint8Array)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target);
  targetStart = targetStart === undefined ? 0 : toInteger(targetStart, 'targetStart');
  if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
  sourceStart = sourceStart === undefined ? 0 : toInteger(sourceStart, 'sourceStart');
  if (sourceStart < 0 || sourceStart > this.length) {
    throw outOfRange('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
  }
  sourceEnd = sourceEnd === undefined ? this.length : toInteger(sourceEnd, 'sourceEnd');
  if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  if (sourceEnd > this.length) sourceEnd = this.length;
  const n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
  if (n <= 0) return 0;
  target.set(new Uint8Array(this.buffer, this.byteOffset + sourceStart, n), targetStart);
  return n;
};

function toInteger(v, name) {
  const n = +v;
  if (Number.isNaN(n)) return 0;
  return Math.trunc(n);
}

proto.write = function write(string, offset, length, encoding) {
  if (typeof string !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
  if (offset === undefined) {
    return writeString(this, string, 0, this.length, 'utf8');
  }
  if (length === undefined && typeof offset === 'string') {
    return writeString(this, string, 0, this.length, getEncoding(offset));
  }
  validateNumber(offset, 'offset');
  if (!Number.isInteger(offset)) throw outOfRange('offset', 'an integer', offset);
  if (offset < 0 || offset > this.length) throw outOfRange('offset', '>= 0 && <= ' + this.length, offset);
  const remaining = this.length - offset;
  if (length === undefined) {
    length = remaining;
  } else if (typeof length === 'string') {
    encoding = length;
    length = remaining;
  } else {
    validateNumber(length, 'length');
    if (!Number.isInteger(length)) throw outOfRange('length', 'an integer', length);
    if (length < 0 || length > this.length) throw outOfRange('length', '>= 0 && <= ' + this.length, length);
    if (length > remaining) length = remaining;
  }
  return writeString(this, string, offset, length, getEncoding(encoding));
};

proto.fill = function fill(value, offset, end, encoding) {
  if (typeof offset === 'string') {
    encoding = offset;
    offset = 0;
    end = this.length;
  } else if (typeof end === 'string') {
    encoding = end;
    end = this.length;
  }
  if (offset === undefined) offset = 0;
  else {
    validateNumber(offset, 'offset');
    if (!Number.isInteger(offset)) throw outOfRange('offset', 'an integer', offset);
    if (offset < 0 || offset > kMaxLength) throw outOfRange('offset', '>= 0 && <= ' + kMaxLength, offset);
  }
  if (end === undefined) end = this.length;
  else {
    validateNumber(end, 'end');
    if (end < 0 || end > this.length) throw outOfRange('end', '>= 0 && <= ' + this.length, end);
  }
  if (offset >= end) return this;

  let bytes;
  if (typeof value === 'string') {
    const enc = getEncoding(encoding);
    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1 && enc === 'utf8' && value.charCodeAt(0) < 128) {
      value = value.charCodeAt(0);
    } else {
      bytes = fromStringImpl(value, enc);
      if (bytes.length === 0) {
        const err = nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received '" + value + "'");
        throw err;
      }
    }
  } else if (value instanceof Uint8Array) {
    bytes = value;
    if (bytes.length === 0) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " + describeBuffer(value));
    }
  } else if (typeof value === 'boolean') {
    value = Number(value);
  }
  if (bytes === undefined) {
    Uint8Array.prototype.fill.call(this, (Number(value) || 0) & 255, offset, end);
    return this;
  }
  for (let i = offset, j = 0; i < end; i++, j++) {
    if (j === bytes.length) j = 0;
    this[i] = bytes[j];
  }
  return this;
};

function toBytes(value, encoding, name) {
  if (typeof value === 'string') return fromStringImpl(value, encoding);
  if (value instanceof Uint8Array) return value;
  throw invalidArgType(name, 'one of type number or string or an instance of Buffer or Uint8Array', value);
}

function indexOfImpl(buf, value, byteOffset, encoding, dir) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  const len = buf.length;
  let off = byteOffset === undefined ? (dir ? 0 : len) : +byteOffset;
  if (Number.isNaN(off)) off = dir ? 0 : len;
  off = Math.trunc(off);
  if (off < 0) off += len;
  if (typeof value === 'number') {
    value = value & 255;
    if (dir) {
      for (let i = Math.max(off, 0); i < len; i++) if (buf[i] === value) return i;
    } else {
      for (let i = Math.min(off, len - 1); i >= 0; i--) if (buf[i] === value) return i;
    }
    return -1;
  }
  if (encoding !== undefined) getEncoding(encoding);
  const needle = toBytes(value, encoding, 'value');
  const n = needle.length;
  if (n === 0) {
    if (dir) return off < 0 ? 0 : off > len ? len : off;
    return off < 0 ? -1 : off > len ? len : off;
  }
  if (dir) {
    for (let i = Math.max(off, 0); i + n <= len; i++) {
      let k = 0;
      while (k < n && buf[i + k] === needle[k]) k++;
      if (k === n) return i;
    }
  } else {
    for (let i = Math.min(off, len - n); i >= 0; i--) {
      let k = 0;
      while (k < n && buf[i + k] === needle[k]) k++;
      if (k === n) return i;
    }
  }
  return -1;
}

proto.indexOf = function indexOf(value, byteOffset, encoding) {
  return indexOfImpl(this, value, byteOffset, encoding, true);
};

proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
  return indexOfImpl(this, value, byteOffset, encoding, false);
};

proto.includes = function includes(value, byteOffset, encoding) {
  return this.indexOf(value, byteOffset, encoding) !== -1;
};

function swap(name, size) {
  return function () {
    const len = this.length;
    if (len % size !== 0) {
      throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + (size * 8) + '-bits');
    }
    for (let i = 0; i < len; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = this[a];
        this[a] = this[b];
        this[b] = t;
      }
    }
    return this;
  };
}
proto.swap16 = swap('swap16', 2);
proto.swap32 = swap('swap32', 4);
proto.swap64 = swap('swap64', 8);

function describeBuffer(b) {
  return '<' + (b.constructor && b.constructor.name) + ' ' + hexSlice(b, 0, Math.min(b.length, 50)).replace(/(..)(?!$)/g, '$1 ') + '>';
}

proto[customInspect] = function inspect(recurseTimes, ctx) {
  const max = module.exports.INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = hexSlice(this, 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
  const name = (this.constructor && this.constructor.name) || 'Buffer';
  return '<' + name + ' ' + str + '>';
};
proto.inspect = proto[customInspect];

Object.defineProperty(proto, 'parent', {
  enumerable: true, configurable: true,
  get() { return this instanceof Buffer ? this.buffer : undefined; },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true, configurable: true,
  get() { return this instanceof Buffer ? this.byteOffset : undefined; },
});

// ---- numbers --------------------------------------------------------------------------

function view(buf) {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function checkOffset(buf, offset, size) {
  if (offset === undefined) offset = 0;
  if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
  if (!Number.isInteger(offset)) throw outOfRange('offset', 'an integer', offset);
  const last = buf.length - size;
  if (last < 0) throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
  if (offset < 0 || offset > last) throw outOfRange('offset', '>= 0 and <= ' + last, offset);
  return offset;
}

function checkValue(value, min, max, range) {
  value = +value;
  if (value > max || value < min) throw outOfRange('value', range, value);
  return value;
}

function defineRead(name, size, getter, little) {
  proto[name] = function (offset) {
    offset = checkOffset(this, offset, size);
    return view(this)[getter](offset, little);
  };
}

function defineWrite(name, size, setter, little, min, max, range) {
  proto[name] = function (value, offset) {
    offset = checkOffset(this, offset, size);
    if (min !== undefined) value = checkValue(value, min, max, range);
    view(this)[setter](offset, +value, little);
    return offset + size;
  };
}

for (const [suffix, little] of [['LE', true], ['BE', false]]) {
  defineRead('readUInt16' + suffix, 2, 'getUint16', little);
  defineRead('readUInt32' + suffix, 4, 'getUint32', little);
  defineRead('readInt16' + suffix, 2, 'getInt16', little);
  defineRead('readInt32' + suffix, 4, 'getInt32', little);
  defineRead('readFloat' + suffix, 4, 'getFloat32', little);
  defineRead('readDouble' + suffix, 8, 'getFloat64', little);
  defineRead('readBigUInt64' + suffix, 8, 'getBigUint64', little);
  defineRead('readBigInt64' + suffix, 8, 'getBigInt64', little);
  defineWrite('writeUInt16' + suffix, 2, 'setUint16', little, 0, 0xffff, '>= 0 and <= 65535');
  defineWrite('writeUInt32' + suffix, 4, 'setUint32', little, 0, 0xffffffff, '>= 0 and <= 4294967295');
  defineWrite('writeInt16' + suffix, 2, 'setInt16', little, -0x8000, 0x7fff, '>= -32768 and <= 32767');
  defineWrite('writeInt32' + suffix, 4, 'setInt32', little, -0x80000000, 0x7fffffff, '>= -2147483648 and <= 2147483647');
  defineWrite('writeFloat' + suffix, 4, 'setFloat32', little);
  defineWrite('writeDouble' + suffix, 8, 'setFloat64', little);
  proto['writeBigUInt64' + suffix] = function (value, offset) {
    offset = checkOffset(this, offset, 8);
    if (typeof value !== 'bigint') throw invalidArgType('value', 'of type bigint', value);
    if (value < 0n || value >= 2n ** 64n) throw outOfRange('value', '>= 0n and < 2n ** 64n', value);
    view(this).setBigUint64(offset, value, little);
    return offset + 8;
  };
  proto['writeBigInt64' + suffix] = function (value, offset) {
    offset = checkOffset(this, offset, 8);
    if (typeof value !== 'bigint') throw invalidArgType('value', 'of type bigint', value);
    if (value < -(2n ** 63n) || value >= 2n ** 63n) throw outOfRange('value', '>= -(2n ** 63n) and < 2n ** 63n', value);
    view(this).setBigInt64(offset, value, little);
    return offset + 8;
  };
}
defineRead('readUInt8', 1, 'getUint8');
defineRead('readInt8', 1, 'getInt8');
defineWrite('writeUInt8', 1, 'setUint8', false, 0, 255, '>= 0 and <= 255');
defineWrite('writeInt8', 1, 'setInt8', false, -128, 127, '>= -128 and <= 127');

function checkByteLength(byteLength) {
  if (typeof byteLength !== 'number') throw invalidArgType('byteLength', 'of type number', byteLength);
  if (!Number.isInteger(byteLength)) throw outOfRange('byteLength', 'an integer', byteLength);
  if (byteLength < 1 || byteLength > 6) throw outOfRange('byteLength', '>= 1 and <= 6', byteLength);
}

function readUIntVar(buf, offset, byteLength, little) {
  checkByteLength(byteLength);
  offset = checkOffset(buf, offset, byteLength);
  let v = 0;
  for (let i = 0; i < byteLength; i++) {
    const b = buf[little ? offset + byteLength - 1 - i : offset + i];
    v = v * 256 + b;
  }
  return v;
}

function rangeFor(byteLength, signed) {
  const bits = byteLength * 8;
  if (byteLength > 4) {
    return signed ? '>= -(2 ** ' + (bits - 1) + ') and < 2 ** ' + (bits - 1) : '>= 0 and < 2 ** ' + bits;
  }
  if (signed) return '>= -' + 2 ** (bits - 1) + ' and <= ' + (2 ** (bits - 1) - 1);
  return '>= 0 and <= ' + (2 ** bits - 1);
}

function writeUIntVar(buf, value, offset, byteLength, little, signed) {
  checkByteLength(byteLength);
  offset = checkOffset(buf, offset, byteLength);
  const bits = byteLength * 8;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  value = checkValue(value, min, max, rangeFor(byteLength, signed)) || 0;
  let v = value < 0 ? value + 2 ** bits : value;
  for (let i = 0; i < byteLength; i++) {
    const b = v % 256;
    v = Math.floor(v / 256);
    buf[little ? offset + i : offset + byteLength - 1 - i] = b;
  }
  return offset + byteLength;
}

proto.readUIntLE = function readUIntLE(offset, byteLength) {
  return readUIntVar(this, offset, byteLength, true);
};
proto.readUIntBE = function readUIntBE(offset, byteLength) {
  return readUIntVar(this, offset, byteLength, false);
};
proto.readIntLE = function readIntLE(offset, byteLength) {
  const v = readUIntVar(this, offset, byteLength, true);
  const lim = 2 ** (byteLength * 8 - 1);
  return v >= lim ? v - 2 * lim : v;
};
proto.readIntBE = function readIntBE(offset, byteLength) {
  const v = readUIntVar(this, offset, byteLength, false);
  const lim = 2 ** (byteLength * 8 - 1);
  return v >= lim ? v - 2 * lim : v;
};
proto.writeUIntLE = function writeUIntLE(value, offset, byteLength) {
  return writeUIntVar(this, value, offset, byteLength, true, false);
};
proto.writeUIntBE = function writeUIntBE(value, offset, byteLength) {
  return writeUIntVar(this, value, offset, byteLength, false, false);
};
proto.writeIntLE = function writeIntLE(value, offset, byteLength) {
  return writeUIntVar(this, value, offset, byteLength, true, true);
};
proto.writeIntBE = function writeIntBE(value, offset, byteLength) {
  return writeUIntVar(this, value, offset, byteLength, false, true);
};

// Node's lower-case aliases.
for (const name of Object.getOwnPropertyNames(proto)) {
  if (/^(read|write)(Big)?UInt/.test(name)) proto[name.replace('UInt', 'Uint')] = proto[name];
}

// ---- module ---------------------------------------------------------------------------

function atob(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'of type string', undefined);
  const str = String(input).replace(/[\t\n\f\r ]/g, '');
  let s = str;
  if (s.length % 4 === 0 && s.endsWith('==')) s = s.slice(0, -2);
  else if (s.length % 4 === 0 && s.endsWith('=')) s = s.slice(0, -1);
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
    const err = new Error('Invalid character');
    err.name = 'InvalidCharacterError';
    err.code = 5;
    throw err;
  }
  const bytes = base64Decode(s);
  return latin1Slice(bytes, 0, bytes.length);
}

function btoa(input) {
  if (arguments.length === 0) throw invalidArgType('input', 'of type string', undefined);
  const str = String(input);
  const bytes = new FastBuffer(str.length);
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c > 255) {
      const err = new Error('Invalid character');
      err.name = 'InvalidCharacterError';
      err.code = 5;
      throw err;
    }
    bytes[i] = c;
  }
  return base64Slice(bytes, 0, bytes.length, false);
}

function isUtf8(input) {
  const bytes = isAnyArrayBuffer(input) ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  utf8Errors = 0;
  utf8Slice(bytes, 0, bytes.length);
  return utf8Errors === 0;
}

function isAscii(input) {
  const bytes = isAnyArrayBuffer(input) ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 127) return false;
  return true;
}

module.exports = {
  Buffer,
  atob,
  btoa,
  isAscii,
  isUtf8,
  kMaxLength,
  kStringMaxLength,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
  INSPECT_MAX_BYTES: 50,
};

// Internal helpers other Looplab modules (string_decoder) share.
Object.defineProperty(module.exports, '_looplab', {
  value: { utf8Slice, normalizeEncoding, sliceString, FastBuffer },
  enumerable: false,
});
