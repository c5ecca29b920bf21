package web

import (
	"bytes"
	"net/http"
	"strconv"

	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/work"
)

// One inspection: its scope and seed, the sample with each item's
// checklist (the computed verdicts and, for the team, the forms of the
// items filled by hand), the findings, the recommendations with their
// task's state, the conclusion and its PDF.

// InspPage is the page of one inspection.
type InspPage struct {
	BasePage
	In       inspection.Inspection
	Summary  []inspection.Summary
	CanWrite bool
	People   []org.Person
	names    map[int64]string
	// The forms of the team: one per section, carrying its errors.
	CheckForm, FindingForm, RecForm, ConcludeForm *Form
	// CheckRef and CheckCode say which manual item a failed CheckForm was for.
	CheckRef  int64
	CheckCode inspection.Code
}

// PersonName names someone of the agency.
func (p *InspPage) PersonName(id int64) string {
	if n, ok := p.names[id]; ok {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

// ItemRef is what the page calls a sampled item.
func (p *InspPage) ItemRef(id int64) string {
	for _, it := range p.In.Items {
		if it.RefID == id {
			return it.Ref
		}
	}
	return ""
}

// ItemHref links a sampled item to its page.
func (p *InspPage) ItemHref(it inspection.Item) string {
	switch it.Subject {
	case inspection.SubjectDossier:
		return "/dossiers/" + it.Ref
	case inspection.SubjectTask:
		return "/tasks/" + strconv.FormatInt(it.RefID, 10)
	}
	return "/projects/" + it.Ref
}

// TaskState names a recommendation's task state.
func (p *InspPage) TaskState(s string) string { return work.State(s).Label(p.Lang) }

// Verdicts are the answers of a manual item, in the order a select offers them.
func (p *InspPage) Verdicts() []inspection.Verdict {
	return []inspection.Verdict{inspection.Pass, inspection.Fail, inspection.NA}
}

// FailedCheck reports whether the failed manual-item form is this one.
func (p *InspPage) FailedCheck(ref int64, c inspection.Code) bool {
	return p.CheckForm != nil && p.CheckRef == ref && p.CheckCode == c
}

// visibleInspection reads the inspection of the path if the user may see it.
func (s *Server) visibleInspection(r *http.Request, b *BasePage) (inspection.Inspection, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return inspection.Inspection{}, notFound()
	}
	in, err := s.deps.Store.FindInspection(r.Context(), id)
	if err != nil {
		return in, err
	}
	if err := inspection.CanView(b.User, b.tree, s.deps.Policy, in); err != nil {
		return inspection.Inspection{}, err
	}
	return in, nil
}

func (s *Server) inspPage(w http.ResponseWriter, r *http.Request, status int, edit func(*InspPage)) error {
	b, err := s.base(w, r, "insp.title")
	if err != nil {
		return err
	}
	in, err := s.visibleInspection(r, &b)
	if err != nil {
		return err
	}
	p := &InspPage{BasePage: b, In: in, Summary: inspection.Summarize(in.Items), names: map[int64]string{},
		CanWrite: in.Status == inspection.Open && inspection.CanWrite(b.User, b.tree, s.deps.Policy, in) == nil}
	people, err := s.agencyPeople(r, in.AgencyID)
	if err != nil {
		return err
	}
	for _, x := range people {
		p.names[x.ID] = x.FullName
	}
	if p.CanWrite {
		p.People = people
		p.FindingForm = newForm(nil, "ref_id", "finding_text", "severity")
		p.RecForm = newForm(nil, "finding_id", "rec_text", "owner_person_id", "due")
		p.ConcludeForm = newForm(nil, "number", "on", "signer", "conclusion_text")
		p.ConcludeForm.Values.Set("on", todayDMY(s.deps.Now()))
		p.ConcludeForm.Values.Set("signer", p.PersonName(in.LeadID))
	}
	if edit != nil {
		edit(p)
	}
	p.Title = in.Title
	return s.render(w, status, "inspection", p)
}

func (s *Server) handleInspView(w http.ResponseWriter, r *http.Request) error {
	return s.inspPage(w, r, http.StatusOK, nil)
}

// inspWrite runs one write of the team: read decodes the form into the
// store call; a bad input shows the page again with the form's error.
func (s *Server) inspWrite(w http.ResponseWriter, r *http.Request, fields []string, textField, anchor string,
	write func(f *Form, id int64, authorize func(inspection.Inspection) error) error, place func(*InspPage, *Form)) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound()
	}
	sub, tree, err := s.subjectTree(r)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, append(fields, "text")...)
	authorize := func(in inspection.Inspection) error { return inspection.CanWrite(sub, tree, s.deps.Policy, in) }
	if err := write(f, id, authorize); err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		if msg, ok := f.Errors["text"]; ok && textField != "" { // the domain's "text" is this form's own field
			f.Errors[textField] = msg
		}
		return s.inspPage(w, r, statusOf(err), func(p *InspPage) { place(p, f) })
	}
	return redirect(w, r, "/inspections/"+strconv.FormatInt(id, 10)+anchor)
}

