// The replay model: the picture at step k is a pure function of (trace, k), the fold of the
// first k events. Nothing here decides what Node does; it only records what the trace says
// happened. Stepping back is folding again from the nearest checkpoint.

const CHECKPOINT_EVERY = 256;

export const QUEUES = ['nextTick', 'microtask', 'timers', 'pending', 'immediate', 'poll', 'close'];
export const JS_ROLES = new Set(['main', 'worker', 'process']);

// Index holds what never changes during a replay: per-task facts, threads, output.
export class Replay {
  constructor(trace) {
    this.trace = trace;
    this.events = trace.events;
    this.tasks = new Map(); // id → {id, q, label, by, due, queuedAt, th}
    this.threads = [];      // in order of appearance: {id, name, role, n, parent}
    this.writes = [];       // {step, stream, text}, step = index of the write event + 1
    this.events.forEach((e, i) => {
      if (e.k === 'thread-start') this.threads.push({ id: e.th, name: e.name, role: e.role, n: e.n, parent: e.parent });
      if (e.k === 'enqueue') this.tasks.set(e.id, { id: e.id, q: e.q, label: e.label, by: e.by || 0, due: e.due, queuedAt: e.t, th: e.th });
      if (e.k === 'pool-submit') this.tasks.set(e.id, { id: e.id, q: 'pool', label: e.label, by: e.by || 0, queuedAt: e.t, th: e.th });
      // The main module and the exit events run without being queued first.
      if (e.k === 'run' && !this.tasks.has(e.id)) this.tasks.set(e.id, { id: e.id, q: e.q, label: e.label, by: e.by || 0, queuedAt: e.t, th: e.th });
      if (e.k === 'write') this.writes.push({ step: i + 1, stream: e.stream, text: e.text });
    });
    this.roles = new Map(this.threads.map((t) => [t.id, t.role]));
    this.checkpoints = [emptyState()];
    this.endTime = this.events.reduce((m, e) => Math.max(m, e.t), 0);
  }

  get length() { return this.events.length; }

  // at returns the state after the first k events (0 ≤ k ≤ length). Callers must not mutate it.
  at(k) {
    k = Math.max(0, Math.min(k, this.events.length));
    const c = Math.floor(k / CHECKPOINT_EVERY);
    while (this.checkpoints.length <= c) {
      const from = this.checkpoints.length - 1;
      const s = structuredClone(this.checkpoints[from]);
      for (let i = from * CHECKPOINT_EVERY; i < (from + 1) * CHECKPOINT_EVERY; i++) apply(s, this.events[i], i);
      this.checkpoints.push(s);
    }
    const s = structuredClone(this.checkpoints[c]);
    for (let i = c * CHECKPOINT_EVERY; i < k; i++) apply(s, this.events[i], i);
    return s;
  }

  // jsThreadAt is the JavaScript thread of the latest event up to step k (the main thread
  // before any), the one the diagrams follow by default.
  jsThreadAt(k) {
    for (let i = Math.min(k, this.events.length) - 1; i >= 0; i--) {
      const t = this.roles.get(this.events[i].th);
      if (JS_ROLES.has(t)) return this.events[i].th;
    }
    return this.threads.find((t) => t.role === 'main')?.id ?? 0;
  }

  // threadTitle names thread th for a diagram's heading, when there is more than one to tell apart.
  threadTitle(th) {
    const js = this.threads.filter((t) => JS_ROLES.has(t.role));
    return js.length > 1 ? ` · ${js.find((t) => t.id === th)?.name ?? `thread ${th}`}` : '';
  }

  // stepAtTime is the first step whose event on thread th happens at or after time t
  // (any thread if th is undefined), for jumping from a click on the timeline.
  stepAtTime(t, th) {
    const i = this.events.findIndex((e) => e.t >= t && (th === undefined || e.th === th));
    return i < 0 ? this.events.length : i + 1;
  }
}

function emptyState() {
  return { step: 0, t: 0, threads: {}, pool: { waiting: [], lanes: {} }, notes: [] };
}

function thread(s, th) {
  if (!s.threads[th]) {
    s.threads[th] = { stack: [], phase: null, iteration: 0, running: [], blocked: null, exited: null, queues: {} };
    for (const q of QUEUES) s.threads[th].queues[q] = [];
  }
  return s.threads[th];
}

function remove(list, id) {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
}

// apply folds one event into the state. It is the whole replay semantics, and it is only
// bookkeeping: every change is named by the event itself.
function apply(s, e, i) {
  s.step = i + 1;
  s.t = e.t;
  const th = thread(s, e.th);
  switch (e.k) {
    case 'thread-exit': th.exited = e.code ?? 0; th.phase = null; break;
    case 'iteration': th.iteration = e.n; break;
    case 'phase': th.phase = e.phase; break;
    case 'phase-end': if (th.phase === e.phase) th.phase = null; break;
    case 'push': th.stack.push({ fn: e.fn, file: e.file, line: e.line, col: e.col }); break;
    case 'pop': th.stack.pop(); break;
    case 'enqueue': th.queues[e.q].push(e.id); break;
    case 'dequeue':
    case 'cancel': remove(th.queues[e.q], e.id); break;
    case 'run': th.running.push(e.id); break;
    case 'run-end': remove(th.running, e.id); break;
    case 'pool-submit': s.pool.waiting.push(e.id); break;
    case 'pool-start': remove(s.pool.waiting, e.id); s.pool.lanes[e.worker] = e.id; break;
    case 'pool-done':
      for (const w in s.pool.lanes) if (s.pool.lanes[w] === e.id) s.pool.lanes[w] = null;
      break;
    case 'blocked': th.blocked = e.label; break;
    case 'unblocked': th.blocked = null; break;
    case 'note': s.notes.push(e.text); break;
    default: break;
  }
}
