package api

import (
	"math"
	"net/http"
	"strconv"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Plans (chương trình, kế hoạch công tác) with their targets (chỉ tiêu).
// A plan is seen by those who may see its owner unit's tasks
// (work.ViewTask) and created, and its actuals reported, by those who may
// assign them (work.CreateTask).

func (s *Server) planRoutes() []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/plans", ID: "createPlan", Tag: "plans",
			Access:  access.May("task.create", taskCreateGrants),
			Summary: "Create a year, quarter or month plan of a unit with its source document and targets (the unit's managers, or the directors).",
			Request: planCreateRequest{}, Response: planResponse{}, Status: http.StatusCreated, Handle: s.handlePlanCreate},
		{Method: "GET", Pattern: "/api/v1/plans", ID: "listPlans", Tag: "plans",
			Access:  access.Login().Shows(access.May("task.view", taskViewGrants)),
			Summary: "Plans the caller may see, the latest period first.",
			Query: append([]param{
				{"owner_unit_id", "integer", "plans of this unit"},
				{"year", "integer", "plans of this year"},
				{"q", "string", "search in titles and source documents, diacritic-insensitive"},
			}, pageParams...),
			Response: []planResponse{}, Status: http.StatusOK, Handle: s.handlePlanList},
		{Method: "GET", Pattern: "/api/v1/plans/{id}", ID: "getPlan", Tag: "plans",
			Access:   access.May("task.view", taskViewGrants),
			Summary:  "One plan with its targets, their actuals and attainment, and the progress of its tasks.",
			Response: planResponse{}, Status: http.StatusOK, Handle: s.handlePlanView},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/targets/{tid}/actuals", ID: "createTargetActual", Tag: "plans",
			Access:  access.May("task.create", taskCreateGrants),
			Summary: "Report an actual value of a target with its evidence (the owner unit's managers, or the directors).",
			Request: actualRequest{}, Response: targetResponse{}, Status: http.StatusCreated, Handle: s.handleTargetActual},
	}
}

type periodRequest struct {
	Kind    string `json:"kind" api:"required,enum=year|quarter|month"`
	Year    int    `json:"year" api:"required"`
	Quarter int    `json:"quarter" doc:"1–4, for a quarter"`
	Month   int    `json:"month" doc:"1–12, for a month"`
}

type sourceRequest struct {
	Number string `json:"number" doc:"số, ký hiệu, e.g. 09/CT-UBND"`
	Date   string `json:"date" api:"format=date"`
	Issuer string `json:"issuer"`
	Title  string `json:"title" doc:"trích yếu"`
}

type actualRequest struct {
	Label    string  `json:"label" doc:"the reporting period as written, e.g. Tháng 3/2026"`
	Date     string  `json:"date" api:"required,format=date" doc:"the date the value is as of"`
	Value    float64 `json:"value"`
	Evidence string  `json:"evidence" doc:"the document, report or link proving it"`

	date calendar.Date
}

// Validate checks the request's shape.
func (q *actualRequest) Validate() error {
	d, err := requireDate("date", q.Date)
	if err != nil {
		return err
	}
	q.date, _ = calendar.ParseDate(d)
	if math.IsNaN(q.Value) || q.Value < 0 {
		return apperr.Invalidf("value", "số liệu thực hiện phải là số không âm", "the actual value must be a non-negative number")
	}
	return nil
}

func (q actualRequest) toActual() work.Actual {
	return work.Actual{Label: q.Label, Date: q.date, Value: q.Value, Evidence: q.Evidence}
}

type targetRequest struct {
	Name          string          `json:"name" api:"required"`
	UnitOfMeasure string          `json:"unit_of_measure" api:"required" doc:"đơn vị tính: %, hồ sơ, tỷ đồng"`
	TargetValue   float64         `json:"target_value" api:"required"`
	Sum           bool            `json:"sum" doc:"true when actuals add up (a flow per report); false when the latest is the current value"`
	Actuals       []actualRequest `json:"actuals"`
}

// planCreateRequest is the body of POST /api/v1/plans.
type planCreateRequest struct {
	Title       string          `json:"title" api:"required,min=3,max=300"`
	OwnerUnitID int64           `json:"owner_unit_id" api:"required"`
	Period      periodRequest   `json:"period" api:"required"`
	Source      *sourceRequest  `json:"source"`
	Targets     []targetRequest `json:"targets"`

	source calendar.Date
}

