package httpx

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/store"
)

// Online filing (nộp hồ sơ trực tuyến, issue 15 item 4), one use case for
// the public page (web /nop-ho-so/{code}) and the API (POST
// /api/v1/public/dossiers): the request's parts are read (ReadFiling),
// then FileOnline checks the procedure, the applicant and the documents,
// keeps the bytes, and writes the dossier with its files in one
// transaction (store.FileDossierOnline), then e-mails the applicant the
// code and the lookup secret. The rate limit and the challenge are the
// callers', before and after reading the body.

// FilingStore is what online filing needs of the store.
type FilingStore interface {
	FindOnlineProcedures(ctx context.Context, code string) ([]dossier.Procedure, error)
	FileDossierOnline(ctx context.Context, f store.OnlineFiling) (dossier.Record, string, error)
}

// Mailer sends one plain-text message (jobs.SMTP's); nil sends none.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// The filing's budget per client address: FilingBurst at once, then
// FilingPerMinute (web and API share it).
const (
	FilingPerMinute = 1
	FilingBurst     = 5
)

// NewFilingLimiter is the online filing's rate limiter.
func NewFilingLimiter() *RateLimiter { return NewRateLimiter(FilingPerMinute, FilingBurst) }

// OnlineTypes are the types an applicant may send online: scans and
// photographs, never an office document or an archive.
var OnlineTypes = map[string]bool{file.PDF: true, file.JPEG: true, file.PNG: true}

// ErrOnlineType is the 415 of an online upload that is no PDF, JPEG or PNG.
func ErrOnlineType(name string) error {
	return apperr.New(apperr.Unsupported, "files",
		fmt.Sprintf("Tệp %q không được chấp nhận: nộp trực tuyến chỉ nhận PDF, JPEG hoặc PNG (loại tệp xét theo nội dung, không theo tên)", name),
		fmt.Sprintf("The file %q is not accepted: online filing takes PDF, JPEG or PNG only (the type is judged by the content, not the name)", name))
}

// Spooled is one uploaded file kept in a temporary file while the filing
// is checked: its name as sent, size, SHA-256 and type from its bytes.
type Spooled struct {
	Field       string
	Name        string
	Size        int64
	SHA256      string
	ContentType string
	tmp         *os.File
}

// Filing is a filing's request as read: its text fields and its files.
type Filing struct {
	Fields map[string]string
	Files  []*Spooled
}

// Close removes the temporary files.
func (f *Filing) Close() {
	for _, s := range f.Files {
		s.tmp.Close()
		os.Remove(s.tmp.Name())
	}
}

// maxField bounds one text part of the filing (the applicant's JSON).
const maxField = 64 << 10

// ReadFiling streams a multipart/form-data filing: text parts into Fields
// (at most 64 KB each), file parts spooled one by one, each at most
// MaxFileBytes (413), each typed from its bytes and refused unless PDF,
// JPEG or PNG (415). A file part sent empty without a name (a file input
// left blank) is skipped. The caller closes the Filing. At most maxFiles
// file parts are read.
func (d Deps) ReadFiling(r *http.Request, maxFiles int) (*Filing, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, apperr.New(apperr.Unsupported, "body", "Nội dung phải là multipart/form-data (biểu mẫu có tệp đính kèm)",
			"The body must be multipart/form-data (a form with files)")
	}
	max := d.MaxFileBytes()
	r.Body = http.MaxBytesReader(nil, r.Body, int64(maxFiles+1)*max+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.Invalidf("body", "Nội dung multipart không đọc được: %v", "the multipart body cannot be read: %v", err)
	}
	f := &Filing{Fields: map[string]string{}}
	fail := func(err error) (*Filing, error) { f.Close(); return nil, err }
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return f, nil
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fail(file.ErrTooLarge(max))
		}
		if err != nil {
			return fail(apperr.Invalidf("body", "Nội dung multipart không đọc được: %v", "the multipart body cannot be read: %v", err))
		}
		name := p.FormName()
		if p.FileName() == "" && !strings.HasPrefix(name, "doc_") && name != "files" {
			b, err := io.ReadAll(io.LimitReader(p, maxField+1))
			if errors.As(err, &tooBig) {
				return fail(file.ErrTooLarge(max))
			}
			if err != nil || len(b) > maxField {
				return fail(apperr.Invalidf(name, "trường %q quá dài hoặc không đọc được", "the field %q is too long or unreadable", name))
			}
			if _, dup := f.Fields[name]; !dup {
				f.Fields[name] = string(b)
			}
			continue
		}
		if len(f.Files) >= maxFiles {
			return fail(apperr.Invalidf("files", "quá nhiều tệp: tối đa %d", "too many files: at most %d", maxFiles))
		}
		s, err := spool(p, name, max)
		if err != nil {
			return fail(err)
		}
		if s == nil {
			continue
		}
		f.Files = append(f.Files, s)
	}
}

