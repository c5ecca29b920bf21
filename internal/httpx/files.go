package httpx

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/blob"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/fold"
	"congvu/internal/investment"
	"congvu/internal/work"
)

// FileStore keeps the files' rows (store/file.go); the bytes are Deps.Files'.
type FileStore interface {
	CreateFile(ctx context.Context, actor audit.Actor, f file.File) (file.File, error)
	FindFileByID(ctx context.Context, id int64) (file.File, []file.Link, error)
	FindFileLinks(ctx context.Context, kind, recordID string) ([]file.Link, error)
	FindFileLink(ctx context.Context, id int64) (file.Link, error)
	AttachFile(ctx context.Context, actor audit.Actor, l file.Link) (file.Link, error)
	RemoveFileLink(ctx context.Context, actor audit.Actor, id int64) (file.Link, error)
	// The record's change and its files in one transaction (records refer
	// to uploaded files by id).
	ReceiveDossierWithFiles(ctx context.Context, actor audit.Actor, in dossier.Intake, links []file.Link) (dossier.Record, string, error)
	RecordDossierEventWithFiles(ctx context.Context, actor audit.Actor, checked dossier.Record, expectedVersion int, ev dossier.Event,
		links []file.Link) (dossier.Record, []file.Link, error)
	RecordTaskEventWithFiles(ctx context.Context, actor audit.Actor, checked work.TaskWithHistory, expectedVersion int, ev work.Event,
		links []file.Link) (work.TaskWithHistory, work.Event, []file.Link, error)
	JournalFileDownload(ctx context.Context, actor audit.Actor, f file.File, inline bool) error
}

// FileActor is who a subject is in the journal.
func FileActor(s *auth.Subject) audit.Actor {
	return audit.Actor{PersonID: s.PersonID, Name: s.Name, AgencyID: s.AgencyID}
}

// MaxFileBytes is the size limit of one upload (--file-max-mb).
func (d Deps) MaxFileBytes() int64 {
	if d.Config.FileMaxMB > 0 {
		return int64(d.Config.FileMaxMB) << 20
	}
	return file.DefaultMaxBytes
}

// SaveUpload keeps one uploaded file: its bytes are spooled to a temporary
// file while hashed and counted (over the limit: file.ErrTooLarge), its type
// decided from them (file.ErrUnsupported), the blob stored durably, and
// only then the row written, journalled. A failure at any step leaves no
// row; a blob stored without its row is never served.
func (d Deps) SaveUpload(ctx context.Context, s *auth.Subject, name string, body io.Reader) (file.File, error) {
	return d.saveUpload(ctx, FileActor(s), s.AgencyID, s.PersonID, name, body)
}

