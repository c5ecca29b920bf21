package store

import (
	"context"
	"fmt"
	"strconv"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/flow"
)

// flowScanCap bounds how many candidate dossiers one drill-down replays:
// the list behind a figure is for reading, a page of examples newest
// first, not a census (the figure itself comes from the rollups).
const flowScanCap = 5000

// FlowDossiers lists, newest first, at most limit dossiers of a procedure
// behind figure fig of a step for the days from to to (units as in
// FlowRows). The candidates, dossiers of the procedure active in the
// period (completed late in it, for FigLateCaused), are found by their
// row and each replayed to tell whether it is behind the figure; at most
// flowScanCap of them, so a long tail may be cut (more reports it).
func (db *DB) FlowDossiers(ctx context.Context, agency int64, proc string, units []int64, from, to calendar.Date,
	step int, fig flow.Figure, limit int) (list []dossier.Summary, more bool, err error) {
	if !fig.Valid() {
		return nil, false, fmt.Errorf("unknown figure %q", fig)
	}
	limit = min(max(limit, 1), 500)
	var unitSet map[int64]bool
	if units != nil {
		unitSet = map[int64]bool{}
		for _, u := range units {
			unitSet[u] = true
		}
	}
	start, end := Micro(from.Time()), Micro(to.AddDays(1).Time())
	cond, args := "d.received_at < ? AND (d.completed_at IS NULL OR d.completed_at >= ?)", []any{end, start}
	if fig == flow.FigLateCaused {
		cond, args = "d.completed_at >= ? AND d.completed_at < ? AND d.result = 'late'", []any{start, end}
	}
	var ids []int64
	scanned := 0
	before := int64(-1)
	for scanned < flowScanCap && len(ids) < limit {
		q := `SELECT d.id, d.code FROM dossiers d WHERE d.agency_id = ? AND d.procedure_code = ? AND ` + cond
		a := append([]any{agency, proc}, args...)
		if before >= 0 {
			q += " AND d.id < ?"
			a = append(a, before)
		}
		q += " ORDER BY d.id DESC LIMIT " + strconv.Itoa(200)
		rows, err := db.query(ctx, q, a...)
		if err != nil {
			return nil, false, fmt.Errorf("dossiers behind a step: %w", err)
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
			return nil, false, fmt.Errorf("dossiers behind a step: %w", err)
		}
		for _, c := range page {
			scanned++
			before = c.id
			rec, err := db.FindDossierByCode(ctx, c.code)
			if err != nil {
				return nil, false, err
			}
			cal, err := db.Calendar(ctx, rec.AgencyID)
			if err != nil {
				return nil, false, err
			}
			passes, late, err := flow.Recount(rec.Procedure, cal, rec.Events, dossier.DefaultRules())
			if err != nil {
				return nil, false, fmt.Errorf("recount dossier %s: %w", c.code, err)
			}
			if flow.Behind(fig, step, unitSet, from, to, passes, late) {
				if len(ids) == limit {
					more = true
					break
				}
				ids = append(ids, c.id)
			}
		}
		if more || len(page) < 200 {
			break
		}
	}
	if scanned >= flowScanCap {
		more = true
	}
	if len(ids) == 0 {
		return nil, more, nil
	}
	a := make([]any, len(ids))
	for i, id := range ids {
		a[i] = id
	}
	rows, err := db.query(ctx, `SELECT `+summaryCols+` FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
		WHERE d.id IN (`+placeholders(len(ids))+`) ORDER BY d.id DESC`, a...)
	if err != nil {
		return nil, false, fmt.Errorf("dossiers behind a step: %w", err)
	}
	list, _, err = scanSummaries(rows)
	return list, more, err
}
