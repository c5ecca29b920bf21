package httpx

import (
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/file"
)

// What the applicant does online from the public lookup page (issue 15
// item 4), for whoever holds the dossier's code and lookup secret: send
// the supplement a supplement request (status 5) asked for, and download
// the result of a resolved dossier whose procedure delivers it online.
// The web page and the API both call these, so that both check the same.

// ApplicantStore is what the applicant's online services need beyond the
// dossiers and files: the signed download links (store/lookup_link.go).
type ApplicantStore interface {
	SignResultLink(code string, fileID int64, until time.Time) string
	OpenResultLink(token string, now time.Time) (string, int64, error)
}

// ApplicantName is how the dossier's history and the journal name the
// applicant acting online: no member of staff, so no person id.
const ApplicantName = "Người nộp hồ sơ (trực tuyến)"

// ApplicantActor is the applicant acting online on a dossier of the agency.
func ApplicantActor(agencyID int64) audit.Actor {
	return audit.Actor{Name: ApplicantName, AgencyID: agencyID}
}

// MaxApplicantFiles bounds the files of one supplement.
const MaxApplicantFiles = 10

// ResultLinkLife is how long a result download link works: long enough to
// click, short enough that a link copied from a shared screen is soon dead.
const ResultLinkLife = 15 * time.Minute

// applicantTypes are what an applicant may send: scans and photographs.
var applicantTypes = map[string]bool{file.PDF: true, file.JPEG: true, file.PNG: true}

// ErrApplicantType is the 415 of an applicant's file of another type.
func ErrApplicantType(name string) *apperr.Error {
	return apperr.New(apperr.Unsupported, "files", name+": chỉ nhận tệp PDF, JPEG hoặc PNG (loại tệp được xác định theo nội dung)",
		name+": only PDF, JPEG or PNG files are accepted (the type is told from the content)")
}

// errNotSupplement is the 409 of a supplement for a dossier that waits for none.
func errNotSupplement(st dossier.Status) *apperr.Error {
	return apperr.New(apperr.Conflict, "", "Hồ sơ đang ở trạng thái «"+st.Label("vi")+"»: không có yêu cầu bổ sung nào đang chờ, nên không thể nộp bổ sung trực tuyến",
		"The dossier is "+strings.ToLower(st.Label("en"))+": no supplement is awaited, so none can be sent online")
}

// checkApplicantFiles checks every file before any is kept: one at least,
// at most MaxApplicantFiles, each within the size limit, not empty and
// of a type told from its bytes among PDF, JPEG and PNG.
func (d Deps) checkApplicantFiles(files []*multipart.FileHeader) error {
	if len(files) == 0 {
		return apperr.New(apperr.Invalid, "files", "Vui lòng chọn ít nhất một tệp giấy tờ bổ sung (PDF, JPEG hoặc PNG)",
			"Please choose at least one document to send (PDF, JPEG or PNG)")
	}
	if len(files) > MaxApplicantFiles {
		return apperr.Invalidf("files", "Mỗi lần nộp tối đa %d tệp", "At most %d files at a time", MaxApplicantFiles)
	}
	max := d.MaxFileBytes()
	for _, fh := range files {
		name := file.CleanName(fh.Filename)
		if fh.Size > max {
			e := *file.ErrTooLarge(max)
			e.Field, e.VI, e.EN = "files", name+": "+e.VI, name+": "+e.EN
			return &e
		}
		if fh.Size == 0 {
			e := *file.ErrEmpty()
			e.Field, e.VI, e.EN = "files", name+": "+e.VI, name+": "+e.EN
			return &e
		}
		f, err := fh.Open()
		if err != nil {
			return fmt.Errorf("open uploaded file: %w", err)
		}
		ct, err := file.Sniff(f, fh.Size)
		f.Close()
		if apperr.CodeOf(err) == apperr.Unsupported || err == nil && !applicantTypes[ct] {
			return ErrApplicantType(name)
		}
		if err != nil {
			return fmt.Errorf("sniff uploaded file: %w", err)
		}
	}
	return nil
}

