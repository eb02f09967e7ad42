'use strict';
// http: HTTP/1.1 servers and clients as Node.js 20 behaves (lib/_http_*.js), written for
// Looplab. Real HTTP/1.1 bytes travel over the simulated loopback sockets of lib/net.js, so
// the trace shows every request and response as socket data. Covered: createServer,
// IncomingMessage, ServerResponse (chunked bodies when there is no Content-Length),
// request/get with ClientRequest, the Agent with Node 20's keep-alive default
// (globalAgent.keepAlive is true), server.close() closing idle connections (Node 19+),
// closeIdleConnections/closeAllConnections. Not here: upgrades, CONNECT, trailers sent,
// 100-continue, informational responses, request timeouts, https.

const EE = require('events');
const net = require('net');
const stream = require('stream');
const { toBuffer, Buffer: B } = stream._looplab;

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK',
  'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST',
  'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE',
  'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

const { codedError, messages } = require('internal/errors');

const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const invalidHeaderCharRe = /[^\t\x20-\x7e\x80-\xff]/;

function validateHeaderName(name) {
  if (typeof name !== 'string' || !name || !tokenRe.test(name)) {
    throw codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' + name + '"]');
  }
}

function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw codedError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "undefined" for header "' + name + '"');
  }
  if (invalidHeaderCharRe.test(String(value))) {
    throw codedError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' + name + '"]');
  }
}

// ---- the parser (llhttp's part): head, then a body by Content-Length, chunks, or to EOF.

const REQUEST = 0;
const RESPONSE = 1;

// Headers whose duplicates Node drops (matchKnownFields in lib/_http_incoming.js).
const singleValued = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host',
  'authorization', 'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from',
  'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);

function addHeaderLine(headers, field, value) {
  const key = field.toLowerCase();
  if (key === 'set-cookie') {
    if (headers[key] === undefined) headers[key] = [value];
    else headers[key].push(value);
  } else if (headers[key] === undefined) {
    headers[key] = value;
  } else if (!singleValued.has(key)) {
    headers[key] += (key === 'cookie' ? '; ' : ', ') + value;
  }
}

class HTTPParser {
  constructor(kind) {
    this.kind = kind;
    this.reset();
  }

  reset() {
    this.state = 'head';
    this.pending = null;
    this.remaining = 0;
    this.info = null;
    this.headMethod = false;
  }

