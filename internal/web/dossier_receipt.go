package web

import (
	"encoding/base64"
	"net/http"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// The receipt with the lookup secret. Only the secret's HMAC is stored, so
// the receipt can carry the secret only while the desk still holds it: on
// the dossier page that follows the intake (or a reissue), whose message
// shows it once. That page posts it back to print the receipt (POST, so
// the secret is never in a URL or a log); later, the desk reissues a
// secret (cấp lại mã tra cứu), which voids the old one and is journalled.

// freshSecret is the lookup secret the message of this request carries for
// the dossier code: the intake's or a reissue's, read before base() takes
// the message away. "" when there is none.
func freshSecret(r *http.Request, code string) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil {
		return ""
	}
	parts := strings.Split(string(b), "\x1f")
	if len(parts) != 3 || (parts[0] != "flash.dossier.received" && parts[0] != "flash.dossier.secret") || parts[1] != code {
		return ""
	}
	return parts[2]
}

// handleReceiptPrint prints form 01 with the lookup secret posted from the
// dossier page, after checking that it is the dossier's secret: the
// receipt never carries a secret that does not open the lookup.
func (s *Server) handleReceiptPrint(w http.ResponseWriter, r *http.Request) error {
	code, err := dossierCode(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "dossier.title")
	if err != nil {
		return err
	}
	rec, err := s.deps.Store.FindDossierByCode(r.Context(), code)
	if err != nil {
		return err
	}
	if err := dossier.CanView(b.User, b.tree, s.deps.Policy, rec.State, rec.Procedure); err != nil {
		return dossier.Hide(err, code)
	}
	if rec.State.ReceivedAt.IsZero() {
		return notFound()
	}
	secret := strings.TrimSpace(r.PostForm.Get("secret"))
	if secret == "" {
		return invalid("secret", "receipt.err.nosecret")
	}
	if _, err := s.deps.Store.LookupDossier(r.Context(), code, secret); apperr.CodeOf(err) == apperr.NotFound {
		return invalid("secret", "receipt.err.secret")
	} else if err != nil {
		return err
	}
	fs := dossier.FormSetFor(calendar.DateOf(rec.State.ReceivedAt))
	form, ok := fs.ForPurpose(dossier.PurposeReceipt)
	if !ok {
		return notFound()
	}
	return writeFormPDF(w, rec, form, s.formData(r, &b, rec, fs, form, secret))
}

// handleSecretReissue gives the applicant a new lookup secret and shows it
// on the dossier page, with the receipt to print.
func (s *Server) handleSecretReissue(w http.ResponseWriter, r *http.Request) error {
	code, err := dossierCode(r)
	if err != nil {
		return err
	}
	sub, tree, rec, err := s.visibleDossier(r, code)
	if err != nil {
		return err
	}
	if err := dossier.CanReissueSecret(sub, tree, s.deps.Policy, rec.State, rec.Procedure); err != nil {
		return err
	}
	secret, err := s.deps.Store.ReissueLookupSecret(r.Context(), actor(sub), code)
	if err != nil {
		return err
	}
	s.flash(w, "flash.dossier.secret", code, secret)
	return redirect(w, r, "/dossiers/"+code)
}
