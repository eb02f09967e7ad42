async function* g() { const x = yield 'a'; console.log('got', x); try { yield 'b'; } finally { console.log('cleanup'); } }
const it = g();
it.next().then(r => console.log('n1', r));
it.next('X').then(r => console.log('n2', r));
it.return('R').then(r => console.log('ret', r));
let p = Promise.resolve();
for (let i = 1; i <= 10; i++) p = p.then(() => console.log('t' + i));
