import { readFile } from 'node:fs/promises';
import path from 'path';
queueMicrotask(() => console.log('micro'));
process.nextTick(() => console.log('tick'));
console.log('esm', typeof import.meta.url, path.basename(import.meta.url));
const self = await readFile(new URL(import.meta.url), 'utf8');
console.log('read self', self.length > 10);
