package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/fold"
	"congvu/internal/work"
)

// Task lists that scale (issue #12). A list is the tasks of its filter
// that the person may see, soonest deadline first. Sorting every visible
// task for each page cost the director 23.5 ms at 40,000 tasks, so a page
// is read in index order instead:
//
//   - the filter and the scope (TaskScope, an OR of "I lead", "my units"...)
//     are spread into conjunctions, one per branch of the scope, and a
//     branch the filter already implies (the tab "Việc của tôi" inside
//     "what I may see") makes the scope drop out;
//   - each conjunction is driven by one of its columns (the one with the
//     fewest values): one stream per value and per state, each an index
//     range (column, state, deadline, id) read from the cursor on and
//     stopped at the page's length; the other conditions are checked on
//     the rows read;
//   - the streams go to the database as one UNION ALL, and their rows,
//     at most a page each, are merged here.
//
// No list sorts more than its streams' first pages, whatever the number of
// tasks. A rare search drives from the trigram index and sorts only its
// matches (bounded by the rarity of the query, store/search.go).

// TaskCursor is where a page of a task list ends: its last task's
// deadline and id. The next page starts after it (keyset paging), so a
// page costs the same at the first task as at the millionth.
type TaskCursor struct {
	Deadline time.Time
	ID       int64
}

// String is the cursor as a URL carries it.
func (c TaskCursor) String() string {
	return strconv.FormatInt(Micro(c.Deadline), 36) + "." + strconv.FormatInt(c.ID, 36)
}

// ParseTaskCursor reads a cursor written by String. Errors: a plain error
// (the caller names the field).
func ParseTaskCursor(s string) (TaskCursor, error) {
	d, id, ok := strings.Cut(s, ".")
	if !ok {
		return TaskCursor{}, fmt.Errorf("not a cursor: %q", s)
	}
	us, err1 := strconv.ParseInt(d, 36, 64)
	n, err2 := strconv.ParseInt(id, 36, 64)
	if err1 != nil || err2 != nil || n <= 0 {
		return TaskCursor{}, fmt.Errorf("not a cursor: %q", s)
	}
	return TaskCursor{Deadline: FromMicro(us), ID: n}, nil
}

// TaskPage is one page of a task list.
type TaskPage struct {
	Tasks []TaskSummary
	Next  *TaskCursor // where the next page starts; nil on the last page
}

// taskDim is a column a list can be driven by: an index (column, state,
// deadline, id) exists for it, on tasks or, for coordination, on
// task_coordinators (which keeps each task's state and deadline, 0018).
type taskDim struct {
	col   string // on tasks; on task_coordinators when coord
	coord bool
	all   bool // an index (column, deadline, id) serves every state at once
	open  bool // a partial index (column, deadline, id) serves the open states
	rank  int  // preference when two columns have as many values: the more selective first
	// The indexes of each kind of range: every state, the open ones, one
	// state. SQLite is told which (INDEXED BY): without statistics it took
	// (agency, deadline) for one state's range and read past every task of
	// the other states (200 ms a page at 10,000 tasks).
	idxAll, idxOpen, idxState string
}

var (
	dimParent      = taskDim{col: "parent_id", rank: 0, idxState: "tasks_parent_state_due"}
	dimPlan        = taskDim{col: "plan_id", rank: 1, idxState: "tasks_plan_state_due"}
	dimLead        = taskDim{col: "lead_person_id", all: true, open: true, rank: 2, idxAll: "tasks_lead_due", idxOpen: "tasks_lead_open_due", idxState: "tasks_lead"}
	dimAssigner    = taskDim{col: "assigner_id", all: true, open: true, rank: 3, idxAll: "tasks_assigner_due", idxOpen: "tasks_assigner_open_due", idxState: "tasks_assigner"}
	dimCoordPerson = taskDim{col: "person_id", coord: true, all: true, open: true, rank: 4, idxAll: "task_coordinators_person_all_due", idxOpen: "task_coordinators_person_open_due", idxState: "task_coordinators_person_due"}
	dimUnit        = taskDim{col: "lead_unit_id", all: true, open: true, rank: 5, idxAll: "tasks_unit_due", idxOpen: "tasks_unit_open_due", idxState: "tasks_unit"}
	dimCoordUnit   = taskDim{col: "unit_id", coord: true, all: true, open: true, rank: 6, idxAll: "task_coordinators_unit_all_due", idxOpen: "task_coordinators_unit_open_due", idxState: "task_coordinators_unit_due"}
	dimAgency      = taskDim{col: "agency_id", all: true, open: true, rank: 7, idxAll: "tasks_agency_due", idxOpen: "tasks_agency_open_due", idxState: "tasks_agency_state_due"}
)

