package file

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"congvu/internal/apperr"
)

// The content types congvu accepts: what an agency scans, writes and
// counts in. Anything else is refused, so that nothing a browser would
// run (HTML, SVG, scripts) is ever kept and served back.
const (
	PDF  = "application/pdf"
	JPEG = "image/jpeg"
	PNG  = "image/png"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ODT  = "application/vnd.oasis.opendocument.text"
	ODS  = "application/vnd.oasis.opendocument.spreadsheet"
)

// Types lists the accepted types with the short label a page shows.
var Types = map[string]string{PDF: "PDF", JPEG: "JPEG", PNG: "PNG", DOCX: "DOCX", XLSX: "XLSX", ODT: "ODT", ODS: "ODS"}

// Previewable says whether a type may be shown inline in the browser: the
// ones it renders without running anything (PDF and images).
func Previewable(contentType string) bool {
	return contentType == PDF || contentType == JPEG || contentType == PNG
}

// ErrUnsupported is the error of an upload whose bytes are none of the
// accepted types; web and api answer it with 415.
func ErrUnsupported() *apperr.Error {
	return apperr.New(apperr.Unsupported, "file",
		"Loại tệp không được chấp nhận: chỉ nhận PDF, JPEG, PNG, DOCX, XLSX, ODT hoặc ODS",
		"This type of file is not accepted: only PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS")
}

// Sniff decides the type of content from its bytes (r holds all size of
// them). PDF, JPEG and PNG are known by their signatures; DOCX and XLSX,
// both zip archives, by [Content_Types].xml and the word/ or xl/ part they
// declare; ODT and ODS by the `mimetype` entry the OpenDocument standard
// puts first. A zip that is none of them (or a broken one) is refused.
// Errors: ErrUnsupported.
func Sniff(r io.ReaderAt, size int64) (string, error) {
	head := make([]byte, 512)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return "", err
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return sniffZip(r, size)
	}
	return "", ErrUnsupported()
}

// maxManifest bounds what is read of a zip's manifest, so that a crafted
// archive cannot make the sniffer inflate gigabytes.
const maxManifest = 1 << 20

func sniffZip(r io.ReaderAt, size int64) (string, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return "", ErrUnsupported()
	}
	names := map[string]*zip.File{}
	for _, f := range z.File {
		names[f.Name] = f
	}
	if f := names["mimetype"]; f != nil {
		switch strings.TrimSpace(string(readEntry(f))) {
		case ODT:
			return ODT, nil
		case ODS:
			return ODS, nil
		}
		return "", ErrUnsupported()
	}
	ct := names["[Content_Types].xml"]
	if ct == nil {
		return "", ErrUnsupported()
	}
	manifest := string(readEntry(ct))
	// The main part's content type names the kind of document; the part
	// itself must be there too, so that a manifest alone passes for nothing.
	switch {
	case strings.Contains(manifest, "wordprocessingml.document.main+xml") && hasPrefix(names, "word/"):
		return DOCX, nil
	case strings.Contains(manifest, "spreadsheetml.sheet.main+xml") && hasPrefix(names, "xl/"):
		return XLSX, nil
	}
	return "", ErrUnsupported()
}

func readEntry(f *zip.File) []byte {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, maxManifest))
	return b
}

func hasPrefix(names map[string]*zip.File, prefix string) bool {
	for n := range names {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}
