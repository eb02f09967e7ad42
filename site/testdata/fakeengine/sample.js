const fs = require('fs');
console.log('Task 1');
setTimeout(() => {
  console.log('timeout');
}, 0);
fs.readFile(__filename, () => {
  console.log('file read');
  setImmediate(() => console.log('immediate'));
});
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
console.log('Task 3');
