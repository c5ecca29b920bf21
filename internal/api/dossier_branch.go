package api

import (
	"net/http"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// branchAskWire is one unit asked on consult.
type branchAskWire struct {
	UnitID int64   `json:"unit_id" api:"required"`
	Days   float64 `json:"days" api:"required" doc:"the unit's time to answer, in working days (0.5 allowed)"`
}

// consultationWire is one branch of a parallel step: a consulted unit,
// its deadline and its answer.
type consultationWire struct {
	Step       int            `json:"step" doc:"the index of the parallel step"`
	UnitID     int64          `json:"unit_id"`
	UnitName   string         `json:"unit_name"`
	AskedAt    string         `json:"asked_at" api:"format=date-time"`
	Days       float64        `json:"days"`
	DueAt      string         `json:"due_at" api:"format=date-time" doc:"asked_at plus days of working time, moved by the dossier's pauses"`
	AnsweredAt *string        `json:"answered_at" api:"format=date-time"`
	AnsweredBy string         `json:"answered_by"`
	Verdict    string         `json:"verdict" api:"enum=|agree|disagree"`
	Opinion    string         `json:"opinion"`
	FileID     int64          `json:"file_id"`
	Closed     bool           `json:"closed" doc:"the step ended; unanswered then means no answer (late)"`
	Result     timelinessWire `json:"result" doc:"an answer early, on_time or late by dates; no answer late; open within_deadline or overdue today"`
}

// conclusionWire is the appraisal report's conclusion.
type conclusionWire struct {
	Verdict      string `json:"verdict" api:"enum=agree|conditional|disagree"`
	VerdictLabel string `json:"verdict_label"`
	Text         string `json:"text"`
	FileID       int64  `json:"file_id"`
	At           string `json:"at" api:"format=date-time"`
	By           string `json:"by"`
}

// appraisalWire is what an appraisal dossier adds to a dossier.
type appraisalWire struct {
	ProjectID     int64              `json:"project_id" doc:"the project appraised; 0 for a one-stop dossier"`
	LimitDays     float64            `json:"limit_days" doc:"the dossier's time limit (for an appraisal, its project group's in force at receipt)"`
	LimitUnit     string             `json:"limit_unit" api:"enum=working_days|calendar_days"`
	Extensions    int                `json:"extensions" doc:"extensions made (at most the procedure's max_extensions)"`
	Consultations []consultationWire `json:"consultations" doc:"every consulted unit of the parallel steps, in the order asked"`
	Report        *conclusionWire    `json:"report" doc:"the last appraisal report recorded; null before"`
}

func toAppraisalWire(rec dossier.Record, t *org.Tree, now time.Time, lang string) appraisalWire {
	st := rec.State
	out := appraisalWire{ProjectID: rec.ProjectID, LimitDays: st.Limit.Value, LimitUnit: st.Limit.Unit.String(),
		Extensions: st.Extensions, Consultations: []consultationWire{}}
	if st.Limit.Unit == 0 {
		out.LimitUnit = rec.Procedure.Limit.Unit.String()
		out.LimitDays = rec.Procedure.Limit.Value
	}
	for _, b := range st.Branches {
		c := consultationWire{Step: b.Step, UnitID: b.UnitID, AskedAt: instant(b.AskedAt), Days: b.Days, DueAt: instant(b.Due),
			AnsweredAt: instantOrNil(b.AnsweredAt), AnsweredBy: b.AnsweredBy.Name, Verdict: string(b.Verdict), Opinion: b.Opinion,
			FileID: b.FileID, Closed: b.Closed, Result: toTimelinessWire(b.Result(now), lang)}
		if u, ok := t.Unit(b.UnitID); ok {
			c.UnitName = u.Name
		}
		out.Consultations = append(out.Consultations, c)
	}
	if r := st.Report; r != nil {
		out.Report = &conclusionWire{Verdict: string(r.Verdict), VerdictLabel: r.Verdict.Label(lang), Text: r.Text, FileID: r.FileID,
			At: instant(r.At), By: r.By.Name}
	}
	return out
}

// stepActionFields checks and completes a step action's fields: the units
// consulted are current units of the dossier's agency; the answering unit
// is one the caller may answer for (dossier.CanAnswer); a file is one the
// caller may attach.
func (s *Server) stepActionFields(r *http.Request, subj *auth.Subject, t *org.Tree, rec dossier.Record, req dossierEventRequest, ev *dossier.Event) error {
	if len(req.Branches) > 0 && ev.Action != dossier.Consult {
		return apperr.Invalidf("branches", "chỉ khi lấy ý kiến mới nêu đơn vị được hỏi", "only consult names units to ask")
	}
	switch ev.Action {
	case dossier.Consult:
		for _, b := range req.Branches {
			if u, ok := t.Unit(b.UnitID); !ok || !t.WithinAgency(u.ID, rec.AgencyID) || !u.Current() || u.ID == rec.AgencyID {
				return apperr.Invalidf("branches", "không có đơn vị số %d đang hoạt động trong cơ quan", "no current unit %d in the agency", b.UnitID)
			}
			ev.Branches = append(ev.Branches, dossier.BranchAsk{UnitID: b.UnitID, Days: b.Days})
		}
	case dossier.AnswerConsultation:
		mine := dossier.AnswerableBranches(subj, t, s.deps.Policy, rec.State)
		switch {
		case req.UnitID != 0:
			if err := dossier.CanAnswer(subj, t, s.deps.Policy, rec.State, req.UnitID); err != nil {
				return err
			}
			ev.UnitID = req.UnitID
		case len(mine) == 1:
			ev.UnitID = mine[0]
		default:
			return apperr.Invalidf("unit_id", "cần nêu đơn vị trả lời", "name the unit answering (unit_id)")
		}
	}
	if ev.FileID != 0 {
		if err := s.checkAttachable(r, subj, ev.FileID); err != nil {
			return err
		}
	}
	return nil
}

// checkAttachable refuses a file that does not exist or that the caller
// did not upload: an answer or a report carries the caller's own upload.
func (s *Server) checkAttachable(r *http.Request, subj *auth.Subject, id int64) error {
	f, _, err := s.deps.Store.FindFileByID(r.Context(), id)
	if apperr.Is(err, apperr.NotFound) || err == nil && f.UploadedBy != subj.PersonID {
		return apperr.Invalidf("file_id", "không có tệp số %d do bạn tải lên", "no file %d uploaded by you", id)
	}
	return err
}

// consultationRoutes are the lists of consultations: those a unit owes,
// and late consultations by unit.
func (s *Server) consultationRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/consultations", ID: "listConsultations", Tag: "dossiers",
			Access:   access.May("dossier.view", dossierViewGrants).Note("the consulted unit in ?unit_id= (or, omitted, the caller's own units)"),
			Summary:  "The consultations (lấy ý kiến) a unit owes: unanswered branches of parallel steps the dossiers are still at, most urgent first, each with its due and whether it is late. unit_id: one unit within the caller's reach; omitted, the caller's own units.",
			Query:    []param{{"unit_id", "integer", "the consulted unit"}, {"all", "boolean", "true: answered and closed ones too"}},
			Response: []consultationListWire{}, Status: http.StatusOK, Handle: s.handleConsultations},
		{Method: "GET", Pattern: "/api/v1/stats/consultations", ID: "consultationStats", Tag: "stats",
			Access:   access.May("dossier.stats", statsGrants).Note("the unit in ?unit_id= (default the caller's agency): the figures of the consulted units in its subtree"),
			Query:    []param{{"unit_id", "integer", "a unit of the agency (or the agency itself)"}},
			Summary:  "Late consultations by consulted unit, for the units of unit_id's subtree (default the caller's agency: the director's view): owed now, overdue now, answered on time, answered late, late in all (no answer at the end of the step counts late).",
			Response: []consultationFigureWire{}, Status: http.StatusOK, Handle: s.handleConsultationStats},
	}
}

