'use strict';
// v8: structuredClone (the HTML structured clone algorithm, which goja lacks) and the few
// heap figures lessons print. serialize/deserialize are left out.

function dataCloneError(what) {
  const err = new Error(`${what} could not be cloned.`);
  err.name = 'DataCloneError';
  err.code = 25;
  return err;
}

const typedArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const err = new TypeError('The "value" argument must be specified');
    err.code = 'ERR_MISSING_ARGS';
    throw err;
  }
  const memory = new Map();
  const transfer = options && options.transfer ? options.transfer : [];
  const clone = (v) => {
    if (typeof v === 'symbol') throw dataCloneError(String(v));
    if (typeof v === 'function') throw dataCloneError(String(v).split('\n')[0].slice(0, 60));
    if (v === null || typeof v !== 'object') return v;
    if (memory.has(v)) return memory.get(v);
    let out;
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (ArrayBuffer.isView(v)) {
      const buf = clone(v.buffer);
      if (v instanceof DataView) out = new DataView(buf, v.byteOffset, v.byteLength);
      else {
        const Ctor = typedArrays.find((T) => v instanceof T) || Uint8Array;
        out = new Ctor(buf, v.byteOffset, v.length);
      }
    } else if (v instanceof Map) {
      out = new Map();
      memory.set(v, out);
      for (const [k, x] of v) out.set(clone(k), clone(x));
      return out;
    } else if (v instanceof Set) {
      out = new Set();
      memory.set(v, out);
      for (const x of v) out.add(clone(x));
      return out;
    } else if (v instanceof Error) {
      const ctors = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
      const Ctor = ctors[v.name] || Error;
      out = Object.create(Ctor.prototype);
      memory.set(v, out);
      Object.defineProperty(out, 'message', { value: String(v.message), writable: true, configurable: true });
      Object.defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true });
      if ('cause' in v) Object.defineProperty(out, 'cause', { value: clone(v.cause), writable: true, configurable: true });
      return out;
    } else if (Array.isArray(v)) {
      out = new Array(v.length);
      memory.set(v, out);
      for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    } else if (tag === 'Promise' || tag === 'WeakMap' || tag === 'WeakSet' || tag === 'WeakRef') {
      throw dataCloneError(`#<${tag}>`);
    } else {
      out = {};
      memory.set(v, out);
      for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    }
    memory.set(v, out);
    return out;
  };
  const result = clone(value);
  for (const t of transfer) {
    // A transferred ArrayBuffer moves: the sender's is detached. goja cannot detach a buffer,
    // so the simulation leaves it as it is.
    void t;
  }
  return result;
}

function getHeapStatistics() {
  return {
    total_heap_size: 6_000_000, total_heap_size_executable: 262_144, total_physical_size: 5_800_000,
    total_available_size: 4_340_000_000, used_heap_size: 3_900_000, heap_size_limit: 4_345_298_944,
    malloced_memory: 262_320, peak_malloced_memory: 571_392, does_zap_garbage: 0,
    number_of_native_contexts: 1, number_of_detached_contexts: 0, total_global_handles_size: 8192,
    used_global_handles_size: 2112, external_memory: 1_200_000,
  };
}

module.exports = {
  structuredClone,
  getHeapStatistics,
  cachedDataVersionTag: () => 1165837526,
  setFlagsFromString() {},
};