  // execute consumes a chunk of socket data; it returns an Error for a malformed message.
  execute(chunk) {
    let buf = this.pending ? B().concat([this.pending, chunk]) : chunk;
    this.pending = null;
    while (buf.length > 0 || this.state === 'complete') {
      switch (this.state) {
        case 'head': {
          const text = buf.toString('latin1');
          let start = 0;
          while (text.startsWith('\r\n', start)) start += 2; // blank lines before a message
          const end = text.indexOf('\r\n\r\n', start);
          if (end < 0) {
            if (text.length - start > 81920) return this.error('HPE_HEADER_OVERFLOW', 'Header overflow');
            this.pending = buf.subarray(start);
            return null;
          }
          const err = this.parseHead(text.slice(start, end));
          if (err) return err;
          buf = buf.subarray(end + 4);
          break;
        }
        case 'body-length': {
          const n = Math.min(this.remaining, buf.length);
          const part = buf.subarray(0, n);
          buf = buf.subarray(n);
          this.remaining -= n;
          if (this.remaining === 0) this.state = 'complete';
          this.onBody(toBuffer(part));
          break;
        }
        case 'body-eof':
          this.onBody(toBuffer(buf));
          buf = buf.subarray(buf.length);
          break;
        case 'chunk-size': {
          const text = buf.toString('latin1');
          const eol = text.indexOf('\r\n');
          if (eol < 0) { this.pending = buf; return null; }
          const size = parseInt(text.slice(0, eol).split(';')[0], 16);
          if (Number.isNaN(size)) return this.error('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
          buf = buf.subarray(eol + 2);
          if (size === 0) this.state = 'trailers';
          else { this.remaining = size; this.state = 'chunk-data'; }
          break;
        }
        case 'chunk-data': {
          const n = Math.min(this.remaining, buf.length);
          const part = buf.subarray(0, n);
          buf = buf.subarray(n);
          this.remaining -= n;
          if (this.remaining === 0) this.state = 'chunk-end';
          if (n > 0) this.onBody(toBuffer(part));
          break;
        }
        case 'chunk-end':
          if (buf.length < 2) { this.pending = buf; return null; }
          buf = buf.subarray(2);
          this.state = 'chunk-size';
          break;
        case 'trailers': {
          const text = buf.toString('latin1');
          if (text.startsWith('\r\n')) {
            buf = buf.subarray(2);
            this.state = 'complete';
            break;
          }
          const end = text.indexOf('\r\n\r\n');
          if (end < 0) { this.pending = buf; return null; }
          buf = buf.subarray(end + 4);
          this.state = 'complete';
          break;
        }
        case 'complete':
          this.state = 'head';
          this.onMessageComplete();
          if (this.paused) {
            this.pending = buf.length ? buf : null;
            return null;
          }
          break;
        default:
          return null;
      }
    }
    return null;
  }

  finish() {
    if (this.state === 'body-eof') {
      this.state = 'head';
      this.onMessageComplete();
    }
  }

  error(code, reason) {
    const err = new Error('Parse Error: ' + reason);
    err.code = code;
    err.reason = reason;
    this.state = 'error';
    return err;
  }

  parseHead(text) {
    const lines = text.split('\r\n');
    const first = lines.shift();
    const info = { headers: {}, rawHeaders: [], method: null, url: null, statusCode: 0, statusMessage: '' };
    let m;
    if (this.kind === REQUEST) {
      m = /^([A-Z-]+) (\S+) HTTP\/(\d)\.(\d)$/.exec(first);
      if (!m || !METHODS.includes(m[1])) return this.error('HPE_INVALID_METHOD', 'Invalid method encountered');
      info.method = m[1];
      info.url = m[2];
      info.versionMajor = +m[3];
      info.versionMinor = +m[4];
    } else {
      m = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(first);
      if (!m) return this.error('HPE_INVALID_CONSTANT', 'Expected HTTP/');
      info.versionMajor = +m[1];
      info.versionMinor = +m[2];
      info.statusCode = +m[3];
      info.statusMessage = m[4] || '';
    }
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) return this.error('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).trim();
      info.rawHeaders.push(field, value);
      addHeaderLine(info.headers, field, value);
    }
    const h = info.headers;
    const chunked = /(^|,)\s*chunked\s*$/i.test(h['transfer-encoding'] || '');
    const connection = (h.connection || '').toLowerCase();
    info.shouldKeepAlive = info.versionMajor === 1 && info.versionMinor >= 1
      ? !/(^|,)\s*close\s*(,|$)/.test(connection)
      : /(^|,)\s*keep-alive\s*(,|$)/.test(connection);
    this.info = info;
    const skipBody = this.onHeadersComplete(info);
    const noBody = skipBody ||
      (this.kind === RESPONSE && (info.statusCode === 204 || info.statusCode === 304 || (info.statusCode >= 100 && info.statusCode < 200)));
    if (noBody) {
      this.state = 'complete';
    } else if (chunked) {
      this.state = 'chunk-size';
    } else if (h['content-length'] !== undefined) {
      this.remaining = parseInt(h['content-length'], 10) || 0;
      this.state = this.remaining > 0 ? 'body-length' : 'complete';
    } else if (this.kind === RESPONSE) {
      this.state = 'body-eof';
      info.shouldKeepAlive = false;
    } else {
      this.state = 'complete';
    }
    return null;
  }
}

// ---- IncomingMessage

function IncomingMessage(socket) {
  stream.Readable.call(this);
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this.rawHeaders = [];
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.headers = {};
  this.trailers = {};
  this._consuming = false;
  this._dumped = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, stream.Readable.prototype);
Object.setPrototypeOf(IncomingMessage, stream.Readable);

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  get() { return this.socket; },
  set(v) { this.socket = v; },
  configurable: true,
});

IncomingMessage.prototype._read = function _read() {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
};

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, cb) {
  if (this.socket) this.socket.setTimeout(msecs, cb);
  return this;
};

// Mirrors _dump: nobody reads this message, so its body is thrown away.
IncomingMessage.prototype._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

// Mirrors IncomingMessage.prototype._destroy: a message destroyed before its end was aborted.
IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && this.aborted) this.socket.destroy(err);
  process.nextTick(cb, err);
};

function fillIncoming(msg, info) {
  msg.httpVersionMajor = info.versionMajor;
  msg.httpVersionMinor = info.versionMinor;
  msg.httpVersion = info.versionMajor + '.' + info.versionMinor;
  msg.headers = info.headers;
  msg.rawHeaders = info.rawHeaders;
  if (info.method) {
    msg.method = info.method;
    msg.url = info.url;
  } else {
    msg.statusCode = info.statusCode;
    msg.statusMessage = info.statusMessage;
  }
}

// ---- OutgoingMessage

const kHeaders = Symbol('kHeaders');

function OutgoingMessage() {
  stream.Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this.finished = false;
  this._headerSent = false;
  this[kHeaders] = null;
  this.socket = null;
  this._header = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = () => {};
  this.strictContentLength = false;
  this._writableFinished = false;
}
Object.setPrototypeOf(OutgoingMessage.prototype, stream.Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, stream.Stream);

