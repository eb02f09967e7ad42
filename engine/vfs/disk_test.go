package vfs

import (
	"errors"
	"reflect"
	"testing"
	"testing/fstest"
	"time"
)

func diskFS() (*FS, fstest.MapFS) {
	disk := fstest.MapFS{
		"proj/main.js":               {Data: []byte("main")},
		"proj/lib/a.js":              {Data: []byte("a")},
		"proj/node_modules/x/pkg.js": {Data: []byte("x")},
	}
	return NewOver(disk, func() time.Time { return time.Unix(0, 0) }), disk
}

func TestDiskIsReadOnFirstUse(t *testing.T) {
	f, _ := diskFS()
	n, err := f.Lookup("/proj/lib/a.js")
	if err != nil || string(n.Data) != "a" {
		t.Fatalf("Lookup(/proj/lib/a.js) = %v, %v; want the disk's bytes", n, err)
	}
	names, err := f.ReadDir("/proj")
	if want := []string{"lib", "main.js", "node_modules"}; err != nil || !reflect.DeepEqual(names, want) {
		t.Fatalf("ReadDir(/proj) = %v, %v; want %v", names, err, want)
	}
	if _, err := f.Lookup("/proj/missing.js"); !errors.Is(err, ErrNotExist) {
		t.Fatalf("a path the disk lacks: %v, want ErrNotExist", err)
	}
	if _, err := f.Lookup("/proj/main.js/x"); !errors.Is(err, ErrNotDir) {
		t.Fatalf("a path through a file: %v, want ErrNotDir", err)
	}
}

func TestWritesStayInMemory(t *testing.T) {
	f, disk := diskFS()
	if err := f.WriteFile("/proj/main.js", []byte("+"), true); err != nil {
		t.Fatal(err)
	}
	if err := f.WriteFile("/proj/lib/new.js", []byte("new"), false); err != nil {
		t.Fatal(err)
	}
	if err := f.Rename("/proj/lib/a.js", "/proj/b.js"); err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveAll("/proj/node_modules"); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.Lookup("/proj/main.js"); string(n.Data) != "main+" {
		t.Errorf("appended file = %q, want %q", n.Data, "main+")
	}
	if n, err := f.Lookup("/proj/b.js"); err != nil || string(n.Data) != "a" {
		t.Errorf("renamed file = %v, %v; want the disk's bytes at the new name", n, err)
	}
	names, _ := f.ReadDir("/proj")
	if want := []string{"b.js", "lib", "main.js"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ReadDir(/proj) = %v, want %v", names, want)
	}
	if string(disk["proj/main.js"].Data) != "main" || disk["proj/lib/new.js"] != nil || disk["proj/node_modules/x/pkg.js"] == nil {
		t.Errorf("the disk changed: %v", disk)
	}
}

func TestReplacedDiskFileIsNotRead(t *testing.T) {
	f, _ := diskFS()
	if err := f.WriteFile("/proj/main.js", []byte("new"), false); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.Lookup("/proj/main.js"); string(n.Data) != "new" {
		t.Errorf("replaced file = %q, want %q", n.Data, "new")
	}
}
