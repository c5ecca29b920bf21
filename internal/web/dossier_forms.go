package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/report"
)

// handleDossierForm serves one one-stop form of a dossier as an A5 PDF
// (report.WriteForm): /dossiers/{code}/forms/01.pdf, by the form's number
// in the dossier's form set (TT 01/2018 or TT 03/2025), or by its purpose
// (/forms/receipt.pdf, /forms/slip.pdf).
func (s *Server) handleDossierForm(w http.ResponseWriter, r *http.Request) error {
	code, err := dossierCode(r)
	if err != nil {
		return err
	}
	name, ok := strings.CutSuffix(r.PathValue("form"), ".pdf")
	if !ok {
		return notFound()
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
	day := formDay(rec)
	if day.IsZero() {
		return notFound()
	}
	fs := dossier.FormSetFor(calendar.DateOf(day))
	var form dossier.Form
	found := false
	for _, f := range fs.Forms {
		if f.Code() == name || string(f.Purpose) == name {
			form, found = f, true
		}
	}
	if !found || form.Purpose == dossier.PurposeBook {
		return notFound()
	}
	// An online dossier never received has only the forms its history
	// issued: the refusal (form 03), no receipt nor slip.
	if rec.State.ReceivedAt.IsZero() && !issued(rec, form) {
		return notFound()
	}
	return writeFormPDF(w, rec, form, s.formData(r, &b, rec, fs, form, ""))
}

// writeFormPDF sends one form of a dossier as a PDF to show in the browser.
func writeFormPDF(w http.ResponseWriter, rec dossier.Record, form dossier.Form, d report.FormData) error {
	var buf bytes.Buffer
	if err := report.WriteForm(&buf, form.Purpose, d); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="`+rec.Code+"-mau-"+form.Code()+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}

// formData gathers what a form prints from the dossier record. secret is
// the applicant's lookup secret when the receipt is printed right after
// the intake or a reissue, "" otherwise.
func (s *Server) formData(r *http.Request, b *BasePage, rec dossier.Record, fs dossier.FormSet, form dossier.Form, secret string) report.FormData {
	st := rec.State
	d := report.FormData{
		FormSet: fs, Code: rec.Code, Applicant: rec.Applicant,
		ProcedureCode: rec.Procedure.Code, ProcedureName: rec.Procedure.Name,
		Sets: rec.Sets, StatutoryTime: limitText("vi", rec.Procedure.Limit),
		ReceivedAt: st.ReceivedAt, AppointedAt: st.AppointedDue, Fee: rec.Procedure.Fee,
		ProcedureInfoAt: "Cổng Dịch vụ công quốc gia, mã thủ tục " + rec.Procedure.Code,
		Slip:            dossier.Slip(st),
		LeadBody:        b.UnitName(rec.LeadUnitID),
	}
	// The desk's own agency issues the form (cơ quan chủ quản); the place
	// of the date line is the province in its name, "… tỉnh Bắc Ninh".
	if a, ok := b.tree.Unit(rec.AgencyID); ok {
		d.Agency, d.Unit = a.Name, a.Name
		if _, place, ok := strings.Cut(a.Name, "tỉnh "); ok {
			d.Place = place
		}
	}
	if len(st.Steps) > 0 {
		desk := st.Steps[0]
		d.Officer = desk.Handler.Name
		if desk.UnitID != 0 {
			d.CollectAt = b.UnitName(desk.UnitID)
			d.Unit = b.UnitName(desk.UnitID)
		}
		var co []string
		for _, step := range st.Steps[1:] {
			if step.UnitID != 0 && step.UnitID != rec.LeadUnitID && step.UnitID != desk.UnitID {
				co = append(co, b.UnitName(step.UnitID))
			}
		}
		d.CoBodies = strings.Join(co, ", ")
	}
	for _, doc := range rec.Documents {
		d.Documents = append(d.Documents, report.DocumentLine{Name: doc.Name, Copy: doc.Copy, Quantity: doc.Quantity})
	}
	// The printed address comes from the configuration, not from the
	// request's Host header, which a client chooses.
	base := s.deps.Config.BaseURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil || s.deps.Config.SecureCookies {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	d.LookupURL = base + "/tra-cuu?code=" + url.QueryEscape(rec.Code)
	if secret != "" {
		// The secret goes in the fragment, which the browser never sends:
		// it stays out of the server's and proxies' logs and of Referer
		// headers; the lookup page's script (lookup.js) moves it into the
		// form and posts it.
		d.LookupSecret = secret
		d.LookupURL += "#secret=" + url.QueryEscape(secret)
	}
	d.IssuedAt = st.ReceivedAt
	if d.IssuedAt.IsZero() {
		d.IssuedAt = st.SubmittedAt
	}
	if len(form.Actions) > 0 {
		for _, a := range form.Actions {
			if ev, ok := lastEvent(rec, a); ok {
				d.IssuedAt, d.Reason = ev.At, ev.Reason
				d.SupplementDays = ev.SupplementDays
				if ev.NewDue != nil {
					d.NewAppointedAt = *ev.NewDue
				}
				if a != dossier.Receive && a != dossier.Accept && ev.ActorName != "" {
					d.SignerName = ev.ActorName
				}
			}
		}
	} else if len(rec.Events) > 0 {
		d.IssuedAt = rec.Events[len(rec.Events)-1].At
	}
	if form.Purpose == dossier.PurposeSupplement {
		for _, line := range strings.Split(d.Reason, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				d.Items = append(d.Items, line)
			}
		}
	}
	return d
}
