'use strict';
// url: WHATWG URL and URLSearchParams (a subset of the URL Standard's parser: special schemes,
// file:, opaque URLs, relative resolution, percent-encoding; no IDNA and no IPv4/IPv6 host
// normalisation), fileURLToPath, pathToFileURL, and a minimal legacy parse/format/resolve.

const special = { 'ftp:': '21', 'file:': '', 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
const HEX = '0123456789ABCDEF';

const { codedError, messages } = require('internal/errors');

function invalidUrl(input) {
  const err = codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  err.input = input;
  return err;
}

function utf8(str) {
  const out = [];
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

// encodeSet percent-encodes characters outside printable ASCII and those listed in extra.
function encodeSet(str, extra, keepSpace) {
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (((c > 0x20 || (c === 0x20 && keepSpace)) && c < 0x7f) && extra.indexOf(str[i]) < 0) {
      out += str[i];
    } else if (c < 0x80) {
      out += '%' + HEX[c >> 4] + HEX[c & 15];
    } else {
      const hi = c >= 0xd800 && c <= 0xdbff && i + 1 < str.length ? str[i + 1] : '';
      for (const b of utf8(str[i] + hi)) out += '%' + HEX[b >> 4] + HEX[b & 15];
      if (hi && utf8(str[i] + hi).length === 4) i++;
    }
  }
  return out;
}

const FRAGMENT_SET = ' "<>`';
const QUERY_SET = ' "#<>';
const SPECIAL_QUERY_SET = ' "#<>\'';
const PATH_SET = ' "#<>?`{}';
const USERINFO_SET = ' "#<>?`{}/:;=@[\\]^|';

function percentDecodeBytes(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      out.push(c);
    } else {
      const hi = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? s[i + 1] : '';
      const bytes = utf8(s[i] + hi);
      if (bytes.length === 4) i++;
      out.push(...bytes);
    }
  }
  return out;
}

function decodeUtf8(bytes) {
  const { Buffer } = require('buffer');
  return Buffer.from(bytes).toString('utf8');
}

function isSingleDot(s) {
  return s === '.' || s.toLowerCase() === '%2e';
}

function isDoubleDot(s) {
  s = s.toLowerCase();
  return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
}

// parsePath resolves dot segments; segments is the base path's list (copied by callers).
function parsePath(input, isSpecial, segments) {
  const parts = isSpecial ? input.split(/[\/\\]/) : input.split('/');
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i];
    const last = i === parts.length - 1;
    if (isDoubleDot(seg)) {
      segments.pop();
      if (last) segments.push('');
    } else if (isSingleDot(seg)) {
      if (last) segments.push('');
    } else {
      segments.push(encodeSet(seg, PATH_SET));
    }
  }
  return segments;
}

