package web

import (
	"context"
	"html/template"
	"net/http"

	"congvu/internal/auth"
	"congvu/internal/dossier"
)

// The consultations page (lấy ý kiến, issue #13 item 2): for each unit's
// staff and head, the consultations their units owe, most urgent first,
// the late ones marked; for whoever reads the statistics (the director
// over the agency, a head over a division), the late consultations by
// consulted unit.

// ConsultationRow is one consultation a unit owes.
type ConsultationRow struct {
	dossier.Consultation
	UnitName string
	Result   dossier.Result
	Late     bool
}

// ConsultationFigureRow is one consulted unit's figures.
type ConsultationFigureRow struct {
	dossier.ConsultationFigure
	UnitName string
}

// ConsultationsPage is the page /consultations.
type ConsultationsPage struct {
	BasePage
	Owed    []ConsultationRow
	Figures []ConsultationFigureRow
	Stats   bool // the user reads the figures by unit
}

func (s *Server) handleConsultations(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "consult.page.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermView); err != nil {
		return err
	}
	now := s.deps.Now()
	var units []int64
	for _, g := range b.User.Grants {
		if g.UnitID != 0 && s.deps.Policy.Can(b.User, b.tree, dossier.PermView, auth.Resource{UnitID: g.UnitID}) {
			units = append(units, b.tree.AgencySubtree(g.UnitID)...)
		}
	}
	p := &ConsultationsPage{BasePage: b}
	if len(units) > 0 {
		cs, err := s.deps.Store.FindConsultations(r.Context(), dossier.ConsultationFilter{UnitIDs: units, Owed: true})
		if err != nil {
			return err
		}
		for _, c := range cs {
			p.Owed = append(p.Owed, ConsultationRow{Consultation: c, UnitName: b.UnitName(c.Branch.UnitID),
				Result: c.Branch.Result(now), Late: c.Branch.Late(now)})
		}
	}
	if unit, _ := s.lateUnit(&b); unit != 0 {
		p.Stats = true
		figs, err := s.deps.Store.ConsultationFigures(r.Context(), b.tree.AgencyOf(unit), now)
		if err != nil {
			return err
		}
		for _, f := range figs {
			if b.tree.Within(f.UnitID, unit) {
				p.Figures = append(p.Figures, ConsultationFigureRow{ConsultationFigure: f, UnitName: b.UnitName(f.UnitID)})
			}
		}
	}
	return s.render(w, http.StatusOK, "consultations", p)
}

// ProjectAppraisals is the "Thẩm định" section of a project's page: its
// appraisal dossiers with their state and due date (template
// "project-appraisals-body" in appraisal.html, a layout file).
type ProjectAppraisals struct {
	B    *BasePage
	Rows []dossier.Summary
}

func init() {
	setProjectSection("appraisal", "", func(ctx context.Context, s *Server, b *BasePage, v ProjectView) (template.HTML, error) {
		rows, err := s.deps.Store.FindProjectAppraisals(ctx, v.Project.ID)
		if err != nil {
			return "", err
		}
		return s.partial("project", "project-appraisals-body", &ProjectAppraisals{B: b, Rows: rows})
	})
}
