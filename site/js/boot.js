// boot.js runs in the head of every page with a playground (site/pagegen inlines it there),
// before the page's large script is even downloaded: it starts the engine's worker at once, so
// downloading and compiling the wasm overlaps with everything else. Messages that arrive before
// the Runner adopts the worker are kept for it.
const worker = new Worker('assets/worker.js');
const early = [];
worker.onmessage = (e) => early.push(e);
worker.onerror = (e) => { e.preventDefault(); early.push(e); };
self.looplabBoot = { worker, early };
