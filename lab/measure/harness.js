'use strict';
// The harness that MeasureServer (measure.go) runs in the engine around a lesson's own server
// program. The same file plays two parts, as a lesson's fork examples do:
//
// - the server process (no extra argument): it captures the program's server through
//   http.createServer, runs the program, and once the server listens forks the clients;
// - the clients process (argv[2] === CLIENTS): N closed-loop clients that each send R
//   requests with http.get, waiting their think times in between, and report every request's
//   start and end back over IPC.
//
// The clients live in a process of their own, as real users do, so that a handler that blocks
// the server's loop delays their requests in the server rather than their sending: latency
// then includes the time a request waited for the loop. The server process prints one line,
// RESULT followed by the times as JSON, and exits, whatever else the program left running.
const http = require('http');
const { fork } = require('child_process');

const CLIENTS = '--looplab-clients';
const RESULT = '@@looplab-measure ';

if (process.argv[2] === CLIENTS) {
  runClients(Number(process.argv[3]), JSON.parse(process.argv[4]));
} else {
  serve(process.argv[2], process.argv[3]);
}

// serve runs the program at main under the load of schedule (JSON).
function serve(main, schedule) {
  // The program sees the argv it would have had as `node main`.
  process.argv.splice(1, 3, main);
  const createServer = http.createServer;
  let captured = null;
  http.createServer = function (...args) {
    const server = createServer.apply(this, args);
    if (captured) return server; // only the first server is measured
    captured = server;
    // The program's own ending and its own clients stay out of the measurement: close is a
    // no-op, and the callback given to listen (where lesson programs start their clients) is
    // dropped; the harness's clients start once the server listens.
    server.close = function close(cb) {
      if (typeof cb === 'function') process.nextTick(cb);
      return server;
    };
    const listen = server.listen;
    server.listen = function (...listenArgs) {
      if (typeof listenArgs[listenArgs.length - 1] === 'function') listenArgs.pop();
      server.once('listening', () => startClients(server.address().port, schedule));
      return listen.apply(server, listenArgs);
    };
    return server;
  };
  require(main);
}

function startClients(port, schedule) {
  const clients = fork(__filename, [CLIENTS, String(port), schedule]);
  clients.on('message', (times) => {
    process.stdout.write('\n' + RESULT + JSON.stringify(times) + '\n', () => process.exit(0));
  });
  clients.on('exit', (code) => {
    if (code !== 0) process.exit(1); // a client's error is on stderr already
  });
}

// runClients: client i waits delays[i][0] (its arrival), then sends a request; after the k-th
// response it waits delays[i][k] (its think time) before the next; it sends delays[i].length
// requests. Times are read with performance.now(), in ms.
function runClients(port, delays) {
  const start = [];
  const end = [];
  let left = delays.length;
  const after = (ms, fn) => (ms > 0 ? setTimeout(fn, ms) : setImmediate(fn));
  delays.forEach((waits, client) => {
    let sent = 0;
    const send = () => {
      const t = performance.now();
      http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.resume();
        res.on('end', () => {
          start.push(t);
          end.push(performance.now());
          if (++sent < waits.length) {
            after(waits[sent], send);
          } else if (--left === 0) {
            process.send({ start, end }, () => process.exit(0));
          }
        });
      }).on('error', (err) => {
        console.error(`client ${client + 1}, request ${sent + 1}: ${err.message}`);
        process.exit(1);
      });
    };
    after(waits[0], send);
  });
}
