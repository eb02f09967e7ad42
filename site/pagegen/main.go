// Command pagegen renders the site's pages from the lessons and writes the service worker's
// list of files. build.sh runs it after the scripts and the wasm are in place, because the
// service worker's version is a hash of every file it will cache.
package main

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"flag"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"looplab/lessons"
)

//go:embed templates/*.html
var templates embed.FS

// lessonPage is what the lesson template needs.
type lessonPage struct {
	*lessons.Lesson
	Body       template.HTML // the rendered prose: the loader escapes everything it renders
	Number     int           // 1-based position in the course
	Count      int
	Prev, Next *lessons.Lesson
}

func main() {
	dir := flag.String("lessons", "lessons", "directory of NN-slug.md lessons")
	out := flag.String("out", "dist", "the site directory to write into")
	bootJS := flag.String("boot", "", "the minified boot script, inlined into every page with a playground")
	flag.Parse()
	if err := run(*dir, *out, *bootJS); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dir, out, bootJS string) error {
	all, err := lessons.LoadDir(dir)
	if err != nil {
		return err
	}
	// boot.js goes into the head of every page with a playground, inline: as a script of its
	// own it cost the worker's start a request (about 30 ms cold, measured).
	b, err := os.ReadFile(bootJS)
	if err != nil {
		return fmt.Errorf("inline the boot script (-boot, made by build.sh): %w", err)
	}
	boot = template.JS(b)
	t, err := template.New("").Funcs(template.FuncMap{"page": headData}).ParseFS(templates, "templates/*.html")
	if err != nil {
		return fmt.Errorf("parse templates: %w", err)
	}
	for _, l := range all {
		for _, w := range l.Warnings {
			fmt.Fprintf(os.Stderr, "warning: %v\n", w)
		}
	}
	if err := write(t, filepath.Join(out, "index.html"), "index.html", all); err != nil {
		return err
	}
	if err := write(t, filepath.Join(out, "sandbox.html"), "sandbox.html", nil); err != nil {
		return err
	}
	for i, l := range all {
		p := lessonPage{Lesson: l, Body: template.HTML(l.HTML), Number: i + 1, Count: len(all)}
		if i > 0 {
			p.Prev = all[i-1]
		}
		if i+1 < len(all) {
			p.Next = all[i+1]
		}
		if err := write(t, filepath.Join(out, l.Slug+".html"), "lesson.html", p); err != nil {
			return err
		}
	}
	glossary, err := lessons.LoadGlossary(dir)
	if err != nil {
		return err
	}
	if err := write(t, filepath.Join(out, "glossary.html"), "page.html", lessonPage{Lesson: glossary, Body: template.HTML(glossary.HTML)}); err != nil {
		return err
	}
	return writeServiceWorker(out)
}

// head is what the shared head template needs to know about a page.
type head struct {
	Title      string
	Playground bool        // the page runs programs, so it starts the engine's worker first thing
	Boot       template.JS // the minified site/js/boot.js, which does that
}

// boot is the minified boot script, read by run.
var boot template.JS

func headData(title string, playground bool) head { return head{title, playground, boot} }

func write(t *template.Template, path, name string, data any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := t.ExecuteTemplate(f, name, data); err != nil {
		f.Close()
		return fmt.Errorf("render %s: %w", path, err)
	}
	return f.Close()
}

// writeServiceWorker fills in the service worker's file list and version. The version is a
// hash of every listed file, so any change makes browsers take the new files on next visit.
func writeServiceWorker(out string) error {
	src, err := os.ReadFile(filepath.Join("site", "sw.js"))
	if err != nil {
		return err
	}
	var files []string
	h := sha256.New()
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		rel = filepath.ToSlash(rel)
		// esm.wasm is left to the service worker's runtime cache: it is downloaded only by
		// readers who run an ES module, and then kept for offline use like any other response.
		if rel == "sw.js" || rel == "esm.wasm" || strings.HasSuffix(rel, ".br") || strings.HasSuffix(rel, ".gz") {
			return nil
		}
		files = append(files, rel)
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		io.WriteString(h, rel)
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		return fmt.Errorf("list site files: %w", err)
	}
	slices.Sort(files)
	quoted := make([]string, len(files))
	for i, f := range files {
		quoted[i] = fmt.Sprintf("%q", "./"+f)
	}
	sw := strings.Replace(string(src), "/*FILES*/", strings.Join(quoted, ",\n  "), 1)
	sw = strings.Replace(sw, "/*VERSION*/", hex.EncodeToString(h.Sum(nil))[:12], 1)
	return os.WriteFile(filepath.Join(out, "sw.js"), []byte(sw), 0o644)
}
