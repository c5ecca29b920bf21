package web

import (
	"net/http"

	"congvu/internal/auth"
	"congvu/internal/org"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/store"
	"congvu/internal/work"
)

// The task lists: the tabs "Việc của tôi" (tasks I lead), "Việc tôi giao"
// (tasks I assigned), "Phối hợp" (tasks I coordinate), "Bảng đơn vị" (a
// head's board, one column per state) and "Quá hạn / sắp đến hạn", each
// filtered by state, unit, plan and a diacritic-insensitive search, which
// htmx applies as one types (like the staff list).

// taskTabs are the tabs in display order.
var taskTabs = []string{"mine", "assigned", "coordinating", "board", "due"}

// tasksPerPage is the length of a list page; boardColumnCards is how many
// cards a column of the board shows before its link to the whole column
// (each column is a list of its own, paged like the others).
const (
	tasksPerPage     = 50
	boardColumnCards = 20
)

// TaskTab is one tab of the task lists.
type TaskTab struct {
	Key, Label, Href string
	Current          bool
}

// BoardColumn is one state's column on the unit board: its first cards,
// how many tasks it holds, and the link to all of them.
type BoardColumn struct {
	State work.State
	Rows  []TaskRow
	Count string // "12", or "hơn 1.000"
	More  string // the whole column as a paged list, when it has more than its cards
}

// TasksPage is a tab of the task lists.
type TasksPage struct {
	BasePage
	Tab       string
	Tabs      []TaskTab
	Filter    *Form
	States    []work.State
	Units     []UnitOption
	Plans     []work.Plan
	Rows      []TaskRow
	Board     []BoardColumn
	NoBoard   bool // the board tab for someone who manages no unit
	CanCreate bool
	ExportURL string // the export of this list with its filters, every page of it
	Total     string // how many tasks the list holds: "123", or "hơn 1.000"
	PageNo    int
	FirstURL  string // back to the list's first page (keyset pages go forward)
	NextURL   string
}

// taskListQuery is a task list's tab and filters, read from the URL.
type taskListQuery struct {
	tab    string
	filter store.TaskFilter
	values url.Values // the filters as given, for links
}

// readTaskQuery reads the tab and the filters; a value that names nothing
// is ignored rather than refused, as a search box would.
func (s *Server) readTaskQuery(b *BasePage, q url.Values) taskListQuery {
	tq := taskListQuery{tab: q.Get("tab"), values: url.Values{}}
	if !slices.Contains(taskTabs, tq.tab) {
		tq.tab = "mine"
	}
	f := &tq.filter
	me := b.User.PersonID
	var managed []int64
	switch tq.tab {
	case "mine":
		f.LeadPersonID = me
	case "assigned":
		f.AssignerID = me
	case "coordinating":
		f.CoordinatorPersonID = me
	case "board":
		managed = managedUnits(b.tree, b.User)
		if agency, ok := wholeAgency(b.tree, b.User); ok {
			f.AgencyID = agency // a director's board is the agency: one index range, not one per unit
		} else {
			f.UnitIDs = managed
		}
	case "due":
		f.Open = true
		soon := s.deps.Now().Add(15 * 24 * time.Hour) // beyond any due-soon window; rows are judged one by one
		f.DueBefore = &soon
	}
	if st := work.State(q.Get("state")); slices.Contains(work.States(), st) {
		f.States = []work.State{st}
		tq.values.Set("state", string(st))
	}
	if id, err := strconv.ParseInt(q.Get("unit"), 10, 64); err == nil && id > 0 {
		if _, ok := b.tree.Unit(id); ok {
			units := b.tree.AgencySubtree(id)
			if tq.tab == "board" { // the board: within the units managed
				var both []int64
				for _, u := range units {
					if slices.Contains(managed, u) {
						both = append(both, u)
					}
				}
				units = append(both, 0) // never empty: an empty list would not filter
			}
			f.UnitIDs = units
			tq.values.Set("unit", strconv.FormatInt(id, 10))
		}
	}
	if id, err := strconv.ParseInt(q.Get("plan"), 10, 64); err == nil && id > 0 {
		f.PlanID = id
		tq.values.Set("plan", strconv.FormatInt(id, 10))
	}
	if v := q.Get("q"); v != "" {
		f.Query = v
		tq.values.Set("q", v)
	}
	tq.values.Set("tab", tq.tab)
	return tq
}

// wholeAgency is the agency whose every unit the user manages (a director
// or deputy director), if any.
func wholeAgency(tree *org.Tree, sub *auth.Subject) (int64, bool) {
	for _, g := range sub.Grants {
		if u, ok := tree.Unit(g.UnitID); ok && g.Role.Manages() && u.ID == u.AgencyID {
			return u.AgencyID, true
		}
	}
	return 0, false
}

// carriedCount is a list's total as a next-page link carries it: "123",
// or "1000+" when counting stopped at the cap.
type carriedCount struct {
	n      int
	capped bool
}

func (c carriedCount) String() string {
	s := strconv.Itoa(c.n)
	if c.capped {
		s += "+"
	}
	return s
}

