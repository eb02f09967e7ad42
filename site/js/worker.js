// The engine's Web Worker. It loads Go's wasm_exec.js and the engine, then answers run
// requests. The page terminates this worker when a run takes too long (a `while (true) {}`
// never yields inside wasm) and starts a fresh one, so nothing here needs to be interruptible.
/* global Go, importScripts, looplabRun */

const started = performance.now();
// The download starts before wasm_exec.js is loaded (importScripts blocks).
const download = fetch('../engine.wasm');
importScripts('../wasm_exec.js');

let ready;

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
  const go = new Go();
  return WebAssembly.instantiateStreaming(download, go.importObject)
    .then(({ instance }) => {
      compiled = performance.now();
      // go.run resolves only when the Go program exits, which it never does.
      go.run(instance);
      return ready;
    });
}

let compiled;
const engine = loadEngine().then(() => {
  // The split tells download and compilation apart from the Go program's own start-up.
  const now = performance.now();
  self.postMessage({ type: 'ready', ms: now - started, compileMs: compiled - started, initMs: now - compiled });
}, (err) => {
  self.postMessage({ type: 'fatal', message: `The engine did not load: ${err.message}` });
  throw err;
});

self.onmessage = async (e) => {
  const { id, request } = e.data;
  await engine;
  if (needsModuleTransform(request)) await loadModuleTransform();
  self.postMessage({ type: 'result', id, reply: JSON.parse(looplabRun(JSON.stringify(request))) });
};
