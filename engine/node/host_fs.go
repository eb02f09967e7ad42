package node

import (
	"errors"
	"path"
	"runtime"
	"sort"
	"sync"
	"time"
	"weak"

	"github.com/dop251/goja"

	"looplab/engine/vfs"
)

// internalBinding('fs'): the system calls behind lib/fs.js, over the process's in-memory file
// system. Every function is one uv_fs_* request: synchronous without a request object,
// otherwise one pool job (see host_threadpool.go). Higher-level calls (readFile, writeFile,
// streams) are JavaScript in lib/fs.js and chain several of these, as Node's lib/fs.js does.
func init() {
	bindings["fs"] = (*Realm).fsBinding
}

// Modeled costs of file system requests (docs/cost-model.md has the measurements).
const (
	fsCostSyscall    = 20 * time.Microsecond  // one request: path lookup, metadata, pool hand-off
	fsCostReadPerMB  = 550 * time.Microsecond // copying file bytes into a fresh buffer
	fsCostWritePerMB = 400 * time.Microsecond // copying bytes into the page cache
)

// Open flags, Linux values (fs.constants).
const (
	oWronly = 1
	oRdwr   = 2
	oCreat  = 0o100
	oExcl   = 0o200
	oTrunc  = 0o1000
	oAppend = 0o2000
)

// fdTable holds a process's open files: file descriptors are the process's, shared by its
// threads, so the table hangs off the Process.
type fdTable struct {
	next  int
	files map[int]*openFile
}

type openFile struct {
	node  *vfs.Node
	path  string
	pos   int
	flags int
}

// fdTables maps a process to its table without keeping the process alive after its run.
var (
	fdTablesMu sync.Mutex
	fdTables   = map[weak.Pointer[Process]]*fdTable{}
)

func (p *Process) fds() *fdTable {
	key := weak.Make(p)
	fdTablesMu.Lock()
	defer fdTablesMu.Unlock()
	t, ok := fdTables[key]
	if !ok {
		// Node's first descriptor for a user file is 18 or so: 0-2 are stdio and the rest
		// belong to the runtime (epoll, the signal pipe, the thread pool's async handle...).
		t = &fdTable{next: 18, files: map[int]*openFile{}}
		fdTables[key] = t
		runtime.AddCleanup(p, func(k weak.Pointer[Process]) {
			fdTablesMu.Lock()
			delete(fdTables, k)
			fdTablesMu.Unlock()
		}, key)
	}
	return t
}

func (t *fdTable) open(f *openFile) int {
	fd := t.next
	for t.files[fd] != nil {
		fd++
	}
	t.files[fd] = f
	t.next = fd + 1
	return fd
}

func (t *fdTable) close(fd int) {
	delete(t.files, fd)
	if fd < t.next {
		t.next = fd // POSIX gives the lowest free descriptor
	}
}

// uvError maps a vfs error to the errno libuv reports on Linux.
func uvError(err error, syscall, p, dest string) error {
	e := &sysError{syscall: syscall, path: p, dest: dest}
	switch {
	case errors.Is(err, vfs.ErrNotExist):
		e.code, e.errno, e.desc = "ENOENT", -2, "no such file or directory"
	case errors.Is(err, vfs.ErrExist):
		e.code, e.errno, e.desc = "EEXIST", -17, "file already exists"
	case errors.Is(err, vfs.ErrIsDir):
		e.code, e.errno, e.desc = "EISDIR", -21, "illegal operation on a directory"
	case errors.Is(err, vfs.ErrNotDir):
		e.code, e.errno, e.desc = "ENOTDIR", -20, "not a directory"
	case errors.Is(err, vfs.ErrNotEmpty):
		e.code, e.errno, e.desc = "ENOTEMPTY", -39, "directory not empty"
	case errors.Is(err, errBadFD):
		e.code, e.errno, e.desc = "EBADF", -9, "bad file descriptor"
	case errors.Is(err, errInvalid):
		e.code, e.errno, e.desc = "EINVAL", -22, "invalid argument"
	case errors.Is(err, errNoSpace):
		e.code, e.errno, e.desc = "ENOSPC", -28, "no space left on device"
	case errors.Is(err, errBusy):
		e.code, e.errno, e.desc = "EBUSY", -16, "resource busy or locked"
	default:
		e.code, e.errno, e.desc = "EIO", -5, err.Error()
	}
	return e
}

