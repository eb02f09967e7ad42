'use strict';
// events: EventEmitter as Node.js 20 behaves (lib/events.js), written for Looplab.
// captureRejections is accepted but has no effect; events.on (async iterator) is omitted.

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kErrorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');

const { nodeError, invalidArgTypeMessage, lazyUtilInspect } = require('internal/errors');

const inspect = lazyUtilInspect((value) => fallbackInspect(value));

function fallbackInspect(v) {
  switch (typeof v) {
    case 'string': return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
    case 'bigint': return String(v) + 'n';
    case 'symbol': return v.toString();
    case 'function': return '[Function: ' + (v.name || '(anonymous)') + ']';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return v.length === 0 ? '[]' : '[ ' + v.map(fallbackInspect).join(', ') + ' ]';
      if (v instanceof Error) return v.stack || String(v);
      const keys = Object.keys(v);
      const ctor = v.constructor && v.constructor.name;
      const prefix = ctor && ctor !== 'Object' ? ctor + ' ' : '';
      if (keys.length === 0) return prefix + '{}';
      return prefix + '{ ' + keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : fallbackInspect(k)) + ': ' + fallbackInspect(v[k])).join(', ') + ' }';
    }
    default:
      return Object.is(v, -0) ? '-0' : String(v);
  }
}

function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, 'of type ' + expected, value, inspect));
}

function checkListener(listener) {
  if (typeof listener !== 'function') throw invalidArgType('listener', 'function', listener);
}

function checkNonNegativeNumber(n, name) {
  if (typeof n !== 'number') throw invalidArgType(name, 'number', n);
  if (n < 0 || Number.isNaN(n)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE',
      'The value of "' + name + '" is out of range. It must be >= 0. Received ' + inspect(n));
  }
}

let defaultMaxListeners = 10;

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts && opts.captureRejections !== undefined) {
    if (typeof opts.captureRejections !== 'boolean') {
      throw invalidArgType('options.captureRejections', 'boolean', opts.captureRejections);
    }
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

EventEmitter.prototype[kCapture] = false;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() { return defaultMaxListeners; },
  set(arg) {
    if (typeof arg !== 'number' || arg < 0 || Number.isNaN(arg)) {
      if (typeof arg !== 'number') throw invalidArgType('defaultMaxListeners', 'number', arg);
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE',
        'The value of "defaultMaxListeners" is out of range. It must be >= 0. Received ' + inspect(arg));
    }
    defaultMaxListeners = arg;
  },
});

let captureRejections = false;
Object.defineProperty(EventEmitter, 'captureRejections', {
  enumerable: true,
  get() { return captureRejections; },
  set(value) {
    if (typeof value !== 'boolean') throw invalidArgType('EventEmitter.captureRejections', 'boolean', value);
    captureRejections = value;
    EventEmitter.prototype[kCapture] = value;
  },
});

EventEmitter.errorMonitor = kErrorMonitor;
EventEmitter.captureRejectionSymbol = kRejection;
EventEmitter.usingDomains = false;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.kMaxEventTargetListeners = kMaxEventTargetListeners;
EventEmitter.kMaxEventTargetListenersWarned = kMaxEventTargetListenersWarned;

function getMax(that) {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  checkNonNegativeNumber(n, 'setMaxListeners');
  if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) return this;
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return getMax(this);
};

EventEmitter.prototype.emit = function emit(type, ...args) {
  let doError = type === 'error';
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
    doError = doError && events.error === undefined;
  } else if (!doError) {
    return false;
  }

  if (doError) {
    let er;
    if (args.length > 0) er = args[0];
    if (er instanceof Error) throw er;
    let shown;
    try {
      shown = inspect(er);
    } catch (e) {
      shown = String(er);
    }
    const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + shown + ')');
    err.context = er;
    throw err;
  }

  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    Reflect.apply(handler, this, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) Reflect.apply(listeners[i], this, args);
  }
  return true;
};

function _addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ? listener.listener : listener);
      events = target._events;
    }
    existing = events[type];
  }

  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const m = getMax(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      let name = 'EventEmitter';
      try {
        name = (target.constructor && target.constructor.name) || 'Object';
      } catch (e) { /* keep default */ }
      const w = new Error('Possible EventEmitter memory leak detected. ' + existing.length + ' ' + String(type) +
        ' listeners added to [' + name + ']. MaxListeners is ' + m + '. Use emitter.setMaxListeners() to increase limit');
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      const proc = globalThis.process;
      if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(w);
    }
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
  return _addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return _addListener(this, type, listener, true);
};

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    if (arguments.length === 0) return this.listener.call(this.target);
    return this.listener.apply(this.target, arguments);
  }
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;

  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) {
      events[type] = undefined;
    } else if (this._eventsCount === 0) {
      this._events = Object.create(null);
    } else {
      delete events[type];
    }
    if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
  } else if (typeof list !== 'function') {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;

  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }

  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }

  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((f) => f.listener || f) : l.slice();
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

