'use strict';
// net: TCP servers and sockets as Node.js 20 behaves (lib/net.js), on the simulated loopback
// network of engine/node/host_net.go. Sockets never use the thread pool: their events come
// back as I/O completions in the poll phase. Only a host name (not an IP address) goes
// through dns.lookup first, which does use the pool.

const EE = require('events');
const stream = require('stream');
const binding = internalBinding('tcp_wrap');
const { toBuffer } = stream._looplab;

const kLastWriteQueueSize = Symbol('lastWriteQueueSize');

function isIP(input) { return binding.isIP(String(input)); }
function isIPv4(input) { return isIP(input) === 4; }
function isIPv6(input) { return isIP(input) === 6; }

const { codedError } = require('internal/errors');

const errnos = { ECONNREFUSED: -111, EADDRINUSE: -98, ECONNRESET: -104, EPIPE: -32 };
const messages = { ECONNREFUSED: 'connect ECONNREFUSED', EADDRINUSE: 'address already in use' };

// Mirrors uvExceptionWithHostPort in lib/internal/errors.js.
function uvException(code, syscall, address, port) {
  let message = syscall + ' ' + code;
  if (code === 'EADDRINUSE') message = syscall + ' ' + code + ': address already in use';
  let details = '';
  if (port && port > 0) details = ' ' + address + ':' + port;
  else if (address) details = ' ' + address;
  const err = new Error(message + details);
  err.errno = errnos[code];
  err.code = code;
  err.syscall = syscall;
  err.address = address;
  if (port) err.port = port;
  void messages;
  return err;
}

function lookup(host, options, cb) {
  let dns;
  try { dns = require('dns'); } catch (e) { dns = null; }
  if (dns && typeof dns.lookup === 'function') dns.lookup(host, options, cb);
  else if (options && options.all) binding.lookup(host, (err, address, family) => cb(err, err ? undefined : [{ address, family }]));
  else binding.lookup(host, cb);
}

function validatePort(port, name) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim() === '') ||
      +port !== (+port >>> 0) || port > 0xFFFF) {
    const err = new RangeError((name || 'Port') + ' should be >= 0 and < 65536. Received ' +
      (typeof port === 'string' ? "type string ('" + port + "')" : typeof port === 'number' ? 'type number (' + port + ')' : String(port)) + '.');
    err.code = 'ERR_SOCKET_BAD_PORT';
    throw err;
  }
  return port | 0;
}

// ---- Socket

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  options = Object.assign({}, options);
  this.connecting = false;
  this._hadError = false;
  this._handle = null;
  this._host = null;
  this._pendingData = null;
  this._server = null;
  this.server = null;
  this.bytesRead = 0;
  this._bytesDispatched = 0;
  this._sockname = null;
  this._peername = null;
  this[kLastWriteQueueSize] = 0;
  this.timeout = 0;
  this._timer = null;
  const allowHalfOpen = !!options.allowHalfOpen;
  options.allowHalfOpen = true; // Node handles half-open itself in onReadableStreamEnd
  options.emitClose = false;
  options.autoDestroy = true;
  options.decodeStrings = false;
  stream.Duplex.call(this, options);
  this.allowHalfOpen = allowHalfOpen;
  if (options.handle) {
    this._handle = options.handle;
    attachHandle(this, this._handle);
  }
  this.on('end', onReadableStreamEnd);
  // A socket that is not open yet may not be read: wait for 'connect'.
  this._readableState.sync = !this._handle;
}
Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
Object.setPrototypeOf(Socket, stream.Duplex);

function attachHandle(socket, handle) {
  handle.owner = socket;
  handle.onevent = onHandleEvent;
}

// Everything the handle reports, in the poll phase of this thread's loop.
function onHandleEvent(kind, arg) {
  const socket = this.owner;
  if (!socket) return;
  switch (kind) {
    case 'connect': return afterConnect(socket, arg);
    case 'data': {
      socket._unrefTimerActive();
      const buf = toBuffer(arg);
      socket.bytesRead += buf.length;
      socket.push(buf);
      return;
    }
    case 'eof':
      socket.push(null);
      socket.read(0);
      return;
    case 'connection':
      return onConnection(socket, arg);
  }
}

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') { cb = encoding; encoding = null; }
  const er = codedError(Error, 'EPIPE', 'This socket has been ended by the other party');
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

Socket.prototype._unrefTimerActive = function () {
  if (this._timer) this._timer.refresh();
};

