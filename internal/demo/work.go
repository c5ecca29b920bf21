package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// WorkOptions tune GenerateWork.
type WorkOptions struct {
	Now  time.Time // the end of the history (default: the store's clock)
	Seed uint64    // the same seed gives the same plans and tasks (default 1)
}

// WorkStats counts what GenerateWork made.
type WorkStats struct {
	Plans  int
	Tasks  int
	Events int
	// Evaluations are the monthly evaluations of 2026 made from the tasks
	// (GenerateEvaluations).
	Evaluations int
	// Reviews and Violations are the issued quarterly review and the
	// discipline violations (GenerateReviews).
	Reviews, Violations int
}

// GenerateWork gives the merged Sở Tài chính a year of plans and tasks, so
// that the plans, the task lists, the inbox, the figures and "who is late"
// show a working department: each division's annual plan of last year and
// this year with its targets (chỉ tiêu) and the actuals reported month by
// month, and about two hundred tasks assigned over the last twelve months
// under those plans, whose histories cover what a year brings — done early
// or on time, done late, returned for rework and accepted after it,
// obstacles raised and resolved, extensions approved and refused, objective
// causes confirmed, quality reviews, and open tasks that are late, blocked
// or awaiting review today.
//
// Plans go through CreatePlan; tasks through the bulk loader, which applies
// every step with work.Apply as the person whose part it is. Everything is
// drawn from Seed, and times from Now, so the same database and options
// give the same work. Run it once, on the demo agency (Seed).
func GenerateWork(ctx context.Context, db *store.DB, opt WorkOptions) (WorkStats, error) {
	var st WorkStats
	now := opt.Now
	if now.IsZero() {
		now = db.Now()
	}
	seed := opt.Seed
	if seed == 0 {
		seed = 1
	}
	org, err := workOrg(ctx, db)
	if err != nil {
		return st, fmt.Errorf("demo work: %w", err)
	}
	cal, err := db.Calendar(ctx, org.agency)
	if err != nil {
		return st, fmt.Errorf("demo work: %w", err)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	vnNow := now.In(calendar.VN)
	plans := map[[2]int]int64{} // (division index, year) → plan id
	for di, d := range org.divisions {
		for _, y := range []int{vnNow.Year() - 1, vnNow.Year()} {
			p, err := db.CreatePlan(ctx, actor, d.spec.plan(org.agency, d.id, y, vnNow, rng))
			if err != nil {
				return st, fmt.Errorf("demo work: plan of %s for %d: %w", d.name, y, err)
			}
			plans[[2]int{di, y}] = p.ID
			st.Plans++
		}
	}

	l := db.NewTaskBulkLoader(ctx, actor, store.TaskBulkOptions{})
	start := now.AddDate(-1, 0, 0)
	const n = 200
	for i := 0; i < n; i++ {
		// Spread over the year, a little denser in the recent months.
		f := rng.Float64()
		assigned := workHour(start.Add(time.Duration((1 - f*f) * float64(now.Sub(start)-72*time.Hour))))
		di := rng.IntN(len(org.divisions))
		d := org.divisions[di]
		tpl := d.spec.tasks[rng.IntN(len(d.spec.tasks))]
		nt := work.NewTask{AgencyID: org.agency, LeadUnitID: d.id, AssignedAt: assigned,
			Title: tpl.title, Product: tpl.product, Description: tpl.description, Priority: work.PriorityNormal}
		nt.LeadPersonID, nt.AssignerID = d.officials[rng.IntN(len(d.officials))], d.head
		if len(org.directors) > 0 && rng.IntN(6) == 0 {
			// The director assigns to the head a task the department answers for.
			nt.LeadPersonID, nt.AssignerID = d.head, org.directors[rng.IntN(len(org.directors))]
			nt.Key = true
		}
		if pid, ok := plans[[2]int{di, assigned.In(calendar.VN).Year()}]; ok {
			nt.PlanID = &pid
		}
		days := float64(tpl.days + rng.IntN(tpl.days/2+1))
		nt.Deadline = work.DeadlineSpec{WorkingDays: &days}
		switch r := rng.IntN(10); {
		case r == 0:
			nt.Priority = work.PriorityUrgent
		case r < 3:
			nt.Priority = work.PriorityHigh
		}
		if rng.IntN(3) == 0 {
			o := org.divisions[rng.IntN(len(org.divisions))]
			if o.id != d.id {
				nt.Coordinators = []work.Coordination{{UnitID: o.id}}
			}
		}
		if tpl.checklist != nil {
			nt.Checklist = tpl.checklist
		}
		deadline, err := work.DeadlineFrom(cal, assigned, nt.Deadline)
		if err != nil {
			l.Close()
			return st, fmt.Errorf("demo work: deadline of task %d: %w", i+1, err)
		}
		steps := storySteps(rng, nt, deadline, now)
		if err := l.Add(nt, steps); err != nil {
			l.Close()
			return st, fmt.Errorf("demo work: task %d (%s): %w", i+1, nt.Title, err)
		}
	}
	ts, err := l.Close()
	if err != nil {
		return st, fmt.Errorf("demo work: %w", err)
	}
	st.Tasks, st.Events = ts.Tasks, ts.Events
	es, err := GenerateEvaluations(ctx, db, now, seed)
	st.Evaluations = es.Evaluations
	if err != nil {
		return st, err
	}
	st.Reviews, st.Violations, err = GenerateReviews(ctx, db, now)
	return st, err
}

// workHour moves an instant into office hours (08:00–16:30 in Vietnam) on
// a weekday, where a head hands out work.
func workHour(t time.Time) time.Time {
	v := t.In(calendar.VN)
	for v.Weekday() == time.Saturday || v.Weekday() == time.Sunday {
		v = v.AddDate(0, 0, -1)
	}
	h := 8 + v.Nanosecond()%8
	return time.Date(v.Year(), v.Month(), v.Day(), h, v.Minute(), 0, 0, calendar.VN)
}

// workDivision is a current division of the merged department with the
// people who assign and lead its tasks and what it plans and does.
type workDivision struct {
	id        int64
	name      string
	head      int64
	officials []int64 // officials and deputy heads, who lead tasks
	spec      divisionWork
}

type workOrganisation struct {
	agency    int64
	directors []int64
	divisions []workDivision
}

// workOrg finds the merged department, its directors and the divisions
// that divisionWorks describes, with their staff, as Seed left them.
func workOrg(ctx context.Context, db *store.DB) (workOrganisation, error) {
	var o workOrganisation
	tree, err := db.Tree(ctx)
	if err != nil {
		return o, err
	}
	for _, u := range tree.Units() {
		if u.Current() && u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
			o.agency = u.ID
		}
	}
	if o.agency == 0 {
		return o, fmt.Errorf("no current Sở Tài chính tỉnh Bắc Ninh: run demo.Seed first")
	}
	byName := map[string]int64{}
	for _, id := range tree.AgencySubtree(o.agency) {
		if u, ok := tree.Unit(id); ok && u.Current() {
			byName[u.Name] = id
		}
	}
	agency := o.agency
	leaders, err := db.FindPeople(ctx, org.PersonFilter{UnitID: &agency, OnlyActive: true, Limit: 100})
	if err != nil {
		return o, err
	}
	for _, p := range leaders {
		for _, m := range p.Memberships {
			if m.UnitID == o.agency && m.ValidTo == nil && m.Role == org.RoleDirector {
				o.directors = append(o.directors, p.ID)
			}
		}
	}
	for _, spec := range divisionWorks {
		id, ok := byName[spec.division]
		if !ok {
			return o, fmt.Errorf("no current division %q", spec.division)
		}
		d := workDivision{id: id, name: spec.division, spec: spec}
		people, err := db.FindPeople(ctx, org.PersonFilter{UnitID: &id, OnlyActive: true, Limit: 100})
		if err != nil {
			return o, err
		}
		for _, p := range people {
			for _, m := range p.Memberships {
				if m.UnitID != id || m.ValidTo != nil {
					continue
				}
				switch m.Role {
				case org.RoleHead:
					d.head = p.ID
				case org.RoleDeputyHead, org.RoleOfficial:
					d.officials = append(d.officials, p.ID)
				}
			}
		}
		if d.head == 0 || len(d.officials) == 0 {
			return o, fmt.Errorf("division %q has no head or no official", spec.division)
		}
		o.divisions = append(o.divisions, d)
	}
	return o, nil
}
