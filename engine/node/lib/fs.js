'use strict';
// fs: the callback and synchronous file system API, after Node's lib/fs.js. Every system call
// is one request of internalBinding('fs') (engine/node/host_fs.go): with a request object it is
// one job on the libuv thread pool whose oncomplete runs in the poll phase; without one it runs
// on the calling thread and blocks it. Compound calls chain requests as Node does: readFile is
// open, fstat, one read per 512 KiB, close, each submitted when the previous one completes.

const binding = internalBinding('fs');
const EventEmitter = require('events');

const kReadFileBufferLength = 512 * 1024;
const kReadFileUnknownBufferLength = 64 * 1024;
const kIoMaxLength = 2 ** 31 - 1;

const constants = {
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, S_IFMT: 61440, S_IFREG: 32768,
  S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152,
  O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024,
  O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
  O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64,
  S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2,
  S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1,
  UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
  COPYFILE_FICLONE_FORCE: 4,
};

function getBuffer() { return require('buffer').Buffer; }

// ---- argument handling (lib/internal/fs/utils.js) ----

const { codedError, makeNodeError, inspectDefault, messages } = require('internal/errors');
const { invalidArgType, outOfRange, validateInteger, validateInt32, validateBuffer, validateNullableObject } = require('internal/validators');


function toPath(p, name = 'path') {
  if (typeof p === 'string') return p;
  if (p && typeof p === 'object') {
    if (ArrayBuffer.isView(p)) return getBuffer().from(p.buffer, p.byteOffset, p.byteLength).toString();
    if (p.href !== undefined && p.protocol !== undefined) {
      if (p.protocol !== 'file:') {
        throw codedError(TypeError, 'ERR_INVALID_URL_SCHEME', messages.ERR_INVALID_URL_SCHEME);
      }
      return decodeURIComponent(p.pathname);
    }
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', p);
}

// Mirrors getValidatedFd in lib/internal/fs/utils.js.
function toFd(fd) {
  validateInt32(fd, 'fd', 0);
  return fd;
}

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags == null) return constants.O_RDONLY;
  switch (flags) {
    case 'r': return constants.O_RDONLY;
    case 'rs': case 'sr': return constants.O_RDONLY | constants.O_SYNC;
    case 'r+': return constants.O_RDWR;
    case 'rs+': case 'sr+': return constants.O_RDWR | constants.O_SYNC;
    case 'w': return constants.O_TRUNC | constants.O_CREAT | constants.O_WRONLY;
    case 'wx': case 'xw': return constants.O_TRUNC | constants.O_CREAT | constants.O_WRONLY | constants.O_EXCL;
    case 'w+': return constants.O_TRUNC | constants.O_CREAT | constants.O_RDWR;
    case 'wx+': case 'xw+': return constants.O_TRUNC | constants.O_CREAT | constants.O_RDWR | constants.O_EXCL;
    case 'a': return constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY;
    case 'ax': case 'xa': return constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_EXCL;
    case 'as': case 'sa': return constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_SYNC;
    case 'a+': return constants.O_APPEND | constants.O_CREAT | constants.O_RDWR;
    case 'ax+': case 'xa+': return constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_EXCL;
    case 'as+': case 'sa+': return constants.O_APPEND | constants.O_CREAT | constants.O_RDWR | constants.O_SYNC;
  }
  throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The value "${flags}" is invalid for option "${name}"`);
}

function getOptions(options, defaults) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') throw invalidArgType('options', 'one of type string or an instance of Object', options);
  return { ...defaults, ...options };
}

function makeCallback(cb) {
  if (typeof cb !== 'function') {
    throw invalidArgType('cb', 'of type function', cb);
  }
  return cb;
}

// req is Node's FSReqCallback: what the thread pool reports back to. Its label names the API,
// the step and the user's line, for the trace.
function req(label, oncomplete) {
  return { label, oncomplete };
}

function site() { return binding.callSite(); }

function sizeLabel(n) {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} KiB`;
  return `${n} B`;
}