function parseHost(host, isSpecial, input) {
  if (!isSpecial) {
    if (/[\0\t\n\r #/<>?@[\\\]^|]/.test(host.replace(/^\[.*\]$/, ''))) throw invalidUrl(input);
    return encodeSet(host, '');
  }
  if (host === '') throw invalidUrl(input);
  if (host[0] === '[') {
    if (host[host.length - 1] !== ']') throw invalidUrl(input);
    return host.toLowerCase();
  }
  const decoded = decodeUtf8(percentDecodeBytes(host)).toLowerCase();
  if (/[\0\t\n\r #%/:<>?@[\\\]^|]/.test(decoded) || /[^\x00-\x7f]/.test(decoded)) throw invalidUrl(input);
  return decoded;
}

function parseURL(input, base) {
  const original = input;
  input = String(input).replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '');
  const url = { protocol: '', username: '', password: '', hostname: '', port: '', path: [], opaque: null, search: '', hash: '', hasHost: false };

  const hashIdx = input.indexOf('#');
  if (hashIdx >= 0) {
    url.hash = '#' + encodeSet(input.slice(hashIdx + 1), FRAGMENT_SET);
    input = input.slice(0, hashIdx);
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(input);
  let rest;
  if (m) {
    url.protocol = m[1].toLowerCase() + ':';
    rest = input.slice(m[0].length);
  } else {
    if (!base) throw invalidUrl(original);
    url.protocol = base.protocol;
    rest = null;
  }
  const isSpecial = url.protocol in special;
  const setQuery = (q) => {
    url.search = q === null ? '' : '?' + encodeSet(q, isSpecial ? SPECIAL_QUERY_SET : QUERY_SET);
  };
  let qIdx;

  if (rest === null || (isSpecial && base && base.protocol === url.protocol && !/^[\/\\]/.test(rest) && url.protocol !== 'file:')) {
    // relative reference
    if (rest === null) rest = input;
    if (base.opaque !== null) {
      if (rest === '' && hashIdx >= 0) return Object.assign({}, base, { hash: url.hash });
      throw invalidUrl(original);
    }
    const slash = isSpecial ? /^[\/\\]{2}/ : /^\/\//;
    if (slash.test(rest)) return parseAuthorityAndPath(url, rest.slice(2), isSpecial, original, hashIdx);
    url.username = base.username;
    url.password = base.password;
    url.hostname = base.hostname;
    url.port = base.port;
    url.hasHost = base.hasHost;
    qIdx = rest.indexOf('?');
    const pathPart = qIdx >= 0 ? rest.slice(0, qIdx) : rest;
    if (qIdx >= 0) setQuery(rest.slice(qIdx + 1));
    if (pathPart === '') {
      url.path = base.path.slice();
      if (qIdx < 0) url.search = base.search;
    } else if (/^[\/\\]/.test(pathPart) && (isSpecial || pathPart[0] === '/')) {
      url.path = parsePath(pathPart.slice(1), isSpecial, []);
    } else {
      url.path = parsePath(pathPart, isSpecial, base.path.slice(0, -1));
    }
    return url;
  }

  if (isSpecial) {
    if (url.protocol === 'file:') {
      const s = rest.match(/^[\/\\]*/)[0].length;
      if (s >= 2) return parseAuthorityAndPath(url, rest.replace(/^[\/\\]{2}/, ''), true, original, hashIdx);
      url.hasHost = true;
      qIdx = rest.indexOf('?');
      if (qIdx >= 0) setQuery(rest.slice(qIdx + 1));
      const p = qIdx >= 0 ? rest.slice(0, qIdx) : rest;
      url.path = parsePath(p.replace(/^[\/\\]/, ''), true, base && base.protocol === 'file:' && s === 0 ? base.path.slice(0, -1) : []);
      if (base && base.protocol === 'file:' && s === 0) url.hostname = base.hostname;
      return url;
    }
    return parseAuthorityAndPath(url, rest.replace(/^[\/\\]*/, ''), true, original, hashIdx);
  }
  if (rest.startsWith('//')) return parseAuthorityAndPath(url, rest.slice(2), false, original, hashIdx);
  qIdx = rest.indexOf('?');
  if (qIdx >= 0) setQuery(rest.slice(qIdx + 1));
  const p = qIdx >= 0 ? rest.slice(0, qIdx) : rest;
  if (p.startsWith('/')) url.path = parsePath(p.slice(1), false, []);
  else url.opaque = encodeSet(p, '', true);
  return url;
}

function parseAuthorityAndPath(url, rest, isSpecial, original) {
  const end = rest.search(isSpecial ? /[\/\\?]/ : /[\/?]/);
  let authority = end >= 0 ? rest.slice(0, end) : rest;
  let after = end >= 0 ? rest.slice(end) : '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    url.username = encodeSet(colon >= 0 ? userinfo.slice(0, colon) : userinfo, USERINFO_SET);
    url.password = colon >= 0 ? encodeSet(userinfo.slice(colon + 1), USERINFO_SET) : '';
  }
  const pm = /:(\d*)$/.exec(authority.replace(/^\[[^\]]*\]/, (x) => x.replace(/:/g, '_')));
  let host = authority;
  if (pm) {
    host = authority.slice(0, authority.length - pm[0].length);
    if (pm[1] !== '') {
      const n = parseInt(pm[1], 10);
      if (n > 65535) throw invalidUrl(original);
      url.port = String(n) === special[url.protocol] ? '' : String(n);
    }
  } else if (/:[^\]]*$/.test(authority.replace(/^\[[^\]]*\]/, '')) && !(authority[0] === '[' && authority.endsWith(']'))) {
    throw invalidUrl(original);
  }
  if (url.protocol === 'file:') {
    url.hostname = host === '' ? '' : parseHost(host, true, original);
    if (url.hostname === 'localhost') url.hostname = '';
  } else {
    url.hostname = parseHost(host, isSpecial, original);
  }
  url.hasHost = true;
  const qIdx = after.indexOf('?');
  if (qIdx >= 0) {
    const q = after.slice(qIdx + 1);
    url.search = '?' + encodeSet(q, isSpecial ? SPECIAL_QUERY_SET : QUERY_SET);
    after = after.slice(0, qIdx);
  }
  if (after === '') url.path = isSpecial ? [''] : [];
  else url.path = parsePath(after.slice(1), isSpecial, []);
  return url;
}