function listenerCount(type, listener) {
  const events = this._events;
  if (events !== undefined) {
    const l = events[type];
    if (typeof l === 'function') {
      if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
      return 1;
    }
    if (l !== undefined) {
      if (listener != null) {
        let n = 0;
        for (let i = 0; i < l.length; i++) if (l[i] === listener || l[i].listener === listener) n++;
        return n;
      }
      return l.length;
    }
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// eventTargetModule is internal/event_target, loaded only when an EventTarget is met.
function eventTargetModule() {
  return require('internal/event_target');
}

function invalidEmitter(name, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    invalidArgTypeMessage(name, 'an instance of EventEmitter or EventTarget', value, inspect));
}

// Mirrors getEventListeners in lib/events.js.
EventEmitter.getEventListeners = function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listeners === 'function') return emitterOrTarget.listeners(type);
  const { isEventTarget, kEvents } = eventTargetModule();
  if (isEventTarget(emitterOrTarget)) {
    const root = emitterOrTarget[kEvents].get(type);
    const listeners = [];
    let handler = root && root.next;
    while (handler && handler.listener !== undefined) {
      listeners.push(handler.listener && handler.listener.deref ? handler.listener.deref() : handler.listener);
      handler = handler.next;
    }
    return listeners;
  }
  throw invalidEmitter('emitter', emitterOrTarget);
};

// Mirrors getMaxListeners in lib/events.js.
EventEmitter.getMaxListeners = function getMaxListeners(emitterOrTarget) {
  if (emitterOrTarget != null && typeof emitterOrTarget.getMaxListeners === 'function') return getMax(emitterOrTarget);
  if (emitterOrTarget != null && emitterOrTarget[kMaxEventTargetListeners]) return emitterOrTarget[kMaxEventTargetListeners];
  throw invalidEmitter('emitter', emitterOrTarget);
};

// Mirrors EventEmitter.setMaxListeners in lib/events.js.
EventEmitter.setMaxListeners = function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
  checkNonNegativeNumber(n, 'setMaxListeners');
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const target of eventTargets) {
    if (eventTargetModule().isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
      target[kMaxEventTargetListenersWarned] = false;
    } else if (typeof target.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw invalidEmitter('eventTargets', target);
    }
  }
};

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

// Mirrors once in lib/events.js: an async function, so a bad signal rejects.
EventEmitter.once = async function once(emitter, name, options = {}) {
  const signal = options ? options.signal : undefined;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      invalidArgTypeMessage('options.signal', 'an instance of AbortSignal', signal, inspect));
  }
  if (signal && signal.aborted) throw abortError(signal);
  return new Promise((resolve, reject) => {
    const isTarget = typeof emitter.addEventListener === 'function' && typeof emitter.on !== 'function';
    let errorListener;
    let abortListener;
    const resolver = (...args) => {
      if (errorListener !== undefined) emitter.removeListener('error', errorListener);
      if (abortListener !== undefined) signal.removeEventListener('abort', abortListener);
      resolve(isTarget ? [args[0]] : args);
    };
    if (isTarget) {
      emitter.addEventListener(name, resolver, { once: true });
    } else {
      emitter.once(name, resolver);
      if (name !== 'error') {
        errorListener = (err) => {
          emitter.removeListener(name, resolver);
          if (abortListener !== undefined) signal.removeEventListener('abort', abortListener);
          reject(err);
        };
        emitter.once('error', errorListener);
      }
    }
    if (signal) {
      abortListener = () => {
        if (isTarget) emitter.removeEventListener(name, resolver);
        else emitter.removeListener(name, resolver);
        if (errorListener !== undefined) emitter.removeListener('error', errorListener);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', abortListener, { once: true });
    }
  });
};

EventEmitter.addAbortListener = function addAbortListener(signal, listener) {
  checkListener(listener);
  if (signal.aborted) {
    Promise.resolve().then(() => listener());
    return { [Symbol.dispose || Symbol.for('nodejs.dispose')]() {} };
  }
  signal.addEventListener('abort', listener, { once: true });
  return {
    [Symbol.dispose || Symbol.for('nodejs.dispose')]() {
      signal.removeEventListener('abort', listener);
    },
  };
};

module.exports = EventEmitter;
