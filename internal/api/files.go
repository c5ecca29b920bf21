package api

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/httpx"
)

// fileRoutes are the file store's operations (tệp đính kèm): upload, read,
// and a dossier's attachments. A file uploaded and not yet attached is its
// uploader's alone; once attached it is read under the record's own rule.
func (s *Server) fileRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/files", ID: "uploadFile", Tag: "files",
			Access: access.Login().Note("the file is visible to its uploader only, until it is attached to a record"),
			Summary: "Upload a file (multipart/form-data, field \"file\"): PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS, its type decided from its bytes (415 otherwise), " +
				"at most --file-max-mb (20 MB by default; 413 over it). The bytes are kept once per SHA-256, written durably before the row; journalled.",
			Upload: true, Response: fileResponse{}, Status: http.StatusCreated, Handle: s.handleFileUpload},
		{Method: "GET", Pattern: "/api/v1/files/{id}", ID: "getFile", Tag: "files",
			Access: access.May("dossier.view", dossierViewGrants).Or("uploader").
				Note("checked with a file attached to a dossier; a file follows the rule of the record it is attached to (dossier, task, plan), one attached nowhere is its uploader's only; invisible is 404"),
			Summary: "Download a file, as an attachment under its name (RFC 5987 filename*), with X-Content-Type-Options: nosniff; " +
				"inline=1 shows a PDF or an image in the browser instead. Journalled.",
			Query:    []param{{"inline", "boolean", "show a PDF or an image inline (other types are always attachments)"}},
			Download: true, Status: http.StatusOK, Handle: s.handleFileDownload},
		{Method: "GET", Pattern: "/api/v1/dossiers/{code}/files", ID: "listDossierFiles", Tag: "files",
			Access:   access.May("dossier.view", dossierViewGrants),
			Summary:  "The files attached to a dossier, in the order attached, removed ones included (removed_at set).",
			Response: []attachmentResponse{}, Status: http.StatusOK, Handle: s.handleDossierFiles},
		{Method: "POST", Pattern: "/api/v1/dossiers/{code}/files", ID: "attachDossierFile", Tag: "files",
			Access: access.May("dossier.handle", "official head deputy_head director deputy_director: subtree").
				Note("whoever may act at the dossier's current step (the desk's clerk while it is at the desk); the file must be the caller's upload or one they can read"),
			Summary: "Attach an uploaded file to a dossier: slot doc:<n> (the scan of the n-th document received), result, supplement or decision. Journalled in the dossier's history.",
			Request: attachRequest{}, Response: attachmentResponse{}, Status: http.StatusCreated, Handle: s.handleDossierFileAttach},
		{Method: "DELETE", Pattern: "/api/v1/dossiers/{code}/files/{id}", ID: "removeDossierFile", Tag: "files",
			Access: access.May("dossier.handle", "official head deputy_head director deputy_director: subtree").
				Note("as attaching; the link ends, the file stays in the dossier's history"),
			Summary:  "Take a file off a dossier (id: the attachment's): journalled in the dossier's history; the file stays readable there. 409 when removed already.",
			Response: attachmentResponse{}, Status: http.StatusOK, Handle: s.handleDossierFileRemove},
	}
}

