async function* gen() { yield 1; await null; yield 2; }
(async () => { for await (const v of gen()) console.log('v', v); })();
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3')).then(() => console.log('p4'));
