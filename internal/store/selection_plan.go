package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/file"
	"congvu/internal/investment"
)

// Contractor-selection plans (migration 0026): a project's packages as
// they stand (the draft), the approved versions with their packages as
// approved, the selection results, and for each approval, adjustment and
// result the document to post within 5 working days (selection_posting.go).
// The caller has checked that the actor may report on the project
// (investment.CanReportProject); each method re-reads the project under a
// lock, so that two people changing one plan take turns, and checks the
// plan's total against the project's total investment as it is then.

const packageColumns = "id, project_id, name, price, source, form, method, international, online, start_period, contract_type, duration_days, in_version"

func scanPackage(sc interface{ Scan(...any) error }) (investment.Package, error) {
	var p investment.Package
	var start string
	err := sc.Scan(&p.ID, &p.ProjectID, &p.Name, &p.Price, &p.Source, &p.Form, &p.Method, &p.International, &p.Online,
		&start, &p.Contract, &p.DurationDays, &p.InVersion)
	if err == nil {
		p.Start, err = investment.ParseStartPeriod("start", start)
	}
	return p, err
}

// planProject is what a plan's change needs of its project, read under a
// lock in the transaction.
type planProject struct {
	ID, AgencyID int64
	Code         string
	Total        int64
}

func lockPlanProject(tx *Tx, id int64) (planProject, error) {
	p := planProject{ID: id}
	err := tx.QueryRow("SELECT agency_id, code, total_investment FROM projects WHERE id = ?"+tx.ForUpdate(), id).Scan(&p.AgencyID, &p.Code, &p.Total)
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.NotFoundf("Không tìm thấy dự án số %d", "No project %d", id)
	}
	if err != nil {
		return p, fmt.Errorf("lock project %d: %w", id, err)
	}
	return p, nil
}

// projectCalendar is the working-time calendar of the project's agency,
// read before a transaction that counts working days on it. Errors:
// apperr.NotFound.
func (db *DB) projectCalendar(ctx context.Context, projectID int64) (*calendar.Calendar, error) {
	var agency int64
	err := db.queryRow(ctx, "SELECT agency_id FROM projects WHERE id = ?", projectID).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("Không tìm thấy dự án số %d", "No project %d", projectID)
	}
	if err != nil {
		return nil, err
	}
	return db.Calendar(ctx, agency)
}