// consultationListWire is one consultation a unit owes.
type consultationListWire struct {
	Code          string         `json:"code"`
	ProcedureCode string         `json:"procedure_code"`
	ApplicantName string         `json:"applicant_name"`
	ProjectID     int64          `json:"project_id"`
	UnitID        int64          `json:"unit_id"`
	AskedAt       string         `json:"asked_at" api:"format=date-time"`
	DueAt         string         `json:"due_at" api:"format=date-time"`
	AnsweredAt    *string        `json:"answered_at" api:"format=date-time"`
	Result        timelinessWire `json:"result"`
}

// consultationFigureWire counts one unit's consultations.
type consultationFigureWire struct {
	UnitID         int64  `json:"unit_id"`
	UnitName       string `json:"unit_name"`
	Total          int    `json:"total"`
	Owed           int    `json:"owed"`
	Overdue        int    `json:"overdue"`
	AnsweredOnTime int    `json:"answered_on_time"`
	AnsweredLate   int    `json:"answered_late"`
	Late           int    `json:"late"`
}

func (s *Server) handleConsultations(w http.ResponseWriter, r *http.Request) error {
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	var units []int64
	if v := r.URL.Query().Get("unit_id"); v != "" {
		id, err := queryID(r, "unit_id")
		if err != nil {
			return err
		}
		if !s.can(subj, t, dossier.PermView, id) {
			return apperr.Forbiddenf("Bạn không xem được ý kiến của đơn vị này", "You may not see this unit's consultations")
		}
		units = []int64{id}
	} else {
		for _, g := range subj.Grants {
			if g.UnitID != 0 && s.can(subj, t, dossier.PermView, g.UnitID) {
				units = append(units, g.UnitID)
			}
		}
	}
	out := []consultationListWire{}
	if len(units) > 0 {
		cs, err := s.deps.Store.FindConsultations(r.Context(), dossier.ConsultationFilter{UnitIDs: units, Owed: r.URL.Query().Get("all") != "true"})
		if err != nil {
			return err
		}
		now, lang := s.deps.Now(), httpx.Lang(r)
		for _, c := range cs {
			out = append(out, consultationListWire{Code: c.Code, ProcedureCode: c.ProcedureCode, ApplicantName: c.ApplicantName,
				ProjectID: c.ProjectID, UnitID: c.Branch.UnitID, AskedAt: instant(c.Branch.AskedAt), DueAt: instant(c.Branch.Due),
				AnsweredAt: instantOrNil(c.Branch.AnsweredAt), Result: toTimelinessWire(c.Branch.Result(now), lang)})
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleConsultationStats(w http.ResponseWriter, r *http.Request) error {
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	unit, err := queryID(r, "unit_id")
	if err != nil {
		return err
	}
	if unit == 0 {
		unit = subj.AgencyID
	}
	if _, ok := t.Unit(unit); !ok {
		return apperr.Invalidf("unit_id", "không có đơn vị số %d", "no unit %d", unit)
	}
	if !s.can(subj, t, dossier.PermStats, unit) {
		return apperr.Forbiddenf("Bạn không xem được thống kê của đơn vị này", "You may not see this unit's figures")
	}
	figs, err := s.deps.Store.ConsultationFigures(r.Context(), t.AgencyOf(unit), s.deps.Now())
	if err != nil {
		return err
	}
	out := []consultationFigureWire{}
	for _, f := range figs {
		if !t.Within(f.UnitID, unit) {
			continue
		}
		fw := consultationFigureWire{UnitID: f.UnitID, Total: f.Total, Owed: f.Owed, Overdue: f.Overdue,
			AnsweredOnTime: f.AnsweredOnTime, AnsweredLate: f.AnsweredLate, Late: f.Late}
		if u, ok := t.Unit(f.UnitID); ok {
			fw.UnitName = u.Name
		}
		out = append(out, fw)
	}
	return writeJSON(w, http.StatusOK, out)
}
