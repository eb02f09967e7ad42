'use strict';
// cluster: Node.js 20's lib/cluster.js with lib/internal/cluster/{worker,utils,primary,child,
// round_robin_handle}.js, on the simulated processes of child_process. The primary and its
// workers speak Node's own protocol over the IPC channel (messages with cmd 'NODE_CLUSTER',
// emitted as 'internalMessage'). In round-robin mode the primary owns the listening socket and
// hands each accepted connection to the next free worker; engine/node/host_cluster.go moves
// the connection to the worker's loop, as the kernel passes a descriptor over the pipe.
// Not simulated: SCHED_NONE (the workers would accept from one shared socket themselves); it
// is accepted as a setting and distributes round-robin too.

const EventEmitter = require('events');
const binding = internalBinding('cluster');

// --- Worker (lib/internal/cluster/worker.js) ---

function Worker(options) {
  if (!(this instanceof Worker)) return new Worker(options);
  EventEmitter.call(this);
  if (options === null || typeof options !== 'object') options = {};
  this.exitedAfterDisconnect = undefined;
  this.state = options.state || 'none';
  this.id = options.id | 0;
  if (options.process) {
    this.process = options.process;
    this.process.on('error', (code, signal) => this.emit('error', code, signal));
    this.process.on('message', (message, handle) => this.emit('message', message, handle));
  }
}
Object.setPrototypeOf(Worker.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Worker, EventEmitter);

Worker.prototype.kill = function kill() {
  this.destroy.apply(this, arguments);
};

Worker.prototype.send = function send() {
  return this.process.send.apply(this.process, arguments);
};

Worker.prototype.isDead = function isDead() {
  return this.process.exitCode != null || this.process.signalCode != null;
};

Worker.prototype.isConnected = function isConnected() {
  return this.process.connected;
};

// --- The internal messages (lib/internal/cluster/utils.js) ---

const callbacks = new Map();
let seq = 0;

// sendHelper sends a NODE_CLUSTER message, and with it a connection when handle is given; cb
// runs when the other side answers with { ack: seq }.
function sendHelper(proc, message, handle, cb) {
  if (!proc.connected) return false;
  message = Object.assign({ cmd: 'NODE_CLUSTER' }, message);
  if (typeof cb === 'function') callbacks.set(seq, cb);
  message.seq = seq;
  seq += 1;
  if (handle) return binding.handoff(proc, handle, JSON.stringify(message));
  return proc.send(message);
}

// internal returns an 'internalMessage' listener that hands messages to cb, or answers to the
// callback that waits for them.
function internal(worker, cb) {
  return function onInternalMessage(message, handle) {
    if (message.cmd !== 'NODE_CLUSTER') return;
    let fn = cb;
    if (message.ack !== undefined && callbacks.has(message.ack)) {
      fn = callbacks.get(message.ack);
      callbacks.delete(message.ack);
    }
    fn.call(worker, message, handle);
  };
}

const SCHED_NONE = 1;
const SCHED_RR = 2;

// lib/cluster.js: which half a process gets is decided once, by its environment at start-up.
const cluster = 'NODE_UNIQUE_ID' in process.env ? childCluster() : primaryCluster();
module.exports = cluster;

// --- The primary (lib/internal/cluster/primary.js) ---

