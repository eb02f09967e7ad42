'use strict';
// perf_hooks: performance.now(), timeOrigin, marks and measures over the simulated clock
// (internalBinding('perf_hooks'), engine/node/host_perf_hooks.go), after Node's
// lib/internal/perf/*.js. Observers and histograms are left out.

const binding = internalBinding('perf_hooks');

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name;
    this.entryType = entryType;
    this.startTime = startTime;
    this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }
}
class PerformanceMark extends PerformanceEntry {
  constructor(name, options = {}) {
    const start = options.startTime !== undefined ? options.startTime : binding.now();
    super(String(name), 'mark', start, 0, options.detail === undefined ? null : structuredCloneOrSelf(options.detail));
  }
}
class PerformanceMeasure extends PerformanceEntry {}

function structuredCloneOrSelf(v) {
  try { return structuredClone(v); } catch { return v; }
}

function invalidName(name) {
  const err = new SyntaxError(`The "${name}" performance mark has not been set`);
  err.name = 'SyntaxError';
  err.code = 'ERR_INVALID_PERFORMANCE_MARK';
  return err;
}

const entries = [];

function timeOf(markOrTime) {
  if (typeof markOrTime === 'number') return markOrTime;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === 'mark' && entries[i].name === markOrTime) return entries[i].startTime;
  }
  throw invalidName(markOrTime);
}

const performance = {
  now: () => binding.now(),
  timeOrigin: binding.timeOrigin,
  mark(name, options) {
    const m = new PerformanceMark(name, options);
    entries.push(m);
    return m;
  },
  measure(name, startOrOptions, endMark) {
    let start = 0;
    let end;
    let detail;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      if (startOrOptions.start !== undefined) start = timeOf(startOrOptions.start);
      if (startOrOptions.end !== undefined) end = timeOf(startOrOptions.end);
      else if (startOrOptions.duration !== undefined) end = start + startOrOptions.duration;
      detail = startOrOptions.detail;
    } else if (startOrOptions !== undefined) {
      start = timeOf(startOrOptions);
    }
    if (end === undefined) end = endMark !== undefined ? timeOf(endMark) : binding.now();
    const m = new PerformanceMeasure(String(name), 'measure', start, end - start, detail === undefined ? null : detail);
    entries.push(m);
    return m;
  },
  clearMarks(name) { remove('mark', name); },
  clearMeasures(name) { remove('measure', name); },
  getEntries() { return entries.slice(); },
  getEntriesByName(name, type) { return entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)); },
  getEntriesByType(type) { return entries.filter((e) => e.entryType === type); },
  timerify(fn) {
    return function timerified(...args) {
      const start = binding.now();
      const result = new.target ? new fn(...args) : fn.apply(this, args);
      entries.push(new PerformanceEntry(fn.name, 'function', start, binding.now() - start));
      return result;
    };
  },
  eventLoopUtilization() { return { idle: 0, active: 0, utilization: 0 }; },
  get nodeTiming() {
    return { name: 'node', entryType: 'node', startTime: 0, duration: binding.now(), nodeStart: 0, v8Start: 0, environment: 0, bootstrapComplete: 0, loopStart: binding.loopStart, idleTime: 0 };
  },
  toJSON() { return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization() }; },
};

function remove(type, name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  }
}

class Performance {}
Object.setPrototypeOf(performance, Performance.prototype);

class PerformanceObserver {
  constructor(callback) { this.callback = callback; }
  observe() {}
  disconnect() {}
  static get supportedEntryTypes() { return ['function', 'mark', 'measure']; }
}

module.exports = {
  performance,
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 },
  monitorEventLoopDelay() {
    return { enable() {}, disable() {}, min: 0, max: 0, mean: 0, stddev: 0, percentiles: new Map(), percentile: () => 0, reset() {} };
  },
};