Socket.prototype.connect = function connect(...args) {
  let options = {};
  let cb;
  if (typeof args[args.length - 1] === 'function') cb = args.pop();
  if (args[0] !== null && typeof args[0] === 'object') options = Object.assign({}, args[0]);
  else if (typeof args[0] === 'string' && !/^\d+$/.test(args[0])) options = { path: args[0] };
  else options = { port: args[0], host: args[1] };
  if (options.path) throw codedError(Error, 'ERR_NOT_SUPPORTED', 'Unix domain sockets are not simulated');
  if (cb) this.once('connect', cb);
  if (this.destroyed) {
    this._readableState.reading = false;
    this._readableState.ended = false;
    this._readableState.endEmitted = false;
    this._writableState.ended = false;
    this._writableState.ending = false;
    this._writableState.finished = false;
    this._writableState.errorEmitted = false;
    this.destroyed = false;
    this._handle = null;
  }
  this.connecting = true;
  if (!this._handle) {
    this._handle = binding.newHandle();
    attachHandle(this, this._handle);
  }
  const host = options.host || 'localhost';
  const port = validatePort(options.port === undefined ? NaN : options.port, 'Port');
  this._host = host;
  const self = this;
  if (isIP(host)) {
    // Mirrors lookupAndConnect: an address needs no lookup; the connect starts on nextTick.
    process.nextTick(() => { if (self.connecting) internalConnect(self, host, port); });
    return this;
  }
  const dnsopts = { family: options.family || 0, hints: options.hints || 0, all: true };
  this._host = host;
  lookup(host, dnsopts, (err, addresses) => {
    if (!self.connecting) return;
    if (err) {
      self.destroy(err);
      return;
    }
    const list = Array.isArray(addresses) ? addresses : [{ address: addresses }];
    self._addresses = list.map((a) => a.address);
    internalConnect(self, self._addresses.shift(), port);
  });
  return this;
};

function internalConnect(socket, address, port) {
  if (!socket._handle) return;
  socket._connectTo = { address, port };
  socket._handle.connect(address, port);
}

function afterConnect(socket, err) {
  if (socket.destroyed) return;
  if (err) {
    // With more than one address (Node 20's autoSelectFamily), the next one is tried.
    if (socket._addresses && socket._addresses.length > 0) {
      socket._handle.close();
      socket._handle = binding.newHandle();
      attachHandle(socket, socket._handle);
      internalConnect(socket, socket._addresses.shift(), socket._connectTo.port);
      return;
    }
    socket.connecting = false;
    socket.destroy(uvException(err, 'connect', socket._connectTo.address, socket._connectTo.port));
    return;
  }
  socket.connecting = false;
  socket._sockname = null;
  socket._readableState.sync = false;
  socket.emit('connect');
  socket.emit('ready');
  if (socket.readable && !socket.isPaused()) socket.read(0);
}

Socket.prototype._write = function _write(data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    this.once('connect', () => this._write(data, encoding, cb));
    return;
  }
  this._pendingData = null;
  if (!this._handle) {
    cb(codedError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    return;
  }
  this._unrefTimerActive();
  const chunk = typeof data === 'string' ? toBuffer(data, encoding) : data;
  this._bytesDispatched += this._handle.write(chunk);
  cb();
};

Socket.prototype._writev = null;

Socket.prototype._final = function _final(cb) {
  if (this.pending || this.connecting) {
    this.once('connect', () => this._final(cb));
    return;
  }
  if (!this._handle) return cb();
  this._handle.shutdown(() => {
    // afterShutdown: the peer has our FIN.
    cb();
  });
};

Socket.prototype._read = function _read() {
  // Bytes arrive by themselves (the handle is always reading).
};

Socket.prototype.end = function end(data, encoding, cb) {
  stream.Duplex.prototype.end.call(this, data, encoding, cb);
  return this;
};

Socket.prototype.destroySoon = function destroySoon() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype.resetAndDestroy = function () {
  return this.destroy();
};

