// A playground: the editor, the Run button, the player and the diagrams of one program. The
// engine's reply is replayed; every diagram is redrawn from replay.at(step) alone.
import { h } from './dom.js';
import { createEditor } from './editor.js';
import { createPlayer } from './player.js';
import { Replay, JS_ROLES } from './model.js';
import { sentence } from './narrate.js';
import { toRequest } from './request.js';
import { encodeShare } from './share.js';
import { stackDiagram } from './diagrams/stack.js';
import { queuesDiagram } from './diagrams/queues.js';
import { ringDiagram } from './diagrams/ring.js';
import { poolDiagram } from './diagrams/pool.js';
import { consoleDiagram } from './diagrams/console.js';
import { timelineDiagram } from './diagrams/timeline.js';
import { predictPanel } from './predict.js';
import { exercisePanel } from './exercise.js';

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const FOLLOW = -1; // show the thread of the current step

export function createPlayground(root, runner, { title = 'Program', machine = () => ({}), onResult = () => {} } = {}) {
  let block = null;
  let replay = null;
  let focus = FOLLOW; // the thread whose stack, queues and loop are shown
  let runs = 0;

  const status = h('p', { class: 'status', role: 'status' }, 'Loading the engine…');
  const heading = h('h2', { class: 'pg-title' }, title);
  const runButton = h('button', { type: 'button', class: 'primary run', onclick: () => run(), 'aria-keyshortcuts': 'Control+Enter' }, 'Run');
  const resetButton = h('button', { type: 'button', onclick: () => reset() }, 'Reset code');
  const shareButton = h('button', { type: 'button', onclick: () => share() }, 'Share');
  const shareOut = h('input', { type: 'text', readonly: true, class: 'share-link', 'aria-label': 'Share link', hidden: true });
  const editorBox = h('div', { class: 'editor' });
  const editor = createEditor(editorBox, '', { onRun: () => run(), label: 'Program source' });

  const player = createPlayer({ show });
  const narration = h('p', { class: 'narration', 'aria-live': 'polite' }, 'Run the program to see what Node does.');
  const threadPick = h('select', { 'aria-label': 'Thread shown', onchange: () => { focus = Number(threadPick.value); show(player.step); } });
  const threadLabel = h('label', { class: 'thread-pick', hidden: true }, 'Thread ', threadPick);
  const diagrams = {
    stack: stackDiagram(),
    loop: ringDiagram(),
    queues: queuesDiagram(),
    pool: poolDiagram(),
    console: consoleDiagram(),
    timeline: timelineDiagram({ onJump: (k) => { player.pause(); player.go(k); } }),
  };
  const predict = predictPanel();
  const exercise = exercisePanel({ useCode: (code) => { editor.code = code; editor.view.focus(); } });
  const notes = h('div', { class: 'notes' });
  const board = h('div', { class: 'board' },
    h('div', { class: 'row top' }, diagrams.stack.el, diagrams.loop.el),
    diagrams.queues.el, diagrams.pool.el, diagrams.console.el, diagrams.timeline.el);
  const stage = h('div', { class: 'stage', hidden: true }, player.el, threadLabel, narration, notes, board);

  root.replaceChildren(
    heading,
    editorBox,
    h('div', { class: 'actions' }, runButton, resetButton, shareButton, status),
    shareOut,
    predict.el,
    exercise.el,
    stage,
  );
  root.addEventListener('keydown', (e) => {
    // Ctrl/Cmd+Enter runs from anywhere in the playground, as it does in the editor.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.target.closest('.cm-editor')) {
      e.preventDefault();
      run();
      return;
    }
    player.onKey(e);
  });

  function load(b, label) {
    block = b;
    heading.textContent = label || title;
    editor.code = b.code;
    replay = null;
    stage.hidden = true;
    shareOut.hidden = true;
    predict.load(b);
    exercise.load(b);
    editor.showRunning(0);
  }

  function reset() {
    if (block) editor.code = block.code;
  }

  function current() {
    const m = machine();
    return { ...block, code: editor.code, options: { ...block.options, ...m } };
  }

  function share() {
    const b = current();
    const url = new URL(`sandbox.html#${encodeShare(b)}`, document.baseURI);
    shareOut.value = url.href;
    shareOut.hidden = false;
    shareOut.select();
    navigator.clipboard?.writeText(url.href).then(() => { status.textContent = 'Link copied.'; }, () => {});
  }

  async function run() {
    if (!block) return;
    const n = ++runs;
    const started = performance.now();
    status.textContent = 'Running…';
    // A long run says how long it has been going, so a stuck program is not mistaken for a slow page.
    const ticker = setInterval(() => {
      status.textContent = `Running… ${Math.round((performance.now() - started) / 1000)} s`;
    }, 1000);
    let outcome;
    try {
      outcome = await runner.run(toRequest(current()));
    } catch (err) {
      outcome = { kind: 'crashed', message: err.message }; // the engine never got ready
    }
    clearInterval(ticker);
    if (n !== runs) return; // a newer run replaced this one
    try {
      const stopped = outcome.kind === 'done' ? showReply(outcome.reply, started) : failure(outcome);
      if (stopped) {
        // Nothing of the previous run stays on screen beside a message about this one.
        clearStage();
        status.textContent = stopped;
      }
    } catch (err) {
      clearStage();
      status.textContent = `The page could not show this run (${err.message}). Run again, or reload the page.`;
    }
  }

  // failure is the message for a run that produced no reply to show.
  function failure(outcome) {
    switch (outcome.kind) {
      case 'timeout':
        return `Stopped: the program was still running after ${outcome.ms / 1000} s (an endless loop?). A fresh engine is starting; edit the code and run again.`;
      case 'died':
        return `The engine stopped: ${outcome.message}. A fresh engine is starting; run again.`;
      case 'crashed':
        return `The engine crashed (${outcome.message}). A fresh one is starting; run again.`;
      case 'superseded':
        // Not by a newer run of this playground (that returned above): a lab measuring a server.
        return 'Stopped: a lab took the engine to measure a server. Run again.';
    }
    return `The run ended without a result (${outcome.kind}). Run again.`;
  }

  function clearStage() {
    replay = null;
    stage.hidden = true;
    diagrams.console.clear();
    editor.showRunning(0);
  }

  // showReply shows a run's reply; it answers the message to show instead, if there is none.
  function showReply(reply, started) {
    if (reply.error) {
      return `The engine could not run this program: ${reply.error}`;
    }
    replay = new Replay(reply.trace);
    const threads = replay.threads.filter((t) => JS_ROLES.has(t.role));
    focus = FOLLOW;
    threadPick.replaceChildren(h('option', { value: String(FOLLOW) }, 'the one running at this step'),
      ...threads.map((t) => h('option', { value: String(t.id) }, t.name)));
    threadLabel.hidden = threads.length < 2;
    notes.replaceChildren(...[
      reply.trace.dropped && `The trace is incomplete: ${reply.trace.dropped} later events were left out.`,
    ].filter(Boolean).map((text) => h('p', { class: 'note' }, text)));
    applyShow();
    diagrams.console.clear();
    stage.hidden = false;
    // The engine itself stopped a run that hit a limit or an endless loop it could prove.
    status.textContent = reply.stopped
      ? `Stopped: ${reply.stopped}. Exit code ${reply.exitCode}, ${replay.length} steps.`
      : `Done: exit code ${reply.exitCode}, ${replay.length} steps.`;
    exercise.judge(reply.verdicts);
    onResult(block, reply);
    predict.reveal();
    player.load(replay.length, { autoplay: !reducedMotion.matches });
    root.dataset.runs = String(runs);
    // Run → first frame on screen, read by the size and speed report.
    requestAnimationFrame(() => { root.dataset.firstFrameMs = String(Math.round(performance.now() - started)); });
    return '';
  }

  // applyShow hides the diagrams a block did not ask for, or, by default, the pool when the
  // program never used it.
  function applyShow() {
    const wanted = block.options?.show;
    const usesPool = replay.threads.some((t) => t.role === 'pool');
    for (const [name, d] of Object.entries(diagrams)) {
      d.el.hidden = wanted?.length ? !wanted.includes(name) : name === 'pool' && !usesPool;
    }
  }

  function show(step) {
    if (!replay) return;
    const state = replay.at(step);
    const th = focus === FOLLOW ? replay.jsThreadAt(step) : focus;
    for (const d of Object.values(diagrams)) d.render(replay, state, th);
    // Read each step aloud only when the reader moves step by step; during play it would be a flood.
    narration.setAttribute('aria-live', player.playing ? 'off' : 'polite');
    narration.textContent = sentence(replay, step);
    // The running line is the top frame's, or the line a note at this step is about.
    const at = replay.events[step - 1];
    const top = at?.k === 'note' && at.line ? at : state.threads[th]?.stack.at(-1);
    editor.showRunning(top && top.file === replay.trace.main ? top.line : 0);
    root.dataset.step = String(step);
  }

  return {
    load,
    run,
    // current is the loaded block as the reader has it now (the code edited), or null.
    current: () => (block ? current() : null),
    // setReady reports the first engine start; later restarts are explained by the run that caused them.
    setReady(text) { if (runs === 0) status.textContent = text; },
  };
}
