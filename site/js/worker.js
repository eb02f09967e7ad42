// The engine's Web Worker. It loads Go's wasm_exec.js and the engine, then answers run
// requests. The page terminates this worker when a run takes too long (a `while (true) {}`
// never yields inside wasm) and starts a fresh one, so nothing here needs to be interruptible.
/* global Go, importScripts, looplabRun */

importScripts('../wasm_exec.js');

const started = performance.now();
let ready;

// The ES-module transform is a second, lazily loaded module (esm.wasm, built from esbuild),
// kept out of engine.wasm to hold its size budget. Until that module is built, a module
// program is refused with a message rather than run wrongly.
function needsModuleTransform(request) {
  return request.main.endsWith('.mjs');
}

function loadEngine() {
  ready = new Promise((resolve) => {
    self.looplabReady = resolve;
  });
  const go = new Go();
  return WebAssembly.instantiateStreaming(fetch('../engine.wasm'), go.importObject)
    .then(({ instance }) => {
      // go.run resolves only when the Go program exits, which it never does.
      go.run(instance);
      return ready;
    });
}

const engine = loadEngine().then(() => {
  self.postMessage({ type: 'ready', ms: performance.now() - started });
}, (err) => {
  self.postMessage({ type: 'fatal', message: `The engine did not load: ${err.message}` });
  throw err;
});

self.onmessage = async (e) => {
  const { id, request } = e.data;
  await engine;
  if (needsModuleTransform(request)) {
    self.postMessage({ type: 'result', id, reply: {
      exitCode: -1,
      error: 'ES module programs (.mjs) need the module transform, which this build does not include yet.',
    } });
    return;
  }
  const t0 = performance.now();
  const reply = JSON.parse(looplabRun(JSON.stringify(request)));
  reply.runMs = performance.now() - t0;
  self.postMessage({ type: 'result', id, reply });
};
