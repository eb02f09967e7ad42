const { EventEmitter } = require('events');
class Job extends EventEmitter {}
const j = new Job();
j.once('done', function (v) { console.log('done', v, this === j); });
console.log(j.emit('done', 1), j.emit('done', 2));
j.setMaxListeners(1);
j.on('x', () => {}); j.on('x', () => {});
process.on('warning', (w) => console.log('warning', w.name, w.message.slice(0, 40)));
