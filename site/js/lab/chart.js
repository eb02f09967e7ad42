// A line chart in hand-drawn SVG: axes with ticks and units, a legend, and a readout of the
// values at the window under the pointer or the keyboard cursor (arrow keys, Home, End).
// Series are told apart by dash pattern as well as colour.
import { h, svg } from '../dom.js';

// The drawing's own size: about the size it is shown at in a half of the lesson column, so
// that its 10 px text stays readable.
const W = 300;
const H = 190;
const M = { l: 42, r: 10, t: 10, b: 34 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;
const X_TICKS = 6;
const Y_TICKS = 4;

// niceStep is 1, 2 or 5 times a power of ten, about max/count.
function niceStep(max, count) {
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * p).find((s) => s >= raw);
}

function ticks(max, count) {
  const step = niceStep(max, count);
  const out = [];
  for (let v = 0; v <= max * (1 + 1e-9); v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

// axisMax rounds max up to the next of about count ticks, so the end of the axis is labelled.
function axisMax(max, count) {
  if (!(max > 0)) return 1;
  const step = niceStep(max, count);
  return Math.ceil(max / step - 1e-9) * step;
}

const short = (v) => (Math.abs(v) >= 1e4 ? `${Number((v / 1e3).toPrecision(3))}k` : String(Number(v.toPrecision(3))));

// lineChart makes an empty chart. format(y) writes a value with its unit for the readout.
export function lineChart({ title, unit, format, describe }) {
  const grid = svg('g', { class: 'chart-grid' });
  const lines = svg('g', { class: 'chart-lines' });
  const cursor = svg('g', { class: 'chart-cursor' });
  const desc = svg('desc');
  const plot = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', tabindex: '0', 'aria-label': `${title} chart; use the arrow keys to read values` },
    desc, grid, lines, cursor);
  const legend = h('ul', { class: 'chart-legend' });
  const readout = h('p', { class: 'chart-readout', 'aria-live': 'polite' });
  const heading = h('figcaption', {}, h('span', { class: 'chart-title' }, title), ' ', h('span', { class: 'chart-unit' }, `(${unit})`));
  const el = h('figure', { class: 'chart' }, heading, plot, legend, readout);

  let series = [];
  let xMax = 1;
  let yMax = 1;
  let at = -1; // the window the cursor is on, or -1
  const longest = () => series.reduce((a, s) => (s.points.length > a.length ? s.points : a), []);
  const sx = (x) => M.l + (x / xMax) * PW;
  const sy = (y) => M.t + PH - (y / yMax) * PH;

  function drawAxes() {
    const parts = [];
    for (const v of ticks(yMax, Y_TICKS)) {
      parts.push(svg('line', { x1: M.l, x2: W - M.r, y1: sy(v), y2: sy(v), class: 'tick-line' }));
      parts.push(svg('text', { x: M.l - 5, y: sy(v) + 3.5, 'text-anchor': 'end' }, short(v)));
    }
    for (const v of ticks(xMax, X_TICKS)) {
      parts.push(svg('line', { x1: sx(v), x2: sx(v), y1: M.t + PH, y2: M.t + PH + 4, class: 'axis' }));
      parts.push(svg('text', { x: sx(v), y: M.t + PH + 15, 'text-anchor': 'middle' }, short(v)));
    }
    parts.push(svg('line', { x1: M.l, x2: W - M.r, y1: M.t + PH, y2: M.t + PH, class: 'axis' }));
    parts.push(svg('line', { x1: M.l, x2: M.l, y1: M.t, y2: M.t + PH, class: 'axis' }));
    parts.push(svg('text', { x: M.l + PW / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, 'virtual time (s)'));
    parts.push(svg('text', { x: 11, y: M.t + PH / 2, 'text-anchor': 'middle', class: 'axis-label', transform: `rotate(-90 11 ${M.t + PH / 2})` }, unit));
    grid.replaceChildren(...parts);
  }

  function drawLines() {
    lines.replaceChildren(...series.map((s) => {
      let d = '';
      let pen = false;
      for (const p of s.points) {
        if (p.y === null) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)}`;
        pen = true;
      }
      return svg('path', { d, class: `series ${s.cls}` });
    }));
  }

  function drawCursor() {
    const pts = longest();
    if (at < 0 || at >= pts.length) {
      cursor.replaceChildren();
      return;
    }
    const x = pts[at].x;
    const marks = [svg('line', { x1: sx(x), x2: sx(x), y1: M.t, y2: M.t + PH, class: 'cursor-line' })];
    const words = [];
    for (const s of series) {
      const p = s.points[at];
      if (!p || p.y === null) {
        words.push(`${s.label}: –`);
        continue;
      }
      marks.push(svg('circle', { cx: sx(p.x), cy: sy(p.y), r: 3.5, class: `dot ${s.cls}` }));
      words.push(`${s.label}: ${format(p.y)}`);
    }
    cursor.replaceChildren(...marks);
    readout.textContent = `At ${x.toFixed(x < 10 ? 2 : 1)} s: ${words.join(' · ')}`;
  }

  function draw() {
    drawAxes();
    drawLines();
    drawCursor();
    const last = series.map((s) => {
      const p = [...s.points].reverse().find((q) => q.y !== null);
      return p ? `${s.label} ${format(p.y)}` : null;
    }).filter(Boolean);
    desc.textContent = describe ? describe(series) : `Last values: ${last.join(', ')}.`;
  }

  plot.addEventListener('pointermove', (e) => {
    const pts = longest();
    if (!pts.length) return;
    const box = plot.getBoundingClientRect();
    const x = (((e.clientX - box.left) / box.width) * W - M.l) / PW * xMax;
    let best = 0;
    pts.forEach((p, i) => {
      if (Math.abs(p.x - x) < Math.abs(pts[best].x - x)) best = i;
    });
    at = best;
    drawCursor();
  });
  plot.addEventListener('keydown', (e) => {
    const n = longest().length;
    if (!n) return;
    const from = at < 0 ? n - 1 : at;
    const moves = { ArrowLeft: from - 1, ArrowRight: from + 1, Home: 0, End: n - 1, PageUp: from - 10, PageDown: from + 10 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    at = Math.max(0, Math.min(n - 1, moves[e.key]));
    drawCursor();
  });

  // update replaces the series: [{label, cls, points: [{x, y | null}]}]. xEnd is the least
  // width of the time axis, so that it does not jump at every chunk of a live run.
  function update(next, xEnd) {
    series = next;
    const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y !== null);
    const xs = series.flatMap((s) => s.points.map((p) => p.x));
    yMax = axisMax(Math.max(0, ...ys) * 1.05, Y_TICKS);
    xMax = axisMax(Math.max(xEnd, ...xs), X_TICKS);
    legend.replaceChildren(...series.map((s) => h('li', {},
      svg('svg', { viewBox: '0 0 28 10', width: '28', height: '10', 'aria-hidden': 'true' }, svg('line', { x1: 1, x2: 27, y1: 5, y2: 5, class: `series ${s.cls}` })),
      ` ${s.label}`)));
    draw();
  }

  return { el, update };
}