// taskTerm is "the task's dim is one of vals".
type taskTerm struct {
	dim  taskDim
	vals []int64
}

// agencyWeight is how many units' ranges one agency's range is worth when
// choosing the term that drives a list: a director's board of one
// division (its units, and the agency of the director's scope) read the
// agency's every task in deadline order for the few of the division
// (1.2–3.7 s a page on SQLite, 43 ms on PostgreSQL, at 200,000 tasks);
// a range per unit of a small subtree reads only its own.
const agencyWeight = 8

// drivesBefore orders terms by the ranges they drive a list with, the
// fewest first (an agency's counted as agencyWeight), then by rank.
func (m taskTerm) drivesBefore(o taskTerm) int {
	w := func(t taskTerm) int {
		if t.dim == dimAgency {
			return len(t.vals) * agencyWeight
		}
		return len(t.vals)
	}
	return cmp.Or(cmp.Compare(w(m), w(o)), cmp.Compare(m.dim.rank, o.dim.rank))
}

// cond is the term as a condition on tasks t.
func (m taskTerm) cond() (string, []any) {
	args := make([]any, len(m.vals))
	for i, v := range m.vals {
		args[i] = v
	}
	if m.dim.coord {
		return "t.id IN (SELECT task_id FROM task_coordinators WHERE " + m.dim.col + " IN (" + placeholders(len(m.vals)) + "))", args
	}
	return "t." + m.dim.col + " IN (" + placeholders(len(m.vals)) + ")", args
}

// intersect is a ∩ b; the second result is false when they share nothing.
func intersect(a, b []int64) ([]int64, bool) {
	var out []int64
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out, len(out) > 0
}

// and adds a term to a conjunction, intersecting with a term on the same
// column; false when the conjunction can hold no task.
func and(terms []taskTerm, m taskTerm) ([]taskTerm, bool) {
	for i, x := range terms {
		if x.dim == m.dim {
			v, ok := intersect(x.vals, m.vals)
			terms = slices.Clone(terms)
			terms[i].vals = v
			return terms, ok
		}
	}
	return append(slices.Clone(terms), m), true
}

// filterTerms are the filter's own columns.
func (f TaskFilter) filterTerms() ([]taskTerm, bool) {
	var terms []taskTerm
	ok := true
	add := func(d taskDim, vals ...int64) {
		if ok {
			terms, ok = and(terms, taskTerm{d, vals})
		}
	}
	one := func(d taskDim, v int64) {
		if v != 0 {
			add(d, v)
		}
	}
	one(dimParent, f.ParentID)
	one(dimPlan, f.PlanID)
	one(dimLead, f.LeadPersonID)
	one(dimAssigner, f.AssignerID)
	one(dimCoordPerson, f.CoordinatorPersonID)
	one(dimAgency, f.AgencyID)
	if f.UnitIDs != nil {
		add(dimUnit, f.UnitIDs...)
	}
	if f.CoordinatingUnitIDs != nil {
		add(dimCoordUnit, f.CoordinatingUnitIDs...)
	}
	return terms, ok
}

// branches are the scope's OR: each a term.
func (s *TaskScope) branches() []taskTerm {
	out := []taskTerm{{dimLead, []int64{s.PersonID}}, {dimAssigner, []int64{s.PersonID}}, {dimCoordPerson, []int64{s.PersonID}}}
	if len(s.UnitIDs) > 0 {
		out = append(out, taskTerm{dimUnit, s.UnitIDs})
	}
	if len(s.CoordinatingUnitIDs) > 0 {
		out = append(out, taskTerm{dimCoordUnit, s.CoordinatingUnitIDs})
	}
	if len(s.AgencyIDs) > 0 {
		out = append(out, taskTerm{dimAgency, s.AgencyIDs})
	}
	return out
}

