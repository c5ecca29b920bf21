package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/org"
)

// Public investment (internal/investment, migration 0023): the investors
// of a department's register, each with its own unit in the organisation
// tree (org.KindInvestor, its own agency boundary) where its staff hold
// org.RoleInvestor; the group thresholds by law version. Projects are in
// investment_project.go, their changes in investment_event.go.

const investorColumns = "id, agency_id, unit_id, name, kind, created_at"

func scanInvestor(sc interface{ Scan(...any) error }) (investment.Investor, error) {
	var i investment.Investor
	var at int64
	err := sc.Scan(&i.ID, &i.AgencyID, &i.UnitID, &i.Name, &i.Kind, &at)
	i.CreatedAt = FromMicro(at)
	return i, err
}

// CreateInvestor adds an investor to agency n.AgencyID's register and
// creates its unit (org.KindInvestor) beside the agency, under the body
// above it (UBND tỉnh), or under the agency when it has none: a unit of
// its own agency, so rights held in the department never reach it, nor
// the other way round. Errors: apperr.Invalid naming the field (an agency
// that is not one), apperr.Conflict for a name already in the register.
func (db *DB) CreateInvestor(ctx context.Context, actor audit.Actor, n investment.NewInvestor) (investment.Investor, error) {
	if err := n.Validate(); err != nil {
		return investment.Investor{}, err
	}
	var inv investment.Investor
	err := db.InTx(ctx, func(tx *Tx) error {
		var kind string
		var parent sql.NullInt64
		var validTo sql.NullString
		err := tx.QueryRow("SELECT kind, parent_id, valid_to FROM units WHERE id = ?", n.AgencyID).Scan(&kind, &parent, &validTo)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (kind != string(org.KindAgency) || validTo.Valid)) {
			return apperr.Invalidf("agency_id", "không có cơ quan số %d", "no agency %d", n.AgencyID)
		}
		if err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRow("SELECT COUNT(*) FROM investors WHERE agency_id = ? AND name = ?", n.AgencyID, n.Name).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return apperr.New(apperr.Conflict, "name", "Chủ đầu tư «"+n.Name+"» đã có trong danh mục", "investor "+n.Name+" is already in the register")
		}
		under := n.AgencyID
		if parent.Valid {
			under = parent.Int64
		}
		nu := org.NewUnit{ParentID: &under, Kind: org.KindInvestor, Name: n.Name, ValidFrom: tx.Now.In(vn).Format("2006-01-02")}
		if err := nu.Validate(); err != nil {
			return err
		}
		u, err := createUnit(tx, nu)
		if err != nil {
			return err
		}
		if err := tx.AuditFor(n.AgencyID, actor, "unit", u.ID, "create", nu); err != nil {
			return err
		}
		id, err := tx.InsertID("INSERT INTO investors (agency_id, unit_id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)",
			n.AgencyID, u.ID, n.Name, string(n.Kind), Micro(tx.Now))
		if err != nil {
			if tx.d.isUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "name", "Chủ đầu tư «"+n.Name+"» đã có trong danh mục", "investor "+n.Name+" is already in the register")
			}
			return fmt.Errorf("insert investor: %w", err)
		}
		inv = investment.Investor{ID: id, AgencyID: n.AgencyID, UnitID: u.ID, Name: n.Name, Kind: n.Kind, CreatedAt: FromMicro(Micro(tx.Now))}
		return tx.AuditFor(n.AgencyID, actor, "investor", id, "create", map[string]any{"name": n.Name, "kind": n.Kind, "unit_id": u.ID})
	})
	db.forgetTree()
	return inv, err
}