// Validate checks the request's shape; the domain checks the rest.
func (q *planCreateRequest) Validate() error {
	var err error
	if q.Title, err = apperr.Text("title", q.Title, 3, 300); err != nil {
		return err
	}
	if err := requireID("owner_unit_id", q.OwnerUnitID); err != nil {
		return err
	}
	if q.Source != nil && q.Source.Date != "" {
		d, err := requireDate("source.date", q.Source.Date)
		if err != nil {
			return err
		}
		q.source, _ = calendar.ParseDate(d)
	}
	for i := range q.Targets {
		for j := range q.Targets[i].Actuals {
			a := &q.Targets[i].Actuals[j]
			if err := a.Validate(); err != nil {
				if e := apperr.As(err); e != nil {
					e.Field = "targets[" + strconv.Itoa(i) + "].actuals[" + strconv.Itoa(j) + "]." + e.Field
				}
				return err
			}
		}
	}
	return nil
}

func (q planCreateRequest) toPlan(agencyID int64) work.Plan {
	p := work.Plan{AgencyID: agencyID, OwnerUnitID: q.OwnerUnitID, Title: q.Title,
		Period: work.Period{Kind: work.PeriodKind(q.Period.Kind), Year: q.Period.Year, Quarter: q.Period.Quarter, Month: q.Period.Month}}
	if q.Source != nil {
		p.Source = work.SourceDocument{Number: q.Source.Number, Date: q.source, Issuer: q.Source.Issuer, Title: q.Source.Title}
	}
	for _, t := range q.Targets {
		tg := work.Target{Name: t.Name, UnitOfMeasure: t.UnitOfMeasure, TargetValue: t.TargetValue, Sum: t.Sum}
		for _, a := range t.Actuals {
			tg.Actuals = append(tg.Actuals, a.toActual())
		}
		p.Targets = append(p.Targets, tg)
	}
	return p
}

type actualResponse struct {
	Label    string  `json:"label"`
	Date     string  `json:"date" api:"format=date"`
	Value    float64 `json:"value"`
	Evidence string  `json:"evidence"`
}

type targetResponse struct {
	ID            int64            `json:"id"`
	Name          string           `json:"name"`
	UnitOfMeasure string           `json:"unit_of_measure"`
	TargetValue   float64          `json:"target_value"`
	Sum           bool             `json:"sum"`
	Current       *float64         `json:"current" doc:"the current actual value; null before any actual"`
	Attainment    *float64         `json:"attainment" doc:"current ÷ target (1 reached, above 1 exceeded); null before any actual"`
	Actuals       []actualResponse `json:"actuals"`
}

func toTargetResponse(t work.Target) targetResponse {
	out := targetResponse{ID: t.ID, Name: t.Name, UnitOfMeasure: t.UnitOfMeasure, TargetValue: t.TargetValue, Sum: t.Sum, Actuals: []actualResponse{}}
	if v, ok := t.Current(); ok {
		out.Current = &v
	}
	if v, ok := t.Attainment(); ok {
		out.Attainment = &v
	}
	for _, a := range t.Actuals {
		out.Actuals = append(out.Actuals, actualResponse{Label: a.Label, Date: a.Date.String(), Value: a.Value, Evidence: a.Evidence})
	}
	return out
}

type planProgressResponse struct {
	Tasks     int     `json:"tasks" doc:"tasks carrying out the plan, not cancelled"`
	KeyTasks  int     `json:"key_tasks"`
	Done      int     `json:"done"`
	Overdue   int     `json:"overdue"`
	Cancelled int     `json:"cancelled"`
	Progress  float64 `json:"progress" doc:"weighted mean of the tasks' reported percentages"`
}

// planResponse is a plan on the wire.
type planResponse struct {
	ID          int64                   `json:"id"`
	AgencyID    int64                   `json:"agency_id"`
	OwnerUnitID int64                   `json:"owner_unit_id"`
	Title       string                  `json:"title"`
	Period      periodRequest           `json:"period"`
	PeriodLabel string                  `json:"period_label" doc:"e.g. Quý II/2026"`
	PeriodStart string                  `json:"period_start" api:"format=date"`
	PeriodEnd   string                  `json:"period_end" api:"format=date"`
	Source      *sourceRequest          `json:"source"`
	Version     int                     `json:"version"`
	Targets     []targetResponse        `json:"targets"`
	Progress    *planProgressResponse   `json:"progress,omitempty" doc:"the tasks' progress, in the single-plan view"`
	Attainment  *planAttainmentResponse `json:"attainment" doc:"how far the targets are reached, beside the tasks' progress; null for a plan without targets"`
}

// planAttainmentResponse is work.PlanAttainment on the wire.
type planAttainmentResponse struct {
	Targets  int     `json:"targets"`
	Reported int     `json:"reported" doc:"targets with at least one actual"`
	Reached  int     `json:"reached" doc:"targets at 100% or more"`
	Mean     float64 `json:"mean" doc:"mean attainment over all targets, 0–1: each capped at 1, a target without actuals counting 0"`
}