func packagesTx(q querier, projectID int64) ([]investment.Package, error) {
	rows, err := q.Query("SELECT "+packageColumns+" FROM procurement_packages WHERE project_id = ? ORDER BY pos, id", projectID)
	if err != nil {
		return nil, fmt.Errorf("find packages: %w", err)
	}
	defer rows.Close()
	var out []investment.Package
	for rows.Next() {
		p, err := scanPackage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindPackages lists a project's packages as they stand, with their
// selection results.
func (db *DB) FindPackages(ctx context.Context, projectID int64) ([]investment.Package, error) {
	rows, err := db.query(ctx, "SELECT "+packageColumns+" FROM procurement_packages WHERE project_id = ? ORDER BY pos, id", projectID)
	if err != nil {
		return nil, fmt.Errorf("find packages: %w", err)
	}
	ps, err := collectRows(rows, scanPackage)
	if err != nil {
		return nil, err
	}
	results, err := db.findResults(ctx, projectID)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		if r, ok := results[ps[i].ID]; ok {
			ps[i].Result = &r
		}
	}
	return ps, nil
}

const resultColumns = "package_id, winner, winning_price, decision_number, decision_date, signer, COALESCE(file_id, 0), COALESCE(created_by, 0), created_at"

func scanResult(sc interface{ Scan(...any) error }) (investment.SelectionResult, error) {
	var r investment.SelectionResult
	var at int64
	err := sc.Scan(&r.PackageID, &r.Winner, &r.WinningPrice, &r.Decision.Number, &r.Decision.Date, &r.Decision.Signer, &r.Decision.FileID, &r.CreatedBy, &at)
	r.CreatedAt = FromMicro(at)
	return r, err
}

func (db *DB) findResults(ctx context.Context, projectID int64) (map[int64]investment.SelectionResult, error) {
	rows, err := db.query(ctx, "SELECT "+resultColumns+" FROM selection_results WHERE project_id = ?", projectID)
	if err != nil {
		return nil, fmt.Errorf("find selection results: %w", err)
	}
	list, err := collectRows(rows, scanResult)
	out := make(map[int64]investment.SelectionResult, len(list))
	for _, r := range list {
		out[r.PackageID] = r
	}
	return out, err
}

func packagePayload(p investment.Package) map[string]any {
	return map[string]any{"package_id": p.ID, "name": p.Name, "price": p.Price, "source": p.Source, "form": p.Form, "method": p.Method,
		"international": p.International, "online": p.Online, "start": p.Start.String(), "contract_type": p.Contract, "duration_days": p.DurationDays}
}

// AddPackage adds a package to a project's plan (its draft), journalled
// ("project", code, "package_add"). Errors: apperr.Invalid naming the
// field, "price" when the plan's total would exceed the project's total
// investment (both figures in the message); apperr.NotFound.
func (db *DB) AddPackage(ctx context.Context, actor audit.Actor, projectID int64, in investment.PackageInput) (investment.Package, error) {
	if err := in.Validate(); err != nil {
		return investment.Package{}, err
	}
	p := investment.Package{ProjectID: projectID, PackageInput: in}
	err := db.InTx(ctx, func(tx *Tx) error {
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		cur, err := packagesTx(tx, projectID)
		if err != nil {
			return err
		}
		if err := investment.CheckPlanTotal("price", investment.TotalPrice(cur)+in.Price, pr.Total); err != nil {
			return err
		}
		now := Micro(tx.Now)
		p.ID, err = tx.InsertID(`INSERT INTO procurement_packages (project_id, pos, name, price, source, form, method, international, online,
			start_period, contract_type, duration_days, in_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
			projectID, len(cur)+1, in.Name, in.Price, string(in.Source), string(in.Form), string(in.Method), in.International, in.Online,
			in.Start.String(), string(in.Contract), in.DurationDays, now, now)
		if err != nil {
			return fmt.Errorf("insert package: %w", err)
		}
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, "package_add", packagePayload(p))
	})
	return p, err
}

// UpdatePackage changes a package of the draft; the change takes effect
// in the plan with the next adjustment. Errors: apperr.Invalid (as
// AddPackage), apperr.NotFound, apperr.Conflict for a package with a
// selection result.
func (db *DB) UpdatePackage(ctx context.Context, actor audit.Actor, projectID, packageID int64, in investment.PackageInput) (investment.Package, error) {
	if err := in.Validate(); err != nil {
		return investment.Package{}, err
	}
	var out investment.Package
	err := db.InTx(ctx, func(tx *Tx) error {
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		cur, err := packagesTx(tx, projectID)
		if err != nil {
			return err
		}
		var total int64
		found := false
		for _, p := range cur {
			if p.ID == packageID {
				out, found = p, true
				continue
			}
			total += p.Price
		}
		if !found {
			return apperr.NotFoundf("Dự án không có gói thầu số %d", "The project has no package %d", packageID)
		}
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM selection_results WHERE package_id = ?", packageID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflictf("Gói thầu %q đã có kết quả lựa chọn nhà thầu, không sửa được", "Package %q has a selection result and cannot be changed", out.Name)
		}
		if err := investment.CheckPlanTotal("price", total+in.Price, pr.Total); err != nil {
			return err
		}
		out.PackageInput = in
		if err := tx.WriteOne(fmt.Errorf("package %d vanished", packageID), "update package", `UPDATE procurement_packages SET name = ?, price = ?, source = ?, form = ?, method = ?,
			international = ?, online = ?, start_period = ?, contract_type = ?, duration_days = ?, updated_at = ? WHERE id = ?`,
			in.Name, in.Price, string(in.Source), string(in.Form), string(in.Method), in.International, in.Online, in.Start.String(),
			string(in.Contract), in.DurationDays, Micro(tx.Now), packageID); err != nil {
			return err
		}
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, "package_update", packagePayload(out))
	})
	return out, err
}

// versionsTx reads a project's plan versions, oldest first, with their
// packages as approved.
func versionsTx(q querier, projectID int64) ([]investment.PlanVersion, error) {
	rows, err := q.Query(`SELECT id, project_id, no, kind, decision_number, decision_date, signer, COALESCE(file_id, 0), total, COALESCE(created_by, 0), created_at
		FROM selection_plan_versions WHERE project_id = ? ORDER BY no`, projectID)
	if err != nil {
		return nil, fmt.Errorf("find plan versions: %w", err)
	}
	var out []investment.PlanVersion
	byID := map[int64]int{}
	for rows.Next() {
		var v investment.PlanVersion
		var at int64
		if err := rows.Scan(&v.ID, &v.ProjectID, &v.No, &v.Kind, &v.Decision.Number, &v.Decision.Date, &v.Decision.Signer, &v.Decision.FileID,
			&v.Total, &v.CreatedBy, &at); err != nil {
			rows.Close()
			return nil, err
		}
		v.CreatedAt = FromMicro(at)
		byID[v.ID] = len(out)
		out = append(out, v)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	rows, err = q.Query(`SELECT vp.version_id, vp.package_id, vp.name, vp.price, vp.source, vp.form, vp.method, vp.international, vp.online,
		vp.start_period, vp.contract_type, vp.duration_days FROM selection_plan_version_packages vp
		JOIN selection_plan_versions v ON v.id = vp.version_id WHERE v.project_id = ? ORDER BY vp.version_id, vp.pos`, projectID)
	if err != nil {
		return nil, fmt.Errorf("find plan version packages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var vid int64
		var p investment.Package
		var start string
		if err := rows.Scan(&vid, &p.ID, &p.Name, &p.Price, &p.Source, &p.Form, &p.Method, &p.International, &p.Online,
			&start, &p.Contract, &p.DurationDays); err != nil {
			return nil, err
		}
		if p.Start, err = investment.ParseStartPeriod("start", start); err != nil {
			return nil, err
		}
		i := byID[vid]
		p.ProjectID, p.InVersion = projectID, out[i].No
		out[i].Packages = append(out[i].Packages, p)
	}
	return out, rows.Err()
}

// FindPlanVersions lists a project's plan versions, oldest first, each
// with its decision and its packages as approved.
func (db *DB) FindPlanVersions(ctx context.Context, projectID int64) ([]investment.PlanVersion, error) {
	return versionsTx(reader{db, ctx}, projectID)
}

// ApprovePlanVersion approves the draft as the plan's next version: the
// first is the approval, each later one an adjustment (investment.
// NextVersion). The packages are copied as approved, and the document is
// due for posting on the national e-procurement system within 5 working
// days of the decision's date on the agency's calendar. Journalled
// ("project", code, "plan_approve" or "plan_adjust"). Errors: apperr.Invalid
// naming the field, apperr.Conflict (nothing to approve, nothing changed),
// apperr.NotFound.
func (db *DB) ApprovePlanVersion(ctx context.Context, actor audit.Actor, projectID int64, d investment.Decision) (investment.PlanVersion, error) {
	var v investment.PlanVersion
	cal, err := db.projectCalendar(ctx, projectID)
	if err != nil {
		return v, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		prev, err := versionsTx(tx, projectID)
		if err != nil {
			return err
		}
		draft, err := packagesTx(tx, projectID)
		if err != nil {
			return err
		}
		if v, err = investment.NextVersion(prev, draft, d, pr.Total, calendar.DateOf(tx.Now)); err != nil {
			return err
		}
		v.ProjectID, v.CreatedBy, v.CreatedAt = projectID, actor.PersonID, tx.Now.Truncate(time.Microsecond)
		v.ID, err = tx.InsertID(`INSERT INTO selection_plan_versions (project_id, no, kind, decision_number, decision_date, signer, file_id, total, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, projectID, v.No, string(v.Kind), v.Decision.Number, v.Decision.Date, v.Decision.Signer,
			nullID(v.Decision.FileID), v.Total, nullID(actor.PersonID), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert plan version: %w", err)
		}
		for i, p := range v.Packages {
			if err := tx.Write("copy package", `INSERT INTO selection_plan_version_packages (version_id, package_id, pos, name, price, source, form, method,
				international, online, start_period, contract_type, duration_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				v.ID, p.ID, i+1, p.Name, p.Price, string(p.Source), string(p.Form), string(p.Method), p.International, p.Online,
				p.Start.String(), string(p.Contract), p.DurationDays); err != nil {
				return err
			}
			v.Packages[i].InVersion = v.No
		}
		if err := linkProjectFile(tx, actor, projectID, v.Decision.FileID, "decision.file_id", file.SlotDecision); err != nil {
			return err
		}
		if err := tx.Write("mark packages approved", "UPDATE procurement_packages SET in_version = ? WHERE project_id = ?", v.No, projectID); err != nil {
			return err
		}
		kind := investment.PostPlan
		if v.Kind == investment.VersionAdjustment {
			kind = investment.PostAdjustment
		}
		if err := insertPosting(tx, cal, pr, investment.PostingDoc{Kind: kind, VersionNo: v.No}, v.Decision.Date); err != nil {
			return err
		}
		action := "plan_approve"
		if v.Kind == investment.VersionAdjustment {
			action = "plan_adjust"
		}
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, action, map[string]any{"version": v.No, "total": v.Total,
			"packages": len(v.Packages), "decision": v.Decision})
	})
	return v, err
}

// RecordSelectionResult records the approved result of a package's
// selection, with the document due for posting within 5 working days.
// Journalled ("project", code, "selection_result"). Errors: apperr.Invalid
// naming the field, apperr.Conflict (package not approved yet, result
// recorded already), apperr.NotFound.
func (db *DB) RecordSelectionResult(ctx context.Context, actor audit.Actor, projectID, packageID int64, r investment.SelectionResult) (investment.SelectionResult, error) {
	cal, err := db.projectCalendar(ctx, projectID)
	if err != nil {
		return r, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		p, err := scanPackage(tx.QueryRow("SELECT "+packageColumns+" FROM procurement_packages WHERE id = ? AND project_id = ?", packageID, projectID))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Dự án không có gói thầu số %d", "The project has no package %d", packageID)
		}
		if err != nil {
			return err
		}
		if old, err := scanResult(tx.QueryRow("SELECT "+resultColumns+" FROM selection_results WHERE package_id = ?", packageID)); err == nil {
			p.Result = &old
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := investment.ValidateResult(p, &r, calendar.DateOf(tx.Now)); err != nil {
			return err
		}
		r.PackageID, r.CreatedBy, r.CreatedAt = packageID, actor.PersonID, tx.Now.Truncate(time.Microsecond)
		if err := tx.Write("insert selection result", `INSERT INTO selection_results (package_id, project_id, winner, winning_price, decision_number, decision_date,
			signer, file_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, packageID, projectID, r.Winner, r.WinningPrice,
			r.Decision.Number, r.Decision.Date, r.Decision.Signer, nullID(r.Decision.FileID), nullID(actor.PersonID), Micro(tx.Now)); err != nil {
			return err
		}
		if err := linkProjectFile(tx, actor, projectID, r.Decision.FileID, "decision.file_id", file.SlotDecision); err != nil {
			return err
		}
		if err := insertPosting(tx, cal, pr, investment.PostingDoc{Kind: investment.PostResult, PackageID: packageID}, r.Decision.Date); err != nil {
			return err
		}
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, "selection_result", map[string]any{"package_id": packageID, "winner": r.Winner,
			"winning_price": r.WinningPrice, "savings_rate": investment.SavingsRate(p.Price, r.WinningPrice), "decision": r.Decision})
	})
	return r, err
}
