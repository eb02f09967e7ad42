package engine

import (
	"strings"
	"testing"
	"time"

	"looplab/engine/trace"
)

// The expected orders below were recorded from node v20.20.2 on Linux with the same programs
// (ports aside, which no test prints).

func TestNetSocketLifecycleOrder(t *testing.T) {
	// The shutdown of end() completes in the pending phase right after poll (uv__io_feed),
	// so 'finish' comes after the ticks of the connect callback but before the immediate.
	expectOrder(t, `
const net = require('net');
const s = net.createServer((c) => {
  c.on('data', (d) => console.log('srv-data:' + d));
  c.on('end', () => console.log('srv-end'));
  c.on('close', () => { console.log('srv-close'); s.close(); });
});
s.listen(0, '127.0.0.1', () => {
  const c = net.connect(s.address().port, '127.0.0.1', () => {
    console.log('connect');
    setImmediate(() => console.log('immediate'));
    c.write('x', () => console.log('write-cb'));
    c.end(() => console.log('end-cb'));
    c.on('finish', () => console.log('finish'));
    process.nextTick(() => console.log('tick'));
  });
  c.on('end', () => console.log('cli-end'));
  c.on('close', () => console.log('cli-close'));
});`, "connect write-cb tick end-cb finish immediate srv-data:x srv-end srv-close cli-end cli-close")
}

func TestNetErrorsAndCoalescedWrites(t *testing.T) {
	expectOrder(t, `
const net = require('net');
const s = net.createServer((c) => {
  console.log('connection', c.remoteAddress, c.localPort === s.address().port);
  c.on('data', (d) => console.log('data:' + d));
  c.on('close', () => s.close());
});
s.listen(0, '127.0.0.1', () => {
  const s2 = net.createServer();
  s2.on('error', (e) => console.log(e.code, e.errno, e.syscall, e.message.startsWith('listen EADDRINUSE: address already in use 127.0.0.1:')));
  s2.listen(s.address().port, '127.0.0.1');
  const c = net.connect(s.address().port, '127.0.0.1', () => {
    c.write('a'); c.write('b'); c.end('c');
  });
  console.log('opening', c.connecting, c.readyState);
});`, "opening true opening EADDRINUSE -98 listen true connection 127.0.0.1 true data:abc")
	// Node reports a refused connect in the poll phase; 'close' follows 'error' with hadError.
	expectOrder(t, `
const net = require('net');
const bad = net.connect(1, '127.0.0.1');
bad.on('error', (e) => console.log(e.code, e.errno, e.syscall, e.message));
bad.on('close', (hadError) => console.log('bad-close', hadError));
setImmediate(() => console.log('immediate'));`,
		"ECONNREFUSED -111 connect connect ECONNREFUSED 127.0.0.1:1 immediate bad-close true")
}

func TestNetRefKeepsLoopAlive(t *testing.T) {
	// An unref'd server lets the process end; a ref'd socket keeps it running until closed.
	res := runJS(t, "main.js", `
const net = require('net');
const s = net.createServer();
s.listen(0, () => { console.log('listening'); s.unref(); });
process.on('exit', () => console.log('exit'));`)
	if res.Stdout != "listening\nexit\n" || res.Stopped != "" {
		t.Errorf("unref'd server: stdout %q, stopped %q", res.Stdout, res.Stopped)
	}
	res = runJS(t, "main.js", `
const net = require('net');
const s = net.createServer();
s.listen(0);`)
	if !strings.Contains(res.Stopped, "open handle") {
		t.Errorf("a listening server should keep the loop alive; stopped: %q", res.Stopped)
	}
}

