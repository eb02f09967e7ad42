package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testHandler(t *testing.T, reload *broadcaster) (http.Handler, string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":     "<html><body>home</body></html>",
		"engine.wasm":    "\x00asm",
		"engine.wasm.br": "brotli bytes",
		"engine.wasm.gz": "gzip bytes",
		"assets/app.js":  "js",
		"sub/index.html": "<body>sub</body>",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A secret next to the served directory, and a symlink pointing at it from inside.
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("secret"), 0o644)
	os.Symlink(filepath.Join(filepath.Dir(dir), "secret.txt"), filepath.Join(dir, "link.txt"))
	h, err := newHandler(dir, reload)
	if err != nil {
		t.Fatal(err)
	}
	return h, dir
}

func get(h http.Handler, target, acceptEncoding string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "http://x"+target, nil)
	if acceptEncoding != "" {
		r.Header.Set("Accept-Encoding", acceptEncoding)
	}
	r.URL.Path = strings.SplitN(target, "?", 2)[0] // keep raw "..": httptest would not clean it
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	h, _ := testHandler(t, nil)
	cases := []struct {
		target, accept   string
		code             int
		body, ctype, enc string
	}{
		{"/", "", 200, "home", "text/html; charset=utf-8", ""},
		{"/sub/", "", 200, "sub", "text/html; charset=utf-8", ""},
		{"/sub", "", 200, "sub", "text/html; charset=utf-8", ""},
		{"/engine.wasm", "", 200, "\x00asm", "application/wasm", ""},
		{"/engine.wasm", "gzip, deflate, br", 200, "brotli bytes", "application/wasm", "br"},
		{"/engine.wasm", "gzip", 200, "gzip bytes", "application/wasm", "gzip"},
		{"/engine.wasm", "br;q=0, gzip", 200, "gzip bytes", "application/wasm", "gzip"},
		{"/assets/app.js", "br", 200, "js", "text/javascript; charset=utf-8", ""},
		{"/../secret.txt", "", 404, "", "", ""},
		{"/assets/../../secret.txt", "", 404, "", "", ""},
		{"/link.txt", "", 404, "", "", ""},
		{"/missing.html", "", 404, "", "", ""},
	}
	for _, c := range cases {
		w := get(h, c.target, c.accept)
		if w.Code != c.code {
			t.Errorf("%s: status %d, want %d", c.target, w.Code, c.code)
			continue
		}
		if c.code != 200 {
			if strings.Contains(w.Body.String(), "secret") {
				t.Errorf("%s leaked a file outside the directory", c.target)
			}
			continue
		}
		if !strings.Contains(w.Body.String(), c.body) || w.Header().Get("Content-Type") != c.ctype || w.Header().Get("Content-Encoding") != c.enc {
			t.Errorf("%s (%s): body %q type %q encoding %q", c.target, c.accept, w.Body.String(), w.Header().Get("Content-Type"), w.Header().Get("Content-Encoding"))
		}
	}
}

func TestLiveReloadScript(t *testing.T) {
	h, _ := testHandler(t, newBroadcaster())
	w := get(h, "/", "br")
	if !strings.Contains(w.Body.String(), `<script src="_live.js"></script></body>`) {
		t.Errorf("page lacks the reload script: %s", w.Body.String())
	}
	if w := get(h, "/_live.js", ""); !strings.Contains(w.Body.String(), "EventSource") {
		t.Errorf("_live.js: %s", w.Body.String())
	}
	h2, _ := testHandler(t, nil)
	if w := get(h2, "/_live.js", ""); w.Code != 404 {
		t.Errorf("without live reload, _live.js should not exist")
	}
}
