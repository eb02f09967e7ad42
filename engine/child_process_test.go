package engine

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"looplab/engine/trace"
)

// Tests of child_process, run through engine.Run in deterministic mode. Expected outputs were
// checked against Node v20.20.2 where Node's order does not depend on timing.

func TestForkIPCRoundTripAndEvents(t *testing.T) {
	res := expectStdout(t, `
const { fork } = require('child_process');
if (process.argv[2] === 'child') {
  process.on('message', (m) => {
    process.send({ echo: m, pid: process.pid, ppid: process.ppid, argv: process.argv.slice(2) });
    process.exitCode = 5;
    process.disconnect();
  });
} else {
  const child = fork(__filename, ['child', 'x']);
  console.log('pid', child.pid, 'connected', child.connected);
  child.on('spawn', () => console.log('spawn'));
  child.on('message', (m) => console.log('reply', JSON.stringify(m)));
  for (const e of ['disconnect', 'exit', 'close']) child.on(e, (...a) => console.log(e, JSON.stringify(a), child.connected));
  child.send({ q: 1 });
}
`, `pid 4243 connected true
spawn
reply {"echo":{"q":1},"pid":4243,"ppid":4242,"argv":["child","x"]}
disconnect [] false
exit [5,null] false
close [5,null] false
`)
	if res.ExitCode != 0 {
		t.Errorf("exit code %d", res.ExitCode)
	}
}

func TestForkKillAndSignalListener(t *testing.T) {
	expectStdout(t, `
const { fork } = require('child_process');
if (process.argv[2] === 'sleep') {
  process.on('message', () => {});
  setTimeout(() => {}, 100000);
} else if (process.argv[2] === 'trap') {
  process.on('SIGTERM', (s) => { console.log('child got', s); process.exit(0); });
  process.on('message', () => {});
  process.send('ready');
} else {
  const s = fork(__filename, ['sleep']);
  s.on('exit', (code, sig) => {
    console.log('sleep exit', code, sig, s.killed, s.signalCode);
    const t = fork(__filename, ['trap']);
    t.on('message', () => console.log('kill ->', t.kill()));
    t.on('exit', (code, sig) => console.log('trap exit', code, sig, 'kill again ->', t.kill()));
  });
  setTimeout(() => console.log('kill ->', s.kill()), 100);
}
`, `kill -> true
sleep exit null SIGTERM true SIGTERM
kill -> true
child got SIGTERM
trap exit 0 null kill again -> false
`)
}

// A forked child's channel keeps it alive only while it has 'message' (or 'disconnect')
// listeners: a child that only sends exits while still connected, and the parent sees the
// channel close before the exit.
func TestForkChildWithoutListenersExits(t *testing.T) {
	expectStdout(t, `
const { fork } = require('child_process');
if (process.argv[2]) process.send('hi from ' + process.argv[2]);
else {
  const c = fork(__filename, ['child']);
  const ev = [];
  c.on('message', (m) => ev.push(m));
  for (const e of ['disconnect', 'exit', 'close']) c.on(e, () => { ev.push(e); if (e === 'close') console.log(ev.join(', ')); });
}
`, "hi from child, disconnect, exit, close\n")
}

func TestForkSilentPipesStdio(t *testing.T) {
	expectStdout(t, `
const { fork } = require('child_process');
if (process.argv[2]) { console.log('out line'); console.error('err line'); }
else {
  const c = fork(__filename, ['child'], { silent: true });
  let out = '', err = '';
  c.stdout.on('data', (d) => (out += d));
  c.stderr.on('data', (d) => (err += d));
  c.on('close', (code) => console.log(JSON.stringify(out), JSON.stringify(err), code));
}
`, `"out line\n" "err line\n" 0
`)
}

func TestForkInheritsStdoutAndAdvancedSerialization(t *testing.T) {
	expectStdout(t, `
const { fork } = require('child_process');
if (process.argv[2]) {
  process.on('message', (m) => {
    console.log('child sees', m instanceof Map, m.get('k') instanceof Date, process.env.FROM);
    process.disconnect();
  });
} else {
  const c = fork(__filename, ['child'], { serialization: 'advanced', env: { FROM: 'parent' } });
  c.send(new Map([['k', new Date(0)]]));
  c.on('exit', () => console.log('parent done'));
}
`, "child sees true true parent\nparent done\n")
}

func TestExecFamily(t *testing.T) {
	expectStdout(t, `
const cp = require('child_process');
cp.exec('echo hi "there  you"', (err, out) => {
  console.log('echo', err, JSON.stringify(out));
  cp.exec('nosuchprog x', (err, out, errout) => {
    console.log('missing', err.code, JSON.stringify(errout));
    const s = cp.spawn('nosuchprog', ['a']);
    s.on('error', (e) => console.log('error', e.message, e.code, e.errno, e.path, JSON.stringify(e.spawnargs)));
    s.on('close', (code, sig) => {
      console.log('close', code, sig);
      cp.execFile(process.execPath, ['-p', '6 * 7'], (err, out) => console.log('-p', JSON.stringify(out)));
    });
  });
});
`, `echo null "hi there  you\n"
missing 127 "/bin/sh: 1: nosuchprog: not found\n"
error spawn nosuchprog ENOENT ENOENT -2 nosuchprog ["a"]
close -2 null
-p "42\n"
`)
}

