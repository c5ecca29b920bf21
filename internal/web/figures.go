package web

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/work"
)

// An official's monthly task figures and their NĐ 335/2025/NĐ-CP score:
// what was due in the month, completed, on time, failed reviews, delays
// and exemptions, in counts and in weighted units, the three items of the
// task-results score (the equal split of the 70 points is UNVERIFIED, see
// work.ScoreRules) and the level it leads to. Who may see them: the
// person, the heads and deputy heads of a unit at or above theirs, and the
// directors, deputy directors and inspectors of their agency — the JSON
// API's rule.

// FiguresPage is a person's month.
type FiguresPage struct {
	BasePage
	Person   org.Person
	Year     int
	Month    int
	Months   []int
	F        work.Figures
	Score    work.TaskScore
	Rules    work.ScoreRules
	Total    float64 // assumed general criteria + task results
	Level    work.Grade
	PrevHref string
	NextHref string
}

func (s *Server) handleFigures(w http.ResponseWriter, r *http.Request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	b, err := s.base(w, r, "figures.title")
	if err != nil {
		return err
	}
	now := s.deps.Now().In(vn)
	year, month := now.Year(), int(now.Month())
	q := r.URL.Query()
	if v := q.Get("year"); v != "" {
		if year, err = strconv.Atoi(v); err != nil || year < calendar.MinYear || year > calendar.MaxYear {
			return invalid("year", "plans.err.year", calendar.MinYear, calendar.MaxYear)
		}
	}
	if v := q.Get("month"); v != "" {
		if month, err = strconv.Atoi(v); err != nil || month < 1 || month > 12 {
			return invalid("month", "figures.err.month")
		}
	}
	person, err := s.deps.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.canSeeFigures(&b, person); err != nil {
		return err
	}
	f, err := s.deps.Store.MonthlyFigures(r.Context(), id, year, time.Month(month))
	if err != nil {
		return err
	}
	rules := work.ND335()
	p := &FiguresPage{BasePage: b, Person: person, Year: year, Month: month, F: f, Rules: rules, Score: f.Score(rules)}
	p.Title = b.T("figures.h1", person.FullName)
	for m := 1; m <= 12; m++ {
		p.Months = append(p.Months, m)
	}
	if p.Score.Rated {
		p.Total = rules.GeneralPoints + p.Score.Total
		p.Level = work.Level(p.Total, false)
	}
	link := func(y, m int) string {
		return "/people/" + strconv.FormatInt(id, 10) + "/figures?year=" + strconv.Itoa(y) + "&month=" + strconv.Itoa(m)
	}
	py, pm := year, month-1
	if pm == 0 {
		py, pm = year-1, 12
	}
	ny, nm := year, month+1
	if nm == 13 {
		ny, nm = year+1, 1
	}
	if py >= calendar.MinYear {
		p.PrevHref = link(py, pm)
	}
	if ny <= calendar.MaxYear {
		p.NextHref = link(ny, nm)
	}
	return s.render(w, http.StatusOK, "figures", p)
}

// canSeeFigures: the person, the directors, deputy directors and
// inspectors of their agency, and the heads and deputy heads of a unit at
// or above one of theirs.
func (s *Server) canSeeFigures(b *BasePage, p org.Person) error {
	if seesFigures(b, p) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "", T("vi", "figures.forbidden"), T("en", "figures.forbidden"))
}

// seesFigures is canSeeFigures as a yes or no, for the links to a person's
// figures on the people, unit and late pages.
func seesFigures(b *BasePage, p org.Person) bool {
	if b.User == nil {
		return false
	}
	if b.User.PersonID == p.ID {
		return true
	}
	for _, g := range b.User.Grants {
		u, ok := b.tree.Unit(g.UnitID)
		if !ok {
			continue
		}
		switch g.Role {
		case org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector:
			if u.AgencyID == p.AgencyID || u.ID == p.AgencyID {
				return true
			}
		case org.RoleHead, org.RoleDeputyHead:
			for _, m := range p.Memberships {
				if b.tree.WithinAgency(m.UnitID, g.UnitID) {
					return true
				}
			}
		}
	}
	return false
}

// Points writes a score with one decimal, the Vietnamese way: 46,7.
func (p *FiguresPage) Points(v float64) string { return fmtDays(p.Lang, roundTo(v, 1)) }

// Units writes weighted units with up to two decimals.
func (p *FiguresPage) Units(v float64) string { return fmtDays(p.Lang, roundTo(v, 2)) }

func roundTo(v float64, digits int) float64 {
	m := math.Pow(10, float64(digits))
	return math.Round(v*m) / m
}
