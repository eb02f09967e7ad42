package engine

import "testing"

// Async generators, yield* and for await take exactly the microtask turns that V8 takes: each
// program races them against a chain of .then. The expected output is real node's (v20).
func TestAsyncGeneratorsTakeTheSpecsTurns(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"for await over an async generator", `async function* gen() { yield 1; yield 2; yield 3; }
(async () => { for await (const v of gen()) console.log('v', v); console.log('loop done'); })();
let p = Promise.resolve();
for (let i = 1; i <= 16; i++) p = p.then(() => console.log('t' + i));
`, `t1
v 1
t2
t3
v 2
t4
t5
v 3
t6
loop done
t7
t8
t9
t10
t11
t12
t13
t14
t15
t16
`},
		{"next, next and return queued at once", `async function* g() { const x = yield 'a'; console.log('got', x); try { yield 'b'; } finally { console.log('cleanup'); } }
const it = g();
it.next().then(r => console.log('n1', r));
it.next('X').then(r => console.log('n2', r));
it.return('R').then(r => console.log('ret', r));
let p = Promise.resolve();
for (let i = 1; i <= 10; i++) p = p.then(() => console.log('t' + i));
`, `got X
t1
n1 { value: 'a', done: false }
t2
n2 { value: 'b', done: false }
cleanup
t3
ret { value: 'R', done: true }
t4
t5
t6
t7
t8
t9
t10
`},
		{"yield*, return, throw and finally", `async function* g1() { yield 1; return 'r'; }
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
`, `t1
t2
g3 1
t3
t4
delegated r
t5
t6
t7
g3 10
t8
t9
t10
g3 20
t11
t12
t13
t14
t15
{ value: 1, done: false }
t16
fin
t17
fin2
t18
{ value: 'early', done: true }
t19
{ value: undefined, done: true }
t20
t21
caught rej
t22
t23
t24
t25
[
  { value: 1, done: false },
  { value: 'r', done: true },
  { value: undefined, done: true }
]
t26
t27
fin
t28
fin2
t29
t30
rejected thrown
[object AsyncGenerator] function
t31
t32
t33
t34
t35
t36
t37
t38
t39
t40
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := runJS(t, "main.js", c.src, func(o *Options) { o.Syntax = testSyntax })
			if res.Stdout != c.want {
				t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", res.Stdout, c.want, res.Stderr)
			}
		})
	}
}
