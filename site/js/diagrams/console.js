// The program's console: stdout and stderr in the order written, stderr marked in words as
// well as colour. It is an ARIA live region, so new output is announced as the replay reaches it.
import { h } from '../dom.js';

export function consoleDiagram() {
  const out = h('pre', { class: 'console-out', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'h-console', tabindex: '0' });
  const el = h('section', { class: 'diagram console' }, h('h3', { id: 'h-console' }, 'Console'), out);
  return {
    el,
    render(replay, state) {
      // Only the difference is applied, so a long output is not rebuilt at every step.
      const shown = replay.writes.filter((w) => w.step <= state.step);
      while (out.childElementCount > shown.length) out.lastElementChild.remove();
      for (const w of shown.slice(out.childElementCount)) {
        out.append(h('span', { class: w.stream, 'data-stream': w.stream }, w.text));
      }
    },
    clear() { out.replaceChildren(); },
  };
}
