package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
)

// The public online filing (nộp hồ sơ trực tuyến, issue 15 item 4):
// /nop-ho-so/{code} is the form of one procedure — the applicant, one file
// per required document, the challenge — sent as multipart/form-data, so
// that it works without JavaScript; with it, static/pow.js meets the
// challenge by a proof of work and the question is not asked. The page
// that answers a filing shows the dossier's code and lookup secret once;
// the applicant also gets them by e-mail (httpx.FileOnline).

// FilingPage is the filing form of one procedure.
type FilingPage struct {
	BasePage
	Form      *Form
	Proc      dossier.Procedure
	Docs      []FilingDoc
	NotOnline string // why this procedure cannot be filed online; no form then
	MaxMB     int64
	Challenge httpx.Challenge
	Question  string
	FormToken string // the pre-session CSRF token (the login page's cookie)
}

// FilingDoc is one required document and its file input.
type FilingDoc struct {
	Field, Name, Copy, Err string
	Quantity               int
}

// FilingDonePage answers a filing: the code and the secret, once.
type FilingDonePage struct {
	BasePage
	Code, Secret, Proc, Email, LookupURL string
	Docs                                 int
	Mailed                               bool // an e-mail went to Email (SMTP is set up)
}

var filingFields = []string{"name", "id_number", "phone", "email", "address", "organization", "answer", "challenge"}

func (s *Server) challenger() *httpx.Challenger {
	return s.deps.Challenges
}

func (s *Server) handleFilingForm(w http.ResponseWriter, r *http.Request) error {
	return s.filingPage(w, r, http.StatusOK, newForm(nil, filingFields...), nil)
}

// filingPage renders the form of the procedure in the path; a procedure
// that cannot be filed online gets the page with the reason and no form.
func (s *Server) filingPage(w http.ResponseWriter, r *http.Request, status int, f *Form, docErrs map[string]string) error {
	b, err := s.base(w, r, "filing.title")
	if err != nil {
		return err
	}
	p := &FilingPage{Form: f, MaxMB: s.deps.MaxFileBytes() >> 20}
	proc, err := s.deps.OnlineProcedure(r.Context(), r.PathValue("code"), 0)
	switch {
	case apperr.CodeOf(err) == apperr.Invalid && proc.Code != "":
		p.NotOnline = apperr.As(err).Message(b.Lang)
	case err != nil:
		return err
	}
	p.Proc = proc
	b.Title = b.T("filing.title") + ": " + proc.Name
	for i, d := range proc.Documents {
		fd := FilingDoc{Field: "doc_" + strconv.Itoa(i+1), Name: d.Name, Copy: d.Copy.Label(b.Lang), Quantity: d.Quantity}
		fd.Err = docErrs[fd.Field]
		p.Docs = append(p.Docs, fd)
	}
	token := ""
	if c, err := r.Cookie(loginCSRFCookie); err == nil && len(c.Value) >= 32 {
		token = c.Value
	} else {
		token = auth.NewSecret(24)
		s.setCookie(w, loginCSRFCookie, token, 2*time.Hour)
	}
	p.FormToken = token
	p.Challenge = s.challenger().Issue()
	p.Question = p.Challenge.Question[0]
	if b.Lang == "en" {
		p.Question = p.Challenge.Question[1]
	}
	f.Values.Del("answer")
	s.countHit(r, &b, 0) // a page of the portal
	p.BasePage = b
	w.Header().Set("Cache-Control", "no-store") // the challenge is each page's own
	return s.render(w, status, "filing", p)
}

func (s *Server) handleFilingSubmit(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := s.deps.Filings.Reserve(s.deps.ClientIP(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(auth.RetrySeconds(wait)))
		return apperr.New(apperr.TooMany, "", T("vi", "filing.ratelimited"), T("en", "filing.ratelimited"))
	}
	lang := httpx.Lang(r)
	code := r.PathValue("code")
	proc, err := s.deps.OnlineProcedure(r.Context(), code, 0)
	if err != nil {
		return err
	}
	fail := func(f *Form, err error) error {
		if !formFailure(err) {
			return err
		}
		docErrs := map[string]string{}
		if e := apperr.As(err); e != nil && strings.HasPrefix(e.Field, "doc_") {
			docErrs[e.Field] = e.Message(lang)
		}
		f.SetError(err, lang)
		if len(docErrs) > 0 {
			f.Error = T(lang, "filing.err.docs")
		}
		if f.Error == "" || len(docErrs) > 0 {
			f.Error = strings.TrimSpace(f.Error + " " + T(lang, "filing.err.again"))
		}
		return s.filingPage(w, r, httpx.Status(err), f, docErrs)
	}
	fl, err := s.deps.ReadFiling(r, 5*len(proc.Documents))
	if err != nil {
		return fail(newForm(nil, filingFields...), err)
	}
	defer fl.Close()
	vals := map[string][]string{}
	for k, v := range fl.Fields {
		vals[k] = []string{v}
	}
	f := newForm(vals, filingFields...)
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !sameToken(f.Get("csrf"), c.Value) {
		return errCSRF
	}
	if err := s.challenger().Check(f.Get("challenge"), f.Get("nonce"), f.Get("answer")); err != nil {
		return fail(f, err)
	}
	in := httpx.FilingInput{ProcedureCode: proc.Code, AgencyID: proc.AgencyID,
		Applicant: dossier.Applicant{Name: f.Get("name"), IDNumber: f.Get("id_number"), Phone: f.Get("phone"), Email: f.Get("email"),
			Address: f.Get("address"), Organization: f.Get("organization") == "1"}}
	for _, sp := range fl.Files {
		n, err := strconv.Atoi(strings.TrimPrefix(sp.Field, "doc_"))
		if err != nil || !strings.HasPrefix(sp.Field, "doc_") {
			return fail(f, apperr.Invalidf("files", "tệp gửi trong trường lạ %q", "a file in an unknown field %q", sp.Field))
		}
		in.Files, in.Lines = append(in.Files, sp), append(in.Lines, n)
	}
	rec, secret, err := s.deps.FileOnline(r.Context(), in)
	if err != nil {
		return fail(f, err)
	}
	b, err := s.base(w, r, "filing.done.title")
	if err != nil {
		return err
	}
	s.countHit(r, &b, 0)
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, http.StatusOK, "filing_done", &FilingDonePage{BasePage: b, Code: rec.Code, Secret: secret,
		Proc: rec.Procedure.Name, Email: rec.Applicant.Email, Docs: len(in.Files), Mailed: s.deps.Mailer != nil,
		LookupURL: "/tra-cuu?code=" + rec.Code + "#secret=" + secret})
}
