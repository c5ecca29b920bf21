package web

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/work"
)

// The form assigning a task (giao nhiệm vụ): what is to be done and
// delivered, who answers for it (the lead unit and person) and who helps
// (coordinating units, each with an optional person), the deadline as a
// date or as a number of working days, priority, key task, conversion
// weight (hệ số quy đổi), the plan or parent task, and the checklist. The
// assigner is the user; work.CanCreate decides whether they may assign to
// the lead unit.

// coordRows is how many coordinator rows the form offers.
const coordRows = 3

// CoordRow is one coordinator row of the form.
type CoordRow struct {
	I                int
	UnitID, PersonID int64
}

// TaskFormPage is the form to assign a task.
type TaskFormPage struct {
	BasePage
	Form       *Form
	Units      []UnitOption // lead units the user may assign to
	AllUnits   []UnitOption // the agency's units, for coordinators
	People     []PersonOption
	AllPeople  []PersonOption
	Plans      []work.Plan
	Priorities []work.Priority
	Coords     []CoordRow
}

var taskFields = []string{"title", "description", "product", "lead_unit_id", "lead_person_id", "coordinators",
	"deadline", "priority", "weight", "plan_id", "parent_id", "checklist"}

// coordField matches the domain's "coordinators[2].person_id" and "checklist[3]".
var listField = regexp.MustCompile(`^(coordinators|checklist)\[\d+\]`)

func (s *Server) taskForm(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "task.new.title")
	if err != nil {
		return err
	}
	if !s.canSomewhere(b.User, b.tree, work.CreateTask) {
		return forbidden("task.err.create")
	}
	p := &TaskFormPage{BasePage: b, Form: f, Units: s.creatableUnits(&b), AllUnits: agencyUnitOptions(b.tree, b.User),
		Priorities: []work.Priority{work.PriorityLow, work.PriorityNormal, work.PriorityHigh, work.PriorityUrgent}}
	var roots []int64
	for _, u := range p.Units {
		roots = append(roots, u.ID)
	}
	if p.People, err = s.peopleOptions(r.Context(), &b, rootsOnly(&b, roots)); err != nil {
		return err
	}
	if p.AllPeople, err = s.peopleOptions(r.Context(), &b, []int64{agencyOf(b.tree, b.User)}); err != nil {
		return err
	}
	if p.Plans, err = s.visiblePlans(r.Context(), &b, 0, ""); err != nil {
		return err
	}
	for i := range max(coordRows, len(f.Values["coord_unit"])) {
		row := CoordRow{I: i}
		if vs := f.Values["coord_unit"]; i < len(vs) {
			row.UnitID, _ = strconv.ParseInt(vs[i], 10, 64)
		}
		if vs := f.Values["coord_person"]; i < len(vs) {
			row.PersonID, _ = strconv.ParseInt(vs[i], 10, 64)
		}
		p.Coords = append(p.Coords, row)
	}
	return s.render(w, status, "task_new", p)
}

// rootsOnly drops the units that lie below another of the list.
func rootsOnly(b *BasePage, units []int64) []int64 {
	var out []int64
	for _, u := range units {
		below := false
		for _, v := range units {
			below = below || (v != u && b.tree.Within(u, v))
		}
		if !below {
			out = append(out, u)
		}
	}
	return out
}

func (s *Server) handleTaskNew(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, taskFields...)
	f.Values.Set("deadline_kind", "date")
	f.Values.Set("priority", string(work.PriorityNormal))
	f.Values.Set("weight", "1")
	q := r.URL.Query()
	for _, k := range []string{"plan_id", "parent_id", "lead_person_id", "lead_unit_id"} {
		if v := q.Get(k); v != "" {
			f.Values.Set(k, v)
		}
	}
	return s.taskForm(w, r, http.StatusOK, f)
}

func (s *Server) handleTaskCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	lang := httpx.Lang(r)
	f := newForm(r.PostForm, taskFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		if e := apperr.As(err); e != nil {
			if m := listField.FindStringSubmatch(e.Field); m != nil {
				e.Field = m[1]
			} else if e.Field == "assigner_id" {
				e.Field = "lead_person_id"
			}
		}
		f.SetError(err, lang)
		return s.taskForm(w, r, httpx.Status(err), f)
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	b := &BasePage{User: sub, tree: tree, Lang: lang}
	n, err := s.newTaskFromForm(r.Context(), b, f)
	if err != nil {
		return fail(err)
	}
	if err := work.CanCreate(sub, tree, s.deps.Policy, n); err != nil {
		return err
	}
	h, err := s.deps.Store.CreateTask(r.Context(), actor(sub), n, nil)
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.task.created", h.Task.Title)
	return redirect(w, r, "/tasks/"+strconv.FormatInt(h.Task.ID, 10))
}

