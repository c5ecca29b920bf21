package api

import (
	"net/http"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/flow"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// Where time is lost (issue #14 item 2; internal/flow): the bottleneck
// analysis of a procedure over a period, from the rollups, and the
// dossiers behind each of its figures. Who may: dossier.stats on the unit,
// as the period report.

func (s *Server) bottleneckRoutes() []route {
	query := []param{
		{"procedure", "string", "the procedure's code (required)"},
		{"from", "date", "first day of the period (YYYY-MM-DD); the first of the current month when absent"},
		{"to", "date", "last day of the period, included (YYYY-MM-DD); today when absent"},
		{"unit", "integer", "only the steps handled by this unit and the units below it; the caller's agency (every step) when absent"},
	}
	compare := []param{
		{"compare_from", "date", "first day of a second period to set beside the first (before a change), with compare_to"},
		{"compare_to", "date", "last day of the second period, included"},
	}
	return []route{
		{Method: "GET", Pattern: "/api/v1/stats/bottlenecks", ID: "getBottlenecks", Tag: "stats",
			Access: access.May("dossier.stats", statsGrants),
			Summary: "Where time is lost in a procedure (dossier.stats on the unit): per step, the passes ended in the period (count), " +
				"the median and 90th-percentile working hours from a fixed histogram (exact to its bucket), the budget, the share over budget, " +
				"the mean waiting from hand-off to pick-up apart from the handling, the hours lost beyond the budget, the late dossiers laid to the step; " +
				"the directly-follows graph of the hand-offs; the steps and units late dossiers are laid to; and, with compare_from and compare_to, a second period and the difference.",
			Query: append(append([]param{}, query...), compare...), Response: bottleneckResponse{}, Status: http.StatusOK, Handle: s.handleBottlenecks},
		{Method: "GET", Pattern: "/api/v1/stats/bottlenecks/dossiers", ID: "listBottleneckDossiers", Tag: "stats",
			Access: access.May("dossier.stats", statsGrants),
			Summary: "The dossiers behind one figure of a step of the bottleneck analysis, newest first (dossier.stats on the unit). figure is one of " +
				figureList() + "; step is the step's number from 0.",
			Query: append(append([]param{}, query...), param{"step", "integer", "the step, from 0 (required)"}, param{"figure", "string", "the figure (required)"},
				param{"limit", "integer", "how many at most (default 50, maximum 500)"}),
			Response: []dossierSummaryResponse{}, Status: http.StatusOK, Handle: s.handleBottleneckDossiers},
		{Method: "GET", Pattern: "/api/v1/stats/task-bottlenecks", ID: "getTaskBottlenecks", Tag: "stats",
			Access: access.May("dossier.stats", statsGrants).Note("the same readers as the period report: directors, deputies, inspectors, heads of their subtree"),
			Summary: "Where the tasks' time is lost, per plan and lead unit over a period (the readers of the period report, on the unit): " +
				"the obstacles resolved and the days they blocked, the reviews decided and the mean days a result waited for one, the returns for rework. " +
				"Calendar days of 24 hours, counted on the day the obstacle was resolved or the review decided.",
			Query: query[1:], Response: []taskBottleneckResponse{}, Status: http.StatusOK, Handle: s.handleTaskBottlenecks},
	}
}

// taskBottleneckResponse is one plan's tasks of a lead unit over the period.
type taskBottleneckResponse struct {
	PlanID          int64   `json:"plan_id" doc:"0: tasks outside a plan"`
	UnitID          int64   `json:"unit_id" doc:"the lead unit"`
	UnitName        string  `json:"unit_name"`
	Obstacles       int64   `json:"obstacles" doc:"obstacles resolved in the period"`
	BlockedDays     float64 `json:"blocked_days" doc:"days they blocked the tasks, in all"`
	MeanBlockedDays float64 `json:"mean_blocked_days"`
	Reviews         int64   `json:"reviews" doc:"results accepted or returned in the period"`
	MeanReviewDays  float64 `json:"mean_review_days" doc:"mean days from a submission to its review"`
	Returns         int64   `json:"returns" doc:"results returned for rework"`
	ReturnShare     float64 `json:"return_share" doc:"returns ÷ reviews, 0 to 1"`
}

func (s *Server) handleTaskBottlenecks(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.statsScopeOf(r, false)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	agency := t.AgencyOf(sc.unit)
	var units []int64
	if sc.unit != agency {
		units = sc.units
	}
	sums, err := s.deps.Store.TaskFlowRows(r.Context(), agency, units, sc.from, sc.to)
	if err != nil {
		return err
	}
	out := make([]taskBottleneckResponse, 0, len(sums))
	for _, sum := range sums {
		l := sum.Line()
		name := ""
		if u, ok := t.Unit(l.UnitID); ok {
			name = u.Name
		}
		out = append(out, taskBottleneckResponse{PlanID: l.PlanID, UnitID: l.UnitID, UnitName: name, Obstacles: l.Obstacles, BlockedDays: l.BlockedDays,
			MeanBlockedDays: l.MeanBlockedDays, Reviews: l.Reviews, MeanReviewDays: l.MeanReviewDays, Returns: l.Returns, ReturnShare: l.ReturnShare})
	}
	return writeJSON(w, http.StatusOK, out)
}

func figureList() string {
	names := make([]string, len(flow.Figures))
	for i, f := range flow.Figures {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// bottleneckResponse is the analysis of a procedure over a period.
type bottleneckResponse struct {
	Procedure     string             `json:"procedure"`
	ProcedureName string             `json:"procedure_name"`
	From          string             `json:"from" api:"format=date"`
	To            string             `json:"to" api:"format=date"`
	UnitID        int64              `json:"unit_id"`
	UnitName      string             `json:"unit_name"`
	Late          int64              `json:"late" doc:"late dossiers completed in the period, each laid to one step"`
	Steps         []bottleneckStep   `json:"steps"`
	Edges         []bottleneckEdge   `json:"edges" doc:"the directly-follows graph: hand-offs from step to step (to_step -1: completion)"`
	LateCauses    []bottleneckCause  `json:"late_causes" doc:"the steps and units late dossiers are laid to, most first"`
	CompareFrom   string             `json:"compare_from,omitempty" api:"format=date"`
	CompareTo     string             `json:"compare_to,omitempty" api:"format=date"`
	Compare       []bottleneckChange `json:"compare" doc:"with compare_from and compare_to: each step in the second period and the change from it to the first (first less second); empty otherwise"`
}

// bottleneckStep is one step's figures.
type bottleneckStep struct {
	Step            int     `json:"step" doc:"the step's number, from 0"`
	Name            string  `json:"name"`
	Count           int64   `json:"count" doc:"passes through the step ended in the period (a step returned to is passed again)"`
	MedianHours     float64 `json:"median_hours" doc:"median working hours of a pass, pauses excluded"`
	P90Hours        float64 `json:"p90_hours" doc:"90th percentile of the working hours of a pass"`
	BudgetHours     float64 `json:"budget_hours" doc:"the step's budget in working hours (1 working day = 8 hours)"`
	OverBudgetShare float64 `json:"over_budget_share" doc:"share of the passes over budget, 0 to 1"`
	WaitHours       float64 `json:"wait_hours" doc:"mean working hours from the hand-off in to the pick-up (the first action at the step other than the hand-off out; none recorded: 0)"`
	HandlingHours   float64 `json:"handling_hours" doc:"mean working hours of handling: the pass less the waiting"`
	OverHours       float64 `json:"over_hours" doc:"working hours beyond the budget, all passes together: the time the step lost"`
	LateCaused      int64   `json:"late_caused" doc:"late dossiers laid to the step: the step furthest over its budget (none over: the longest)"`
	Returned        int64   `json:"returned" doc:"passes that ended with a return for rework"`
	Slowest         bool    `json:"slowest" doc:"the step that lost the most time (with nothing over budget, the highest median against the budget)"`
}

// bottleneckEdge is one hand-off of the directly-follows graph.
type bottleneckEdge struct {
	FromStep  int     `json:"from_step"`
	ToStep    int     `json:"to_step" doc:"-1: the dossier was completed"`
	Count     int64   `json:"count"`
	MeanHours float64 `json:"mean_hours" doc:"mean working hours of the pass that ended with the hand-off"`
}

// bottleneckCause is a step and unit late dossiers are laid to.
type bottleneckCause struct {
	Step     int    `json:"step"`
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Late     int64  `json:"late"`
}

// bottleneckChange is a step in the second period and the change.
type bottleneckChange struct {
	Step                 int     `json:"step"`
	Name                 string  `json:"name"`
	Count                int64   `json:"count" doc:"in the second period"`
	MedianHours          float64 `json:"median_hours"`
	P90Hours             float64 `json:"p90_hours"`
	OverBudgetShare      float64 `json:"over_budget_share"`
	WaitHours            float64 `json:"wait_hours"`
	LateCaused           int64   `json:"late_caused"`
	CountChange          int64   `json:"count_change" doc:"first period less second"`
	MedianHoursChange    float64 `json:"median_hours_change"`
	P90HoursChange       float64 `json:"p90_hours_change"`
	OverBudgetShareDelta float64 `json:"over_budget_share_change"`
	WaitHoursChange      float64 `json:"wait_hours_change"`
	LateCausedChange     int64   `json:"late_caused_change"`
}

// bottleneckScope is the period report's scope (statsScopeOf) with the
// procedure, the agency and the units filter (nil: the whole agency).
type bottleneckScope struct {
	statsScope
	proc   string
	agency int64
	filter []int64
	tree   *org.Tree
}

func (s *Server) bottleneckScopeOf(r *http.Request) (bottleneckScope, error) {
	var b bottleneckScope
	b.proc = strings.TrimSpace(r.URL.Query().Get("procedure"))
	if b.proc == "" {
		return b, apperr.Invalidf("procedure", "thiếu mã thủ tục (procedure)", "the procedure's code is required (procedure)")
	}
	sc, err := s.statsScopeOf(r, false)
	if err != nil {
		return b, err
	}
	b.statsScope = sc
	if b.tree, err = s.tree(r); err != nil {
		return b, err
	}
	b.agency = b.tree.AgencyOf(sc.unit)
	if sc.unit != b.agency {
		b.filter = sc.units
	}
	return b, nil
}

func (s *Server) handleBottlenecks(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bottleneckScopeOf(r)
	if err != nil {
		return err
	}
	var cmpFrom, cmpTo calendar.Date
	f, hasFrom, err := queryDay(r, "compare_from")
	if err != nil {
		return err
	}
	t, hasTo, err := queryDay(r, "compare_to")
	if err != nil {
		return err
	}
	switch {
	case hasFrom != hasTo:
		return apperr.Invalidf("compare_to", "kỳ so sánh cần cả ngày đầu (compare_from) và ngày cuối (compare_to)",
			"a second period needs both compare_from and compare_to")
	case hasFrom && t.Before(f):
		return apperr.Invalidf("compare_to", "ngày cuối kỳ so sánh %s trước ngày đầu %s", "the second period's last day %s is before its first %s", t.DMY(), f.DMY())
	case hasFrom && t.Sub(f) > 366*10:
		return apperr.Invalidf("compare_to", "kỳ so sánh dài tối đa 10 năm", "a period is at most 10 years long")
	}
	cmpFrom, cmpTo = f, t
	a, p, err := s.deps.Store.Bottlenecks(r.Context(), b.agency, b.proc, b.filter, b.from, b.to)
	if err != nil {
		return err
	}
	out := bottleneckResponse{Procedure: p.Code, ProcedureName: p.Name, From: b.from.String(), To: b.to.String(), UnitID: b.unit, UnitName: b.unitName,
		Late: a.Late, Steps: []bottleneckStep{}, Edges: []bottleneckEdge{}, LateCauses: []bottleneckCause{}, Compare: []bottleneckChange{}}
	for _, st := range a.Steps {
		out.Steps = append(out.Steps, bottleneckStep{Step: st.Step, Name: st.Name, Count: st.Count, MedianHours: st.MedianHours, P90Hours: st.P90Hours,
			BudgetHours: st.BudgetHours, OverBudgetShare: st.OverBudgetShare, WaitHours: st.WaitHours, HandlingHours: st.HandlingHours,
			OverHours: st.OverHours, LateCaused: st.LateCaused, Returned: st.Returned, Slowest: st.Slowest})
	}
	for _, e := range a.Edges {
		out.Edges = append(out.Edges, bottleneckEdge{FromStep: e.From, ToStep: e.To, Count: e.Count, MeanHours: e.MeanHours})
	}
	for _, c := range a.Causes {
		name := ""
		if u, ok := b.tree.Unit(c.UnitID); ok {
			name = u.Name
		}
		out.LateCauses = append(out.LateCauses, bottleneckCause{Step: c.Step, UnitID: c.UnitID, UnitName: name, Late: c.Late})
	}
	if hasFrom {
		other, _, err := s.deps.Store.Bottlenecks(r.Context(), b.agency, b.proc, b.filter, cmpFrom, cmpTo)
		if err != nil {
			return err
		}
		out.CompareFrom, out.CompareTo = cmpFrom.String(), cmpTo.String()
		for _, d := range flow.Compare(other, a) {
			o := d.Before
			out.Compare = append(out.Compare, bottleneckChange{Step: d.Step, Name: d.Name, Count: o.Count, MedianHours: o.MedianHours, P90Hours: o.P90Hours,
				OverBudgetShare: o.OverBudgetShare, WaitHours: o.WaitHours, LateCaused: o.LateCaused,
				CountChange: d.Count, MedianHoursChange: d.MedianHours, P90HoursChange: d.P90Hours, OverBudgetShareDelta: d.OverBudgetShare,
				WaitHoursChange: d.WaitHours, LateCausedChange: d.LateCaused})
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleBottleneckDossiers(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bottleneckScopeOf(r)
	if err != nil {
		return err
	}
	if strings.TrimSpace(r.URL.Query().Get("step")) == "" {
		return apperr.Invalidf("step", "thiếu bước (step)", "the step is required (step)")
	}
	step, err := queryInt(r, "step", 0, 0, 99)
	if err != nil {
		return err
	}
	fig := flow.Figure(strings.TrimSpace(r.URL.Query().Get("figure")))
	if !fig.Valid() {
		return apperr.Invalidf("figure", "không có chỉ tiêu %q (một trong: %s)", "no figure %q (one of: %s)", string(fig), figureList())
	}
	limit, err := queryInt(r, "limit", 50, 1, 500)
	if err != nil {
		return err
	}
	list, _, err := s.deps.Store.FlowDossiers(r.Context(), b.agency, b.proc, b.filter, b.from, b.to, step, fig, limit)
	if err != nil {
		return err
	}
	out := make([]dossierSummaryResponse, 0, len(list))
	now, lang := s.deps.Now(), httpx.Lang(r)
	for _, d := range list {
		out = append(out, toSummaryResponse(d, now, lang))
	}
	return writeJSON(w, http.StatusOK, out)
}
