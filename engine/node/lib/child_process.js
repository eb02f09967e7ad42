'use strict';
// Mirrors lib/child_process.js and lib/internal/child_process.js. Processes, pipes and signals
// live in Go (engine/node/host_child_process.go); this file holds ChildProcess, the JavaScript
// side of the IPC channel (setupChannel), the stdio streams, the exec family and the simulated
// shell that exec uses.

const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const binding = internalBinding('child_process');

const { nodeError, determineSpecificType, inspectDefault } = require('internal/errors');

function describe(v) {
  return determineSpecificType(v, inspectDefault);
}

function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}. Received ${describe(value)}`);
}

function toBuffer(ab) {
  return typeof Buffer === 'function' ? Buffer.from(ab) : new Uint8Array(ab);
}

const signals = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12,
  SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCONT: 18, SIGSTOP: 19,
};

function signalName(sig) {
  if (sig === undefined) return 'SIGTERM';
  if (typeof sig === 'number') {
    if (sig === 0) return '0';
    for (const name in signals) if (signals[name] === sig) return name;
  } else if (typeof sig === 'string' && Object.prototype.hasOwnProperty.call(signals, sig)) {
    return sig;
  }
  throw nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${sig}`);
}

// --- The IPC channel, on both sides (setupChannel in lib/internal/child_process.js) ---

function setupChannel(target, serialization) {
  target.connected = true;
  const channel = {
    ref() { binding.channelRef(target, true); },
    unref() { binding.channelRef(target, false); },
    hasRef() { return target.connected; },
  };
  target.channel = channel;
  Object.defineProperty(target, '_channel', { get() { return target.channel; }, configurable: true, enumerable: false });
  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    if (message === undefined) {
      throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    }
    if (serialization !== 'advanced' && typeof message !== 'string' && typeof message !== 'object' &&
        typeof message !== 'number' && typeof message !== 'boolean') {
      throw invalidArgType('message', 'one of type string, object, number, or boolean', message);
    }
    if (!this.connected) {
      const ex = nodeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      if (typeof callback === 'function') process.nextTick(callback, ex);
      else process.nextTick(() => this.emit('error', ex));
      return false;
    }
    binding.send(target, serialization === 'advanced' ? message : JSON.stringify(message));
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  };
  target.disconnect = function disconnect() {
    if (!this.connected) {
      this.emit('error', nodeError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'));
      return;
    }
    this.connected = false;
    this.channel = null;
    binding.disconnect(target);
    process.nextTick(() => target.emit('disconnect'));
  };
  target._disconnect = target.disconnect;
}

// Messages whose cmd starts with NODE_ are Node's own (cluster uses them): they are emitted as
// 'internalMessage', never as 'message'.
function isInternal(message) {
  return message !== null && typeof message === 'object' && typeof message.cmd === 'string' &&
    message.cmd.length > 5 && message.cmd.startsWith('NODE_');
}

function onMessage(target, payload) {
  if (!target.connected) return;
  let message = payload;
  if (typeof payload === 'string' && !target[kAdvanced]) message = JSON.parse(payload);
  const name = isInternal(message) ? 'internalMessage' : 'message';
  // handleMessage in lib/internal/child_process.js emits on the next tick of the read callback.
  process.nextTick(() => target.emit(name, message));
}

function onDisconnect(target) {
  if (!target.connected) return;
  target.connected = false;
  target.channel = null;
  process.nextTick(() => target.emit('disconnect'));
}

const kAdvanced = Symbol('kAdvanced');

// setupChild runs in a child process before its main module (Node's _forkChild and the stdio
// set-up of its bootstrap): process.send and friends, and a piped stdin.
function setupChild(proc, ipc, advanced, pipedStdin, execArgv) {
  proc.execArgv = execArgv;
  if (ipc) {
    proc[kAdvanced] = advanced;
    setupChannel(proc, advanced ? 'advanced' : 'json');
    // The child's channel keeps its loop alive only while someone listens (_forkChild).
    proc.on('newListener', (name) => {
      if (name === 'message' || name === 'disconnect') binding.channelListeners(1);
    });
    proc.on('removeListener', (name) => {
      if (name === 'message' || name === 'disconnect') binding.channelListeners(-1);
    });
  }
  if (pipedStdin) {
    const stdin = new Readable({ read() {} });
    stdin.fd = 0;
    stdin.isTTY = false;
    let refd = false;
    stdin.on('newListener', (name) => {
      if (!refd && !stdin.readableEnded && (name === 'data' || name === 'readable')) {
        refd = true;
        binding.stdinRef(true);
      }
    });
    stdin.on('end', () => {
      if (refd) binding.stdinRef(false);
      refd = false;
    });
    stdin.unref = () => { if (refd) binding.stdinRef(false); refd = false; return stdin; };
    stdin.ref = () => stdin;
    Object.defineProperty(proc, 'stdin', { value: stdin, configurable: true, writable: true, enumerable: true });
  }
}

