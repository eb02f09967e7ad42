'use strict';
// internal/errors: the error helpers the other lib/ modules share, after Node's
// lib/internal/errors.js. Not visible to user code (isBuiltin in engine/node/modules.go hides
// every name that starts with "internal"); lib modules load it with require('internal/errors').
//
// Node builds every error from one table of codes (E(code, message, Base)); the modules here
// build theirs in three shapes, each kept as it was:
//   codedError: a plain error with .code;
//   nodeError:  also Node's own toString, "TypeError [CODE]: message";
//   makeNodeError: also Node's stack header, "TypeError [CODE]: message\n    at ...".

function codedError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  return err;
}

function nodeError(Base, code, message) {
  const err = codedError(Base, code, message);
  Object.defineProperty(err, 'toString', {
    value() { return this.name + ' [' + code + ']: ' + this.message; },
    writable: true, configurable: true,
  });
  return err;
}

function makeNodeError(Base, code, message) {
  const err = new Base(message);
  Object.defineProperty(err, 'code', {
    __proto__: null, value: code, enumerable: true, writable: true, configurable: true,
  });
  const { stack } = err;
  if (typeof stack === 'string' && stack.startsWith(`${err.name}:`)) {
    err.stack = `${err.name} [${code}]${stack.slice(err.name.length)}`;
  }
  Object.defineProperty(err, 'toString', {
    __proto__: null,
    value() { return `${this.name} [${code}]: ${this.message}`; },
    enumerable: false, writable: true, configurable: true,
  });
  return err;
}

// utilInspect is util.inspect, loaded when first needed: util itself loads buffer.
function utilInspect(value, opts) {
  return require('util').inspect(value, opts);
}

// lazyUtilInspect returns an inspect for modules that load before util (or that util loads):
// util.inspect once util has it, fallback(value) until then or if util cannot load.
function lazyUtilInspect(fallback) {
  let utilModule;
  return function inspect(value, opts) {
    if (utilModule === undefined) {
      try {
        utilModule = require('util');
      } catch (e) {
        utilModule = null;
      }
    }
    if (utilModule && typeof utilModule.inspect === 'function') return utilModule.inspect(value, opts);
    return fallback(value);
  };
}

// inspectDefault is util.inspect with its default options whatever it is asked for: crypto,
// fs and dns have always shown an object without a constructor name in full.
function inspectDefault(value) {
  return require('util').inspect(value);
}

// determineSpecificType is the "Received ..." part of ERR_INVALID_ARG_TYPE and its kin, as
// Node 20's determineSpecificType writes it. inspect shows what has no shorter name; modules
// that may run before util is loaded (buffer, path, assert, events) pass their own.
function determineSpecificType(value, inspect = utilInspect) {
  if (value == null) return '' + value;
  if (typeof value === 'function') return 'function ' + value.name;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return 'an instance of ' + value.constructor.name;
    return inspect(value, { depth: -1 });
  }
  let shown = inspect(value, { colors: false });
  if (shown.length > 28) shown = shown.slice(0, 25) + '...';
  return 'type ' + typeof value + ' (' + shown + ')';
}

// invalidArgTypeMessage is ERR_INVALID_ARG_TYPE's message; expected is the whole predicate
// ("of type string", "an instance of Buffer or URL").
// As in Node, a dotted name ("options.signal") is a property, not an argument.
function invalidArgTypeMessage(name, expected, value, inspect) {
  const kind = name.includes('.') ? 'property' : 'argument';
  return 'The "' + name + '" ' + kind + ' must be ' + expected + '. Received ' + determineSpecificType(value, inspect);
}

function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = '_' + val.slice(i - 3, i) + res;
  return val.slice(0, i) + res;
}

// outOfRangeMessage is ERR_OUT_OF_RANGE's message: large integers and bigints get Node's
// numerical separators, anything else is inspected.
function outOfRangeMessage(name, range, value, inspect = utilInspect) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addNumericalSeparator(String(value));
  else if (typeof value === 'bigint') received = addNumericalSeparator(String(value)) + 'n';
  else received = inspect(value);
  return 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + received;
}

// messages holds Node 20's fixed messages for codes more than one module throws.
const messages = {
  ERR_INVALID_URL_SCHEME: 'The URL must be of scheme file',
  ERR_STREAM_WRITE_AFTER_END: 'write after end',
  ERR_STREAM_DESTROYED: (method) => 'Cannot call ' + method + ' after a stream was destroyed',
  ERR_MISSING_ARGS: (name) => 'The "' + name + '" argument must be specified',
  ERR_UNKNOWN_ENCODING: (enc) => 'Unknown encoding: ' + enc,
};

module.exports = {
  codedError,
  nodeError,
  makeNodeError,
  determineSpecificType,
  inspectDefault,
  lazyUtilInspect,
  invalidArgTypeMessage,
  addNumericalSeparator,
  outOfRangeMessage,
  messages,
};