Object.defineProperties(OutgoingMessage.prototype, {
  headersSent: { get() { return !!this._header; }, configurable: true },
  writableEnded: { get() { return this.finished; }, configurable: true },
  writableFinished: { get() { return this._writableFinished; }, configurable: true },
  writableLength: { get() { return this.outputSize; }, configurable: true },
  writableHighWaterMark: { get() { return this.socket ? this.socket.writableHighWaterMark : 16384; }, configurable: true },
  writableCorked: { get() { return 0; }, configurable: true },
  writableNeedDrain: { get() { return false; }, configurable: true },
  writableObjectMode: { get() { return false; }, configurable: true },
  connection: { get() { return this.socket; }, set(v) { this.socket = v; }, configurable: true },
});

OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
  if (this._header) {
    throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
  }
  validateHeaderName(name);
  validateHeaderValue(name, value);
  if (this[kHeaders] === null) this[kHeaders] = Object.create(null);
  this[kHeaders][name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
  const key = String(name).toLowerCase();
  const existing = this[kHeaders] && this[kHeaders][key];
  if (!existing) return this.setHeader(name, value);
  const prev = Array.isArray(existing[1]) ? existing[1] : [existing[1]];
  existing[1] = prev.concat(value);
  return this;
};

OutgoingMessage.prototype.getHeader = function getHeader(name) {
  if (typeof name !== 'string') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "name" argument must be of type string');
  const entry = this[kHeaders] && this[kHeaders][name.toLowerCase()];
  return entry && entry[1];
};

OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() {
  return this[kHeaders] !== null ? Object.keys(this[kHeaders]) : [];
};

OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() {
  return this[kHeaders] !== null ? Object.values(this[kHeaders]).map((e) => e[0]) : [];
};

OutgoingMessage.prototype.getHeaders = function getHeaders() {
  const out = Object.create(null);
  if (this[kHeaders]) for (const key of Object.keys(this[kHeaders])) out[key] = this[kHeaders][key][1];
  return out;
};

OutgoingMessage.prototype.hasHeader = function hasHeader(name) {
  return this[kHeaders] !== null && !!this[kHeaders][String(name).toLowerCase()];
};

OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
  if (this._header) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
  const key = String(name).toLowerCase();
  if (key === 'connection') this._removedConnection = true;
  else if (key === 'content-length') this._removedContLen = true;
  else if (key === 'transfer-encoding') this._removedTE = true;
  else if (key === 'date') this.sendDate = false;
  if (this[kHeaders] !== null) delete this[kHeaders][key];
};

OutgoingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (this.socket) this.socket.setTimeout(msecs);
  else this.once('socket', (s) => s.setTimeout(msecs));
  return this;
};

OutgoingMessage.prototype.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send('');
};

OutgoingMessage.prototype.cork = function () { if (this.socket) this.socket.cork(); };
OutgoingMessage.prototype.uncork = function () { if (this.socket) this.socket.uncork(); };

// Mirrors _storeHeader in lib/_http_outgoing.js: the head of the message, with the
// Connection, Content-Length and Transfer-Encoding headers Node adds itself.
OutgoingMessage.prototype._storeHeader = function _storeHeader(firstLine, headers) {
  const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, header: firstLine };
  const process1 = (name, value) => {
    const key = name.toLowerCase();
    if (Array.isArray(value)) {
      for (const v of value) { validateHeaderValue(name, v); state.header += name + ': ' + v + '\r\n'; }
    } else {
      state.header += name + ': ' + value + '\r\n';
    }
    if (key === 'connection') {
      state.connection = true;
      if (/(^|,)\s*close\s*(,|$)/i.test(String(value))) this._last = true;
      else this.shouldKeepAlive = true;
    } else if (key === 'transfer-encoding') {
      state.te = true;
      if (/(^|,)\s*chunked\s*$/i.test(String(value))) this.chunkedEncoding = true;
    } else if (key === 'content-length') {
      state.contLen = true;
    } else if (key === 'date') {
      state.date = true;
    } else if (key === 'trailer') {
      state.trailer = true;
    }
  };
  if (headers) {
    if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) process1(k, v);
      else for (let i = 0; i < headers.length; i += 2) process1(headers[i], headers[i + 1]);
    } else {
      for (const key of Object.keys(headers)) {
        const entry = headers[key];
        if (Array.isArray(entry) && entry.length === 2 && headers === this[kHeaders]) process1(entry[0], entry[1]);
        else process1(key, entry);
      }
    }
  }
  let header = state.header;
  if (this.sendDate && !state.date) header += 'Date: ' + new Date().toUTCString() + '\r\n';
  if (!state.connection) {
    const shouldSendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
      header += 'Connection: close\r\n';
    } else if (shouldSendKeepAlive) {
      header += 'Connection: keep-alive\r\n';
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        header += 'Keep-Alive: timeout=' + Math.floor(this._keepAliveTimeout / 1000) + '\r\n';
      }
    } else {
      this._last = true;
      header += 'Connection: close\r\n';
    }
  }
  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
      header += 'Content-Length: ' + this._contentLength + '\r\n';
    } else if (!this._removedTE) {
      header += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }
  this._header = header + '\r\n';
  this._headerSent = false;
};

