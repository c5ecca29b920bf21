package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/fold"
	"congvu/internal/org"
)

// documentRow and stepRow are how a procedure's papers and steps are kept
// (JSON columns): storage types of their own, so that renaming a domain
// field never silently changes what is stored.
type documentRow struct {
	Name     string `json:"name"`
	Copy     string `json:"copy"`
	Quantity int    `json:"quantity"`
}

type stepRow struct {
	Name   string  `json:"name"`
	UnitID int64   `json:"unit_id"`
	Role   string  `json:"role"`
	Budget float64 `json:"budget"`
	Kind   string  `json:"kind,omitempty"` // parallel | report; empty for a plain step
}

func documentsToRows(ds []dossier.Document) string {
	rows := make([]documentRow, len(ds))
	for i, d := range ds {
		rows[i] = documentRow{Name: d.Name, Copy: string(d.Copy), Quantity: d.Quantity}
	}
	b, _ := json.Marshal(rows)
	return string(b)
}

func documentsFromRows(s string) ([]dossier.Document, error) {
	var rows []documentRow
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		return nil, fmt.Errorf("documents column: %w", err)
	}
	out := make([]dossier.Document, len(rows))
	for i, r := range rows {
		out[i] = dossier.Document{Name: r.Name, Copy: dossier.CopyKind(r.Copy), Quantity: r.Quantity}
	}
	return out, nil
}

func stepsToRows(ss []dossier.Step) string {
	rows := make([]stepRow, len(ss))
	for i, s := range ss {
		rows[i] = stepRow{Name: s.Name, UnitID: s.UnitID, Role: string(s.Role), Budget: s.Budget, Kind: string(s.Kind)}
	}
	b, _ := json.Marshal(rows)
	return string(b)
}

func stepsFromRows(s string) ([]dossier.Step, error) {
	var rows []stepRow
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		return nil, fmt.Errorf("steps column: %w", err)
	}
	out := make([]dossier.Step, len(rows))
	for i, r := range rows {
		out[i] = dossier.Step{Name: r.Name, UnitID: r.UnitID, Role: org.Role(r.Role), Budget: r.Budget, Kind: dossier.StepKind(r.Kind)}
	}
	return out, nil
}

const procedureColumns = "id, agency_id, code, version, name, field, level, limit_value, limit_unit, after_15h, fee, documents, steps, effective_from, max_extensions, online_result, legal_basis"

func scanProcedure(sc interface{ Scan(...any) error }) (int64, dossier.Procedure, error) {
	var p dossier.Procedure
	var id int64
	var unit, docs, steps, eff string
	err := sc.Scan(&id, &p.AgencyID, &p.Code, &p.Version, &p.Name, &p.Field, &p.Level, &p.Limit.Value, &unit,
		&p.Limit.After15h, &p.Fee, &docs, &steps, &eff, &p.MaxExtensions, &p.OnlineResult, &p.LegalBasis)
	if err != nil {
		return 0, p, err
	}
	switch unit {
	case "calendar_days":
		p.Limit.Unit = calendar.CalendarDays
	default:
		p.Limit.Unit = calendar.WorkingDays
	}
	if p.Documents, err = documentsFromRows(docs); err != nil {
		return 0, p, err
	}
	if p.Steps, err = stepsFromRows(steps); err != nil {
		return 0, p, err
	}
	if p.EffectiveFrom, err = calendar.ParseDate(eff); err != nil {
		return 0, p, fmt.Errorf("procedure %s effective_from: %w", p.Code, err)
	}
	return id, p, nil
}

// CreateProcedureVersion adds a procedure, or a new version of one, to an
// agency's catalogue. The version number is assigned here; dossiers keep
// the version in force on the day they were received.
func (db *DB) CreateProcedureVersion(ctx context.Context, actor audit.Actor, p dossier.Procedure) (dossier.Procedure, error) {
	p.Version = 1 // validated as the first; the transaction numbers it
	if err := p.Validate(); err != nil {
		return p, err
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		return p, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		var err error
		p, err = createProcedureVersion(tx, tree, p)
		if err != nil {
			return err
		}
		return tx.Audit(actor, "procedure", p.Code, "create_version", map[string]any{
			"agency_id": p.AgencyID, "version": p.Version, "name": p.Name, "effective_from": p.EffectiveFrom.String(),
			"limit": p.Limit.Value, "unit": p.Limit.Unit.String(), "steps": len(p.Steps), "online_result": p.OnlineResult})
	})
	return p, err
}

