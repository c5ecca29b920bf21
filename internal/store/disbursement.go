package store

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/org"
)

// RecordDisbursements records a batch of monthly disbursement figures
// (TT 37/2025/TT-BTC form 01a; one row from the web or the API, many from
// a workbook) in ONE transaction: for each row it finds the project by its
// code in r's register (locking it), checks that r may report on it
// (investment.Reporter.MayReport: the project's own investor or the unit
// following it), lets investment.DecideFigure judge the figure against the
// month already reported, the year's plan allocated locally and the Art 72
// deadline, and stores the figure, its event and the journal entry; the
// rollups of every month each figure stands for are summed over the batch
// and each rollup row written once at its end (rollupSet), in the same
// transaction. Rows are judged in order, each
// seeing the rows before it. When any row is refused nothing is written,
// and the error is an *investment.BatchError listing every refused row
// (unwrapping to the first: apperr.NotFound for an unknown project,
// apperr.Forbidden, apperr.Invalid, apperr.Conflict for a duplicate month
// or a closed year). It returns the figures as recorded.
func (db *DB) RecordDisbursements(ctx context.Context, r investment.Reporter, rows []investment.FigureRow) ([]investment.Figure, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, err
	}
	var out []investment.Figure
	err = db.InTx(ctx, func(tx *Tx) error {
		out = out[:0]
		b := figureBatch{tx: tx, r: r, projects: map[string]*batchProject{}, years: map[yearKey]*yearState{}, today: calendar.DateOf(tx.Now),
			rollups: newRollupSet()}
		var refused []investment.RowError
		for i, row := range rows {
			f, err := b.record(tree, row)
			if err != nil {
				ae, ok := investment.AsRowError(err)
				if !ok {
					return err
				}
				refused = append(refused, investment.RowError{Index: i, Line: row.Line, Err: ae})
				continue
			}
			out = append(out, f)
		}
		if len(refused) > 0 {
			return &investment.BatchError{Rows: refused}
		}
		return b.rollups.write(tx)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type batchProject struct {
	p   moneyProject
	err error // why the project cannot be reported on
}

type yearKey struct {
	project int64
	year    int
	source  investment.Source
}

// yearState is a project's year of one source as the batch has it: the
// figures by month, the annual plan and the extension.
type yearState struct {
	figures map[time.Month]investment.Figure
	plan    *investment.CapitalPlan
	ext     *investment.Extension
}

// standing is the figure standing at the end of month m: the last one
// reported at or before it.
func (y *yearState) standing(m time.Month) (a, e int64) {
	for k := m; k >= time.January; k-- {
		if f, ok := y.figures[k]; ok {
			return f.CumulativeActual, f.EstimateNext
		}
	}
	return 0, 0
}

type figureBatch struct {
	tx       *Tx
	r        investment.Reporter
	projects map[string]*batchProject
	years    map[yearKey]*yearState
	today    calendar.Date
	rollups  *rollupSet // written once the batch is judged (RecordDisbursements)
}

func (b *figureBatch) project(tree *org.Tree, code string) (moneyProject, error) {
	if bp, ok := b.projects[code]; ok {
		return bp.p, bp.err
	}
	p, err := lockMoneyProject(b.tx, b.r.AgencyID, code)
	if err == nil {
		err = b.r.MayReport(tree, p.Project, p.Investor)
	}
	if err != nil && apperr.As(err) == nil {
		return p, err
	}
	b.projects[code] = &batchProject{p, err}
	return p, err
}

func (b *figureBatch) year(k yearKey) (*yearState, error) {
	if y, ok := b.years[k]; ok {
		return y, nil
	}
	y := &yearState{figures: map[time.Month]investment.Figure{}}
	rows, err := b.tx.Query(`SELECT month, cumulative_actual, estimate_next, version FROM disbursements WHERE project_id = ? AND year = ? AND source = ?`,
		k.project, k.year, string(k.source))
	if err != nil {
		return nil, fmt.Errorf("figures of %d: %w", k.year, err)
	}
	for rows.Next() {
		f := investment.Figure{ProjectID: k.project, Year: k.year, Source: k.source}
		var m int
		if err := rows.Scan(&m, &f.CumulativeActual, &f.EstimateNext, &f.Version); err != nil {
			rows.Close()
			return nil, err
		}
		f.Month = time.Month(m)
		y.figures[f.Month] = f
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if y.plan, _, err = currentPlan(b.tx, k.project, investment.PlanAnnual, k.year, k.source); err != nil {
		return nil, err
	}
	if y.ext, err = extensionOf(b.tx, k.project, k.year); err != nil {
		return nil, err
	}
	b.years[k] = y
	return y, nil
}

// record judges and writes one row.
func (b *figureBatch) record(tree *org.Tree, row investment.FigureRow) (investment.Figure, error) {
	p, err := b.project(tree, row.ProjectCode)
	if err != nil {
		return investment.Figure{}, err
	}
	if !row.Source.Valid() || row.Month < 1 || row.Month > 12 {
		return investment.DecideFigure(row.FigureInput, investment.FigureContext{Today: b.today})
	}
	y, err := b.year(yearKey{p.ID, row.Year, row.Source})
	if err != nil {
		return investment.Figure{}, err
	}
	m := time.Month(row.Month)
	var existing *investment.Figure
	if f, ok := y.figures[m]; ok {
		existing = &f
	}
	f, err := investment.DecideFigure(row.FigureInput, investment.FigureContext{Existing: existing, Plan: y.plan, Extension: y.ext, Today: b.today})
	if err != nil {
		return f, err
	}
	f.ProjectID = p.ID
	oldA, oldE := y.standing(m)
	reported := make([]time.Month, 0, len(y.figures))
	for k := range y.figures {
		reported = append(reported, k)
	}
	tx, who := b.tx, b.r.Actor.PersonID
	if err := tx.Write("disbursement figure", `INSERT INTO disbursements (project_id, year, source, month, cumulative_actual, estimate_next, version, person_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, year, source, month) DO UPDATE SET cumulative_actual = excluded.cumulative_actual,
		estimate_next = excluded.estimate_next, version = excluded.version, person_id = excluded.person_id, at = excluded.at`,
		p.ID, f.Year, string(f.Source), int(f.Month), f.CumulativeActual, f.EstimateNext, f.Version, who, Micro(tx.Now)); err != nil {
		return f, err
	}
	if err := tx.Write("disbursement event", `INSERT INTO disbursement_events (project_id, year, month, source, cumulative_actual, estimate_next, version, reason, person_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, f.Year, int(f.Month), string(f.Source), f.CumulativeActual, f.EstimateNext, f.Version, row.Reason, who, Micro(tx.Now)); err != nil {
		return f, err
	}
	b.rollups.add(p, f.Year, f.Source, figureDelta(reported, m, oldA, oldE, f.CumulativeActual, f.EstimateNext))
	action := "report_disbursement"
	if f.Version > 1 {
		action = "correct_disbursement"
	}
	if err := tx.AuditFor(p.AgencyID, b.r.Actor, "project", p.Code, action, map[string]any{
		"year": f.Year, "month": int(f.Month), "source": f.Source, "cumulative_actual": f.CumulativeActual,
		"estimate_next": f.EstimateNext, "version": f.Version, "reason": row.Reason,
	}); err != nil {
		return f, err
	}
	y.figures[m] = f
	return f, nil
}