func TestSpawnStdinAndSyncForms(t *testing.T) {
	expectStdout(t, `
const cp = require('child_process');
const r = cp.spawnSync(process.execPath, ['-e', 'console.log(1); console.error(2); process.exit(5)']);
console.log('spawnSync', r.status, r.signal, JSON.stringify(String(r.stdout)), JSON.stringify(String(r.stderr)));
console.log('execSync', JSON.stringify(String(cp.execSync('echo sync'))));
try { cp.execFileSync(process.execPath, ['-e', 'process.exit(2)']); } catch (e) { console.log('execFileSync threw', e.status); }
console.log('input', cp.execFileSync('cat', { input: 'piped in' }).toString());
const c = cp.spawn(process.execPath, ['-e', "let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => process.stdout.write(s.toUpperCase()))"]);
c.stdout.on('data', (d) => console.log('upper', String(d)));
c.stdin.write('abc');
c.stdin.end('def');
`, `spawnSync 5 null "1\n" "2\n"
execSync "sync\n"
execFileSync threw 2
input piped in
upper ABCDEF
`)
}

func TestForkTraceAndCosts(t *testing.T) {
	res := runJS(t, "main.js", `
const { fork } = require('child_process');
if (process.argv[2]) { process.send('ready'); }
else {
  const t0 = performance.now();
  fork(__filename, ['child']).on('message', () => console.log('first message after 40 ms:', performance.now() - t0 >= 40));
}
`)
	if res.Stdout != "first message after 40 ms: true\n" {
		t.Fatalf("stdout %q, stderr %s", res.Stdout, res.Stderr)
	}
	var start, exit, received *trace.Event
	for i, e := range res.Trace.Events {
		switch {
		case e.Kind == trace.ThreadStart && e.Role == "process":
			start = &res.Trace.Events[i]
		case e.Kind == trace.Enqueue && e.Label == "message from process 4243":
			received = &res.Trace.Events[i]
		case e.Kind == trace.ThreadExit && start != nil && e.Thread == start.Thread:
			exit = &res.Trace.Events[i]
		}
	}
	if start == nil || exit == nil || received == nil {
		t.Fatalf("missing events: start %v exit %v message %v", start, exit, received)
	}
	if start.Parent != 0 || start.N != 4243 || start.Cause == 0 || !strings.HasPrefix(start.Name, "process 4243") {
		t.Errorf("process start event: %+v", *start)
	}
	if exit.Code == nil || *exit.Code != 0 {
		t.Errorf("process exit event: %+v", *exit)
	}
	if received.Thread != 0 || received.Cause == 0 || received.T < 40*time.Millisecond {
		t.Errorf("message event: %+v", *received)
	}
}

func TestMemoryUsagePerProcess(t *testing.T) {
	expectStdout(t, `
const { fork } = require('child_process');
const { Worker } = require('worker_threads');
if (process.argv[2]) { process.send(process.memoryUsage()); process.disconnect(); }
else {
  const base = process.memoryUsage().rss;
  const w = new Worker('setTimeout(() => {}, 10)', { eval: true });
  w.on('online', () => {
    const added = process.memoryUsage().rss - base;
    fork(__filename, ['c']).on('message', (m) => {
      console.log(Object.keys(m).join(), m.rss > base, m.rss > 4 * added, added > 0);
    });
  });
}
`, "rss,heapTotal,heapUsed,external,arrayBuffers true true true\n")
}

func TestForkDeterministicTrace(t *testing.T) {
	src := `
const { fork } = require('child_process');
if (process.argv[2]) process.on('message', (n) => { process.send(n * 2); if (n > 2) process.disconnect(); });
else { const c = fork(__filename, ['c']); c.on('message', (n) => { console.log(n); c.send(n); }); c.send(1); }
`
	a, _ := json.Marshal(runJS(t, "main.js", src).Trace)
	b, _ := json.Marshal(runJS(t, "main.js", src).Trace)
	if string(a) != string(b) {
		t.Error("two deterministic runs gave different traces")
	}
}

// Each process has its own thread pool: a child's pool threads are named after it and hang
// under its lane in the trace.
func TestChildPoolThreadsSayWhoseTheyAre(t *testing.T) {
	res := runJS(t, "main.js", `
const { fork } = require('child_process');
const fs = require('fs');
if (process.argv[2]) fs.stat(__filename, () => process.exit(0));
else fork(__filename, ['child']).on('exit', () => fs.stat(__filename, () => {}));
`)
	child := -1
	names := map[string]int{} // pool thread name → parent lane
	for _, e := range res.Trace.Events {
		if e.Kind == trace.ThreadStart && e.Role == "process" {
			child = e.Thread
		}
		if e.Kind == trace.ThreadStart && e.Role == "pool" {
			names[e.Name] = e.Parent
		}
	}
	if p, ok := names["pool thread 1 of process 4243"]; !ok || p != child {
		t.Errorf("child's pool thread: %v (child lane %d)", names, child)
	}
	if p, ok := names["pool thread 1"]; !ok || p != 0 {
		t.Errorf("main process's pool thread: %v", names)
	}
}