// carriedTotal reads a total= value; ok is false when there is none or it
// is not one String writes.
func carriedTotal(s string) (carriedCount, bool) {
	t, capped := strings.CutSuffix(s, "+")
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || t != strconv.Itoa(n) {
		return carriedCount{}, false
	}
	return carriedCount{n: n, capped: capped}, true
}

// taskCount says how many tasks a list holds, honestly when capped.
func taskCount(b *BasePage, n int, capped bool) string {
	if capped {
		return b.T("tasks.count.over", fmtNum(n))
	}
	return fmtNum(n)
}

func (s *Server) handleTaskList(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "tasks.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	tq := s.readTaskQuery(&b, q)
	p := &TasksPage{BasePage: b, Tab: tq.tab, Filter: newForm(q, "state", "unit", "plan", "q"), States: work.States(),
		Units: agencyUnitOptions(b.tree, b.User), CanCreate: s.canSomewhere(b.User, b.tree, work.CreateTask),
		ExportURL: "/tasks/export.xlsx?" + tq.values.Encode()}
	for _, t := range taskTabs {
		v := url.Values{"tab": {t}}
		p.Tabs = append(p.Tabs, TaskTab{Key: t, Label: b.T("tasks.tab." + t), Href: "/tasks?" + v.Encode(), Current: t == tq.tab})
	}
	if p.Plans, err = s.visiblePlans(r.Context(), &b, 0, ""); err != nil {
		return err
	}
	if tq.tab == "board" && len(tq.filter.UnitIDs) == 0 && tq.filter.AgencyID == 0 {
		p.NoBoard = true
		return s.render(w, http.StatusOK, "tasks", p)
	}
	f := tq.filter
	if tq.tab == "board" && len(f.States) == 0 {
		return s.renderBoard(w, r, &b, p, tq)
	}
	p.PageNo, _ = strconv.Atoi(q.Get("page"))
	p.PageNo = max(1, p.PageNo)
	if v := q.Get("after"); v != "" {
		c, err := store.ParseTaskCursor(v)
		if err != nil {
			return invalid("after", "tasks.err.after")
		}
		f.After = &c
	} else {
		p.PageNo = 1
	}
	// The total is counted with the first page and carried in the links
	// to the next ones (total=, "+" when capped), as the dossier lists do:
	// counting on every page cost each page up to TaskCountCap index
	// entries per branch of the scope. A later page without a readable
	// total (a link made by hand) counts again.
	total, carried := carriedTotal(q.Get("total"))
	if tq.tab != "due" && (f.After == nil || !carried) { // the due tab keeps, row by row, the tasks overdue or due soon: a count would be of more
		n, capped, err := s.countVisibleTasks(r.Context(), &b, f, 0)
		if err != nil {
			return err
		}
		total = carriedCount{n: n, capped: capped}
		carried = true
	}
	if tq.tab != "due" && carried {
		p.Total = taskCount(&b, total.n, total.capped)
	}
	f.Limit = tasksPerPage
	page, err := s.findVisibleTaskPage(r.Context(), &b, f)
	if err != nil {
		return err
	}
	if page.Next != nil {
		v := cloneURLValues(tq.values)
		v.Set("after", page.Next.String())
		v.Set("page", strconv.Itoa(p.PageNo+1))
		if tq.tab != "due" && carried {
			v.Set("total", total.String())
		}
		p.NextURL = "/tasks?" + v.Encode()
	}
	if p.PageNo > 1 {
		p.FirstURL = "/tasks?" + tq.values.Encode()
	}
	rows, err := s.taskRows(r.Context(), b.Lang, page.Tasks)
	if err != nil {
		return err
	}
	p.Rows = keepDue(tq.tab, rows)
	return s.render(w, http.StatusOK, "tasks", p)
}

// keepDue keeps, on the due tab, the rows overdue or due soon (judged on
// the agency's working time, row by row).
func keepDue(tab string, rows []TaskRow) []TaskRow {
	if tab != "due" {
		return rows
	}
	var out []TaskRow
	for _, row := range rows {
		if row.Overdue || row.Soon {
			out = append(out, row)
		}
	}
	return out
}

// renderBoard shows the board: a column per state with its first cards,
// its count and a link to the whole column.
func (s *Server) renderBoard(w http.ResponseWriter, r *http.Request, b *BasePage, p *TasksPage, tq taskListQuery) error {
	for _, st := range work.States() {
		f := tq.filter
		f.States, f.Limit = []work.State{st}, boardColumnCards
		page, err := s.findVisibleTaskPage(r.Context(), b, f)
		if err != nil {
			return err
		}
		rows, err := s.taskRows(r.Context(), b.Lang, page.Tasks)
		if err != nil {
			return err
		}
		col := BoardColumn{State: st, Rows: rows, Count: fmtNum(len(rows))}
		if page.Next != nil {
			n, capped, err := s.countVisibleTasks(r.Context(), b, f, 0)
			if err != nil {
				return err
			}
			col.Count = taskCount(b, n, capped)
			v := cloneURLValues(tq.values)
			v.Set("state", string(st))
			col.More = "/tasks?" + v.Encode()
		}
		p.Board = append(p.Board, col)
	}
	return s.render(w, http.StatusOK, "tasks", p)
}
func cloneURLValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