// _send writes data to the socket, the head first; before the message has a socket the
// bytes wait in outputData.
OutgoingMessage.prototype._send = function _send(data, encoding, callback) {
  if (!this._headerSent && this._header !== null) {
    const head = toBuffer(this._header, 'latin1');
    data = typeof data === 'string' ? B().concat([head, toBuffer(data, encoding)]) : B().concat([head, data]);
    encoding = undefined;
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._writeRaw = function _writeRaw(data, encoding, callback) {
  const conn = this.socket;
  if (conn && conn.destroyed) return false;
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  return false;
};

OutgoingMessage.prototype._flushOutput = function _flushOutput(socket) {
  const out = this.outputData;
  this.outputData = [];
  this.outputSize = 0;
  let ret;
  for (const { data, encoding, callback } of out) ret = socket.write(data, encoding, callback);
  return ret;
};

OutgoingMessage.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  const ret = writeBody(this, chunk, encoding, callback, false);
  return ret === true || ret === undefined ? true : ret;
};

function writeBody(msg, chunk, encoding, callback, fromEnd) {
  if (msg.finished) {
    const err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', messages.ERR_STREAM_WRITE_AFTER_END);
    if (typeof callback === 'function') process.nextTick(callback, err);
    process.nextTick(() => msg.emit('error', err));
    return false;
  }
  if (chunk === null) throw codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array');
  }
  if (!msg._header) {
    if (fromEnd) msg._contentLength = typeof chunk === 'string' ? B().byteLength(chunk, encoding || 'utf8') : chunk.byteLength;
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  }
  const len = typeof chunk === 'string' ? B().byteLength(chunk, encoding || 'utf8') : chunk.byteLength;
  if (len === 0) {
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  }
  if (msg.chunkedEncoding) {
    const body = toBuffer(chunk, encoding);
    return msg._send(B().concat([toBuffer(len.toString(16) + '\r\n', 'latin1'), body, toBuffer('\r\n', 'latin1')]), undefined, callback);
  }
  return msg._send(chunk, encoding, callback);
}

OutgoingMessage.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === 'function') { callback = chunk; chunk = null; encoding = null; }
  else if (typeof encoding === 'function') { callback = encoding; encoding = null; }
  if (chunk !== null && chunk !== undefined) {
    if (this.finished) {
      writeBody(this, chunk, encoding, callback, true);
      return this;
    }
    writeBody(this, chunk, encoding, null, true);
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this._writableFinished) this.once('finish', callback);
      else process.nextTick(callback, codedError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished'));
    }
    return this;
  } else if (!this._header) {
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  const finish = onFinish.bind(undefined, this);
  if (this._hasBody && this.chunkedEncoding) {
    this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
  } else if (!this._headerSent || this.writableLength || chunk) {
    this._send('', 'latin1', finish);
  } else {
    process.nextTick(finish);
  }
  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
  return this;
};

function onFinish(msg) {
  if (msg.socket && msg._writableFinished) return;
  msg._writableFinished = true;
  msg.emit('finish');
}

OutgoingMessage.prototype._finish = function _finish() {
  this.emit('prefinish');
};

OutgoingMessage.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.socket) this.socket.destroy(err);
  else this.once('socket', (s) => s.destroy(err));
  return this;
};

// ---- ServerResponse

function ServerResponse(req, options) {
  OutgoingMessage.call(this);
  this.req = req;
  if (req.method === 'HEAD') this._hasBody = false;
  this.sendDate = true;
  this.statusCode = 200;
  this.statusMessage = undefined;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(^|,)\s*chunked\s*$/i.test(req.headers.te || '');
    this.shouldKeepAlive = false;
  }
  void options;
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  socket._httpMessage = this;
  this.socket = socket;
  this.emit('socket', socket);
  this._flushOutput(socket);
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) {
    throw codedError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: ' + originalStatusCode);
  }
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
    obj = reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this[kHeaders]) {
    if (obj) {
      if (Array.isArray(obj)) {
        for (let i = 0; i < obj.length; i += 2) this.setHeader(obj[i], obj[i + 1]);
      } else {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kHeaders];
  } else {
    headers = obj;
  }
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  const statusLine = 'HTTP/1.1 ' + statusCode + ' ' + this.statusMessage + '\r\n';
  this._storeHeader(statusLine, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'latin1', cb);
  this._sent100 = true;
};