// createProcedureVersion stores the next version of p; tree is the units as
// read before the transaction, for the domain's rule that steps name units
// of the procedure's agency (dossier.Procedure.CheckStepUnits), which both
// the API and the XLSX import go through.
func createProcedureVersion(tx *Tx, tree *org.Tree, p dossier.Procedure) (dossier.Procedure, error) {
	var kind string
	if err := tx.QueryRow("SELECT kind FROM units WHERE id = ?", p.AgencyID).Scan(&kind); err != nil || kind != string(org.KindAgency) {
		return p, apperr.Invalidf("agency_id", "không có cơ quan số %d", "no agency %d", p.AgencyID)
	}
	if err := p.CheckStepUnits(tree); err != nil {
		return p, err
	}
	for i, s := range p.Steps {
		if s.UnitID == 0 {
			continue
		}
		var agency int64
		err := tx.QueryRow("SELECT COALESCE(agency_id, 0) FROM units WHERE id = ? AND valid_to IS NULL", s.UnitID).Scan(&agency)
		if err == nil && agency != p.AgencyID { // the tree read before the transaction is stale
			return p, apperr.Invalidf(fmt.Sprintf("steps[%d].unit_id", i), "bước %d: đơn vị số %d thuộc cơ quan khác", "step %d: unit %d belongs to another agency", i+1, s.UnitID)
		}
		if errors.Is(err, sql.ErrNoRows) {
			return p, apperr.Invalidf(fmt.Sprintf("steps[%d].unit_id", i), "bước %d: không có đơn vị số %d đang hoạt động", "step %d: no current unit %d", i+1, s.UnitID)
		}
		if err != nil {
			return p, err
		}
	}
	if err := tx.QueryRow("SELECT COALESCE(MAX(version), 0) + 1 FROM procedures WHERE agency_id = ? AND code = ?", p.AgencyID, p.Code).Scan(&p.Version); err != nil {
		return p, err
	}
	_, err := tx.Exec(`INSERT INTO procedures (agency_id, code, version, name, search_name, field, level, limit_value, limit_unit, after_15h, fee, documents, steps, effective_from, created_at, max_extensions, online_result, legal_basis)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.AgencyID, p.Code, p.Version, p.Name, fold.String(p.Code+" "+p.Name+" "+p.Field), p.Field, int(p.Level), p.Limit.Value,
		p.Limit.Unit.String(), p.Limit.After15h, p.Fee, documentsToRows(p.Documents), stepsToRows(p.Steps), p.EffectiveFrom.String(), Micro(tx.Now), p.MaxExtensions, p.OnlineResult, p.LegalBasis)
	if err != nil {
		return p, fmt.Errorf("insert procedure %s: %w", p.Code, err)
	}
	return p, nil
}

// FindProcedures lists the catalogue: for each procedure, the version in
// force on the day asked, ordered by field and code.
func (db *DB) FindProcedures(ctx context.Context, f dossier.ProcedureFilter) ([]dossier.Procedure, error) {
	on := f.On
	if on == (calendar.Date{}) {
		on = calendar.DateOf(db.now())
	}
	q := `SELECT ` + procedureColumns + ` FROM procedures p WHERE agency_id = ? AND effective_from <= ?
		AND version = (SELECT MAX(version) FROM procedures v WHERE v.agency_id = p.agency_id AND v.code = p.code AND v.effective_from <= ?)`
	args := []any{f.AgencyID, on.String(), on.String()}
	if f.Query != "" {
		q += ` AND search_name LIKE ? ESCAPE '\'`
		args = append(args, fold.LikePattern(f.Query))
	}
	if f.Field != "" {
		q += " AND field = ?"
		args = append(args, f.Field)
	}
	q += " ORDER BY field, code"
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find procedures: %w", err)
	}
	defer rows.Close()
	var out []dossier.Procedure
	for rows.Next() {
		_, p, err := scanProcedure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindProcedureVersions returns every version of one procedure, oldest first.
func (db *DB) FindProcedureVersions(ctx context.Context, agencyID int64, code string) ([]dossier.Procedure, error) {
	rows, err := db.query(ctx, "SELECT "+procedureColumns+" FROM procedures WHERE agency_id = ? AND code = ? ORDER BY version", agencyID, code)
	if err != nil {
		return nil, fmt.Errorf("find procedure %s: %w", code, err)
	}
	defer rows.Close()
	var out []dossier.Procedure
	for rows.Next() {
		_, p, err := scanProcedure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, apperr.NotFoundf("Không có thủ tục %s", "no procedure %s", code)
	}
	return out, nil
}

// procedureInForce picks the version of a procedure in force on a day,
// inside a transaction.
// Only the version's id is read when the version is in the cache of
// procedureByID, as every intake of a procedure finds the same one. A miss
// reads the row without caching it: this transaction may have written it
// and may yet roll back (SQLite can then give its id to another row).
func procedureInForce(q querier, procs *procedureCache, agencyID int64, code string, on calendar.Date) (int64, dossier.Procedure, error) {
	var id int64
	// The latest to take effect, the latest version of those: as dossier.PickVersion.
	err := q.QueryRow(`SELECT id FROM procedures WHERE agency_id = ? AND code = ? AND effective_from <= ?
		ORDER BY effective_from DESC, version DESC LIMIT 1`, agencyID, code, on.String()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, dossier.Procedure{}, apperr.Invalidf("procedure_code", "thủ tục %q không có trong danh mục của cơ quan (hoặc chưa có hiệu lực ngày %s)",
			"procedure %q is not in the agency's catalogue (or not in force on %s)", code, on.DMY())
	}
	if err != nil {
		return 0, dossier.Procedure{}, err
	}
	if p, ok := procs.get(id); ok {
		return id, p, nil
	}
	_, p, err := scanProcedure(q.QueryRow("SELECT "+procedureColumns+" FROM procedures WHERE id = ?", id))
	return id, p, err
}

// procedureByID loads one stored version. A version is never changed once
// written (a change is a new version), so versions are kept in memory after
// the first read: every event on a dossier needs its procedure. It is read
// only through dossiers written by earlier transactions, so what is cached
// was committed.
func procedureByID(q querier, procs *procedureCache, id int64) (dossier.Procedure, error) {
	if p, ok := procs.get(id); ok {
		return p, nil
	}
	_, p, err := scanProcedure(q.QueryRow("SELECT "+procedureColumns+" FROM procedures WHERE id = ?", id))
	if err == nil {
		procs.put(id, p)
	}
	return p, err
}

// procedureCache holds stored procedure versions by id.
type procedureCache struct {
	mu sync.RWMutex
	m  map[int64]dossier.Procedure
}

// maxCachedProcedures bounds the cache; a province's catalogue is a few
// thousand versions.
const maxCachedProcedures = 20000

func (c *procedureCache) get(id int64) (dossier.Procedure, bool) {
	if c == nil {
		return dossier.Procedure{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.m[id]
	return clonedProcedure(p), ok
}

func (c *procedureCache) put(id int64, p dossier.Procedure) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]dossier.Procedure{}
	}
	if len(c.m) < maxCachedProcedures {
		c.m[id] = clonedProcedure(p)
	}
}

// clonedProcedure copies the slices, so that no caller can change the
// cached version through the value it was given.
func clonedProcedure(p dossier.Procedure) dossier.Procedure {
	p.Documents = append([]dossier.Document(nil), p.Documents...)
	p.Steps = append([]dossier.Step(nil), p.Steps...)
	return p
}
