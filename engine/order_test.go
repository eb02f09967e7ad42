package engine

import "testing"

// Each rule is one fact about Node's ordering, checked against Node 20 by hand (the
// conformance corpus checks the same facts against recorded output of real Node).
func TestOrderRules(t *testing.T) {
	rules := []struct{ name, src, want string }{
		{"sync code first, then nextTick, then promises",
			`setTimeout(() => console.log('t'), 0); Promise.resolve().then(() => console.log('p')); process.nextTick(() => console.log('n')); console.log('s')`,
			"s n p t"},
		{"nextTick queued by a promise job waits for all promise jobs",
			`Promise.resolve().then(() => { console.log('p1'); process.nextTick(() => console.log('n')); }); Promise.resolve().then(() => console.log('p2'))`,
			"p1 p2 n"},
		{"promise job queued by a nextTick runs after every tick",
			`process.nextTick(() => { console.log('n1'); Promise.resolve().then(() => console.log('p')); }); process.nextTick(() => console.log('n2'))`,
			"n1 n2 p"},
		{"queueMicrotask shares the promise FIFO",
			`Promise.resolve().then(() => console.log('p1')); queueMicrotask(() => console.log('q')); Promise.resolve().then(() => console.log('p2'))`,
			"p1 q p2"},
		{"microtasks drain between timers of one phase",
			`setTimeout(() => { console.log('t1'); Promise.resolve().then(() => console.log('p')); process.nextTick(() => console.log('n')); }, 5); setTimeout(() => console.log('t2'), 5)`,
			"t1 n p t2"},
		{"microtasks drain between immediates",
			`setImmediate(() => { console.log('i1'); process.nextTick(() => console.log('n')); }); setImmediate(() => console.log('i2'))`,
			"i1 n i2"},
		{"an immediate queued by an immediate waits for the next turn",
			`setImmediate(() => { console.log('a'); setImmediate(() => console.log('c')); }); setImmediate(() => console.log('b'))`,
			"a b c"},
		{"timers fire by delay, not by creation",
			`setTimeout(() => console.log('30'), 30); setTimeout(() => console.log('10'), 10); setTimeout(() => console.log('20'), 20)`,
			"10 20 30"},
		{"delays 0, 1, negative and NaN are all 1 ms and keep insertion order",
			`setTimeout(() => console.log('a'), 1); setTimeout(() => console.log('b'), 0); setTimeout(() => console.log('c'), -5); setTimeout(() => console.log('d'), NaN); setTimeout(() => console.log('e'))`,
			"a b c d e"},
		{"per-duration lists: X Y Z after a 20 ms block (ENGINE-NOTES)",
			`const t0 = Date.now(); const wait = (ms) => { while (Date.now() - t0 < ms) {} };
			 setTimeout(() => console.log('X'), 10); wait(6);
			 setTimeout(() => console.log('Y'), 10); wait(7);
			 setTimeout(() => console.log('Z'), 5); wait(27);`,
			"X Y Z"},
		{"clearTimeout from another timer of the same expiry",
			`let b; setTimeout(() => { console.log('a'); clearTimeout(b); }, 5); b = setTimeout(() => console.log('b'), 5); setTimeout(() => console.log('c'), 5)`,
			"a c"},
		{"setInterval runs until cleared",
			`let n = 0; const iv = setInterval(() => { console.log('i' + (++n)); if (n === 3) clearInterval(iv); }, 10)`,
			"i1 i2 i3"},
		{"unref'd timer does not hold the loop",
			`setTimeout(() => console.log('never'), 100).unref(); setTimeout(() => console.log('ref'), 10)`,
			"ref"},
		{"refresh restarts the countdown",
			`const t = setTimeout(() => console.log('refreshed'), 20); setTimeout(() => { console.log('mark'); t.refresh(); }, 15); setTimeout(() => console.log('later'), 30)`,
			"mark later refreshed"},
		{"beforeExit fires when the loop empties and can add work",
			`let n = 0; process.on('beforeExit', () => { if (n++ < 2) setTimeout(() => console.log('again' + n), 1); }); process.on('exit', (c) => console.log('exit', c))`,
			"again1 again2 exit 0"},
		{"exit listeners run once with the exit code",
			`process.on('exit', (c) => console.log('code', c)); process.exitCode = 3`,
			"code 3"},
		{"process.exit stops at once",
			`setTimeout(() => console.log('never'), 0); process.nextTick(() => console.log('never')); process.exit(0); console.log('never')`,
			""},
		{"await resumes after sync code, interleaving with then-chains",
			`(async () => { console.log('a1'); await null; console.log('a2'); await null; console.log('a3'); })();
			 Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')); console.log('s')`,
			"a1 s a2 p1 a3 p2"},
		{"an async function returning a promise takes two more turns",
			`(async () => Promise.resolve('x'))().then(() => console.log('async')); Promise.resolve().then(() => console.log('1')).then(() => console.log('2')).then(() => console.log('3'))`,
			"1 2 async 3"},
		{"uncaughtException handler lets the loop go on",
			`process.on('uncaughtException', (e) => console.log('caught', e.message)); setTimeout(() => { throw new Error('x'); }, 1); setTimeout(() => console.log('after'), 2)`,
			"caught x after"},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) { expectOrder(t, r.src, r.want) })
	}
}