// ---- Server

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null || typeof options !== 'object') {
    options = {};
  }
  net.Server.call(this, { allowHalfOpen: true, noDelay: options.noDelay !== false, keepAlive: options.keepAlive });
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this.headersTimeout = 60000;
  this.requestTimeout = 300000;
  this.keepAliveTimeout = 5000;
  this.connectionsCheckingInterval = 30000;
  this._connectionsTracked = new Set();
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

// Mirrors httpServerPreClose (Node 19+): close() also closes idle keep-alive connections.
Server.prototype.close = function close(cb) {
  this.closeIdleConnections();
  return net.Server.prototype.close.call(this, cb);
};

Server.prototype.closeAllConnections = function closeAllConnections() {
  for (const socket of [...this._connectionsTracked]) socket.destroy();
};

Server.prototype.closeIdleConnections = function closeIdleConnections() {
  for (const socket of [...this._connectionsTracked]) {
    if (socket._httpIdle) socket.destroy();
  }
};

// Mirrors connectionListenerInternal in lib/_http_server.js.
function connectionListener(socket) {
  const server = this;
  const parser = new HTTPParser(REQUEST);
  const state = { outgoing: [], incoming: [], keepAliveTimeoutSet: false };
  socket._httpIdle = true;
  server._connectionsTracked.add(socket);
  socket.on('close', () => {
    server._connectionsTracked.delete(socket);
    abortIncoming(state);
  });
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', () => {
    const req = parser.incoming;
    const reqTimeout = req && !req.complete && req.emit('timeout', socket);
    const res = socket._httpMessage;
    const resTimeout = res && res.emit('timeout', socket);
    const serverTimeout = server.emit('timeout', socket);
    if (!reqTimeout && !resTimeout && !serverTimeout) socket.destroy();
  });

  parser.onHeadersComplete = (info) => {
    socket._httpIdle = false;
    if (state.keepAliveTimeoutSet) {
      socket.setTimeout(0);
      state.keepAliveTimeoutSet = false;
    }
    const req = new IncomingMessage(socket);
    fillIncoming(req, info);
    parser.incoming = req;
    state.incoming.push(req);
    const res = new ServerResponse(req);
    res.shouldKeepAlive = info.shouldKeepAlive && !server._closing;
    res._keepAliveTimeout = server.keepAliveTimeout;
    if (socket._httpMessage) {
      state.outgoing.push(res);
    } else {
      res.assignSocket(socket);
    }
    res.on('finish', () => resOnFinish(req, res, socket, state, server));
    server.emit('request', req, res);
    return req.method === 'HEAD' ? false : false;
  };
  parser.onBody = (chunk) => {
    const req = parser.incoming;
    if (req && !req._dumped) req.push(chunk);
  };
  parser.onMessageComplete = () => {
    const req = parser.incoming;
    if (req) {
      req.complete = true;
      req.push(null);
    }
  };

  socket.on('data', (d) => {
    const err = parser.execute(d);
    if (err) socketOnError.call(socket, err, server);
  });
  socket.on('end', () => {
    parser.finish();
    // Mirrors socketOnEnd: without httpAllowHalfOpen the server ends its side too.
    if (!server.httpAllowHalfOpen) {
      abortIncoming(state);
      if (socket.writable) socket.end();
    } else if (state.outgoing.length) {
      state.outgoing[state.outgoing.length - 1]._last = true;
    } else if (socket._httpMessage) {
      socket._httpMessage._last = true;
    } else if (socket.writable) {
      socket.end();
    }
  });
  socket.on('error', (e) => socketOnError.call(socket, e, server));
}

function socketOnError(e, server) {
  if (!server.emit('clientError', e, this)) {
    if (this.writable && this.bytesWritten === 0 && e.code && e.code.startsWith('HPE_')) {
      this.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
    this.destroy(e);
  }
}

function abortIncoming(state) {
  while (state.incoming.length) {
    const req = state.incoming.shift();
    if (!req.complete) {
      req.aborted = true;
      req.destroy(codedError(Error, 'ECONNRESET', 'aborted'));
    }
  }
}

// Mirrors resOnFinish: the request's unread body is dumped; the socket closes after a
// response that was the last one, or waits, idle, for the next request.
function resOnFinish(req, res, socket, state, server) {
  const i = state.incoming.indexOf(req);
  if (i >= 0) state.incoming.splice(i, 1);
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  process.nextTick(() => res.emit('close'));
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    socket._httpIdle = true;
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const next = state.outgoing.shift();
    next.assignSocket(socket);
  }
}

