// Package vfs is the simulated file system: an in-memory tree of files and directories that
// the simulated fs module reads and writes. It models contents and metadata, not devices,
// permissions beyond existence, links or file descriptors (package node keeps those).
//
// A tree may lie over a read-only disk (the CLI's real file system): a directory or file of the
// disk enters the tree the first time a path reaches it, and from then on lives in memory, so
// the program's writes, renames and deletes never touch the disk (copy-on-write).
package vfs

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// Errors, matched by the fs module to Node's error codes.
var (
	ErrNotExist = fs.ErrNotExist                    // ENOENT
	ErrExist    = fs.ErrExist                       // EEXIST
	ErrIsDir    = errors.New("is a directory")      // EISDIR
	ErrNotDir   = errors.New("not a directory")     // ENOTDIR
	ErrNotEmpty = errors.New("directory not empty") // ENOTEMPTY
)

// Node is a file or a directory.
type Node struct {
	Dir      bool
	Data     []byte
	ModTime  time.Time
	Birth    time.Time
	Ino      uint64
	children map[string]*Node
	// disk is the node's path on the disk below while its contents are still there: the
	// listing of a directory, or the bytes of a file, not yet read.
	disk string
}

// FS is a tree rooted at "/". Paths are absolute and cleaned by the caller or here.
type FS struct {
	root    *Node
	nextIno uint64
	now     func() time.Time
	disk    fs.FS
}

// New returns an empty file system whose timestamps come from now.
func New(now func() time.Time) *FS {
	f := &FS{now: now, nextIno: 1}
	f.root = f.newNode(true)
	return f
}

// NewOver returns a file system that starts as a copy of disk (paths without the leading
// slash, as os.DirFS("/") names them) and reads it lazily; nothing is ever written to disk.
func NewOver(disk fs.FS, now func() time.Time) *FS {
	f := New(now)
	f.disk = disk
	f.root.disk = "."
	return f
}

func (f *FS) newNode(dir bool) *Node {
	f.nextIno++
	t := f.now()
	n := &Node{Dir: dir, ModTime: t, Birth: t, Ino: f.nextIno}
	if dir {
		n.children = map[string]*Node{}
	}
	return n
}

func split(p string) []string {
	p = path.Clean("/" + p)
	if p == "/" {
		return nil
	}
	return strings.Split(p[1:], "/")
}

// Lookup returns the node at p; a file of the disk is read in whole when it is reached.
func (f *FS) Lookup(p string) (*Node, error) {
	n := f.root
	for _, part := range split(p) {
		if !n.Dir {
			return nil, ErrNotDir
		}
		child, ok := f.children(n)[part]
		if !ok {
			return nil, ErrNotExist
		}
		n = child
	}
	if !n.Dir && n.disk != "" {
		n.Data, _ = fs.ReadFile(f.disk, n.disk) // unreadable (a socket, no permission) reads as empty
		n.disk = ""
	}
	return n, nil
}

// children returns the entries of directory n, bringing in its listing from the disk the first
// time. The entries of the disk come in unread: a directory unlisted, a file without its bytes.
func (f *FS) children(n *Node) map[string]*Node {
	if n.disk == "" {
		return n.children
	}
	entries, _ := fs.ReadDir(f.disk, n.disk)
	for _, e := range entries {
		if _, shadowed := n.children[e.Name()]; shadowed {
			continue
		}
		info, err := fs.Stat(f.disk, path.Join(n.disk, e.Name())) // follows symbolic links
		if err != nil || !(info.IsDir() || info.Mode().IsRegular()) {
			continue
		}
		child := f.newNode(info.IsDir())
		child.ModTime, child.Birth = info.ModTime(), info.ModTime()
		child.disk = path.Join(n.disk, e.Name())
		n.children[e.Name()] = child
	}
	n.disk = ""
	return n.children
}

func (f *FS) parent(p string) (*Node, string, error) {
	parts := split(p)
	if len(parts) == 0 {
		return nil, "", ErrExist
	}
	dir, err := f.Lookup("/" + strings.Join(parts[:len(parts)-1], "/"))
	if err != nil {
		return nil, "", err
	}
	if !dir.Dir {
		return nil, "", ErrNotDir
	}
	f.children(dir)
	return dir, parts[len(parts)-1], nil
}

// WriteFile creates or replaces the file at p; with appendData it appends instead.
func (f *FS) WriteFile(p string, data []byte, appendData bool) error {
	dir, name, err := f.parent(p)
	if err != nil {
		return err
	}
	n, ok := dir.children[name]
	if ok && n.disk != "" {
		if appendData { // only appending needs the bytes it replaces
			n.Data, _ = fs.ReadFile(f.disk, n.disk)
		}
		n.disk = ""
	}
	if !ok {
		n = f.newNode(false)
		dir.children[name] = n
	} else if n.Dir {
		return ErrIsDir
	}
	if appendData {
		n.Data = append(n.Data, data...)
	} else {
		n.Data = append([]byte(nil), data...)
	}
	n.ModTime = f.now()
	return nil
}

// MkdirAll creates p and any missing parents.
func (f *FS) MkdirAll(p string) error {
	n := f.root
	for _, part := range split(p) {
		child, ok := f.children(n)[part]
		if !ok {
			child = f.newNode(true)
			n.children[part] = child
		} else if !child.Dir {
			return ErrNotDir
		}
		n = child
	}
	return nil
}

// Mkdir creates the directory p; its parent must exist.
func (f *FS) Mkdir(p string) error {
	dir, name, err := f.parent(p)
	if err != nil {
		return err
	}
	if _, ok := dir.children[name]; ok {
		return ErrExist
	}
	dir.children[name] = f.newNode(true)
	return nil
}

// Remove deletes a file, or an empty directory when dir is set.
func (f *FS) Remove(p string, dir bool) error {
	parent, name, err := f.parent(p)
	if err != nil {
		return err
	}
	n, ok := parent.children[name]
	switch {
	case !ok:
		return ErrNotExist
	case dir && !n.Dir:
		return ErrNotDir
	case !dir && n.Dir:
		return ErrIsDir
	case dir && len(f.children(n)) > 0:
		return ErrNotEmpty
	}
	delete(parent.children, name)
	return nil
}

// RemoveAll deletes p and everything below it; a missing p is not an error.
func (f *FS) RemoveAll(p string) error {
	parent, name, err := f.parent(p)
	if err != nil {
		return nil
	}
	delete(parent.children, name)
	return nil
}

// Rename moves oldPath to newPath, replacing a file there.
func (f *FS) Rename(oldPath, newPath string) error {
	op, oname, err := f.parent(oldPath)
	if err != nil {
		return err
	}
	n, ok := op.children[oname]
	if !ok {
		return ErrNotExist
	}
	np, nname, err := f.parent(newPath)
	if err != nil {
		return err
	}
	delete(op.children, oname)
	np.children[nname] = n
	return nil
}

// ReadDir lists the names in directory p, sorted.
func (f *FS) ReadDir(p string) ([]string, error) {
	n, err := f.Lookup(p)
	if err != nil {
		return nil, err
	}
	if !n.Dir {
		return nil, ErrNotDir
	}
	entries := f.children(n)
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