function primaryCluster() {
  const cluster = new EventEmitter();
  const intercom = new EventEmitter();
  const handles = new Map();
  cluster.isWorker = false;
  cluster.isMaster = true;
  cluster.isPrimary = true;
  cluster.Worker = Worker;
  cluster.workers = {};
  cluster.settings = {};
  cluster.SCHED_NONE = SCHED_NONE;
  cluster.SCHED_RR = SCHED_RR;

  let ids = 0;
  let initialized = false;
  let schedulingPolicy = process.env.NODE_CLUSTER_SCHED_POLICY;
  if (schedulingPolicy === 'rr') schedulingPolicy = SCHED_RR;
  else if (schedulingPolicy === 'none') schedulingPolicy = SCHED_NONE;
  else schedulingPolicy = SCHED_RR; // Linux
  cluster.schedulingPolicy = schedulingPolicy;

  cluster.setupPrimary = function setupPrimary(options) {
    const settings = {
      args: process.argv.slice(2),
      exec: process.argv[1],
      execArgv: process.execArgv,
      silent: false,
      ...cluster.settings,
      ...options,
    };
    cluster.settings = settings;
    if (initialized === true) return process.nextTick(setupSettingsNT, settings);
    initialized = true;
    schedulingPolicy = cluster.schedulingPolicy; // Freeze policy.
    if (schedulingPolicy !== SCHED_NONE && schedulingPolicy !== SCHED_RR) {
      throw new Error(`Bad cluster.schedulingPolicy: ${schedulingPolicy}`);
    }
    process.nextTick(setupSettingsNT, settings);
  };
  cluster.setupMaster = cluster.setupPrimary;

  function setupSettingsNT(settings) {
    cluster.emit('setup', settings);
  }

  function createWorkerProcess(id, env) {
    const workerEnv = { ...process.env, ...env, NODE_UNIQUE_ID: `${id}` };
    return require('child_process').fork(cluster.settings.exec, cluster.settings.args, {
      cwd: cluster.settings.cwd,
      env: workerEnv,
      serialization: cluster.settings.serialization,
      silent: cluster.settings.silent,
      execArgv: [...cluster.settings.execArgv],
      stdio: cluster.settings.stdio,
    });
  }

  function removeWorker(worker) {
    delete cluster.workers[worker.id];
    if (Object.keys(cluster.workers).length === 0) intercom.emit('disconnect');
  }

  function removeHandlesForWorker(worker) {
    for (const [key, handle] of handles) {
      if (handle.remove(worker)) handles.delete(key);
    }
  }

  cluster.fork = function fork(env) {
    cluster.setupPrimary();
    const id = ++ids;
    const workerProcess = createWorkerProcess(id, env);
    const worker = new Worker({ id, process: workerProcess });

    worker.on('message', function (message, handle) {
      cluster.emit('message', this, message, handle);
    });

    worker.process.once('exit', (exitCode, signalCode) => {
      // The worker leaves the list once it is both disconnected and dead.
      if (!worker.isConnected()) {
        removeHandlesForWorker(worker);
        removeWorker(worker);
      }
      worker.exitedAfterDisconnect = !!worker.exitedAfterDisconnect;
      worker.state = 'dead';
      worker.emit('exit', exitCode, signalCode);
      cluster.emit('exit', worker, exitCode, signalCode);
    });

    worker.process.once('disconnect', () => {
      removeHandlesForWorker(worker);
      if (worker.isDead()) removeWorker(worker);
      worker.exitedAfterDisconnect = !!worker.exitedAfterDisconnect;
      worker.state = 'disconnected';
      worker.emit('disconnect');
      cluster.emit('disconnect', worker);
    });

    worker.process.on('internalMessage', internal(worker, onmessage));
    process.nextTick(emitForkNT, worker);
    cluster.workers[worker.id] = worker;
    return worker;
  };

  function emitForkNT(worker) {
    cluster.emit('fork', worker);
  }

  cluster.disconnect = function disconnect(cb) {
    const workers = Object.keys(cluster.workers);
    if (workers.length === 0) {
      process.nextTick(() => intercom.emit('disconnect'));
    } else {
      for (const worker of Object.values(cluster.workers)) {
        if (worker.isConnected()) worker.disconnect();
      }
    }
    if (typeof cb === 'function') intercom.once('disconnect', cb);
  };

  const methodMessageMapping = { close, exitedAfterDisconnect, listening, online, queryServer };

  function onmessage(message, handle) {
    const fn = methodMessageMapping[message.act];
    if (typeof fn === 'function') fn(this, message, handle);
  }

  function online(worker) {
    worker.state = 'online';
    worker.emit('online');
    cluster.emit('online', worker);
  }

  function exitedAfterDisconnect(worker, message) {
    worker.exitedAfterDisconnect = true;
    send(worker, { ack: message.seq });
  }

  function queryServer(worker, message) {
    if (worker.exitedAfterDisconnect) return;
    const key = `${message.address}:${message.port}:${message.addressType}:${message.fd}:${message.index}`;
    let handle = handles.get(key);
    if (handle === undefined) {
      handle = new RoundRobinHandle(key, message.address, message);
      handles.set(key, handle);
    }
    if (!handle.data) handle.data = message.data;
    handle.add(worker, (errno, reply) => {
      const { data } = handles.get(key);
      if (errno) handles.delete(key); // Gives other workers a chance to retry.
      send(worker, { errno, key, ack: message.seq, data, ...reply });
    });
  }

  function listening(worker, message) {
    const info = { addressType: message.addressType, address: message.address, port: message.port, fd: message.fd };
    worker.state = 'listening';
    worker.emit('listening', info);
    cluster.emit('listening', worker, info);
  }

  function close(worker, message) {
    const handle = handles.get(message.key);
    if (handle && handle.remove(worker)) handles.delete(message.key);
  }

  function send(worker, message, handle, cb) {
    return sendHelper(worker.process, message, handle, cb);
  }

  Worker.prototype.disconnect = function disconnect() {
    this.exitedAfterDisconnect = true;
    send(this, { act: 'disconnect' });
    removeHandlesForWorker(this);
    removeWorker(this);
    return this;
  };

  Worker.prototype.destroy = function destroy(signo) {
    this.process.kill(signo || 'SIGTERM');
  };

  return cluster;
}

