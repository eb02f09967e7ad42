'use strict';
// The global console: formatting comes from util, output goes to the process's streams
// synchronously (as Node's console does when stdout is a file or a pipe).
const util = require('util');
const binding = internalBinding('console');

const counts = new Map();
const timers = new Map();
let groupIndent = '';

function write(stream, args) {
  let text = util.formatWithOptions({}, ...args);
  if (groupIndent !== '') text = groupIndent + text.split('\n').join('\n' + groupIndent);
  binding.write(stream, text + '\n');
}

function formatTime(ms) {
  // Mirrors formatTime in lib/internal/console/constructor.js for the ms and s ranges.
  if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

const console = {
  log: (...args) => write('stdout', args),
  info: (...args) => write('stdout', args),
  debug: (...args) => write('stdout', args),
  warn: (...args) => write('stderr', args),
  error: (...args) => write('stderr', args),
  dir: (obj, options) => binding.write('stdout', groupIndent + util.inspect(obj, { customInspect: false, ...options }) + '\n'),
  trace: (...args) => {
    const err = { name: 'Trace', message: util.format(...args) };
    Error.captureStackTrace ? Error.captureStackTrace(err) : (err.stack = new Error().stack);
    const stack = String(err.stack || '').split('\n').slice(1).join('\n');
    binding.write('stderr', groupIndent + 'Trace' + (err.message ? ': ' + err.message : '') + (stack ? '\n' + stack : '') + '\n');
  },
  assert: (value, ...args) => {
    if (!value) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      write('stderr', args);
    }
  },
  count: (label = 'default') => {
    label = `${label}`;
    const n = (counts.get(label) || 0) + 1;
    counts.set(label, n);
    write('stdout', [`${label}: ${n}`]);
  },
  countReset: (label = 'default') => { counts.delete(`${label}`); },
  time: (label = 'default') => {
    label = `${label}`;
    if (timers.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    timers.set(label, binding.now());
  },
  timeEnd: (label = 'default') => {
    label = `${label}`;
    if (!timers.has(label)) {
      process.emitWarning(`No such label '${label}' for console.timeEnd()`);
      return;
    }
    write('stdout', [`${label}: ${formatTime(binding.now() - timers.get(label))}`]);
    timers.delete(label);
  },
  timeLog: (label = 'default', ...data) => {
    label = `${label}`;
    if (!timers.has(label)) {
      process.emitWarning(`No such label '${label}' for console.timeLog()`);
      return;
    }
    write('stdout', [`${label}: ${formatTime(binding.now() - timers.get(label))}`, ...data]);
  },
  group: (...label) => {
    if (label.length > 0) write('stdout', label);
    groupIndent += '  ';
  },
  groupEnd: () => { groupIndent = groupIndent.slice(0, -2); },
  table: (data, properties) => binding.write('stdout', groupIndent + table(data, properties) + '\n'),
};
console.groupCollapsed = console.group;

// table mirrors console.table's box drawing (lib/internal/cli_table.js).
function table(data, properties) {
  if (data === null || typeof data !== 'object') return util.format(data);
  const indexKey = '(index)';
  const valuesKey = 'Values';
  const rows = [];
  const columns = [];
  const addColumn = (k) => { if (!columns.includes(k)) columns.push(k); };
  let hasValues = false;
  const entries = data instanceof Map ? [...data.entries()].map(([k, v], i) => [i, v, k])
    : Object.keys(data).map((k) => [k, data[k]]);
  const isMap = data instanceof Map;
  for (const [key, value] of entries) {
    const row = { [indexKey]: String(key) };
    if (value !== null && typeof value === 'object') {
      for (const k of Object.keys(value)) {
        if (properties && !properties.includes(k)) continue;
        addColumn(k);
        row[k] = util.inspect(value[k], { depth: 0, breakLength: Infinity, compact: 3 });
      }
    } else {
      hasValues = true;
      row[valuesKey] = util.inspect(value, { breakLength: Infinity });
    }
    rows.push(row);
  }
  const head = [indexKey, ...(isMap ? [] : []), ...(properties || columns)];
  if (hasValues) head.push(valuesKey);
  const widths = head.map((h) => Math.max(width(h), ...rows.map((r) => width(r[h] || ''))) + 2);
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const cell = (text, w) => {
    const pad = w - width(text);
    const left = Math.floor(pad / 2);
    return ' '.repeat(left) + text + ' '.repeat(pad - left);
  };
  const out = [line('┌', '┬', '┐'), '│' + head.map((h, i) => cell(h, widths[i])).join('│') + '│', line('├', '┼', '┤')];
  for (const r of rows) out.push('│' + head.map((h, i) => cell(r[h] || '', widths[i])).join('│') + '│');
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

function width(s) { return [...String(s)].length; }

module.exports = console;