// fileResponse is an uploaded file.
type fileResponse struct {
	ID          int64  `json:"id"`
	SHA256      string `json:"sha256"`
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

func toFileResponse(f file.File) fileResponse {
	return fileResponse{ID: f.ID, SHA256: f.SHA256, Name: f.Name, Size: f.Size, ContentType: f.ContentType}
}

// attachmentResponse is a file's place in a record.
type attachmentResponse struct {
	ID         int64        `json:"id"`
	File       fileResponse `json:"file"`
	Slot       string       `json:"slot"`
	AttachedBy int64        `json:"attached_by"`
	AttachedAt string       `json:"attached_at"`
	RemovedBy  int64        `json:"removed_by,omitempty"`
	RemovedAt  string       `json:"removed_at,omitempty"`
}

func toAttachmentResponse(l file.Link) attachmentResponse {
	out := attachmentResponse{ID: l.ID, File: toFileResponse(l.File), Slot: l.Slot, AttachedBy: l.AttachedBy, AttachedAt: instant(l.AttachedAt)}
	if l.RemovedAt != nil {
		out.RemovedBy, out.RemovedAt = l.RemovedBy, instant(*l.RemovedAt)
	}
	return out
}

// attachRequest attaches an uploaded file to a record.
type attachRequest struct {
	FileID int64  `json:"file_id"`
	Slot   string `json:"slot" doc:"what the file is to the record. A dossier: doc:<n> (the scan of the n-th document received, from 1), result, supplement or decision; a task: report, product or decision; a plan: evidence:<target id> (a target's actual) or decision"`
}

// Validate checks the request's shape; the slot is checked against the
// record it is attached to (attachable).
func (q *attachRequest) Validate() error {
	if q.FileID <= 0 {
		return apperr.Invalidf("file_id", "file_id: cần mã số của tệp đã tải lên (POST /api/v1/files)", "file_id: give the id of an uploaded file (POST /api/v1/files)")
	}
	q.Slot = strings.TrimSpace(q.Slot)
	return nil
}

// handleFileUpload streams the part "file" of a multipart body into the
// file store, never holding it whole in memory.
func (s *Server) handleFileUpload(w http.ResponseWriter, r *http.Request) error {
	f, err := receiveFile(w, r, s.deps)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toFileResponse(f))
}

// receiveFile reads the first part named "file" of a multipart body.
func receiveFile(w http.ResponseWriter, r *http.Request, d httpx.Deps) (file.File, error) {
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return file.File{}, withStatus(http.StatusUnsupportedMediaType, apperr.Invalidf("Content-Type",
			"Content-Type phải là multipart/form-data, có tệp trong trường \"file\"", "the Content-Type must be multipart/form-data, with the file in the field \"file\""))
	}
	// The limit plus room for the part headers; the file's own size is
	// checked exactly while it is written.
	r.Body = http.MaxBytesReader(w, r.Body, d.MaxFileBytes()+64<<10)
	// Read from the connection in large pieces (the multipart reader's own
	// are 4 KB: thousands of system calls for a 10 MB file).
	boundary := params["boundary"]
	if boundary == "" {
		return file.File{}, apperr.Invalidf("body", "Nội dung không phải multipart/form-data hợp lệ: %v", "the body is not valid multipart/form-data: %v", http.ErrMissingBoundary)
	}
	mr := multipart.NewReader(bufio.NewReaderSize(r.Body, 256<<10), boundary)
	for {
		p, err := mr.NextPart()
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return file.File{}, file.ErrTooLarge(d.MaxFileBytes())
		}
		if err == io.EOF {
			return file.File{}, apperr.Invalidf("file", "Chưa có tệp: gửi tệp trong trường \"file\"", "no file: send it in the field \"file\"")
		}
		if err != nil {
			return file.File{}, apperr.Invalidf("body", "Nội dung multipart không đọc được: %v", "the multipart body cannot be read: %v", err)
		}
		if p.FormName() != "file" {
			p.Close()
			continue
		}
		defer p.Close()
		return d.SaveUpload(r.Context(), subjectOf(r), p.FileName(), p)
	}
}

func (s *Server) handleFileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	subj := subjectOf(r)
	f, err := s.deps.ReadableFile(r.Context(), subj, id)
	if err != nil {
		return err
	}
	inline := r.URL.Query().Get("inline")
	return s.deps.ServeFile(w, r, subj, f, inline == "1" || inline == "true")
}

// fileTarget is a record files are attached to: its kind and id, and,
// for a plan, a check that an evidence slot names one of its targets.
type fileTarget struct {
	kind, id string
	slot     func(string) error // nil: any slot of the kind
}

func dossierTarget(rec dossier.Record) fileTarget {
	return fileTarget{kind: file.KindDossier, id: rec.Code}
}

// listFiles answers the files attached to a record, removed ones included.
func (s *Server) listFiles(w http.ResponseWriter, r *http.Request, tg fileTarget) error {
	links, err := s.deps.Store.FindFileLinks(r.Context(), tg.kind, tg.id)
	if err != nil {
		return err
	}
	out := make([]attachmentResponse, len(links))
	for i, l := range links {
		out[i] = toAttachmentResponse(l)
	}
	return writeJSON(w, http.StatusOK, out)
}

