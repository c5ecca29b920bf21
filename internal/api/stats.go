package api

import (
	"math"
	"net/http"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
)

// The period report on dossier handling (Biểu II.06a/VPCP/KSTT, DOMAIN.md
// §1.5) and the dossiers behind each of its figures. A report on a unit
// counts the dossiers answerable to it, to the units below it and to every
// unit it succeeded in a restructuring (store.StatsUnits).

func (s *Server) statsRoutes() []route {
	period := []param{
		{"from", "date", "first day of the period (YYYY-MM-DD); the first of the current month when absent"},
		{"to", "date", "last day of the period, included (YYYY-MM-DD); today when absent"},
		{"unit", "integer", "the unit reported on; the caller's agency when absent"},
	}
	return []route{
		{Method: "GET", Pattern: "/api/v1/stats/dossiers", ID: "getDossierStats", Tag: "stats",
			Access:  access.May("dossier.stats", statsGrants),
			Summary: "The figures of the period report Biểu II.06a for a unit (dossier.stats on it: directors, inspectors, heads of their division): received, resolved by timeliness, in progress, withdrawn, and the QĐ 766 progress score out of 20.",
			Query:   period, Response: dossierStatsResponse{}, Status: http.StatusOK, Handle: s.handleDossierStats},
		{Method: "GET", Pattern: "/api/v1/stats/dossiers/figures/{figure}", ID: "listDossierStatsFigure", Tag: "stats",
			Access: access.May("dossier.stats", statsGrants),
			Summary: "The dossiers behind one figure of the period report (dossier.stats on the unit), by due instant. {figure} is one of " +
				figureNames() + ".",
			Query: append(append([]param{}, period...), pageParams...), Response: []dossierSummaryResponse{}, Status: http.StatusOK, Handle: s.handleDossierStatsFigure},
	}
}

