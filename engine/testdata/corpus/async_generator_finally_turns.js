async function* g1() { yield 1; return 'r'; }
async function* g2() { try { yield 1; yield 2; } finally { console.log('fin'); await null; console.log('fin2'); } }
async function* g3() { const r = yield* g1(); console.log('delegated', r); yield* [10, Promise.resolve(20)]; }
async function* g4() { yield Promise.reject(new Error('rej')); }
(async () => {
  for await (const v of g3()) console.log('g3', v);
  const it = g2(); console.log(await it.next()); console.log(await it.return('early')); console.log(await it.next());
  try { for await (const v of g4()) console.log(v); } catch (e) { console.log('caught', e.message); }
  const it1 = g1(); console.log(await Promise.all([it1.next(), it1.next(), it1.next()]));
  const t = g2(); await t.next(); console.log(await t.throw(new Error('thrown')).catch(e => 'rejected ' + e.message));
  console.log(Object.prototype.toString.call(g1()), typeof g1().next);
})();
let p = Promise.resolve();
for (let i = 1; i <= 40; i++) p = p.then(() => console.log('t' + i));