// attachable checks the files a request names for tg — each slot is one
// of the record's, each file the caller's upload or one they can read —
// and returns their links; field names the list in errors ("files").
func (s *Server) attachable(r *http.Request, tg fileTarget, field string, qs []attachRequest) ([]file.Link, error) {
	subj := subjectOf(r)
	links := make([]file.Link, 0, len(qs))
	for i, q := range qs {
		name := fmt.Sprintf("%s[%d]", field, i)
		if field == "" {
			name = ""
		}
		if err := q.Validate(); err != nil {
			return nil, prefixField(err, name)
		}
		if err := file.ValidateSlot(tg.kind, q.Slot); err != nil {
			return nil, prefixField(err, name)
		}
		if tg.slot != nil {
			if err := tg.slot(q.Slot); err != nil {
				return nil, prefixField(err, name)
			}
		}
		f, existing, err := s.deps.Store.FindFileByID(r.Context(), q.FileID)
		if err == nil {
			err = file.CanAttach(subj.PersonID, f, existing, s.deps.RecordReader(r.Context(), subj))
		}
		if err != nil {
			return nil, prefixField(withField(err, "file_id"), name)
		}
		links = append(links, file.Link{FileID: f.ID, Kind: tg.kind, RecordID: tg.id, Slot: q.Slot, File: f})
	}
	return links, nil
}

// prefixField puts an error's field under a list item: "file_id" in
// "files[0]" is "files[0].file_id".
func prefixField(err error, item string) error {
	if e := apperr.As(err); e != nil && item != "" {
		c := *e
		if c.Field == "" {
			c.Field = item
		} else {
			c.Field = item + "." + c.Field
		}
		return &c
	}
	return err
}

// attachFile attaches the file a request names to tg, journalled in the
// record's history.
func (s *Server) attachFile(w http.ResponseWriter, r *http.Request, tg fileTarget, q attachRequest) error {
	links, err := s.attachable(r, tg, "", []attachRequest{q})
	if err != nil {
		return err
	}
	l, err := s.deps.Store.AttachFile(r.Context(), actorOf(subjectOf(r)), links[0])
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toAttachmentResponse(l))
}

// removeFile takes attachment id off tg: the link ends, journalled in the
// record's history; an attachment of another record is 404.
func (s *Server) removeFile(w http.ResponseWriter, r *http.Request, tg fileTarget, id int64) error {
	l, err := s.deps.Store.FindFileLink(r.Context(), id)
	if err != nil {
		return err
	}
	if l.Kind != tg.kind || l.RecordID != tg.id {
		return apperr.NotFoundf("Hồ sơ không có tệp đính kèm số %d", "The record has no attachment %d", id)
	}
	if l, err = s.deps.Store.RemoveFileLink(r.Context(), actorOf(subjectOf(r)), id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toAttachmentResponse(l))
}

func (s *Server) handleDossierFiles(w http.ResponseWriter, r *http.Request) error {
	rec, _, err := s.visibleDossier(r)
	if err != nil {
		return err
	}
	return s.listFiles(w, r, dossierTarget(rec))
}

// changeableDossier is a dossier the caller may see and act on at its
// current step, the rule for attaching files to it.
func (s *Server) changeableDossier(r *http.Request) (dossier.Record, error) {
	rec, t, err := s.visibleDossier(r)
	if err != nil {
		return rec, err
	}
	return rec, dossier.CanAct(subjectOf(r), t, s.deps.Policy, rec.State, rec.Procedure, dossier.Complete)
}

func (s *Server) handleDossierFileAttach(w http.ResponseWriter, r *http.Request) error {
	var q attachRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	rec, err := s.changeableDossier(r)
	if err != nil {
		return err
	}
	return s.attachFile(w, r, dossierTarget(rec), q)
}

func (s *Server) handleDossierFileRemove(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rec, err := s.changeableDossier(r)
	if err != nil {
		return err
	}
	return s.removeFile(w, r, dossierTarget(rec), id)
}

// withField names field on an error that names none.
func withField(err error, field string) error {
	if e := apperr.As(err); e != nil && e.Field == "" {
		c := *e
		c.Field = field
		return &c
	}
	return err
}
