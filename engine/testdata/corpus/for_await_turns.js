async function* gen() { yield 1; yield 2; yield 3; }
(async () => { for await (const v of gen()) console.log('v', v); console.log('loop done'); })();
let p = Promise.resolve();
for (let i = 1; i <= 16; i++) p = p.then(() => console.log('t' + i));