// spool keeps one file part in a temporary file, hashed and typed.
func spool(p *multipart.Part, field string, max int64) (*Spooled, error) {
	tmp, err := os.CreateTemp("", "congvu-filing-*")
	if err != nil {
		return nil, fmt.Errorf("spool upload: %w", err)
	}
	s := &Spooled{Field: field, Name: file.CleanName(p.FileName()), tmp: tmp}
	drop := func() { tmp.Close(); os.Remove(tmp.Name()) }
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(p, max+1))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || err == nil && n > max:
		drop()
		return nil, apperr.New(apperr.TooLarge, "files", fmt.Sprintf("Tệp %q quá lớn: tối đa %d MB mỗi tệp", s.Name, max>>20),
			fmt.Sprintf("The file %q is too large: at most %d MB per file", s.Name, max>>20))
	case err != nil:
		drop()
		return nil, apperr.Invalidf("files", "Không nhận được trọn tệp: %v", "The file did not arrive whole: %v", err)
	case n == 0 && p.FileName() == "":
		drop()
		return nil, nil
	case n == 0:
		drop()
		return nil, apperr.New(apperr.Invalid, "files", fmt.Sprintf("Tệp %q rỗng: hãy chọn một tệp có nội dung", s.Name), fmt.Sprintf("The file %q is empty", s.Name))
	}
	ct, err := file.Sniff(tmp, n)
	if err != nil || !OnlineTypes[ct] {
		drop()
		return nil, ErrOnlineType(s.Name)
	}
	s.Size, s.SHA256, s.ContentType = n, hex.EncodeToString(h.Sum(nil)), ct
	return s, nil
}

// FilingInput is an online filing once read: the procedure (and, when
// several agencies carry it out, which), the applicant, and each file
// with its line in the procedure's list of documents (1-based).
type FilingInput struct {
	ProcedureCode string
	AgencyID      int64
	Applicant     dossier.Applicant
	Files         []*Spooled
	Lines         []int
}

// OnlineProcedure is the procedure an online filing is for: the one
// version in force under code (of agency, when several agencies carry it
// out), which must allow filing online. Errors: apperr.NotFound,
// apperr.Invalid (field procedure_code) for an information-only one or
// an ambiguous code.
func (d Deps) OnlineProcedure(ctx context.Context, code string, agency int64) (dossier.Procedure, error) {
	ps, err := d.Store.FindOnlineProcedures(ctx, strings.TrimSpace(code))
	if err != nil {
		return dossier.Procedure{}, err
	}
	var p dossier.Procedure
	switch {
	case agency != 0:
		found := false
		for _, q := range ps {
			if q.AgencyID == agency {
				p, found = q, true
			}
		}
		if !found {
			return p, apperr.New(apperr.NotFound, "agency", "Cơ quan này không giải quyết thủ tục "+code, "This agency does not carry out procedure "+code)
		}
	case len(ps) == 1:
		p = ps[0]
	default:
		return p, apperr.New(apperr.Invalid, "agency", "Thủ tục "+code+" do nhiều cơ quan giải quyết: hãy chọn cơ quan nộp hồ sơ",
			"Procedure "+code+" is carried out by several agencies: choose the agency to file with")
	}
	if p.Level < dossier.LevelPartial {
		return p, ErrNotOnline(p)
	}
	return p, nil
}

