package engine

import (
	"strings"
	"testing"

	"looplab/engine/trace"
)

// Tests of cluster, run through engine.Run in deterministic mode. Every expected output was
// checked against Node v20.20.2 (`node main.js`); where Node's order depends on timing (which
// of several processes dies first), the programs print only what does not.

func TestClusterLifecycleEvents(t *testing.T) {
	expectStdout(t, `
const cluster = require('cluster');
const http = require('http');
if (cluster.isPrimary) {
  console.log('primary', cluster.isMaster, cluster.isWorker, cluster.schedulingPolicy === cluster.SCHED_RR, JSON.stringify(cluster.settings));
  cluster.on('setup', (s) => console.log('setup', s.exec === __filename, JSON.stringify(s.args), s.silent));
  const w = cluster.fork({ FOO: 'bar' });
  console.log('forked', w.id, w.state, w.process.pid > process.pid, Object.keys(cluster.workers), w.exitedAfterDisconnect, w.isConnected(), w.isDead());
  cluster.on('fork', (w) => console.log('cluster fork', w.id));
  cluster.on('online', (w) => console.log('cluster online', w.id, w.state));
  w.on('online', () => console.log('worker online'));
  cluster.on('listening', (w, a) => {
    console.log('cluster listening', w.id, a.addressType, a.address, a.port === port, w.state);
    w.send({ hi: 1 });
  });
  let port;
  w.on('listening', (a) => console.log('worker listening', a.port > 0));
  cluster.on('message', (w, m, h) => { if (m.addr) port = m.addr.port; console.log('cluster message', w.id, JSON.stringify(m.got || m.env), h); });
  w.on('message', (m) => { console.log('worker message', Object.keys(m).join()); if (m.done) w.disconnect(); });
  cluster.on('disconnect', (w) => console.log('cluster disconnect', w.id, w.state, w.exitedAfterDisconnect, Object.keys(cluster.workers)));
  w.on('disconnect', () => console.log('worker disconnect'));
  cluster.on('exit', (w, c, s) => console.log('cluster exit', w.id, c, s, w.state, w.exitedAfterDisconnect, Object.keys(cluster.workers)));
  w.on('exit', (c, s) => console.log('worker exit', c, s));
} else {
  const s = http.createServer((req, res) => res.end('x')).listen(0, () => {
    process.send({ addr: s.address(), env: [process.env.FOO, process.env.NODE_UNIQUE_ID, cluster.worker.id, cluster.worker.state] });
  });
  process.on('message', (m) => process.send({ got: m, done: true }));
}
`, `primary true false true {}
forked 1 none true [ '1' ] undefined true false
setup true [] false
cluster fork 1
worker online
cluster online 1 online
cluster message 1 ["bar",null,1,"online"] undefined
worker message addr,env
worker listening true
cluster listening 1 4 null true listening
cluster message 1 {"hi":1} undefined
worker message got,done
worker disconnect
cluster disconnect 1 disconnected true []
worker exit 0 null
cluster exit 1 0 null dead true []
`)
}

// The primary owns the port: every worker's server reports it, and connections go to the
// workers in turn, each served in the worker's own process.
func TestClusterRoundRobinOnOnePort(t *testing.T) {
	res := expectStdout(t, `
const cluster = require('cluster');
const net = require('net');
if (cluster.isPrimary) {
  const ws = [cluster.fork(), cluster.fork(), cluster.fork()];
  let n = 0;
  cluster.on('listening', (w, a) => {
    if (++n < 3) return;
    const got = [];
    const go = () => {
      const c = net.connect(a.port, '127.0.0.1');
      let s = '';
      c.on('data', (d) => s += d);
      c.on('end', () => {
        got.push(s);
        if (got.length < 6) return go();
        const ids = got.map((g) => g.split(':')[0]);
        console.log('workers', ids.slice(0, 3).sort().join(' '));
        console.log('taking turns', ids[0] !== ids[1] && ids[1] !== ids[2] && ids[0] !== ids[2] && ids.slice(0, 3).join() === ids.slice(3).join());
        console.log('same port everywhere', got.every((g) => g.endsWith(':' + a.port)));
        console.log('served elsewhere', got.every((g) => g.split(':')[1] !== String(process.pid)));
        for (const w of ws) w.kill();
      });
    };
    go();
  });
  cluster.on('exit', (w, code, signal) => console.log('exit', code, signal));
} else {
  net.createServer((sock) => {
    sock.end([cluster.worker.id, process.pid, sock.remoteAddress, sock.localPort, sock.server.address().port].join(':'));
  }).listen(0, '127.0.0.1');
}
`, `workers 1 2 3
taking turns true
same port everywhere true
served elsewhere true
exit null SIGTERM
exit null SIGTERM
exit null SIGTERM
`)
	// The connection reaches a worker as a poll completion of the worker's own loop, caused
	// by the primary's callback that accepted it.
	threadOf := map[int]int{}
	handed := 0
	for _, e := range res.Trace.Events {
		if e.Kind != trace.Enqueue {
			continue
		}
		threadOf[e.ID] = e.Thread
		if strings.HasPrefix(e.Label, "connection socket") && strings.Contains(e.Label, "from process 4242") {
			handed++
			if e.Queue != trace.QueuePoll {
				t.Errorf("%s: queue %s, want poll", e.Label, e.Queue)
			}
			if from, ok := threadOf[e.Cause]; !ok || from == e.Thread {
				t.Errorf("%s: caused by task %d on thread %d, want the primary's", e.Label, e.Cause, from)
			}
		}
	}
	if handed != 6 {
		t.Errorf("%d connections handed to workers, want 6", handed)
	}
}

