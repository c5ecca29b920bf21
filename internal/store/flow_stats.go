package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/flow"
)

// FlowRows returns the bottleneck rollups of a procedure of an agency for
// the days from to to, both included: per step and handling unit, and per
// hand-off. units, when not nil, keeps the passes handled by those units
// (and the hand-offs from them) only. The sums come from
// dossier_step_daily and dossier_flow_daily: a year is a few thousand rows
// whatever the number of dossiers.
func (db *DB) FlowRows(ctx context.Context, agency int64, proc string, units []int64, from, to calendar.Date) ([]flow.StepSums, []flow.EdgeSums, error) {
	args := []any{agency, proc, from.String(), to.String()}
	unitCond := ""
	if units != nil {
		if len(units) == 0 {
			return nil, nil, nil
		}
		unitCond = " AND unit_id IN (" + placeholders(len(units)) + ")"
		for _, u := range units {
			args = append(args, u)
		}
	}
	sums := make([]string, len(flowStepCols))
	for i, c := range flowStepCols {
		sums[i] = "COALESCE(SUM(" + c + "), 0)"
	}
	rows, err := db.query(ctx, `SELECT step, unit_id, `+strings.Join(sums, ", ")+` FROM dossier_step_daily
		WHERE agency_id = ? AND procedure_code = ? AND day >= ? AND day <= ?`+unitCond+` GROUP BY step, unit_id ORDER BY step, unit_id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("bottleneck rows: %w", err)
	}
	steps, err := collectRows(rows, scanStepSums)
	if err != nil {
		return nil, nil, fmt.Errorf("bottleneck rows: %w", err)
	}
	rows, err = db.query(ctx, `SELECT from_step, to_step, COALESCE(SUM(passes), 0), COALESCE(SUM(spent_ms), 0) FROM dossier_flow_daily
		WHERE agency_id = ? AND procedure_code = ? AND day >= ? AND day <= ?`+unitCond+` GROUP BY from_step, to_step ORDER BY from_step, to_step`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("bottleneck graph: %w", err)
	}
	edges, err := collectRows(rows, func(r interface{ Scan(...any) error }) (flow.EdgeSums, error) {
		var e flow.EdgeSums
		var ms int64
		err := r.Scan(&e.From, &e.To, &e.Passes, &ms)
		e.Spent = time.Duration(ms) * time.Millisecond
		return e, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("bottleneck graph: %w", err)
	}
	return steps, edges, nil
}

// scanStepSums reads step, unit_id and the flowStepCols.
func scanStepSums(r interface{ Scan(...any) error }) (flow.StepSums, error) {
	var s flow.StepSums
	var spent, wait, budget, overrun int64
	dest := []any{&s.Step, &s.UnitID, &s.Passes, &s.OverBudget, &s.Returned, &s.LateCaused, &spent, &wait, &budget, &overrun}
	for i := range s.Hist {
		dest = append(dest, &s.Hist[i])
	}
	err := r.Scan(dest...)
	ms := time.Millisecond
	s.Spent, s.Wait, s.Budget, s.Overrun = time.Duration(spent)*ms, time.Duration(wait)*ms, time.Duration(budget)*ms, time.Duration(overrun)*ms
	return s, err
}

// recountFlow replays the dossiers with the given ids (all of them when
// ids is nil) and returns what the bottleneck rollups hold of them: the
// slow path the rollups replace, for the backfill and the tests.
func (db *DB) recountFlow(ctx context.Context, ids []int64) (flowRollup, error) {
	var f flowRollup
	err := db.eachDossierCode(ctx, ids, func(code string) error {
		one, err := db.recountCode(ctx, code)
		f.merge(&one)
		return err
	})
	return f, err
}

// eachDossierCode calls fn with the code of each dossier of ids (every
// dossier when nil), by id, a page at a time.
func (db *DB) eachDossierCode(ctx context.Context, ids []int64, fn func(string) error) error {
	var after int64
	for {
		q, args := "SELECT id, code FROM dossiers WHERE id > ? ORDER BY id LIMIT "+strconv.Itoa(recordsPage), []any{after}
		if ids != nil {
			if len(ids) == 0 {
				return nil
			}
			q = "SELECT id, code FROM dossiers WHERE id IN (" + placeholders(len(ids)) + ") ORDER BY id"
			args = args[:0]
			for _, id := range ids {
				args = append(args, id)
			}
		}
		rows, err := db.query(ctx, q, args...)
		if err != nil {
			return err
		}
		type idCode struct {
			id   int64
			code string
		}
		page, err := collectRows(rows, func(r interface{ Scan(...any) error }) (idCode, error) {
			var c idCode
			return c, r.Scan(&c.id, &c.code)
		})
		if err != nil {
			return err
		}
		for _, c := range page {
			if err := fn(c.code); err != nil {
				return err
			}
			after = c.id
		}
		if ids != nil || len(page) < recordsPage {
			return nil
		}
	}
}

// backfillFlow fills the bottleneck rollups from the dossiers recorded
// before migration 0039 created them, once, just after it is applied: the
// histories are replayed a page at a time and each page's rows added in a
// transaction of its own. Events recorded meanwhile (by another node
// already running the new code) would be counted twice: run the migration
// before the new code serves.
func (db *DB) backfillFlow(ctx context.Context) error {
	var f flowRollup
	n := 0
	flush := func() error {
		if f.empty() {
			return nil
		}
		err := db.InTx(ctx, func(tx *Tx) error { return f.write(tx, true) })
		f, n = flowRollup{}, 0
		return err
	}
	err := db.eachDossierCode(ctx, nil, func(code string) error {
		one, err := db.recountCode(ctx, code)
		if err != nil {
			return err
		}
		f.merge(&one)
		if n++; n >= recordsPage {
			return flush()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("backfill the bottleneck rollups: %w", err)
	}
	if err := flush(); err != nil {
		return err
	}
	err = db.recountTasks(ctx, func(t flowRollup) error {
		f = t
		return flush()
	})
	if err != nil {
		return fmt.Errorf("backfill the task rollups: %w", err)
	}
	return nil
}

// recountCode is recountFlow for one dossier, by code.
func (db *DB) recountCode(ctx context.Context, code string) (flowRollup, error) {
	var f flowRollup
	rec, err := db.FindDossierByCode(ctx, code)
	if err != nil {
		return f, err
	}
	cal, err := db.Calendar(ctx, rec.AgencyID)
	if err != nil {
		return f, err
	}
	passes, late, err := flow.Recount(rec.Procedure, cal, rec.Events, dossier.DefaultRules())
	if err != nil {
		return f, fmt.Errorf("recount dossier %s: %w", code, err)
	}
	for _, p := range passes {
		f.pass(rec.AgencyID, rec.Procedure.Code, p)
	}
	if late != nil {
		f.late(rec.AgencyID, rec.Procedure.Code, *late)
	}
	return f, nil
}

// Bottlenecks is the bottleneck analysis of a procedure of an agency for
// the days from to to (units as in FlowRows), its steps named and
// budgeted as in the version in force on the last day (the latest when
// none was yet), which it returns too. NotFound for an unknown procedure.
func (db *DB) Bottlenecks(ctx context.Context, agency int64, proc string, units []int64, from, to calendar.Date) (flow.Analysis, dossier.Procedure, error) {
	versions, err := db.FindProcedureVersions(ctx, agency, proc)
	if err != nil {
		return flow.Analysis{}, dossier.Procedure{}, err
	}
	p, err := dossier.PickVersion(versions, to)
	if err != nil {
		p = versions[len(versions)-1]
	}
	steps, edges, err := db.FlowRows(ctx, agency, proc, units, from, to)
	if err != nil {
		return flow.Analysis{}, p, err
	}
	info := make([]flow.StepInfo, len(p.Steps))
	for i, s := range p.Steps {
		info[i] = flow.StepInfo{Name: s.Name, Budget: s.Budget}
	}
	return flow.Analyse(info, steps, edges), p, nil
}
