// The engine's Web Worker. It loads Go's wasm_exec.js and the engine, then answers run
// requests. The page terminates this worker when a run takes too long (a `while (true) {}`
// never yields inside wasm) and starts a fresh one, so nothing here needs to be interruptible.
/* global Go, importScripts, looplabRun */

const started = performance.now();

let ready;

// The first worker (started by site/js/boot.js) downloads and compiles the engine itself, at
// once, and sends the compiled WebAssembly.Module to the page. A worker the page starts again
// after a time limit or a crash is named 'restart' and waits for the page's first message,
// {type: 'engine', module}: it only instantiates that module, with no second download or
// compilation, reusing the machine code V8 already made (module null: load it here after all).
// (The first worker does not wait for a message: one posted to a starting worker is delivered
// only when the page's busy thread gets to it, measured at up to 250 ms.)
let handOver;
const given = self.name === 'restart' ? new Promise((resolve) => { handOver = resolve; }) : Promise.resolve(null);

// The ES-module transform is a second wasm module (esm.wasm, esbuild inside), kept out of
// engine.wasm to hold its size budget and loaded into this worker the first time a program
// looks like it needs it. The test only decides what to download: the engine decides what the
// syntax means, and a program that needed the transform without it gets the engine's error.
const MODULE_SYNTAX = /\b(import|export)\b|for\s+await|async\s*(function\s*)?\*/;
let syntax;

function needsModuleTransform(request) {
  return request.main.endsWith('.mjs') || Object.values(request.files).some((src) => MODULE_SYNTAX.test(src));
}

function loadModuleTransform() {
  syntax ??= new Promise((resolve) => {
    self.looplabSyntaxReady = resolve;
    const go = new Go();
    WebAssembly.instantiateStreaming(fetch('../esm.wasm'), go.importObject).then(({ instance }) => go.run(instance));
  });
  return syntax;
}

function loadEngine() {
  ready = new Promise((resolve) => {
    self.looplabReady = resolve;
  });
  return given.then((module) => {
    // The download starts before wasm_exec.js is loaded (importScripts blocks).
    const download = module ? null : fetch('../engine.wasm');
    importScripts('../wasm_exec.js');
    keepGoOutput();
    const go = new Go();
    // Compiled and instantiated in two steps (as instantiateStreaming would) to time each.
    const compiling = module ? Promise.resolve(module) : WebAssembly.compileStreaming(download);
    return compiling.then((m) => {
      compiled = performance.now();
      return WebAssembly.instantiate(m, go.importObject).then((instance) => ({ instance, module: module ? null : m }));
    }).then(({ instance, module: compiledHere }) => {
      instantiated = performance.now();
      // The page keeps the module for the next worker it has to start.
      if (compiledHere) self.postMessage({ type: 'module', module: compiledHere });
      // go.run resolves only when the Go program exits, which it does only if the Go runtime
      // dies (a fatal error such as running out of memory): the page is told, and starts a
      // fresh worker.
      go.run(instance).then(() => died());
      return ready;
    });
  });
}

// WARM_UP is run shortly after 'ready' is reported, one small program per task, until a real
// run arrives (a run that comes first warms the engine up itself). The first run in a fresh
// engine costs about half a second more than later ones: V8 compiles each wasm function the
// first time it is called and optimizes the hot ones later, and the engine compiles its Node
// library modules on first use. Paying that while the reader is still reading makes their first
// Run about as quick as the next; a Run pressed meanwhile waits at most for the step under way,
// which it would largely have paid for itself. The programs touch what lesson programs use
// most: the console, timers, immediates, nextTick, promises, async functions, a loop, and the
// thread pool (fs). Their results are dropped: every run gets a fresh simulated process, so a
// warm-up changes no later run's output or trace.
const WARM_UP = [
  { '/app/main.js': "console.log('warm');" },
  {
    '/app/main.js': `let total = 0;
for (let i = 0; i < 2000; i++) total += i;
setTimeout(() => console.log('timeout', total), 0);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise'));
(async () => { await null; console.error('async'); })();
`,
  },
  {
    '/app/main.js': `const fs = require('fs');
const path = require('path');
fs.readFile(path.join(__dirname, 'data.txt'), 'utf8', (err, data) => console.log('read', data.length));
`,
    '/app/data.txt': 'warm',
  },
].map((files) => JSON.stringify({ files, main: '/app/main.js' }));
let warmed = false;
// The warm-up waits a little after 'ready': a page reloaded while its worker is warming up was
// measured to load up to 0.5 s slower, and the page is still settling in that first moment.
const WARM_UP_AFTER_MS = 500;

function warmUp(step) {
  if (warmed || step === WARM_UP.length) {
    warmed = true;
    return;
  }
  looplabRun(WARM_UP[step]);
  setTimeout(() => warmUp(step + 1), 0);
}

// lastWords is the first line in which the Go runtime said it is failing ("fatal error: out
// of memory", "panic: ..."; wasm_exec.js sends its output to the console), before its stack
// dump: when it dies, that says why.
let lastWords = '';

function keepGoOutput() {
  const decoder = new TextDecoder('utf-8');
  const write = globalThis.fs.writeSync.bind(globalThis.fs);
  let line = ''; // the runtime writes a line in pieces
  globalThis.fs.writeSync = (fd, buf) => {
    if (!lastWords) {
      const lines = (line + decoder.decode(buf)).split('\n');
      line = lines.pop();
      lastWords = lines.find((l) => /^(fatal error|panic):/.test(l)) || '';
    }
    return write(fd, buf);
  };
}

let dead = false;

// died tells the page, once, that the engine stopped and why (the Go runtime's last words, or
// what the call into it threw); this worker can run nothing more.
function died(thrown) {
  if (dead) return;
  dead = true;
  const why = lastWords || thrown || 'its Go runtime exited';
  self.postMessage({ type: 'died', message: why });
}

let compiled;
let instantiated;
const engine = loadEngine().then(() => {
  // The split tells download and compilation apart from the Go program's own start-up.
  const now = performance.now();
  self.postMessage({
    type: 'ready', ms: now - started, compileMs: compiled - started, instantiateMs: instantiated - compiled, initMs: now - instantiated,
    // For the size and speed report: when this worker started, on the page's clock.
    timing: { origin: performance.timeOrigin, started },
  });
  setTimeout(() => warmUp(0), WARM_UP_AFTER_MS);
}, (err) => {
  self.postMessage({ type: 'fatal', message: `The engine did not load: ${err.message}` });
  throw err;
});

self.onmessage = async (e) => {
  if (e.data.type === 'engine') {
    handOver(e.data.module);
    return;
  }
  const { id, request } = e.data;
  warmed = true;
  await engine;
  if (needsModuleTransform(request)) await loadModuleTransform();
  if (dead) {
    died();
    return;
  }
  // A Go runtime that dies during the call returns nothing (wasm_exec.js); looplabRun also
  // throws once it is dead.
  let reply;
  let thrown;
  try {
    reply = looplabRun(JSON.stringify(request));
  } catch (err) {
    thrown = String(err && err.message);
  }
  if (typeof reply !== 'string') {
    died(thrown);
    return;
  }
  self.postMessage({ type: 'result', id, reply: JSON.parse(reply) });
};
