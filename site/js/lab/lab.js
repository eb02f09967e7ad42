// The load lab on a lesson page: sliders for the workload and the servers, live charts of a
// run, its totals, and a table of kept runs to compare. Every lab block of the lesson (a
// figure.lab with its parameters in #lab-data) becomes one. The simulation runs in the lab's
// worker (runner.js); this file only draws what it sends. A lab with server=N also measures
// the lesson's program N, run for real by the engine (package lab/measure), beside the models.
import { h } from '../dom.js';
import { toRequest } from '../request.js';
import { lineChart } from './chart.js';
import { LabRunner } from './runner.js';

const MODELS = {
  pool: { label: 'Thread per request', cls: 's-pool' },
  node: { label: 'Node, one loop', cls: 's-node' },
  workers: { label: 'Node + workers', cls: 's-workers' },
};
// PROGRAM is the key of a measured program among a run's servers (lab.Program).
const PROGRAM = 'program';

const NS_PER_MS = 1e6;
const num = (n) => n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : n < 100 ? 1 : 0 });
const msText = (ms) => (ms >= 1000 ? `${num(ms / 1000)} s` : ms < 1 && ms > 0 ? `${num(ms * 1000)} µs` : `${num(ms)} ms`);
const kbText = (kb) => (kb >= 1024 ? `${num(kb / 1024)} MB` : `${kb} KB`);

// Sliders move over a list of round values, so that 1 to 10,000 clients fits one slider and the
// keyboard steps through values worth trying. A lesson's own value joins its list.
const SLIDERS = [
  { key: 'clients', label: 'Clients (N)', steps: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], text: num },
  { key: 'requests', label: 'Requests per client (R)', steps: [1, 2, 5, 10, 20, 50, 100, 200], text: num },
  { key: 'think', label: 'Think time (Z)', ms: true, steps: [0, 10, 20, 50, 100, 200, 500, 1000, 2000], text: msText },
  { key: 'io', label: 'I/O wait per request (W)', ms: true, steps: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], text: msText },
  { key: 'cpu', label: 'CPU per request (C)', ms: true, steps: [0, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100], text: msText },
  { key: 'spread', label: 'Spread of Z, W, C', steps: [0, 0.1, 0.25, 0.5, 0.75, 1], text: (v) => `±${Math.round(v * 100)}%` },
  { key: 'threads', label: 'Threads (T)', model: 'pool', steps: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], text: num },
  { key: 'stackKB', label: 'Stack per thread', model: 'pool', steps: [64, 128, 256, 512, 1024, 2048, 4096, 8192], text: kbText },
  { key: 'workers', label: 'Worker threads', model: 'workers', steps: [1, 2, 4, 8, 16, 32, 64], text: num },
  { key: 'cores', label: 'Cores', steps: [1, 2, 4, 8, 16, 32, 64], text: num },
];

// CHARTS say what each chart plots from a window of the run.
// Only throughput and latency are measured for a program: the other charts need the inside
// of a server, which the models have and a measured program does not show.
const CHARTS = [
  { title: 'Throughput', unit: 'responses/s', y: (w) => w.rate, format: (v) => `${num(v)}/s`, measured: true },
  { title: 'Latency', unit: 'ms', latency: true, format: (v) => msText(v), measured: true },
  { title: 'Requests waiting', unit: 'requests', y: (w) => w.waiting, format: num },
  { title: 'Threads busy', unit: 'threads', y: (w) => w.busy, format: num },
  { title: 'CPU use', unit: '% of all cores', y: (w) => w.cpu, format: (v) => `${num(v)}%` },
  { title: 'Memory', unit: 'MB', y: (w) => w.memMB, format: (v) => `${num(v)} MB` },
];

// TOTALS are the rows of the totals table; a measured program has only those marked true.
const TOTALS = [
  ['Throughput', (t) => `${num(t.throughput)}/s`, true],
  ['Queueing theory allows', (t) => (t.bound ? `${num(t.bound)}/s` : 'no limit')],
  ['Latency p50 / p95 / p99', (t) => `${msText(t.p50)} / ${msText(t.p95)} / ${msText(t.p99)}`, true],
  ['Most requests waiting', (t) => num(t.maxWaiting)],
  ['Threads', (t) => num(t.threads)],
  ['Peak memory', (t) => `${num(t.peakMemMB)} MB`],
  ['CPU use', (t) => `${num(t.cpu)}%`],
  ['Context switches', (t) => `${num(t.switches)} (${msText(t.switchMs)} of CPU)`],
];