function pathnameOf(u) {
  if (u.opaque !== null) return u.opaque;
  if (u.path.length === 0) return '';
  return '/' + u.path.join('/');
}

function hostOf(u) {
  return u.port ? u.hostname + ':' + u.port : u.hostname;
}

function serialize(u, excludeFragment) {
  let out = u.protocol;
  if (u.hasHost) {
    out += '//';
    if (u.username || u.password) {
      out += u.username;
      if (u.password) out += ':' + u.password;
      out += '@';
    }
    out += hostOf(u);
  } else if (u.opaque === null && u.path.length > 1 && u.path[0] === '') {
    out += '/.';
  }
  out += pathnameOf(u) + u.search;
  if (!excludeFragment) out += u.hash;
  return out;
}

const kState = Symbol('url');
const kParams = Symbol('searchParams');

class URL {
  constructor(input, base) {
    if (arguments.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "url" argument must be specified');
    let b;
    if (base !== undefined) b = base instanceof URL ? base[kState] : parseURL(String(base));
    this[kState] = parseURL(String(input), b);
    this[kParams] = undefined;
  }

  toString() { return this.href; }

  static canParse(input, base) {
    try {
      new URL(input, base); // eslint-disable-line no-new
      return true;
    } catch (e) {
      return false;
    }
  }

  get href() { return serialize(this[kState]); }
  set href(v) {
    this[kState] = parseURL(String(v));
    if (this[kParams]) this[kParams]._reset(this[kState].search);
  }

  get origin() {
    const u = this[kState];
    if (u.protocol in special && u.protocol !== 'file:') return u.protocol + '//' + hostOf(u);
    if (u.protocol === 'blob:' && u.opaque !== null) {
      try {
        const inner = new URL(u.opaque);
        if (inner.protocol === 'http:' || inner.protocol === 'https:') return inner.origin;
      } catch (e) { /* opaque origin */ }
    }
    return 'null';
  }

  get protocol() { return this[kState].protocol; }
  set protocol(v) {
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*)/.exec(String(v));
    if (!m) return;
    const p = m[1].toLowerCase() + ':';
    const u = this[kState];
    if ((p in special) !== (u.protocol in special)) return;
    u.protocol = p;
    if (u.port === special[p]) u.port = '';
  }

  get username() { return this[kState].username; }
  set username(v) { if (this[kState].hasHost && this[kState].hostname) this[kState].username = encodeSet(String(v), USERINFO_SET); }
  get password() { return this[kState].password; }
  set password(v) { if (this[kState].hasHost && this[kState].hostname) this[kState].password = encodeSet(String(v), USERINFO_SET); }

  get host() { return hostOf(this[kState]); }
  set host(v) {
    const u = this[kState];
    if (u.opaque !== null) return;
    try {
      const tmp = parseURL(u.protocol + '//' + String(v));
      u.hostname = tmp.hostname;
      if (tmp.port || /:\d+$/.test(String(v))) u.port = tmp.port;
    } catch (e) { /* ignored, as in the standard */ }
  }

