'use strict';
// timers/promises: the promise forms of the timer functions, as in lib/timers/promises.js.

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  err.cause = signal && signal.reason;
  return err;
}

function setTimeoutPromise(delay, value, options = {}) {
  const { signal, ref = true } = options;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve(value), delay);
    if (!ref) t.unref();
    if (signal) signal.addEventListener('abort', () => { clearTimeout(t); reject(abortError(signal)); }, { once: true });
  });
}

function setImmediatePromise(value, options = {}) {
  const { signal, ref = true } = options;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const im = setImmediate(() => resolve(value));
    if (!ref) im.unref();
    if (signal) signal.addEventListener('abort', () => { clearImmediate(im); reject(abortError(signal)); }, { once: true });
  });
}

// setInterval as an async iterator needs async generators, which goja lacks; it is written
// out as an iterator object instead.
function setIntervalIterator(delay, value) {
  const waiting = [];
  let ticks = 0;
  const iv = setInterval(() => {
    if (waiting.length > 0) waiting.shift()({ value, done: false });
    else ticks++;
  }, delay);
  return {
    next() {
      if (ticks > 0) { ticks--; return Promise.resolve({ value, done: false }); }
      return new Promise((resolve) => waiting.push(resolve));
    },
    return() { clearInterval(iv); return Promise.resolve({ value: undefined, done: true }); },
    [Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator')]() { return this; },
  };
}

module.exports = {
  setTimeout: setTimeoutPromise,
  setImmediate: setImmediatePromise,
  setInterval: setIntervalIterator,
  scheduler: {
    wait: (delay, options) => setTimeoutPromise(delay, undefined, options),
    yield: () => setImmediatePromise(),
  },
};