// FindInvestors lists investors by name.
func (db *DB) FindInvestors(ctx context.Context, f investment.InvestorFilter) ([]investment.Investor, error) {
	q := "SELECT " + investorColumns + " FROM investors WHERE 1=1"
	var args []any
	if f.AgencyID != 0 {
		q += " AND agency_id = ?"
		args = append(args, f.AgencyID)
	}
	if f.UnitIDs != nil {
		if len(f.UnitIDs) == 0 {
			return nil, nil
		}
		q += " AND unit_id IN (" + placeholders(len(f.UnitIDs)) + ")"
		for _, u := range f.UnitIDs {
			args = append(args, u)
		}
	}
	if f.Kind != "" {
		q += " AND kind = ?"
		args = append(args, string(f.Kind))
	}
	rows, err := db.query(ctx, q+" ORDER BY name, id", args...)
	if err != nil {
		return nil, fmt.Errorf("find investors: %w", err)
	}
	return collectRows(rows, scanInvestor)
}

// FindInvestorByID returns one investor. Errors: apperr.NotFound.
func (db *DB) FindInvestorByID(ctx context.Context, id int64) (investment.Investor, error) {
	inv, err := scanInvestor(db.queryRow(ctx, "SELECT "+investorColumns+" FROM investors WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, apperr.NotFoundf("Không tìm thấy chủ đầu tư số %d", "investor %d not found", id)
	}
	return inv, err
}

// GroupRules returns every version of the group thresholds, oldest first.
func (db *DB) GroupRules(ctx context.Context) ([]investment.RuleSet, error) {
	rows, err := db.query(ctx, `SELECT law, effective_from, band, group_a_min, group_b_min, national_min, verified, note
		FROM project_group_rules ORDER BY effective_from, law, band`)
	if err != nil {
		return nil, fmt.Errorf("group rules: %w", err)
	}
	defer rows.Close()
	return scanRuleSets(rows)
}

func scanRuleSets(rows Rows) ([]investment.RuleSet, error) {
	var out []investment.RuleSet
	for rows.Next() {
		var law, from, band, note string
		var a, b, nat int64
		var verified bool
		if err := rows.Scan(&law, &from, &band, &a, &b, &nat, &verified, &note); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Law != law {
			out = append(out, investment.RuleSet{Law: law, EffectiveFrom: from, Verified: true, Note: note, NationalMin: nat,
				Bands: map[investment.Band]investment.Thresholds{}})
		}
		r := &out[len(out)-1]
		r.Verified = r.Verified && verified
		r.Bands[investment.Band(band)] = investment.Thresholds{AMin: a, BMin: b}
	}
	return out, rows.Err()
}

// groupRulesTx is GroupRules inside a transaction.
func groupRulesTx(tx *Tx) ([]investment.RuleSet, error) {
	rows, err := tx.Query(`SELECT law, effective_from, band, group_a_min, group_b_min, national_min, verified, note
		FROM project_group_rules ORDER BY effective_from, law, band`)
	if err != nil {
		return nil, fmt.Errorf("group rules: %w", err)
	}
	defer rows.Close()
	return scanRuleSets(rows)
}

// AddGroupRules records a new version of the group thresholds, in force
// from its date (an administrator's act when the law changes; projects
// keep the group they were given until their next change). Errors:
// apperr.Invalid naming the field, apperr.Conflict for a law already kept.
func (db *DB) AddGroupRules(ctx context.Context, actor audit.Actor, r investment.RuleSet) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM project_group_rules WHERE law = ?", r.Law).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "law", "Đã có ngưỡng theo văn bản "+r.Law, "thresholds of "+r.Law+" are already kept")
		}
		for _, b := range investment.Bands {
			t := r.Bands[b]
			if _, err := tx.Exec(`INSERT INTO project_group_rules (law, effective_from, band, group_a_min, group_b_min, national_min, verified, note, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Law, r.EffectiveFrom, string(b), t.AMin, t.BMin, r.NationalMin, r.Verified, r.Note,
				nullID(actor.PersonID), Micro(tx.Now)); err != nil {
				return fmt.Errorf("insert group rule: %w", err)
			}
		}
		return tx.AuditFor(0, actor, "project_group_rules", r.Law, "create", r)
	})
}
