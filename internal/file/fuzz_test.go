package file_test

import (
	"bytes"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
)

// FuzzSniff: whatever bytes an upload holds, Sniff answers a type of the
// list or refuses them as unsupported; it never panics nor fails otherwise.
func FuzzSniff(f *testing.F) {
	for _, seed := range [][]byte{filetest.PNG(f), filetest.JPEG(f), filetest.DOCX(f), filetest.ODT(f), filetest.ODS(f),
		filetest.Zip(f, "mimetype", "x"), []byte("%PDF-1.7"), []byte("PK\x03\x04"), nil} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := file.Sniff(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !apperr.Is(err, apperr.Unsupported) {
				t.Fatalf("Sniff failed with %v", err)
			}
			return
		}
		if _, ok := file.Types[got]; !ok {
			t.Fatalf("Sniff answered %q, not an accepted type", got)
		}
	})
}

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Đơn đề nghị.pdf", `C:\a\b.pdf`, "../x", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := file.CleanName(name)
		if got == "" || bytes.ContainsAny([]byte(got), "/\\\"\x00\n") {
			t.Fatalf("CleanName(%q) = %q", name, got)
		}
	})
}
