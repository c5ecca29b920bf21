package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/auth"
	"congvu/internal/httpx"

	"congvu/internal/appraisal"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// BranchRow is one consulted unit on the dossier page: whom the dossier
// asked, by when, and what they answered.
type BranchRow struct {
	dossier.Branch
	UnitName string
	Result   dossier.Result
	Late     bool
	FileHref string
}

// DaysText is the branch's time in days, with a decimal comma.
func (r BranchRow) DaysText() string {
	return strings.Replace(strconv.FormatFloat(r.Days, 'f', -1, 64), ".", ",", 1)
}

// AppraisalBox is what an appraisal adds to the dossier page: its time
// limit with the note that it is not verified, its extensions, the
// consultations and the report's conclusion.
type AppraisalBox struct {
	B          *BasePage // for the page's language
	Kind       string    // the kind's label, "" for a one-stop dossier
	Limit      string    // "30 ngày" as set at receipt
	Extensions int
	Branches   []BranchRow
	Report     *dossier.Conclusion
	ReportFile string
}

// VerdictOption is a verdict to choose in an answer or a report.
type VerdictOption struct {
	Value dossier.Verdict
	Label string
}

// appraisalBox builds the box of a dossier with branches, a report or an
// own limit; nil for a plain one-stop dossier.
func appraisalBox(b *BasePage, rec dossier.Record, now time.Time) *AppraisalBox {
	st := rec.State
	k, isAppraisal := appraisal.KindOf(rec.Procedure.Code)
	if !isAppraisal && len(st.Branches) == 0 && st.Report == nil {
		return nil
	}
	box := &AppraisalBox{B: b, Extensions: st.Extensions, Report: st.Report}
	if isAppraisal {
		box.Kind = k.Label(b.Lang)
	}
	if st.Limit.Value > 0 {
		box.Limit = limitText(b.Lang, st.Limit)
	}
	for _, br := range st.Branches {
		row := BranchRow{Branch: br, UnitName: b.UnitName(br.UnitID), Result: br.Result(now), Late: br.Late(now)}
		if br.FileID != 0 {
			row.FileHref = "/files/" + strconv.FormatInt(br.FileID, 10)
		}
		box.Branches = append(box.Branches, row)
	}
	if st.Report != nil && st.Report.FileID != 0 {
		box.ReportFile = "/files/" + strconv.FormatInt(st.Report.FileID, 10)
	}
	return box
}

// branchForm fills the fields of a step action's form: the agency's units
// to consult, the units the user answers for, the verdicts.
func branchForm(b *BasePage, pol *auth.Policy, rec dossier.Record, f *ActionForm) {
	switch f.Action {
	case dossier.Consult:
		f.Consult = true
		asked := map[int64]bool{}
		for _, br := range rec.State.StepBranches() {
			asked[br.UnitID] = true
		}
		cur, _ := rec.State.Current()
		for _, o := range unitOptions(b.tree) {
			u, ok := b.tree.Unit(o.ID)
			if !ok || !u.Current() || u.ID == rec.AgencyID || u.ID == cur.UnitID || asked[u.ID] ||
				!b.tree.WithinAgency(u.ID, rec.AgencyID) || u.Kind == org.KindDesk {
				continue
			}
			f.Units = append(f.Units, UnitOption{ID: u.ID, Label: u.Name})
		}
	case dossier.AnswerConsultation:
		f.Verdicts = []VerdictOption{{dossier.VerdictAgree, dossier.VerdictAgree.Label(b.Lang)}, {dossier.VerdictDisagree, dossier.VerdictDisagree.Label(b.Lang)}}
		for _, u := range dossier.AnswerableBranches(b.User, b.tree, pol, rec.State) {
			f.Units = append(f.Units, UnitOption{ID: u, Label: b.UnitName(u)})
		}
		if len(f.Units) == 1 {
			f.Form.Values.Set("unit_id", strconv.FormatInt(f.Units[0].ID, 10))
		}
		f.File = true
	case dossier.AppraisalReport:
		f.Verdicts = []VerdictOption{{dossier.VerdictAgree, dossier.VerdictAgree.Label(b.Lang)},
			{dossier.VerdictConditional, dossier.VerdictConditional.Label(b.Lang)}, {dossier.VerdictDisagree, dossier.VerdictDisagree.Label(b.Lang)}}
		f.File = true
	case dossier.Extend:
		f.ExtendDays = true
		f.Form.Values.Set("extend_days", strconv.FormatFloat(rec.State.Limit.Value, 'f', -1, 64))
	}
}

// branchEvent reads a step action's fields from its form into ev: the
// units ticked with each one's days, the answering unit (which the user
// must answer for), the verdict, the days of an extension, a file.
func (s *Server) branchEvent(r *http.Request, f *Form, rec dossier.Record, ev *dossier.Event) error {
	switch ev.Action {
	case dossier.Consult:
		ids, err := f.Int64s("branch_unit")
		if err != nil || len(ids) == 0 {
			return invalid("branch_unit", "consult.err.units")
		}
		tree, err := s.deps.Store.Tree(r.Context())
		if err != nil {
			return err
		}
		for _, id := range ids {
			if u, ok := tree.Unit(id); !ok || !u.Current() || !tree.WithinAgency(id, rec.AgencyID) || id == rec.AgencyID {
				return invalid("branch_unit", "consult.err.units")
			}
			d, err := strconv.ParseFloat(strings.Replace(f.Get("days_"+strconv.FormatInt(id, 10)), ",", ".", 1), 64)
			if err != nil || !(d > 0) || d > 366 {
				return invalid("branch_unit", "consult.err.days")
			}
			ev.Branches = append(ev.Branches, dossier.BranchAsk{UnitID: id, Days: d})
		}
	case dossier.AnswerConsultation:
		unit, err := f.Int64("unit_id")
		if err != nil {
			return invalid("unit_id", "consult.err.unit")
		}
		tree, err := s.deps.Store.Tree(r.Context())
		if err != nil {
			return err
		}
		if err := dossier.CanAnswer(httpx.SubjectFrom(r.Context()), tree, s.deps.Policy, rec.State, unit); err != nil {
			return err
		}
		ev.UnitID = unit
		ev.Verdict = dossier.Verdict(f.Get("verdict"))
	case dossier.AppraisalReport:
		ev.Verdict = dossier.Verdict(f.Get("verdict"))
	case dossier.Extend:
		d, err := strconv.ParseFloat(strings.Replace(f.Get("extend_days"), ",", ".", 1), 64)
		if err != nil || !(d > 0) {
			return invalid("extend_days", "extend.err.days")
		}
		ev.ExtendDays = d
	}
	if ev.Action == dossier.AnswerConsultation || ev.Action == dossier.AppraisalReport {
		if fh := formFile(r, "file"); fh != nil {
			up, err := s.saveFormFile(r, "file", fh)
			if err != nil {
				return err
			}
			ev.FileID = up.ID
		}
		if ev.Verdict == "" {
			return invalid("verdict", "consult.err.verdict")
		}
	}
	return nil
}
