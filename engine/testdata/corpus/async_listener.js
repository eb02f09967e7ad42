const EventEmitter = require('events');
const e = new EventEmitter();
e.on('data', async (x) => { await null; console.log('async listener', x); });
e.on('data', (x) => console.log('sync listener', x));
e.emit('data', 1);
console.log('after emit');
process.nextTick(() => e.emit('data', 2));
