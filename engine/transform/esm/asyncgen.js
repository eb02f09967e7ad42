// Async generators as ECMAScript specifies them (ES2024, 27.6), over the sync generator that
// esbuild lowers an async generator's body to: in that body `await x` is `yield new __await(x)`
// and `yield* x` is `yield* __yieldStar(x)`. esbuild's own helpers settle each step through
// extra promises, so a chain of .then overtook a for await loop; these take exactly the
// spec's turns. Function declarations: they are appended to the lowered file and hoist.
function __await(value, resumeWith) {
  this[0] = value;
  this[1] = resumeWith; // how the body resumes with the awaited value: "next" (default) or "return"
}
function __yieldRaw(value) {
  this.value = value; // yield* hands on the inner iterator's values without awaiting them
}
function __asyncGenerator(__this, __arguments, body) {
  const gen = body.apply(__this, __arguments);
  const queue = []; // AsyncGeneratorQueue: { kind, value, resolve, reject }
  const g = { state: 'suspendedStart', queue };
  // AsyncGeneratorCompleteStep
  const completeStep = (isThrow, value, done) => {
    const next = queue.shift();
    if (isThrow) next.reject(value);
    else next.resolve({ value, done });
  };
  // AsyncGeneratorDrainQueue
  const drain = () => {
    while (queue.length > 0) {
      if (queue[0].kind === 'return') {
        g.state = 'awaitingReturn';
        g.awaitReturn();
        return;
      }
      const isThrow = queue[0].kind === 'throw';
      completeStep(isThrow, isThrow ? queue[0].value : undefined, true);
    }
  };
  const finish = (isThrow, value) => {
    g.state = 'completed';
    completeStep(isThrow, value, true);
    drain();
  };
  // AsyncGeneratorAwaitReturn
  g.awaitReturn = () => {
    let promise;
    try {
      promise = Promise.resolve(queue[0].value);
    } catch (e) {
      finish(true, e);
      return;
    }
    promise.then((v) => finish(false, v), (e) => finish(true, e));
  };
  // AsyncGeneratorYield, after the yielded value was awaited (or not, for yield*)
  const yieldValue = (value) => {
    completeStep(false, value, false);
    if (queue.length > 0) unwrapResumption(queue[0].kind, queue[0].value);
    else g.state = 'suspendedYield';
  };
  // AsyncGeneratorUnwrapYieldResumption, then the body goes on
  const unwrapResumption = (kind, value) => {
    if (kind !== 'return') step(kind, value);
    else Promise.resolve(value).then((v) => step('return', v), (e) => step('throw', e));
  };
  let returning = false; // the body runs its finally blocks for a return completion
  // Runs the body until it awaits, yields or ends.
  const step = (kind, value) => {
    if (kind === 'return') returning = true;
    let r;
    try {
      r = gen[kind](value);
    } catch (e) {
      finish(true, e);
      return;
    }
    const v = r.value;
    if (r.done) {
      // `return x;` awaits x; falling off the end or `return;` does not (so neither does the
      // rare `return undefined;` here), and a return completion was awaited already.
      if (returning || v === undefined) finish(false, v);
      else Promise.resolve(v).then((x) => finish(false, x), (e) => finish(true, e));
    } else if (v instanceof __await) {
      Promise.resolve(v[0]).then((x) => step(v[1] || 'next', x), (e) => step('throw', e));
    } else if (v instanceof __yieldRaw) {
      yieldValue(v.value);
    } else {
      Promise.resolve(v).then(yieldValue, (e) => step('throw', e));
    }
  };
  // AsyncGeneratorResume
  g.resume = (kind, value) => {
    g.state = 'executing';
    unwrapResumption(kind, value);
  };
  const shared = __asyncGeneratorShared();
  const it = Object.create(shared.prototype);
  shared.slots.set(it, g);
  return it;
}
// The prototype of this file's async generator objects and their internal slots, made on first
// use (a function's property: the file's own code may run before a var here is initialised).
function __asyncGeneratorShared() {
  if (__asyncGeneratorShared.made !== undefined) return __asyncGeneratorShared.made;
  const slotsOf = new WeakMap();
  const asyncIteratorPrototype = {
    [__asyncIteratorSymbol()]() { return this; },
  };
  const slots = (it, method) => {
    const g = slotsOf.get(it);
    if (g === undefined) throw new TypeError(`${method} method called on incompatible receiver ${String(it)}`);
    return g;
  };
  const methods = {
    next(value) {
      return new Promise((resolve, reject) => {
        const g = slots(this, 'next');
        if (g.state === 'completed') {
          resolve({ value: undefined, done: true });
          return;
        }
        g.queue.push({ kind: 'next', value, resolve, reject });
        if (g.state === 'suspendedStart' || g.state === 'suspendedYield') g.resume('next', value);
      });
    },
    return(value) {
      return new Promise((resolve, reject) => {
        const g = slots(this, 'return');
        g.queue.push({ kind: 'return', value, resolve, reject });
        if (g.state === 'suspendedStart' || g.state === 'completed') {
          g.state = 'awaitingReturn';
          g.awaitReturn();
        } else if (g.state === 'suspendedYield') {
          g.resume('return', value);
        }
      });
    },
    throw(exception) {
      return new Promise((resolve, reject) => {
        const g = slots(this, 'throw');
        if (g.state === 'suspendedStart') g.state = 'completed';
        if (g.state === 'completed') {
          reject(exception);
          return;
        }
        g.queue.push({ kind: 'throw', value: exception, resolve, reject });
        if (g.state === 'suspendedYield') g.resume('throw', exception);
      });
    },
  };
  const prototype = Object.create(asyncIteratorPrototype);
  for (const name of ['next', 'return', 'throw']) {
    Object.defineProperty(prototype, name, { value: methods[name], writable: true, configurable: true });
  }
  Object.defineProperty(prototype, Symbol.toStringTag, { value: 'AsyncGenerator', configurable: true });
  __asyncGeneratorShared.made = { prototype, slots: slotsOf };
  return __asyncGeneratorShared.made;
}
// yield* in an async generator (14.4.14, generatorKind async): a sync iterator for the sync
// yield* of the lowered body. Each request to the inner iterator goes out as an __await of its
// result; the awaited result comes back through next and is either the yield*'s value (done),
// a value yielded on unawaited (__yieldRaw), or, for a return request, a return to make.
function __yieldStar(value) {
  const asyncMethod = value[__asyncIteratorSymbol()];
  const iterator = asyncMethod != null ? asyncMethod.call(value) : __asyncFromSync(value[Symbol.iterator]());
  const nextMethod = iterator.next;
  let delivery = null; // what the next resumption brings: "result", "returnResult", "close", "final"
  const inspect = (result, isReturn) => {
    if (Object(result) !== result) throw new TypeError(`Iterator result ${String(result)} is not an object`);
    if (!result.done) return { done: false, value: new __yieldRaw(result.value) };
    if (!isReturn) return { done: true, value: result.value };
    delivery = 'final';
    return { done: false, value: new __await(result.value, 'return') };
  };
  const request = (kind, v) => {
    if (kind === 'next') {
      delivery = 'result';
      return { done: false, value: new __await(nextMethod.call(iterator, v)) };
    }
    const method = iterator[kind];
    if (method != null) {
      delivery = kind === 'throw' ? 'result' : 'returnResult';
      return { done: false, value: new __await(method.call(iterator, v)) };
    }
    if (kind === 'return') {
      delivery = 'final';
      return { done: false, value: new __await(v, 'return') };
    }
    // No throw method: close the iterator, then a TypeError.
    const noThrow = () => new TypeError('The iterator does not provide a \'throw\' method');
    const close = iterator.return;
    if (close == null) throw noThrow();
    delivery = 'close';
    return { done: false, value: new __await(close.call(iterator)) };
  };
  const deliver = (v) => {
    const what = delivery;
    delivery = null;
    switch (what) {
      case 'result': return inspect(v, false);
      case 'returnResult': return inspect(v, true);
      case 'close': throw new TypeError('The iterator does not provide a \'throw\' method');
    }
    return { done: true, value: v };
  };
  return {
    [Symbol.iterator]() { return this; },
    next(v) { return delivery === null ? request('next', v) : deliver(v); },
    throw(e) {
      if (delivery === null) return request('throw', e);
      delivery = null;
      throw e; // what was awaited rejected: it throws at the yield*
    },
    return(v) {
      if (delivery === 'final') return deliver(v);
      return request('return', v);
    },
  };
}
// CreateAsyncFromSyncIterator (27.1.4)
function __asyncFromSync(syncIterator) {
  const continuation = (result) => {
    const done = result.done;
    return Promise.resolve(result.value).then((value) => ({ value, done }));
  };
  const call = (method, v, missing) => {
    if (method == null) return missing();
    try {
      return continuation(method.call(syncIterator, v));
    } catch (e) {
      return Promise.reject(e);
    }
  };
  return {
    next(v) { return call(syncIterator.next, v); },
    return(v) { return call(syncIterator.return, v, () => Promise.resolve({ value: v, done: true })); },
    throw(v) { return call(syncIterator.throw, v, () => Promise.reject(v)); },
  };
}
// Symbol.asyncIterator, or where goja lacks it the one the engine and esbuild's helpers use.
function __asyncIteratorSymbol() {
  return Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator');
}
