package store

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/flow"
)

// The bottleneck rollups (migration 0039, internal/flow): what each dossier
// event changes of the step and graph rows is worked out by flow.Ended and
// flow.LateCause and added to dossier_step_daily and dossier_flow_daily in
// the event's own transaction, just before it commits, as dossier_daily is.

// flowStepKey names a row of dossier_step_daily.
type flowStepKey struct {
	agency int64
	proc   string
	day    calendar.Date
	step   int
	unit   int64
}

func (a flowStepKey) compare(b flowStepKey) int {
	return cmp.Or(cmp.Compare(a.agency, b.agency), strings.Compare(a.proc, b.proc), a.day.Compare(b.day),
		cmp.Compare(a.step, b.step), cmp.Compare(a.unit, b.unit))
}

// flowEdgeKey names a row of dossier_flow_daily.
type flowEdgeKey struct {
	agency   int64
	proc     string
	day      calendar.Date
	from, to int
	unit     int64
}

func (a flowEdgeKey) compare(b flowEdgeKey) int {
	return cmp.Or(cmp.Compare(a.agency, b.agency), strings.Compare(a.proc, b.proc), a.day.Compare(b.day),
		cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to), cmp.Compare(a.unit, b.unit))
}

// flowRollup is what one transaction, a group of them, a bulk batch or a
// backfill adds to the bottleneck rollups.
type flowRollup struct {
	steps map[flowStepKey]*flow.StepSums
	edges map[flowEdgeKey]*flow.EdgeSums
	tasks map[flowTaskKey]*flow.TaskSums
}

func (f *flowRollup) empty() bool { return len(f.steps) == 0 && len(f.edges) == 0 && len(f.tasks) == 0 }

// change adds what the last of events did, from old to st, to the dossier
// rec's rows.
func (f *flowRollup) change(cal *calendar.Calendar, rec *dossier.Record, old, st dossier.State, events []dossier.Event) error {
	p, ok, err := flow.Ended(cal, old, st, events)
	if err != nil {
		return err
	}
	if ok {
		f.pass(rec.AgencyID, rec.Procedure.Code, p)
	}
	if step, unit, ok := flow.LateCause(old, st); ok {
		f.late(rec.AgencyID, rec.Procedure.Code, flow.Late{Step: step, UnitID: unit, At: st.CompletedAt})
	}
	return nil
}

// pass counts one pass, its times in whole milliseconds as the rows keep
// them.
func (f *flowRollup) pass(agency int64, proc string, p flow.Pass) {
	p.Spent, p.Wait, p.Budget = p.Spent.Truncate(time.Millisecond), p.Wait.Truncate(time.Millisecond), p.Budget.Truncate(time.Millisecond)
	day := calendar.DateOf(p.EndedAt)
	f.step(flowStepKey{agency, proc, day, p.Step, p.UnitID}).AddPass(p)
	ek := flowEdgeKey{agency, proc, day, p.Step, p.ToStep, p.UnitID}
	if f.edges == nil {
		f.edges = map[flowEdgeKey]*flow.EdgeSums{}
	}
	e := f.edges[ek]
	if e == nil {
		e = &flow.EdgeSums{From: p.Step, To: p.ToStep}
		f.edges[ek] = e
	}
	e.Passes++
	e.Spent += p.Spent
}

// late counts a late dossier laid to a step, on its completion day.
func (f *flowRollup) late(agency int64, proc string, l flow.Late) {
	f.step(flowStepKey{agency, proc, calendar.DateOf(l.At), l.Step, l.UnitID}).LateCaused++
}

func (f *flowRollup) step(k flowStepKey) *flow.StepSums {
	if f.steps == nil {
		f.steps = map[flowStepKey]*flow.StepSums{}
	}
	s := f.steps[k]
	if s == nil {
		s = &flow.StepSums{Step: k.step, UnitID: k.unit}
		f.steps[k] = s
	}
	return s
}

// merge adds o's rows to f's.
func (f *flowRollup) merge(o *flowRollup) {
	for k, s := range o.steps {
		f.step(k).Merge(*s)
	}
	for k, e := range o.edges {
		if f.edges == nil {
			f.edges = map[flowEdgeKey]*flow.EdgeSums{}
		}
		if f.edges[k] == nil {
			f.edges[k] = &flow.EdgeSums{From: e.From, To: e.To}
		}
		f.edges[k].Passes += e.Passes
		f.edges[k].Spent += e.Spent
	}
	for k, t := range o.tasks {
		if f.tasks == nil {
			f.tasks = map[flowTaskKey]*flow.TaskSums{}
		}
		if f.tasks[k] == nil {
			f.tasks[k] = &flow.TaskSums{PlanID: t.PlanID, UnitID: t.UnitID}
		}
		f.tasks[k].Merge(*t)
	}
}