// RoundRobinHandle mirrors lib/internal/cluster/round_robin_handle.js: the primary listens,
// queues what it accepts, and gives each connection to the worker that has waited longest
// for one; a worker waits again once it has answered for its last connection.
function RoundRobinHandle(key, address, { port }) {
  const net = require('net');
  this.key = key;
  this.all = new Map();
  this.free = new Map();
  this.handles = [];
  this.handle = null;
  this.server = net.createServer(() => {});
  this.server.listen({ port, host: address });
  this.server.once('listening', () => {
    this.handle = this.server._handle;
    this.handle.onevent = (kind, conn) => {
      if (kind === 'connection') this.distribute(0, conn);
    };
    binding.share(this.handle);
    this.server._handle = null;
    this.server = null;
  });
}

RoundRobinHandle.prototype.add = function add(worker, send) {
  this.all.set(worker.id, worker);
  const done = () => {
    send(null, { sockname: this.handle.getsockname() });
    this.handoff(worker); // In case there are connections pending.
  };
  if (this.server === null) return done();
  // Still busy binding.
  this.server.once('listening', done);
  this.server.once('error', (err) => send(err.errno, null));
};

RoundRobinHandle.prototype.remove = function remove(worker) {
  const existed = this.all.delete(worker.id);
  if (!existed) return false;
  this.free.delete(worker.id);
  if (this.all.size !== 0) return false;
  for (const handle of this.handles) handle.close();
  this.handles = [];
  if (this.handle) this.handle.close();
  this.handle = null;
  return true;
};

RoundRobinHandle.prototype.distribute = function distribute(err, handle) {
  this.handles.push(handle);
  const first = this.free.entries().next();
  if (!first.done) {
    const [workerId, worker] = first.value;
    this.free.delete(workerId);
    this.handoff(worker);
  }
};

RoundRobinHandle.prototype.handoff = function handoff(worker) {
  if (this.all.has(worker.id) === false) return; // Worker is closing (or has closed) the server.
  const handle = this.handles.shift();
  if (handle === undefined) {
    this.free.set(worker.id, worker); // Add to ready queue again.
    return;
  }
  const message = { act: 'newconn', key: this.key };
  const sent = sendHelper(worker.process, message, handle, () => {
    // Node's primary closes its copy of the descriptor here; in the simulation the connection
    // itself moved to the worker, which closes it if it did not accept it.
    this.handoff(worker);
  });
  if (!sent) handle.close();
};

// --- A worker (lib/internal/cluster/child.js) ---

