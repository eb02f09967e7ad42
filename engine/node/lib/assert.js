'use strict';
// assert: Node.js 20's assert module, written for Looplab.
// Differences: assert.ok cannot quote the failing source expression (it shows the value);
// deep-equality failure messages show both values instead of Node's line diff.

const { nodeError, invalidArgTypeMessage, lazyUtilInspect } = require('internal/errors');

const inspect = lazyUtilInspect((value) => fallbackInspect(value, 0));

function quoteString(s) {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(new RegExp(q, 'g'), '\\' + q) + q;
}

function fallbackInspect(v, depth) {
  switch (typeof v) {
    case 'string': return quoteString(v);
    case 'bigint': return String(v) + 'n';
    case 'symbol': return v.toString();
    case 'function': return '[Function: ' + (v.name || '(anonymous)') + ']';
    case 'number': return Object.is(v, -0) ? '-0' : String(v);
    case 'object': {
      if (v === null) return 'null';
      const custom = v[Symbol.for('nodejs.util.inspect.custom')];
      if (typeof custom === 'function') return String(custom.call(v, 2, {}));
      if (v instanceof Error) return v.stack || String(v);
      if (v instanceof RegExp) return String(v);
      if (v instanceof Date) return v.toISOString();
      if (depth > 2) return Array.isArray(v) ? '[Array]' : '[Object]';
      if (Array.isArray(v)) {
        return v.length === 0 ? '[]' : '[ ' + v.map((x) => fallbackInspect(x, depth + 1)).join(', ') + ' ]';
      }
      if (v instanceof Map) {
        return 'Map(' + v.size + ') {' + (v.size ? ' ' + Array.from(v, ([k, x]) => fallbackInspect(k, depth + 1) + ' => ' + fallbackInspect(x, depth + 1)).join(', ') + ' ' : '') + '}';
      }
      if (v instanceof Set) {
        return 'Set(' + v.size + ') {' + (v.size ? ' ' + Array.from(v, (x) => fallbackInspect(x, depth + 1)).join(', ') + ' ' : '') + '}';
      }
      const keys = Object.keys(v);
      const proto = Object.getPrototypeOf(v);
      const ctor = proto === null ? '[Object: null prototype]' : v.constructor && v.constructor.name;
      const prefix = ctor && ctor !== 'Object' ? ctor + ' ' : '';
      if (keys.length === 0) return prefix + '{}';
      return prefix + '{ ' + keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quoteString(k)) + ': ' + fallbackInspect(v[k], depth + 1)).join(', ') + ' }';
    }
    default:
      return String(v);
  }
}

function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, expected, value, inspect));
}

// ---- AssertionError -------------------------------------------------------------------

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
    const { message, operator, stackStartFn } = options;
    let { actual, expected } = options;
    let text;
    if (message != null) {
      text = operator === 'strictEqual' || operator === 'deepStrictEqual'
        ? errDiff(actual, expected, operator, String(message)) : String(message);
    } else {
      text = defaultMessage(actual, expected, operator);
    }
    super(text);
    this.generatedMessage = message === undefined;
    Object.defineProperty(this, 'name', {
      value: 'AssertionError', enumerable: false, writable: true, configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, stackStartFn);
  }

  toString() {
    return this.name + ' [' + this.code + ']: ' + this.message;
  }
}

function multiline(v) {
  return inspect(v, { compact: false, sorted: true, getters: true, depth: 1000 });
}

const kMaxShortLength = 12;

// errDiff follows the shape of Node's message for strictEqual and deepStrictEqual: short
// primitives as "a !== b", anything else as "+ actual - expected" (without Node's line diff).
function errDiff(actual, expected, operator, header) {
  const isObj = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  if (operator === 'strictEqual' && isObj(actual) && isObj(expected) && typeof actual === typeof expected &&
      isDeepStrictEqual(actual, expected)) {
    return 'Values have same structure but are not reference-equal:\n\n' + multiline(actual) + '\n';
  }
  if (header === undefined) {
    header = operator === 'deepStrictEqual' ? 'Expected values to be strictly deep-equal:' : 'Expected values to be strictly equal:';
  }
  const a = inspect(actual);
  const e = inspect(expected);
  if (!a.includes('\n') && !e.includes('\n') && a !== e && a.length + e.length <= kMaxShortLength &&
      (typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null) &&
      (actual !== 0 || expected !== 0)) {
    return header + '\n\n' + a + ' !== ' + e + '\n';
  }
  return header + '\n+ actual - expected\n\n+ ' + a.split('\n').join('\n+ ') + '\n- ' + e.split('\n').join('\n- ');
}

