package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// This file holds what the plan and task pages (plan*.go, task*.go,
// inbox.go, figures.go) share: which tasks the user may see (the SQL scope
// of work.CanView from store.TaskScopeOf, each result checked again with
// work.CanView as the JSON API does), the rows of task lists with their deadline judged now, and the
// names of the people they mention.

// findVisibleTasks lists the tasks of f the user may see: f is limited to
// the user's scope, and each task found is checked with work.CanView.
func (s *Server) findVisibleTasks(ctx context.Context, b *BasePage, f store.TaskFilter) ([]store.TaskSummary, error) {
	p, err := s.findVisibleTaskPage(ctx, b, f)
	return p.Tasks, err
}

// findVisibleTaskPage is a page of findVisibleTasks, with where the next
// one starts.
func (s *Server) findVisibleTaskPage(ctx context.Context, b *BasePage, f store.TaskFilter) (store.TaskPage, error) {
	f.Scope = store.TaskScopeOf(b.User, b.tree)
	if f.Now.IsZero() {
		f.Now = s.deps.Now()
	}
	p, err := s.deps.Store.FindTaskPage(ctx, f)
	if err != nil {
		return p, err
	}
	out := p.Tasks[:0]
	for _, x := range p.Tasks {
		if work.CanView(b.User, b.tree, s.deps.Policy, x.Task) == nil {
			out = append(out, x)
		}
	}
	p.Tasks = out
	return p, nil
}

// countVisibleTasks counts a list as findVisibleTasks reads it, up to max
// (store.TaskCountCap when 0).
func (s *Server) countVisibleTasks(ctx context.Context, b *BasePage, f store.TaskFilter, max int) (int, bool, error) {
	f.Scope = store.TaskScopeOf(b.User, b.tree)
	if f.Now.IsZero() {
		f.Now = s.deps.Now()
	}
	return s.deps.Store.CountTasks(ctx, f, max)
}

// pathTaskID reads the {id} of the path, NotFound when it is not a number.
func pathTaskID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound()
	}
	return id, nil
}

// visibleTask loads the task of the path: NotFound when there is none and
// equally when the user may not see it (a 403 would tell it exists).
func (s *Server) visibleTask(r *http.Request, b *BasePage) (work.TaskWithHistory, error) {
	id, err := pathTaskID(r)
	if err != nil {
		return work.TaskWithHistory{}, err
	}
	h, err := s.deps.Store.FindTaskByID(r.Context(), id)
	if err != nil {
		return h, err
	}
	if err := work.CanView(b.User, b.tree, s.deps.Policy, h.Task); err != nil {
		return work.TaskWithHistory{}, work.HideTask(err, id)
	}
	return h, nil
}

// names looks people's names up once per request.
type names struct {
	s     *Server
	ctx   context.Context
	cache map[int64]org.Person
}

func (s *Server) names(ctx context.Context) *names {
	return &names{s: s, ctx: ctx, cache: map[int64]org.Person{}}
}

// person returns the person, or a stand-in named by the id when unknown.
func (n *names) person(id int64) org.Person {
	if p, ok := n.cache[id]; ok {
		return p
	}
	p, err := n.s.deps.Store.FindPersonByID(n.ctx, id)
	if err != nil {
		p = org.Person{ID: id, FullName: "#" + strconv.FormatInt(id, 10)}
	}
	n.cache[id] = p
	return p
}

// name returns a person's full name; "" for 0 (congvu itself).
func (n *names) name(id int64) string {
	if id == 0 {
		return ""
	}
	return n.person(id).FullName
}

// TaskRow is a task in a list, with the people's names and its deadline
// judged now.
type TaskRow struct {
	store.TaskSummary
	LeadName     string
	AssignerName string
	Overdue      bool   // open and its deadline's day is over
	Soon         bool   // open, not awaiting review, due today or within the due-soon window
	Remaining    string // working time left, or overdue by, as text; "" once closed
}

// Open reports whether work is still expected on the task.
func (r TaskRow) Open() bool { return !r.State.Terminal() }

