package main

import (
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// inputs are what dist/ is built from. A change to any file under them makes dist/ stale.
var inputs = []string{"lessons", "site", "wasm", "engine", "lab", "third_party", "build.sh", "package-lock.json", "go.mod", "go.sum"}

// builder runs build.sh, one build at a time, when the inputs are newer than the last build.
type builder struct {
	root string
	mu   sync.Mutex
}

func newBuilder(root string) *builder { return &builder{root: root} }

// newest is the latest modification time among the inputs.
func (b *builder) newest() time.Time {
	var latest time.Time
	for _, in := range inputs {
		_ = filepath.WalkDir(filepath.Join(b.root, in), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // a missing input is not an error: it cannot be newer
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != filepath.Join(b.root, in) {
				return filepath.SkipDir
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(latest) {
				latest = info.ModTime()
			}
			return nil
		})
	}
	return latest
}

// built is when dist/ was last completed: the service worker is written last.
func (b *builder) built() time.Time {
	info, err := os.Stat(filepath.Join(b.root, "dist", "sw.js"))
	if err != nil {
		return time.Time{}
	}
	return info.ModTime()
}

func (b *builder) buildIfStale() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.newest().After(b.built()) {
		return nil
	}
	log.Print("building (./build.sh)…")
	start := time.Now()
	cmd := exec.Command("bash", "build.sh")
	cmd.Dir = b.root
	// Brotli at quality 11 takes over a minute for the engine; a development build skips it
	// (and keeps the .br of an unchanged engine). Run ./build.sh for a build to deploy.
	cmd.Env = append(os.Environ(), "LOOPLAB_BROTLI=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s%w", out, err)
	}
	log.Printf("built in %.1fs", time.Since(start).Seconds())
	return nil
}

// watch polls the inputs (portable, and cheap for a tree this size) and rebuilds on change;
// after a successful build it calls changed so open pages reload.
func (b *builder) watch(every time.Duration, changed func()) {
	for range time.Tick(every) {
		if !b.newest().After(b.built()) {
			continue
		}
		if err := b.buildIfStale(); err != nil {
			log.Printf("build failed, still serving the previous dist/:\n%v", err)
			// Avoid rebuilding the same broken input every tick: wait for the next edit.
			b.waitForEdit(every)
			continue
		}
		changed()
	}
}

func (b *builder) waitForEdit(every time.Duration) {
	failed := b.newest()
	for range time.Tick(every) {
		if b.newest().After(failed) {
			return
		}
	}
}