function decode(buffer, encoding) {
  if (!encoding || encoding === 'buffer') return buffer;
  return buffer.toString(encoding);
}

function toBytes(data, encoding) {
  if (typeof data === 'string') {
    if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return data;
    return getBuffer().from(data, encoding);
  }
  if (ArrayBuffer.isView(data)) return data;
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

function byteLength(data) {
  return typeof data === 'string' ? utf8Length(data) : data.byteLength;
}

function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

// ---- Stats and Dirent (lib/internal/fs/utils.js) ----

class StatsBase {
  isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
  isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
  isBlockDevice() { return false; }
  isCharacterDevice() { return false; }
  isSymbolicLink() { return false; }
  isFIFO() { return false; }
  isSocket() { return false; }
}

class Stats extends StatsBase {
  constructor(s) {
    super();
    this.dev = s.dev; this.mode = s.mode; this.nlink = s.nlink; this.uid = s.uid; this.gid = s.gid;
    this.rdev = s.rdev; this.blksize = s.blksize; this.ino = s.ino; this.size = s.size;
    this.blocks = s.blocks; this.atimeMs = s.atimeMs; this.mtimeMs = s.mtimeMs;
    this.ctimeMs = s.ctimeMs; this.birthtimeMs = s.birthtimeMs;
    this.atime = new Date(s.atimeMs); this.mtime = new Date(s.mtimeMs);
    this.ctime = new Date(s.ctimeMs); this.birthtime = new Date(s.birthtimeMs);
  }
}

function makeStats(s) { return s === undefined || s === null ? undefined : new Stats(s); }

const kType = Symbol('type');
class Dirent {
  constructor(name, type, dir) {
    this.name = name;
    this.parentPath = dir;
    this.path = dir;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isBlockDevice() { return false; }
  isCharacterDevice() { return false; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return false; }
  isSocket() { return false; }
}

function makeDirents(entries, dir) {
  return entries.map(([name, isDir]) => new Dirent(name, isDir ? constants.UV_DIRENT_DIR : constants.UV_DIRENT_FILE, dir));
}

// ---- one request each ----

// simple wraps a binding call that has a callback and a sync form.
function simple(name, call, convert = (v) => v) {
  const async = function (...args) {
    const cb = makeCallback(args.pop());
    const r = req(`fs.${name}, ${site()}`, (err, v) => (err ? cb(err) : cb(null, convert(v, args))));
    call(args, r);
  };
  const sync = function (...args) {
    return convert(call(args, `fs.${name}Sync, ${site()}`), args);
  };
  return [async, sync];
}

function open(path, flags, mode, callback) {
  path = toPath(path);
  if (typeof flags === 'function') { callback = flags; flags = 'r'; mode = 0o666; }
  else if (typeof mode === 'function') { callback = mode; mode = 0o666; }
  const cb = makeCallback(callback);
  binding.open(path, stringToFlags(flags), mode, req(`fs.open, ${site()}`, cb));
}

function openSync(path, flags, mode) {
  return binding.open(toPath(path), stringToFlags(flags), mode, `fs.openSync, ${site()}`);
}

function close(fd, callback = () => {}) {
  binding.close(toFd(fd), req(`fs.close, ${site()}`, makeCallback(callback)));
}

function closeSync(fd) { binding.close(toFd(fd), `fs.closeSync, ${site()}`); }

// Mirrors read in lib/fs.js: read(fd, buffer, offset, length, position, callback), with the
// shorter forms read(fd, buffer, options, callback), read(fd, options, callback), read(fd, cb).
function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = toFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      validateNullableObject(offsetOrOptions, 'options');
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        ({ buffer = getBuffer().alloc(16384) } = params ?? {});
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = getBuffer().alloc(16384);
    }
    if (params !== undefined) validateNullableObject(params, 'options');
    ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? {});
  }
  validateBuffer(buffer);
  callback = makeCallback(callback);
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) {
    process.nextTick(() => callback(null, 0, buffer));
    return;
  }
  position = readPosition(buffer, offset, length, position);
  binding.read(fd, buffer, offset, length, position, req(`fs.read ${sizeLabel(length)}, ${site()}`, (err, n) => callback(err, n || 0, buffer)));
}