// implies tells whether every task of the conjunction is in the branch.
func implies(terms []taskTerm, b taskTerm) bool {
	for _, m := range terms {
		if m.dim == b.dim && len(m.vals) > 0 && !slices.ContainsFunc(m.vals, func(v int64) bool { return !slices.Contains(b.vals, v) }) {
			return true
		}
	}
	return false
}

// conjunctions spread filter ∧ scope into an OR of conjunctions of terms;
// none when nothing can match. A conjunction without terms means every
// task (no scope and no column filter: background jobs).
func (f TaskFilter) conjunctions() [][]taskTerm {
	terms, ok := f.filterTerms()
	if !ok {
		return nil
	}
	if f.Scope == nil {
		return [][]taskTerm{terms}
	}
	bs := f.Scope.branches()
	for _, b := range bs {
		if implies(terms, b) {
			return [][]taskTerm{terms}
		}
	}
	var out [][]taskTerm
	for _, b := range bs {
		if c, ok := and(terms, b); ok {
			out = append(out, c)
		}
	}
	return out
}

// listStates are the states a list reads, one stream each; nil: none can
// match.
func (f TaskFilter) listStates() []work.State {
	states := work.States()
	if len(f.States) > 0 {
		states = slices.DeleteFunc(slices.Clone(f.States), func(s work.State) bool { return !slices.Contains(work.States(), s) })
	}
	if f.Open || f.Overdue {
		states = slices.DeleteFunc(states, func(s work.State) bool { return s == work.StateDone || s == work.StateCancelled })
	}
	return states
}

// taskListParts are what every stream of a list checks besides its own
// column: the deadline bound, the text search, the cursor.
type taskListParts struct {
	dueBefore  *int64 // microseconds, exclusive
	search     string // condition on t, with searchArgs
	searchArgs []any
	after      *TaskCursor
	indexedBy  func(index string) string // the dialect's
}

func (db *DB) listParts(f TaskFilter) taskListParts {
	var p taskListParts
	bound := func(t time.Time) {
		us := Micro(t)
		if p.dueBefore == nil || us < *p.dueBefore {
			p.dueBefore = &us
		}
	}
	if f.Overdue {
		now := f.Now
		if now.IsZero() {
			now = db.now()
		}
		bound(calendar.DateOf(now).Time())
	}
	if f.DueBefore != nil {
		bound(*f.DueBefore)
	}
	p.after = f.After
	p.indexedBy = db.d.indexedBy
	return p
}

// taskStream is one index range of a list.
type taskStream struct {
	sql  string
	args []any
}

// streams are the index ranges of one conjunction, each limited to n
// rows: driven by the term with the fewest values (one range per value
// and per state), the other terms checked on the rows.
func (p taskListParts) streams(terms []taskTerm, states []work.State, openOnly bool, n int) []taskStream {
	drive := slices.MinFunc(terms, taskTerm.drivesBefore)
	var rest []string
	var restArgs []any
	for _, m := range terms {
		if m.dim != drive.dim {
			c, a := m.cond()
			rest, restArgs = append(rest, c), append(restArgs, a...)
		}
	}
	if p.search != "" {
		rest, restArgs = append(rest, p.search), append(restArgs, p.searchArgs...)
	}
	d := drive.dim
	col, stateCol, due, id := "t."+d.col, "t.state", "t.deadline_at", "t.id"
	from := func(index string) string { return "tasks t" + p.indexedBy(index) }
	if d.coord {
		col, stateCol, due, id = "c."+d.col, "c.task_state", "c.task_deadline_at", "c.task_id"
		from = func(index string) string {
			return "task_coordinators c" + p.indexedBy(index) + " JOIN tasks t ON t.id = c.task_id"
		}
	}
	// One range for every state when an index serves them together.
	type sel struct {
		cond  string
		args  []any
		index string
	}
	var sels []sel
	switch {
	case d.all && len(states) == len(work.States()):
		sels = []sel{{index: d.idxAll}}
	case d.open && openOnly:
		sels = []sel{{cond: stateCol + " NOT IN ('done', 'cancelled')", index: d.idxOpen}}
	default:
		for _, s := range states {
			sels = append(sels, sel{stateCol + " = ?", []any{string(s)}, d.idxState})
		}
	}
	var out []taskStream
	for _, v := range drive.vals {
		for _, s := range sels {
			where := []string{col + " = ?"}
			args := []any{v}
			if s.cond != "" {
				where, args = append(where, s.cond), append(args, s.args...)
			}
			if p.dueBefore != nil {
				where, args = append(where, due+" < ?"), append(args, *p.dueBefore)
			}
			if p.after != nil {
				// A range on the deadline (a row value beside "deadline <" was
				// only a filter on SQLite: each page read from the start).
				us := Micro(p.after.Deadline)
				where = append(where, due+" >= ?", "("+due+" > ? OR "+id+" > ?)")
				args = append(args, us, us, p.after.ID)
			}
			where, args = append(where, rest...), append(args, restArgs...)
			out = append(out, taskStream{
				sql: "SELECT t.id, t.version, t.deadline_at FROM " + from(s.index) + " WHERE " + strings.Join(where, " AND ") +
					" ORDER BY " + due + ", " + id + " LIMIT " + strconv.Itoa(n),
				args: args,
			})
		}
	}
	return out
}

