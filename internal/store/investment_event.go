package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/investment"
)

// AdjustProject records a change to a project (investment.Apply): a new
// total investment by source with its decision, a new phase, or a
// decision alone. The group is recomputed under the thresholds in force
// on the decision's date; the event keeps the group, total, phase and
// capital before and after, so that a change of group shows as such. The
// project row is locked, so two adjustments take turns. Errors:
// apperr.NotFound, apperr.Invalid naming the field.
func (db *DB) AdjustProject(ctx context.Context, actor audit.Actor, projectID int64, a investment.Adjustment) (investment.Project, investment.Event, error) {
	var p investment.Project
	var ev investment.Event
	err := db.InTx(ctx, func(tx *Tx) error {
		before, err := scanProject(tx.QueryRow("SELECT "+projectColumns+" FROM projects p WHERE p.id = ?"+tx.ForUpdate(), projectID))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Không tìm thấy dự án", "project not found")
		}
		if err != nil {
			return fmt.Errorf("lock project: %w", err)
		}
		if before.Capital, err = capitalTx(tx, projectID); err != nil {
			return err
		}
		if err := checkFile(tx, "decision.file_id", a.Decision.FileID); err != nil {
			return err
		}
		sets, err := groupRulesTx(tx)
		if err != nil {
			return err
		}
		if p, ev, err = investment.Apply(before, a, sets, tx.Now.In(vn).Format("2006-01-02")); err != nil {
			return err
		}
		p.UpdatedAt = FromMicro(Micro(tx.Now))
		if err := tx.WriteOne(apperr.NotFoundf("Không tìm thấy dự án", "project not found"), "update project",
			"UPDATE projects SET phase = ?, grp = ?, group_law = ?, total_investment = ?, updated_at = ? WHERE id = ?",
			string(p.Phase), string(p.Group), p.GroupLaw, p.Total, Micro(tx.Now), p.ID); err != nil {
			return err
		}
		if ev.Action == investment.EventAdjusted {
			if err := writeCapital(tx, p.ID, p.Capital); err != nil {
				return err
			}
		}
		if err := insertProjectEvent(tx, p.AgencyID, actor, &ev); err != nil {
			return err
		}
		return tx.AuditFor(p.AgencyID, actor, "project", p.Code, string(ev.Action), projectAudit(p, ev))
	})
	if err != nil {
		return investment.Project{}, investment.Event{}, err
	}
	return p, ev, nil
}

// capitalTx reads a project's capital inside a transaction.
func capitalTx(tx *Tx, id int64) (map[investment.Source]int64, error) {
	rows, err := tx.Query("SELECT source, amount FROM project_capital WHERE project_id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("project capital: %w", err)
	}
	defer rows.Close()
	c := map[investment.Source]int64{}
	for rows.Next() {
		var s string
		var v int64
		if err := rows.Scan(&s, &v); err != nil {
			return nil, err
		}
		c[investment.Source(s)] = v
	}
	return c, rows.Err()
}

// insertProjectEvent stores an event with the actor and the transaction's
// instant, setting its id.
func insertProjectEvent(tx *Tx, agency int64, actor audit.Actor, ev *investment.Event) error {
	before, err := json.Marshal(nonNil(ev.CapitalBefore))
	if err != nil {
		return err
	}
	after, err := json.Marshal(nonNil(ev.CapitalAfter))
	if err != nil {
		return err
	}
	ev.ActorID, ev.ActorName, ev.At = actor.PersonID, actor.Name, FromMicro(Micro(tx.Now))
	ev.ID, err = tx.InsertID(`INSERT INTO project_events (project_id, agency_id, action, actor_id, actor_name, at, reason,
		decision_number, decision_date, decision_signer, file_id, group_before, group_after, group_law,
		total_before, total_after, phase_before, phase_after, capital_before, capital_after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.ProjectID, agency, string(ev.Action), nullID(actor.PersonID), actor.Name, Micro(tx.Now), ev.Reason,
		ev.Decision.Number, ev.Decision.Date, ev.Decision.Signer, nullID(ev.Decision.FileID),
		string(ev.GroupBefore), string(ev.GroupAfter), ev.LawAfter, ev.TotalBefore, ev.TotalAfter,
		string(ev.PhaseBefore), string(ev.PhaseAfter), string(before), string(after))
	if err != nil {
		return fmt.Errorf("insert project event: %w", err)
	}
	return nil
}

func nonNil(c map[investment.Source]int64) map[investment.Source]int64 {
	if c == nil {
		return map[investment.Source]int64{}
	}
	return c
}

// FindProjectEvents returns a project's history, oldest first.
func (db *DB) FindProjectEvents(ctx context.Context, projectID int64) ([]investment.Event, error) {
	rows, err := db.query(ctx, `SELECT id, project_id, action, COALESCE(actor_id, 0), actor_name, at, reason,
		decision_number, decision_date, decision_signer, COALESCE(file_id, 0), group_before, group_after, group_law,
		total_before, total_after, phase_before, phase_after, capital_before, capital_after
		FROM project_events WHERE project_id = ? ORDER BY id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("project events: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (investment.Event, error) {
		var e investment.Event
		var at int64
		var before, after string
		err := sc.Scan(&e.ID, &e.ProjectID, &e.Action, &e.ActorID, &e.ActorName, &at, &e.Reason,
			&e.Decision.Number, &e.Decision.Date, &e.Decision.Signer, &e.Decision.FileID, &e.GroupBefore, &e.GroupAfter, &e.LawAfter,
			&e.TotalBefore, &e.TotalAfter, &e.PhaseBefore, &e.PhaseAfter, &before, &after)
		if err != nil {
			return e, err
		}
		e.At = FromMicro(at)
		if err := json.Unmarshal([]byte(before), &e.CapitalBefore); err != nil {
			return e, err
		}
		return e, json.Unmarshal([]byte(after), &e.CapitalAfter)
	})
}