// onData feeds a pipe: the parent's child.stdout/stderr, or a child's process.stdin (fd 0).
function onData(target, fd, ab) {
  const stream = fd === 0 ? target.stdin : target.stdio[fd];
  if (!stream || stream.destroyed) return;
  if (ab === null) stream.push(null);
  else stream.push(toBuffer(ab));
}

function onSignal(sig) {
  process.emit(sig, sig);
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) child.emit('close', child.exitCode, child.signalCode);
}

function onExit(child, code, signal) {
  child._handle = null;
  if (signal) child.signalCode = signal;
  else child.exitCode = code;
  if (child.stdin) child.stdin.destroy();
  child.emit('exit', child.exitCode, child.signalCode);
  process.nextTick(flushStdio, child);
  maybeClose(child);
}

// flushStdio mirrors lib/internal/child_process.js: after the exit, output nobody reads is
// drained, so that its stream ends and 'close' can follow.
function flushStdio(child) {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream || !stream.readable || stream.readableFlowing !== null && stream.readableFlowing !== false && stream.listenerCount('data') > 0) continue;
    stream.resume();
  }
}

binding.setup({ onData, onMessage, onDisconnect, onExit, onSignal, setupChild });

// --- ChildProcess ---

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = null;
    this.spawnargs = [];
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
  }
  kill(sig) {
    const signal = signalName(sig);
    if (this._handle === null) return false;
    const ok = binding.kill(this, signal);
    if (ok) this.killed = true;
    return ok;
  }
  ref() { binding.ref(this, true); }
  unref() { binding.ref(this, false); }
}

function normalizeStdio(stdio, ipcWanted) {
  if (stdio === undefined || stdio === null) stdio = 'pipe';
  if (typeof stdio === 'string') {
    if (stdio === 'overlapped') stdio = 'pipe';
    stdio = [stdio, stdio, stdio];
  }
  if (!Array.isArray(stdio)) throw invalidArgType('options.stdio', 'one of type string or array', stdio);
  const modes = [];
  let ipc = ipcWanted;
  for (let i = 0; i < stdio.length; i++) {
    let s = stdio[i];
    if (s === 'ipc') { ipc = true; continue; }
    if (i > 2) continue;
    if (s === undefined || s === null) s = 'pipe';
    if (s === 'overlapped') s = 'pipe';
    if (s === 'pipe' || s === 'ignore' || s === 'inherit') modes.push(s);
    else modes.push('inherit'); // a number, or a stream of the parent's: the child writes where it does
  }
  while (modes.length < 3) modes.push(modes.length === 0 ? 'pipe' : 'pipe');
  return { modes, ipc };
}

function setupStdio(child, modes) {
  if (modes[0] === 'pipe') {
    child.stdin = new Writable({
      write(chunk, encoding, cb) { binding.writeStdin(child, chunk); cb(); },
      final(cb) { binding.endStdin(child); cb(); },
    });
  }
  for (const fd of [1, 2]) {
    if (modes[fd] !== 'pipe') continue;
    const s = new Readable({ read() {} });
    s.fd = fd;
    child._closesNeeded++;
    s.on('close', () => maybeClose(child));
    if (fd === 1) child.stdout = s;
    else child.stderr = s;
  }
  child.stdio = [child.stdin, child.stdout, child.stderr];
}

function envOf(options) {
  const env = options.env || process.env;
  const out = {};
  for (const k of Object.keys(env)) if (env[k] !== undefined) out[k] = String(env[k]);
  return out;
}

function cwdOf(options) {
  let cwd = options.cwd;
  if (cwd === undefined || cwd === null) return process.cwd();
  if (typeof cwd === 'object' && typeof cwd.href === 'string') cwd = decodeURIComponent(cwd.pathname);
  if (typeof cwd !== 'string') throw invalidArgType('options.cwd', 'of type string or an instance of URL', cwd);
  return cwd.startsWith('/') ? cwd : process.cwd() + '/' + cwd;
}