// flowStepCols are dossier_step_daily's sums, in the order of stepValues.
var flowStepCols = func() []string {
	c := []string{"passes", "over_budget", "returned", "late_caused", "spent_ms", "wait_ms", "budget_ms", "overrun_ms"}
	for i := range flow.Buckets {
		c = append(c, "h"+strconv.Itoa(i))
	}
	return c
}()

func stepValues(k flowStepKey, s *flow.StepSums) []any {
	v := []any{k.agency, k.proc, k.day.String(), k.step, k.unit,
		s.Passes, s.OverBudget, s.Returned, s.LateCaused, s.Spent.Milliseconds(), s.Wait.Milliseconds(), s.Budget.Milliseconds(), s.Overrun.Milliseconds()}
	for _, n := range s.Hist {
		v = append(v, n)
	}
	return v
}

func addUpsert(table, key string, keyCols, sumCols []string) (head, suffix string) {
	sets := make([]string, len(sumCols))
	for i, c := range sumCols {
		sets[i] = c + " = " + table + "." + c + " + excluded." + c
	}
	return "INSERT INTO " + table + " (" + strings.Join(append(slices.Clone(keyCols), sumCols...), ", ") + ") VALUES ",
		" ON CONFLICT (" + key + ") DO UPDATE SET " + strings.Join(sets, ", ")
}

var (
	flowStepKeyCols              = []string{"agency_id", "procedure_code", "day", "step", "unit_id"}
	flowEdgeKeyCols              = []string{"agency_id", "procedure_code", "day", "from_step", "to_step", "unit_id"}
	flowStepHead, flowStepSuffix = addUpsert("dossier_step_daily", strings.Join(flowStepKeyCols, ", "), flowStepKeyCols, flowStepCols)
	flowEdgeHead, flowEdgeSuffix = addUpsert("dossier_flow_daily", strings.Join(flowEdgeKeyCols, ", "), flowEdgeKeyCols, []string{"passes", "spent_ms"})
	flowStepOne                  = flowStepHead + "(" + placeholders(len(flowStepKeyCols)+len(flowStepCols)) + ")" + flowStepSuffix
	flowEdgeOne                  = flowEdgeHead + "(" + placeholders(len(flowEdgeKeyCols)+2) + ")" + flowEdgeSuffix
)

// write adds the rows to the tables: one statement a row in key order (a
// transaction's few rows; writers committing at once lock them in the same
// order), or, for a bulk batch or a backfill, multi-row statements.
func (f *flowRollup) write(tx *Tx, bulk bool) error {
	if f.empty() {
		return nil
	}
	if err := f.writeTasks(tx, bulk); err != nil {
		return err
	}
	sk := slices.SortedFunc(maps.Keys(f.steps), flowStepKey.compare)
	ek := slices.SortedFunc(maps.Keys(f.edges), flowEdgeKey.compare)
	if bulk {
		var vals []any
		for _, k := range sk {
			vals = append(vals, stepValues(k, f.steps[k])...)
		}
		n := len(flowStepKeyCols) + len(flowStepCols)
		if err := multiRow(tx, flowStepHead, n, 500, vals, flowStepSuffix, nil); err != nil {
			return err
		}
		vals = vals[:0]
		for _, k := range ek {
			e := f.edges[k]
			vals = append(vals, k.agency, k.proc, k.day.String(), k.from, k.to, k.unit, e.Passes, e.Spent.Milliseconds())
		}
		return multiRow(tx, flowEdgeHead, len(flowEdgeKeyCols)+2, 1000, vals, flowEdgeSuffix, nil)
	}
	for _, k := range sk {
		if err := tx.Write("bottleneck rollup of a step", flowStepOne, stepValues(k, f.steps[k])...); err != nil {
			return err
		}
	}
	for _, k := range ek {
		e := f.edges[k]
		if err := tx.Write("bottleneck rollup of a hand-off", flowEdgeOne, k.agency, k.proc, k.day.String(), k.from, k.to, k.unit,
			e.Passes, e.Spent.Milliseconds()); err != nil {
			return err
		}
	}
	return nil
}
