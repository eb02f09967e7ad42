'use strict';
// The timers module. The scheduling lives in Go (engine/loop/timers.go mirrors
// lib/internal/timers.js); this file gives the handles their JavaScript shape.
const binding = internalBinding('timers');

class Timeout {
  ref() { binding.ref(this, true); return this; }
  unref() { binding.ref(this, false); return this; }
  hasRef() { return binding.hasRef(this); }
  refresh() { binding.refresh(this); return this; }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() { return binding.id(this); }
}

class Immediate {
  ref() { binding.ref(this, true); return this; }
  unref() { binding.ref(this, false); return this; }
  hasRef() { return binding.hasRef(this); }
}

binding.setClasses(Timeout, Immediate);

module.exports = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  Timeout,
  Immediate,
};
Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  get() { return require('timers/promises'); },
});