function resolvePath(p, cwd) {
  if (typeof p === 'object' && p !== null && typeof p.href === 'string') p = decodeURIComponent(p.pathname);
  const parts = (p.startsWith('/') ? p : cwd + '/' + p).split('/');
  const out = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

// --- What a command runs: node itself, a few simulated tools, or nothing ---

const nodeNames = new Set(['node', 'nodejs', '/usr/bin/node', '/usr/local/bin/node', '/bin/node']);

function isNode(file) {
  return file === process.execPath || nodeNames.has(file);
}

// The shell tools a lesson may need, as node source run in a small process of their own.
const tools = {
  echo: `{ const a = process.argv.slice(1); let nl = true; if (a[0] === '-n') { a.shift(); nl = false; }
    process.stdout.write(a.join(' ') + (nl ? '\\n' : '')); }`,
  sleep: `{ const s = Number(process.argv[1]);
    if (process.argv.length < 2 || !(s >= 0)) { process.stderr.write(process.argv.length < 2 ? 'sleep: missing operand\\n' : "sleep: invalid time interval '" + process.argv[1] + "'\\n"); process.exitCode = 1; }
    else setTimeout(() => {}, s * 1000); }`,
  cat: `{ const fs = require('fs'); const files = process.argv.slice(1);
    if (files.length === 0) process.stdin.on('data', (d) => process.stdout.write(d));
    for (const f of files) {
      try { process.stdout.write(fs.readFileSync(f, 'utf8')); }
      catch (e) { process.stderr.write('cat: ' + f + (e.code === 'EISDIR' ? ': Is a directory' : ': No such file or directory') + '\\n'); process.exitCode = 1; }
    } }`,
  true: '',
  false: 'process.exitCode = 1;',
  pwd: 'process.stdout.write(process.cwd() + "\\n");',
};

function toolName(file) {
  const base = file.startsWith('/bin/') || file.startsWith('/usr/bin/') ? file.slice(file.lastIndexOf('/') + 1) : file;
  return Object.prototype.hasOwnProperty.call(tools, base) ? base : null;
}

// planFor resolves file + args into what the simulation runs, or null when there is no such
// program.
function planFor(file, args, cwd) {
  if (isNode(file)) {
    const execArgv = [];
    let i = 0;
    let evalSrc = null;
    let print = false;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '-pe') {
        print = a === '-p' || a === '--print' || a === '-pe';
        execArgv.push(a, args[i + 1]);
        evalSrc = args[i + 1] === undefined ? '' : String(args[i + 1]);
        i++;
        continue;
      }
      if (a.startsWith('--eval=') || a.startsWith('--print=')) {
        print = a.startsWith('--print=');
        evalSrc = a.slice(a.indexOf('=') + 1);
        execArgv.push(a);
        continue;
      }
      if (a === '--') { i++; break; }
      if (a.startsWith('-') && evalSrc === null) { execArgv.push(a); continue; }
      break;
    }
    if (evalSrc !== null) {
      return { argv: [process.execPath, ...args.slice(i)], execArgv, eval: evalSrc, print };
    }
    if (i >= args.length) return { argv: [process.execPath], execArgv, eval: '' };
    const script = resolvePath(args[i], cwd);
    return { argv: [process.execPath, script, ...args.slice(i + 1)], execArgv, file: script };
  }
  const tool = toolName(file);
  if (tool !== null) return { argv: [file, ...args], execArgv: [], eval: tools[tool], tool };
  return null;
}

