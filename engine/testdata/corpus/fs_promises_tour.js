const fs = require('fs/promises');
const os = require('os'); const path = require('path');
(async () => {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'x-'));
  await fs.writeFile(path.join(d, 'a.txt'), 'abc');
  await fs.appendFile(path.join(d, 'a.txt'), 'def');
  console.log(await fs.readFile(path.join(d, 'a.txt'), 'utf8'));
  console.log(await fs.readdir(d));
  try { await fs.readFile(path.join(d, 'nope')); } catch (e) { console.log(e.code, e.syscall, e.errno); }
  const fh = await fs.open(path.join(d, 'a.txt'), 'r');
  const buf = Buffer.alloc(3);
  const { bytesRead } = await fh.read(buf, 0, 3, 2);
  console.log(bytesRead, buf.toString());
  await fh.close();
  await fs.rm(d, { recursive: true });
  console.log('done');
})();