func TestNetPipeAndSplitUTF8(t *testing.T) {
	expectOrder(t, `
const net = require('net');
const { PassThrough } = require('stream');
const srv = net.createServer({ allowHalfOpen: true }, (c) => {
  c.setEncoding('utf8');
  let got = '';
  c.on('data', (d) => { got += d; });
  c.on('end', () => { console.log('server-got', got, got.length); c.end('bye'); });
});
srv.listen(0, () => {
  const c = net.connect({ port: srv.address().port }, () => {
    const b = Buffer.from('h€llo');
    c.write(b.subarray(0, 2));
    setTimeout(() => { c.write(b.subarray(2)); c.end(); }, 5);
  });
  const pt = new PassThrough();
  c.pipe(pt);
  pt.on('data', (d) => console.log('piped', d.toString()));
  pt.on('end', () => { console.log('pt-end'); srv.close(); });
  c.on('close', (h) => console.log('client-close', h, c.bytesRead, c.bytesWritten));
});`, "server-got h€llo 5 piped bye pt-end client-close false 3 7")
}

func TestHTTPMessageEventOrder(t *testing.T) {
	expectOrder(t, `
const http = require('http');
const server = http.createServer((req, res) => {
  req.on('end', () => console.log('srv-req-end'));
  req.on('close', () => console.log('srv-req-close'));
  res.on('finish', () => console.log('srv-res-finish'));
  res.on('close', () => console.log('srv-res-close'));
  res.end('x');
});
server.listen(0, '127.0.0.1', () => {
  const req = http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    res.on('data', () => console.log('cli-data'));
    res.on('end', () => console.log('cli-res-end'));
    res.on('close', () => { console.log('cli-res-close'); server.close(() => console.log('closed')); });
  });
  req.on('finish', () => console.log('cli-req-finish'));
  req.on('close', () => console.log('cli-req-close'));
  req.on('socket', (s) => { console.log('cli-socket'); s.on('free', () => console.log('free')); });
});`, "cli-socket cli-req-finish srv-res-finish srv-res-close srv-req-end srv-req-close cli-data cli-res-end "+
		"cli-req-close free cli-res-close closed")
}

func TestHTTPChunkedKeepAliveAndHeaders(t *testing.T) {
	expectOrder(t, `
const http = require('http');
let connections = 0;
const server = http.createServer((req, res) => {
  console.log('req', req.method, req.url, req.httpVersion, req.headers['x-n'], req.headers.connection);
  res.statusCode = 201;
  res.setHeader('Content-Type', 'text/plain');
  res.write('part1,');
  console.log('headersSent', res.headersSent);
  setTimeout(() => { res.write('part2,'); res.end('end'); }, 10);
});
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const go = (n) => http.get({ port, host: '127.0.0.1', path: '/' + n, headers: { 'X-N': n } }, (res) => {
    console.log('status', res.statusCode, res.statusMessage, res.headers['transfer-encoding'], res.headers['content-type'], res.headers['keep-alive']);
    const parts = [];
    res.on('data', (c) => parts.push(String(c)));
    res.on('end', () => {
      console.log('body', parts.join('|'), 'reused', res.req.reusedSocket);
      if (n < 2) setImmediate(() => go(n + 1));
      else server.close(() => console.log('closed, connections', connections));
    });
  });
  go(1);
});`, "req GET /1 1.1 1 keep-alive headersSent true status 201 Created chunked text/plain timeout=5 body part1,|part2,|end reused false "+
		"req GET /2 1.1 2 keep-alive headersSent true status 201 Created chunked text/plain timeout=5 body part1,|part2,|end reused true "+
		"closed, connections 1")
}

func TestHTTPErrorsAndCloseAllConnections(t *testing.T) {
	expectOrder(t, `
const http = require('http');
const req = http.get({ host: '127.0.0.1', port: 1 }, () => {});
req.on('error', (e) => console.log('req-error', e.code));
req.on('close', () => console.log('req-close'));
const srv = http.createServer((rq, rs) => { rs.writeHead(200, { a: 'b' }); rs.flushHeaders(); });
srv.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: srv.address().port }, (res) => {
    console.log('headers', res.headers.a);
    res.on('aborted', () => console.log('res-aborted'));
    res.on('error', (e) => console.log('res-error', e.code, e.message));
    res.on('close', () => console.log('res-close'));
    srv.getConnections((e, n) => { console.log('connections', n); srv.closeAllConnections(); srv.close(() => console.log('srv-closed')); });
  });
});`, "req-error ECONNREFUSED req-close headers b connections 1 srv-closed res-aborted res-error ECONNRESET aborted res-close")
}

