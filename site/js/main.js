// Page entry: one engine worker per page, one playground, fed by the lesson's blocks or, on the
// sandbox, by the share link in the fragment.
import { Runner } from './runner.js';
import { createPlayground } from './playground.js';
import { decodeShare } from './share.js';
import { markIndex, record } from './progress.js';
import { measureWith, mountLabs } from './lab/lab.js';

const SANDBOX_START = `// Edit me, then press Run (or Ctrl+Enter).
const fs = require('fs');

console.log('start');
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
fs.readFile(__filename, () => console.log('file read'));
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise'));
console.log('end');
`;

let registered = false;

function registerServiceWorker() {
  // Offline after the first visit; the worker answers from the network first, so a new build
  // is always taken when online.
  if (registered) return;
  registered = true;
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
}

function lessonPage(root, runner) {
  const blocks = JSON.parse(document.getElementById('lesson-data').textContent) || [];
  const slug = location.pathname.split('/').pop().replace(/\.html$/, '');
  const pg = createPlayground(root, runner, {
    onResult: (block, reply) => record(slug, block.index, (reply.verdicts ?? []).length > 0 && reply.verdicts.every((v) => v.met)),
  });
  const figures = [...document.querySelectorAll('figure.runnable')];
  const open = (i, scroll) => {
    const f = figures[i];
    pg.load(blocks[i], `${f.querySelector('.runnable-kind').textContent} ${i + 1} of ${blocks.length}`);
    figures.forEach((x) => x.toggleAttribute('data-current', x === f));
    figures.forEach((x) => x.querySelector('.load-block').setAttribute('aria-pressed', String(x === f)));
    if (scroll) root.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  for (const b of document.querySelectorAll('.load-block')) {
    b.hidden = false;
    b.addEventListener('click', () => open(Number(b.dataset.block), true));
  }
  if (blocks.length) open(0, false);
  // A lab with server=N measures program N as the reader has it: edited, if it is the one in
  // the playground.
  measureWith(runner, (n) => (pg.current()?.index === n - 1 ? pg.current() : blocks[n - 1]));
  return pg;
}

function sandboxPage(root, runner) {
  const form = document.querySelector('[data-machine]');
  const machine = () => {
    const n = (name) => Number(form.elements[name].value) || 0;
    const o = { cores: n('cores') || 4, env: { UV_THREADPOOL_SIZE: String(n('pool') || 4) } };
    if (n('bigMB') > 0) o.files = [{ name: 'big.txt', size: n('bigMB') * 1e6 }];
    return o;
  };
  const pg = createPlayground(root, runner, { title: 'Your program', machine });
  const fromFragment = () => {
    const shared = decodeShare(location.hash.slice(1));
    const b = shared || { lang: 'js', code: SANDBOX_START, options: {} };
    const o = b.options;
    if (o.cores) form.elements.cores.value = o.cores;
    if (o.env?.UV_THREADPOOL_SIZE) form.elements.pool.value = o.env.UV_THREADPOOL_SIZE;
    const big = (o.files || []).find((f) => f.name === 'big.txt' && f.size);
    form.elements.bigMB.value = big ? Math.round(big.size / 1e6) : 0;
    pg.load(b, shared ? 'Shared program' : 'Your program');
  };
  window.addEventListener('hashchange', fromFragment);
  fromFragment();
  return pg;
}

function main() {
  const list = document.querySelector('.lesson-list');
  if (list) markIndex(list);
  mountLabs();
  const root = document.querySelector('[data-playground]');
  if (!root) {
    registerServiceWorker();
    return;
  }
  let pg;
  const runner = new Runner({
    onStatus: (kind, detail) => {
      if (kind === 'ready') {
        // Milliseconds from navigation to a runnable engine, read by the size and speed report.
        const root = document.documentElement;
        root.dataset.readyMs ??= String(Math.round(performance.now()));
        root.dataset.engineCompileMs ??= String(Math.round(detail.compileMs));
        root.dataset.engineInitMs ??= String(Math.round(detail.initMs));
        self.looplabEngineTiming ??= detail; // the split of that time, for the report
        root.dataset.engine = 'ready';
        // On a first visit the service worker's install downloads and stores every file of the
        // site again (engine.wasm alone is 22 MB): started with the page, it competed with the
        // engine's download, compilation and start-up for the same cores. It is registered once
        // the engine is up and has warmed up (site/js/worker.js).
        setTimeout(registerServiceWorker, 2000);
        pg?.setReady(`Ready (engine loaded in ${Math.round(detail.ms)} ms).`);
      } else if (kind === 'failed') {
        registerServiceWorker();
        pg?.setReady(`The engine could not start: ${detail}`);
      }
    },
  });
  pg = root.dataset.playground === 'sandbox' ? sandboxPage(root, runner) : lessonPage(root, runner);
}

main();