  get hostname() { return this[kState].hostname; }
  set hostname(v) {
    const u = this[kState];
    if (u.opaque !== null) return;
    try {
      u.hostname = parseURL(u.protocol + '//' + String(v).replace(/[:/?#].*$/, '')).hostname;
    } catch (e) { /* ignored */ }
  }

  get port() { return this[kState].port; }
  set port(v) {
    const u = this[kState];
    if (!u.hostname || u.protocol === 'file:') return;
    const s = String(v);
    if (s === '') {
      u.port = '';
      return;
    }
    const m = /^\d+/.exec(s);
    if (!m) return;
    const n = parseInt(m[0], 10);
    if (n > 65535) return;
    u.port = String(n) === special[u.protocol] ? '' : String(n);
  }

  get pathname() { return pathnameOf(this[kState]); }
  set pathname(v) {
    const u = this[kState];
    if (u.opaque !== null) return;
    const isSpecial = u.protocol in special;
    let s = String(v);
    if (isSpecial ? /^[\/\\]/.test(s) : s[0] === '/') s = s.slice(1);
    u.path = parsePath(s, isSpecial, []);
  }

  get search() { return this[kState].search === '?' ? '' : this[kState].search; }
  set search(v) {
    const u = this[kState];
    let s = String(v);
    if (s[0] === '?') s = s.slice(1);
    u.search = s === '' ? '' : '?' + encodeSet(s, u.protocol in special ? SPECIAL_QUERY_SET : QUERY_SET);
    if (this[kParams]) this[kParams]._reset(u.search);
  }

  get searchParams() {
    if (!this[kParams]) {
      this[kParams] = new URLSearchParams(this[kState].search);
      this[kParams]._url = this;
    }
    return this[kParams];
  }

  get hash() { return this[kState].hash === '#' ? '' : this[kState].hash; }
  set hash(v) {
    let s = String(v);
    if (s[0] === '#') s = s.slice(1);
    this[kState].hash = s === '' ? '' : '#' + encodeSet(s, FRAGMENT_SET);
  }

  toJSON() { return this.href; }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search'];
    const lines = fields.map((k) => '  ' + k + ": '" + this[k] + "'");
    lines.push('  searchParams: URLSearchParams {' + (this.searchParams.size ? ' ' + Array.from(this.searchParams, ([k, v]) => "'" + k + "' => '" + v + "'").join(', ') + ' ' : '') + '}');
    lines.push("  hash: '" + this.hash + "'");
    return 'URL {\n' + lines.join(',\n') + '\n}';
  }
}

Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
for (const k of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toString', 'toJSON']) {
  const d = Object.getOwnPropertyDescriptor(URL.prototype, k);
  d.enumerable = true;
  Object.defineProperty(URL.prototype, k, d);
}

// ---- URLSearchParams --------------------------------------------------------------------

function formEncode(str) {
  let out = '';
  for (const b of utf8(str)) {
    const ch = String.fromCharCode(b);
    if (b === 0x20) out += '+';
    else if (/[A-Za-z0-9*\-._]/.test(ch)) out += ch;
    else out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

function formParse(s) {
  const list = [];
  if (s[0] === '?') s = s.slice(1);
  for (const part of s.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    const value = eq >= 0 ? part.slice(eq + 1) : '';
    list.push([decodeUtf8(percentDecodeBytes(name.replace(/\+/g, ' '))), decodeUtf8(percentDecodeBytes(value.replace(/\+/g, ' ')))]);
  }
  return list;
}

// toUSVString replaces lone surrogates with U+FFFD. (A regular expression for it needs
// lookahead over surrogates, which goja's engine gets wrong: it split valid pairs.)
function toUSVString(v) {
  const s = String(v);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      out += s[i];
    } else if (c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i] + s[i + 1];
      i++;
    } else {
      out += '\ufffd';
    }
  }
  return out;
}

class URLSearchParams {
  constructor(init) {
    this._list = [];
    this._url = null;
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = Array.from(pair);
          if (p.length !== 2) {
            throw codedError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          this._list.push([toUSVString(p[0]), toUSVString(p[1])]);
        }
      } else {
        for (const k of Object.keys(init)) this._list.push([toUSVString(k), toUSVString(init[k])]);
      }
    } else {
      this._list = formParse(toUSVString(init));
    }
  }

  _reset(search) {
    this._list = formParse(search);
  }

  _update() {
    if (!this._url) return;
    const s = this.toString();
    this._url[kState].search = s === '' ? '' : '?' + s;
  }

  get size() { return this._list.length; }

  append(name, value) {
    this._list.push([toUSVString(name), toUSVString(value)]);
    this._update();
  }

  delete(name, value) {
    name = toUSVString(name);
    this._list = this._list.filter(([k, v]) => !(k === name && (value === undefined || v === toUSVString(value))));
    this._update();
  }

  get(name) {
    name = toUSVString(name);
    const e = this._list.find(([k]) => k === name);
    return e ? e[1] : null;
  }

  getAll(name) {
    name = toUSVString(name);
    return this._list.filter(([k]) => k === name).map(([, v]) => v);
  }

  has(name, value) {
    name = toUSVString(name);
    return this._list.some(([k, v]) => k === name && (value === undefined || v === toUSVString(value)));
  }

  set(name, value) {
    name = toUSVString(name);
    value = toUSVString(value);
    const i = this._list.findIndex(([k]) => k === name);
    if (i < 0) {
      this._list.push([name, value]);
    } else {
      this._list[i][1] = value;
      this._list = this._list.filter(([k], j) => k !== name || j <= i);
    }
    this._update();
  }

  sort() {
    const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    this._list = this._list.map((e, i) => [e, i]).sort((x, y) => cmp(x[0][0], y[0][0]) || x[1] - y[1]).map((x) => x[0]);
    this._update();
  }

  forEach(callback, thisArg) {
    if (typeof callback !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function. Received ' + String(callback));
    }
    for (let i = 0; i < this._list.length; i++) callback.call(thisArg, this._list[i][1], this._list[i][0], this);
  }

  *keys() { for (const [k] of this._list.slice()) yield k; }
  *values() { for (const [, v] of this._list.slice()) yield v; }
  *entries() { for (const [k, v] of this._list.slice()) yield [k, v]; }
  [Symbol.iterator]() { return this.entries(); }

  toString() {
    return this._list.map(([k, v]) => formEncode(k) + '=' + formEncode(v)).join('&');
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

// ---- file URLs ------------------------------------------------------------------------

function fileURLToPath(path) {
  let u = path;
  if (typeof path === 'string') u = new URL(path);
  else if (!(path instanceof URL)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
      'The "path" argument must be of type string or an instance of URL.' + (path == null ? ' Received ' + path
        : typeof path === 'object' ? ' Received an instance of ' + (path.constructor && path.constructor.name) : ' Received type ' + typeof path + ' (' + String(path) + ')'));
  }
  if (u.protocol !== 'file:') throw codedError(TypeError, 'ERR_INVALID_URL_SCHEME', messages.ERR_INVALID_URL_SCHEME);
  if (u.hostname !== '') {
    throw codedError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  }
  const pathname = u.pathname;
  if (/%2f/i.test(pathname)) {
    throw codedError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  }
  return decodeUtf8(percentDecodeBytes(pathname));
}

