// Predict, then run: the reader puts the output lines in the order they expect, checks, and the
// run then shows why. The answer is the lesson's output block, written and tested at build time.
import { h } from './dom.js';

// scramble gives a fixed order that differs from the answer whenever the lines differ.
function scramble(lines) {
  const hash = (s) => [...s].reduce((a, c) => (a * 31 + c.charCodeAt(0)) | 0, 7);
  const out = lines.map((text, i) => ({ text, i })).sort((a, b) => hash(a.text) - hash(b.text) || a.i - b.i);
  return out.every((x, i) => x.i === i) ? out.reverse() : out;
}

export function predictPanel() {
  const list = h('ol', { class: 'predict-lines' });
  const result = h('p', { class: 'predict-result', role: 'status' });
  const check = h('button', { type: 'button', onclick: () => judge() }, 'Check my order');
  // A details element, so that after the run the prediction folds away and leaves the room to
  // the diagrams, with its score in the summary.
  const summary = h('summary', {}, 'Predict the output');
  const el = h('details', { class: 'predict', hidden: true, open: true }, summary,
    h('p', {}, 'Put the lines in the order you think the program prints them, then check and run.'),
    list, check, result);
  let answer = [];

  function move(li, by) {
    const items = [...list.children];
    const i = items.indexOf(li);
    const j = i + by;
    if (j < 0 || j >= items.length) return;
    if (by < 0) list.insertBefore(li, items[j]); else list.insertBefore(items[j], li);
    li.querySelector(by < 0 ? '.up' : '.down').focus();
  }

  function judge() {
    const items = [...list.children];
    let right = 0;
    items.forEach((li, i) => {
      const ok = li.dataset.line === answer[i];
      right += ok;
      li.dataset.verdict = ok ? 'right' : 'wrong';
      li.querySelector('.verdict').textContent = ok ? '✓ right place' : `✗ really line ${answer.indexOf(li.dataset.line) + 1}`;
    });
    result.textContent = right === answer.length
      ? 'All in the right order. Run it to see why.'
      : `${right} of ${answer.length} in the right place. Run the program to see the real order, and why.`;
    summary.textContent = `Your prediction: ${right} of ${answer.length} lines in the right place`;
  }

  return {
    el,
    load(block) {
      answer = block.options?.predict && block.output ? block.output.replace(/\n$/, '').split('\n') : [];
      el.hidden = answer.length === 0;
      el.open = true;
      summary.textContent = 'Predict the output';
      result.textContent = '';
      list.replaceChildren(...scramble(answer).map(({ text }) => {
        const li = h('li', { 'data-line': text },
          h('code', {}, text), ' ',
          h('button', { type: 'button', class: 'up', 'aria-label': `Move “${text}” up`, onclick: () => move(li, -1) }, '↑'),
          h('button', { type: 'button', class: 'down', 'aria-label': `Move “${text}” down`, onclick: () => move(li, 1) }, '↓'),
          h('span', { class: 'verdict' }));
        return li;
      }));
    },
    reveal() {
      if (!answer.length) return;
      if (!result.textContent) judge();
      el.open = false;
    },
  };
}
