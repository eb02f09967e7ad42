// Runner owns the engine's Web Worker. The engine never runs on the page's thread; a run that
// passes the time limit, or a worker that crashes, is ended by terminating the worker, and a
// fresh one is started at once so the next run does not wait for a reload.

const workerURL = 'assets/worker.js';

export class Runner {
  constructor({ timeLimitMs = 10000, onStatus = () => {} } = {}) {
    this.timeLimitMs = timeLimitMs;
    this.onStatus = onStatus;
    this.nextId = 1;
    // The first worker was started by boot.js, early in the page's head.
    const boot = self.looplabBoot;
    delete self.looplabBoot;
    // The engine module the first worker compiled and sent; later workers only instantiate it.
    this.module = null;
    this.start(boot);
  }

  start(boot) {
    if (boot) {
      this.worker = boot.worker;
    } else {
      // Named 'restart': it waits for the module the first worker compiled (see worker.js).
      this.worker = new Worker(workerURL, { name: 'restart' });
      this.worker.postMessage({ type: 'engine', module: this.module });
    }
    this.pending = null;
    this.readyAt = null;
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (e) => {
        const m = e.data;
        if (m.type === 'module') {
          this.module = m.module;
        } else if (m.type === 'ready') {
          this.readyAt = performance.now();
          this.onStatus('ready', m);
          resolve();
        } else if (m.type === 'fatal') {
          reject(new Error(m.message));
        } else if (m.type === 'died' && this.readyAt === null) {
          reject(new Error(`The engine stopped while starting: ${m.message}`)); // no restarting in a loop
        } else if (m.type === 'died') {
          // The engine's Go runtime is gone: the run, if any, ends so, and a fresh worker starts.
          this.restart({ kind: 'died', message: m.message });
        } else if (m.type === 'result' && this.pending && this.pending.id === m.id) {
          if (m.reply.internal) {
            // The engine reported a bug of its own: its state is suspect, so it is replaced.
            this.restart({ kind: 'died', message: `internal engine error: ${m.reply.internal}` });
          } else {
            this.finish({ kind: 'done', reply: m.reply });
          }
        }
      };
      this.worker.onerror = (e) => {
        e.preventDefault();
        const message = e.message || 'the engine stopped unexpectedly';
        if (this.pending) {
          this.restart({ kind: 'crashed', message });
        } else {
          reject(new Error(message));
        }
      };
      for (const e of boot ? boot.early : []) {
        (e.type === 'error' ? this.worker.onerror : this.worker.onmessage)(e);
      }
    });
    this.ready.catch((err) => this.onStatus('failed', err.message));
  }

  // run resolves to {kind: 'done', reply}, {kind: 'timeout', ms}, {kind: 'crashed', message} (the
  // worker failed) or {kind: 'died', message} (the engine in it stopped).
  async run(request) {
    if (this.pending) {
      this.restart({ kind: 'superseded' });
    }
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.restart({ kind: 'timeout', ms: this.timeLimitMs }), this.timeLimitMs);
      this.pending = { id, resolve, timer };
      this.worker.postMessage({ id, request });
    });
  }

  finish(outcome) {
    const p = this.pending;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(outcome);
  }

  restart(outcome) {
    this.worker.terminate();
    if (this.pending) {
      this.finish(outcome);
    }
    this.start();
  }
}
