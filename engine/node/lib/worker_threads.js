'use strict';
// Mirrors lib/worker_threads.js, lib/internal/worker.js and lib/internal/worker/io.js. Threads,
// ports and message delivery live in Go (engine/node/host_worker_threads.go); this file holds
// the classes and the listener bookkeeping that refs and unrefs ports.

const EventEmitter = require('events');
const binding = internalBinding('worker_threads');
const kHandle = binding.kHandle;

const { codedError, nodeError, determineSpecificType, inspectDefault } = require('internal/errors');

function describe(v) {
  return determineSpecificType(v, inspectDefault);
}

// MessagePort mirrors lib/internal/worker/io.js: a port starts unref'd; its first 'message'
// listener refs and starts it, removing the last one unrefs it (setupPortReferencing).
class MessagePort extends EventEmitter {
  constructor() {
    throw new TypeError('Illegal constructor');
  }
  postMessage(value, transferList) {
    if (arguments.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
    binding.post(this, value, transferList);
  }
  start() { binding.portStart(this); }
  close() { binding.portClose(this); }
  ref() { binding.portRef(this, true); return this; }
  unref() { binding.portRef(this, false); return this; }
  hasRef() { return binding.portHasRef(this); }
}

function newPort() {
  const port = Object.create(MessagePort.prototype);
  EventEmitter.call(port);
  setupPortReferencing(port);
  return port;
}

function setupPortReferencing(port) {
  port.on('newListener', (name) => {
    if (name === 'message' && port.listenerCount('message') === 0) {
      binding.portRef(port, true);
      binding.portStart(port);
    }
  });
  port.on('removeListener', (name) => {
    if (name === 'message' && port.listenerCount('message') === 0) binding.portRef(port, false);
  });
}

class MessageChannel {
  constructor() {
    const [port1, port2] = binding.newChannel();
    this.port1 = port1;
    this.port2 = port2;
  }
}

function emit(target, name, value) {
  if (arguments.length > 2) target.emit(name, value);
  else target.emit(name);
}

function onExit(worker, code) {
  worker[kExited] = true;
  worker.emit('exit', code);
  worker.removeAllListeners();
}

const kExited = Symbol('kExited');

binding.setup(newPort, emit, onExit);

function workerPath(filename) {
  if (filename !== null && typeof filename === 'object' && typeof filename.href === 'string') {
    if (filename.protocol !== 'file:') {
      throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    }
    return decodeURIComponent(filename.pathname);
  }
  if (typeof filename !== 'string') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "filename" argument must be of type string or an instance of URL. Received ${describe(filename)}`);
  }
  if (filename.startsWith('file://')) return decodeURIComponent(filename.slice(7));
  if (filename.startsWith('/')) return filename;
  if (filename.startsWith('./') || filename.startsWith('../')) {
    const cwd = process.cwd();
    const parts = (cwd + '/' + filename).split('/');
    const out = [];
    for (const p of parts) {
      if (p === '' || p === '.') continue;
      if (p === '..') out.pop();
      else out.push(p);
    }
    return '/' + out.join('/');
  }
  throw nodeError(TypeError, 'ERR_WORKER_PATH',
    'The worker script or module filename must be an absolute path or a relative path starting with \'./\' or \'../\'.' +
    ` Received "${filename}"`);
}

// Worker mirrors lib/internal/worker.js.
class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (options === null || typeof options !== 'object') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "options" argument must be of type object. Received ${describe(options)}`);
    }
    let target;
    if (options.eval) {
      if (typeof filename !== 'string') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'filename\' must be a string when \'eval\' is true.');
      }
      target = filename;
    } else {
      target = workerPath(filename);
    }
    const { threadId } = binding.spawn(this, target, options);
    this[kExited] = false;
    Object.defineProperty(this, 'threadId', { value: threadId, enumerable: true, configurable: true });
    this.resourceLimits = Object.assign({ maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 2048, codeRangeSizeMb: 0, stackSizeMb: 4 },
      options.resourceLimits || {});
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
  }
  postMessage(value, transferList) {
    if (arguments.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
    if (this[kExited]) return;
    binding.post(this, value, transferList);
  }
  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
        'DeprecationWarning', 'DEP0132');
      this.once('exit', (code) => callback(null, code));
    }
    if (this[kExited]) return Promise.resolve();
    binding.terminate(this);
    return new Promise((resolve) => this.once('exit', resolve));
  }
  ref() { binding.workerRef(this, true); }
  unref() { binding.workerRef(this, false); }
  hasRef() { return binding.workerHasRef(this); }
  getHeapSnapshot() { return Promise.reject(nodeError(Error, 'ERR_WORKER_NOT_RUNNING', 'Worker instance not running')); }
}

const info = binding.info();
const environmentData = new Map();

module.exports = {
  isMainThread: info.isMainThread,
  MessagePort,
  MessageChannel,
  markAsUntransferable() {},
  isMarkedAsUntransferable() { return false; },
  moveMessagePortToContext(port) { return port; },
  receiveMessageOnPort(port) {
    if (!(port instanceof MessagePort)) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "port" argument must be a MessagePort instance`);
    }
    return binding.receive(port);
  },
  resourceLimits: info.resourceLimits,
  threadId: info.threadId,
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  Worker,
  parentPort: info.parentPort,
  workerData: info.workerData,
  BroadcastChannel: undefined,
  setEnvironmentData(key, value) {
    if (value === undefined) environmentData.delete(key);
    else environmentData.set(key, value);
  },
  getEnvironmentData(key) { return environmentData.get(key); },
};
