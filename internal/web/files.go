package web

import (
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/httpx"
)

// The pages of the file store (tệp đính kèm): a download (or a preview of
// a PDF or an image), and a dossier's attachments. Uploads come with the
// forms they belong to (multipart/form-data with the CSRF field, as every
// form): the intake form, a dossier's page.

// maxFilesPerForm bounds how many files one form may carry: the scans of
// a dossier's checklist.
const maxFilesPerForm = 20

// formLimit is the most a request body may hold: a form, or for the
// forms that take files (takesFiles) a multipart form with up to
// maxFilesPerForm files of the size limit each. Other pages keep the small
// limit, so that no page spools hundreds of megabytes it does not want.
func (s *Server) formLimit(r *http.Request) int64 {
	if isMultipart(r) && takesFiles(r) {
		return maxFilesPerForm*s.deps.MaxFileBytes() + maxFormBytes
	}
	return maxFormBytes
}

// takesFiles says whether the request goes to a form that carries files:
// the intake (POST /dossiers), a record's upload (POST …/files) and a
// project's change with its decision (POST /projects/{code}/events).
func takesFiles(r *http.Request) bool {
	return r.Method == http.MethodPost && (r.URL.Path == "/dossiers" || r.URL.Path == "/violations" || r.URL.Path == "/tra-cuu/bo-sung" || strings.HasSuffix(r.URL.Path, "/files") || strings.HasSuffix(r.URL.Path, "/images") ||
		strings.HasSuffix(r.URL.Path, "/events") || investmentFileForm(r.URL.Path)) // an answer or a report carries its file
}

func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

// parseMultipart reads a multipart form before the CSRF check needs its
// field, keeping at most 1 MB in memory (the files go to temporary ones).
func (s *Server) parseMultipart(r *http.Request) error {
	if !isMultipart(r) || safeMethod(r.Method) {
		return nil
	}
	err := r.ParseMultipartForm(maxFormBytes)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return apperr.New(apperr.TooLarge, "file", T("vi", "files.err.form_too_large", maxFilesPerForm, s.deps.MaxFileBytes()>>20),
			T("en", "files.err.form_too_large", maxFilesPerForm, s.deps.MaxFileBytes()>>20))
	case err != nil:
		return invalid("", "err.form")
	}
	return nil
}

func cleanMultipart(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
	}
}

// formFile is the file chosen in a form's field, nil when none was.
func formFile(r *http.Request, field string) *multipart.FileHeader {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return nil
	}
	fh := r.MultipartForm.File[field][0]
	if fh.Filename == "" && fh.Size == 0 {
		return nil // an input left empty
	}
	return fh
}

// saveFormFile keeps a file of a form, its errors naming field.
func (s *Server) saveFormFile(r *http.Request, field string, fh *multipart.FileHeader) (file.File, error) {
	f, err := fh.Open()
	if err != nil {
		return file.File{}, fmt.Errorf("open uploaded file: %w", err)
	}
	defer f.Close()
	up, err := s.deps.SaveUpload(r.Context(), httpx.SubjectFrom(r.Context()), fh.Filename, f)
	if e := apperr.As(err); e != nil && e.Code != apperr.Internal {
		c := *e
		c.Field = field
		c.VI, c.EN = fh.Filename+": "+c.VI, fh.Filename+": "+c.EN
		return up, &c
	}
	return up, err
}

// handleFileDownload sends a file the user may read (file.CanRead: the
// uploader's until attached, then the record's readers); others get 404.
func (s *Server) handleFileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return file.NotFound(0)
	}
	sub := httpx.SubjectFrom(r.Context())
	f, err := s.deps.ReadableFile(r.Context(), sub, id)
	if err != nil {
		return err
	}
	return s.deps.ServeFile(w, r, sub, f, r.URL.Query().Get("inline") == "1")
}

// Attachments is the list of a record's files with, for those who may
// change the record, the form to add one and a button to remove each.
type Attachments struct {
	*BasePage
	Items  []AttachmentRow
	Action string       // where the upload form posts; empty when the user may not change the record
	Slots  []SlotOption // what a new file may be to the record
	MaxMB  int64        // the size limit, for the hint
}

// AttachmentRow is one attached file, as listed.
type AttachmentRow struct {
	ID          int64
	Name        string
	Size        string // "1,2 MB"
	Type        string // "PDF"
	Slot        string
	Href        string
	PreviewHref string // empty unless a PDF or an image
	Removed     string // when it was removed, empty while attached
	RemoveHref  string // empty when the user may not remove it
}

// SlotOption is a choice of what a file is to its record.
type SlotOption struct{ Value, Label string }

// fmtSize writes a size the Vietnamese way: 820 byte, 35 KB, 1,2 MB.
func fmtSize(n int64) string {
	switch {
	case n < 1024:
		return fmtNum(n) + " byte"
	case n < 1<<20:
		return fmtNum((n+512)>>10) + " KB"
	}
	tenths := (n*10 + 1<<19) >> 20
	return fmtNum(tenths/10) + "," + strconv.FormatInt(tenths%10, 10) + " MB"
}

// slotLabel names what a file is to its record; docs are the dossier's
// received documents, for the checklist's lines.
func slotLabel(lang, slot string, docs []dossier.Document) string {
	if n := file.ChecklistLine(slot); n > 0 {
		if n <= len(docs) {
			return T(lang, "files.slot.doc", docs[n-1].Name)
		}
		return T(lang, "files.slot.docn", n)
	}
	if strings.HasPrefix(slot, file.SlotEvidence) {
		slot = file.SlotEvidence
	}
	return T(lang, "files.slot."+slot)
}