// While the primary is busy, connections wait in its queue and the bytes their clients sent
// wait with them; then they go out in turn and nothing is lost. cluster.disconnect() lets
// every worker close its server and end.
func TestClusterBusyPrimaryQueuesConnections(t *testing.T) {
	expectStdout(t, `
const cluster = require('cluster');
const net = require('net');
if (cluster.isPrimary) {
  for (let i = 0; i < 3; i++) cluster.fork();
  let n = 0;
  cluster.on('listening', (w, a) => {
    if (++n < 3) return;
    const got = [];
    for (let i = 0; i < 7; i++) {
      const c = net.connect(a.port, '127.0.0.1');
      c.write('hello ' + i);
      let s = '';
      c.on('data', (d) => s += d);
      c.on('end', () => {
        got.push(s);
        if (got.length < 7) return;
        const by = {};
        for (const g of got) { const [w, m] = g.split('|'); (by[w] = by[w] || []).push(m); }
        // Which worker answers its connection first, and so gets more, is up to timing in Node.
        console.log('workers used:', Object.keys(by).length);
        console.log('every message arrived:', got.map((g) => g.split('|')[1]).sort().join(','));
        cluster.disconnect(() => console.log('disconnect callback, workers left:', Object.keys(cluster.workers).length));
      });
    }
    const end = Date.now() + 50;
    while (Date.now() < end);
  });
  let exits = 0;
  cluster.on('exit', (w, code, sig) => { if (++exits === 3) console.log('all exited', code, sig, w.exitedAfterDisconnect); });
} else {
  net.createServer((sock) => sock.once('data', (d) => sock.end('w' + cluster.worker.id + '|' + d))).listen(0);
}
`, `workers used: 3
every message arrived: hello 0,hello 1,hello 2,hello 3,hello 4,hello 5,hello 6
disconnect callback, workers left: 0
all exited 0 null true
`)
}

// A worker that crashes is replaced; a worker that disconnects ends with code 0.
func TestClusterCrashAndRespawn(t *testing.T) {
	res := expectStdout(t, `
const cluster = require('node:cluster');
if (cluster.isPrimary) {
  console.log('worker in primary:', cluster.worker);
  let restarts = 0;
  const start = () => {
    const w = cluster.fork();
    w.on('online', () => { console.log('online', w.id); w.send({ task: w.id }); });
    w.on('message', (m) => {
      console.log('from', w.id, JSON.stringify(m));
      if (m.result !== 'crash') w.disconnect();
    });
  };
  cluster.on('exit', (w, code, sig) => {
    console.log('exit', w.id, code, sig, w.exitedAfterDisconnect);
    if (!w.exitedAfterDisconnect && restarts++ < 1) start();
  });
  start();
} else {
  process.on('message', (m) => {
    if (m.task === 1) { process.send({ result: 'crash' }); setTimeout(() => { throw new Error('boom'); }, 1); return; }
    process.send({ result: m.task * 10, isWorker: cluster.isWorker, isPrimary: cluster.isPrimary, isMaster: cluster.isMaster, state: cluster.worker.state });
  });
  cluster.worker.on('disconnect', () => console.log('worker', cluster.worker.id, 'disconnected'));
}
`, `worker in primary: undefined
online 1
from 1 {"result":"crash"}
exit 1 1 null false
online 2
from 2 {"result":20,"isWorker":true,"isPrimary":false,"isMaster":false,"state":"online"}
worker 2 disconnected
exit 2 0 null true
`)
	if !strings.Contains(res.Stderr, "Error: boom") {
		t.Errorf("stderr lacks the worker's uncaught error: %q", res.Stderr)
	}
}

// A port the primary cannot bind is the worker's 'error' (Node's exceptionWithHostPort); when
// every worker closes its server, the primary's socket closes and connects are refused.
func TestClusterBindErrorAndClose(t *testing.T) {
	expectStdout(t, `
const cluster = require('cluster');
const net = require('net');
if (cluster.isPrimary) {
  const taken = net.createServer().listen(47123, () => {
    const ws = [cluster.fork(), cluster.fork()];
    let n = 0, closed = 0, bindError;
    cluster.on('message', (w, m) => {
      if (Array.isArray(m)) return (bindError = JSON.stringify(m));
      if (m !== 'closed' || ++closed < 2) return;
      net.connect(47555, '127.0.0.1').on('error', (e) => {
        console.log('after close:', e.code);
        taken.close();
        for (const w of ws) w.kill();
      });
    });
    cluster.on('listening', (w, a) => {
      console.log('listening', JSON.stringify(a));
      if (++n < 2) return;
      net.connect(47555, '127.0.0.1', function () {
        this.on('data', (d) => {
          console.log('got', String(d));
          console.log(bindError);
          for (const w of ws) w.send('close');
        });
      });
    });
  });
} else {
  if (cluster.worker.id === 1) {
    net.createServer().listen(47123).on('error', (e) => process.send([e.message, e.code, e.errno, e.syscall, e.address, e.port]));
  }
  const s = net.createServer((sock) => sock.end('w')).listen(47555, '127.0.0.1');
  process.on('message', () => s.close(() => process.send('closed')));
}
`, `listening {"addressType":4,"address":"127.0.0.1","port":47555}
listening {"addressType":4,"address":"127.0.0.1","port":47555}
got w
["bind EADDRINUSE null:47123","EADDRINUSE",-98,"bind",null,47123]
after close: ECONNREFUSED
`)
}
