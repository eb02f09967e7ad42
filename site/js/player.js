// The player: run, pause, step, jump to either end, a scrubber and a speed. It knows nothing of
// the diagrams; it only moves a step index and calls show(step).
import { h } from './dom.js';

const SPEEDS = [
  { label: 'slow', perSecond: 2 },
  { label: 'normal', perSecond: 6 },
  { label: 'fast', perSecond: 20 },
  { label: 'very fast', perSecond: 80 },
];

export function createPlayer({ show }) {
  let length = 0;
  let step = 0;
  let timer = null;
  let speed = SPEEDS[1];

  const btn = (label, text, onclick, extra = {}) =>
    h('button', { type: 'button', 'aria-label': label, title: label, onclick, ...extra }, text);
  const toStart = btn('Jump to the start', '« Start', () => go(0));
  const back = btn('Step back', '‹ Back', () => go(step - 1), { 'aria-keyshortcuts': 'ArrowLeft' });
  const play = btn('Play', '▶ Play', () => (timer ? pause() : resume()), { class: 'play', 'aria-keyshortcuts': 'Space' });
  const fwd = btn('Step forward', 'Step ›', () => go(step + 1), { 'aria-keyshortcuts': 'ArrowRight' });
  const toEnd = btn('Jump to the end', 'End »', () => go(length));
  const scrub = h('input', { type: 'range', min: '0', max: '0', value: '0', 'aria-label': 'Step', oninput: () => go(Number(scrub.value)) });
  const counter = h('output', { class: 'counter', 'aria-live': 'off' }, '0 / 0');
  const speedSelect = h('select', {
    'aria-label': 'Speed',
    onchange: () => { speed = SPEEDS[speedSelect.selectedIndex]; if (timer) { pause(); resume(); } },
  }, SPEEDS.map((s, i) => h('option', { selected: i === 1 }, s.label)));
  const el = h('div', { class: 'player', role: 'group', 'aria-label': 'Player' },
    h('div', { class: 'buttons' }, toStart, back, play, fwd, toEnd),
    h('label', { class: 'scrub' }, h('span', { class: 'visually-hidden' }, 'Step'), scrub), counter,
    h('label', { class: 'speed' }, 'Speed ', speedSelect));

  function go(k) {
    step = Math.max(0, Math.min(length, k));
    scrub.value = String(step);
    counter.textContent = `${step} / ${length}`;
    back.disabled = toStart.disabled = step === 0;
    fwd.disabled = toEnd.disabled = step === length;
    if (step === length) pause();
    show(step);
  }
  function resume() {
    if (step >= length) go(0);
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-label', 'Pause');
    timer = setInterval(() => go(step + 1), 1000 / speed.perSecond);
  }
  function pause() {
    clearInterval(timer);
    timer = null;
    play.textContent = '▶ Play';
    play.setAttribute('aria-label', 'Play');
  }
  // Keys work anywhere in the playground except where they already mean something (the
  // editor, form fields).
  function onKey(e) {
    if (e.target.closest('.cm-editor, input, select, textarea') || e.altKey || e.ctrlKey || e.metaKey || !length) return;
    const keys = { ArrowLeft: () => go(step - 1), ArrowRight: () => go(step + 1), Home: () => go(0), End: () => go(length) };
    if (keys[e.key]) { keys[e.key](); e.preventDefault(); }
    if (e.key === ' ' && !e.target.closest('button')) { (timer ? pause : resume)(); e.preventDefault(); }
  }
  return {
    el,
    onKey,
    load(n, { autoplay }) {
      pause();
      length = n;
      scrub.max = String(n);
      go(autoplay ? 1 : n);
      if (autoplay && n > 1) resume();
    },
    get step() { return step; },
    get playing() { return timer !== null; },
    go,
    pause,
  };
}
