process.on('exit', (c) => console.log('exit', c, process.exitCode));
process.on('beforeExit', () => { console.log('beforeExit'); });
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick'));
process.exitCode = 3;
