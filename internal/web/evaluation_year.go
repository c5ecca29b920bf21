package web

import (
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// The yearly rating (NĐ 335/2025 Art 21): each person's average of their
// approved months (or quarters), the level, the quota per task group,
// before 15 December; the month cells not yet approved show the task
// points the records give so far. The director records disciplinary
// decisions here (khiển trách and above force KHTNV).

// YearRow is one person's year.
type YearRow struct {
	Y       evaluation.YearRating
	Unit    string
	Months  [12]YearCell
	Quarter bool // rated on quarters
}

// YearCell is a month: approved (Total, Grade) or provisional task points.
type YearCell struct {
	Approved bool
	Total    float64
	Grade    work.Grade
	HasProv  bool
	Prov     float64 // the task points so far, not yet approved
}

// YearPage is the yearly rating of the agency.
type YearPage struct {
	BasePage
	Year        int
	Rows        []YearRow
	Quota       []QuotaRow
	Over        map[evaluation.Group]bool
	Percent     int
	Deadline    calendar.Date
	Late        bool // past 15 December
	Disciplines []store.DisciplineRecord
	Levels      []store.DisciplineLevel
	People      []YearRow // whom a discipline may be recorded for
	CanRecord   bool
	Form        *Form
	Basis       string
	MonthNums   []int
}

// Pts writes points.
func (p *YearPage) Pts(v float64) string { return fmtDecimal(v) }

func (s *Server) handleEvalYear(w http.ResponseWriter, r *http.Request) error {
	return s.evalYear(w, r, http.StatusOK, nil)
}

func (s *Server) evalYear(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "eval.title.year")
	if err != nil {
		return err
	}
	if err := holdsRole(&b, org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector, org.RoleHead, org.RoleDeputyHead); err != nil {
		return err
	}
	year, _, _, err := s.evalQuery(r)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil, "person_id", "level", "decided_on", "decision", "reason")
	}
	agency := b.User.AgencyID
	ratings, rules, err := s.deps.Store.YearRatings(r.Context(), agency, year)
	if err != nil {
		return err
	}
	list, err := s.deps.Store.ListEvaluations(r.Context(), store.EvaluationFilter{AgencyID: agency, Year: year})
	if err != nil {
		return err
	}
	figs, err := s.deps.Store.AgencyYearFigures(r.Context(), agency, year)
	if err != nil {
		return err
	}
	visible := map[int64]evaluation.Evaluation{}
	for _, e := range list {
		if evaluation.CanView(b.User, b.tree, s.deps.Policy, e) == nil {
			visible[e.PersonID] = e
		}
	}
	p := &YearPage{BasePage: b, Year: year, Percent: rules.QuotaPercent, Deadline: evaluation.YearDeadline(year), Form: f,
		Levels: store.DisciplineLevels, Basis: rules.Basis, Over: map[evaluation.Group]bool{}}
	p.Title = b.T("eval.title.year") + " " + strconv.Itoa(year)
	p.MonthNums = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	p.Late = calendar.DateOf(s.deps.Now()).After(p.Deadline)
	p.CanRecord = s.deps.Policy.Can(b.User, b.tree, evaluation.RecordDiscipline, auth.Resource{UnitID: agency})
	var shown []evaluation.YearRating
	for _, y := range ratings {
		if _, ok := visible[y.PersonID]; !ok {
			continue
		}
		row := YearRow{Y: y, Unit: b.UnitName(y.UnitID)}
		for _, pr := range y.Periods {
			if pr.Period.Kind == work.PeriodMonth {
				row.Months[pr.Period.Month-1] = YearCell{Approved: true, Total: pr.Total, Grade: pr.Grade}
			} else {
				row.Quarter = true
			}
		}
		if months, ok := figs[y.PersonID]; ok {
			for m := range months {
				if row.Months[m].Approved || months[m].Assigned == 0 {
					continue
				}
				res, err := evaluation.Compute(rules, months[m:m+1], false, 1, nil)
				if err == nil && res.Rated {
					row.Months[m].HasProv, row.Months[m].Prov = true, res.Points
				}
			}
		}
		p.Rows = append(p.Rows, row)
		shown = append(shown, y)
	}
	for _, g := range []evaluation.Group{evaluation.GroupStaff, evaluation.GroupLeader} {
		t, over := evaluation.QuotaOver(rules, shown, g)
		if t == (evaluation.Tally{}) {
			continue
		}
		p.Quota = append(p.Quota, QuotaRow{Group: g, T: t, Allowed: evaluation.QuotaAllowed(rules.QuotaPercent, t.Good)})
		p.Over[g] = over
	}
	if p.CanRecord {
		if p.Disciplines, err = s.deps.Store.Disciplines(r.Context(), agency, year); err != nil {
			return err
		}
		p.People = p.Rows
	}
	return s.render(w, status, "evaluation_year", p)
}

// handleDisciplineCreate records a disciplinary decision (the director).
func (s *Server) handleDisciplineCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	sub := httpx.SubjectFrom(r.Context())
	f := newForm(r.PostForm, "person_id", "level", "decided_on", "decision", "reason")
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.evalYear(w, r, statusOf(err), f)
	}
	pid, err := f.Int64("person_id")
	if err != nil {
		return fail(err)
	}
	person, err := s.deps.Store.FindPersonByID(r.Context(), pid)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return fail(invalid("person_id", "err.choose"))
		}
		return err
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	unit := person.AgencyID
	if len(person.Memberships) > 0 {
		unit = person.Memberships[0].UnitID
	}
	if err := s.deps.Policy.Authorize(sub, tree, evaluation.RecordDiscipline, auth.Resource{UnitID: unit}); err != nil {
		return err
	}
	day, err := calendar.ParseDate(f.Get("decided_on"))
	if err != nil {
		return fail(invalid("decided_on", "eval.err.date"))
	}
	d, err := s.deps.Store.RecordDiscipline(r.Context(), actor(sub), store.DisciplineRecord{AgencyID: person.AgencyID, PersonID: pid,
		Level: store.DisciplineLevel(f.Get("level")), DecidedOn: day.String(), Decision: f.Get("decision"), Reason: f.Get("reason")})
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.eval.discipline", d.Person)
	return redirect(w, r, "/evaluations/year?year="+strconv.Itoa(day.Year))
}
