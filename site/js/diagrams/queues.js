// The queues of the focused thread: nextTick, microtasks, timers (with due times), immediates,
// what poll waits for, and close callbacks. Items keep their element while they stay queued.
import { h, keyed } from '../dom.js';
import { ms } from '../narrate.js';

const BOXES = [
  { q: 'nextTick', title: 'nextTick queue' },
  { q: 'microtask', title: 'Microtasks (promises)' },
  { q: 'timers', title: 'Timers' },
  { q: 'immediate', title: 'Immediates (check)' },
  { q: 'poll', title: 'Poll: waiting for, and ready' },
  { q: 'close', title: 'Close callbacks' },
];

export function queuesDiagram() {
  const boxes = BOXES.map((b) => {
    const list = h('ul', { class: 'items' });
    const box = h('section', { class: `queue q-${b.q}`, 'aria-label': b.title },
      h('h4', {}, b.title), list, h('p', { class: 'empty' }, 'empty'));
    return { ...b, list, box };
  });
  const heading = h('h3', { id: 'h-queues' }, 'Queues');
  const el = h('section', { class: 'diagram queues', 'aria-labelledby': 'h-queues' },
    heading, h('div', { class: 'queue-grid' }, boxes.map((b) => b.box)));

  function item(replay, id, extra) {
    const task = replay.tasks.get(id);
    return { id, label: task?.label ?? `task ${id}`, extra };
  }

  return {
    el,
    render(replay, state, th) {
      heading.textContent = `Queues${replay.threadTitle(th)}`;
      const t = state.threads[th];
      for (const b of boxes) {
        const ids = t?.queues[b.q] ?? [];
        let items = ids.map((id) => {
          const task = replay.tasks.get(id);
          return item(replay, id, b.q === 'timers' && task ? `due ${ms(task.due)}` : 'ready');
        });
        if (b.q === 'timers') {
          // Timers are shown in due order; Node's per-duration lists are the engine's concern.
          items = items.map((x) => ({ ...x, due: replay.tasks.get(x.id)?.due ?? 0 })).sort((a, b2) => a.due - b2.due);
        }
        if (b.q === 'poll') {
          // Jobs of this thread's that are still in the pool: poll waits for their completion.
          const inPool = [...state.pool.waiting, ...Object.values(state.pool.lanes).filter(Boolean)]
            .filter((id) => replay.tasks.get(id)?.th === th)
            .map((id) => item(replay, id, 'waiting: in the thread pool'));
          items = [...inPool, ...items];
        }
        keyed(b.list, items, (x) => `${x.id}:${x.extra}`, (x) =>
          h('li', { class: x.extra === 'ready' || x.extra.startsWith('due') ? 'ready' : 'waiting' },
            h('span', { class: 'label' }, x.label), ' ', h('span', { class: 'extra' }, x.extra)));
        b.box.querySelector('.empty').hidden = items.length > 0;
        b.box.classList.toggle('running', (t?.running ?? []).some((id) => replay.tasks.get(id)?.q === b.q));
      }
    },
  };
}