// ErrNotOnline is the refusal of a procedure that cannot be filed online.
func ErrNotOnline(p dossier.Procedure) error {
	return apperr.New(apperr.Invalid, "procedure_code",
		fmt.Sprintf("Thủ tục %s (%s) chưa nhận hồ sơ trực tuyến (mức độ: %s): vui lòng nộp tại bộ phận một cửa hoặc qua bưu chính", p.Code, p.Name, p.Level.Label("vi")),
		fmt.Sprintf("Procedure %s (%s) is not filed online (level: %s): please file it at the one-stop desk or by post", p.Code, p.Name, p.Level.Label("en")))
}

// CheckOnlineApplicant validates the applicant as the desk does and asks
// also for the two ways the portal answers: an e-mail address (the code
// and secret are sent there) and a phone number.
func CheckOnlineApplicant(a *dossier.Applicant) error {
	if strings.TrimSpace(a.Email) == "" {
		return apperr.New(apperr.Invalid, "email", "Cần có địa chỉ thư điện tử để nhận mã hồ sơ", "An e-mail address is required to receive the dossier's code")
	}
	if strings.TrimSpace(a.Phone) == "" {
		return apperr.New(apperr.Invalid, "phone", "Cần có số điện thoại để bộ phận một cửa liên hệ", "A phone number is required for the desk to call back")
	}
	return a.Validate()
}

// FileOnline files a dossier online: the procedure must allow it, the
// applicant is checked, each document of the procedure must have a file
// (400 naming the first missing one, nothing written); the bytes are kept
// durably in the blob store, then the files and the dossier are written in
// one transaction. The applicant is e-mailed the code and the secret.
// Errors: as OnlineProcedure, apperr.Invalid, apperr.Conflict over the
// cap (Config.OnlineOpenMax).
func (d Deps) FileOnline(ctx context.Context, in FilingInput) (dossier.Record, string, error) {
	p, err := d.OnlineProcedure(ctx, in.ProcedureCode, in.AgencyID)
	if err != nil {
		return dossier.Record{}, "", err
	}
	if err := CheckOnlineApplicant(&in.Applicant); err != nil {
		return dossier.Record{}, "", err
	}
	have := map[int]bool{}
	for _, l := range in.Lines {
		if l < 1 || l > len(p.Documents) {
			return dossier.Record{}, "", apperr.Invalidf("files", "thủ tục chỉ có %d giấy tờ", "the procedure lists %d documents", len(p.Documents))
		}
		have[l] = true
	}
	for i, doc := range p.Documents {
		if !have[i+1] {
			return dossier.Record{}, "", apperr.New(apperr.Invalid, "doc_"+strconv.Itoa(i+1),
				fmt.Sprintf("Thiếu giấy tờ bắt buộc: %s (giấy tờ số %d) — hãy đính kèm tệp PDF, JPEG hoặc PNG", doc.Name, i+1),
				fmt.Sprintf("A required document is missing: %s (document %d) — attach a PDF, JPEG or PNG file", doc.Name, i+1))
		}
	}
	if d.Files == nil {
		return dossier.Record{}, "", apperr.New(apperr.Internal, "", "Chưa cấu hình nơi lưu tệp", "No file store is configured")
	}
	f := store.OnlineFiling{MaxOpen: d.Config.OnlineOpenMax, Lines: in.Lines}
	for _, s := range in.Files {
		if err := d.Files.Put(ctx, s.SHA256, s.tmp, s.Size); err != nil {
			return dossier.Record{}, "", fmt.Errorf("store file: %w", err)
		}
		f.Files = append(f.Files, file.File{SHA256: s.SHA256, Name: s.Name, Size: s.Size, ContentType: s.ContentType})
	}
	docs := make([]dossier.Document, len(p.Documents))
	for i, doc := range p.Documents {
		docs[i] = dossier.Document{Name: doc.Name, Copy: dossier.Electronic, Quantity: 1}
	}
	f.Intake = dossier.Intake{AgencyID: p.AgencyID, ProcedureCode: p.Code, Applicant: in.Applicant, Documents: docs, Sets: 1}
	rec, secret, err := d.Store.FileDossierOnline(ctx, f)
	if err != nil {
		return rec, "", err
	}
	d.mailFiled(rec, secret)
	return rec, secret, nil
}

