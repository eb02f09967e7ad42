// The load lab's Web Worker. It loads lab.wasm (package lab, see wasm/lab) and answers run
// requests with a stream of chunks, one every few tens of milliseconds, so the page draws the
// charts while the simulation runs. Between chunks it yields, so a newer request from the same
// lab (a slider moved again) is seen at once and the older run simply stops: no worker is
// terminated. Requests from different labs on one page take turns.
/* global Go, importScripts, looplabLabStart, looplabLabStep */

const download = fetch('../lab.wasm');
importScripts('../wasm_exec.js');

const ready = new Promise((resolve, reject) => {
  self.looplabLabReady = resolve;
  const go = new Go();
  WebAssembly.instantiateStreaming(download, go.importObject).then(({ instance }) => go.run(instance), reject);
});

// A chunk should take about this long to simulate: short enough for the page to stay lively,
// long enough that posting the chunks costs little.
const CHUNK_MS = 40;

const pending = new Map(); // lab → its latest request not yet started
let draining = false;

self.onmessage = (e) => {
  pending.set(e.data.lab, e.data);
  if (!draining) drain();
};

async function drain() {
  draining = true;
  try {
    await ready;
  } catch (err) {
    for (const { id } of pending.values()) self.postMessage({ type: 'error', id, message: `The lab did not load: ${err.message}` });
    pending.clear();
    draining = false;
    return;
  }
  while (pending.size > 0) {
    const request = pending.values().next().value;
    pending.delete(request.lab);
    await simulate(request);
  }
  draining = false;
}

async function simulate({ id, lab, params }) {
  const refused = looplabLabStart(JSON.stringify(params));
  if (refused) {
    self.postMessage({ type: 'error', id, message: refused });
    return;
  }
  const started = performance.now();
  let windows = 2;
  for (;;) {
    const t = performance.now();
    const chunk = JSON.parse(looplabLabStep(windows));
    const took = performance.now() - t;
    windows = Math.max(1, Math.min(64, Math.round(windows * CHUNK_MS / Math.max(took, 1))));
    self.postMessage({ type: 'chunk', id, chunk, ms: performance.now() - started });
    if (chunk.done) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (pending.has(lab)) return; // outdated: the lab asked for another run
  }
}
