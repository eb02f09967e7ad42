'use strict';
// stream: Readable, Writable, Duplex, Transform and PassThrough as Node.js 20 behaves
// (lib/internal/streams/*.js), written for Looplab. What is kept is the timing a lesson can
// see: 'data' straight from push() when flowing, 'readable' and 'end' on process.nextTick,
// write callbacks on process.nextTick after a synchronous write, 'finish' after _final, and
// autoDestroy with 'close' after both sides are done. Backpressure is simple (highWaterMark
// counts bytes or objects; 'drain' after a write returned false). Not here: async iteration,
// Readable.from, stream/promises, compose, web streams.

const EE = require('events');
const bytes = internalBinding('stream_bytes');

// Buffer comes from the buffer module; while it is missing, a Uint8Array that knows how to
// print itself stands in, so that sockets still carry bytes.
let BufferImpl;
function B() {
  if (BufferImpl === undefined) {
    let real;
    try { real = require('buffer').Buffer; } catch (e) { real = undefined; }
    if (typeof real === 'function' && typeof real.from === 'function') {
      BufferImpl = real;
    } else {
      class LoopBytes extends Uint8Array {
        toString(enc, start, end) {
          const view = start !== undefined || end !== undefined ? this.subarray(start || 0, end === undefined ? this.length : end) : this;
          return bytes.decode(view, enc || 'utf8');
        }
        static from(v, enc, len) {
          if (typeof v === 'string') return new LoopBytes(bytes.encode(v, enc || 'utf8'));
          if (v instanceof ArrayBuffer) return new LoopBytes(v, enc || 0, len === undefined ? v.byteLength - (enc || 0) : len);
          return new LoopBytes(v);
        }
        static isBuffer(v) { return v instanceof LoopBytes; }
        static byteLength(s, enc) { return typeof s === 'string' ? bytes.byteLength(s, enc || 'utf8') : s.byteLength; }
        static concat(list, total) {
          if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
          const out = new LoopBytes(total);
          let at = 0;
          for (const b of list) { out.set(b.subarray(0, Math.min(b.length, total - at)), at); at += b.length; if (at >= total) break; }
          return out;
        }
        static alloc(n) { return new LoopBytes(n); }
      }
      BufferImpl = LoopBytes;
    }
  }
  return BufferImpl;
}

function toBuffer(chunk, encoding) {
  const Buf = B();
  if (typeof chunk === 'string') return Buf.from(chunk, encoding || 'utf8');
  if (chunk instanceof ArrayBuffer) return Buf.from(chunk);
  if (Buf.isBuffer(chunk)) return chunk;
  if (ArrayBuffer.isView(chunk)) return Buf.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return chunk;
}

const { codedError, messages } = require('internal/errors');

function invalidChunk(chunk) {
  const what = chunk === null ? 'null' : chunk === undefined ? 'undefined' : 'type ' + typeof chunk + ' (' + String(chunk) + ')';
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' + what);
}

function chunkLength(state, chunk) {
  return state.objectMode ? 1 : chunk.length;
}

// ---- Stream: the legacy base with pipe().

function Stream(opts) {
  EE.call(this, opts);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);

// ---- Readable

function ReadableState(options, isDuplex) {
  options = options || {};
  this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
  this.highWaterMark = options.readableHighWaterMark !== undefined && isDuplex ? options.readableHighWaterMark
    : options.highWaterMark !== undefined ? options.highWaterMark : this.objectMode ? 16 : 16384;
  this.buffer = [];
  this.length = 0;
  this.pipes = [];
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.constructed = true;
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this.errorEmitted = false;
  this.emitClose = options.emitClose !== false;
  this.autoDestroy = options.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.defaultEncoding = options.defaultEncoding || 'utf8';
  this.decoder = null;
  this.encoding = null;
  this.dataEmitted = false;
  if (options.encoding) {
    this.decoder = bytes.decoder(options.encoding);
    this.encoding = options.encoding;
  }
}

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  const isDuplex = this instanceof Duplex;
  this._readableState = new ReadableState(options, isDuplex);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
  }
  Stream.call(this, options);
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

Readable.prototype.push = function push(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, true);
};

