const EventEmitter = require('events');
const e = new EventEmitter();
e.on('error', (err) => console.log('handled', err.message));
e.emit('error', new Error('boom'));
const { once } = require('events');
(async () => {
  setTimeout(() => e.emit('ready', 1, 2), 5);
  const args = await once(e, 'ready');
  console.log(args);
  console.log(e.listenerCount('ready'), e.eventNames());
})();
e.prependListener('x', () => console.log('second-added first'));
e.on('x', () => console.log('plain'));
e.prependOnceListener('x', () => console.log('once first'));
e.emit('x'); e.emit('x');