// Mirrors Socket.prototype._destroy: the handle closes, and 'close' (with hadError) is emitted
// by the close callback, in the close phase.
Socket.prototype._destroy = function _destroy(exception, cb) {
  if (this._timer) { clearTimeout(this._timer); this._timer = null; }
  this.connecting = false;
  if (this._handle) {
    const isException = !!exception;
    this._peername = this._peername || safePeer(this);
    this._sockname = this._sockname || safeSock(this);
    this._handle.close(() => {
      this.emit('close', isException);
    });
    this._handle.owner = null;
    this._handle = null;
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(() => this.emit('close', !!exception));
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

function safePeer(s) { return s._handle ? s._handle.getpeername() : {}; }
function safeSock(s) { return s._handle ? s._handle.getsockname() : {}; }

Socket.prototype._getpeername = function () {
  if (!this._peername || this._peername.port === undefined) {
    if (!this._handle) return this._peername || {};
    this._peername = this._handle.getpeername();
  }
  return this._peername;
};

Socket.prototype._getsockname = function () {
  if (!this._handle) return this._sockname || {};
  if (!this._sockname || this._sockname.port === undefined) this._sockname = this._handle.getsockname();
  return this._sockname;
};

Socket.prototype.address = function address() { return this._getsockname(); };

Socket.prototype.setEncoding = function setEncoding(enc) {
  return stream.Readable.prototype.setEncoding.call(this, enc);
};

Socket.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this._timer) { clearTimeout(this._timer); this._timer = null; }
  this.timeout = msecs;
  if (msecs === 0) {
    if (callback) this.removeListener('timeout', callback);
  } else {
    const self = this;
    this._timer = globalThis.setTimeout(function onTimeout() { self._timer = null; self.emit('timeout'); }, msecs);
    this._timer.unref();
    if (callback) this.once('timeout', callback);
  }
  return this;
};

Socket.prototype.setNoDelay = function () { return this; };
Socket.prototype.setKeepAlive = function () { return this; };

Socket.prototype.ref = function ref() {
  if (!this._handle) { this.once('connect', this.ref); return this; }
  this._handle.ref();
  return this;
};

Socket.prototype.unref = function unref() {
  if (!this._handle) { this.once('connect', this.unref); return this; }
  this._handle.unref();
  return this;
};

Object.defineProperties(Socket.prototype, {
  pending: { get() { return !this._handle || this.connecting; }, configurable: true },
  readyState: {
    get() {
      if (this.connecting) return 'opening';
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    },
    configurable: true,
  },
  bufferSize: { get() { return this._handle ? this.writableLength : undefined; }, configurable: true },
  bytesWritten: { get() { return this._bytesDispatched; }, configurable: true },
  remoteAddress: { get() { return this._getpeername().address; }, configurable: true },
  remoteFamily: { get() { return this._getpeername().family; }, configurable: true },
  remotePort: { get() { return this._getpeername().port; }, configurable: true },
  localAddress: { get() { return this._getsockname().address; }, configurable: true },
  localPort: { get() { return this._getsockname().port; }, configurable: true },
  localFamily: { get() { return this._getsockname().family; }, configurable: true },
  timeout: { value: 0, writable: true, configurable: true },
});

// ---- Server

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EE.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
  } else if (options == null || typeof options !== 'object') {
    options = {};
  }
  if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  this._connections = 0;
  this._handle = null;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = !!options.pauseOnConnect;
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this._pendingClose = false;
  this.maxConnections = undefined;
}
Object.setPrototypeOf(Server.prototype, EE.prototype);
Object.setPrototypeOf(Server, EE);

Server.prototype.listen = function listen(...args) {
  let cb;
  if (typeof args[args.length - 1] === 'function') cb = args.pop();
  let port = 0;
  let host;
  let backlog;
  if (args[0] !== null && typeof args[0] === 'object') {
    port = args[0].port === undefined ? 0 : args[0].port;
    host = args[0].host;
    backlog = args[0].backlog;
    if (args[0].path) throw codedError(Error, 'ERR_NOT_SUPPORTED', 'Unix domain sockets are not simulated');
  } else {
    if (args[0] !== undefined && args[0] !== null) port = args[0];
    if (typeof args[1] === 'string') { host = args[1]; backlog = args[2]; } else backlog = args[1];
  }
  void backlog;
  port = validatePort(port, 'options.port');
  if (this._handle) throw codedError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
  if (cb) this.once('listening', cb);
  const exclusive = args[0] !== null && typeof args[0] === 'object' && !!args[0].exclusive;
  if (host === undefined || host === null || host === '') {
    listenInCluster(this, null, port, 4, exclusive);
  } else if (isIP(host)) {
    // Mirrors lookupAndListen: dns.lookup answers an address itself, on process.nextTick.
    process.nextTick(listenInCluster, this, host, port, isIP(host), exclusive);
  } else {
    // Mirrors lookupAndListen: a host name is resolved first (through the pool).
    const self = this;
    lookup(host, {}, (err, ip) => {
      if (err) { self.emit('error', err); return; }
      listenInCluster(self, ip, port, isIP(ip), exclusive);
    });
  }
  return this;
};

