// Progress is kept in this browser's local storage: for each lesson, which blocks the reader
// has run and which exercises they solved. It can be exported to a file and imported again.
import { h } from './dom.js';

const KEY = 'looplab.progress.v1';

function load() {
  try {
    const p = JSON.parse(localStorage.getItem(KEY));
    return p && typeof p === 'object' && !Array.isArray(p) ? p : {};
  } catch {
    return {};
  }
}

function save(p) {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage may be full or forbidden (private mode): progress is a comfort, not a need.
  }
}

// record notes that block index of lesson slug ran, and whether it met its goal.
export function record(slug, index, solved) {
  const p = load();
  const l = (p[slug] ??= { ran: [], solved: [] });
  if (!l.ran.includes(index)) l.ran.push(index);
  if (solved && !l.solved.includes(index)) l.solved.push(index);
  save(p);
}

// markIndex shows each lesson's progress on the index page and offers export and import.
export function markIndex(list) {
  const show = () => {
    const p = load();
    for (const li of list.querySelectorAll('li[data-slug]')) {
      const l = p[li.dataset.slug];
      const mark = li.querySelector('.progress') ?? li.appendChild(h('span', { class: 'progress' }));
      mark.textContent = !l ? '' : l.solved.length ? `✓ tried, ${l.solved.length} exercise${l.solved.length > 1 ? 's' : ''} solved` : '✓ tried';
    }
  };
  const file = h('input', { type: 'file', accept: 'application/json', hidden: true, onchange: async () => {
    try {
      const data = JSON.parse(await file.files[0].text());
      if (data && typeof data === 'object' && !Array.isArray(data)) save(data);
    } catch {
      status.textContent = 'That file is not a Looplab progress file.';
      return;
    }
    status.textContent = 'Progress imported.';
    show();
  } });
  const status = h('span', { role: 'status' });
  const exportButton = h('button', { type: 'button', onclick: () => {
    const a = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(load(), null, 1)], { type: 'application/json' })), download: 'looplab-progress.json' });
    a.click();
    URL.revokeObjectURL(a.href);
  } }, 'Export progress');
  const importButton = h('button', { type: 'button', onclick: () => file.click() }, 'Import progress');
  list.after(h('p', { class: 'progress-tools' }, exportButton, ' ', importButton, file, ' ', status));
  show();
}
