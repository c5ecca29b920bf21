package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
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

// tasksPerPage is the length of a list; the board and the due list show
// up to boardLimit tasks.
const (
	tasksPerPage = 50
	boardLimit   = 300
)

// TaskTab is one tab of the task lists.
type TaskTab struct {
	Key, Label, Href string
	Current          bool
}

// BoardColumn is one state's column on the unit board.
type BoardColumn struct {
	State work.State
	Rows  []TaskRow
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
	Query     string // the filters as a query string, for the export link
	PageNo    int
	PrevURL   string
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
	switch tq.tab {
	case "mine":
		f.LeadPersonID = me
	case "assigned":
		f.AssignerID = me
	case "coordinating":
		f.CoordinatorPersonID = me
	case "board":
		f.UnitIDs = managedUnits(b.tree, b.User)
		f.Limit = boardLimit
	case "due":
		f.Open = true
		soon := s.deps.Now().Add(15 * 24 * time.Hour) // beyond any due-soon window; rows are judged one by one
		f.DueBefore = &soon
		f.Limit = boardLimit
	}
	if st := work.State(q.Get("state")); slices.Contains(work.States(), st) {
		f.States = []work.State{st}
		tq.values.Set("state", string(st))
	}
	if id, err := strconv.ParseInt(q.Get("unit"), 10, 64); err == nil && id > 0 {
		if _, ok := b.tree.Unit(id); ok {
			units := b.tree.AgencySubtree(id)
			if f.UnitIDs != nil { // the board: within the units managed
				var both []int64
				for _, u := range units {
					if slices.Contains(f.UnitIDs, u) {
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

func (s *Server) handleTaskList(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "tasks.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	tq := s.readTaskQuery(&b, q)
	p := &TasksPage{BasePage: b, Tab: tq.tab, Filter: newForm(q, "state", "unit", "plan", "q"), States: work.States(),
		Units: agencyUnitOptions(b.tree, b.User), CanCreate: s.canSomewhere(b.User, b.tree, work.CreateTask),
		Query: tq.values.Encode()}
	for _, t := range taskTabs {
		v := url.Values{"tab": {t}}
		p.Tabs = append(p.Tabs, TaskTab{Key: t, Label: b.T("tasks.tab." + t), Href: "/tasks?" + v.Encode(), Current: t == tq.tab})
	}
	if p.Plans, err = s.visiblePlans(r.Context(), &b, 0, ""); err != nil {
		return err
	}
	if tq.tab == "board" && len(tq.filter.UnitIDs) == 0 {
		p.NoBoard = true
		return s.render(w, http.StatusOK, "tasks", p)
	}
	f := tq.filter
	paged := f.Limit == 0
	if paged {
		p.PageNo, _ = strconv.Atoi(q.Get("page"))
		p.PageNo = max(1, p.PageNo)
		f.Limit, f.Offset = tasksPerPage+1, (p.PageNo-1)*tasksPerPage
	}
	list, err := s.findVisibleTasks(r.Context(), &b, f)
	if err != nil {
		return err
	}
	if paged {
		pageURL := func(n int) string {
			v := cloneURLValues(tq.values)
			v.Set("page", strconv.Itoa(n))
			return "/tasks?" + v.Encode()
		}
		if len(list) > tasksPerPage {
			list = list[:tasksPerPage]
			p.NextURL = pageURL(p.PageNo + 1)
		}
		if p.PageNo > 1 {
			p.PrevURL = pageURL(p.PageNo - 1)
		}
	}
	rows, err := s.taskRows(r.Context(), b.Lang, list)
	if err != nil {
		return err
	}
	switch tq.tab {
	case "due":
		for _, row := range rows {
			if row.Overdue || row.Soon {
				p.Rows = append(p.Rows, row)
			}
		}
	case "board":
		for _, st := range work.States() {
			col := BoardColumn{State: st}
			for _, row := range rows {
				if row.State == st {
					col.Rows = append(col.Rows, row)
				}
			}
			p.Board = append(p.Board, col)
		}
	default:
		p.Rows = rows
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