// LookupLink is the lookup page of a dossier, with its code filled in.
func (d Deps) LookupLink(code string) string {
	return strings.TrimRight(d.Config.BaseURL, "/") + "/tra-cuu?code=" + url.QueryEscape(code)
}

// mailFiled e-mails the applicant the code and the secret, after the
// answer, off the request (a slow mail server never holds the page);
// a failure is logged: the page showed both already.
func (d Deps) mailFiled(rec dossier.Record, secret string) {
	if d.Mailer == nil || rec.Applicant.Email == "" {
		return
	}
	subject := "Hồ sơ " + rec.Code + " đã được nộp trực tuyến / Dossier filed online"
	body := fmt.Sprintf(`Kính gửi %s,

Hồ sơ của ông/bà đã được nộp trực tuyến và đang chờ bộ phận một cửa tiếp nhận.

Thủ tục: %s (%s)
Mã hồ sơ: %s
Mã tra cứu: %s

Tra cứu tình trạng hồ sơ tại: %s
(nhập mã hồ sơ và mã tra cứu). Vui lòng giữ kín mã tra cứu.

---
Your dossier has been filed online and waits for the one-stop desk to accept it.
Dossier code: %s
Lookup secret: %s
Follow it at the address above with the code and the secret; keep the secret private.
`, rec.Applicant.Name, rec.Procedure.Name, rec.Procedure.Code, rec.Code, secret, d.LookupLink(rec.Code), rec.Code, secret)
	d.sendLater(rec.Applicant.Email, subject, body)
}

// MailDecision tells an online applicant that the desk accepted or
// refused the dossier (no secret in it).
func (d Deps) MailDecision(rec dossier.Record, ev dossier.Event) {
	if d.Mailer == nil || rec.Channel != dossier.ChannelOnline || rec.Applicant.Email == "" {
		return
	}
	var subject, body string
	switch ev.Action {
	case dossier.Accept:
		subject = "Hồ sơ " + rec.Code + " đã được tiếp nhận / Dossier accepted"
		body = fmt.Sprintf("Kính gửi %s,\n\nHồ sơ %s (%s) đã được bộ phận một cửa tiếp nhận lúc %s.\nNgày hẹn trả kết quả: %s.\nTra cứu tại: %s\n\n---\nYour dossier %s has been accepted; the result is due on %s.\n",
			rec.Applicant.Name, rec.Code, rec.Procedure.Name, vnStamp(ev.At), vnStamp(rec.State.AppointedDue), d.LookupLink(rec.Code), rec.Code, vnStamp(rec.State.AppointedDue))
	case dossier.Refuse:
		subject = "Hồ sơ " + rec.Code + " không được tiếp nhận / Dossier refused"
		body = fmt.Sprintf("Kính gửi %s,\n\nHồ sơ %s (%s) không được tiếp nhận.\nLý do: %s\nTra cứu tại: %s\n\n---\nYour dossier %s was not accepted. Reason (in Vietnamese) above.\n",
			rec.Applicant.Name, rec.Code, rec.Procedure.Name, ev.Reason, d.LookupLink(rec.Code), rec.Code)
	default:
		return
	}
	d.sendLater(rec.Applicant.Email, subject, body)
}

func vnStamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(calendar.VN).Format("15:04 02/01/2006")
}

func (d Deps) sendLater(to, subject, body string) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := d.Mailer.Send(ctx, to, subject, body); err != nil && d.Log != nil {
			d.Log.Warn("e-mail to an online applicant not sent", "err", err)
		}
	}()
}