// saveUpload is SaveUpload for an uploader of the agency, journalled as
// actor; uploadedBy is 0 for the applicant (ApplicantActor).
func (d Deps) saveUpload(ctx context.Context, actor audit.Actor, agencyID, uploadedBy int64, name string, body io.Reader) (file.File, error) {
	if d.Files == nil {
		return file.File{}, apperr.New(apperr.Internal, "", "Chưa cấu hình nơi lưu tệp", "No file store is configured")
	}
	tmp, err := os.CreateTemp("", "congvu-upload-*")
	if err != nil {
		return file.File{}, fmt.Errorf("spool upload: %w", err)
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	max := d.MaxFileBytes()
	h := sha256.New()
	// Written in large pieces: the multipart body comes in pieces of 4 KB,
	// and a write of each is thousands of system calls for a 10 MB file,
	// taken from the other requests (BENCHMARKS.md, "The portal over HTTP").
	spool := bufio.NewWriterSize(tmp, 256<<10)
	n, err := io.Copy(io.MultiWriter(spool, h), io.LimitReader(body, max+1))
	if err == nil {
		if err = spool.Flush(); err != nil {
			return file.File{}, fmt.Errorf("spool upload: %w", err)
		}
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return file.File{}, file.ErrTooLarge(max)
	case err != nil:
		return file.File{}, apperr.Invalidf("file", "Không nhận được trọn tệp: %v", "The file did not arrive whole: %v", err)
	case n > max:
		return file.File{}, file.ErrTooLarge(max)
	case n == 0:
		return file.File{}, file.ErrEmpty()
	}
	ct, err := file.Sniff(tmp, n)
	if err != nil {
		return file.File{}, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if err := d.Files.Put(ctx, sum, tmp, n); err != nil {
		return file.File{}, fmt.Errorf("store file: %w", err)
	}
	return d.Store.CreateFile(ctx, actor, file.File{SHA256: sum, Name: file.CleanName(name), Size: n,
		ContentType: ct, AgencyID: agencyID, UploadedBy: uploadedBy})
}

// RecordReader is the read policy of each kind of record a file may be
// attached to, for file.CanRead: the dossier's, the task's, the plan's own.
func (d Deps) RecordReader(ctx context.Context, s *auth.Subject) func(file.Link) error {
	return func(l file.Link) error {
		if s == nil {
			return file.NotFound(l.FileID)
		}
		tree, err := d.Store.Tree(ctx)
		if err != nil {
			return err
		}
		switch l.Kind {
		case file.KindDossier:
			rec, err := d.Store.FindDossierByCode(ctx, l.RecordID)
			if err != nil {
				return err
			}
			return dossier.CanView(s, tree, d.Policy, rec.State, rec.Procedure)
		case file.KindTask:
			id, _ := strconv.ParseInt(l.RecordID, 10, 64)
			t, err := d.Store.FindTaskByID(ctx, id)
			if err != nil {
				return err
			}
			return work.CanView(s, tree, d.Policy, t.Task)
		case file.KindPlan:
			id, _ := strconv.ParseInt(l.RecordID, 10, 64)
			p, err := d.Store.FindPlanByID(ctx, id)
			if err != nil {
				return err
			}
			return d.Policy.Authorize(s, tree, work.ViewTask, auth.Resource{UnitID: p.Plan.OwnerUnitID})
		case file.KindProject:
			id, _ := strconv.ParseInt(l.RecordID, 10, 64)
			p, err := d.Store.FindProjectByID(ctx, id)
			if err != nil {
				return err
			}
			inv, err := d.Store.FindInvestorByID(ctx, p.InvestorID)
			if err != nil {
				return err
			}
			return investment.CanViewProject(d.Policy, s, tree, p, inv)
		}
		return file.NotFound(l.FileID)
	}
}

// ReadableFile is the file id if s may read it; file.NotFound otherwise.
func (d Deps) ReadableFile(ctx context.Context, s *auth.Subject, id int64) (file.File, error) {
	f, links, err := d.Store.FindFileByID(ctx, id)
	if err != nil {
		return f, err
	}
	if s == nil {
		return f, file.NotFound(id)
	}
	return f, file.CanRead(s.PersonID, f, links, d.RecordReader(ctx, s))
}

// fileCSP is what a served file may do in the browser: nothing but be
// shown (no script, no form, no connection, not framed elsewhere). Images
// are sandboxed too; a PDF is not, since browsers refuse to show a PDF in
// a sandboxed document, and their PDF viewers run no page script anyway.
const fileCSP = "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"

func fileCSPFor(contentType string) string {
	if contentType == file.PDF {
		return fileCSP
	}
	return fileCSP + "; sandbox"
}

// ServeFile sends f, journalled: as an attachment under its Vietnamese name
// (RFC 5987 filename*), or inline when inline is asked for and the type is
// one a browser shows without running anything (PDF, images).
func (d Deps) ServeFile(w http.ResponseWriter, r *http.Request, s *auth.Subject, f file.File, inline bool) error {
	return d.serveFile(w, r, FileActor(s), f, inline)
}

// serveFile is ServeFile journalled as actor.
func (d Deps) serveFile(w http.ResponseWriter, r *http.Request, actor audit.Actor, f file.File, inline bool) error {
	if d.Files == nil {
		return apperr.New(apperr.Internal, "", "Chưa cấu hình nơi lưu tệp", "No file store is configured")
	}
	inline = inline && file.Previewable(f.ContentType)
	rc, err := d.Files.Open(r.Context(), f.SHA256)
	if errors.Is(err, blob.ErrNotFound) {
		return fmt.Errorf("file %d: blob %s is missing", f.ID, f.SHA256)
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := d.Store.JournalFileDownload(r.Context(), actor, f, inline); err != nil {
		return err
	}
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", ContentDisposition(disp, f.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", fileCSPFor(f.ContentType))
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+f.SHA256+`"`)
	http.ServeContent(w, r, "", f.UploadedAt, rc)
	return nil
}

// ContentDisposition is the header value naming a file: an ASCII fallback
// for old clients (diacritics dropped) and the UTF-8 name (RFC 5987/6266).
func ContentDisposition(disp, name string) string {
	var ascii strings.Builder
	for _, r := range fold.String(name) {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			ascii.WriteByte('_')
			continue
		}
		ascii.WriteRune(r)
	}
	v := mime.FormatMediaType(disp, map[string]string{"filename": ascii.String()})
	if v == "" {
		v = disp
	}
	return v + "; filename*=UTF-8''" + url.PathEscape(name)
}