// ---- Agent

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EE.call(this);
  this.defaultPort = 80;
  this.protocol = 'http:';
  this.options = Object.assign({ __proto__: null }, options);
  this.options.path = null;
  this.requests = Object.create(null);
  this.sockets = Object.create(null);
  this.freeSockets = Object.create(null);
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.scheduling = this.options.scheduling || 'lifo';
  this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
  this.totalSocketCount = 0;
  this.on('free', (socket, options) => {
    const name = this.getName(options);
    if (!socket.writable) { socket.destroy(); return; }
    const requests = this.requests[name];
    if (requests && requests.length) {
      const req = requests.shift();
      if (!requests.length) delete this.requests[name];
      setRequestSocket(this, req, socket);
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepAlive) {
      socket.destroy();
      return;
    }
    const freeSockets = this.freeSockets[name] || [];
    if (freeSockets.length >= this.maxFreeSockets) { socket.destroy(); return; }
    if (this.keepSocketAlive(socket)) {
      this.freeSockets[name] = freeSockets;
      socket._httpMessage = null;
      this.removeSocket(socket, options);
      socket.once('error', freeSocketErrorListener);
      freeSockets.push(socket);
    } else {
      socket.destroy();
    }
  });
}
Object.setPrototypeOf(Agent.prototype, EE.prototype);
Object.setPrototypeOf(Agent, EE);
Agent.defaultMaxSockets = Infinity;

function freeSocketErrorListener(err) {
  this.destroy();
  this.emit('agentRemove');
  void err;
}

Agent.prototype.createConnection = function createConnection(options, cb) {
  return net.createConnection(options, cb);
};

Agent.prototype.getName = function getName(options = {}) {
  let name = options.host || 'localhost';
  name += ':';
  if (options.port) name += options.port;
  name += ':';
  if (options.localAddress) name += options.localAddress;
  if (options.family === 4 || options.family === 6) name += ':' + options.family;
  return name;
};

Agent.prototype.addRequest = function addRequest(req, options) {
  options = Object.assign({ __proto__: null }, options, this.options);
  if (!options.servername && options.servername !== '') options.servername = options.host;
  const name = this.getName(options);
  if (!this.sockets[name]) this.sockets[name] = [];
  const freeSockets = this.freeSockets[name];
  let socket;
  if (freeSockets) {
    while (freeSockets.length && freeSockets[0].destroyed) freeSockets.shift();
    socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
    if (!freeSockets.length) delete this.freeSockets[name];
  }
  const freeLen = freeSockets ? freeSockets.length : 0;
  const sockLen = freeLen + this.sockets[name].length;
  if (socket) {
    this.reuseSocket(socket, req);
    setRequestSocket(this, req, socket);
    this.sockets[name].push(socket);
  } else if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
    this.createSocket(req, options, (err, s) => {
      if (err) req.onSocket(s, err);
      else setRequestSocket(this, req, s);
    });
  } else {
    if (!this.requests[name]) this.requests[name] = [];
    this.requests[name].push(req);
  }
};

Agent.prototype.createSocket = function createSocket(req, options, cb) {
  options = Object.assign({ __proto__: null }, options, this.options);
  if (!options.servername && options.servername !== '') options.servername = options.host;
  const name = this.getName(options);
  options._agentKey = name;
  options.encoding = null;
  const s = this.createConnection(options);
  if (!this.sockets[name]) this.sockets[name] = [];
  this.sockets[name].push(s);
  this.totalSocketCount++;
  installListeners(this, s, options);
  cb(null, s);
};

function installListeners(agent, s, options) {
  function onFree() { agent.emit('free', s, options); }
  s.on('free', onFree);
  function onClose() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
  }
  s.on('close', onClose);
  function onTimeout() {
    const sockets = agent.freeSockets;
    if (Object.keys(sockets).some((name) => sockets[name].includes(s))) s.destroy();
  }
  s.on('timeout', onTimeout);
  function onRemove() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('timeout', onTimeout);
    s.removeListener('agentRemove', onRemove);
  }
  s.on('agentRemove', onRemove);
}

Agent.prototype.removeSocket = function removeSocket(s, options) {
  const name = this.getName(options);
  for (const sets of [this.sockets, this.freeSockets]) {
    const list = sets[name];
    if (!list) continue;
    const i = list.indexOf(s);
    if (i !== -1) {
      list.splice(i, 1);
      if (list.length === 0) delete sets[name];
    }
  }
  const requests = this.requests[name];
  if (requests && requests.length && s.destroyed) {
    const req = requests.shift();
    if (!requests.length) delete this.requests[name];
    this.createSocket(req, options, (err, socket) => {
      if (err) req.onSocket(socket, err);
      else setRequestSocket(this, req, socket);
    });
  }
};