// Sockets never use the thread pool: every socket event is a poll-phase completion whose
// cause is the task that sent it, and a connect to 127.0.0.1 submits nothing to the pool.
func TestNetEventsArePollCompletionsNotPoolJobs(t *testing.T) {
	res := runJS(t, "main.js", `
const http = require('http');
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port }, (res) => {
    res.resume();
    res.on('end', () => server.close());
  });
});`)
	if res.Stdout != "" || res.ExitCode != 0 || res.Stopped != "" {
		t.Fatalf("run: exit %d, stopped %q, stderr %s", res.ExitCode, res.Stopped, res.Stderr)
	}
	enqueued := map[int]trace.Event{}
	var data []trace.Event
	for _, e := range res.Trace.Events {
		if e.Kind == trace.PoolSubmit {
			t.Errorf("pool job in a 127.0.0.1 run: %s", e.Label)
		}
		if e.Kind == trace.Enqueue {
			enqueued[e.ID] = e
			if strings.HasPrefix(e.Label, "socket data") {
				data = append(data, e)
			}
		}
	}
	if len(data) != 2 {
		t.Fatalf("want 2 socket data completions (request, response), got %d", len(data))
	}
	for _, e := range data {
		if e.Queue != trace.QueuePoll {
			t.Errorf("%s: queue %s, want poll", e.Label, e.Queue)
		}
		if !strings.HasSuffix(e.Label, "main.js:3") && !strings.HasSuffix(e.Label, "main.js:5") {
			t.Errorf("label %q does not name the user's call site", e.Label)
		}
		if cause, ok := enqueued[e.Cause]; e.Cause != 0 && !ok {
			t.Errorf("%s: cause %d was never queued", e.Label, e.Cause)
		} else if e.T < cause.T {
			t.Errorf("%s arrives before its cause was queued", e.Label)
		}
	}
}

// A host name goes through dns.lookup, a pool job; it waits behind a busy pool.
func TestHTTPLocalhostWaitsForThePool(t *testing.T) {
	res := runJS(t, "main.js", `
const http = require('http');
const crypto = require('crypto');
const order = [];
const done = (what) => { order.push(what); if (order.length === 6) server.close(); };
const server = http.createServer((req, res) => res.end(req.url));
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  for (let i = 0; i < 4; i++) crypto.pbkdf2('pw', 's' + i, 100000, 64, 'sha512', () => done('pbkdf2'));
  http.get('http://localhost:' + port + '/name', (res) => { res.resume(); res.on('end', () => done('localhost')); });
  http.get({ host: '127.0.0.1', port, path: '/ip' }, (res) => { res.resume(); res.on('end', () => done('ip')); });
});
process.on('exit', () => console.log(order.join(' ')));`)
	if got := strings.TrimSpace(res.Stdout); got != "ip pbkdf2 pbkdf2 pbkdf2 pbkdf2 localhost" {
		t.Errorf("order %q; stderr %s", got, res.Stderr)
	}
}

// Loopback latency: a connect takes one round trip (2 × 50 µs) of virtual time.
func TestNetConnectLatency(t *testing.T) {
	res := runJS(t, "main.js", `
const net = require('net');
const s = net.createServer((c) => c.destroy());
s.listen(0, '127.0.0.1', () => {
  const t0 = process.hrtime.bigint();
  const c = net.connect(s.address().port, '127.0.0.1', () => {
    console.log(String(process.hrtime.bigint() - t0));
    c.destroy(); s.close();
  });
});`)
	var ns int64
	for _, r := range strings.TrimSpace(res.Stdout) {
		ns = ns*10 + int64(r-'0')
	}
	if d := time.Duration(ns); d < 2*50*time.Microsecond || d > 150*time.Microsecond {
		t.Errorf("connect took %v of virtual time, want about 100µs (stdout %q, stderr %s)", d, res.Stdout, res.Stderr)
	}
}
