package web

import (
	"mime/multipart"
	"net/http"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/httpx"
)

// The applicant's online services on the lookup page (issue 15 item 4):
// sending the supplement a supplement request asked for, and downloading
// the result when the procedure delivers it online. Both are the
// lookup's: open without login, the code and secret checked on every
// request (a wrong secret is the lookup's 404), rate-limited with it. The
// rules are httpx.Deps.SupplementOnline and OnlineResults, the API's too.

// ResultLink is a result document offered for download on the lookup page.
type ResultLink struct {
	Name, Type, Size, Href string
}

// found renders the page of a dossier just looked up with its secret,
// with what the applicant may do online.
func (l *publicLookup) found(w http.ResponseWriter, r *http.Request, status int, p *LookupPage, rec dossier.Record) error {
	p.CanSupplement = rec.State.Status == dossier.StatusSupplement
	p.MaxMB = l.s.deps.MaxFileBytes() >> 20
	res, err := l.s.deps.ResultFilesOf(r.Context(), rec)
	if err != nil {
		return err
	}
	for _, rf := range res {
		p.Results = append(p.Results, ResultLink{Name: rf.File.Name, Type: file.Types[rf.File.ContentType],
			Size: fmtSize(rf.File.Size), Href: "/tra-cuu/ket-qua/" + rf.Token})
	}
	return l.page(w, r, status, p)
}

// handleSupplement takes the applicant's supplement (multipart: csrf,
// code, secret, files, note). A mistake is shown on the dossier's page
// above the form, with its status (400, 409, 413, 415); nothing is kept.
func (l *publicLookup) handleSupplement(w http.ResponseWriter, r *http.Request) error {
	if err := l.allow(w, r); err != nil {
		return err
	}
	if err := l.s.parseMultipart(r); err != nil {
		return err
	}
	defer cleanMultipart(r)
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		return errCSRF
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	secret := strings.ToUpper(strings.ReplaceAll(r.PostFormValue("secret"), " ", ""))
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			if fh.Filename != "" || fh.Size != 0 { // an input left empty sends an empty part
				files = append(files, fh)
			}
		}
	}
	rec, _, err := l.s.deps.SupplementOnline(r.Context(), code, secret, r.PostFormValue("note"), files)
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.New(apperr.NotFound, "", T("vi", "public.notfound"), T("en", "public.notfound"))
	}
	f := newForm(nil, lookupFields...)
	f.Values.Set("code", code)
	if formFailure(err) {
		p := lookupResult(f, rec, secret)
		p.SupplementError = apperr.As(err).Message(httpx.Lang(r))
		return l.found(w, r, httpx.Status(err), p, rec)
	}
	if err != nil {
		return err
	}
	p := lookupResult(f, rec, secret)
	p.SupplementedNow = true
	return l.found(w, r, http.StatusOK, p, rec)
}

// handleResult sends a result document by the short-lived signed link
// the lookup page gave (no secret in the address, so none in a log).
func (l *publicLookup) handleResult(w http.ResponseWriter, r *http.Request) error {
	if err := l.allow(w, r); err != nil {
		return err
	}
	return l.s.deps.ServeOnlineResult(w, r, r.PathValue("token"))
}
