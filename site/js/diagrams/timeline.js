// The timeline: virtual time across, one lane per thread, a block for each time the thread was
// busy (a callback, the main module, a pool job, a blocking wait). Clicking a block or a lane
// jumps the player there. Lanes are laid out for any number of threads.
import { h } from '../dom.js';
import { ms } from '../narrate.js';

// segments derives the busy blocks from the trace once per replay.
function segments(replay) {
  const out = [];
  const open = new Map(); // key → {th, from, step, label, kind, depth}
  const start = (key, seg) => { if (!open.has(key)) open.set(key, { ...seg, depth: 0 }); open.get(key).depth++; };
  const end = (key, t) => {
    const s = open.get(key);
    if (!s) return;
    if (--s.depth === 0) { open.delete(key); out.push({ ...s, to: t }); }
  };
  replay.events.forEach((e, i) => {
    const step = i + 1;
    if ((e.k === 'phase' && e.phase === 'main') || e.k === 'run') {
      start(`js${e.th}`, { th: e.th, from: e.t, step, kind: 'run', label: e.k === 'run' ? e.label : 'main module' });
    } else if ((e.k === 'phase-end' && e.phase === 'main') || e.k === 'run-end') {
      end(`js${e.th}`, e.t);
    } else if (e.k === 'pool-start') {
      start(`job${e.id}`, { th: e.worker, from: e.t, step, kind: 'job', label: replay.tasks.get(e.id)?.label ?? `job ${e.id}` });
    } else if (e.k === 'pool-done') {
      end(`job${e.id}`, e.t);
    } else if (e.k === 'blocked') {
      start(`blk${e.th}`, { th: e.th, from: e.t, step, kind: 'blocked', label: e.label });
    } else if (e.k === 'unblocked') {
      end(`blk${e.th}`, e.t);
    }
  });
  for (const s of open.values()) out.push({ ...s, to: replay.endTime });
  return out;
}

export function timelineDiagram({ onJump }) {
  const lanes = h('div', { class: 'tl-lanes' });
  const cursor = h('div', { class: 'tl-cursor', 'aria-hidden': 'true' });
  const axis = h('p', { class: 'tl-axis' });
  const el = h('section', { class: 'diagram timeline', 'aria-labelledby': 'h-timeline' },
    h('h3', { id: 'h-timeline' }, 'Timeline'), h('div', { class: 'tl-body' }, lanes, cursor), axis);
  let built = null;

  function build(replay) {
    const span = Math.max(replay.endTime, 1);
    const pct = (t) => `${((t / span) * 100).toFixed(3)}%`;
    const segs = segments(replay);
    lanes.replaceChildren(...replay.threads.map((t) => {
      const track = h('div', {
        class: 'tl-track',
        onclick: (ev) => {
          if (ev.target !== track) return;
          const r = track.getBoundingClientRect();
          onJump(replay.stepAtTime(((ev.clientX - r.left) / r.width) * span, t.id));
        },
      }, segs.filter((s) => s.th === t.id).map((s) => h('button', {
        type: 'button',
        class: `tl-seg ${s.kind}`,
        'data-step': String(s.step),
        style: `left:${pct(s.from)};width:max(3px, ${pct(s.to - s.from)})`,
        title: `${s.label}: ${ms(s.from)} to ${ms(s.to)}`,
        'aria-label': `${t.name}: ${s.label}, ${ms(s.from)} to ${ms(s.to)}. Jump there.`,
        onclick: () => onJump(s.step),
      })));
      return h('div', { class: `tl-lane role-${t.role}` }, h('span', { class: 'tl-name' }, t.name), track);
    }));
    axis.textContent = `0 ms → ${ms(replay.endTime)} of virtual time`;
    built = { replay, span };
  }

  return {
    el,
    render(replay, state) {
      if (!built || built.replay !== replay) build(replay);
      cursor.style.setProperty('--at', (state.t / built.span).toFixed(4));
    },
  };
}
