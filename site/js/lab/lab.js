// The load lab on a lesson page: sliders for the workload and the servers, live charts of a
// run, its totals, and a table of kept runs to compare. Every lab block of the lesson (a
// figure.lab with its parameters in #lab-data) becomes one. The simulation runs in the lab's
// worker (runner.js); this file only draws what it sends.
import { h } from '../dom.js';
import { lineChart } from './chart.js';
import { LabRunner } from './runner.js';

const MODELS = {
  pool: { label: 'Thread per request', cls: 's-pool' },
  node: { label: 'Node, one loop', cls: 's-node' },
  workers: { label: 'Node + workers', cls: 's-workers' },
};

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
const CHARTS = [
  { title: 'Throughput', unit: 'responses/s', y: (w) => w.rate, format: (v) => `${num(v)}/s` },
  { title: 'Latency', unit: 'ms', latency: true, format: (v) => msText(v) },
  { title: 'Requests waiting', unit: 'requests', y: (w) => w.waiting, format: num },
  { title: 'Threads busy', unit: 'threads', y: (w) => w.busy, format: num },
  { title: 'CPU use', unit: '% of all cores', y: (w) => w.cpu, format: (v) => `${num(v)}%` },
  { title: 'Memory', unit: 'MB', y: (w) => w.memMB, format: (v) => `${num(v)} MB` },
];

// TOTALS are the rows of the totals table.
const TOTALS = [
  ['Throughput', (t) => `${num(t.throughput)}/s`],
  ['Queueing theory allows', (t) => (t.bound ? `${num(t.bound)}/s` : 'no limit')],
  ['Latency p50 / p95 / p99', (t) => `${msText(t.p50)} / ${msText(t.p95)} / ${msText(t.p99)}`],
  ['Most requests waiting', (t) => num(t.maxWaiting)],
  ['Threads', (t) => num(t.threads)],
  ['Peak memory', (t) => `${num(t.peakMemMB)} MB`],
  ['CPU use', (t) => `${num(t.cpu)}%`],
  ['Context switches', (t) => `${num(t.switches)} (${msText(t.switchMs)} of CPU)`],
];

let runner;

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

  function showRelevant() {
    for (const { s, row } of sliderRows) row.hidden = Boolean(s.model) && !params.models.includes(s.model);
  }

  function schedule() {
    clearTimeout(debounce);
    debounce = setTimeout(start, 120);
  }

  function start() {
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
        c.chart.update([...run.byModel].map(([m, { windows }]) => ({
          label: MODELS[m].label,
          cls: MODELS[m].cls,
          points: windows.map((w) => ({ x: w.t, y: y(w) })),
        })), xEnd);
      }
    });
  }

  function renderTotals(r) {
    const models = [...r.byModel.keys()];
    totals.replaceChildren(h('table', {},
      h('caption', {}, 'Totals of this run (throughput and mean latency over the middle 80% of responses)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), ...models.map((m) => h('th', { scope: 'col', class: MODELS[m].cls }, MODELS[m].label)))),
      h('tbody', {}, ...TOTALS.map(([name, f]) => h('tr', {}, h('th', { scope: 'row' }, name), ...models.map((m) => h('td', {}, f(r.byModel.get(m).totals))))))));
  }

  function describeParams(p) {
    return `N=${num(p.clients)}, R=${p.requests}, Z=${msText(p.think / NS_PER_MS)}, W=${msText(p.io / NS_PER_MS)}, C=${msText(p.cpu / NS_PER_MS)}, T=${num(p.threads)}, ${p.cores} cores, stack ${kbText(p.stackKB)}` + (p.spread ? `, spread ±${Math.round(p.spread * 100)}%` : '');
  }

  function keepRun() {
    kept.push({ n: kept.length + 1, params: run.params, byModel: run.byModel });
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
      h('td', { class: MODELS[m].cls }, MODELS[m].label),
      h('td', {}, `${num(t.throughput)}/s`),
      h('td', {}, msText(t.p99)),
      h('td', {}, num(t.maxWaiting)),
      h('td', {}, `${num(t.peakMemMB)} MB`),
      h('td', {}, `${num(t.cpu)}%`))));
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
    h('p', { class: 'lab-hint' }, 'Point at a chart, or focus it and use the arrow keys, to read its values.'),
    h('div', { class: 'lab-charts' }, ...charts.map((c) => c.chart.el)),
    totals,
    keptTable);
  showRelevant();
  start();
}