function defaultMessage(actual, expected, operator) {
  switch (operator) {
    case 'strictEqual':
    case 'deepStrictEqual':
      return errDiff(actual, expected, operator);
    case 'deepEqual':
      return 'Expected values to be loosely deep-equal:\n\n' + multiline(actual) + '\n\nshould loosely deep-equal\n\n' + multiline(expected);
    case 'notStrictEqual':
      if (typeof actual === 'object' && actual !== null) {
        return 'Expected "actual" to be strictly unequal to:\n\n' + multiline(expected) + '\n';
      }
      return 'Expected "actual" to be strictly unequal to: ' + inspect(expected);
    case 'notDeepStrictEqual':
      return 'Expected "actual" not to be strictly deep-equal to:\n\n' + multiline(expected) + '\n';
    case 'notDeepEqual':
      return 'Expected "actual" not to be loosely deep-equal to:\n\n' + multiline(expected);
    case 'fail':
      return 'Failed';
    default:
      return inspect(actual) + ' ' + operator + ' ' + inspect(expected);
  }
}

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

// ---- deep equality --------------------------------------------------------------------

const objectToString = (v) => Object.prototype.toString.call(v);

function isDeepEqual(a, b) {
  return innerDeepEqual(a, b, false, new Map());
}

function isDeepStrictEqual(a, b) {
  return innerDeepEqual(a, b, true, new Map());
}

function innerDeepEqual(a, b, strict, memo) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (strict) {
    if (typeof a !== 'object') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        // eslint-disable-next-line eqeqeq
        return a == b || (Number.isNaN(a) && Number.isNaN(b));
      }
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }
  const tagA = objectToString(a);
  if (tagA !== objectToString(b)) return false;

  // Cycle detection: a pair already being compared counts as equal.
  let seen = memo.get(a);
  if (seen && seen.has(b)) return true;
  if (!seen) {
    seen = new Set();
    memo.set(a, seen);
  }
  seen.add(b);
  try {
    return compareObjects(a, b, strict, memo, tagA);
  } finally {
    seen.delete(b);
  }
}

function compareObjects(a, b, strict, memo, tag) {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
  } else if (tag === '[object Date]') {
    if (a.getTime() !== b.getTime()) return false;
  } else if (a instanceof RegExp) {
    if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (a instanceof Error) {
    if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false;
    if (strict && a.constructor !== b.constructor) return false;
    const x = a instanceof DataView ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : a;
    const y = b instanceof DataView ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : b;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (strict ? !Object.is(x[i], y[i]) : x[i] != y[i]) return false; // eslint-disable-line eqeqeq
    }
    // Own non-index keys still count below.
    return keysEqual(a, b, strict, memo, Object.keys(a).filter((k) => !/^\d+$/.test(k)), Object.keys(b).filter((k) => !/^\d+$/.test(k)));
  } else if (a instanceof ArrayBuffer) {
    if (!(b instanceof ArrayBuffer) || a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a);
    const y = new Uint8Array(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  } else if (isBoxed(a)) {
    if (!isBoxed(b) || !Object.is(a.valueOf(), b.valueOf())) return false;
  } else if (isBoxed(b)) {
    return false;
  }

  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    if (!mapEqual(a, b, strict, memo)) return false;
  } else if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    if (!setEqual(a, b, strict, memo)) return false;
  } else if (b instanceof Map || b instanceof Set) {
    return false;
  }
  return keysEqual(a, b, strict, memo, Object.keys(a), Object.keys(b));
}

function isBoxed(v) {
  return v instanceof Number || v instanceof String || v instanceof Boolean ||
    (typeof BigInt === 'function' && v instanceof BigInt) || v instanceof Symbol;
}

