package httpx_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/blob"
	"congvu/internal/blob/blobtest"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// uploader is a person of a fresh agency, as the subject of uploads.
var agencies int

func uploader(t *testing.T, db *store.DB) *auth.Subject { return uploaderTB(t, db) }

func uploaderTB(t testing.TB, db *store.DB) *auth.Subject {
	t.Helper()
	agencies++
	ctx := context.Background()
	sys := audit.System("test")
	a, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: fmt.Sprintf("000.15.%02d.H27", agencies), Name: "Sở Kế hoạch và Đầu tư", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: a.ID, FullName: "Nguyễn Thị Ánh"})
	if err != nil {
		t.Fatal(err)
	}
	return &auth.Subject{PersonID: p.ID, Name: p.FullName, AgencyID: a.ID}
}

// failingRows is the database refusing the row after the blob is written,
// as a crash between the two steps would leave it.
type failingRows struct{ *store.DB }

var errCrash = errors.New("crash before the row")

func (failingRows) CreateFile(context.Context, audit.Actor, file.File) (file.File, error) {
	return file.File{}, errCrash
}

func countUploads(t *testing.T, db *store.DB) int {
	evs, err := db.FindAuditEvents(context.Background(), audit.Filter{ObjectType: "file"})
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// TestSaveUpload runs the file store's suite on each engine for the rows
// and each place for the bytes (a directory; the S3 test server when set).
func TestSaveUpload(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		t.Run("dir", func(t *testing.T) {
			dir := t.TempDir()
			l, err := blob.NewLocal(dir)
			if err != nil {
				t.Fatal(err)
			}
			uploadSuite(t, db, l)
			crashSuite(t, db, l)
			// The same content uploaded twice is stored once.
			var blobs int
			filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
				if err == nil && !fi.IsDir() && filepath.Base(filepath.Dir(p)) != "tmp" {
					blobs++
				}
				return nil
			})
			if blobs != 2 { // the PDF, and the PNG of crashSuite's last step
				t.Errorf("%d blobs in the directory, want 2 (one per distinct content)", blobs)
			}
		})
		t.Run("database", func(t *testing.T) {
			uploadSuite(t, db, db.Blobs())
		})
		t.Run("s3", func(t *testing.T) {
			uploadSuite(t, db, blobtest.S3(t))
		})
	})
}

func uploadSuite(t *testing.T, db *store.DB, bs blob.Store) {
	ctx := context.Background()
	s := uploader(t, db)
	d := httpx.Deps{Store: db, Files: bs}
	pdf := filetest.PDF(t)
	f1, err := d.SaveUpload(ctx, s, "Đơn đề nghị.pdf", bytes.NewReader(pdf))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	f2, err := d.SaveUpload(ctx, s, "bản sao.pdf", bytes.NewReader(pdf))
	if err != nil || f2.SHA256 != f1.SHA256 || f2.ID == f1.ID || f1.ContentType != file.PDF || f1.Size != int64(len(pdf)) {
		t.Fatalf("second upload of the same bytes: %v %+v %+v", err, f1, f2)
	}
	if got, err := d.ReadableFile(ctx, s, f1.ID); err != nil || got.Name != "Đơn đề nghị.pdf" {
		t.Errorf("the uploader reads their file: %v %+v", err, got)
	}
	other := &auth.Subject{PersonID: s.PersonID + 1000, AgencyID: s.AgencyID}
	if _, err := d.ReadableFile(ctx, other, f1.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("someone else reads a file attached nowhere: %v", err)
	}
	before := countUploads(t, db)
	if _, err := d.SaveUpload(ctx, s, "trang.html", bytes.NewReader([]byte("<html><script>alert(1)</script>"))); !apperr.Is(err, apperr.Unsupported) {
		t.Errorf("html: %v, want unsupported", err)
	}
	d.Config.FileMaxMB = 1
	big := append(filetest.PNG(t), make([]byte, 1<<20)...)
	if _, err := d.SaveUpload(ctx, s, "ảnh.png", bytes.NewReader(big)); !apperr.Is(err, apperr.TooLarge) {
		t.Errorf("over 1 MB: %v, want too large", err)
	}
	if _, err := d.SaveUpload(ctx, s, "rỗng.pdf", bytes.NewReader(nil)); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("empty: %v, want invalid", err)
	}
	if n := countUploads(t, db); n != before {
		t.Errorf("refused uploads left %d rows", n-before)
	}
}

// crashSuite stops an upload at each step of the blob's write and between
// the blob and the row: no row is ever left without its bytes, and bytes
// without a row are never served (files are served through their row).
func crashSuite(t *testing.T, db *store.DB, l *blob.Local) {
	ctx := context.Background()
	s := uploader(t, db)
	png := filetest.PNG(t)
	crash := errors.New("crash")
	for _, step := range []string{"write", "sync", "rename", "syncdir"} {
		before := countUploads(t, db)
		l.Fault = func(at string) error {
			if at == step {
				return crash
			}
			return nil
		}
		_, err := httpx.Deps{Store: db, Files: l}.SaveUpload(ctx, s, "ảnh.png", bytes.NewReader(png))
		if !errors.Is(err, crash) {
			t.Fatalf("crash at %s: %v", step, err)
		}
		if n := countUploads(t, db); n != before {
			t.Errorf("a crash at %s left a row", step)
		}
	}
	l.Fault = nil
	before := countUploads(t, db)
	_, err := httpx.Deps{Store: failingRows{db}, Files: l}.SaveUpload(ctx, s, "ảnh.png", bytes.NewReader(png))
	if !errors.Is(err, errCrash) || countUploads(t, db) != before {
		t.Fatalf("a crash before the row: %v, rows %d → %d", err, before, countUploads(t, db))
	}
	// The next upload of the same bytes finds the blob and gets its row.
	f, err := httpx.Deps{Store: db, Files: l}.SaveUpload(ctx, s, "ảnh.png", bytes.NewReader(png))
	if err != nil || f.ContentType != file.PNG {
		t.Fatalf("upload after the crash: %v %+v", err, f)
	}
}