// attachments lists a record's files; action, when not empty, is where
// the user may post new ones (and remove the attached ones).
func (s *Server) attachments(r *http.Request, b *BasePage, kind, recordID, action string, slots []string, docs []dossier.Document) (*Attachments, error) {
	return s.attachmentsNamed(r, b, kind, recordID, action, slots, func(slot string) string { return slotLabel(b.Lang, slot, docs) })
}

// attachmentsNamed is attachments with the slots named by label.
func (s *Server) attachmentsNamed(r *http.Request, b *BasePage, kind, recordID, action string, slots []string, label func(string) string) (*Attachments, error) {
	links, err := s.deps.Store.FindFileLinks(r.Context(), kind, recordID)
	if err != nil {
		return nil, err
	}
	a := &Attachments{BasePage: b, Action: action, MaxMB: s.deps.MaxFileBytes() >> 20}
	for _, l := range links {
		row := AttachmentRow{ID: l.ID, Name: l.File.Name, Size: fmtSize(l.File.Size), Type: file.Types[l.File.ContentType],
			Slot: label(l.Slot), Href: fmt.Sprintf("/files/%d", l.FileID)}
		if file.Previewable(l.File.ContentType) {
			row.PreviewHref = row.Href + "?inline=1"
		}
		if l.RemovedAt != nil {
			row.Removed = fmtTime(*l.RemovedAt)
		} else if action != "" {
			row.RemoveHref = fmt.Sprintf("%s/%d/remove", action, l.ID)
		}
		a.Items = append(a.Items, row)
	}
	for _, sl := range slots {
		a.Slots = append(a.Slots, SlotOption{Value: sl, Label: label(sl)})
	}
	return a, nil
}

// dossierSlots are what a file may be to a dossier: the scan of one of
// its documents, its result, a supplement, a decision.
func dossierSlots(rec dossier.Record) []string {
	var out []string
	for i := range rec.Documents {
		out = append(out, file.ChecklistSlot(i+1))
	}
	return append(out, file.SlotResult, file.SlotSupplement, file.SlotDecision)
}

// changeableDossier is the dossier of the path if the user may see it and
// act at its current step, the rule for attaching files to it.
func (s *Server) changeableDossier(r *http.Request) (dossier.Record, error) {
	code, err := dossierCode(r)
	if err != nil {
		return dossier.Record{}, err
	}
	sub, tree, rec, err := s.visibleDossier(r, code)
	if err != nil {
		return rec, err
	}
	return rec, dossier.CanAct(sub, tree, s.deps.Policy, rec.State, rec.Procedure, dossier.Complete)
}

// fileRecord is a record files are attached to, for the generic upload
// and removal handlers: its kind and id, and the page to go back to.
type fileRecord struct {
	kind, id, page string
}

// attachTo keeps the file of the form and attaches it to rec in the slot
// the form names; the caller has checked that the user may change rec.
func (s *Server) attachTo(w http.ResponseWriter, r *http.Request, rec fileRecord) error {
	slot := r.PostFormValue("slot")
	if err := file.ValidateSlot(rec.kind, slot); err != nil {
		return err
	}
	fh := formFile(r, "file")
	if fh == nil {
		return invalid("file", "files.err.none")
	}
	up, err := s.saveFormFile(r, "file", fh)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(r.Context())
	if _, err := s.deps.Store.AttachFile(r.Context(), actor(sub), file.Link{FileID: up.ID, Kind: rec.kind, RecordID: rec.id, Slot: slot}); err != nil {
		return err
	}
	s.flash(w, "flash.file.attached", up.Name)
	return redirect(w, r, rec.page+"#files")
}

// removeFrom takes the attachment named by the path's idParam off rec,
// after the confirmation the page asks for; journalled in rec's history.
func (s *Server) removeFrom(w http.ResponseWriter, r *http.Request, rec fileRecord, idParam string) error {
	id, err := strconv.ParseInt(r.PathValue(idParam), 10, 64)
	notFound := apperr.NotFoundf("Không tìm thấy tệp đính kèm", "No such attachment")
	if err != nil || id <= 0 {
		return notFound
	}
	l, err := s.deps.Store.FindFileLink(r.Context(), id)
	if err != nil {
		return err
	}
	if l.Kind != rec.kind || l.RecordID != rec.id {
		return notFound
	}
	if err := confirmed(r); err != nil {
		return err
	}
	if _, err := s.deps.Store.RemoveFileLink(r.Context(), actor(httpx.SubjectFrom(r.Context())), id); err != nil {
		return err
	}
	s.flash(w, "flash.file.removed", l.File.Name)
	return redirect(w, r, rec.page+"#files")
}

func dossierFiles(rec dossier.Record) fileRecord {
	return fileRecord{kind: file.KindDossier, id: rec.Code, page: "/dossiers/" + rec.Code}
}

// handleDossierFileUpload attaches the file of the form to the dossier.
func (s *Server) handleDossierFileUpload(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.changeableDossier(r)
	if err != nil {
		return err
	}
	return s.attachTo(w, r, dossierFiles(rec))
}

// handleDossierFileRemove takes a file off the dossier.
func (s *Server) handleDossierFileRemove(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.changeableDossier(r)
	if err != nil {
		return err
	}
	return s.removeFrom(w, r, dossierFiles(rec), "id")
}