// Mirrors readSync in lib/fs.js.
function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = toFd(fd);
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateNullableObject(offsetOrOptions, 'options');
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? {});
  }
  if (offset === undefined) offset = 0;
  else validateInteger(offset, 'offset', 0);
  length |= 0;
  if (length === 0) return 0;
  position = readPosition(buffer, offset, length, position);
  return binding.read(fd, buffer, offset, length, position, `fs.readSync ${sizeLabel(length)}, ${site()}`);
}

// readPosition is the checks read and readSync share once the length is known: the buffer has
// room (validateOffsetLengthRead) and the position is an integer or a bigint
// (validatePosition). It answers the position the binding takes: -1 for "the file position".
function readPosition(buffer, offset, length, position) {
  if (buffer.byteLength === 0) {
    throw makeNodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument 'buffer' is empty and cannot be written. Received ${inspectDefault(buffer)}`);
  }
  if (offset < 0) throw outOfRange('offset', '>= 0', offset);
  if (length < 0) throw outOfRange('length', '>= 0', length);
  if (offset + length > buffer.byteLength) throw outOfRange('length', `<= ${buffer.byteLength - offset}`, length);
  if (position == null) return -1;
  if (typeof position === 'number') {
    validateInteger(position, 'position', -1);
  } else if (typeof position === 'bigint') {
    if (!(position >= -(2n ** 63n) && position <= 2n ** 63n - 1n)) {
      throw outOfRange('position', `>= ${-(2n ** 63n)} && <= ${2n ** 63n - 1n}`, position);
    }
  } else {
    throw invalidArgType('position', 'of type bigint or integer', position);
  }
  return Number(position);
}

// writeArgs mirrors the argument handling of write and writeSync in lib/fs.js: a buffer with
// offset, length and position (or an options object), or a string with position and
// encoding. It answers the binding's [data, offset, length, position].
function writeArgs(buffer, offset, length, position) {
  if (ArrayBuffer.isView(buffer)) {
    if (typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset ?? {});
    }
    if (offset == null || typeof offset === 'function') offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (offset > buffer.byteLength) throw outOfRange('offset', `<= ${buffer.byteLength}`, offset);
    if (length > buffer.byteLength - offset) throw outOfRange('length', `<= ${buffer.byteLength - offset}`, length);
    if (length < 0) throw outOfRange('length', '>= 0', length);
    validateInt32(length, 'length', 0);
    return [buffer, offset, length, fileOffset(position)];
  }
  if (typeof buffer !== 'string') {
    throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
  }
  // The binding's ParseEncoding takes an encoding it does not know for UTF-8.
  const data = toBytes(buffer, getBuffer().isEncoding(length) ? length : undefined);
  return [data, 0, typeof data === 'string' ? 0 : data.byteLength, fileOffset(offset)];
}

// fileOffset mirrors GetOffset in src/node_file.cc: a safe integer is a file offset, anything
// else (a fraction, NaN, a bigint, a string) means "at the file position", -1.
function fileOffset(position) {
  return Number.isSafeInteger(position) ? position : -1;
}

// Mirrors write in lib/fs.js: write(fd, buffer[, offset[, length[, position]]], callback) or
// write(fd, string[, position[, encoding]], callback).
function write(fd, buffer, offset, length, position, callback) {
  fd = toFd(fd);
  if (ArrayBuffer.isView(buffer)) {
    callback = makeCallback(callback || position || length || offset);
  } else {
    if (typeof position !== 'function') {
      if (typeof offset === 'function') { position = offset; offset = null; } else position = length;
      length = 'utf8';
    }
    callback = position;
  }
  const [data, off, len, pos] = writeArgs(buffer, offset, length, position);
  callback = makeCallback(callback);
  binding.write(fd, data, off, len, pos, req(`fs.write, ${site()}`, (err, n) => callback(err, n || 0, buffer)));
}

// Mirrors writeSync in lib/fs.js.
function writeSync(fd, buffer, offset, length, position) {
  fd = toFd(fd);
  const [data, off, len, pos] = writeArgs(buffer, offset, length, position);
  return binding.write(fd, data, off, len, pos, `fs.writeSync, ${site()}`);
}

const [stat, statSyncRaw] = simple('stat', ([p], r) => binding.stat(toPath(p), false, r), makeStats);
const [lstat, lstatSyncRaw] = simple('lstat', ([p], r) => binding.lstat(toPath(p), false, r), makeStats);
const [fstat, fstatSync] = simple('fstat', ([fd], r) => binding.fstat(toFd(fd), r), makeStats);

function statSync(p, options) {
  if (options && options.throwIfNoEntry === false) return makeStats(binding.stat(toPath(p), true, `fs.statSync, ${site()}`));
  return statSyncRaw(p);
}
function lstatSync(p, options) {
  if (options && options.throwIfNoEntry === false) return makeStats(binding.lstat(toPath(p), true, `fs.lstatSync, ${site()}`));
  return lstatSyncRaw(p);
}

const [readdir, readdirSync] = simple('readdir', ([p, options], r) => {
  const opts = typeof options === 'object' && options !== null ? options : {};
  return binding.readdir(toPath(p), !!opts.withFileTypes, r);
}, (names, [p, options]) => {
  if (options && options.withFileTypes) return makeDirents(names, toPath(p));
  const enc = typeof options === 'string' ? options : options && options.encoding;
  if (enc === 'buffer') return names.map((n) => getBuffer().from(n));
  return names;
});

const [mkdir, mkdirSync] = simple('mkdir', ([p, options], r) => {
  const recursive = typeof options === 'object' && options !== null && !!options.recursive;
  return binding.mkdir(toPath(p), recursive, r);
});
const [rmdir, rmdirSync] = simple('rmdir', ([p, options], r) => {
  if (options && options.recursive) return binding.rm(toPath(p), true, false, r);
  return binding.rmdir(toPath(p), r);
});
const [rm, rmSync] = simple('rm', ([p, options], r) => {
  const o = options || {};
  return binding.rm(toPath(p), !!o.recursive, !!o.force, r);
});
const [unlink, unlinkSync] = simple('unlink', ([p], r) => binding.unlink(toPath(p), r));
const [rename, renameSync] = simple('rename', ([a, b], r) => binding.rename(toPath(a, 'oldPath'), toPath(b, 'newPath'), r));
const [copyFile, copyFileSync] = simple('copyFile', ([a, b, mode], r) =>
  binding.copyFile(toPath(a, 'src'), toPath(b, 'dest'), typeof mode === 'number' ? mode : 0, r));
const [access, accessSync] = simple('access', ([p, mode], r) => binding.access(toPath(p), mode || 0, r));
const [realpath, realpathSync] = simple('realpath', ([p], r) => binding.realpath(toPath(p), r));
realpath.native = realpath;
realpathSync.native = realpathSync;
// Mirrors ftruncate and ftruncateSync in lib/fs.js: a length below 0 truncates to 0.
const [ftruncate, ftruncateSync] = simple('ftruncate', ([fd, len = 0], r) => {
  if (typeof len === 'function') len = 0;
  validateInteger(len, 'len');
  return binding.ftruncate(toFd(fd), Math.max(0, len), r);
});
const [chmod, chmodSync] = simple('chmod', ([p, mode], r) => binding.chmod(toPath(p), mode, r));
const [utimes, utimesSync] = simple('utimes', ([p, atime, mtime], r) =>
  binding.utimes(toPath(p), toUnixTime(atime), toUnixTime(mtime), r));
const [fsync, fsyncSync] = simple('fsync', ([fd], r) => binding.fstat(toFd(fd), r), () => undefined);

function toUnixTime(t) {
  if (t instanceof Date) return t.getTime() / 1000;
  if (typeof t === 'string') return Number(t);
  return t;
}

// Mirrors truncate in lib/fs.js (a descriptor instead of a path is the deprecated form).
function truncate(p, len, callback) {
  if (typeof p === 'number') return ftruncate(p, len, callback);
  if (typeof len === 'function') { callback = len; len = 0; } else if (len === undefined) len = 0;
  validateInteger(len, 'len');
  len = Math.max(0, len);
  const cb = makeCallback(callback);
  open(p, 'r+', (err, fd) => {
    if (err) return cb(err);
    ftruncate(fd, len, (err2) => close(fd, (err3) => cb(err2 || err3 || null)));
  });
}

function truncateSync(p, len = 0) {
  if (typeof p === 'number') return ftruncateSync(p, len);
  const fd = openSync(p, 'r+');
  try { ftruncateSync(fd, len); } finally { closeSync(fd); }
}

function exists(p, callback) {
  makeCallback(callback);
  try { p = toPath(p); } catch { process.nextTick(callback, false); return; }
  binding.access(p, 0, req(`fs.exists, ${site()}`, (err) => callback(!err)));
}

function existsSync(p) {
  try { return binding.exists(toPath(p)); } catch { return false; }
}

// ---- readFile: lib/internal/fs/read_file_context.js ----

function readFile(path, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options, { flag: 'r' });
  const where = site();
  const ctx = { fd: undefined, isUserFd: typeof path === 'number', size: 0, buffer: null, buffers: null, pos: 0, err: null };
  const label = (step) => `fs.readFile ${step}, ${where}`;

  const done = (err) => {
    if (err) return callback(err);
    let buffer = ctx.buffer;
    if (ctx.buffers) buffer = getBuffer().concat(ctx.buffers, ctx.pos);
    else if (ctx.pos < ctx.size) buffer = buffer.subarray(0, ctx.pos);
    let result;
    try { result = decode(buffer, options.encoding); } catch (e) { return callback(e); }
    callback(null, result);
  };
  const closeAndDone = (err) => {
    if (ctx.isUserFd) return done(err);
    binding.close(ctx.fd, req(label('close'), (closeErr) => done(err || closeErr)));
  };
  const readChunk = () => {
    let buffer, offset, length;
    if (ctx.size === 0) {
      buffer = getBuffer().allocUnsafeSlow(kReadFileUnknownBufferLength);
      offset = 0;
      length = kReadFileUnknownBufferLength;
    } else {
      buffer = ctx.buffer;
      offset = ctx.pos;
      length = Math.min(kReadFileBufferLength, ctx.size - ctx.pos);
    }
    binding.read(ctx.fd, buffer, offset, length, -1, req(label(`read ${sizeLabel(length)}`), (err, n) => {
      if (err) return closeAndDone(err);
      if (n === 0) return closeAndDone(null);
      if (ctx.size === 0) ctx.buffers.push(buffer.subarray(0, n));
      ctx.pos += n;
      if (ctx.size !== 0 && ctx.pos === ctx.size) return closeAndDone(null);
      readChunk();
    }));
  };
  const afterStat = (err, st) => {
    if (err) return closeAndDone(err);
    if ((st.mode & constants.S_IFMT) === constants.S_IFDIR) {
      const e = new Error('EISDIR: illegal operation on a directory, read');
      Object.assign(e, { errno: -21, code: 'EISDIR', syscall: 'read' });
      return closeAndDone(e);
    }
    ctx.size = (st.mode & constants.S_IFMT) === constants.S_IFREG ? st.size : 0;
    if (ctx.size > kIoMaxLength) {
      const e = new RangeError(`File size (${ctx.size}) is greater than 2 GiB`);
      e.code = 'ERR_FS_FILE_TOO_LARGE';
      return closeAndDone(e);
    }
    if (ctx.size === 0) ctx.buffers = [];
    else ctx.buffer = getBuffer().allocUnsafeSlow(ctx.size);
    readChunk();
  };
  const afterOpen = (err, fd) => {
    if (err) return callback(err);
    ctx.fd = fd;
    binding.fstat(fd, req(label('fstat'), afterStat));
  };
  if (ctx.isUserFd) {
    ctx.fd = path;
    binding.fstat(path, req(label('fstat'), afterStat));
    return;
  }
  binding.open(toPath(path), stringToFlags(options.flag), 0o666, req(label('open'), afterOpen));
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  const where = site();
  const isUserFd = typeof path === 'number';
  const fd = isUserFd ? path : binding.open(toPath(path), stringToFlags(options.flag), 0o666, `fs.readFileSync open, ${where}`);
  let buffer;
  try {
    const st = binding.fstat(fd, `fs.readFileSync fstat, ${where}`);
    if ((st.mode & constants.S_IFMT) === constants.S_IFDIR) {
      const e = new Error('EISDIR: illegal operation on a directory, read');
      Object.assign(e, { errno: -21, code: 'EISDIR', syscall: 'read' });
      throw e;
    }
    const size = st.size;
    buffer = getBuffer().allocUnsafeSlow(size);
    let pos = 0;
    while (pos < size) {
      const n = binding.read(fd, buffer, pos, size - pos, -1, `fs.readFileSync read ${sizeLabel(size - pos)}, ${where}`);
      if (n === 0) break;
      pos += n;
    }
    if (pos < size) buffer = buffer.subarray(0, pos);
  } finally {
    if (!isUserFd) binding.close(fd, `fs.readFileSync close, ${where}`);
  }
  return decode(buffer, options.encoding);
}

// ---- writeFile and appendFile (lib/fs.js writeAll) ----

function writeFile(path, data, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const what = options.flag && options.flag[0] === 'a' ? 'fs.appendFile' : 'fs.writeFile';
  const where = site();
  const label = (step) => `${what} ${step}, ${where}`;
  let bytes;
  try { bytes = toBytes(data, options.encoding); } catch (e) { throw e; }
  const total = byteLength(bytes);
  const isUserFd = typeof path === 'number';
  const writeAll = (fd, offset) => {
    const len = typeof bytes === 'string' ? 0 : total - offset;
    binding.write(fd, bytes, offset, len, -1, req(label(`write ${sizeLabel(total - offset)}`), (err, n) => {
      if (err) return finish(fd, err);
      if (typeof bytes !== 'string' && offset + n < total) return writeAll(fd, offset + n);
      finish(fd, null);
    }));
  };
  const finish = (fd, err) => {
    if (isUserFd) return callback(err);
    binding.close(fd, req(label('close'), (closeErr) => callback(err || closeErr || null)));
  };
  if (isUserFd) return writeAll(path, 0);
  binding.open(toPath(path), stringToFlags(options.flag), options.mode, req(label('open'), (err, fd) => {
    if (err) return callback(err);
    writeAll(fd, 0);
  }));
}

function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const what = options.flag && options.flag[0] === 'a' ? 'fs.appendFileSync' : 'fs.writeFileSync';
  const where = site();
  const bytes = toBytes(data, options.encoding);
  const isUserFd = typeof path === 'number';
  const fd = isUserFd ? path : binding.open(toPath(path), stringToFlags(options.flag), options.mode, `${what} open, ${where}`);
  try {
    const total = byteLength(bytes);
    if (typeof bytes === 'string') {
      binding.write(fd, bytes, 0, 0, -1, `${what} write ${sizeLabel(total)}, ${where}`);
    } else {
      let offset = 0;
      while (offset < total) offset += binding.write(fd, bytes, offset, total - offset, -1, `${what} write ${sizeLabel(total - offset)}, ${where}`);
    }
  } finally {
    if (!isUserFd) binding.close(fd, `${what} close, ${where}`);
  }
}

function appendFile(path, data, options, callback) {
  callback = callback || options;
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  if (!options.flag || typeof path === 'number') options = { ...options, flag: 'a' };
  writeFile(path, data, options, callback);
}

function appendFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  if (!options.flag) options = { ...options, flag: 'a' };
  writeFileSync(path, data, options);
}

function mkdtemp(prefix, options, callback) {
  callback = makeCallback(callback || options);
  const p = prefix + randomSuffix();
  mkdir(p, (err) => (err ? callback(err) : callback(null, p)));
}

function mkdtempSync(prefix) {
  const p = prefix + randomSuffix();
  mkdirSync(p);
  return p;
}

function randomSuffix() {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < 6; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

// ---- streams: a small ReadStream and WriteStream with Node's events ----

class ReadStream extends EventEmitter {
  constructor(path, options) {
    super();
    options = getOptions(options, {});
    this.path = typeof path === 'number' ? undefined : toPath(path);
    this.fd = typeof options.fd === 'number' ? options.fd : (typeof path === 'number' ? path : null);
    this.flags = options.flags || 'r';
    this.start = options.start;
    this.end = options.end === undefined ? Infinity : options.end;
    this.pos = this.start;
    this.bytesRead = 0;
    this.pending = true;
    this.readableHighWaterMark = options.highWaterMark || 64 * 1024;
    this.readableEncoding = options.encoding || null;
    this.readableEnded = false;
    this.readableFlowing = null;
    this.destroyed = false;
    this.closed = false;
    this.autoClose = options.autoClose !== false;
    this._where = site();
    this._reading = false;
    this._pipes = [];
    // Node opens the file in the stream's _construct, which runs on the next tick.
    process.nextTick(() => {
      if (this.fd !== null) {
        this.pending = false;
        return this._maybeRead();
      }
      binding.open(this.path, stringToFlags(this.flags), 0o666, req(`fs.createReadStream open, ${this._where}`, (err, fd) => {
        if (err) return this.destroy(err);
        this.fd = fd;
        this.pending = false;
        this.emit('open', fd);
        this.emit('ready');
        this._maybeRead();
      }));
    });
  }
  setEncoding(enc) { this.readableEncoding = enc; return this; }
  on(event, fn) {
    super.on(event, fn);
    if (event === 'data' && this.readableFlowing !== false) this.resume();
    return this;
  }
  pause() { this.readableFlowing = false; return this; }
  resume() {
    const wasFlowing = this.readableFlowing;
    this.readableFlowing = true;
    if (!wasFlowing) process.nextTick(() => this._maybeRead());
    return this;
  }
  pipe(dest, { end = true } = {}) {
    this._pipes.push(dest);
    this.on('data', (chunk) => dest.write(chunk));
    if (end) this.on('end', () => dest.end());
    dest.emit('pipe', this);
    return dest;
  }
  _maybeRead() {
    if (this._reading || !this.readableFlowing || this.pending || this.destroyed || this.readableEnded) return;
    let length = this.readableHighWaterMark;
    if (this.end !== Infinity) length = Math.min(length, this.end - (this.pos || 0) - this.bytesRead + 1 + (this.pos ? 0 : 0));
    if (length <= 0) return this._finish();
    const buf = getBuffer().allocUnsafeSlow(length);
    const pos = this.pos === undefined ? -1 : this.pos + this.bytesRead;
    this._reading = true;
    binding.read(this.fd, buf, 0, length, pos, req(`fs.ReadStream read ${sizeLabel(length)}, ${this._where}`, (err, n) => {
      this._reading = false;
      if (err) return this.destroy(err);
      if (n === 0) return this._finish();
      this.bytesRead += n;
      const chunk = buf.subarray(0, n);
      this.emit('data', this.readableEncoding ? chunk.toString(this.readableEncoding) : chunk);
      this._maybeRead();
    }));
  }
  _finish() {
    if (this.readableEnded) return;
    this.readableEnded = true;
    this.emit('end');
    if (this.autoClose) this.destroy();
  }
  close(cb) { this.destroy(null, cb); }
  destroy(err, cb) {
    if (this.destroyed) return this;
    this.destroyed = true;
    const after = (closeErr) => {
      this.closed = true;
      const e = err || closeErr;
      if (e) this.emit('error', e);
      this.emit('close');
      if (typeof cb === 'function') cb(e || null);
    };
    if (typeof this.fd === 'number') {
      const fd = this.fd;
      this.fd = null;
      binding.close(fd, req(`fs.ReadStream close, ${this._where}`, after));
    } else process.nextTick(after);
    return this;
  }
}

class WriteStream extends EventEmitter {
  constructor(path, options) {
    super();
    options = getOptions(options, {});
    this.path = typeof path === 'number' ? undefined : toPath(path);
    this.fd = typeof options.fd === 'number' ? options.fd : (typeof path === 'number' ? path : null);
    this.flags = options.flags || 'w';
    this.encoding = options.encoding || 'utf8';
    this.bytesWritten = 0;
    this.pending = true;
    this.writable = true;
    this.writableEnded = false;
    this.writableFinished = false;
    this.destroyed = false;
    this.closed = false;
    this._queue = [];
    this._writing = false;
    this._endCallbacks = [];
    this._where = site();
    process.nextTick(() => {
      if (this.fd !== null) {
        this.pending = false;
        return this._flush();
      }
      binding.open(this.path, stringToFlags(this.flags), options.mode || 0o666, req(`fs.createWriteStream open, ${this._where}`, (err, fd) => {
        if (err) return this.destroy(err);
        this.fd = fd;
        this.pending = false;
        this.emit('open', fd);
        this.emit('ready');
        this._flush();
      }));
    });
  }
  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = this.encoding; }
    if (this.writableEnded) {
      const err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', messages.ERR_STREAM_WRITE_AFTER_END);
      process.nextTick(() => { if (cb) cb(err); this.emit('error', err); });
      return false;
    }
    this._queue.push([toBytes(chunk, encoding || this.encoding), cb]);
    this._flush();
    return true;
  }
  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (cb) this._endCallbacks.push(cb);
    this.writableEnded = true;
    this._flush();
    return this;
  }
  _flush() {
    if (this._writing || this.pending || this.destroyed) return;
    if (this._queue.length === 0) {
      if (this.writableEnded && !this.writableFinished) {
        this.writableFinished = true;
        for (const cb of this._endCallbacks) cb();
        this.emit('finish');
        this.destroy();
      }
      return;
    }
    const [data, cb] = this._queue.shift();
    const len = typeof data === 'string' ? 0 : data.byteLength;
    this._writing = true;
    binding.write(this.fd, data, 0, len, -1, req(`fs.WriteStream write ${sizeLabel(byteLength(data))}, ${this._where}`, (err, n) => {
      this._writing = false;
      if (err) { if (cb) cb(err); return this.destroy(err); }
      this.bytesWritten += n;
      if (cb) cb(null);
      this._flush();
    }));
  }
  close(cb) { if (cb) this.once('close', cb); if (!this.writableEnded) this.end(); else this.destroy(); }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.writable = false;
    const after = (closeErr) => {
      this.closed = true;
      const e = err || closeErr;
      if (e) this.emit('error', e);
      this.emit('close');
    };
    if (typeof this.fd === 'number') {
      const fd = this.fd;
      this.fd = null;
      binding.close(fd, req(`fs.WriteStream close, ${this._where}`, after));
    } else process.nextTick(after);
    return this;
  }
}

function createReadStream(path, options) { return new ReadStream(path, options); }
function createWriteStream(path, options) { return new WriteStream(path, options); }

module.exports = {
  access, accessSync, appendFile, appendFileSync, chmod, chmodSync, close, closeSync, constants,
  copyFile, copyFileSync, createReadStream, createWriteStream, exists, existsSync, fstat, fstatSync,
  fsync, fsyncSync, ftruncate, ftruncateSync, lstat, lstatSync, mkdir, mkdirSync, mkdtemp, mkdtempSync,
  open, openSync, read, readSync, readdir, readdirSync, readFile, readFileSync, realpath, realpathSync,
  rename, renameSync, rm, rmSync, rmdir, rmdirSync, stat, statSync, truncate, truncateSync, unlink,
  unlinkSync, utimes, utimesSync, write, writeSync, writeFile, writeFileSync,
  Stats, Dirent, ReadStream, WriteStream,
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
};

Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get() { return require('fs/promises'); },
});