// Mirrors keepSocketAlive: a free socket no longer keeps the process alive.
Agent.prototype.keepSocketAlive = function keepSocketAlive(socket) {
  socket.setKeepAlive(true, this.keepAliveMsecs);
  socket.unref();
  let agentTimeout = this.options.timeout || 0;
  if (socket._httpMessage && socket._httpMessage.res) {
    const hint = /timeout=(\d+)/.exec(socket._httpMessage.res.headers['keep-alive'] || '');
    if (hint) {
      const serverHint = Number(hint[1]) * 1000 - 1000;
      if (serverHint > 0) agentTimeout = agentTimeout ? Math.min(agentTimeout, serverHint) : serverHint;
    }
  }
  if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
  return true;
};

Agent.prototype.reuseSocket = function reuseSocket(socket, req) {
  socket.removeListener('error', freeSocketErrorListener);
  req.reusedSocket = true;
  socket.ref();
};

Agent.prototype.destroy = function destroy() {
  for (const sets of [this.freeSockets, this.sockets]) {
    for (const name of Object.keys(sets)) for (const s of sets[name].slice()) s.destroy();
  }
};

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  const agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- ClientRequest

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    input = urlToOptions(new (require('url').URL)(input));
  } else if (input && typeof input === 'object' && input.href && input.protocol && typeof input.searchParams === 'object') {
    input = urlToOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = Object.assign({}, input, options);
  }
  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) agent = new Agent();
  else if (agent === null || agent === undefined) agent = typeof options.createConnection !== 'function' ? defaultAgent : undefined;
  this.agent = agent;
  const protocol = options.protocol || 'http:';
  if (protocol !== 'http:') {
    throw codedError(TypeError, 'ERR_INVALID_PROTOCOL', 'Protocol "' + protocol + '" not supported. Expected "http:"');
  }
  const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort) || 80;
  const port = options.port = options.port || defaultPort;
  const host = options.host = (options.hostname || options.host || 'localhost').replace(/^\[|\]$/g, '');
  const setHost = options.setHost === undefined || Boolean(options.setHost);
  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) this.timeout = options.timeout;
  const method = (options.method || 'GET').toUpperCase();
  if (!METHODS.includes(method)) {
    throw codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Method must be a valid HTTP token ["' + options.method + '"]');
  }
  this.method = method;
  this.path = options.path || '/';
  if (/[\u0000-\u0020]/.test(this.path)) {
    throw codedError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  }
  this.host = host;
  this.protocol = protocol;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.res = null;
  this.aborted = false;
  this._ended = false;
  this.timeoutCb = null;
  if (cb) this.once('response', cb);
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS' ||
      method === 'TRACE' || method === 'CONNECT') {
    this.useChunkedEncodingByDefault = false;
  }
  const headers = options.headers;
  if (!Array.isArray(headers)) {
    if (headers) for (const key of Object.keys(headers)) this.setHeader(key, headers[key]);
    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      if (hostHeader.indexOf(':') !== -1 && !hostHeader.startsWith('[')) hostHeader = '[' + hostHeader + ']';
      if (port && +port !== defaultPort) hostHeader += ':' + port;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', 'Basic ' + toBuffer(options.auth, 'utf8').toString('base64'));
    }
  }
  if (this.agent) {
    if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else {
      this._last = false;
      this.shouldKeepAlive = true;
    }
  }
  this._headersArray = Array.isArray(headers) ? headers : null;
  this._requestLine = method + ' ' + this.path + ' HTTP/1.1\r\n';
  const optsWithoutSignal = Object.assign({}, options);
  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    const socket = typeof options.createConnection === 'function'
      ? options.createConnection(optsWithoutSignal)
      : net.createConnection(optsWithoutSignal);
    this.onSocket(socket);
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

function urlToOptions(url) {
  return {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: (url.pathname || '') + (url.search || ''),
    href: url.href,
    port: url.port !== '' ? Number(url.port) : undefined,
    auth: url.username || url.password ? decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password) : undefined,
  };
}

ClientRequest.prototype._implicitHeader = function _implicitHeader() {
  if (this._header) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot render headers after they are sent to the client');
  this._storeHeader(this._requestLine, this._headersArray || this[kHeaders]);
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(() => this.emit('abort'));
  this.destroy();
};

ClientRequest.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  if (this.socket) this.socket.destroy(err);
  else if (err) process.nextTick(() => { this.emit('error', err); this.emit('close'); });
  else process.nextTick(() => this.emit('close'));
  return this;
};

const kError = Symbol('kError');

