// LabRunner owns the load lab's worker, shared by every lab on the page and started when the
// first lab runs. Only each lab's latest run is followed: chunks of an outdated run are
// dropped here, and the worker stops simulating it as soon as the newer request arrives.

const workerURL = 'assets/lab-worker.js';

export class LabRunner {
  constructor() {
    this.worker = null;
    this.nextId = 1;
    this.latest = new Map(); // lab → {id, onChunk, onError} of its latest run
  }

  start() {
    this.worker = new Worker(workerURL);
    this.worker.onmessage = (e) => {
      const m = e.data;
      const entry = [...this.latest].find(([, run]) => run.id === m.id);
      if (!entry) return;
      const [lab, run] = entry;
      if (m.type === 'error') {
        this.latest.delete(lab);
        run.onError(m.message);
        return;
      }
      if (m.chunk.done) this.latest.delete(lab);
      run.onChunk(m.chunk, m.ms);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      for (const run of this.latest.values()) run.onError(e.message || 'the lab stopped unexpectedly');
      this.latest.clear();
      this.worker = null; // the next run starts a fresh one
    };
  }

  // run simulates params for lab (any key naming one lab on the page), replacing that lab's
  // earlier run; onChunk(chunk, ms) receives each piece, ms being the time simulated so far.
  run(lab, params, { onChunk, onError }) {
    if (!this.worker) this.start();
    const id = this.nextId++;
    this.latest.set(lab, { id, onChunk, onError });
    this.worker.postMessage({ id, lab, params });
  }
}
