package api

import (
	"net/http"
	"strconv"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Civil-servant evaluations (internal/evaluation): the list of a year or
// a period, one evaluation with its breakdown, opening one's own, and the
// workflow's steps (NĐ 335/2025/NĐ-CP; NĐ 90/2020 + NĐ 48/2023 before 2026).

// evaluationViewGrants see an evaluation besides the person (evaluation.RegisterPolicy).
const evaluationViewGrants = "director deputy_director inspector: agency; head deputy_head: subtree"

func (s *Server) evaluationRoutes() []route {
	view := access.May("evaluation.view", evaluationViewGrants).Or("self")
	return []route{
		{Method: "GET", Pattern: "/api/v1/evaluations", ID: "listEvaluations", Tag: "evaluations",
			Access:  access.Login().Shows(view),
			Summary: "The evaluations of the caller's agency for a year, or one month or quarter of it, that the caller may see (their own; their units' as head; all as director, deputy or inspector).",
			Query: []param{
				{"year", "integer", "the year (this year by default)"},
				{"period", "string", "a month 1–12 or a quarter q1–q4; the whole year when omitted"},
				{"unit", "integer", "only the evaluations of this unit"},
			},
			Response: []evaluationResponse{}, Status: http.StatusOK, Handle: s.handleEvaluationList},
		{Method: "POST", Pattern: "/api/v1/evaluations", ID: "createEvaluation", Tag: "evaluations",
			Access:  access.Login().Note("the caller opens their own evaluation"),
			Summary: "Open the caller's own evaluation of a month or a quarter (draft), with the rule version in force on the period's first day; 409 when it exists.",
			Request: evaluationCreateRequest{}, Response: evaluationResponse{}, Status: http.StatusCreated, Handle: s.handleEvaluationCreate},
		{Method: "GET", Pattern: "/api/v1/evaluations/{id}", ID: "getEvaluation", Tag: "evaluations",
			Access:   view,
			Summary:  "One evaluation with every task and how it counted, the scores and the steps taken.",
			Response: evaluationResponse{}, Status: http.StatusOK, Handle: s.handleEvaluationView},
		{Method: "POST", Pattern: "/api/v1/evaluations/{id}/events", ID: "createEvaluationEvent", Tag: "evaluations",
			Access: access.May("evaluation.assess", "director deputy_director: agency; head deputy_head: subtree").
				Note("checked with assess of official@own's self-assessed evaluation; self_assess is the person's, approve the director's (never their own), return the assessor's or approver's: evaluation.CanAct"),
			Summary: "Take a step: self_assess (the person, with common points), assess (the head of the person's unit, with common points; a leader's by the agency's leaders), " +
				"approve (the director; refused with 409 naming the figures past the 20% quota of HTXSNV), return (with a reason). 400 for points outside the scale, 403 for the wrong person, 409 for the wrong state; nothing is written on a refusal.",
			Request: evaluationEventRequest{}, Response: evaluationResponse{}, Status: http.StatusOK, Handle: s.handleEvaluationEvent},
	}
}

// evaluationCreateRequest is the body of POST /api/v1/evaluations.
type evaluationCreateRequest struct {
	Year   int    `json:"year" api:"required"`
	Period string `json:"period" api:"required" doc:"a month 1–12 or a quarter q1–q4"`

	period work.Period
}

// Validate reads the period.
func (q *evaluationCreateRequest) Validate() error {
	if q.Year < calendar.MinYear || q.Year > calendar.MaxYear {
		return apperr.Invalidf("year", "năm không hợp lệ: %d", "invalid year: %d", q.Year)
	}
	p, err := evaluation.ParsePeriod(q.Year, q.Period)
	q.period = p
	return err
}

// evaluationEventRequest is the body of POST /api/v1/evaluations/{id}/events.
type evaluationEventRequest struct {
	Action  string             `json:"action" api:"required,enum=self_assess|assess|approve|return"`
	Common  map[string]float64 `json:"common" doc:"self_assess, assess: the common criteria's points, each 0 to its maximum (politics, capacity, innovation: 10 each by default)"`
	Hand    map[string]float64 `json:"hand" doc:"self_assess, assess of a leader: the handwritten items organise and solidarity, 0–100"`
	Reason  string             `json:"reason" api:"max=1000" doc:"return: why"`
	Note    string             `json:"note" api:"max=2000"`
	Version *int               `json:"version" doc:"the version read; 409 when it changed (or send If-Match)"`
}

// Validate checks the action.
func (q *evaluationEventRequest) Validate() error {
	switch evaluation.Action(q.Action) {
	case evaluation.ActionSelfAssess, evaluation.ActionAssess, evaluation.ActionApprove, evaluation.ActionReturn:
		return nil
	}
	return apperr.Invalidf("action", "thao tác không hợp lệ: %q (self_assess, assess, approve hoặc return)",
		"unknown action %q (self_assess, assess, approve or return)", q.Action)
}

type evaluationLineResponse struct {
	TaskID        int64   `json:"task_id"`
	Title         string  `json:"title"`
	Weight        float64 `json:"weight" doc:"hệ số quy đổi"`
	Share         float64 `json:"share" doc:"weight ÷ the period's assigned units"`
	Deadline      string  `json:"deadline" api:"format=date-time" doc:"the original deadline"`
	CompletedAt   *string `json:"completed_at" api:"format=date-time"`
	Done          bool    `json:"done"`
	Delayed       bool    `json:"delayed" doc:"late, the delay not exempted: −25% of its progress points"`
	DelayExempted bool    `json:"delay_exempted"`
	FailedReviews int     `json:"failed_reviews" doc:"returns not exempted: −25% of its quality points each"`
	ExemptReviews int     `json:"exempt_reviews"`
	Quantity      float64 `json:"quantity" doc:"its part of the quantity ratio"`
	Quality       float64 `json:"quality"`
	Progress      float64 `json:"progress"`
}

type evaluationStepResponse struct {
	Seq     int64              `json:"seq"`
	Action  string             `json:"action"`
	At      string             `json:"at" api:"format=date-time"`
	ActorID int64              `json:"actor_id"`
	Common  map[string]float64 `json:"common"`
	Reason  string             `json:"reason"`
	Note    string             `json:"note"`
	Grade   string             `json:"grade"`
	Total   float64            `json:"total"`
}

// evaluationResponse is one evaluation.
type evaluationResponse struct {
	ID          int64                    `json:"id"`
	PersonID    int64                    `json:"person_id"`
	PersonName  string                   `json:"person_name"`
	UnitID      int64                    `json:"unit_id"`
	Year        int                      `json:"year"`
	Period      string                   `json:"period" doc:"a month 1–12 or a quarter q1–q4"`
	PeriodLabel string                   `json:"period_label"`
	Group       string                   `json:"group" api:"enum=staff|leader" doc:"the task group the quota counts in"`
	RuleVersion string                   `json:"rule_version" doc:"the rule set in force on the period's first day"`
	Basis       string                   `json:"basis"`
	State       string                   `json:"state" api:"enum=draft|self_assessed|assessed|approved|returned"`
	SelfCommon  map[string]float64       `json:"self_common"`
	Common      map[string]float64       `json:"common"`
	CommonTotal float64                  `json:"common_total" doc:"of 30"`
	TaskPoints  float64                  `json:"task_points" doc:"of 70"`
	Ratios      map[string]float64       `json:"ratios" doc:"each item of the formula, 0–1"`
	UnitFactor  float64                  `json:"unit_factor" doc:"a leader's unit-result factor: 1, or 0.5 when someone they manage is rated KHTNV"`
	Total       float64                  `json:"total" doc:"of 100"`
	Grade       string                   `json:"grade" doc:"HTXSNV, HTTNV, HTNV, KHTNV; empty before self-assessment"`
	Disciplined bool                     `json:"disciplined" doc:"a discipline in the year forces KHTNV"`
	Version     int                      `json:"version"`
	Lines       []evaluationLineResponse `json:"lines"`
	Steps       []evaluationStepResponse `json:"steps"`
}

func toEvaluationResponse(e evaluation.Evaluation, basis string) evaluationResponse {
	out := evaluationResponse{ID: e.ID, PersonID: e.PersonID, PersonName: e.PersonName, UnitID: e.UnitID, Year: e.Period.Year,
		Period: evaluation.PeriodParam(e.Period), PeriodLabel: e.Period.Label("vi"), Group: string(e.Group), RuleVersion: e.RuleVersion, Basis: basis,
		State: string(e.State), SelfCommon: e.SelfCommon, Common: e.Common, CommonTotal: e.CommonTotal, TaskPoints: e.Task.Points,
		Ratios: map[string]float64{}, UnitFactor: e.UnitFactor, Total: e.Total, Grade: string(e.Grade), Disciplined: e.Disciplined,
		Version: e.Version, Lines: []evaluationLineResponse{}, Steps: []evaluationStepResponse{}}
	for k, v := range e.Task.Ratios {
		out.Ratios[string(k)] = v
	}
	for _, l := range e.Task.Lines {
		out.Lines = append(out.Lines, evaluationLineResponse{TaskID: l.TaskID, Title: l.Title, Weight: l.Weight, Share: l.Share,
			Deadline: instant(l.Deadline), CompletedAt: taskOptInstant(l.CompletedAt), Done: l.Done, Delayed: l.Delayed, DelayExempted: l.DelayExempted,
			FailedReviews: l.FailedReviews, ExemptReviews: l.ExemptReviews, Quantity: l.Quantity, Quality: l.Quality, Progress: l.Progress})
	}
	for _, ev := range e.Events {
		out.Steps = append(out.Steps, evaluationStepResponse{Seq: ev.Seq, Action: string(ev.Action), At: instant(ev.At), ActorID: ev.ActorID,
			Common: ev.Common, Reason: ev.Reason, Note: ev.Note, Grade: string(ev.Grade), Total: ev.Total})
	}
	return out
}

func (s *Server) handleEvaluationList(w http.ResponseWriter, r *http.Request) error {
	year, err := queryInt(r, "year", s.deps.Now().In(vn).Year(), calendar.MinYear, calendar.MaxYear)
	if err != nil {
		return err
	}
	unit, err := queryID(r, "unit")
	if err != nil {
		return err
	}
	f := store.EvaluationFilter{AgencyID: subjectOf(r).AgencyID, Year: year}
	if v := r.URL.Query().Get("period"); v != "" {
		p, err := evaluation.ParsePeriod(year, v)
		if err != nil {
			return err
		}
		f.Period = &p
	}
	if unit != 0 {
		f.UnitIDs = []int64{unit}
	}
	list, err := s.deps.Store.ListEvaluations(r.Context(), f)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	out := []evaluationResponse{}
	for _, e := range list {
		if evaluation.CanView(subjectOf(r), t, s.deps.Policy, e) == nil {
			out = append(out, toEvaluationResponse(e, ""))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleEvaluationCreate(w http.ResponseWriter, r *http.Request) error {
	var q evaluationCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	sub := subjectOf(r)
	e, err := s.deps.Store.CreateEvaluation(r.Context(), actorOf(sub), sub.PersonID, q.period, nil)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, s.evaluationOut(r, e))
}

// visibleEvaluation reads the evaluation in the path if the caller may see
// it; another agency's or one the caller may not see is 404.
func (s *Server) visibleEvaluation(r *http.Request) (evaluation.Evaluation, error) {
	id, err := pathID(r)
	if err != nil {
		return evaluation.Evaluation{}, err
	}
	e, err := s.deps.Store.FindEvaluation(r.Context(), id)
	if err != nil {
		return e, err
	}
	t, err := s.tree(r)
	if err != nil {
		return e, err
	}
	if err := evaluation.CanView(subjectOf(r), t, s.deps.Policy, e); err != nil {
		return evaluation.Evaluation{}, err
	}
	return e, nil
}

func (s *Server) evaluationOut(r *http.Request, e evaluation.Evaluation) evaluationResponse {
	basis := ""
	if rs, err := s.deps.Store.EvaluationRuleSet(r.Context(), e.AgencyID, e.RuleVersion); err == nil {
		basis = rs.Basis
	}
	return toEvaluationResponse(e, basis)
}

func (s *Server) handleEvaluationView(w http.ResponseWriter, r *http.Request) error {
	e, err := s.visibleEvaluation(r)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(e.Version)+`"`)
	return writeJSON(w, http.StatusOK, s.evaluationOut(r, e))
}

func (s *Server) handleEvaluationEvent(w http.ResponseWriter, r *http.Request) error {
	var q evaluationEventRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	version, err := ifMatch(r, q.Version)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	ev := evaluation.Event{Action: evaluation.Action(q.Action), Common: q.Common, Reason: q.Reason, Note: q.Note}
	if len(q.Hand) > 0 {
		ev.Hand = map[evaluation.Item]float64{}
		for k, v := range q.Hand {
			ev.Hand[evaluation.Item(k)] = v
		}
	}
	sub := subjectOf(r)
	next, err := s.deps.Store.RecordEvaluationEvent(r.Context(), actorOf(sub), id, version, ev, func(e evaluation.Evaluation) error {
		return evaluation.CanAct(sub, t, s.deps.Policy, e, ev.Action)
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(next.Version)+`"`)
	return writeJSON(w, http.StatusOK, s.evaluationOut(r, next))
}
