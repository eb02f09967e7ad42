const util = require('util');
console.log(util.inspect({ a: [1, 2, { b: new Map([[1, { c: new Set([1]) }]]) }], d: () => {}, e: Symbol('s') }, { depth: 4 }));
console.log(util.format('%s %d %i %j %o', 'str', 4.5, 4.5, { a: 1 }, [1]));
console.log([new Error('e').message, util.types.isPromise(Promise.resolve())]);
class Foo { constructor() { this.x = 1; } }
console.log(new Foo(), [undefined, null], { 'a-b': 1 });
console.log(Buffer.from('hi'), new Uint8Array(3), 10n, -0, [ , 1]);