func (s *Server) handleInspCheck(w http.ResponseWriter, r *http.Request) error {
	var ref int64
	var code inspection.Code
	return s.inspWrite(w, r, []string{"verdict", "detail"}, "", "#checklist", func(f *Form, id int64, authorize func(inspection.Inspection) error) error {
		var err error
		if ref, err = f.Int64("ref_id"); err != nil {
			return err
		}
		code = inspection.Code(f.Get("code"))
		_, err = s.deps.Store.RecordInspectionCheck(r.Context(), actor(httpx.SubjectFrom(r.Context())), id, authorize, ref, code, inspection.Verdict(f.Get("verdict")), f.Get("detail"))
		if err == nil {
			s.flash(w, "flash.insp.check")
		}
		return err
	}, func(p *InspPage, f *Form) { p.CheckForm, p.CheckRef, p.CheckCode = f, ref, code })
}

func (s *Server) handleInspFinding(w http.ResponseWriter, r *http.Request) error {
	return s.inspWrite(w, r, []string{"ref_id", "finding_text", "severity"}, "finding_text", "#findings", func(f *Form, id int64, authorize func(inspection.Inspection) error) error {
		var ref int64
		if v := f.Get("ref_id"); v != "" && v != "0" {
			var err error
			if ref, err = f.Int64("ref_id"); err != nil {
				return err
			}
		}
		_, err := s.deps.Store.AddInspectionFinding(r.Context(), actor(httpx.SubjectFrom(r.Context())), id, authorize,
			inspection.Finding{RefID: ref, Text: f.Get("finding_text"), Severity: inspection.Severity(f.Get("severity"))})
		if err == nil {
			s.flash(w, "flash.insp.finding")
		}
		return err
	}, func(p *InspPage, f *Form) { p.FindingForm = f })
}

func (s *Server) handleInspRecommendation(w http.ResponseWriter, r *http.Request) error {
	return s.inspWrite(w, r, []string{"finding_id", "rec_text", "owner_person_id", "due"}, "rec_text", "#recommendations", func(f *Form, id int64, authorize func(inspection.Inspection) error) error {
		rec := inspection.Recommendation{Text: f.Get("rec_text")}
		var err error
		if rec.OwnerPersonID, err = f.Int64("owner_person_id"); err != nil {
			return err
		}
		if v := f.Get("finding_id"); v != "" && v != "0" {
			if rec.FindingID, err = f.Int64("finding_id"); err != nil {
				return err
			}
		}
		if rec.Due, err = parseTaskDate("due", f.Get("due")); err != nil {
			return err
		}
		in, err := s.deps.Store.AddInspectionRecommendation(r.Context(), actor(httpx.SubjectFrom(r.Context())), id, authorize, rec)
		if err == nil && len(in.Recommendations) > 0 {
			s.flash(w, "flash.insp.recommendation", strconv.FormatInt(in.Recommendations[len(in.Recommendations)-1].TaskID, 10))
		}
		return err
	}, func(p *InspPage, f *Form) { p.RecForm = f })
}

func (s *Server) handleInspConclude(w http.ResponseWriter, r *http.Request) error {
	return s.inspWrite(w, r, []string{"number", "on", "signer", "conclusion_text"}, "conclusion_text", "#conclusion", func(f *Form, id int64, authorize func(inspection.Inspection) error) error {
		c := inspection.Conclusion{Number: f.Get("number"), Signer: f.Get("signer"), Text: f.Get("conclusion_text")}
		var err error
		if c.On, err = parseTaskDate("on", f.Get("on")); err != nil {
			return err
		}
		_, err = s.deps.Store.ConcludeInspection(r.Context(), actor(httpx.SubjectFrom(r.Context())), id, authorize, c)
		if err == nil {
			s.flash(w, "flash.insp.concluded")
		}
		return err
	}, func(p *InspPage, f *Form) { p.ConcludeForm = f })
}

// handleInspPDF writes the conclusion (a draft until concluded) as PDF.
func (s *Server) handleInspPDF(w http.ResponseWriter, r *http.Request) error {
	return s.inspConclusion(w, r, "pdf")
}

func (s *Server) handleInspDOCX(w http.ResponseWriter, r *http.Request) error {
	return s.inspConclusion(w, r, "docx")
}

// inspConclusion writes the conclusion of an inspection (a draft before it
// is concluded) as PDF or DOCX, the two from the same layout.
func (s *Server) inspConclusion(w http.ResponseWriter, r *http.Request, format string) error {
	b, err := s.base(w, r, "insp.title")
	if err != nil {
		return err
	}
	in, err := s.visibleInspection(r, &b)
	if err != nil {
		return err
	}
	people, err := s.agencyPeople(r, in.AgencyID)
	if err != nil {
		return err
	}
	n := report.ConclusionNames{Unit: b.UnitName(in.AgencyID), Place: "Bắc Ninh", People: map[int64]string{}}
	for _, x := range people {
		n.People[x.ID] = x.FullName
	}
	n.Lead = n.People[in.LeadID]
	if a, ok := b.tree.Unit(in.AgencyID); ok && a.ParentID != nil {
		n.Agency = b.UnitName(*a.ParentID)
	}
	for _, u := range in.UnitIDs {
		n.Units = append(n.Units, b.UnitName(u))
	}
	doc := report.InspectionConclusion(in, n)
	var buf bytes.Buffer
	name := "ket-luan-kiem-tra-" + strconv.FormatInt(in.ID, 10)
	h := w.Header()
	if format == "docx" {
		if err := report.WriteConclusionDOCX(&buf, doc); err != nil {
			return err
		}
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.docx"`)
	} else {
		if err := report.WriteConclusionPDF(&buf, doc); err != nil {
			return err
		}
		h.Set("Content-Type", "application/pdf")
		h.Set("Content-Disposition", `inline; filename="`+name+`.pdf"`)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}