// shellWords splits a command line as /bin/sh does for simple commands: quotes and backslashes;
// it returns null for what the simulated shell cannot run (pipes, redirections, lists).
function shellWords(command) {
  const words = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return null;
      word += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      inWord = true;
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && '$`"\\\n'.includes(command[i + 1])) i++;
        word += command[i];
      }
      if (i >= command.length) return null;
    } else if (ch === '\\') {
      word += command[++i] || '';
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>()`$'.includes(ch)) {
      return null;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function shellPlan(command, cwd) {
  const words = shellWords(command);
  if (words === null) {
    return { argv: ['/bin/sh', '-c', command], execArgv: [], tool: 'sh',
      eval: `process.stderr.write(${JSON.stringify('/bin/sh: 1: the simulated shell runs only simple commands: ' + command + '\n')}); process.exitCode = 2;` };
  }
  if (words.length === 0) return { argv: ['/bin/sh', '-c', command], execArgv: [], eval: '', tool: 'sh' };
  const plan = planFor(words[0], words.slice(1), cwd);
  if (plan !== null) return plan;
  return { argv: ['/bin/sh', '-c', command], execArgv: [], tool: 'sh',
    eval: `process.stderr.write(${JSON.stringify(`/bin/sh: 1: ${words[0]}: not found\n`)}); process.exitCode = 127;` };
}

function normalizeSpawnArguments(file, args, options) {
  if (typeof file !== 'string') throw invalidArgType('file', 'of type string', file);
  if (file.length === 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'file' cannot be empty. Received ''");
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args === undefined || args === null) {
    args = [];
  } else if (typeof args === 'object') {
    options = args;
    args = [];
  } else {
    throw invalidArgType('args', 'an instance of Array', args);
  }
  if (options === undefined || options === null) options = {};
  else if (typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  args = args.map(String);
  let shellCommand = null;
  if (options.shell) {
    shellCommand = [file, ...args].join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', shellCommand];
  }
  return { file, args, options, shellCommand };
}

function makePlan(norm, stdioModes, ipc) {
  const cwd = cwdOf(norm.options);
  const plan = norm.shellCommand !== null ? shellPlan(norm.shellCommand, cwd) : planFor(norm.file, norm.args, cwd);
  if (plan === null) return null;
  plan.env = envOf(norm.options);
  plan.cwd = cwd;
  plan.stdio = stdioModes;
  plan.ipc = ipc;
  plan.serialization = norm.options.serialization || 'json';
  if (norm.options.execArgv && !plan.tool) plan.execArgv = norm.options.execArgv.concat(plan.execArgv);
  return plan;
}

function enoent(file, args) {
  const err = new Error(`spawn ${file} ENOENT`);
  err.errno = -2;
  err.code = 'ENOENT';
  err.syscall = `spawn ${file}`;
  err.path = file;
  err.spawnargs = args;
  return err;
}

function startChild(norm, stdio, ipc) {
  const child = new ChildProcess();
  child.spawnfile = norm.file;
  child.spawnargs = [norm.file, ...norm.args];
  const { modes, ipc: wantIPC } = normalizeStdio(stdio, ipc);
  setupStdio(child, modes);
  const plan = makePlan(norm, modes, wantIPC);
  if (plan === null) {
    // uv_spawn fails: 'error' on the next tick, then 'close' with the negated errno.
    child._handle = null;
    process.nextTick(() => {
      child.exitCode = -2;
      child.emit('error', enoent(norm.file, norm.args));
      if (child.stdin) child.stdin.destroy();
      for (const s of [child.stdout, child.stderr]) if (s) s.destroy();
      maybeClose(child);
    });
    return child;
  }
  child._handle = {};
  if (wantIPC) {
    child[kAdvanced] = plan.serialization === 'advanced';
    setupChannel(child, plan.serialization);
    child._closesNeeded++;
    child.once('disconnect', () => maybeClose(child));
  }
  child.pid = binding.spawn(child, plan);
  process.nextTick(() => child.emit('spawn'));
  return child;
}

function spawn(file, args, options) {
  const norm = normalizeSpawnArguments(file, args, options);
  return startChild(norm, norm.options.stdio, false);
}

function fork(modulePath, args, options) {
  if (typeof modulePath === 'object' && modulePath !== null && typeof modulePath.href === 'string') {
    modulePath = decodeURIComponent(modulePath.pathname);
  }
  if (typeof modulePath !== 'string') throw invalidArgType('modulePath', 'of type string or an instance of Buffer or URL', modulePath);
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    if (typeof args === 'object') {
      options = args;
      args = [];
    } else {
      throw invalidArgType('args', 'an instance of Array', args);
    }
  }
  options = Object.assign({}, options || {});
  const execArgv = options.execArgv || process.execArgv;
  let stdio = options.stdio;
  if (stdio === undefined) stdio = options.silent ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['inherit', 'inherit', 'inherit', 'ipc'];
  else if (typeof stdio === 'string') stdio = [stdio, stdio, stdio, 'ipc'];
  else if (!stdio.includes('ipc')) {
    throw nodeError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED', "Forked processes must have an IPC channel, missing value 'ipc' in options.stdio");
  }
  const norm = {
    file: options.execPath || process.execPath,
    args: [...execArgv.filter((a) => !/^(-e|--eval|-p|--print)$/.test(a)), modulePath, ...(args || []).map(String)],
    options,
    shellCommand: null,
  };
  norm.file = isNode(norm.file) ? norm.file : process.execPath;
  return startChild(norm, stdio, true);
}

// --- exec and execFile: spawn, collect the output, call back on 'close' ---

function commandFailed(cmd, stderr) {
  return new Error(`Command failed: ${cmd}\n${stderr}`);
}

function execFile(file, args, options, callback) {
  if (typeof args === 'function') {
    callback = args;
    args = [];
    options = {};
  } else if (!Array.isArray(args) && args !== null && typeof args === 'object') {
    callback = options;
    options = args;
    args = [];
  } else if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = Object.assign({ encoding: 'utf8', maxBuffer: 1024 * 1024, killSignal: 'SIGTERM', timeout: 0 }, options || {});
  const child = spawn(file, args || [], options);
  const cmd = [file, ...(args || [])].join(' ');
  const shown = options.shell ? options[kCommand] || cmd : cmd;
  const out = [];
  const err = [];
  let ex = null;
  let timer = null;
  const decode = (chunks) => {
    const buf = typeof Buffer === 'function' ? Buffer.concat(chunks) : chunks.join('');
    return options.encoding && options.encoding !== 'buffer' && typeof buf.toString === 'function' ? buf.toString(options.encoding) : buf;
  };
  if (child.stdout) child.stdout.on('data', (d) => out.push(d));
  if (child.stderr) child.stderr.on('data', (d) => err.push(d));
  if (options.timeout > 0) {
    timer = setTimeout(() => { child.kill(options.killSignal); }, options.timeout);
  }
  function exithandler(code, signal) {
    if (timer) clearTimeout(timer);
    if (typeof callback !== 'function') return;
    const stdout = decode(out);
    const stderr = decode(err);
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (!ex) {
      ex = commandFailed(shown, stderr);
      ex.code = code < 0 ? code : code;
      ex.killed = child.killed;
      ex.signal = signal;
    }
    ex.cmd = shown;
    callback(ex, stdout, stderr);
  }
  child.on('error', (e) => {
    ex = e;
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    exithandler();
  });
  child.on('close', (code, signal) => { if (!ex || ex.code !== 'ENOENT') exithandler(code, signal); });
  return child;
}

const kCommand = Symbol('kCommand');

function exec(command, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = Object.assign({}, options || {});
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  options[kCommand] = command;
  return execFile(command, [], options, callback);
}

// --- The synchronous forms: the caller's thread blocks until the child ends ---

function spawnSync(file, args, options) {
  const norm = normalizeSpawnArguments(file, args, options);
  const opts = norm.options;
  const { modes } = normalizeStdio(opts.stdio, false);
  const plan = makePlan(norm, modes, false);
  if (plan === null) {
    const error = enoent(norm.file, norm.args);
    error.syscall = `spawnSync ${norm.file}`;
    error.message = `spawnSync ${norm.file} ENOENT`;
    return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  if (opts.input !== undefined) plan.input = opts.input;
  const res = binding.spawnSync(plan);
  const conv = (ab) => {
    if (ab === null) return null;
    const b = toBuffer(ab);
    return opts.encoding && opts.encoding !== 'buffer' ? b.toString(opts.encoding) : b;
  };
  const stdout = conv(res.stdout);
  const stderr = conv(res.stderr);
  return { status: res.status, signal: res.signal, output: [null, stdout, stderr], pid: res.pid, stdout, stderr };
}

function checkExecSyncError(ret, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
    delete err.error;
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ' + cmd;
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = new Error(msg);
    Object.assign(err, { status: ret.status, signal: ret.signal, output: ret.output, pid: ret.pid, stdout: ret.stdout, stderr: ret.stderr });
  }
  return err;
}

function execFileSync(file, args, options) {
  if (!Array.isArray(args) && args !== null && typeof args === 'object') {
    options = args;
    args = [];
  }
  options = Object.assign({}, options || {});
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args || [], options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, options.shell ? options[kCommand] : [file, ...(args || [])].join(' '));
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  options = Object.assign({}, options || {});
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  options[kCommand] = command;
  return execFileSync(command, [], options);
}

module.exports = {
  ChildProcess,
  exec,
  execFile,
  execFileSync,
  execSync,
  fork,
  spawn,
  spawnSync,
  _forkChild() {},
};
