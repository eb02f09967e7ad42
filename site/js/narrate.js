// One plain sentence per step, built from the event and the facts the trace links to it (the
// task's label, who queued it and when). The words explain; the order comes from the trace.

export const PHASES = {
  main: 'Node runs the main module',
  timers: 'the timers phase, which runs the callbacks of due setTimeout and setInterval',
  pending: 'the pending phase, which runs I/O callbacks deferred from the last turn',
  idle: 'the idle phase (internal housekeeping)',
  prepare: 'the prepare phase (internal, just before waiting for I/O)',
  poll: 'the poll phase, which waits for I/O and runs its callbacks',
  check: 'the check phase, which runs setImmediate callbacks',
  close: 'the close phase, which runs close callbacks such as socket.on("close")',
  exit: "the exit phase: the process's beforeExit and exit events",
};

const QUEUE_NAMES = {
  nextTick: 'the nextTick queue',
  microtask: 'the promise microtask queue',
  timers: 'the timers list',
  pending: 'the pending queue',
  immediate: 'the immediate queue',
  poll: 'the poll queue',
  close: 'the close queue',
};

const WHY_RUN = {
  nextTick: 'Node empties the nextTick queue as soon as the current callback or the main module finishes',
  microtask: 'promise callbacks run as soon as the nextTick queue is empty',
  immediate: 'the check phase runs the immediates that were queued before it started',
  pending: 'its I/O completed in an earlier turn of the loop',
  close: 'its handle was closed',
};

export function ms(us) {
  if (us === undefined) return '';
  const v = us / 1000;
  return `${Number.isInteger(v) ? v : v.toFixed(v < 10 ? 3 : 1)} ms`;
}

function file(path) {
  return path ? path.split('/').pop() : '';
}

function quote(text) {
  const t = text.replace(/\n$/, '');
  return `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
}

function threadName(replay, th) {
  const t = replay.threads.find((x) => x.id === th);
  return t ? t.name : `thread ${th}`;
}

function cause(replay, task) {
  if (!task.by) return `queued by the main module at ${ms(task.queuedAt)}`;
  const by = replay.tasks.get(task.by);
  return by ? `queued at ${ms(task.queuedAt)} by ${by.label}` : `queued at ${ms(task.queuedAt)}`;
}

// sentence describes step k: what the k-th event did, and why. When the program has several
// JavaScript threads, it names the thread first, since the diagrams show one at a time.
export function sentence(replay, k) {
  if (k === 0) return 'Before the program starts. Step forward or press Play.';
  const e = replay.events[k - 1];
  const text = describe(replay, e);
  const jsThreads = replay.threads.filter((t) => t.role !== 'pool');
  return jsThreads.length > 1 && e.k !== 'thread-start' ? `${threadName(replay, e.th)}: ${text}` : text;
}

function describe(replay, e) {
  const task = replay.tasks.get(e.id) || { label: e.label || `task ${e.id}`, by: 0, queuedAt: e.t };
  const who = threadName(replay, e.th);
  switch (e.k) {
    case 'thread-start':
      if (e.role === 'pool') return `The thread pool starts ${e.name}.`;
      return e.role === 'main' ? 'Node starts the main thread.' : `Node starts ${e.name}.`;
    case 'thread-exit':
      return `The ${who} exits with code ${e.code ?? 0}.`;
    case 'iteration':
      return `The event loop of the ${who} begins turn ${e.n}.`;
    case 'phase':
      return e.phase === 'main'
        ? `Node loads the main module, ${file(replay.trace.main)}.`
        : `The loop enters ${PHASES[e.phase] || `the ${e.phase} phase`}.`;
    case 'phase-end':
      return e.phase === 'main'
        ? 'The main module has finished: from now on, only queued callbacks run.'
        : `The ${e.phase} phase is done.`;
    case 'push':
      return `${e.fn} is called (${file(e.file)}:${e.line}).`;
    case 'pop':
      return 'The function on top of the call stack returns.';
    case 'enqueue': {
      const where = QUEUE_NAMES[e.q] || e.q;
      if (e.q === 'timers') return `${e.label} is added to ${where}, due at ${ms(e.due)}.`;
      if (e.q === 'poll' && e.by) return `The thread pool finished ${replay.tasks.get(e.by)?.label || 'a job'}: its callback waits in ${where}.`;
      return `${e.label} joins ${where}.`;
    }
    case 'dequeue':
      return `${task.label} leaves ${QUEUE_NAMES[e.q] || e.q} to run.`;
    case 'cancel':
      return `${task.label} is cancelled and leaves ${QUEUE_NAMES[e.q] || e.q} without running.`;
    case 'run': {
      if (e.q === 'main') return `Node runs ${e.label} from top to bottom.`;
      if (e.q === 'exit') return `Node emits ${e.label}: the loop has nothing left to wait for.`;
      let why = WHY_RUN[e.q];
      if (e.q === 'timers') why = `it was due at ${ms(task.due)}, and it is now ${ms(e.t)}`;
      if (e.q === 'poll') why = 'its I/O has completed';
      if (!why) return `${task.label} runs (${cause(replay, task)}).`;
      const phase = e.q === 'nextTick' || e.q === 'microtask' ? 'Node' : `The ${e.q === 'immediate' ? 'check' : e.q} phase`;
      return `${phase} runs the callback of ${task.label} (${cause(replay, task)}): ${why}.`;
    }
    case 'run-end':
      return task.q === 'main' ? `${task.label} has run to its end.` : `The callback of ${task.label} returns.`;
    case 'pool-submit':
      return `${e.label} goes to the thread pool's queue.`;
    case 'pool-start':
      return `${threadName(replay, e.worker)} picks up ${task.label}.`;
    case 'pool-done':
      return `${task.label} is done on its pool thread.`;
    case 'write':
      return `The program writes ${quote(e.text)} to ${e.stream}.`;
    case 'blocked':
      return `The ${who} waits without running JavaScript: ${e.label}.`;
    case 'unblocked':
      return `The ${who} goes on.`;
    case 'note':
      return e.text;
    default:
      return `${e.k} on the ${who}.`;
  }
}