// newTaskFromForm reads the task the form describes, with the user as the
// assigner, and validates it (work.NewTask.Validate).
func (s *Server) newTaskFromForm(ctx context.Context, b *BasePage, f *Form) (work.NewTask, error) {
	n := work.NewTask{Title: f.Get("title"), Description: f.Get("description"), Product: f.Get("product"),
		AssignerID: b.User.PersonID, AssignedAt: s.deps.Now(), Priority: work.Priority(f.Get("priority")), Key: f.Get("key") == "1"}
	if n.Product == "" {
		n.Product = n.Title
	}
	lead, err := f.Int64("lead_person_id")
	if err != nil {
		return n, err
	}
	n.LeadPersonID = lead
	if f.Get("lead_unit_id") != "" {
		if n.LeadUnitID, err = f.Int64("lead_unit_id"); err != nil {
			return n, err
		}
	} else {
		p, err := s.deps.Store.FindPersonByID(ctx, lead)
		if apperr.Is(err, apperr.NotFound) {
			return n, invalid("lead_person_id", "err.choose")
		} else if err != nil {
			return n, err
		}
		for _, m := range p.Memberships {
			n.LeadUnitID = m.UnitID
			break
		}
		if n.LeadUnitID == 0 {
			return n, invalid("lead_unit_id", "err.choose")
		}
	}
	u, ok := b.tree.Unit(n.LeadUnitID)
	if !ok {
		return n, invalid("lead_unit_id", "err.choose")
	}
	n.AgencyID = u.AgencyID
	if v := f.Get("weight"); v != "" {
		if n.Weight, err = parseNumber("weight", v); err != nil {
			return n, err
		}
		if n.Weight <= 0 {
			return n, apperr.Invalidf("weight", "hệ số quy đổi phải lớn hơn 0 và không quá %g", "the weight must be greater than 0 and at most %g", work.MaxWeight)
		}
	}
	for _, k := range []string{"plan_id", "parent_id"} {
		if f.Get(k) == "" {
			continue
		}
		id, err := f.Int64(k)
		if err != nil {
			return n, err
		}
		if k == "plan_id" {
			n.PlanID = &id
		} else {
			n.ParentID = &id
		}
	}
	units, people := f.Values["coord_unit"], f.Values["coord_person"]
	for i, v := range units {
		v = strings.TrimSpace(v)
		var person string
		if i < len(people) {
			person = strings.TrimSpace(people[i])
		}
		if v == "" && person == "" {
			continue
		}
		c := work.Coordination{}
		if c.UnitID, err = strconv.ParseInt(v, 10, 64); err != nil || c.UnitID <= 0 {
			return n, invalid("coordinators", "task.err.coordunit")
		}
		if person != "" {
			id, err := strconv.ParseInt(person, 10, 64)
			if err != nil || id <= 0 {
				return n, invalid("coordinators", "err.choose")
			}
			c.PersonID = &id
		}
		n.Coordinators = append(n.Coordinators, c)
	}
	for _, line := range strings.Split(f.Get("checklist"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			n.Checklist = append(n.Checklist, line)
		}
	}
	if n.Deadline, err = deadlineFromForm(f); err != nil {
		return n, err
	}
	return n, n.Validate()
}

// deadlineFromForm reads the deadline: a date, or a number of working days.
func deadlineFromForm(f *Form) (work.DeadlineSpec, error) {
	if f.Get("deadline_kind") == "days" {
		v := f.Get("deadline_days")
		if v == "" {
			return work.DeadlineSpec{}, invalid("deadline", "task.err.days")
		}
		days, err := parseNumber("deadline", v)
		if err != nil {
			return work.DeadlineSpec{}, err
		}
		return work.DeadlineSpec{WorkingDays: &days}, nil
	}
	d, err := parseTaskDate("deadline", f.Get("deadline_date"))
	if err != nil {
		return work.DeadlineSpec{}, err
	}
	return work.DeadlineSpec{Date: &d}, nil
}

// personOption is a person in a select box, named with their unit.
func personOption(b *BasePage, p org.Person) PersonOption {
	label := p.FullName
	for _, m := range p.Memberships {
		label += " — " + b.UnitName(m.UnitID)
		break
	}
	return PersonOption{ID: p.ID, Label: label}
}
