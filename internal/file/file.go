package file

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"congvu/internal/apperr"
)

// File is one uploaded file: its metadata row. The bytes are kept apart,
// under SHA256, by a blob store.
type File struct {
	ID          int64
	SHA256      string // hex, lower case: the content's address
	Name        string // the name as uploaded (Vietnamese, cleaned by CleanName)
	Size        int64  // bytes
	ContentType string // one of the Types, decided by Sniff
	AgencyID    int64  // the uploader's agency
	UploadedBy  int64  // person id
	UploadedAt  time.Time
}

// DefaultMaxBytes is the size limit of one upload when the operator sets
// none (--file-max-mb): 20 MB holds a scanned dossier of a few dozen pages.
const DefaultMaxBytes = 20 << 20

// maxNameRunes bounds a file's name as kept and shown.
const maxNameRunes = 200

// CleanName is the name a file is kept under: the last element of what the
// browser sent (some send a whole Windows path), without control
// characters, quotes or slashes, at most 200 characters; "tep" when
// nothing is left.
func CleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	var b strings.Builder
	n := 0
	for _, r := range name {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == '\\' {
			continue
		}
		if n == maxNameRunes {
			break
		}
		b.WriteRune(r)
		n++
	}
	out := strings.TrimSpace(b.String())
	if out == "" || out == "." || out == ".." {
		return "tep"
	}
	return out
}

// ErrTooLarge is the error of an upload over the limit of max bytes; web
// and api answer it with 413.
func ErrTooLarge(max int64) *apperr.Error {
	mb := max >> 20
	return apperr.New(apperr.TooLarge, "file",
		"Tệp quá lớn: tối đa "+itoa(mb)+" MB mỗi tệp",
		"The file is too large: at most "+itoa(mb)+" MB per file")
}

// ErrEmpty is the error of an upload with no bytes.
func ErrEmpty() *apperr.Error {
	return apperr.New(apperr.Invalid, "file", "Tệp rỗng: hãy chọn một tệp có nội dung", "The file is empty")
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

// NotFound is the error of a file that does not exist or that the caller
// may not see: the same answer, so that an id says nothing of another
// agency's files.
func NotFound(id int64) *apperr.Error {
	return apperr.NotFoundf("Không tìm thấy tệp số %d", "No file %d", id)
}
