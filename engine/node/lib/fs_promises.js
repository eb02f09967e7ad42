'use strict';
// fs/promises: the promise API over the same thread-pool requests as the callback API
// (lib/fs.js); each promise settles in the poll phase callback of its last request, as Node's
// lib/internal/fs/promises.js does with its FSReqPromise requests.

const fs = require('fs');

function promisify(fn) {
  return (...args) => new Promise((resolve, reject) => {
    fn(...args, (err, value) => (err ? reject(err) : resolve(value)));
  });
}

const kFd = Symbol('kFd');

// FileHandle mirrors the object fsPromises.open() resolves to.
class FileHandle {
  constructor(fd) { this[kFd] = fd; }
  get fd() { return this[kFd]; }
  getAsyncId() { return this[kFd]; }
  read(buffer, offset, length, position) {
    if (buffer === undefined || (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer))) {
      const o = buffer || {};
      buffer = o.buffer || require('buffer').Buffer.alloc(16384);
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = o);
    }
    return new Promise((resolve, reject) => {
      fs.read(this[kFd], buffer, offset, length, position, (err, bytesRead, buf) =>
        (err ? reject(err) : resolve({ bytesRead, buffer: buf })));
    });
  }
  write(data, ...rest) {
    return new Promise((resolve, reject) => {
      fs.write(this[kFd], data, ...rest, (err, n, buf) => (err ? reject(err) : resolve({ bytesWritten: n, buffer: buf })));
    });
  }
  readFile(options) { return promisify(fs.readFile)(this[kFd], options); }
  writeFile(data, options) { return promisify(fs.writeFile)(this[kFd], data, options); }
  appendFile(data, options) { return promisify(fs.appendFile)(this[kFd], data, options); }
  stat() { return promisify(fs.fstat)(this[kFd]); }
  truncate(len) { return promisify(fs.ftruncate)(this[kFd], len); }
  sync() { return promisify(fs.fsync)(this[kFd]); }
  datasync() { return promisify(fs.fsync)(this[kFd]); }
  close() {
    if (this[kFd] < 0) return Promise.resolve();
    const fd = this[kFd];
    this[kFd] = -1;
    return promisify(fs.close)(fd);
  }
  createReadStream(options) { return fs.createReadStream(null, { ...options, fd: this[kFd] }); }
  createWriteStream(options) { return fs.createWriteStream(null, { ...options, fd: this[kFd] }); }
}

function pathOrHandle(p) { return p instanceof FileHandle ? p.fd : p; }

async function open(path, flags, mode) {
  const fd = await promisify(fs.open)(path, flags === undefined ? 'r' : flags, mode === undefined ? 0o666 : mode);
  return new FileHandle(fd);
}

const readFile = (path, options) => promisify(fs.readFile)(pathOrHandle(path), options);
const writeFile = (path, data, options) => promisify(fs.writeFile)(pathOrHandle(path), data, options);
const appendFile = (path, data, options) => promisify(fs.appendFile)(pathOrHandle(path), data, options);

// Functions whose trailing callback argument the promise replaces; optional arguments in the
// middle are passed through as given, so the callback always lands last.
const simple = (fn) => (...args) => promisify(fn)(...args);

module.exports = {
  access: simple(fs.access),
  appendFile,
  chmod: simple(fs.chmod),
  copyFile: simple(fs.copyFile),
  lstat: simple(fs.lstat),
  mkdir: simple(fs.mkdir),
  mkdtemp: simple(fs.mkdtemp),
  open,
  readdir: simple(fs.readdir),
  readFile,
  realpath: simple(fs.realpath),
  rename: simple(fs.rename),
  rm: simple(fs.rm),
  rmdir: simple(fs.rmdir),
  stat: simple(fs.stat),
  truncate: simple(fs.truncate),
  unlink: simple(fs.unlink),
  utimes: simple(fs.utimes),
  writeFile,
  constants: fs.constants,
  FileHandle,
};
