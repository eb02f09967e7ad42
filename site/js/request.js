// A runnable block (lesson data or a shared program) becomes the request the worker runs.
const DIR = '/app/';

export function toRequest(block) {
  const main = `${DIR}main.${block.lang === 'mjs' ? 'mjs' : 'js'}`;
  const req = { files: { [main]: block.code }, main, env: {}, sized: {} };
  const o = block.options || {};
  for (const f of o.files || []) {
    if (f.size) req.sized[DIR + f.name] = f.size;
    else req.files[DIR + f.name] = f.content || '';
  }
  Object.assign(req.env, o.env || {});
  if (o.cores) req.cores = o.cores;
  if (block.goal) req.goal = block.goal;
  return req;
}
