const t = setTimeout(() => console.log('unref fired?'), 50);
t.unref();
setTimeout(() => { console.log('ref 100'); }, 100);
const im = setImmediate(() => console.log('cleared imm'));
clearImmediate(im);
process.on('beforeExit', () => console.log('beforeExit', process.exitCode));
