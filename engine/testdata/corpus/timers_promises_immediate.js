const { setImmediate: si } = require('timers/promises');
(async () => {
  console.log('a');
  await si();
  console.log('b');
  process.nextTick(() => console.log('tick'));
  await null;
  console.log('c');
})();
setImmediate(() => console.log('plain immediate'));