function pathToFileURL(filepath) {
  const path = require('path');
  let resolved = path.resolve(filepath);
  if (filepath.charCodeAt(filepath.length - 1) === 47 && resolved[resolved.length - 1] !== '/') resolved += '/';
  resolved = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  const out = new URL('file://');
  out.pathname = resolved;
  return out;
}

function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: url.pathname + url.search,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
  return options;
}

// ---- legacy API (minimal) -------------------------------------------------------------

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function parse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  if (typeof url !== 'string') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "url" argument must be of type string.' +
      (url == null ? ' Received ' + url : ' Received type ' + typeof url + ' (' + String(url) + ')'));
  }
  const u = new Url();
  let rest = url.trim();
  const hashIdx = rest.indexOf('#');
  if (hashIdx >= 0) {
    u.hash = rest.slice(hashIdx);
    rest = rest.slice(0, hashIdx);
  }
  const qIdx = rest.indexOf('?');
  if (qIdx >= 0) {
    u.search = rest.slice(qIdx);
    u.query = rest.slice(qIdx + 1);
    rest = rest.slice(0, qIdx);
  } else if (parseQueryString) {
    u.search = '';
    u.query = {};
  }
  if (parseQueryString && typeof u.query === 'string') u.query = require('querystring').parse(u.query);
  const pm = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
  if (pm) {
    u.protocol = pm[1].toLowerCase();
    rest = rest.slice(pm[1].length);
  }
  const hostless = u.protocol === 'javascript:';
  if ((slashesDenoteHost || pm || /^\/\/[^@/]+@[^@/]+/.test(rest)) && rest.startsWith('//') && !hostless) {
    u.slashes = true;
    rest = rest.slice(2);
    const end = rest.search(/[\/\\]/);
    let authority = end >= 0 ? rest.slice(0, end) : rest;
    rest = end >= 0 ? rest.slice(end) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      u.auth = decodeURIComponent(authority.slice(0, at));
      authority = authority.slice(at + 1);
    }
    const portM = /:(\d*)$/.exec(authority);
    if (portM) {
      if (portM[1]) u.port = portM[1];
      authority = authority.slice(0, authority.length - portM[0].length);
    }
    u.hostname = authority.toLowerCase();
    u.host = u.hostname + (u.port ? ':' + u.port : '');
    if (rest === '' && u.protocol in special) rest = '/';
  }
  if (rest !== '' || u.host) u.pathname = rest || (u.protocol in special ? '/' : null);
  if (u.pathname === '' ) u.pathname = null;
  const search = u.search || '';
  if (u.pathname !== null || search) u.path = (u.pathname || '') + search;
  u.href = format(u);
  return u;
}