function keysEqual(a, b, strict, memo, ka, kb) {
  if (a instanceof Error) {
    // message and name were compared already; they are often own non-enumerable
    ka = ka.filter((k) => k !== 'message' && k !== 'name');
    kb = kb.filter((k) => k !== 'message' && k !== 'name');
  }
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
  }
  if (strict) {
    const sa = Object.getOwnPropertySymbols(a).filter((s) => Object.prototype.propertyIsEnumerable.call(a, s));
    const sb = Object.getOwnPropertySymbols(b).filter((s) => Object.prototype.propertyIsEnumerable.call(b, s));
    if (sa.length !== sb.length) return false;
    for (const s of sa) {
      if (!Object.prototype.propertyIsEnumerable.call(b, s)) return false;
      if (!innerDeepEqual(a[s], b[s], strict, memo)) return false;
    }
  }
  for (const k of ka) {
    if (!innerDeepEqual(a[k], b[k], strict, memo)) return false;
  }
  return true;
}

function setEqual(a, b, strict, memo) {
  let pending = null;
  for (const v of a) {
    if (typeof v === 'object' && v !== null) {
      (pending || (pending = [])).push(v);
    } else if (!b.has(v)) {
      if (strict) return false;
      if (!looseFind(b, v)) return false;
    }
  }
  if (pending === null) {
    if (!strict) {
      for (const v of b) {
        if ((typeof v !== 'object' || v === null) && !a.has(v) && !looseFind(a, v)) return false;
      }
    }
    return true;
  }
  const candidates = [];
  for (const v of b) {
    if (typeof v === 'object' && v !== null) candidates.push(v);
    else if (!a.has(v) && (strict || !looseFind(a, v))) return false;
  }
  for (const v of pending) {
    const i = candidates.findIndex((c) => innerDeepEqual(v, c, strict, memo));
    if (i === -1) return false;
    candidates.splice(i, 1);
  }
  return true;
}

function looseFind(set, v) {
  for (const x of set) {
    if ((typeof x !== 'object' || x === null) && innerDeepEqual(v, x, false, new Map())) return true;
  }
  return false;
}