var (
	errBadFD   = errors.New("bad file descriptor")
	errInvalid = errors.New("invalid argument")
	errBusy    = errors.New("resource busy")
	errNoSpace = errors.New("no space left on device")
)

// growFile makes a file's data at least size bytes long, zero-filled. The simulated disk is
// the machine's memory, like a tmpfs whose size is the run's memory limit: a file that would
// not fit is ENOSPC (Node on a real disk would make a sparse file of `ftruncate(fd, 2**40)`;
// the simulation has no sparse files, and allocating it would end the Go runtime).
func (r *Realm) growFile(n *vfs.Node, size int) error {
	if size <= len(n.Data) {
		return nil
	}
	if !r.proc.canAllocate(int64(size)) {
		return errNoSpace
	}
	grown := make([]byte, size)
	copy(grown, n.Data)
	n.Data = grown
	return nil
}

// fsPath resolves a path as given by the program against the process's working directory.
func (r *Realm) fsPath(p string) string {
	if !path.IsAbs(p) {
		p = path.Join(r.proc.Cwd, p)
	}
	return path.Clean(p)
}

// statOf is what fs.Stats is built from (lib/fs.js makes the object).
func statOf(n *vfs.Node) map[string]any {
	mode, size := 0o100644, len(n.Data)
	if n.Dir {
		mode, size = 0o40755, 4096
	}
	ms := func(t time.Time) float64 { return float64(t.UnixMicro()) / 1000 }
	return map[string]any{
		"dev": 2049, "mode": mode, "nlink": 1, "uid": 1000, "gid": 1000, "rdev": 0,
		"blksize": 4096, "ino": n.Ino, "size": size, "blocks": (size + 4095) / 4096 * 8,
		"atimeMs": ms(n.ModTime), "mtimeMs": ms(n.ModTime), "ctimeMs": ms(n.ModTime), "birthtimeMs": ms(n.Birth),
	}
}