function format(obj, options) {
  if (typeof obj === 'string') obj = parse(obj);
  if (obj instanceof URL) {
    const o = Object.assign({ fragment: true, search: true, auth: true, unicode: false }, options);
    const s = obj[kState];
    let out = s.protocol;
    if (s.hasHost) {
      out += '//';
      if (o.auth && (s.username || s.password)) out += s.username + (s.password ? ':' + s.password : '') + '@';
      out += hostOf(s);
    }
    out += pathnameOf(s);
    if (o.search) out += s.search;
    if (o.fragment) out += s.hash;
    return out;
  }
  if (obj === null || typeof obj !== 'object') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "urlObject" argument must be one of type object or string.' +
      (obj == null ? ' Received ' + obj : ' Received type ' + typeof obj + ' (' + String(obj) + ')'));
  }
  let auth = obj.auth || '';
  if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@';
  let protocol = obj.protocol || '';
  let pathname = obj.pathname || '';
  let hash = obj.hash || '';
  let host = '';
  let query = '';
  if (obj.host) host = auth + obj.host;
  else if (obj.hostname) host = auth + (obj.hostname.includes(':') ? '[' + obj.hostname + ']' : obj.hostname) + (obj.port ? ':' + obj.port : '');
  if (obj.query !== null && typeof obj.query === 'object') query = require('querystring').stringify(obj.query);
  let search = obj.search || (query && '?' + query) || '';
  if (protocol && protocol[protocol.length - 1] !== ':') protocol += ':';
  if (obj.slashes || protocol in special) {
    if (obj.slashes || host) {
      host = '//' + host;
      if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
    } else if (protocol === 'file:') {
      host = '//';
    }
  }
  if (hash && hash[0] !== '#') hash = '#' + hash;
  if (search && search[0] !== '?') search = '?' + search;
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace(/#/g, '%23');
  return protocol + host + pathname + search + hash;
}

function resolve(from, to) {
  try {
    return new URL(to, new URL(from)).href;
  } catch (e) {
    const base = new URL(from, 'resolve://');
    const res = new URL(to, base);
    if (res.protocol === 'resolve:') {
      const { pathname, search, hash } = res;
      const rel = /^\//.test(from) ? '' : '.';
      return (from.startsWith('/') ? '' : rel === '.' && !pathname.startsWith('/') ? '' : '') + pathname.replace(/^\//, from.startsWith('/') ? '/' : '') + search + hash;
    }
    return res.toString();
  }
}

module.exports = {
  URL,
  URLSearchParams,
  Url,
  parse,
  format,
  resolve,
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
  domainToASCII: (d) => String(d).toLowerCase(),
  domainToUnicode: (d) => String(d),
};
