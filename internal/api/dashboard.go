package api

import (
	"math"
	"net/http"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/dashboard"
)

// The dashboard of the director, the deputies and each head (issue #14
// item 1): the figures of the web page /dashboard, from the rollups
// (store.Dashboard). Who may read it is who reads the unit's statistics
// (dossier.stats): directors, deputies and inspectors on the agency, heads
// and deputy heads on their subtree.

func (s *Server) dashboardRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/dashboard", ID: "getDashboard", Tag: "stats",
			Access: access.May("dossier.stats", statsGrants),
			Summary: "The dashboard of a unit for a period (dossier.stats on it): tasks completed on time and late and obstacles raised, " +
				"the period report Biểu II.06a with its QĐ 766 progress score, the applicants' satisfaction and its QĐ 766 score, by month, " +
				"by unit directly below and by procedure, the open tasks late and blocked now, and for an agency the disbursement rate of its register. " +
				"from after to, a date that is not one or a unit outside the caller's scope: 400 or 403 naming the field.",
			Query: []param{
				{"from", "date", "first day of the period (YYYY-MM-DD)"},
				{"to", "date", "last day of the period, included (YYYY-MM-DD)"},
				{"unit", "integer", "the unit; the caller's agency when absent"},
			},
			Response: dashboardResponse{}, Status: http.StatusOK, Handle: s.handleDashboard},
	}
}

type dashboardResponse struct {
	From         string                  `json:"from" api:"format=date"`
	To           string                  `json:"to" api:"format=date"`
	UnitID       int64                   `json:"unit_id"`
	UnitName     string                  `json:"unit_name"`
	Tasks        dashTasksResponse       `json:"tasks"`
	Dossiers     dashDossiersResponse    `json:"dossiers"`
	Satisfaction dashRatingsResponse     `json:"satisfaction"`
	Disbursement *dashDisbursement       `json:"disbursement" doc:"the agency's register for the year of to, up to its month; null on a unit below an agency"`
	Months       []dashMonthResponse     `json:"months"`
	Units        []dashUnitResponse      `json:"units" doc:"the unit itself (what it leads directly) then each unit directly below it"`
	Procedures   []dashProcedureResponse `json:"procedures" doc:"at most 15, the most late first"`
}

type dashTasksResponse struct {
	DoneOnTime  int     `json:"done_on_time" doc:"completed in the period on or before the original deadline's day"`
	DoneLate    int     `json:"done_late" doc:"completed in the period after the original deadline's day"`
	Obstacles   int     `json:"obstacles" doc:"obstacles raised in the period"`
	OnTimeShare float64 `json:"on_time_share" doc:"done_on_time ÷ done, 0 to 1 (1 when none), rounded to 4 decimals"`
	LateNow     int     `json:"late_now" doc:"open tasks past their deadline's day now"`
	BlockedNow  int     `json:"blocked_now" doc:"open tasks blocked by an obstacle now"`
}

type dashDossiersResponse struct {
	Received      statsReceived   `json:"received"`
	Resolved      statsResolved   `json:"resolved"`
	InProgress    statsInProgress `json:"in_progress"`
	Withdrawn     int             `json:"withdrawn"`
	OnTimeShare   float64         `json:"on_time_share" doc:"resolved early or on time ÷ resolved, 0 to 1 (1 when none), rounded to 4 decimals"`
	ProgressScore float64         `json:"progress_score" doc:"QĐ 766/QĐ-TTg progress and results score out of 20, rounded to 2 decimals"`
}

type dashRatingsResponse struct {
	Satisfied    int     `json:"satisfied"`
	Acceptable   int     `json:"acceptable"`
	Dissatisfied int     `json:"dissatisfied"`
	Ratio        float64 `json:"ratio" doc:"(rated − dissatisfied) ÷ rated, 0 to 1 (1 when none), rounded to 4 decimals"`
	Score        float64 `json:"score" doc:"QĐ 766/QĐ-TTg satisfaction score out of 18 as ratio × 18 (the weights of its sub-indicators are not verified), rounded to 2 decimals"`
}