function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) chunk = toBuffer(chunk, encoding);
    } else if (chunk instanceof Uint8Array || chunk instanceof ArrayBuffer) {
      chunk = toBuffer(chunk);
    } else if (chunk !== undefined) {
      errorOrDestroy(stream, invalidChunk(chunk));
      return false;
    }
  }
  if (chunk === undefined || (!state.objectMode && chunk.length === 0)) {
    state.reading = false;
    maybeReadMore(stream, state);
    return !state.ended && state.length < state.highWaterMark;
  }
  if (addToFront) {
    if (state.endEmitted) {
      errorOrDestroy(stream, codedError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'));
      return false;
    }
    addChunk(stream, state, decodeChunk(state, chunk), true);
  } else if (state.ended) {
    errorOrDestroy(stream, codedError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
    return false;
  } else if (state.destroyed || state.errored) {
    return false;
  } else {
    state.reading = false;
    chunk = decodeChunk(state, chunk);
    if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
    else maybeReadMore(stream, state);
  }
  return !state.ended && state.length < state.highWaterMark;
}

function decodeChunk(state, chunk) {
  if (state.decoder && !state.objectMode && typeof chunk !== 'string') return state.decoder.write(chunk);
  return chunk;
}

// Mirrors addChunk in lib/internal/streams/readable.js.
function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += chunkLength(state, chunk);
    if (addToFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

Readable.prototype.isPaused = function isPaused() {
  const state = this._readableState;
  return state.paused === true || state.flowing === false;
};

Readable.prototype.setEncoding = function setEncoding(enc) {
  const state = this._readableState;
  state.decoder = bytes.decoder(enc);
  state.encoding = enc;
  let content = '';
  for (const chunk of state.buffer) content += typeof chunk === 'string' ? chunk : state.decoder.write(chunk);
  state.buffer = content ? [content] : [];
  state.length = content.length;
  return this;
};

function takeChunk(state, n) {
  // Flowing mode reads one chunk at a time; read() with no size takes everything.
  if (state.buffer.length === 0) return null;
  if (state.objectMode) return state.buffer.shift();
  if (n === undefined || state.flowing || state.buffer.length === 1 && n >= state.buffer[0].length) {
    if (state.flowing || n !== undefined) return state.buffer.shift();
    if (state.buffer.length === 1) return state.buffer.shift();
    const all = state.decoder ? state.buffer.join('') : B().concat(state.buffer, state.length);
    state.buffer = [];
    return all;
  }
  const joined = state.decoder ? state.buffer.join('') : B().concat(state.buffer, state.length);
  const out = joined.slice(0, n);
  const rest = joined.slice(n);
  state.buffer = rest.length ? [rest] : [];
  return out;
}

// A simplified read(n) of lib/internal/streams/readable.js.
Readable.prototype.read = function read(n) {
  const state = this._readableState;
  if (n !== undefined && typeof n !== 'number') n = parseInt(n, 10);
  const nOrig = n;
  if (n !== 0) state.emittedReadable = false;
  if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }
  if (n === undefined || Number.isNaN(n)) n = undefined;
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }
  let doRead = state.needReadable;
  if (state.length === 0 || (n !== undefined && state.length - n < state.highWaterMark)) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored) doRead = false;
  if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
  }
  let ret = null;
  if (n !== 0 && state.length > 0 && (n === undefined || state.objectMode || n <= state.length || state.ended)) {
    ret = takeChunk(state, state.objectMode ? undefined : n);
  }
  if (ret === null) {
    state.needReadable = state.length <= state.highWaterMark;
  } else {
    state.length -= chunkLength(state, ret);
  }
  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    if (nOrig !== n && state.ended) endReadable(this);
  }
  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', ret);
  }
  if (state.ended && state.length === 0) endReadable(this);
  return ret;
};

Readable.prototype._read = function _read() {
  throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
};

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const rest = state.decoder.end();
    if (rest && rest.length) {
      state.buffer.push(rest);
      state.length += state.objectMode ? 1 : rest.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadable_(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    process.nextTick(emitReadable_, stream);
  }
}

function emitReadable_(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    process.nextTick(maybeReadMore_, stream, state);
  }
}

