package web

import (
	"io/fs"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestCatalogueCoversTemplates: every key a template or handler names is in
// the catalogue in both languages, in NFC.
func TestCatalogueCoversTemplates(t *testing.T) {
	keyRe := regexp.MustCompile(`(?:\.T|T\((?:lang|"vi"|"en"|b\.Lang),|invalid\("[a-z_]*",|flash\(w,|base\(w, r,|titleFor\(status\) \+) "([a-z0-9_.]+)"`)
	var sources []string
	_ = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(templateFS, p)
			sources = append(sources, string(b))
		}
		return nil
	})
	n := 0
	for _, src := range sources {
		for _, m := range keyRe.FindAllStringSubmatch(src, -1) {
			n++
			if !known(m[1]) {
				t.Errorf("key %q is not in the catalogue", m[1])
			}
		}
	}
	if n < 100 {
		t.Errorf("found only %d keys in the templates: is the pattern still right?", n)
	}
	for key, m := range catalogue {
		for i, s := range m {
			if s == "" || !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Errorf("%s[%d] = %q: empty, invalid or not NFC", key, i, s)
			}
		}
	}
}

func TestFormats(t *testing.T) {
	at := time.Date(2025, 2, 28, 17, 5, 0, 0, time.UTC) // 00:05 on 1 March in Hà Nội
	cases := []struct{ got, want string }{
		{fmtDate(at), "01/03/2025"},
		{fmtTime(at), "00:05"},
		{fmtISODate("2025-03-01"), "01/03/2025"},
		{fmtISODate("bad"), "bad"},
		{fmtNum(0), "0"},
		{fmtNum(999), "999"},
		{fmtNum(1000), "1.000"},
		{fmtNum(int64(1234567)), "1.234.567"},
		{fmtNum(-65000000), "-65.000.000"},
		{T("vi", "pager.page", 3), "Trang 3"},
		{T("en", "pager.page", 3), "Page 3"},
		{T("en", "no.such.key"), "no.such.key"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/": "/", "/units": "/units", "/people?q=a%20b": "/people?q=a%20b",
		"//evil.example": "/", "/\\evil.example": "/", "https://evil.example/": "/", "evil": "/",
		"javascript:alert(1)": "/", "/x\r\nSet-Cookie: a=b": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
