// One of each: a timer, an immediate, a nextTick and a promise job, from the main module.
setTimeout(() => console.log('timeout'), 5);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise'));
console.log('main');