function maybeReadMore_(stream, state) {
  while (!state.reading && !state.ended &&
         (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break;
  }
  state.readingMore = false;
}

Readable.prototype.on = function on(ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;
  if (ev === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) this.resume();
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) process.nextTick((self) => self.read(0), this);
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(ev, fn) {
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') process.nextTick(updateReadableListening, this);
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

function updateReadableListening(self) {
  const state = self._readableState;
  state.readableListening = self.listenerCount('readable') > 0;
  if (state.resumeScheduled && state.paused === false) state.flowing = true;
  else if (self.listenerCount('data') > 0) self.resume();
  else if (!state.readableListening) state.flowing = null;
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      process.nextTick(resume_, this, state);
    }
  }
  state.paused = false;
  return this;
};

function resume_(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state.paused = true;
  return this;
};

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    process.nextTick(endReadableNT, state, stream);
  }
}

// Mirrors endReadableNT: 'end', then a Duplex without allowHalfOpen ends its writable side,
// or autoDestroy destroys a stream whose writable side is done too.
function endReadableNT(state, stream) {
  if (!state.errorEmitted && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    const wState = stream._writableState;
    if (wState && stream.writable && stream.allowHalfOpen === false) {
      process.nextTick(endWritableNT, stream);
    } else if (state.autoDestroy) {
      const autoDestroy = !wState || (wState.autoDestroy && (wState.finished || wState.writable === false));
      if (autoDestroy) stream.destroy();
    }
  }
}

function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

// A simplified Readable.prototype.pipe: 'data' written to dest, paused while dest needs to
// drain, dest.end() at 'end' unless { end: false }.
Readable.prototype.pipe = function pipe(dest, options) {
  const src = this;
  const state = this._readableState;
  state.pipes.push(dest);
  const doEnd = (!options || options.end !== false) && dest !== process.stdout && dest !== process.stderr;
  let awaitDrain = false;
  function ondata(chunk) {
    const ret = dest.write(chunk);
    if (ret === false && !awaitDrain) {
      awaitDrain = true;
      src.pause();
    }
  }
  function ondrain() {
    if (awaitDrain) {
      awaitDrain = false;
      src.resume();
    }
  }
  function onend() { if (doEnd) dest.end(); }
  function cleanup() {
    src.removeListener('data', ondata);
    src.removeListener('end', onend);
    if (typeof dest.removeListener === 'function') dest.removeListener('drain', ondrain);
  }
  src.on('data', ondata);
  src.once('end', onend);
  if (typeof dest.on === 'function') {
    dest.on('drain', ondrain);
    dest.once('close', cleanup);
    dest.once('finish', cleanup);
    dest.emit('pipe', src);
  }
  src._pipeCleanup = src._pipeCleanup || [];
  src._pipeCleanup.push([dest, cleanup]);
  if (!state.flowing) src.resume();
  return dest;
};

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  const list = this._pipeCleanup || [];
  for (const [d, cleanup] of list.slice()) {
    if (dest === undefined || d === dest) {
      cleanup();
      list.splice(list.indexOf(list.find((e) => e[0] === d)), 1);
      state.pipes.splice(state.pipes.indexOf(d), 1);
      if (typeof d.emit === 'function') d.emit('unpipe', this);
    }
  }
  if (state.pipes.length === 0) this.pause();
  return this;
};

Readable.prototype.wrap = function wrap() { return this; };

Object.defineProperties(Readable.prototype, {
  readable: {
    get() {
      const r = this._readableState;
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    },
    set(v) { if (this._readableState) this._readableState.readable = !!v; },
    configurable: true,
  },
  readableEnded: { get() { return this._readableState ? this._readableState.endEmitted : false; }, configurable: true },
  readableFlowing: {
    get() { return this._readableState.flowing; },
    set(v) { if (this._readableState) this._readableState.flowing = v; },
    configurable: true,
  },
  readableLength: { get() { return this._readableState.length; }, configurable: true },
  readableHighWaterMark: { get() { return this._readableState.highWaterMark; }, configurable: true },
  readableEncoding: { get() { return this._readableState ? this._readableState.encoding : null; }, configurable: true },
  readableObjectMode: { get() { return this._readableState ? this._readableState.objectMode : false; }, configurable: true },
  readableAborted: {
    get() { const r = this._readableState; return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted); },
    configurable: true,
  },
  readableDidRead: { get() { return this._readableState.dataEmitted; }, configurable: true },
  destroyed: {
    get() { return this._readableState ? this._readableState.destroyed : this._writableState ? this._writableState.destroyed : false; },
    set(v) {
      if (this._readableState) this._readableState.destroyed = v;
      if (this._writableState) this._writableState.destroyed = v;
    },
    configurable: true,
  },
  closed: { get() { const s = this._readableState || this._writableState; return s ? s.closed : false; }, configurable: true },
  errored: { get() { const s = this._readableState || this._writableState; return s ? s.errored : null; }, configurable: true },
});

