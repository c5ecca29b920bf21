package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/fold"
	"congvu/internal/investment"
)

const projectColumns = `p.id, p.agency_id, p.code, p.name, p.investor_id, p.managing_unit_id, p.sector_band, p.commune,
	p.start_year, p.end_year, p.phase, p.grp, p.group_law, p.total_investment, p.special, p.created_at, p.updated_at`

func scanProject(sc interface{ Scan(...any) error }) (investment.Project, error) {
	var p investment.Project
	var created, updated int64
	err := sc.Scan(&p.ID, &p.AgencyID, &p.Code, &p.Name, &p.InvestorID, &p.ManagingUnitID, &p.Band, &p.Commune,
		&p.StartYear, &p.EndYear, &p.Phase, &p.Group, &p.GroupLaw, &p.Total, &p.Special, &created, &updated)
	p.CreatedAt, p.UpdatedAt = FromMicro(created), FromMicro(updated)
	return p, err
}

// projectSearchText is what a register search looks in: the folded code and name.
func projectSearchText(p investment.Project) string { return fold.String(p.Code + " " + p.Name) }

// CreateProject adds a project to the register with its group computed
// under the thresholds in force on its decision's date (today without
// one), its capital by source and its "created" event, journalled, in one
// transaction. Errors: apperr.Invalid naming the field (an investor or a
// managing unit not of the agency, a file that does not exist),
// apperr.Conflict (field code) for a code already in the register.
func (db *DB) CreateProject(ctx context.Context, actor audit.Actor, n investment.NewProject) (investment.Project, error) {
	if err := n.Validate(); err != nil {
		return investment.Project{}, err
	}
	var p investment.Project
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := checkProjectRefs(tx, n.AgencyID, n.InvestorID, &n.ManagingUnitID, n.Decision.FileID); err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRow("SELECT COUNT(*) FROM projects WHERE agency_id = ? AND code = ?", n.AgencyID, n.Code).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return duplicateProject(n.Code)
		}
		sets, err := groupRulesTx(tx)
		if err != nil {
			return err
		}
		if p, err = n.Build(sets, tx.Now.In(vn).Format("2006-01-02")); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = FromMicro(Micro(tx.Now)), FromMicro(Micro(tx.Now))
		p.ID, err = tx.InsertID(`INSERT INTO projects (agency_id, code, name, investor_id, managing_unit_id, sector_band, commune,
			start_year, end_year, phase, grp, group_law, total_investment, special, search_text, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.AgencyID, p.Code, p.Name, p.InvestorID, p.ManagingUnitID, string(p.Band), p.Commune, p.StartYear, p.EndYear,
			string(p.Phase), string(p.Group), p.GroupLaw, p.Total, p.Special, projectSearchText(p), Micro(tx.Now), Micro(tx.Now))
		if err != nil {
			if tx.d.isUniqueViolation(err) {
				return duplicateProject(n.Code)
			}
			return fmt.Errorf("insert project: %w", err)
		}
		if err := writeCapital(tx, p.ID, p.Capital); err != nil {
			return err
		}
		ev := investment.CreatedEvent(p, n)
		if err := insertProjectEvent(tx, p.AgencyID, actor, &ev); err != nil {
			return err
		}
		return tx.AuditFor(p.AgencyID, actor, "project", p.Code, "create", projectAudit(p, ev))
	})
	return p, err
}

func duplicateProject(code string) error {
	return apperr.New(apperr.Conflict, "code", "Mã dự án "+code+" đã có trong danh mục", "project code "+code+" is already in the register")
}

// checkProjectRefs checks what a project names: an investor of the
// agency, a managing unit of the agency (0 becomes the agency itself), an
// attached file of the file store.
func checkProjectRefs(tx *Tx, agency, investor int64, managing *int64, fileID int64) error {
	var invAgency int64
	err := tx.QueryRow("SELECT agency_id FROM investors WHERE id = ?", investor).Scan(&invAgency)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && invAgency != agency) {
		return apperr.Invalidf("investor_id", "không có chủ đầu tư số %d trong danh mục", "no investor %d in the register", investor)
	}
	if err != nil {
		return err
	}
	if *managing == 0 {
		*managing = agency
	}
	var unitAgency sql.NullInt64
	var validTo sql.NullString
	err = tx.QueryRow("SELECT agency_id, valid_to FROM units WHERE id = ?", *managing).Scan(&unitAgency, &validTo)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (unitAgency.Int64 != agency || validTo.Valid)) {
		return apperr.Invalidf("managing_unit_id", "đơn vị theo dõi số %d không thuộc cơ quan", "managing unit %d is not a current unit of the agency", *managing)
	}
	if err != nil {
		return err
	}
	return checkFile(tx, "decision.file_id", fileID)
}

// checkFile checks that an attached file exists (0: none).
func checkFile(tx *Tx, field string, id int64) error {
	if id == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM files WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return apperr.Invalidf(field, "không có tệp số %d", "no file %d", id)
	}
	return nil
}

// writeCapital replaces a project's capital by source.
func writeCapital(tx *Tx, id int64, c map[investment.Source]int64) error {
	if err := tx.Write("clear capital", "DELETE FROM project_capital WHERE project_id = ?", id); err != nil {
		return err
	}
	for _, s := range investment.Sources {
		if v, ok := c[s]; ok && v != 0 {
			if err := tx.Write("insert capital", "INSERT INTO project_capital (project_id, source, amount) VALUES (?, ?, ?)", id, string(s), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// projectAudit is the journal's payload of a project change.
func projectAudit(p investment.Project, ev investment.Event) map[string]any {
	m := map[string]any{"code": p.Code, "name": p.Name, "action": ev.Action, "group": p.Group, "group_law": p.GroupLaw,
		"total_investment": p.Total, "capital": p.Capital, "phase": p.Phase}
	if ev.GroupChanged() {
		m["group_before"] = ev.GroupBefore
	}
	if !ev.Decision.Empty() {
		m["decision"] = ev.Decision
	}
	if ev.Reason != "" {
		m["reason"] = ev.Reason
	}
	return m
}

// FindProjectByCode returns the project of an agency's register with the
// code, with its capital. Errors: apperr.NotFound.
func (db *DB) FindProjectByCode(ctx context.Context, agencyID int64, code string) (investment.Project, error) {
	return db.findProject(ctx, "p.agency_id = ? AND p.code = ?", agencyID, code)
}

// FindProjectByID returns one project with its capital. Errors: apperr.NotFound.
func (db *DB) FindProjectByID(ctx context.Context, id int64) (investment.Project, error) {
	return db.findProject(ctx, "p.id = ?", id)
}

func (db *DB) findProject(ctx context.Context, where string, args ...any) (investment.Project, error) {
	p, err := scanProject(db.queryRow(ctx, "SELECT "+projectColumns+" FROM projects p WHERE "+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.NotFoundf("Không tìm thấy dự án", "project not found")
	}
	if err != nil {
		return p, fmt.Errorf("find project: %w", err)
	}
	ps := []investment.Project{p}
	if err := db.loadCapital(ctx, ps); err != nil {
		return p, err
	}
	return ps[0], nil
}

// loadCapital fills in the projects' capital by source, in one query.
func (db *DB) loadCapital(ctx context.Context, ps []investment.Project) error {
	if len(ps) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(ps))
	args := make([]any, len(ps))
	for i := range ps {
		ps[i].Capital = map[investment.Source]int64{}
		idx[ps[i].ID] = i
		args[i] = ps[i].ID
	}
	rows, err := db.query(ctx, "SELECT project_id, source, amount FROM project_capital WHERE project_id IN ("+placeholders(len(ps))+")", args...)
	if err != nil {
		return fmt.Errorf("project capital: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, amount int64
		var src string
		if err := rows.Scan(&id, &src, &amount); err != nil {
			return err
		}
		ps[idx[id]].Capital[investment.Source(src)] = amount
	}
	return rows.Err()
}

// FindProjects lists a register's projects in code order, a page at a
// time (f.After is the previous page's last code; next is this page's,
// empty on the last page), with the filters of investment.ProjectFilter;
// the search matches every word, diacritic-insensitive, in the code and
// name. f.Investors not nil restricts the list to those investors.
func (db *DB) FindProjects(ctx context.Context, f investment.ProjectFilter) (ps []investment.Project, next string, err error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	conds, args := projectConds(f)
	if f.After != "" {
		conds = append(conds, "p.code > ?")
		args = append(args, f.After)
	}
	if conds == nil {
		return nil, "", nil
	}
	q := "SELECT " + projectColumns + " FROM projects p WHERE " + strings.Join(conds, " AND ") + " ORDER BY p.code LIMIT ?"
	rows, err := db.query(ctx, q, append(args, f.Limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("find projects: %w", err)
	}
	if ps, err = collectRows(rows, scanProject); err != nil {
		return nil, "", err
	}
	if len(ps) > f.Limit {
		ps = ps[:f.Limit]
		next = ps[len(ps)-1].Code
	}
	return ps, next, db.loadCapital(ctx, ps)
}

// CountProjects counts the projects FindProjects would list (all pages).
func (db *DB) CountProjects(ctx context.Context, f investment.ProjectFilter) (int, error) {
	conds, args := projectConds(f)
	if conds == nil {
		return 0, nil
	}
	var n int
	err := db.queryRow(ctx, "SELECT COUNT(*) FROM projects p WHERE "+strings.Join(conds, " AND "), args...).Scan(&n)
	return n, err
}

// projectConds are a filter's conditions; nil when it selects nothing
// (no agency, or an empty list of investors).
func projectConds(f investment.ProjectFilter) ([]string, []any) {
	if f.AgencyID == 0 || (f.Investors != nil && len(f.Investors) == 0) {
		return nil, nil
	}
	conds := []string{"p.agency_id = ?"}
	args := []any{f.AgencyID}
	if f.Investors != nil {
		conds = append(conds, "p.investor_id IN ("+placeholders(len(f.Investors))+")")
		for _, id := range f.Investors {
			args = append(args, id)
		}
	}
	if b := f.Below; b != nil {
		w, a, _ := belowCurveWhere(investment.StatsFilter{AgencyID: f.AgencyID, Year: b.Year, Month: b.Month}, b.Curve)
		conds = append(conds, "p.id IN (SELECT y.project_id FROM disbursement_year y"+w+")")
		args = append(args, a...)
	}
	add := func(col string, v any) {
		conds = append(conds, col+" = ?")
		args = append(args, v)
	}
	if f.InvestorID != 0 {
		add("p.investor_id", f.InvestorID)
	}
	if f.Group != "" {
		add("p.grp", string(f.Group))
	}
	if f.Band != "" {
		add("p.sector_band", string(f.Band))
	}
	if f.Commune != "" {
		add("p.commune", f.Commune)
	}
	if f.Phase != "" {
		add("p.phase", string(f.Phase))
	}
	if words := searchWords(f.Query); len(words) > 0 {
		c, a := wordsLike("p", words)
		conds = append(conds, c)
		args = append(args, a...)
	}
	return conds, args
}

// ProjectCommunes lists the communes the register's projects are in.
func (db *DB) ProjectCommunes(ctx context.Context, agencyID int64) ([]string, error) {
	rows, err := db.query(ctx, "SELECT DISTINCT commune FROM projects WHERE agency_id = ? AND commune <> '' ORDER BY commune", agencyID)
	if err != nil {
		return nil, err
	}
	return collectRows(rows, scanValue[string])
}
