// The call stack of the focused thread, top frame first.
import { h, keyed } from '../dom.js';

export function stackDiagram() {
  const list = h('ol', { class: 'stack-frames', reversed: true });
  const empty = h('p', { class: 'empty' }, 'empty: no JavaScript is running');
  const heading = h('h3', { id: 'h-stack' }, 'Call stack');
  const el = h('section', { class: 'diagram stack', 'aria-labelledby': 'h-stack' },
    heading, list, empty);
  return {
    el,
    render(replay, state, th) {
      heading.textContent = `Call stack${replay.threadTitle(th)}`;
      const frames = state.threads[th]?.stack ?? [];
      // Frames are keyed by depth and identity, so a call animates in and a return leaves.
      const items = frames.map((f, depth) => ({ ...f, depth })).reverse();
      keyed(list, items, (f) => `${f.depth}:${f.fn}:${f.line}:${f.col}`, (f) =>
        h('li', {}, h('span', { class: 'fn' }, f.fn), ' ',
          h('span', { class: 'where' }, `${(f.file || '').split('/').pop()}:${f.line}`)));
      empty.hidden = frames.length > 0;
    },
  };
}