function childCluster() {
  const cluster = new EventEmitter();
  const handles = new Map();
  const indexes = new Map();
  cluster.isWorker = true;
  cluster.isMaster = false;
  cluster.isPrimary = false;
  cluster.worker = null;
  cluster.Worker = Worker;

  cluster._setupWorker = function _setupWorker() {
    const worker = new Worker({ id: +process.env.NODE_UNIQUE_ID | 0, process, state: 'online' });
    cluster.worker = worker;
    process.once('disconnect', () => {
      worker.emit('disconnect');
      if (!worker.exitedAfterDisconnect) {
        // Unexpected disconnect, primary exited, or some such nastiness, so worker exits immediately.
        process.exit(0);
      }
    });
    process.on('internalMessage', internal(worker, onmessage));
    binding.setup(onHandle);
    send({ act: 'online' });

    function onmessage(message, handle) {
      if (message.act === 'newconn') onconnection(message, handle);
      else if (message.act === 'disconnect') _disconnect.call(worker, true);
    }
  };

  // onHandle receives a message that carries a connection (handleMessage in
  // lib/internal/child_process.js emits it on the next tick).
  function onHandle(text, handle) {
    if (!process.connected) return;
    const message = JSON.parse(text);
    process.nextTick(() => process.emit('internalMessage', message, handle));
  }

  // obj is a net.Server.
  cluster._getServer = function _getServer(obj, options, cb) {
    const address = options.address;
    const indexesKey = [address, options.port, options.addressType, options.fd].join(':');
    let indexSet = indexes.get(indexesKey);
    if (indexSet === undefined) {
      indexSet = { nextIndex: 0, set: new Set() };
      indexes.set(indexesKey, indexSet);
    }
    const index = indexSet.nextIndex++;
    indexSet.set.add(index);
    const message = { act: 'queryServer', index, data: null, ...options };
    message.address = address;
    send(message, (reply) => rr(reply, { indexesKey, index }, cb));
    obj.once('listening', () => {
      // short-lived sockets might have been closed
      if (!indexes.has(indexesKey)) return;
      cluster.worker.state = 'listening';
      const addr = obj.address();
      message.act = 'listening';
      message.port = (addr && addr.port) || options.port;
      send(message);
    });
  };

  function removeIndexesKey(indexesKey, index) {
    const indexSet = indexes.get(indexesKey);
    if (!indexSet) return;
    indexSet.set.delete(index);
    if (indexSet.set.size === 0) indexes.delete(indexesKey);
  }

  // Round-robin: the server gets a stand-in handle; the primary sends the connections.
  function rr(message, { indexesKey, index }, cb) {
    if (message.errno) return cb(message.errno, null);
    let key = message.key;
    let refd = false;
    function ref() {
      if (!refd) { refd = true; binding.ref(true); }
    }
    function unref() {
      if (refd) { refd = false; binding.ref(false); }
    }
    function close() {
      if (key === undefined) return;
      unref();
      send({ act: 'close', key });
      handles.delete(key);
      removeIndexesKey(indexesKey, index);
      key = undefined;
    }
    function getsockname(out) {
      const o = out || {};
      if (key) Object.assign(o, message.sockname);
      return out ? 0 : o;
    }
    const handle = { close, listen() { return 0; }, ref, unref, hasRef() { return refd; } };
    handle.ref();
    if (message.sockname) handle.getsockname = getsockname;
    handles.set(key, handle);
    cb(0, handle);
  }

  // Round-robin connection.
  function onconnection(message, handle) {
    const server = handles.get(message.key);
    let accepted = server !== undefined;
    if (accepted && server.owner) {
      const self = server.owner;
      if (self.maxConnections != null && self._connections >= self.maxConnections) accepted = false;
    }
    send({ ack: message.seq, accepted });
    if (accepted) server.onevent('connection', handle); // net.Server's onconnection
    else handle.close();
  }

  function send(message, cb) {
    return sendHelper(process, message, null, cb);
  }

  function _disconnect(primaryInitiated) {
    this.exitedAfterDisconnect = true;
    let waitingCount = 1;
    function checkWaitingCount() {
      waitingCount--;
      if (waitingCount === 0) {
        // If disconnect is worker initiated, wait for ack to be sure exitedAfterDisconnect is
        // properly set in the primary; otherwise there is no need to send it.
        if (primaryInitiated) process.disconnect();
        else send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
      }
    }
    for (const handle of handles.values()) {
      waitingCount++;
      if (handle.owner) handle.owner.close(checkWaitingCount);
      else handle.close(checkWaitingCount);
    }
    handles.clear();
    checkWaitingCount();
  }

  Worker.prototype.disconnect = function disconnect() {
    if (this.state !== 'disconnecting' && this.state !== 'destroying') {
      this.state = 'disconnecting';
      _disconnect.call(this);
    }
    return this;
  };

  Worker.prototype.destroy = function destroy() {
    if (this.state === 'destroying') return;
    this.exitedAfterDisconnect = true;
    if (!this.isConnected()) {
      process.exit(0);
    } else {
      this.state = 'destroying';
      send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
      process.once('disconnect', () => process.exit(0));
    }
  };

  return cluster;
}