// ---- Writable

function WritableState(options, isDuplex) {
  options = options || {};
  this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
  this.highWaterMark = options.writableHighWaterMark !== undefined && isDuplex ? options.writableHighWaterMark
    : options.highWaterMark !== undefined ? options.highWaterMark : this.objectMode ? 16 : 16384;
  this.finalCalled = false;
  this.needDrain = false;
  this.ending = false;
  this.ended = false;
  this.finished = false;
  this.destroyed = false;
  this.decodeStrings = options.decodeStrings !== false;
  this.defaultEncoding = options.defaultEncoding || 'utf8';
  this.length = 0;
  this.writing = false;
  this.corked = 0;
  this.sync = true;
  this.bufferProcessing = false;
  this.writecb = null;
  this.writelen = 0;
  this.buffered = [];
  this.pendingcb = 0;
  this.constructed = true;
  this.prefinished = false;
  this.errorEmitted = false;
  this.emitClose = options.emitClose !== false;
  this.autoDestroy = options.autoDestroy !== false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.afterWriteTickInfo = null;
  this.onfinishCallbacks = [];
}

function initWritable(stream, options, isDuplex) {
  stream._writableState = new WritableState(options, isDuplex);
  if (options) {
    if (typeof options.write === 'function') stream._write = options.write;
    if (typeof options.writev === 'function') stream._writev = options.writev;
    if (typeof options.destroy === 'function') stream._destroy = options.destroy;
    if (typeof options.final === 'function') stream._final = options.final;
  }
}

function Writable(options) {
  if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(options);
  initWritable(this, options, false);
  Stream.call(this, options);
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);

Object.defineProperty(Writable, Symbol.hasInstance, {
  value(object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return !!(object && object._writableState);
  },
});

Writable.prototype.write = function write(chunk, encoding, cb) {
  return writeOrBuffer(this, chunk, encoding, cb);
};

function writeOrBuffer(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = state.defaultEncoding;
  } else {
    if (!encoding) encoding = state.defaultEncoding;
    if (typeof cb !== 'function') cb = nop;
  }
  if (chunk === null) throw codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings !== false) {
        chunk = toBuffer(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (chunk instanceof Uint8Array) {
      chunk = toBuffer(chunk);
      encoding = 'buffer';
    } else {
      throw invalidChunk(chunk);
    }
  }
  let err;
  if (state.ending) err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', messages.ERR_STREAM_WRITE_AFTER_END);
  else if (state.destroyed) err = codedError(Error, 'ERR_STREAM_DESTROYED', messages.ERR_STREAM_DESTROYED('write'));
  if (err) {
    process.nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  const ret = state.length < state.highWaterMark;
  if (!ret) state.needDrain = true;
  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback: cb });
  } else {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite || (state.onwrite = onwrite.bind(undefined, stream)));
    state.sync = false;
  }
  return ret && !state.errored && !state.destroyed;
}

function nop() {}

// Mirrors onwrite: a synchronous completion defers the callback to process.nextTick.
function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;
  if (er) {
    if (!state.errored) state.errored = er;
    if (sync) process.nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
    return;
  }
  if (state.buffered.length > 0) clearBuffer(stream, state);
  if (sync) {
    if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
      state.afterWriteTickInfo.count++;
    } else {
      state.afterWriteTickInfo = { count: 1, cb, stream, state };
      process.nextTick(afterWriteTick, state.afterWriteTickInfo);
    }
  } else {
    afterWrite(stream, state, 1, cb);
  }
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

function errorBuffer(state) {
  for (const { callback } of state.buffered.splice(0)) {
    state.length -= 1;
    callback(codedError(Error, 'ERR_STREAM_DESTROYED', messages.ERR_STREAM_DESTROYED('write')));
  }
}

function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}

