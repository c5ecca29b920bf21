package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"congvu/internal/calendar"
	"congvu/internal/investment"
)

// RecordCapitalPlan sets or adjusts the capital plan of project code in
// r's register for in's kind, year and source: it locks the project,
// checks that r may plan it (investment.MayPlan), lets investment.DecidePlan
// judge the new version against the current one and the year's Art 72
// deadline, and in one transaction stores the plan, its version with the
// decision, the annual plans' rollups and the journal entry. Errors:
// apperr.NotFound (project), apperr.Forbidden, apperr.Invalid and
// apperr.Conflict from DecidePlan (a closed year, an adjustment changing
// nothing).
func (db *DB) RecordCapitalPlan(ctx context.Context, r investment.Reporter, code string, in investment.PlanInput) (investment.CapitalPlan, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return investment.CapitalPlan{}, err
	}
	var out investment.CapitalPlan
	err = db.InTx(ctx, func(tx *Tx) error {
		p, err := lockMoneyProject(tx, r.AgencyID, code)
		if err != nil {
			return err
		}
		if err := r.MayPlan(tree, p.Project, p.Investor); err != nil {
			return err
		}
		prev, planID, err := currentPlan(tx, p.ID, in.Kind, in.Year, in.Source)
		if err != nil {
			return err
		}
		ext, err := extensionOf(tx, p.ID, in.LastYear())
		if err != nil {
			return err
		}
		next, err := investment.DecidePlan(prev, in, ext, calendar.DateOf(tx.Now))
		if err != nil {
			return err
		}
		next.ProjectID = p.ID
		if prev == nil {
			planID, err = tx.InsertID(`INSERT INTO capital_plans (project_id, kind, year, source, assigned_by_pm, allocated_locally, version, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, string(next.Kind), next.Year, string(next.Source), next.AssignedByPM, next.AllocatedLocally, next.Version, Micro(tx.Now))
			if err != nil {
				return fmt.Errorf("insert plan: %w", err)
			}
		} else if err := tx.Write("update plan", `UPDATE capital_plans SET assigned_by_pm = ?, allocated_locally = ?, version = ?, updated_at = ? WHERE id = ?`,
			next.AssignedByPM, next.AllocatedLocally, next.Version, Micro(tx.Now), planID); err != nil {
			return err
		}
		dec := next.Decision
		if err := tx.Write("plan version", `INSERT INTO capital_plan_versions (plan_id, version, assigned_by_pm, allocated_locally,
			decision_number, decision_date, decision_signer, decision_file_id, person_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			planID, next.Version, next.AssignedByPM, next.AllocatedLocally, dec.Number, dec.Date, dec.Signer, nullFile(dec.FileID),
			r.Actor.PersonID, Micro(tx.Now)); err != nil {
			return err
		}
		if next.Kind == investment.PlanAnnual {
			d := yearDelta{pm: next.AssignedByPM, local: next.AllocatedLocally}
			if prev != nil {
				d.pm, d.local = d.pm-prev.AssignedByPM, d.local-prev.AllocatedLocally
			}
			if err := addRollups(tx, p, next.Year, next.Source, d); err != nil {
				return err
			}
		}
		action := "plan"
		if prev != nil {
			action = "adjust_plan"
		}
		if err := tx.AuditFor(p.AgencyID, r.Actor, "project", p.Code, action, map[string]any{
			"kind": next.Kind, "year": next.Year, "source": next.Source, "version": next.Version,
			"assigned_by_pm": next.AssignedByPM, "allocated_locally": next.AllocatedLocally,
			"decision_number": dec.Number, "decision_date": dec.Date, "decision_signer": dec.Signer, "decision_file_id": dec.FileID,
		}); err != nil {
			return err
		}
		out = next
		return nil
	})
	return out, err
}

// currentPlan reads a project's current plan of a kind, year and source
// with its row id; nil when there is none.
func currentPlan(tx *Tx, project int64, kind investment.PlanKind, year int, src investment.Source) (*investment.CapitalPlan, int64, error) {
	p := investment.CapitalPlan{ProjectID: project, Kind: kind, Year: year, Source: src}
	var id int64
	err := tx.QueryRow(`SELECT id, assigned_by_pm, allocated_locally, version FROM capital_plans WHERE project_id = ? AND kind = ? AND year = ? AND source = ?`,
		project, string(kind), year, string(src)).Scan(&id, &p.AssignedByPM, &p.AllocatedLocally, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("plan of %d %s: %w", year, src, err)
	}
	return &p, id, nil
}

// RecordExtension records the Art 72 extension of a project's plan year
// (investment.Extension.Validate: after 31 January, at most 31 December of
// the next year, with its decision), replacing an earlier one, journalled.
// Errors: apperr.NotFound, apperr.Forbidden, apperr.Invalid.
func (db *DB) RecordExtension(ctx context.Context, r investment.Reporter, code string, e investment.Extension) error {
	if err := e.Validate(); err != nil {
		return err
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		p, err := lockMoneyProject(tx, r.AgencyID, code)
		if err != nil {
			return err
		}
		if err := r.MayPlan(tree, p.Project, p.Investor); err != nil {
			return err
		}
		d := e.Decision
		if err := tx.Write("extension", `INSERT INTO capital_extensions (project_id, year, until_date, decision_number, decision_date, decision_signer,
			decision_file_id, person_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (project_id, year) DO UPDATE SET until_date = excluded.until_date, decision_number = excluded.decision_number,
			decision_date = excluded.decision_date, decision_signer = excluded.decision_signer, decision_file_id = excluded.decision_file_id,
			person_id = excluded.person_id, at = excluded.at`,
			p.ID, e.Year, e.Until.String(), d.Number, d.Date, d.Signer, nullFile(d.FileID), r.Actor.PersonID, Micro(tx.Now)); err != nil {
			return err
		}
		return tx.AuditFor(p.AgencyID, r.Actor, "project", p.Code, "extend_disbursement", map[string]any{
			"year": e.Year, "until": e.Until.String(), "decision_number": d.Number, "decision_date": d.Date, "decision_signer": d.Signer, "decision_file_id": d.FileID,
		})
	})
}

func parseStoredDate(s string) (calendar.Date, error) {
	d, err := calendar.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("stored date %q: %w", s, err)
	}
	return d, nil
}
