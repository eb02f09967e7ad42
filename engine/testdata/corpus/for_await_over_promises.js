(async () => { for await (const v of [Promise.resolve(1), 2, Promise.resolve(3)]) console.log('v', v); console.log('done'); })();
let p = Promise.resolve();
for (let i = 1; i <= 12; i++) p = p.then(() => console.log('t' + i));