function afterWrite(stream, state, count, cb) {
  const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) errorBuffer(state);
  finishMaybe(stream, state);
}

function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
  state.bufferProcessing = true;
  while (state.buffered.length > 0 && !state.writing && !state.corked) {
    const { chunk, encoding, callback } = state.buffered.shift();
    state.writelen = state.objectMode ? 1 : chunk.length;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite || (state.onwrite = onwrite.bind(undefined, stream)));
    state.sync = false;
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb);
  else throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
};

Writable.prototype.cork = function cork() { this._writableState.corked++; };

Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  this._writableState.defaultEncoding = String(encoding).toLowerCase();
  return this;
};

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  let err;
  if (chunk !== null && chunk !== undefined) {
    const ret = writeOrBuffer(this, chunk, encoding, nop);
    if (ret instanceof Error) err = ret;
  }
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }
  if (err) {
    // the write failed: nothing more
  } else if (!state.errored && !state.ending) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = codedError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished');
  } else if (state.destroyed) {
    err = codedError(Error, 'ERR_STREAM_DESTROYED', messages.ERR_STREAM_DESTROYED('end'));
  }
  if (typeof cb === 'function') {
    if (err || state.finished) process.nextTick(cb, err);
    else state.onfinishCallbacks.push(cb);
  }
  return this;
};

function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 &&
    !state.errored && state.buffered.length === 0 && !state.finished && !state.writing &&
    !state.errorEmitted && !state.closeEmitted;
}

function callFinal(stream, state) {
  let called = false;
  function onFinish(err) {
    if (called) return;
    called = true;
    state.pendingcb--;
    if (err) {
      for (const cb of state.onfinishCallbacks.splice(0)) cb(err);
      errorOrDestroy(stream, err, state.sync);
    } else if (needFinish(state)) {
      state.prefinished = true;
      stream.emit('prefinish');
      state.pendingcb++;
      process.nextTick(finish, stream, state);
    }
  }
  state.sync = true;
  state.pendingcb++;
  try {
    stream._final(onFinish);
  } catch (err) {
    onFinish(err);
  }
  state.sync = false;
}

function prefinish(stream, state) {
  if (!state.prefinished && !state.finalCalled) {
    if (typeof stream._final === 'function' && !state.destroyed) {
      state.finalCalled = true;
      callFinal(stream, state);
    } else {
      state.prefinished = true;
      stream.emit('prefinish');
    }
  }
}

function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        process.nextTick((s, st) => {
          if (needFinish(st)) finish(s, st);
          else st.pendingcb--;
        }, stream, state);
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  for (const cb of state.onfinishCallbacks.splice(0)) cb(null);
  stream.emit('finish');
  if (state.autoDestroy) {
    const rState = stream._readableState;
    const autoDestroy = !rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false));
    if (autoDestroy) stream.destroy();
  }
}

Object.defineProperties(Writable.prototype, {
  writable: {
    get() {
      const w = this._writableState;
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    },
    set(v) { if (this._writableState) this._writableState.writable = !!v; },
    configurable: true,
  },
  writableEnded: { get() { return this._writableState ? this._writableState.ending : false; }, configurable: true },
  writableFinished: { get() { return this._writableState ? this._writableState.finished : false; }, configurable: true },
  writableLength: { get() { return this._writableState && this._writableState.length; }, configurable: true },
  writableHighWaterMark: { get() { return this._writableState && this._writableState.highWaterMark; }, configurable: true },
  writableCorked: { get() { return this._writableState ? this._writableState.corked : 0; }, configurable: true },
  writableNeedDrain: {
    get() { const w = this._writableState; return !!w && !w.destroyed && !w.ending && w.needDrain; },
    configurable: true,
  },
  writableObjectMode: { get() { return this._writableState ? this._writableState.objectMode : false; }, configurable: true },
});

// ---- destroy, shared by Readable and Writable (lib/internal/streams/destroy.js)

function destroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }
  if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  const self = this;
  let called = false;
  function onDestroy(err2) {
    if (called) return;
    called = true;
    if (err2) {
      if (w && !w.errored) w.errored = err2;
      if (r && !r.errored) r.errored = err2;
    }
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(err2);
    if (err2) process.nextTick(emitErrorCloseNT, self, err2);
    else process.nextTick(emitCloseNT, self);
  }
  try {
    this._destroy(err || null, onDestroy);
  } catch (e) {
    onDestroy(e);
  }
  void s;
  return this;
}

