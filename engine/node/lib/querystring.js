'use strict';
// querystring: Node.js 20's legacy query-string module, written for Looplab.

// Characters escape() leaves alone: A-Z a-z 0-9 - . _ ~ ! * ' ( )
const noEscape = /[A-Za-z0-9\-._~!*'()]/;
const HEX = '0123456789ABCDEF';

function pct(b) {
  return '%' + HEX[b >> 4] + HEX[b & 15];
}

function encodeStr(str, keep) {
  let out = '';
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      out += keep.test(str[i]) ? str[i] : pct(c);
      continue;
    }
    if (c < 0x800) {
      out += pct(0xc0 | (c >> 6)) + pct(0x80 | (c & 63));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d > 0xdfff) {
        const err = new URIError('URI malformed');
        err.code = 'ERR_INVALID_URI';
        throw err;
      }
      i++;
      c = 0x10000 + (((c & 0x3ff) << 10) | (d & 0x3ff));
      out += pct(0xf0 | (c >> 18)) + pct(0x80 | ((c >> 12) & 63)) + pct(0x80 | ((c >> 6) & 63)) + pct(0x80 | (c & 63));
      continue;
    }
    out += pct(0xe0 | (c >> 12)) + pct(0x80 | ((c >> 6) & 63)) + pct(0x80 | (c & 63));
  }
  return out;
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  return encodeStr(str, noEscape);
}

// unescapeBuffer decodes %XX sequences into bytes, leaving malformed ones as they are.
function unescapeBytes(s, decodeSpaces) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b && decodeSpaces) {
      out.push(0x20);
    } else if (c === 0x25 && i + 2 < s.length + 0 && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      out.push(c);
    } else {
      const bytes = utf8Bytes(s[i] + (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? s[i + 1] : ''));
      if (bytes.length === 4) i++;
      for (const b of bytes) out.push(b);
    }
  }
  return out;
}

function isHex(c) {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function utf8Bytes(s) {
  const { Buffer } = require('buffer');
  return Array.from(Buffer.from(s, 'utf8'));
}

function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require('buffer');
  return Buffer.from(unescapeBytes(s, decodeSpaces));
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && isFinite(v)) return Math.abs(v) < 1e21 ? '' + v : encode('' + v);
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  let encode = qsEscape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  if (obj !== null && typeof obj === 'object') {
    const keys = Object.keys(obj);
    const fields = [];
    for (const k of keys) {
      const v = obj[k];
      const ks = encode(stringifyPrimitive(k)) + eq;
      if (Array.isArray(v)) {
        for (const item of v) fields.push(ks + encodeStringified(item, encode));
      } else {
        fields.push(ks + encodeStringified(v, encode));
      }
    }
    return fields.join(sep);
  }
  return '';
}

function parse(qs, sep, eq, options) {
  const obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  let maxKeys = 1000;
  if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
  let decode = qsUnescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;

  let parts = qs.split(sep);
  if (maxKeys > 0 && parts.length > maxKeys) parts = parts.slice(0, maxKeys);
  const dec = (s) => {
    const plus = s.replace(/\+/g, ' ');
    try {
      return decode === qsUnescape ? qsUnescape(plus, true) : decode(plus);
    } catch (e) {
      return qsUnescape(plus, true);
    }
  };
  for (const part of parts) {
    if (part.length === 0) continue;
    const idx = part.indexOf(eq);
    let k;
    let v;
    if (idx >= 0) {
      k = part.slice(0, idx);
      v = part.slice(idx + eq.length);
    } else {
      k = part;
      v = '';
    }
    k = dec(k);
    v = dec(v);
    const cur = obj[k];
    if (cur === undefined) obj[k] = v;
    else if (Array.isArray(cur)) cur.push(v);
    else obj[k] = [cur, v];
  }
  return obj;
}

module.exports = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