function mapEqual(a, b, strict, memo) {
  const pending = [];
  for (const [k, v] of a) {
    if (typeof k === 'object' && k !== null) {
      pending.push([k, v]);
    } else if (b.has(k)) {
      if (!innerDeepEqual(v, b.get(k), strict, memo)) return false;
    } else {
      if (strict) return false;
      let found = false;
      for (const [k2, v2] of b) {
        if ((typeof k2 !== 'object' || k2 === null) && innerDeepEqual(k, k2, false, memo) && innerDeepEqual(v, v2, false, memo)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
  }
  if (pending.length === 0) return true;
  const candidates = [];
  for (const [k, v] of b) if (typeof k === 'object' && k !== null) candidates.push([k, v]);
  for (const [k, v] of pending) {
    const i = candidates.findIndex(([k2, v2]) => innerDeepEqual(k, k2, strict, memo) && innerDeepEqual(v, v2, strict, memo));
    if (i === -1) return false;
    candidates.splice(i, 1);
  }
  return true;
}

// ---- the API --------------------------------------------------------------------------

function innerOk(fn, argLen, value, message) {
  if (!value) {
    let generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      // Node quotes the failing source expression when it can read the file; when it cannot
      // (eval, new Function) it prints this, and Looplab never can.
      message = inspect(value) + ' == true';
    } else if (message instanceof Error) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function assert(...args) {
  innerOk(assert, args.length, ...args);
}

assert.ok = assert;

assert.AssertionError = AssertionError;

function checkArgs(n, args) {
  if (args < 2) {
    throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "actual" and "expected" arguments must be specified');
  }
}

assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (argsLen === 0) {
    internalMessage = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual, expected, operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail, message: internalMessage || message,
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
};

assert.equal = function equal(actual, expected, message) {
  checkArgs(2, arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
};

assert.notEqual = function notEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
};

assert.strictEqual = function strictEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  if (Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }
};

assert.deepEqual = function deepEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  checkArgs(2, arguments.length);
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
};

const NO_EXCEPTION = {};

function getActual(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function isErrorClass(fn) {
  return fn.prototype !== undefined && (fn === Error || Error.prototype.isPrototypeOf(fn.prototype));
}

function describeThrown(e) {
  if (e instanceof Error) return String(e.message);
  return inspect(e);
}

function expectedException(actual, expected, message, fn) {
  let generatedMessage = false;
  let throwError = false;
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) {
      const str = String(actual);
      if (expected.test(str)) return;
      if (!message) {
        generatedMessage = true;
        message = 'The input did not match the regular expression ' + inspect(expected) + '. Input:\n\n' + inspect(str) + '\n';
      }
      throwError = true;
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'error' may not be an empty object. Received {}");
      }
      for (const key of keys) {
        const want = expected[key];
        const got = actual[key];
        if (typeof got === 'string' && want instanceof RegExp && want.test(got)) continue;
        if (key in actual && isDeepStrictEqual(got, want)) continue;
        const a = {};
        const b = {};
        for (const k of keys) {
          if (k in actual) a[k] = actual[k];
          b[k] = expected[k];
        }
        const err = new AssertionError({ actual: a, expected: b, message, operator: 'deepStrictEqual', stackStartFn: fn });
        err.actual = actual;
        err.expected = expected;
        err.operator = fn.name;
        throw err;
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (isErrorClass(expected)) {
    if (!message) {
      generatedMessage = true;
      message = 'The error is expected to be an instance of "' + expected.name + '". Received ';
      if (actual instanceof Error) message += '"' + (actual.constructor && actual.constructor.name) + '"';
      else message += '"' + inspect(actual, { depth: -1 }) + '"';
      if (actual && actual.message !== undefined) message += '\n\nError message:\n\n' + actual.message;
    }
    throwError = true;
  } else {
    const res = Reflect.apply(expected, {}, [actual]);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        const name = expected.name ? '"' + expected.name + '" ' : '';
        message = 'The ' + name + 'validation function is expected to return "true". Received ' + inspect(res);
        if (actual instanceof Error) message += '\n\nCaught error:\n\n' + String(actual);
      }
      throwError = true;
    }
  }
  if (throwError) {
    const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) {
      throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT',
          'The "error/message" argument is ambiguous. The error message "' + actual.message + '" is identical to the message.');
      }
    } else if (actual === error) {
      throw nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT',
        'The "error/message" argument is ambiguous. The error "' + actual + '" is identical to the message.');
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
  }
  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ' (' + error.name + ')';
    details += message ? ': ' + message : '.';
    const fnType = stackStartFn === assert.rejects ? 'rejection' : 'exception';
    innerFail({ actual: undefined, expected: error, operator: stackStartFn.name,
      message: 'Missing expected ' + fnType + details, stackStartFn });
  }
  if (error && !expectedException(actual, error, message, stackStartFn)) {
    // expectedException throws on mismatch
  }
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || (typeof error === 'function' && error.prototype !== undefined && actual instanceof error) ||
      (error instanceof RegExp && error.test(String(actual)))) {
    const details = message ? ': ' + message : '.';
    const fnType = stackStartFn === assert.doesNotReject ? 'rejection' : 'exception';
    innerFail({ actual, expected: error, operator: stackStartFn.name,
      message: 'Got unwanted ' + fnType + details + '\nActual message: "' + (actual && actual.message) + '"',
      stackStartFn });
  }
  throw actual;
}

assert.throws = function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
};

assert.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
};

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!resultPromise || typeof resultPromise.then !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        'Expected instance of Promise to be returned from the "promiseFn" function but got ' +
        (resultPromise === null ? 'null' : typeof resultPromise === 'object' ? 'an instance of ' + resultPromise.constructor.name
          : 'type ' + typeof resultPromise + ' (' + inspect(resultPromise) + ')') + '.');
    }
  } else if (promiseFn && typeof promiseFn.then === 'function') {
    resultPromise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

assert.rejects = async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
};

assert.doesNotReject = async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
};

assert.ifError = function ifError(err) {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    newErr.generatedMessage = false;
    throw newErr;
  }
};

function internalMatch(string, regexp, message, fn) {
  if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
  const match = fn === assert.match;
  if (typeof string !== 'string' || (regexp.test(string) !== match)) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    message = message || (typeof string !== 'string'
      ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + inspect(string) + ')'
      : (match ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
        inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n');
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

assert.match = function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
};

function strict(...args) {
  innerOk(strict, args.length, ...args);
}

assert.strict = Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;

module.exports = assert;
