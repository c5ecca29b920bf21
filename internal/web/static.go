package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the stylesheet and scripts from the binary. Each URL
// carries a hash of the file's content (?v=...), so the files can be cached
// for a year and a new build is still fetched at once.
type staticFiles struct {
	fs      fs.FS
	version map[string]string // file name → short content hash
}

func loadStatic() (staticFiles, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return staticFiles{}, err
	}
	st := staticFiles{fs: sub, version: map[string]string{}}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		st.version[p] = hex.EncodeToString(h[:6])
		return nil
	})
	return st, err
}

// url is the template function "asset": the versioned address of a static file.
func (st staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + st.version[name]
}

// handler serves /static/ with long cache lifetimes; no directory listings.
func (st staticFiles) handler() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(st.fs))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if _, ok := st.version[name]; !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
}
