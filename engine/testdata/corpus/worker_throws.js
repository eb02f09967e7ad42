const { Worker } = require('worker_threads');
const w = new Worker('throw new RangeError("in worker")', { eval: true });
w.on('error', (e) => console.log('error event', e.name, e.message));
w.on('exit', (c) => console.log('exit', c));
