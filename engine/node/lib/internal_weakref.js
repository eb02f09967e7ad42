'use strict';
// internal/weakref: WeakRef and FinalizationRegistry for goja, which has neither. goja's
// garbage collector (Go's) cannot tell JavaScript when an object dies, so:
// - a WeakRef holds its target strongly: deref() returns the target for as long as the ref
//   lives. A program sees what Node shows whenever the target is still reachable, which is
//   always the case within one synchronous job and in practice between jobs without GC pressure.
// - a FinalizationRegistry never calls its callback: what Node does for a program that exits
//   before V8 collects (callbacks run only after a GC, which short programs rarely trigger).


function canBeHeldWeakly(v) {
  return (typeof v === 'object' && v !== null) || typeof v === 'function' ||
    (typeof v === 'symbol' && Symbol.keyFor(v) === undefined);
}


// receiverName is how V8 names a wrong receiver in its messages: #<Object>.
function receiverName(v) {
  if (v !== null && typeof v === 'object') return '#<' + ((v.constructor && v.constructor.name) || 'Object') + '>';
  return String(v);
}

const targets = new WeakMap();

class StrongRef {
  constructor(target) {
    if (!canBeHeldWeakly(target)) throw new TypeError('WeakRef: invalid target');
    targets.set(this, target);
  }

  deref() {
    if (!targets.has(this)) throw new TypeError('Method WeakRef.prototype.deref called on incompatible receiver ' + receiverName(this));
    return targets.get(this);
  }
}
Object.defineProperty(StrongRef.prototype, Symbol.toStringTag, { value: 'WeakRef', configurable: true });
Object.defineProperty(StrongRef, 'name', { value: 'WeakRef' });

const cleanups = new WeakMap();

class NoFinalizationRegistry {
  constructor(cleanup) {
    if (typeof cleanup !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable');
    cleanups.set(this, new Map());
  }

  register(target, heldValue, unregisterToken) {
    const tokens = this.#tokens('register');
    if (!canBeHeldWeakly(target)) throw new TypeError('FinalizationRegistry.prototype.register: invalid target');
    if (target === heldValue) throw new TypeError('FinalizationRegistry.prototype.register: target and holdings must not be same');
    if (unregisterToken !== undefined) {
      if (!canBeHeldWeakly(unregisterToken)) throw new TypeError(`FinalizationRegistry.prototype.register: invalid unregister token`);
      tokens.set(unregisterToken, true);
    }
    return undefined;
  }

  unregister(unregisterToken) {
    const tokens = this.#tokens('unregister');
    if (!canBeHeldWeakly(unregisterToken)) throw new TypeError('Invalid unregisterToken (\'' + String(unregisterToken) + '\')');
    return tokens.delete(unregisterToken);
  }

  #tokens(method) {
    const tokens = cleanups.get(this);
    if (tokens === undefined) throw new TypeError(`FinalizationRegistry.prototype.${method}: 'this' is not a FinalizationRegistry`);
    return tokens;
  }
}
Object.defineProperty(NoFinalizationRegistry.prototype, Symbol.toStringTag, { value: 'FinalizationRegistry', configurable: true });
Object.defineProperty(NoFinalizationRegistry, 'name', { value: 'FinalizationRegistry' });

module.exports = { StrongRef, NoFinalizationRegistry };