// taskJudge judges deadlines at one instant, with the calendars it needed.
type taskJudge struct {
	s    *Server
	ctx  context.Context
	lang string
	now  time.Time
	cals map[int64]*calendar.Calendar
}

func (s *Server) judge(ctx context.Context, lang string) *taskJudge {
	return &taskJudge{s: s, ctx: ctx, lang: lang, now: s.deps.Now(), cals: map[int64]*calendar.Calendar{}}
}

func (j *taskJudge) calendar(agency int64) (*calendar.Calendar, error) {
	if c, ok := j.cals[agency]; ok {
		return c, nil
	}
	c, err := j.s.deps.Store.Calendar(j.ctx, agency)
	if err != nil {
		return nil, err
	}
	j.cals[agency] = c
	return c, nil
}

// row judges one task.
func (j *taskJudge) row(n *names, x store.TaskSummary) (TaskRow, error) {
	row := TaskRow{TaskSummary: x, LeadName: n.name(x.LeadPersonID), AssignerName: n.name(x.AssignerID)}
	if x.State.Terminal() {
		return row, nil
	}
	row.Overdue = dateAfter(j.now, x.Deadline)
	cal, err := j.calendar(x.AgencyID)
	if err != nil {
		return row, err
	}
	for _, rem := range work.Reminders(cal, x.Task, work.DefaultRules(), j.now) {
		row.Soon = row.Soon || rem.Kind == work.DueSoon || rem.Kind == work.DueToday
	}
	if left, err := cal.Between(j.now, x.Deadline); err == nil {
		if left < 0 {
			row.Remaining = T(j.lang, "task.overdueby", workingSpan(j.lang, left))
		} else {
			row.Remaining = workingSpan(j.lang, left)
		}
	}
	return row, nil
}

// taskRows judges a list of tasks.
func (s *Server) taskRows(ctx context.Context, lang string, list []store.TaskSummary) ([]TaskRow, error) {
	n, j := s.names(ctx), s.judge(ctx, lang)
	out := make([]TaskRow, 0, len(list))
	for _, x := range list {
		row, err := j.row(n, x)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, nil
}

// managedUnits are the units whose board a head or director follows: the
// units of their head, deputy head, director and deputy director grants,
// with the units below them.
func managedUnits(tree *org.Tree, sub *auth.Subject) []int64 {
	var roots []int64
	for _, g := range sub.Grants {
		if g.Role.Manages() && !slices.Contains(roots, g.UnitID) {
			roots = append(roots, g.UnitID)
		}
	}
	return tree.AgencySubtree(roots...)
}

// agencyUnitOptions lists the current units of the user's agency, indented.
func agencyUnitOptions(tree *org.Tree, sub *auth.Subject) []UnitOption {
	agency := agencyOf(tree, sub)
	var out []UnitOption
	for _, o := range unitOptions(tree) {
		if u, ok := tree.Unit(o.ID); ok && (u.AgencyID == agency || u.ID == agency) {
			out = append(out, o)
		}
	}
	return out
}

// peopleOptions lists the active people of the units given (with their
// subtrees), each once, named with their unit.
func (s *Server) peopleOptions(ctx context.Context, b *BasePage, units []int64) ([]PersonOption, error) {
	var out []PersonOption
	seen := map[int64]bool{}
	for _, u := range units {
		id := u
		people, err := s.deps.Store.FindPeople(ctx, org.PersonFilter{UnitID: &id, Subtree: true, OnlyActive: true, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			out = append(out, personOption(b, p))
		}
	}
	return out, nil
}

// parseTaskDate reads a date field (dd/mm/yyyy or yyyy-mm-dd, as a date
// input sends it).
func parseTaskDate(field, s string) (calendar.Date, error) {
	if strings.TrimSpace(s) == "" {
		return calendar.Date{}, invalid(field, "task.err.date.missing")
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return calendar.Date{}, invalid(field, "task.err.date", s)
	}
	return d, nil
}

// dateAfter reports whether the day (in Vietnam) of now is after that of t:
// a deadline whose day is over.
func dateAfter(now, t time.Time) bool { return calendar.DateOf(now).After(calendar.DateOf(t)) }