let runner;

// measurer is how labs reach the lesson's programs: the engine's runner, which only the
// lesson page has, and program(n), block n (from 1) as the reader has it now.
let measurer = null;

// measureWith is called by the lesson page once its playground exists.
export function measureWith(engineRunner, program) {
  measurer = { runner: engineRunner, program };
}

export function mountLabs() {
  const data = document.getElementById('lab-data');
  if (!data) return;
  const labs = JSON.parse(data.textContent) || [];
  runner ??= new LabRunner();
  for (const fig of document.querySelectorAll('figure.lab')) {
    mountLab(fig, labs[Number(fig.dataset.lab)]);
  }
}

function mountLab(fig, block) {
  const params = structuredClone(block.params);
  const key = `lab-${block.index}`;
  const status = h('p', { class: 'lab-status', role: 'status' });
  const charts = CHARTS.map((c) => ({ ...c, chart: lineChart(c) }));
  const percentile = h('select', { class: 'lab-percentile', 'aria-label': 'Latency percentile', onchange: () => redraw() },
    ...['p50', 'p95', 'p99'].map((p) => h('option', { value: p, selected: p === 'p99' }, p)));
  charts.find((c) => c.latency).chart.el.querySelector('figcaption').append(' ', percentile);
  const totals = h('div', { class: 'lab-totals' });
  const kept = [];
  const keptTable = h('div', { class: 'lab-kept' });
  const keep = h('button', { type: 'button', disabled: true, onclick: () => keepRun() }, 'Keep this run to compare');
  let run = null; // {params, windowMs, byModel: Map(model → {windows, totals}), ms, done}
  let frame = 0;
  let debounce = 0;
  const measure = block.server ? measureControls() : null;

  const sliderRows = SLIDERS.map((s) => slider(s));
  const modelBoxes = Object.keys(MODELS).map((m) => {
    const box = h('input', { type: 'checkbox', value: m, checked: params.models.includes(m), onchange: () => {
      const chosen = modelBoxes.filter((b) => b.checked).map((b) => b.value);
      if (chosen.length === 0) {
        box.checked = true; // one server at least: keep the last one
        return;
      }
      params.models = chosen;
      showRelevant();
      schedule();
    } });
    return box;
  });
  const modelLabels = modelBoxes.map((box) => h('label', { class: `lab-model ${MODELS[box.value].cls}` }, box, ` ${MODELS[box.value].label}`));

  function slider(s) {
    const steps = [...new Set([...s.steps, s.ms ? params[s.key] / NS_PER_MS : params[s.key]])].sort((a, b) => a - b);
    const id = `${key}-${s.key}`;
    const value = () => steps[Number(input.value)];
    const out = h('output', { for: id });
    const input = h('input', { type: 'range', id, min: 0, max: steps.length - 1, step: 1, oninput: () => {
      params[s.key] = s.ms ? Math.round(value() * NS_PER_MS) : value();
      show();
      schedule();
    } });
    const show = () => {
      out.textContent = s.text(value());
      input.setAttribute('aria-valuetext', s.text(value()));
    };
    const set = () => {
      const v = s.ms ? params[s.key] / NS_PER_MS : params[s.key];
      let i = steps.indexOf(v);
      if (i < 0) i = steps.findIndex((x) => x >= v);
      input.value = String(i < 0 ? steps.length - 1 : i);
      show();
    };
    set();
    const row = h('div', { class: 'lab-slider' }, h('label', { for: id }, s.label), out, input);
    return { s, row, set };
  }

  const label = (m) => (m === PROGRAM ? `Your server (program ${block.server})` : MODELS[m].label);
  const cls = (m) => (m === PROGRAM ? 's-program' : MODELS[m].cls);

  // servers are the run's models and, if it was measured under this very load, the program.
  function servers(r) {
    const all = [...r.byModel];
    const m = measure?.current(r.params);
    if (m) all.push([PROGRAM, m]);
    return all;
  }

  // measureControls: a button that measures program block.server under the lab's load (only
  // the load and the cores count: the program's handler is its own W and C). A measurement
  // stays on the charts while the load stays the same.
  function measureControls() {
    let measured = null; // {load, said, windows, totals}
    let busy = false;
    const loadOf = (p) => JSON.stringify([p.clients, p.requests, p.think, p.spread, p.seed, p.cores]);
    const button = h('button', { type: 'button', onclick: () => go() }, `Measure program ${block.server} under this load`);
    const note = h('p', { class: 'lab-status', role: 'status' },
      `Program ${block.server} runs for real in the engine, so it is measured with at most ${num(block.maxMeasured)} requests (clients × requests), in a few seconds. Its clients send GET /; its own clients and server.close are left out.`);
    const el = h('div', { class: 'lab-actions lab-measure' }, button, note);

    function update(p) {
      const n = p.clients * p.requests;
      button.disabled = busy || n > block.maxMeasured;
      if (!busy && n > block.maxMeasured) note.textContent = `To measure program ${block.server}, lower the clients or the requests: ${num(n)} requests, at most ${num(block.maxMeasured)}.`;
      else if (!busy && measured) note.textContent = measured.load === loadOf(p) ? measured.said : `The load changed since program ${block.server} was measured: measure it again to compare.`;
    }

    async function go() {
      const load = structuredClone(params);
      busy = true;
      update(load);
      note.textContent = `Measuring program ${block.server}: ${num(load.clients * load.requests)} requests in the engine…`;
      const started = performance.now();
      const outcome = await measurer.runner.run({ ...toRequest(measurer.program(block.server)), measure: load });
      busy = false;
      const secs = (performance.now() - started) / 1000;
      const reply = outcome.kind === 'done' ? outcome.reply : null;
      if (reply?.measured) {
        const t = reply.measured.totals;
        measured = { load: loadOf(load), said: `Measured program ${block.server} in ${num(secs)} s: ${num(t.throughput)} responses/s, p99 ${msText(t.p99)}.`, ...reply.measured };
        note.textContent = measured.said;
        fig.dataset.measured = String(Number(fig.dataset.measured || 0) + 1);
        if (run?.done) renderTotals(run);
        redraw();
      } else {
        note.textContent = `Program ${block.server} could not be measured: ${
          outcome.kind === 'timeout' ? `it took longer than ${outcome.ms / 1000} s; lower the clients or the requests`
            : outcome.kind === 'superseded' ? 'a run in the playground took its place; measure again'
            : outcome.kind === 'crashed' ? outcome.message
            : (reply.error || reply.stderr || `exit code ${reply.exitCode}`).trim()}`;
      }
      update(params);
    }

    return { el, update, current: (p) => (measured && measured.load === loadOf(p) ? measured : null) };
  }

  function showRelevant() {
    for (const { s, row } of sliderRows) row.hidden = Boolean(s.model) && !params.models.includes(s.model);
  }

  function schedule() {
    clearTimeout(debounce);
    debounce = setTimeout(start, 120);
  }

  function start() {
    measure?.update(params);
    run = { params: structuredClone(params), expected: 0, byModel: new Map(params.models.map((m) => [m, { windows: [], totals: null }])), ms: 0, done: false };
    keep.disabled = true;
    status.textContent = `Simulating ${num(params.clients * params.requests)} requests on each server…`;
    const mine = run;
    runner.run(key, mine.params, {
      onChunk: (chunk, ms) => {
        mine.expected = chunk.expectedSeconds;
        mine.ms = ms;
        for (const rc of chunk.runs) {
          const r = mine.byModel.get(rc.model);
          r.windows.push(...rc.windows);
          if (rc.totals) r.totals = rc.totals;
        }
        if (chunk.done) finish(mine);
        redraw();
      },
      onError: (message) => {
        status.textContent = `This run could not be simulated: ${message}`;
      },
    });
  }

  function finish(r) {
    r.done = true;
    keep.disabled = false;
    const secs = Math.max(...[...r.byModel.values()].map((m) => m.totals.seconds));
    status.textContent = `Done: ${num(r.params.clients * r.params.requests)} requests per server, ${num(secs)} s of virtual time, simulated in ${num(r.ms)} ms.`;
    // For the browser tests and the speed benchmark: finished runs, and how long the last took.
    fig.dataset.runs = String(Number(fig.dataset.runs || 0) + 1);
    fig.dataset.simMs = String(Math.round(r.ms));
    renderTotals(r);
  }

  function redraw() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!run) return;
      // While the run goes on, the time axis spans its expected length, so that it does not
      // grow at every chunk; once it is done, the axis fits what happened.
      const xEnd = run.done ? 0 : run.expected;
      for (const c of charts) {
        const y = c.latency ? (w) => (w.done > 0 ? w[percentile.value] : null) : c.y;
        c.chart.update(servers(run).filter(([m]) => c.measured || m !== PROGRAM).map(([m, { windows }]) => ({
          label: label(m),
          cls: cls(m),
          points: windows.map((w) => ({ x: w.t, y: y(w) })),
        })), xEnd);
      }
    });
  }

  function renderTotals(r) {
    const all = servers(r);
    totals.replaceChildren(h('table', {},
      h('caption', {}, 'Totals of this run (throughput and mean latency over the middle 80% of responses)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), ...all.map(([m]) => h('th', { scope: 'col', class: cls(m) }, label(m))))),
      h('tbody', {}, ...TOTALS.map(([name, f, measured]) => h('tr', {}, h('th', { scope: 'row' }, name),
        ...all.map(([m, { totals: t }]) => h('td', {}, m !== PROGRAM || measured ? f(t) : '—')))))));
  }

  function describeParams(p) {
    return `N=${num(p.clients)}, R=${p.requests}, Z=${msText(p.think / NS_PER_MS)}, W=${msText(p.io / NS_PER_MS)}, C=${msText(p.cpu / NS_PER_MS)}, T=${num(p.threads)}, ${p.cores} cores, stack ${kbText(p.stackKB)}` + (p.spread ? `, spread ±${Math.round(p.spread * 100)}%` : '');
  }

  function keepRun() {
    kept.push({ n: kept.length + 1, params: run.params, byModel: new Map(servers(run)) });
    keep.disabled = true;
    renderKept();
  }

  function renderKept() {
    if (kept.length === 0) {
      keptTable.replaceChildren();
      return;
    }
    const rows = kept.flatMap((k) => [...k.byModel].map(([m, { totals: t }], i) => h('tr', {},
      i === 0 ? h('th', { scope: 'row', rowspan: k.byModel.size }, `Run ${k.n}`, h('br'), h('span', { class: 'lab-settings' }, describeParams(k.params)),
        h('br'), h('button', { type: 'button', onclick: () => restore(k) }, 'Load settings'), ' ',
        h('button', { type: 'button', onclick: () => { kept.splice(kept.indexOf(k), 1); renderKept(); } }, 'Remove')) : null,
      h('td', { class: cls(m) }, label(m)),
      h('td', {}, `${num(t.throughput)}/s`),
      h('td', {}, msText(t.p99)),
      ...[num(t.maxWaiting), `${num(t.peakMemMB)} MB`, `${num(t.cpu)}%`].map((v) => h('td', {}, m === PROGRAM ? '—' : v)))));
    keptTable.replaceChildren(h('table', {},
      h('caption', {}, 'Kept runs, side by side'),
      h('thead', {}, h('tr', {}, ...['Run', 'Server', 'Throughput', 'p99', 'Most waiting', 'Peak memory', 'CPU'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows)));
  }

  function restore(k) {
    Object.assign(params, structuredClone(k.params));
    for (const r of sliderRows) r.set();
    for (const b of modelBoxes) b.checked = params.models.includes(b.value);
    showRelevant();
    start();
  }

  const reset = h('button', { type: 'button', onclick: () => restore({ params: block.params }) }, 'Reset');
  fig.querySelector('.lab-fallback')?.remove();
  fig.append(
    h('form', { class: 'lab-controls', onsubmit: (e) => e.preventDefault() },
      h('fieldset', { class: 'lab-models' }, h('legend', {}, 'Servers to compare'), ...modelLabels),
      h('fieldset', { class: 'lab-sliders' }, h('legend', {}, 'Load and machine'), ...sliderRows.map((r) => r.row))),
    h('div', { class: 'lab-actions' }, keep, reset, status),
    ...(measure ? [measure.el] : []),
    h('p', { class: 'lab-hint' }, 'Point at a chart, or focus it and use the arrow keys, to read its values.'),
    h('div', { class: 'lab-charts' }, ...charts.map((c) => c.chart.el)),
    totals,
    keptTable);
  showRelevant();
  start();
}
