package web

import (
	"bytes"
	"net/http"
	"strconv"

	"congvu/internal/evaluation"
	"congvu/internal/report"
)

// handleEvalPDF writes the evaluation form as PDF (report.WriteEvaluationForm).
func (s *Server) handleEvalPDF(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "eval.title")
	if err != nil {
		return err
	}
	e, err := s.visibleEvaluation(r, &b)
	if err != nil {
		return err
	}
	rules, err := s.deps.Store.EvaluationRuleSet(r.Context(), e.AgencyID, e.RuleVersion)
	if err != nil {
		return err
	}
	vi := b
	vi.Lang = "vi" // the form is an administrative document: in Vietnamese
	name := func(id int64) string {
		if id == 0 {
			return ""
		}
		p, err := s.deps.Store.FindPersonWithoutMemberships(r.Context(), id)
		if err != nil {
			return ""
		}
		return p.FullName
	}
	f := report.EvaluationForm{Agency: "", Unit: b.UnitName(e.AgencyID), Place: "Bắc Ninh", IssuedAt: e.UpdatedAt,
		Person: e.PersonName, PersonUnit: b.UnitName(e.UnitID), Period: e.Period.Label("vi"), Basis: rules.Basis, RuleVersion: e.RuleVersion,
		State: e.State.Label("vi"), CommonTotal: fmtDecimal(e.CommonTotal), TaskPoints: fmtDecimal(e.Task.Points), Total: fmtDecimal(e.Total),
		Formula: formulaText(rules, e), Assessor: name(e.AssessorID), Approver: name(e.ApproverID)}
	if a, ok := b.tree.Unit(e.AgencyID); ok && a.ParentID != nil {
		f.Agency = b.UnitName(*a.ParentID)
	}
	f.Grade = "Chưa xếp loại"
	if e.Grade != "" {
		f.Grade = e.Grade.Label("vi") + " (" + string(e.Grade) + ")"
	}
	pts := func(m map[string]float64, k string) string {
		if v, ok := m[k]; ok {
			return fmtDecimal(v)
		}
		return ""
	}
	for _, c := range rules.Common {
		f.Criteria = append(f.Criteria, [4]string{evaluation.CriterionLabel(c.Key, "vi"), fmtDecimal(c.Max), pts(e.SelfCommon, c.Key), pts(e.Common, c.Key)})
	}
	pct := func(v float64) string { return fmtDecimal(v*100) + "%" }
	for _, l := range e.Task.Lines {
		done := "Chưa"
		if l.CompletedAt != nil {
			done = fmtDate(*l.CompletedAt)
		}
		if l.Delayed {
			done += " (trễ hạn)"
		} else if l.DelayExempted {
			done += " (trễ, có nguyên nhân khách quan)"
		}
		returns := strconv.Itoa(l.FailedReviews)
		if l.ExemptReviews > 0 {
			returns += " (+" + strconv.Itoa(l.ExemptReviews) + " miễn trừ)"
		}
		f.Tasks = append(f.Tasks, [8]string{l.Title, fmtDecimal(l.Weight), fmtDate(l.Deadline), done, returns, pct(l.Quantity), pct(l.Quality), pct(l.Progress)})
	}
	if e.Group == evaluation.GroupLeader {
		f.Notes = append(f.Notes, vi.T("eval.unitfactor", pct(e.UnitFactor)))
	}
	if e.Disciplined {
		f.Notes = append(f.Notes, vi.T("eval.disciplined"))
	}
	if len(rules.Unverified) > 0 {
		f.Notes = append(f.Notes, vi.T("eval.unverified"))
	}
	for _, ev := range e.Events {
		line := fmtDate(ev.At) + " " + fmtTime(ev.At) + " — " + vi.T("eval.action."+string(ev.Action)) + " — " + name(ev.ActorID)
		if ev.Reason != "" {
			line += ": " + ev.Reason
		}
		f.Steps = append(f.Steps, line)
	}
	var buf bytes.Buffer
	if err := report.WriteEvaluationForm(&buf, f); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="phieu-danh-gia-`+strconv.FormatInt(e.ID, 10)+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}
