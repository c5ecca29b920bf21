package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/org"
)

// Importing a month's disbursement from a workbook (NĐ 85/2025/NĐ-CP Art
// 49, TT 37/2025/TT-BTC): the rows are judged exactly as RecordDisbursements
// judges a figure entered by hand — the same batch, the same rules — so the
// preview's errors are the commit's. A check (the preview, the API's
// dry_run) judges the whole batch in a read transaction that is rolled
// back: the same lookups and locks as the commit, the same decision
// (investment.DecideFigure), each row seeing the rows before it, and no
// write — so a check of thousands of rows costs a fraction of the commit.

// errDryRun rolls a checked batch back.
var errDryRun = errors.New("store: dry run")

// judge is figureBatch.record without its writes: the project (and the
// reporter's right to it), the year's figures, plan and extension, the
// decision, and the figure kept for the rows after it. It must follow
// record's steps exactly.
func (b *figureBatch) judge(tree *org.Tree, row investment.FigureRow) error {
	p, err := b.project(tree, row.ProjectCode)
	if err != nil {
		return err
	}
	if !row.Source.Valid() || row.Month < 1 || row.Month > 12 {
		_, err := investment.DecideFigure(row.FigureInput, investment.FigureContext{Today: b.today})
		return err
	}
	y, err := b.year(yearKey{p.ID, row.Year, row.Source})
	if err != nil {
		return err
	}
	m := time.Month(row.Month)
	var existing *investment.Figure
	if f, ok := y.figures[m]; ok {
		existing = &f
	}
	f, err := investment.DecideFigure(row.FigureInput, investment.FigureContext{Existing: existing, Plan: y.plan, Extension: y.ext, Today: b.today})
	if err != nil {
		return err
	}
	f.ProjectID = p.ID
	y.figures[m] = f
	return nil
}

// CheckDisbursements judges a batch of figures as RecordDisbursements
// would, rows seeing the rows before them, and writes nothing. It returns
// nil when every row would be recorded, or the *investment.BatchError
// listing every refused row.
func (db *DB) CheckDisbursements(ctx context.Context, r investment.Reporter, rows []investment.FigureRow) error {
	tree, err := db.Tree(ctx)
	if err != nil {
		return err
	}
	var refused []investment.RowError
	err = db.InTx(ctx, func(tx *Tx) error {
		refused = refused[:0]
		b := figureBatch{tx: tx, r: r, projects: map[string]*batchProject{}, years: map[yearKey]*yearState{}, today: calendar.DateOf(tx.Now)}
		for i, row := range rows {
			if err := b.judge(tree, row); err != nil {
				ae, ok := investment.AsRowError(err)
				if !ok {
					return err
				}
				refused = append(refused, investment.RowError{Index: i, Line: row.Line, Err: ae})
			}
		}
		return errDryRun
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	if len(refused) > 0 {
		return &investment.BatchError{Rows: refused}
	}
	return nil
}

// InvestorOfUnit is the investor whose own unit unit is (0: none).
func (db *DB) InvestorOfUnit(ctx context.Context, unit int64) (int64, error) {
	var id int64
	err := db.queryRow(ctx, `SELECT id FROM investors WHERE unit_id = ?`, unit).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// RegisterOf is the agency whose project register a person of agency
// works on: the department itself, or, for an investor's staff (whose
// investor unit is an agency of its own), the department keeping the
// register their investor is in.
func (db *DB) RegisterOf(ctx context.Context, agency int64) (int64, error) {
	var reg int64
	err := db.queryRow(ctx, `SELECT agency_id FROM investors WHERE unit_id = ?`, agency).Scan(&reg)
	if errors.Is(err, sql.ErrNoRows) {
		return agency, nil
	}
	if err != nil {
		return 0, fmt.Errorf("register of %d: %w", agency, err)
	}
	return reg, nil
}
