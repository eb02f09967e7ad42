// The event loop as a ring of phases, the current one lit and named in the middle (so the
// state is in words, not only in colour), with the turn count.
import { h, svg } from '../dom.js';

const RING = ['timers', 'pending', 'idle', 'prepare', 'poll', 'check', 'close'];
const LABEL = { idle: 'idle', prepare: 'prepare' };
const R = 70;
const CX = 100;
const CY = 100;

function arc(i, n) {
  const gap = 0.05;
  const a0 = (i / n) * 2 * Math.PI - Math.PI / 2 + gap;
  const a1 = ((i + 1) / n) * 2 * Math.PI - Math.PI / 2 - gap;
  const p = (a) => `${(CX + R * Math.cos(a)).toFixed(2)} ${(CY + R * Math.sin(a)).toFixed(2)}`;
  return { d: `M ${p(a0)} A ${R} ${R} 0 0 1 ${p(a1)}`, mid: (a0 + a1) / 2 };
}

export function ringDiagram() {
  const segments = RING.map((phase, i) => {
    const { d, mid } = arc(i, RING.length);
    const lx = CX + (R + 18) * Math.cos(mid);
    const ly = CY + (R + 18) * Math.sin(mid);
    const g = svg('g', { class: `phase p-${phase}` },
      svg('path', { d }),
      svg('text', { x: lx.toFixed(1), y: ly.toFixed(1), 'text-anchor': 'middle', 'dominant-baseline': 'middle' }, LABEL[phase] || phase));
    return { phase, g };
  });
  const now = svg('text', { x: CX, y: CY - 6, 'text-anchor': 'middle', class: 'now' });
  const turn = svg('text', { x: CX, y: CY + 14, 'text-anchor': 'middle', class: 'turn' });
  const pic = svg('svg', { viewBox: '-12 -2 224 204', role: 'img', 'aria-labelledby': 'h-loop loop-now' },
    segments.map((s) => s.g), now, turn);
  const words = h('p', { class: 'visually-hidden', id: 'loop-now' });
  const heading = h('h3', { id: 'h-loop' }, 'Event loop');
  const el = h('section', { class: 'diagram loop', 'aria-labelledby': 'h-loop' },
    heading, pic, words);
  return {
    el,
    render(replay, state, th) {
      heading.textContent = `Event loop${replay.threadTitle(th)}`;
      const t = state.threads[th];
      const phase = t?.phase ?? null;
      for (const s of segments) s.g.classList.toggle('current', s.phase === phase);
      let label = phase ?? (t?.iteration ? 'between phases' : 'not started');
      if (t?.exited !== null && t?.exited !== undefined) label = `exited (${t.exited})`;
      if (phase === 'main') label = 'main module';
      now.textContent = label;
      turn.textContent = t?.iteration ? `turn ${t.iteration}` : '';
      words.textContent = `Now: ${label}${t?.iteration ? `, turn ${t.iteration}` : ''}.`;
    },
  };
}