function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err);
  emitCloseNT(self);
}

function emitCloseNT(self) {
  const r = self._readableState;
  const w = self._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
}

function emitErrorNT(self, err) {
  const r = self._readableState;
  const w = self._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}

function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) return;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
    stream.destroy(err);
  } else if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
    if (sync) process.nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}

function defaultDestroy(err, cb) { cb(err); }

Readable.prototype.destroy = destroy;
Readable.prototype._destroy = defaultDestroy;
Readable.prototype._undestroy = function () {};
Writable.prototype.destroy = destroy;
Writable.prototype._destroy = defaultDestroy;

// ---- Duplex: a Readable that also has Writable's methods (as lib/internal/streams/duplex.js).

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  initWritable(this, options, true);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const key of Object.getOwnPropertyNames(Writable.prototype)) {
  if (key === 'constructor' || key === 'destroy' || key === '_destroy') continue;
  if (!Object.prototype.hasOwnProperty.call(Duplex.prototype, key)) {
    Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
  }
}

// ---- Transform and PassThrough

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  this._readableState.sync = false;
  this._callback = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

Transform.prototype._final = function _final(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) { cb(er); return; }
      if (data != null) this.push(data);
      this.push(null);
      cb();
    });
  } else {
    this.push(null);
    cb();
  }
};

Transform.prototype._write = function _write(chunk, encoding, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const length = rState.length;
  this._transform(chunk, encoding, (err, val) => {
    if (err) { callback(err); return; }
    if (val != null) this.push(val);
    if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
    else this._callback = callback;
  });
};

Transform.prototype._read = function _read() {
  if (this._callback) {
    const cb = this._callback;
    this._callback = null;
    cb();
  }
};

Transform.prototype._transform = function () {
  throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype._transform = function (chunk, encoding, cb) { cb(null, chunk); };

// ---- finished and pipeline, simplified

function finished(stream, opts, callback) {
  if (typeof opts === 'function') { callback = opts; opts = {}; }
  let done = false;
  const call = (err) => {
    if (done) return;
    done = true;
    cleanup();
    callback.call(stream, err);
  };
  const onerror = (err) => call(err);
  const onclose = () => {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((r && r.readable !== false && !r.endEmitted) || (w && w.writable !== false && !w.finished)) {
      call(codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'));
    } else {
      call();
    }
  };
  const onend = () => { if (!stream._writableState || stream._writableState.finished || stream._writableState.writable === false) call(); };
  const onfinish = () => { if (!stream._readableState || stream._readableState.endEmitted || stream._readableState.readable === false) call(); };
  stream.on('error', onerror);
  stream.on('close', onclose);
  stream.on('end', onend);
  stream.on('finish', onfinish);
  function cleanup() {
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
    stream.removeListener('end', onend);
    stream.removeListener('finish', onfinish);
  }
  return cleanup;
}

function pipeline(...streams) {
  const callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : nop;
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  let error;
  let remaining = streams.length;
  const done = (err) => {
    if (err && !error) {
      error = err;
      for (const s of streams) if (typeof s.destroy === 'function' && !s.destroyed) s.destroy();
    }
    if (--remaining === 0 || err) {
      const cb = callback;
      callback === nop || process.nextTick(() => cb(error));
      remaining = -Infinity;
    }
  };
  for (let i = 0; i < streams.length; i++) {
    finished(streams[i], done);
    if (i + 1 < streams.length) streams[i].pipe(streams[i + 1]);
  }
  return streams[streams.length - 1];
}

Stream.prototype.pipe = function pipe(dest, options) {
  return Readable.prototype.pipe.call(this, dest, options);
};

module.exports = Stream;
Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.finished = finished;
Stream.pipeline = pipeline;
Stream.destroy = (stream, err) => stream.destroy(err);
Stream.isReadable = (s) => !!(s && s.readable);
Stream.isErrored = (s) => !!(s && s.errored);
// For net and http: bytes that work with or without the buffer module.
Object.defineProperty(Stream, '_looplab', { value: { toBuffer, Buffer: B, bytes }, enumerable: false });
