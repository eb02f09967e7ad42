// An exercise: its goal, a hint, a solution to reveal, and after each run the verdict of every
// goal check. The verdicts are computed in Go (package lessons/goal), the same code the lesson
// tests use, so the page never judges on its own.
import { h } from './dom.js';

// withCode turns a hint's `backticked` spans into code elements, and the rest into text.
function withCode(text) {
  return text.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

export function exercisePanel({ useCode }) {
  const goals = h('ul', { class: 'goals' });
  const hint = h('p');
  const solution = h('pre', {}, h('code'));
  const el = h('section', { class: 'exercise', hidden: true, 'aria-labelledby': 'h-exercise' },
    h('h3', { id: 'h-exercise' }, 'Your goal'), goals,
    h('details', { class: 'hint' }, h('summary', {}, 'Hint'), hint),
    h('details', { class: 'solution' }, h('summary', {}, 'Solution'), solution,
      h('button', { type: 'button', onclick: () => useCode(solution.textContent) }, 'Put the solution in the editor')));

  return {
    el,
    load(block) {
      const ex = block.options?.exercise;
      el.hidden = !ex;
      if (!ex) return;
      goals.replaceChildren(...block.goal.map((g) => h('li', { 'data-verdict': 'unknown' }, h('span', { class: 'verdict' }, '○ '), g.says)));
      hint.replaceChildren(...withCode(block.hint || 'No hint for this one.'));
      solution.firstChild.textContent = block.solution;
      el.querySelectorAll('details').forEach((d) => { d.open = false; });
    },
    judge(verdicts) {
      if (el.hidden || !verdicts) return;
      [...goals.children].forEach((li, i) => {
        const v = verdicts[i];
        li.dataset.verdict = v.met ? 'met' : 'unmet';
        li.querySelector('.verdict').textContent = v.met ? '✓ met: ' : '✗ not yet: ';
        li.title = v.why || '';
        li.lastChild.textContent = v.met ? v.check : `${v.check} (${v.why})`;
      });
    },
  };
}
