// The libuv thread pool: one lane per pool thread with the job it is working on, and the jobs
// still waiting for a free thread.
import { h, keyed } from '../dom.js';

export function poolDiagram() {
  const lanes = h('ol', { class: 'lanes' });
  const waiting = h('ul', { class: 'items' });
  const none = h('p', { class: 'empty' }, 'none');
  const el = h('section', { class: 'diagram pool', 'aria-labelledby': 'h-pool' },
    h('h3', { id: 'h-pool' }, 'Thread pool'), lanes,
    h('div', { class: 'pool-waiting' }, h('h4', {}, 'Jobs waiting for a thread'), waiting, none));
  return {
    el,
    render(replay, state) {
      const pool = replay.threads.filter((t) => t.role === 'pool');
      keyed(lanes, pool, (t) => t.id, (t) => h('li', {}, h('span', { class: 'lane-name' }, t.name), h('span', { class: 'job' })),
        (li, t) => {
          const id = state.pool.lanes[t.id];
          const job = li.querySelector('.job');
          job.textContent = id ? replay.tasks.get(id)?.label ?? `job ${id}` : 'idle';
          li.classList.toggle('busy', Boolean(id));
        });
      none.hidden = state.pool.waiting.length > 0;
      keyed(waiting, state.pool.waiting, (id) => id, (id) => h('li', {}, replay.tasks.get(id)?.label ?? `job ${id}`));
    },
  };
}