func toPlanResponse(p work.Plan, lang string) planResponse {
	out := planResponse{ID: p.ID, AgencyID: p.AgencyID, OwnerUnitID: p.OwnerUnitID, Title: p.Title,
		Period:      periodRequest{Kind: string(p.Period.Kind), Year: p.Period.Year, Quarter: p.Period.Quarter, Month: p.Period.Month},
		PeriodLabel: p.Period.Label(lang), PeriodStart: p.Period.Start().String(), PeriodEnd: p.Period.End().String(),
		Version: p.Version, Targets: []targetResponse{}}
	if a, ok := p.Attainment(); ok {
		out.Attainment = &planAttainmentResponse{Targets: a.Targets, Reported: a.Reported, Reached: a.Reached, Mean: a.Mean}
	}
	if !p.Source.IsZero() {
		out.Source = &sourceRequest{Number: p.Source.Number, Date: p.Source.Date.String(), Issuer: p.Source.Issuer, Title: p.Source.Title}
	}
	for _, t := range p.Targets {
		out.Targets = append(out.Targets, toTargetResponse(t))
	}
	return out
}

func (s *Server) handlePlanCreate(w http.ResponseWriter, r *http.Request) error {
	var q planCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	u, err := knownUnit(t, "owner_unit_id", q.OwnerUnitID)
	if err != nil {
		return err
	}
	if err := s.authorize(subj, t, work.CreateTask, u.ID); err != nil {
		return err
	}
	p, err := s.deps.Store.CreatePlan(r.Context(), actorOf(subj), q.toPlan(u.AgencyID))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/plans/"+strconv.FormatInt(p.ID, 10))
	return writeJSON(w, http.StatusCreated, toPlanResponse(p, httpx.Lang(r)))
}

func (s *Server) handlePlanList(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	f := store.PlanFilter{Limit: pg.limit, Offset: pg.offset}
	if f.Year, err = queryInt(r, "year", 0, calendar.MinYear, calendar.MaxYear); err != nil {
		return err
	}
	if f.Query, err = queryText(r, "q", 200); err != nil {
		return err
	}
	owner, err := queryID(r, "owner_unit_id")
	if err != nil {
		return err
	}
	// The plans the caller may see: their agency's when agency-wide,
	// otherwise those of the units below their grants.
	f.AgencyID = subj.AgencyID
	scope := store.TaskScopeOf(subj, t)
	if len(scope.AgencyIDs) == 0 {
		f.OwnerUnitIDs = append([]int64{}, scope.UnitIDs...)
	}
	if owner != 0 {
		if _, err := knownUnit(t, "owner_unit_id", owner); err != nil {
			return err
		}
		if err := s.authorize(subj, t, work.ViewTask, owner); err != nil {
			return err
		}
		f.OwnerUnitIDs = []int64{owner}
	}
	list, err := s.deps.Store.FindPlans(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]planResponse, 0, len(list))
	for _, p := range list {
		if s.can(subj, t, work.ViewTask, p.OwnerUnitID) {
			out = append(out, toPlanResponse(p, httpx.Lang(r)))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// visiblePlan loads a plan the caller may see.
func (s *Server) visiblePlan(r *http.Request, a auth.Action) (store.PlanDetail, *auth.Subject, error) {
	id, err := pathID(r)
	if err != nil {
		return store.PlanDetail{}, nil, err
	}
	d, err := s.deps.Store.FindPlanByID(r.Context(), id)
	if err != nil {
		return d, nil, err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return d, subj, err
	}
	return d, subj, s.authorize(subj, t, a, d.Plan.OwnerUnitID)
}

func (s *Server) handlePlanView(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.visiblePlan(r, work.ViewTask)
	if err != nil {
		return err
	}
	out := toPlanResponse(d.Plan, httpx.Lang(r))
	p := d.Progress
	out.Progress = &planProgressResponse{Tasks: p.Tasks, KeyTasks: p.KeyTasks, Done: p.Done, Overdue: p.Overdue, Cancelled: p.Cancelled, Progress: p.Progress}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleTargetActual(w http.ResponseWriter, r *http.Request) error {
	var q actualRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	tid, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil || tid <= 0 {
		return apperr.Invalidf("tid", "mã chỉ tiêu trong đường dẫn phải là số nguyên dương", "the target id in the path must be a positive whole number")
	}
	d, subj, err := s.visiblePlan(r, work.CreateTask)
	if err != nil {
		return err
	}
	tg, err := s.deps.Store.AddTargetActual(r.Context(), actorOf(subj), d.Plan.ID, tid, q.toActual())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toTargetResponse(tg))
}