// SupplementOnline records the supplement the applicant sends from the
// lookup page. As when the desk receives papers brought to the counter
// (receive_supplement with the files in the event's transaction), it is
// the supplement received: the dossier goes back to its step, 5 → 4, the
// clock resumes, and the handler of the step is told (notify's
// "supplement received"), who may ask again if the papers do not do. The
// files are checked before any is kept; the event and its links are one
// transaction. Errors: NotFound for a wrong code or secret, Conflict when
// the dossier waits for no supplement, Invalid, TooLarge, Unsupported.
func (d Deps) SupplementOnline(ctx context.Context, code, secret, note string, files []*multipart.FileHeader) (dossier.Record, []file.Link, error) {
	rec, err := d.Store.LookupDossier(ctx, code, secret)
	if err != nil {
		return rec, nil, err
	}
	if rec.State.Status != dossier.StatusSupplement {
		return rec, nil, errNotSupplement(rec.State.Status)
	}
	if note, err = apperr.Text("note", note, 0, 1000); err != nil {
		return rec, nil, err
	}
	if err := d.checkApplicantFiles(files); err != nil {
		return rec, nil, err
	}
	actor := ApplicantActor(rec.AgencyID)
	var links []file.Link
	for _, fh := range files {
		f, err := fh.Open()
		if err != nil {
			return rec, nil, fmt.Errorf("open uploaded file: %w", err)
		}
		up, err := d.saveUpload(ctx, actor, rec.AgencyID, 0, fh.Filename, f)
		f.Close()
		if err != nil {
			return rec, nil, err
		}
		links = append(links, file.Link{FileID: up.ID, Slot: file.SlotSupplement})
	}
	ev := dossier.Event{Action: dossier.ReceiveSupplement, Note: note}
	if ev.Note == "" {
		ev.Note = "Nộp bổ sung trực tuyến qua trang tra cứu hồ sơ"
	}
	if cur, ok := rec.State.Current(); ok {
		ev.UnitID = cur.UnitID
	}
	out, attached, err := d.Store.RecordDossierEventWithFiles(ctx, actor, rec, rec.State.Version, ev, links)
	if err != nil {
		return rec, nil, err // the dossier as looked up, for the page that shows the error
	}
	return out, attached, nil
}

// ResultFile is a result document the applicant may download, with its
// short-lived link's token.
type ResultFile struct {
	File    file.File
	Token   string
	Expires time.Time
}

// OnlineResults lists the result documents of a resolved dossier (status 9
// or 10) whose procedure delivers the result online, each with a signed
// link valid for ResultLinkLife. Errors: NotFound for a wrong code or
// secret, Conflict when the dossier has no result yet or its procedure
// keeps the result at the desk.
func (d Deps) OnlineResults(ctx context.Context, code, secret string) (dossier.Record, []ResultFile, error) {
	rec, err := d.Store.LookupDossier(ctx, code, secret)
	if err != nil {
		return rec, nil, err
	}
	out, err := d.resultFiles(ctx, rec)
	return rec, out, err
}

// resultFiles are rec's result documents with their links; rec was found
// with its secret.
func (d Deps) resultFiles(ctx context.Context, rec dossier.Record) ([]ResultFile, error) {
	if err := resultDeliverable(rec); err != nil {
		return nil, err
	}
	links, err := d.Store.FindFileLinks(ctx, file.KindDossier, rec.Code)
	if err != nil {
		return nil, err
	}
	until := d.Now().Add(ResultLinkLife)
	out := []ResultFile{}
	for _, l := range links {
		if l.Live() && l.Slot == file.SlotResult {
			out = append(out, ResultFile{File: l.File, Token: d.Store.SignResultLink(rec.Code, l.FileID, until), Expires: until})
		}
	}
	return out, nil
}

// ResultFilesOf is resultFiles for a page that has just looked rec up
// with its secret: none, without an error, when the result is not
// delivered online.
func (d Deps) ResultFilesOf(ctx context.Context, rec dossier.Record) ([]ResultFile, error) {
	if resultDeliverable(rec) != nil {
		return nil, nil
	}
	return d.resultFiles(ctx, rec)
}

// resultDeliverable says whether rec's result may be downloaded online.
func resultDeliverable(rec dossier.Record) error {
	st := rec.State.Status
	if st != dossier.StatusResolved && st != dossier.StatusReturned {
		return apperr.New(apperr.Conflict, "", "Hồ sơ đang ở trạng thái «"+st.Label("vi")+"»: chưa có kết quả để tải về",
			"The dossier is "+strings.ToLower(st.Label("en"))+": there is no result to download yet")
	}
	if !rec.Procedure.OnlineResult {
		return apperr.New(apperr.Conflict, "", "Thủ tục này trả kết quả tại Bộ phận tiếp nhận và trả kết quả, không trả trực tuyến",
			"This procedure's result is handed over at the desk, not online")
	}
	return nil
}

// ServeOnlineResult sends the result document a link of OnlineResults
// names, as an attachment (nosniff, journalled as the applicant's
// download). The dossier must still deliver it: resolved, its procedure
// delivering online, the file still attached as its result. Errors:
// NotFound for a bad or expired link or a file no longer its result.
func (d Deps) ServeOnlineResult(w http.ResponseWriter, r *http.Request, token string) error {
	code, id, err := d.Store.OpenResultLink(token, d.Now())
	if err != nil {
		return err
	}
	rec, err := d.Store.FindDossierByCode(r.Context(), code)
	if err != nil {
		return err
	}
	if err := resultDeliverable(rec); err != nil {
		return file.NotFound(id)
	}
	links, err := d.Store.FindFileLinks(r.Context(), file.KindDossier, rec.Code)
	if err != nil {
		return err
	}
	for _, l := range links {
		if l.FileID == id && l.Live() && l.Slot == file.SlotResult {
			return d.serveFile(w, r, ApplicantActor(rec.AgencyID), l.File, false)
		}
	}
	return file.NotFound(id)
}
