package main

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// types are set explicitly: the system's MIME table may lack application/wasm, and
// WebAssembly.instantiateStreaming refuses anything else.
var types = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// handler serves one directory. It opens files through os.Root, so no request (with "..",
// an encoded slash or a symlink) can reach a file outside it. The root is opened per request
// because build.sh replaces dist/ as a whole: a handle kept open would see the old, deleted one.
type handler struct {
	dir    string
	reload *broadcaster // nil: no live reload
}

func newHandler(dir string, reload *broadcaster) (http.Handler, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return &handler{dir: dir, reload: reload}, nil
}

// liveScript reloads the page after each rebuild. It also removes the site's service worker,
// which serves cached files and would hide the edits being watched.
const liveScript = `navigator.serviceWorker?.getRegistrations().then((rs) => rs.forEach((r) => r.unregister()));
new EventSource('_live').onmessage = () => location.reload();`

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	name := path.Clean("/" + r.URL.Path)
	if h.reload != nil {
		switch name {
		case "/_live":
			h.reload.serve(w, r)
			return
		case "/_live.js":
			w.Header().Set("Content-Type", types[".js"])
			io.WriteString(w, liveScript)
			return
		}
	}
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	name = strings.TrimPrefix(name, "/")
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		http.Error(w, "site directory missing: run ./build.sh", http.StatusServiceUnavailable)
		return
	}
	defer root.Close()
	f, info, err := open(root, name)
	if err == nil && info.IsDir() {
		f.Close()
		name = path.Join(name, "index.html")
		f, info, err = open(root, name)
	}
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	ext := path.Ext(name)
	if t, ok := types[ext]; ok {
		w.Header().Set("Content-Type", t)
	} else if t := mime.TypeByExtension(ext); t != "" {
		w.Header().Set("Content-Type", t)
	}
	// Revalidate every time: this is a development server, and stale pages confuse.
	w.Header().Set("Cache-Control", "no-cache")

	if ext == ".html" && h.reload != nil {
		h.serveWithLiveReload(w, r, name, f, info.ModTime())
		return
	}
	w.Header().Add("Vary", "Accept-Encoding")
	for _, c := range accepted(r.Header.Get("Accept-Encoding")) {
		cf, cinfo, err := open(root, name+c.ext)
		if err != nil {
			continue
		}
		defer cf.Close()
		w.Header().Set("Content-Encoding", c.name)
		http.ServeContent(w, r, name, cinfo.ModTime(), cf)
		return
	}
	http.ServeContent(w, r, name, info.ModTime(), f)
}

func open(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	if name == "" {
		name = "."
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// serveWithLiveReload adds the reload script to a page. Pages are small, so they are served
// uncompressed here.
func (h *handler) serveWithLiveReload(w http.ResponseWriter, r *http.Request, name string, f *os.File, mod time.Time) {
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	tag := []byte(`<script src="_live.js"></script></body>`)
	page = bytes.Replace(page, []byte("</body>"), tag, 1)
	http.ServeContent(w, r, name, mod, bytes.NewReader(page))
}

type coding struct{ name, ext string }

// accepted lists the precompressed forms the client takes, best first. A q=0 refuses one.
func accepted(header string) []coding {
	ok := map[string]bool{}
	for _, part := range strings.Split(header, ",") {
		token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		params = strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		ok[strings.ToLower(strings.TrimSpace(token))] = params != "q=0" && params != "q=0.0"
	}
	var out []coding
	if ok["br"] {
		out = append(out, coding{"br", ".br"})
	}
	if ok["gzip"] {
		out = append(out, coding{"gzip", ".gz"})
	}
	return out
}

// broadcaster tells every open page's event stream that dist/ changed.
type broadcaster struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
}

func newBroadcaster() *broadcaster { return &broadcaster{subs: map[chan struct{}]bool{}} }

func (b *broadcaster) send() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func (b *broadcaster) serve(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan struct{}, 1)
	b.mu.Lock()
	b.subs[c] = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.subs, c)
		b.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			io.WriteString(w, "data: reload\n\n")
			flusher.Flush()
		}
	}
}