type dashDisbursement struct {
	Year   int     `json:"year"`
	Month  int     `json:"month"`
	Plan   int64   `json:"plan" doc:"plan assigned by the Prime Minister, đồng"`
	Actual int64   `json:"actual" doc:"disbursed up to the end of the month, đồng"`
	Rate   float64 `json:"rate" doc:"actual ÷ plan (0 without a plan), rounded to 4 decimals"`
}

type dashCounts struct {
	TasksOnTime     int `json:"tasks_on_time"`
	TasksLate       int `json:"tasks_late"`
	Obstacles       int `json:"obstacles"`
	DossiersEarly   int `json:"dossiers_early"`
	DossiersOnTime  int `json:"dossiers_on_time"`
	DossiersLate    int `json:"dossiers_late"`
	RatedSatisfied  int `json:"rated_satisfied"`
	RatedAcceptable int `json:"rated_acceptable"`
	RatedUnhappy    int `json:"rated_dissatisfied"`
}

type dashMonthResponse struct {
	Month string `json:"month" doc:"YYYY-MM"`
	dashCounts
}

type dashUnitResponse struct {
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	dashCounts
}

type dashProcedureResponse struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Early  int    `json:"early"`
	OnTime int    `json:"on_time"`
	Late   int    `json:"late"`
}

func round(v float64, places int) float64 {
	p := math.Pow10(places)
	return math.Round(v*p) / p
}

func countsOf(t dashboard.Tasks, d dashboard.Dossiers, r dashboard.Ratings) dashCounts {
	return dashCounts{t.OnTime, t.Late, t.Obstacles, d.Early, d.OnTime, d.Late, r.Satisfied, r.Acceptable, r.Dissatisfied}
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.statsScopeOf(r, true)
	if e := apperr.As(err); e != nil && e.Code == apperr.Forbidden && e.Field == "" {
		named := *e // a unit outside the caller's scope: say which parameter
		named.Field = "unit"
		return &named
	}
	if err != nil {
		return err
	}
	f, err := s.deps.Store.Dashboard(r.Context(), sc.unit, sc.from, sc.to)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	st := toStatsResponse(f.Report, sc)
	out := dashboardResponse{From: sc.from.String(), To: sc.to.String(), UnitID: sc.unit, UnitName: sc.unitName,
		Tasks: dashTasksResponse{DoneOnTime: f.Tasks.OnTime, DoneLate: f.Tasks.Late, Obstacles: f.Tasks.Obstacles,
			OnTimeShare: round(f.Tasks.OnTimeShare(), 4), LateNow: f.LateTasksNow, BlockedNow: f.BlockedNow},
		Dossiers: dashDossiersResponse{Received: st.Received, Resolved: st.Resolved, InProgress: st.InProgress, Withdrawn: st.Withdrawn,
			OnTimeShare: round(f.Dossiers().OnTimeShare(), 4), ProgressScore: st.ProgressScore},
		Satisfaction: dashRatingsResponse{Satisfied: f.Ratings.Satisfied, Acceptable: f.Ratings.Acceptable, Dissatisfied: f.Ratings.Dissatisfied,
			Ratio: round(f.Ratings.Ratio(), 4), Score: round(f.Ratings.Score(), 2)},
		Months: []dashMonthResponse{}, Units: []dashUnitResponse{}, Procedures: []dashProcedureResponse{}}
	if d := f.Disbursement; d != nil {
		out.Disbursement = &dashDisbursement{Year: d.Year, Month: int(d.Month), Plan: d.Plan, Actual: d.Actual, Rate: round(d.Rate(), 4)}
	}
	for _, m := range f.Months {
		out.Months = append(out.Months, dashMonthResponse{Month: m.Month.Key(), dashCounts: countsOf(m.Tasks, m.Dossiers, m.Ratings)})
	}
	for _, l := range f.Units {
		name := ""
		if u, ok := t.Unit(l.UnitID); ok {
			name = u.Name
		}
		out.Units = append(out.Units, dashUnitResponse{UnitID: l.UnitID, UnitName: name, dashCounts: countsOf(l.Tasks, l.Dossiers, l.Ratings)})
	}
	for _, p := range f.Procedures {
		out.Procedures = append(out.Procedures, dashProcedureResponse{Code: p.Code, Name: p.Name, Early: p.Dossiers.Early, OnTime: p.Dossiers.OnTime, Late: p.Dossiers.Late})
	}
	return writeJSON(w, http.StatusOK, out)
}