// Mirrors ClientRequest.prototype.onSocket: the socket is taken on process.nextTick.
ClientRequest.prototype.onSocket = function onSocket(socket, err) {
  process.nextTick(() => {
    if (err) {
      this.emit('error', err);
      return;
    }
    if (this.destroyed) {
      if (socket) socket.destroy(this[kError]);
      return;
    }
    tickOnSocket(this, socket);
  });
};

function tickOnSocket(req, socket) {
  const parser = new HTTPParser(RESPONSE);
  req.socket = socket;
  socket._httpMessage = req;
  socket.parser = parser;
  parser.req = req;
  parser.onHeadersComplete = (info) => parserOnIncomingClient(req, socket, parser, info);
  parser.onBody = (chunk) => {
    const res = req.res;
    if (res && !res._dumped) res.push(chunk);
  };
  parser.onMessageComplete = () => {
    const res = req.res;
    if (res) {
      res.complete = true;
      res.push(null);
    }
    parser.paused = true; // a kept-alive socket carries nothing more until it is reused
  };
  const onData = (d) => {
    const err = parser.execute(d);
    if (err) {
      socket.destroy();
      req.emit('error', err);
    }
  };
  const onEnd = () => {
    parser.finish();
    if (!req.res && !req.socket._hadError) {
      req.socket._hadError = true;
      req.emit('error', connResetException('socket hang up'));
    }
    socket.end();
  };
  const onError = (err) => {
    if (req) {
      if (!req.res || !req.res.complete) {
        req.socket._hadError = true;
        req.emit('error', err);
      }
    }
  };
  const onClose = () => {
    const res = req.res;
    req.destroyed = true;
    if (res) {
      if (!res.complete) res.destroy(connResetException('aborted'));
      req._closed = true;
      req.emit('close');
      if (!res.aborted && res.readable) res.push(null);
    } else {
      if (!req.socket._hadError) {
        req.socket._hadError = true;
        req.emit('error', connResetException('socket hang up'));
      }
      req._closed = true;
      req.emit('close');
    }
  };
  socket._httpListeners = { onData, onEnd, onError, onClose };
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('close', onClose);
  req.emit('socket', socket);
  if (req.timeout !== undefined) req.setTimeout(req.timeout);
  if (req.outputData.length) req._flushOutput(socket);
  if (req.finished && req.outputData.length === 0) req._finish();
}

function connResetException(msg) {
  const err = new Error(msg);
  err.code = 'ECONNRESET';
  return err;
}

// Mirrors parserOnIncomingClient.
function parserOnIncomingClient(req, socket, parser, info) {
  const res = new IncomingMessage(socket);
  fillIncoming(res, info);
  res.req = req;
  req.res = res;
  if (res.statusCode >= 100 && res.statusCode < 200) {
    req.res = null;
    if (res.statusCode === 100) req.emit('continue');
    req.emit('information', { statusCode: res.statusCode, statusMessage: res.statusMessage, httpVersion: res.httpVersion, headers: res.headers, rawHeaders: res.rawHeaders });
    return true;
  }
  req.shouldKeepAlive = req.shouldKeepAlive && info.shouldKeepAlive;
  // Our listener comes first, so that the socket is cleaned up whatever the user does.
  res.on('end', responseOnEnd);
  if (req.aborted || !req.emit('response', res)) res._dump();
  return req.method === 'HEAD';
}

function responseOnEnd() {
  const req = this.req;
  const socket = req.socket;
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
  } else if (req.finished && !this.aborted) {
    responseKeepAlive(req);
  }
}

// Mirrors responseKeepAlive: the socket goes back to the agent on the next tick.
function responseKeepAlive(req) {
  const socket = req.socket;
  const l = socket._httpListeners;
  if (l) {
    socket.removeListener('data', l.onData);
    socket.removeListener('end', l.onEnd);
    socket.removeListener('error', l.onError);
    socket.removeListener('close', l.onClose);
    socket._httpListeners = null;
  }
  if (req.timeoutCb) { socket.setTimeout(0, req.timeoutCb); req.timeoutCb = null; }
  process.nextTick(() => {
    req._closed = true;
    req.emit('close');
    if (req.socket) socket.emit('free');
  });
  req.destroyed = true;
  if (req.res) req.res.socket = null;
}

ClientRequest.prototype.setNoDelay = function (v) { if (this.socket) this.socket.setNoDelay(v); };
ClientRequest.prototype.setSocketKeepAlive = function () {};
ClientRequest.prototype.clearTimeout = function (cb) { this.setTimeout(0, cb); };

// ---- module functions

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

module.exports = {
  METHODS: METHODS.slice().sort(),
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers() {},
  maxHeaderSize: 16384,
  globalAgent,
};
