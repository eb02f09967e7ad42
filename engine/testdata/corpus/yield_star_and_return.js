async function* inner() { yield 1; }
async function* outer() { yield* inner(); const v = await 5; return v; }
(async () => { for await (const v of outer()) console.log(v); })();