func (r *Realm) fsBinding() goja.Value {
	fs := r.proc.FS
	fds := r.proc.fds()
	b := r.rt.NewObject()
	// set registers one binding function: the last argument is the request (or nothing).
	set := func(name string, fn func(c goja.FunctionCall, req goja.Value) goja.Value, arity int) {
		b.Set(name, func(c goja.FunctionCall) goja.Value { return fn(c, c.Argument(arity)) })
	}
	str := func(c goja.FunctionCall, i int) string { return c.Argument(i).String() }
	num := func(c goja.FunctionCall, i int) int { return int(c.Argument(i).ToInteger()) }
	lookupFD := func(fd int) (*openFile, error) {
		f, ok := fds.files[fd]
		if !ok {
			return nil, errBadFD
		}
		return f, nil
	}

	b.Set("callSite", func() string { return r.callSite() })

	set("open", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given, flags := str(c, 0), num(c, 1)
		p := r.fsPath(given)
		return r.hostCall(req, "fs.openSync", func() (any, time.Duration, error) {
			n, err := fs.Lookup(p)
			switch {
			case err == nil && flags&oCreat != 0 && flags&oExcl != 0:
				return nil, fsCostSyscall, uvError(vfs.ErrExist, "open", given, "")
			case err == nil && n.Dir && flags&(oWronly|oRdwr) != 0:
				return nil, fsCostSyscall, uvError(vfs.ErrIsDir, "open", given, "")
			case err == nil && flags&oTrunc != 0:
				n.Data = nil
				n.ModTime = fsNow(r)
			case errors.Is(err, vfs.ErrNotExist) && flags&oCreat != 0:
				if err = fs.WriteFile(p, nil, true); err != nil {
					return nil, fsCostSyscall, uvError(err, "open", given, "")
				}
				n, err = fs.Lookup(p)
			}
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "open", given, "")
			}
			return fds.open(&openFile{node: n, path: p, flags: flags}), fsCostSyscall, nil
		}, plainResult)
	}, 3)
	set("close", func(c goja.FunctionCall, req goja.Value) goja.Value {
		fd := num(c, 0)
		return r.hostCall(req, "fs.closeSync", func() (any, time.Duration, error) {
			if _, err := lookupFD(fd); err != nil {
				return nil, fsCostSyscall, uvError(err, "close", "", "")
			}
			fds.close(fd)
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 1)
	// read(fd, buffer, offset, length, position, req): position < 0 reads at the file position.
	// The pool job writes straight into the buffer's memory, as libuv's read(2) does.
	set("read", func(c goja.FunctionCall, req goja.Value) goja.Value {
		fd, off, length, pos := num(c, 0), num(c, 2), num(c, 3), num(c, 4)
		buf, _ := bytesArg(c.Argument(1))
		if off < 0 || length < 0 || off+length > len(buf) {
			panic(r.rangeError("ERR_OUT_OF_RANGE", "The value of \"length\" is out of range."))
		}
		return r.hostCall(req, "fs.readSync", func() (any, time.Duration, error) {
			f, err := lookupFD(fd)
			if err == nil && f.flags&oWronly != 0 {
				err = errBadFD
			}
			if err == nil && f.node.Dir {
				err = vfs.ErrIsDir
			}
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "read", "", "")
			}
			at := pos
			if at < 0 {
				at = f.pos
			}
			n := 0
			if at < len(f.node.Data) {
				n = copy(buf[off:off+length], f.node.Data[at:])
			}
			if pos < 0 {
				f.pos += n
			}
			return n, fsCostSyscall + perMB(n, fsCostReadPerMB), nil
		}, plainResult)
	}, 5)
	// write(fd, data, offset, length, position, req): data is a buffer or a UTF-8 string.
	set("write", func(c goja.FunctionCall, req goja.Value) goja.Value {
		fd, pos := num(c, 0), num(c, 4)
		data, _ := bytesArg(c.Argument(1))
		if _, isString := c.Argument(1).Export().(string); !isString {
			off, length := num(c, 2), num(c, 3)
			if off < 0 || length < 0 || off+length > len(data) {
				panic(r.rangeError("ERR_OUT_OF_RANGE", "The value of \"length\" is out of range."))
			}
			data = data[off : off+length]
		}
		return r.hostCall(req, "fs.writeSync", func() (any, time.Duration, error) {
			f, err := lookupFD(fd)
			if err == nil && f.flags&(oWronly|oRdwr) == 0 {
				err = errBadFD
			}
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "write", "", "")
			}
			at := pos
			if at < 0 || f.flags&oAppend != 0 {
				at = f.pos
				if f.flags&oAppend != 0 {
					at = len(f.node.Data)
				}
			}
			if err := r.growFile(f.node, at+len(data)); err != nil {
				return nil, fsCostSyscall, uvError(err, "write", "", "")
			}
			copy(f.node.Data[at:], data)
			f.node.ModTime = fsNow(r)
			if pos < 0 || f.flags&oAppend != 0 {
				f.pos = at + len(data)
			}
			return len(data), fsCostSyscall + perMB(len(data), fsCostWritePerMB), nil
		}, plainResult)
	}, 5)
	set("fstat", func(c goja.FunctionCall, req goja.Value) goja.Value {
		fd := num(c, 0)
		return r.hostCall(req, "fs.fstatSync", func() (any, time.Duration, error) {
			f, err := lookupFD(fd)
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "fstat", "", "")
			}
			return statOf(f.node), fsCostSyscall, nil
		}, plainResult)
	}, 1)
	for _, name := range []string{"stat", "lstat"} {
		name := name
		set(name, func(c goja.FunctionCall, req goja.Value) goja.Value {
			given := str(c, 0)
			p := r.fsPath(given)
			// throwIfNoEntry: false makes statSync answer undefined instead of throwing.
			quiet := c.Argument(1).ToBoolean()
			return r.hostCall(req, "fs."+name+"Sync", func() (any, time.Duration, error) {
				n, err := fs.Lookup(p)
				if err != nil {
					if quiet && errors.Is(err, vfs.ErrNotExist) {
						return nil, fsCostSyscall, nil
					}
					return nil, fsCostSyscall, uvError(err, name, given, "")
				}
				return statOf(n), fsCostSyscall, nil
			}, plainResult)
		}, 2)
	}
	set("readdir", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		withTypes := c.Argument(1).ToBoolean()
		return r.hostCall(req, "fs.readdirSync", func() (any, time.Duration, error) {
			names, err := fs.ReadDir(p)
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "scandir", given, "")
			}
			cost := fsCostSyscall + time.Duration(len(names))*time.Microsecond
			if !withTypes {
				return names, cost, nil
			}
			entries := make([]any, len(names))
			for i, name := range names {
				n, _ := fs.Lookup(path.Join(p, name))
				entries[i] = []any{name, n != nil && n.Dir}
			}
			return entries, cost, nil
		}, plainResult)
	}, 2)
	set("mkdir", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		recursive := c.Argument(1).ToBoolean()
		return r.hostCall(req, "fs.mkdirSync", func() (any, time.Duration, error) {
			if !recursive {
				if err := fs.Mkdir(p); err != nil {
					return nil, fsCostSyscall, uvError(err, "mkdir", given, "")
				}
				return nil, fsCostSyscall, nil
			}
			// mkdir -p answers the first directory it had to create, or undefined.
			first := ""
			for dir := p; dir != "/"; dir = path.Dir(dir) {
				n, err := fs.Lookup(dir)
				if err == nil {
					if !n.Dir {
						return nil, fsCostSyscall, uvError(vfs.ErrNotDir, "mkdir", given, "")
					}
					break
				}
				if !errors.Is(err, vfs.ErrNotExist) {
					return nil, fsCostSyscall, uvError(err, "mkdir", given, "")
				}
				first = dir
			}
			if err := fs.MkdirAll(p); err != nil {
				return nil, fsCostSyscall, uvError(err, "mkdir", given, "")
			}
			if first == "" {
				return nil, fsCostSyscall, nil
			}
			return first, fsCostSyscall, nil
		}, plainResult)
	}, 2)
	set("rmdir", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		return r.hostCall(req, "fs.rmdirSync", func() (any, time.Duration, error) {
			if p == "/" {
				return nil, fsCostSyscall, uvError(errBusy, "rmdir", given, "")
			}
			if err := fs.Remove(p, true); err != nil {
				return nil, fsCostSyscall, uvError(err, "rmdir", given, "")
			}
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 1)
	// rm(path, recursive, force): Node's rimraf is many requests; one models it here.
	set("rm", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		recursive, force := c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean()
		return r.hostCall(req, "fs.rmSync", func() (any, time.Duration, error) {
			n, err := fs.Lookup(p)
			if err != nil {
				if force && errors.Is(err, vfs.ErrNotExist) {
					return nil, fsCostSyscall, nil
				}
				return nil, fsCostSyscall, uvError(err, "lstat", given, "")
			}
			if n.Dir && !recursive {
				return nil, fsCostSyscall, &sysError{code: "ERR_FS_EISDIR", errno: 21, syscall: "rm", path: given,
					message: "Path is a directory: rm returned EISDIR (is a directory) " + given}
			}
			count := countNodes(fs, p)
			if err := fs.RemoveAll(p); err != nil {
				return nil, fsCostSyscall, uvError(err, "rm", given, "")
			}
			return nil, time.Duration(count) * fsCostSyscall, nil
		}, plainResult)
	}, 3)
	set("unlink", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		return r.hostCall(req, "fs.unlinkSync", func() (any, time.Duration, error) {
			if err := fs.Remove(p, false); err != nil {
				return nil, fsCostSyscall, uvError(err, "unlink", given, "")
			}
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 1)
	set("rename", func(c goja.FunctionCall, req goja.Value) goja.Value {
		from, to := str(c, 0), str(c, 1)
		pf, pt := r.fsPath(from), r.fsPath(to)
		return r.hostCall(req, "fs.renameSync", func() (any, time.Duration, error) {
			src, err := fs.Lookup(pf)
			if err == nil {
				if dst, derr := fs.Lookup(pt); derr == nil && dst.Dir != src.Dir {
					if dst.Dir {
						err = vfs.ErrIsDir
					} else {
						err = vfs.ErrNotDir
					}
				} else if derr == nil && dst.Dir && len(mustReadDir(fs, pt)) > 0 && dst != src {
					err = vfs.ErrNotEmpty
				}
			}
			if err == nil {
				err = fs.Rename(pf, pt)
			}
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "rename", from, to)
			}
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 2)
	set("copyFile", func(c goja.FunctionCall, req goja.Value) goja.Value {
		from, to := str(c, 0), str(c, 1)
		pf, pt := r.fsPath(from), r.fsPath(to)
		excl := num(c, 2)&1 != 0 // COPYFILE_EXCL
		return r.hostCall(req, "fs.copyFileSync", func() (any, time.Duration, error) {
			src, err := fs.Lookup(pf)
			if err == nil && src.Dir {
				err = vfs.ErrIsDir
			}
			if err == nil && excl {
				if _, derr := fs.Lookup(pt); derr == nil {
					err = vfs.ErrExist
				}
			}
			if err == nil {
				err = fs.WriteFile(pt, src.Data, false)
			}
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "copyfile", from, to)
			}
			n := len(src.Data)
			return nil, 2*fsCostSyscall + perMB(n, fsCostReadPerMB) + perMB(n, fsCostWritePerMB), nil
		}, plainResult)
	}, 3)
	set("access", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		return r.hostCall(req, "fs.accessSync", func() (any, time.Duration, error) {
			if _, err := fs.Lookup(p); err != nil {
				return nil, fsCostSyscall, uvError(err, "access", given, "")
			}
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 2)
	set("realpath", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		return r.hostCall(req, "fs.realpathSync", func() (any, time.Duration, error) {
			if _, err := fs.Lookup(p); err != nil {
				return nil, fsCostSyscall, uvError(err, "realpath", given, "")
			}
			return p, fsCostSyscall, nil
		}, plainResult)
	}, 1)
	set("ftruncate", func(c goja.FunctionCall, req goja.Value) goja.Value {
		fd, length := num(c, 0), num(c, 1)
		return r.hostCall(req, "fs.ftruncateSync", func() (any, time.Duration, error) {
			f, err := lookupFD(fd)
			if err == nil && f.flags&(oWronly|oRdwr) == 0 {
				err = errInvalid
			}
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "ftruncate", "", "")
			}
			if length < 0 {
				return nil, fsCostSyscall, uvError(errInvalid, "ftruncate", "", "")
			}
			if length < len(f.node.Data) {
				f.node.Data = f.node.Data[:length]
			} else if err := r.growFile(f.node, length); err != nil {
				return nil, fsCostSyscall, uvError(err, "ftruncate", "", "")
			}
			f.node.ModTime = fsNow(r)
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 2)
	// utimes and chmod: the simulated file system keeps one time and no permissions; they
	// check that the file exists and set the modification time.
	set("utimes", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		mtime := c.Argument(2).ToFloat()
		return r.hostCall(req, "fs.utimesSync", func() (any, time.Duration, error) {
			n, err := fs.Lookup(p)
			if err != nil {
				return nil, fsCostSyscall, uvError(err, "utime", given, "")
			}
			n.ModTime = time.UnixMilli(int64(mtime * 1000))
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 3)
	set("chmod", func(c goja.FunctionCall, req goja.Value) goja.Value {
		given := str(c, 0)
		p := r.fsPath(given)
		return r.hostCall(req, "fs.chmodSync", func() (any, time.Duration, error) {
			if _, err := fs.Lookup(p); err != nil {
				return nil, fsCostSyscall, uvError(err, "chmod", given, "")
			}
			return nil, fsCostSyscall, nil
		}, plainResult)
	}, 2)
	// existsSync is not a request: Node answers it from a failed access without an error.
	b.Set("exists", func(p string) bool {
		_, err := fs.Lookup(r.fsPath(p))
		return err == nil
	})
	return b
}

// fsNow is the file system's clock: the wall time at the current virtual time.
func fsNow(r *Realm) time.Time { return r.proc.cfg.Epoch.Add(r.proc.sched.Now()) }

func countNodes(fs *vfs.FS, p string) int {
	names, err := fs.ReadDir(p)
	if err != nil {
		return 1
	}
	n := 1
	for _, name := range names {
		n += countNodes(fs, path.Join(p, name))
	}
	return n
}

func mustReadDir(fs *vfs.FS, p string) []string {
	names, _ := fs.ReadDir(p)
	sort.Strings(names)
	return names
}

// rangeError is a RangeError with a Node error code.
func (r *Realm) rangeError(code, message string) *goja.Object {
	e := r.newError("RangeError", message)
	e.Set("code", code)
	return e
}