// taskListPlan is how a list is read: streams merged, or (a rare search,
// or no column to drive by) one query sorted by the database.
type taskListPlan struct {
	streams []taskStream
	single  *taskStream
	mode    []any
}

// planTaskList decides how f's list is read, n rows per stream.
func (db *DB) planTaskList(ctx context.Context, f TaskFilter, n int) (taskListPlan, error) {
	var plan taskListPlan
	parts := db.listParts(f)
	states := f.listStates()
	if len(states) == 0 {
		return plan, nil
	}
	conj := f.conjunctions()
	if len(conj) == 0 {
		return plan, nil
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		hint, err := db.searchHint(ctx, &db.taskTri, fold.String(q))
		if err != nil {
			return plan, err
		}
		s, ok := db.d.search("task_search", "t", q, hint, false)
		switch {
		case ok && (s.from != "" || !hint.common):
			// A rare query: its few tasks come from the trigram index.
			single := db.singleTaskQuery(f, conj, states, parts, n, s)
			plan.single, plan.mode = &single, s.mode
			return plan, nil
		case ok:
			parts.search, parts.searchArgs, plan.mode = s.cond, s.args, s.mode
		default:
			parts.search, parts.searchArgs = `t.search_text LIKE ? ESCAPE '\'`, []any{fold.LikePattern(q)}
		}
	}
	openOnly := len(states) == len(work.States())-2 && !slices.Contains(states, work.StateDone) && !slices.Contains(states, work.StateCancelled)
	for _, terms := range conj {
		if len(terms) == 0 {
			single := db.singleTaskQuery(f, conj, states, parts, n, textSearch{})
			plan.single, plan.streams = &single, nil
			return plan, nil
		}
		plan.streams = append(plan.streams, parts.streams(terms, states, openOnly, n)...)
	}
	return plan, nil
}