let cluster = null;
const errnoCodes = { [-98]: 'EADDRINUSE', [-13]: 'EACCES' };

// Mirrors listenInCluster in lib/net.js: in a cluster worker the primary listens and the
// worker gets a handle that stands for the shared socket (lib/cluster.js).
function listenInCluster(server, address, port, addressType, exclusive) {
  if (cluster === null) cluster = require('cluster');
  if (cluster.isPrimary || exclusive) {
    setupListenHandle(server, address === null ? '::' : address, port);
    return;
  }
  cluster._getServer(server, { address, port, addressType, fd: undefined, flags: 0 }, (err, handle) => {
    if (err) {
      // Mirrors exceptionWithHostPort: no description after the code, unlike uvException.
      const code = errnoCodes[err] || 'EADDRINUSE';
      const ex = new Error(`bind ${code} ${address}${port > 0 ? ':' + port : ''}`);
      Object.assign(ex, { errno: err, code, syscall: 'bind', address });
      if (port > 0) ex.port = port;
      server.emit('error', ex);
      return;
    }
    setupListenHandle(server, address, port, handle);
  });
}

function setupListenHandle(server, address, port, primaryHandle) {
  const handle = primaryHandle || binding.newHandle();
  const err = primaryHandle ? '' : handle.listen(address, port);
  if (err) {
    handle.close();
    process.nextTick(emitErrorNT, server, uvException(err, 'listen', address, port));
    return;
  }
  server._handle = handle;
  handle.owner = server;
  handle.onevent = onHandleEvent;
  if (server._unref) handle.unref();
  process.nextTick(emitListeningNT, server);
}

function emitErrorNT(self, err) { self.emit('error', err); }

function emitListeningNT(self) {
  if (self._handle) self.emit('listening');
}

// Mirrors onconnection in lib/net.js.
function onConnection(server, clientHandle) {
  if (server.maxConnections && server._connections >= server.maxConnections) {
    clientHandle.close();
    return;
  }
  const socket = new Socket({
    handle: clientHandle,
    allowHalfOpen: server.allowHalfOpen,
    pauseOnCreate: server.pauseOnConnect,
    readable: true,
    writable: true,
  });
  socket._readableState.sync = false;
  server._connections++;
  socket.server = server;
  socket._server = server;
  server.emit('connection', socket);
}

Server.prototype.address = function address() {
  if (this._handle) return this._handle.getsockname();
  return null;
};

Server.prototype.close = function close(cb) {
  if (typeof cb === 'function') {
    if (!this._handle) {
      this.once('close', function close() {
        cb(codedError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'));
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this._handle) {
    this._handle.close();
    this._handle = null;
  }
  this._emitCloseIfDrained();
  return this;
};

Server.prototype._emitCloseIfDrained = function _emitCloseIfDrained() {
  if (this._handle || this._connections) return;
  process.nextTick(emitCloseNT, this);
};

function emitCloseNT(self) { self.emit('close'); }

Server.prototype.getConnections = function getConnections(cb) {
  const n = this._connections;
  process.nextTick(cb, null, n);
  return this;
};

Server.prototype.ref = function ref() {
  this._unref = false;
  if (this._handle) this._handle.ref();
  return this;
};

Server.prototype.unref = function unref() {
  this._unref = true;
  if (this._handle) this._handle.unref();
  return this;
};

Object.defineProperty(Server.prototype, 'listening', {
  get() { return !!this._handle; },
  configurable: true,
  enumerable: true,
});

// ---- module functions

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  let options = {};
  if (args[0] !== null && typeof args[0] === 'object') options = args[0];
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(...args);
}

let autoSelectFamily = true;

module.exports = {
  Server,
  Socket,
  Stream: Socket,
  createServer,
  connect,
  createConnection: connect,
  isIP,
  isIPv4,
  isIPv6,
  getDefaultAutoSelectFamily() { return autoSelectFamily; },
  setDefaultAutoSelectFamily(v) { autoSelectFamily = !!v; },
  getDefaultAutoSelectFamilyAttemptTimeout() { return 250; },
  setDefaultAutoSelectFamilyAttemptTimeout() {},
};