func figureNames() string {
	names := make([]string, len(dossier.Figures))
	for i, f := range dossier.Figures {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// dossierStatsResponse is the period report.
type dossierStatsResponse struct {
	From          string          `json:"from" api:"format=date"`
	To            string          `json:"to" api:"format=date"`
	UnitID        int64           `json:"unit_id"`
	UnitName      string          `json:"unit_name"`
	Received      statsReceived   `json:"received"`
	Resolved      statsResolved   `json:"resolved"`
	InProgress    statsInProgress `json:"in_progress"`
	Withdrawn     int             `json:"withdrawn" doc:"withdrawn by the applicant within the period"`
	ProgressScore float64         `json:"progress_score" doc:"QĐ 766/QĐ-TTg progress and results score out of 20, rounded to 2 decimals"`
}

// statsReceived is what was to be handled in the period: received = online +
// direct + carried_over.
type statsReceived struct {
	Total       int `json:"total"`
	Online      int `json:"online" doc:"received online in the period"`
	Direct      int `json:"direct" doc:"received in person or by post in the period"`
	CarriedOver int `json:"carried_over" doc:"received before the period, still open at its start"`
}

// statsResolved is what was completed in the period, judged by dates.
type statsResolved struct {
	Total  int `json:"total"`
	Early  int `json:"early"`
	OnTime int `json:"on_time"`
	Late   int `json:"late"`
}

// statsInProgress is what was still open at the end of the period.
type statsInProgress struct {
	Total          int `json:"total"`
	WithinDeadline int `json:"within_deadline"`
	Overdue        int `json:"overdue"`
	Paused         int `json:"paused" doc:"of the total, those with the clock stopped (statuses 5, 6, 8)"`
}

// statsScope is a report's period and units.
type statsScope struct {
	from, to calendar.Date
	unit     int64
	unitName string
	units    []int64
}

// statsScopeOf reads from, to and unit, checks dossier.stats on the unit and
// resolves the units the report rolls up. required makes from and to
// mandatory (for the file exports).
func (s *Server) statsScopeOf(r *http.Request, required bool) (statsScope, error) {
	var sc statsScope
	subj := subjectOf(r)
	today := calendar.DateOf(s.deps.Now())
	date := func(name string, def calendar.Date) (calendar.Date, error) {
		d, ok, err := queryDay(r, name)
		switch {
		case err != nil:
			return def, err
		case !ok && required:
			return def, apperr.Invalidf(name, "thiếu tham số %s (YYYY-MM-DD)", "parameter %s is required (YYYY-MM-DD)", name)
		case !ok:
			return def, nil
		}
		return d, nil
	}
	var err error
	if sc.from, err = date("from", calendar.Date{Year: today.Year, Month: today.Month, Day: 1}); err != nil {
		return sc, err
	}
	if sc.to, err = date("to", today); err != nil {
		return sc, err
	}
	if sc.to.Before(sc.from) {
		return sc, apperr.Invalidf("to", "ngày cuối kỳ %s trước ngày đầu kỳ %s", "the last day %s is before the first %s", sc.to.DMY(), sc.from.DMY())
	}
	if sc.to.Sub(sc.from) > 366*10 {
		return sc, apperr.Invalidf("to", "kỳ báo cáo dài tối đa 10 năm", "a period is at most 10 years long")
	}
	if sc.unit, err = queryID(r, "unit"); err != nil {
		return sc, err
	}
	if sc.unit == 0 {
		sc.unit = subj.AgencyID
	}
	t, err := s.tree(r)
	if err != nil {
		return sc, err
	}
	u, err := knownUnit(t, "unit", sc.unit)
	if err != nil {
		return sc, err
	}
	sc.unitName = u.Name
	if err := s.authorize(subj, t, dossier.PermStats, sc.unit); err != nil {
		return sc, err
	}
	sc.units, err = s.deps.Store.StatsUnits(r.Context(), sc.unit)
	return sc, err
}

func (s *Server) handleDossierStats(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.statsScopeOf(r, false)
	if err != nil {
		return err
	}
	rep, err := s.deps.Store.DossierReport(r.Context(), sc.units, sc.from, sc.to)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toStatsResponse(rep, sc))
}

func toStatsResponse(rep dossier.Report, sc statsScope) dossierStatsResponse {
	return dossierStatsResponse{From: sc.from.String(), To: sc.to.String(), UnitID: sc.unit, UnitName: sc.unitName,
		Received: statsReceived{Total: rep.Received.Total, Online: rep.Received.Online, Direct: rep.Received.Direct, CarriedOver: rep.Received.CarriedOver},
		Resolved: statsResolved{Total: rep.Resolved.Total, Early: rep.Resolved.Early, OnTime: rep.Resolved.OnTime, Late: rep.Resolved.Late},
		InProgress: statsInProgress{Total: rep.InProgress.Total, WithinDeadline: rep.InProgress.WithinDeadline,
			Overdue: rep.InProgress.Overdue, Paused: rep.InProgress.Paused},
		Withdrawn: rep.Withdrawn, ProgressScore: math.Round(rep.ProgressScore()*100) / 100}
}

func (s *Server) handleDossierStatsFigure(w http.ResponseWriter, r *http.Request) error {
	fig := dossier.Figure(r.PathValue("figure"))
	known := false
	for _, f := range dossier.Figures {
		known = known || f == fig
	}
	if !known {
		return apperr.Invalidf("figure", "không có chỉ tiêu %q (một trong: %s)", "no figure %q (one of: %s)", string(fig), figureNames())
	}
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	sc, err := s.statsScopeOf(r, false)
	if err != nil {
		return err
	}
	from, to := periodInstants(sc)
	list, err := s.deps.Store.FindDossiers(r.Context(), dossier.Filter{LeadUnitIDs: sc.units, Figure: fig,
		From: from, To: to, Limit: pg.limit, Offset: pg.offset})
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

// periodInstants is the period [from, to] as instants: the start of the first day and
// the start of the day after the last.
func periodInstants(sc statsScope) (time.Time, time.Time) {
	return sc.from.Time(), sc.to.AddDays(1).Time()
}