// singleTaskQuery is the list as one query sorted by the database: for a
// rare search (its matches only) and for lists with no column to drive by
// (background jobs, which list every task of a state).
func (db *DB) singleTaskQuery(f TaskFilter, conj [][]taskTerm, states []work.State, p taskListParts, n int, s textSearch) taskStream {
	var where []string
	var args []any
	var ors []string
	for _, terms := range conj {
		var ands []string
		for _, m := range terms {
			c, a := m.cond()
			ands, args = append(ands, c), append(args, a...)
		}
		if len(ands) == 0 {
			ors = nil
			break
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	if len(ors) > 0 {
		where = append(where, "("+strings.Join(ors, " OR ")+")")
	}
	if len(states) < len(work.States()) {
		where = append(where, "t.state IN ("+placeholders(len(states))+")")
		for _, st := range states {
			args = append(args, string(st))
		}
	}
	if slices.Equal(states, []work.State{work.StateAssigned, work.StateInProgress, work.StateBlocked, work.StateSubmitted, work.StateReturned}) {
		where = append(where[:len(where)-1], "t.state NOT IN ('done', 'cancelled')") // the text of the partial index tasks_open_due
		args = args[:len(args)-len(states)]
	}
	if p.dueBefore != nil {
		where, args = append(where, "t.deadline_at < ?"), append(args, *p.dueBefore)
	}
	if p.after != nil {
		us := Micro(p.after.Deadline)
		where = append(where, "t.deadline_at >= ?", "(t.deadline_at > ? OR t.id > ?)")
		args = append(args, us, us, p.after.ID)
	}
	if s.cond != "" {
		where, args = append(where, s.cond), append(args, s.args...)
	} else if p.search != "" {
		where, args = append(where, p.search), append(args, p.searchArgs...)
	}
	from := s.from + "tasks t" + s.on
	q := "SELECT t.id, t.version, t.deadline_at FROM " + from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return taskStream{sql: q + " ORDER BY t.deadline_at, t.id LIMIT " + strconv.Itoa(n), args: args}
}

// union is the plan's streams as one statement (each in parentheses, so
// that each keeps its ORDER BY and LIMIT).
func (plan taskListPlan) union() (string, []any) {
	if plan.single != nil {
		return plan.single.sql, plan.single.args
	}
	var parts []string
	var args []any
	for i, s := range plan.streams {
		n := strconv.Itoa(i)
		parts = append(parts, "SELECT id, version, deadline_at, "+n+" AS stream FROM ("+s.sql+") s"+n)
		args = append(args, s.args...)
	}
	return strings.Join(parts, " UNION ALL "), args
}

// taskRef is a row of a stream.
type taskRef struct {
	id       int64
	version  int
	deadline int64
}

func (r taskRef) before(o taskRef) int {
	return cmp.Or(cmp.Compare(r.deadline, o.deadline), cmp.Compare(r.id, o.id))
}

// readTaskRefs runs the plan and merges its streams: every row up to the
// first stream that was cut at n (beyond it, that stream may hold tasks
// not read), each task once, in deadline order.
func (db *DB) readTaskRefs(ctx context.Context, plan taskListPlan, n int) ([]taskRef, bool, error) {
	if plan.single == nil && len(plan.streams) == 0 {
		return nil, false, nil
	}
	q, args := plan.union()
	rows, err := db.query(ctx, q, append(plan.mode, args...)...)
	if err != nil {
		return nil, false, fmt.Errorf("find tasks: %w", err)
	}
	var refs []taskRef
	var last []taskRef // each stream's last row
	counts := map[int]int{}
	for rows.Next() {
		var r taskRef
		var stream int
		dest := []any{&r.id, &r.version, &r.deadline}
		if plan.single == nil {
			dest = append(dest, &stream)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("find tasks: %w", err)
		}
		refs = append(refs, r)
		if plan.single == nil {
			for len(last) <= stream {
				last = append(last, taskRef{})
			}
			if counts[stream]++; r.before(last[stream]) > 0 {
				last[stream] = r
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("find tasks: %w", err)
	}
	if plan.single != nil {
		return refs, len(refs) == n, nil
	}
	// A stream cut at n rows may hold more beyond its last: the list is
	// sure only up to the first such cut.
	var cut *taskRef
	for i, l := range last {
		if counts[i] == n && (cut == nil || l.before(*cut) < 0) {
			c := l
			cut = &c
		}
	}
	slices.SortFunc(refs, taskRef.before)
	refs = slices.CompactFunc(refs, func(a, b taskRef) bool { return a.id == b.id })
	if cut != nil {
		end, _ := slices.BinarySearchFunc(refs, *cut, taskRef.before)
		refs = refs[:end+1]
	}
	return refs, cut != nil, nil
}

// FindTaskPage lists a page of tasks by deadline (soonest first) from
// f.After on, f.Limit long (50 by default, at most 1000), with
// coordinators and checklists but without histories; Next says where the
// following page starts. Every page reads index ranges only (see above).
func (db *DB) FindTaskPage(ctx context.Context, f TaskFilter) (TaskPage, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	skip := max(0, f.Offset)
	n := skip + limit + 1 // one more than shown tells whether a next page exists
	plan, err := db.planTaskList(ctx, f, n)
	if err != nil {
		return TaskPage{}, err
	}
	refs, cut, err := db.readTaskRefs(ctx, plan, n)
	if err != nil {
		return TaskPage{}, err
	}
	var page TaskPage
	more := cut || len(refs) > skip+limit
	refs = refs[min(skip, len(refs)):]
	refs = refs[:min(limit, len(refs))]
	if more && len(refs) > 0 {
		l := refs[len(refs)-1]
		page.Next = &TaskCursor{Deadline: FromMicro(l.deadline), ID: l.id}
	}
	if page.Tasks, err = db.fillTaskPage(ctx, refs); err != nil {
		return TaskPage{}, fmt.Errorf("find tasks: %w", err)
	}
	return page, nil
}

// FindTasks lists tasks by deadline (soonest first), with coordinators and
// checklists but without histories: FindTaskPage's tasks.
func (db *DB) FindTasks(ctx context.Context, f TaskFilter) ([]TaskSummary, error) {
	p, err := db.FindTaskPage(ctx, f)
	return p.Tasks, err
}

// TaskCountCap is where CountTasks stops counting: a list of more tasks
// says "hơn 1.000" rather than read them all (dossier.TotalCap's reason:
// a count reads up to the cap's index entries per branch of the scope).
const TaskCountCap = 1_000

// CountTasks counts the tasks of f's list (f.After, Limit and Offset
// ignored) up to max (TaskCountCap when 0); capped is true when there are
// more than max, and n is then max. It reads at most max+1 index entries
// per branch of the scope.
func (db *DB) CountTasks(ctx context.Context, f TaskFilter, max int) (n int, capped bool, err error) {
	if max <= 0 {
		max = TaskCountCap
	}
	f.After, f.Offset = nil, 0
	states := f.listStates()
	conj := f.conjunctions()
	if len(states) == 0 || len(conj) == 0 {
		return 0, false, nil
	}
	parts := db.listParts(f)
	var mode []any
	if q := strings.TrimSpace(f.Query); q != "" {
		hint, err := db.searchHint(ctx, &db.taskTri, fold.String(q))
		if err != nil {
			return 0, false, err
		}
		if s, ok := db.d.search("task_search", "t", q, hint, false); ok && s.from == "" {
			parts.search, parts.searchArgs, mode = s.cond, s.args, s.mode
		} else {
			// The exact text, checked on the rows each branch reads.
			parts.search, parts.searchArgs = `t.search_text LIKE ? ESCAPE '\'`, []any{fold.LikePattern(q)}
		}
	}
	var subs []string
	var args []any
	distinct := len(conj) > 1
	for _, terms := range conj {
		where := []string{}
		var a []any
		from := "tasks t"
		if len(terms) > 0 {
			drive := slices.MinFunc(terms, taskTerm.drivesBefore)
			if drive.dim.coord {
				distinct = true // a unit may coordinate one task twice
			} else if drive.dim.idxState != "" && parts.search == "" {
				// SQLite, without statistics, counted a division's tasks
				// on a director's board from the agency's index, reading
				// past every other unit's (50–100 ms at 200,000 tasks).
				from += db.d.indexedBy(drive.dim.idxState)
			}
			for _, m := range terms {
				c, ca := m.cond()
				where, a = append(where, c), append(a, ca...)
			}
		}
		if len(states) < len(work.States()) {
			where = append(where, "t.state IN ("+placeholders(len(states))+")")
			for _, s := range states {
				a = append(a, string(s))
			}
		}
		if parts.dueBefore != nil {
			where, a = append(where, "t.deadline_at < ?"), append(a, *parts.dueBefore)
		}
		if parts.search != "" {
			where, a = append(where, parts.search), append(a, parts.searchArgs...)
		}
		q := "SELECT t.id FROM " + from
		if len(where) > 0 {
			q += " WHERE " + strings.Join(where, " AND ")
		}
		subs, args = append(subs, "SELECT id FROM ("+q+" LIMIT "+strconv.Itoa(max+1)+") c"+strconv.Itoa(len(subs))), append(args, a...)
	}
	glue := " UNION ALL "
	if distinct {
		glue = " UNION "
	}
	q := "SELECT count(*) FROM (" + strings.Join(subs, glue) + ") n"
	if err := db.queryRow(ctx, q, append(mode, args...)...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("count tasks: %w", err)
	}
	if n > max {
		return max, true, nil
	}
	return n, false, nil
}
