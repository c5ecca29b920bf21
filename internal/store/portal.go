package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/fold"
	"congvu/internal/investment"
	"congvu/internal/portal"
)

// The public portal's catalogue and transparency page (issue #15, items 3
// and 5; internal/portal), read from the catalogue and the same rollups as
// the statistics page and the dashboard: dossier_daily (received,
// resolved, ratings, apologies), dossier_step_daily (working time) and
// disbursement_year (capital plans and disbursement).

// PortalAgency is the agency the public portal speaks for: the current
// agency with the largest catalogue (the demo's Sở Tài chính), or 0 when
// no agency has published a procedure yet.
func (db *DB) PortalAgency(ctx context.Context) (int64, error) {
	rows, err := db.query(ctx, `SELECT p.agency_id FROM procedures p JOIN units u ON u.id = p.agency_id
		WHERE u.valid_to IS NULL GROUP BY p.agency_id ORDER BY COUNT(DISTINCT p.code) DESC, p.agency_id LIMIT 1`)
	if err != nil {
		return 0, fmt.Errorf("portal agency: %w", err)
	}
	ids, err := collectRows(rows, func(sc interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// inForceWhere keeps, of an agency's catalogue, the version of each
// procedure in force on a day: the latest to take effect, the latest
// version of those, as dossier.PickVersion and procedureInForce pick.
const inForceWhere = ` FROM procedures p WHERE p.agency_id = ? AND p.effective_from <= ? AND NOT EXISTS (SELECT 1 FROM procedures v
	WHERE v.agency_id = p.agency_id AND v.code = p.code AND v.effective_from <= ?
	AND (v.effective_from > p.effective_from OR (v.effective_from = p.effective_from AND v.version > p.version)))`

// PublicProcedures returns a page of the public catalogue: the versions in
// force on q.On, by field and code, each with its record over the 12
// months to q.On (portal.RecordPeriod), and how many match in all.
func (db *DB) PublicProcedures(ctx context.Context, q portal.Query) ([]portal.Procedure, int, error) {
	where := inForceWhere
	args := []any{q.AgencyID, q.On.String(), q.On.String()}
	if q.Field != "" {
		where += " AND p.field = ?"
		args = append(args, q.Field)
	}
	if q.Level != 0 {
		where += " AND p.level = ?"
		args = append(args, int(q.Level))
	}
	// Every word, anywhere: "dang ky dau tu" finds "Đăng ký ... đầu tư".
	for i, w := range strings.Fields(fold.String(q.Search)) {
		if i == 8 {
			break
		}
		where += ` AND p.search_name LIKE ? ESCAPE '\'`
		args = append(args, likeFold(w))
	}
	var total int
	if err := db.queryRow(ctx, "SELECT COUNT(*)"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count public procedures: %w", err)
	}
	if q.PerPage <= 0 {
		q.PerPage = 20
	}
	if q.Page < 1 {
		q.Page = 1
	}
	offset := (q.Page - 1) * q.PerPage
	if q.Offset > 0 {
		offset = q.Offset
	}
	rows, err := db.query(ctx, "SELECT "+prefixed("p.", procedureColumns)+where+" ORDER BY p.field, p.code LIMIT ? OFFSET ?",
		append(args, q.PerPage, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("public procedures: %w", err)
	}
	list, err := collectRows(rows, func(sc interface{ Scan(...any) error }) (portal.Procedure, error) {
		_, p, err := scanProcedure(sc)
		return portal.Procedure{Procedure: p}, err
	})
	if err != nil || len(list) == 0 {
		return list, total, err
	}
	codes := make([]string, len(list))
	for i, p := range list {
		codes[i] = p.Code
	}
	from, to := portal.RecordPeriod(q.On)
	recs, err := db.ProcedureRecords(ctx, q.AgencyID, codes, from, to)
	if err != nil {
		return nil, 0, err
	}
	for i := range list {
		list[i].Record = recs[list[i].Code]
	}
	return list, total, nil
}

// PublicProcedure returns one procedure of the public catalogue, the
// version in force on day, with its record over the 12 months to day.
// Errors: apperr.NotFound when the agency carries no such procedure then.
func (db *DB) PublicProcedure(ctx context.Context, agency int64, code string, day calendar.Date) (portal.Procedure, error) {
	rows, err := db.query(ctx, "SELECT "+prefixed("p.", procedureColumns)+inForceWhere+" AND p.code = ?", agency, day.String(), day.String(), code)
	if err != nil {
		return portal.Procedure{}, fmt.Errorf("public procedure %s: %w", code, err)
	}
	list, err := collectRows(rows, func(sc interface{ Scan(...any) error }) (portal.Procedure, error) {
		_, p, err := scanProcedure(sc)
		return portal.Procedure{Procedure: p}, err
	})
	if err != nil {
		return portal.Procedure{}, err
	}
	if len(list) == 0 {
		return portal.Procedure{}, apperr.NotFoundf("Không có thủ tục %s trong danh mục", "no procedure %s in the catalogue", code)
	}
	from, to := portal.RecordPeriod(day)
	recs, err := db.ProcedureRecords(ctx, agency, []string{code}, from, to)
	list[0].Record = recs[code]
	return list[0], err
}

// ProcedureFields lists the fields (lĩnh vực) of an agency's catalogue, in
// order, for the catalogue's filter.
func (db *DB) ProcedureFields(ctx context.Context, agency int64) ([]string, error) {
	rows, err := db.query(ctx, "SELECT DISTINCT field FROM procedures WHERE agency_id = ? AND field <> '' ORDER BY field", agency)
	if err != nil {
		return nil, fmt.Errorf("procedure fields: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (string, error) {
		var f string
		return f, sc.Scan(&f)
	})
}

// ProcedureRecords sums each procedure's record over from–to from the
// rollups of the agency's statistics units (StatsUnits: its units and
// those it succeeded, as the period report counts them): the dossiers
// received and resolved (dossier_daily) and the working time of the
// steps passed (dossier_step_daily). codes nil: every procedure.
func (db *DB) ProcedureRecords(ctx context.Context, agency int64, codes []string, from, to calendar.Date) (map[string]portal.Record, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, err
	}
	units := statsUnits(tree, agency)
	out := map[string]portal.Record{}
	in, args := idArgs(units)
	pc, pargs := procFilter(codes)
	rows, err := db.query(ctx, `SELECT procedure_code, SUM(received_online) + SUM(received_direct), SUM(resolved_early), SUM(resolved_on_time), SUM(resolved_late)
		FROM dossier_daily WHERE unit_id IN (`+in+`) AND day >= ? AND day <= ?`+pc+` GROUP BY procedure_code`,
		append(append(args, from.String(), to.String()), pargs...)...)
	if err != nil {
		return nil, fmt.Errorf("procedure records: %w", err)
	}
	err = eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var code string
		var r portal.Record
		if err := sc.Scan(&code, &r.Received, &r.Early, &r.OnTime, &r.Late); err != nil {
			return err
		}
		out[code] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("procedure records: %w", err)
	}
	// The working time is kept per agency: the agencies of the units counted.
	var agencies []int64
	for _, u := range units {
		if a := tree.AgencyOf(u); a != 0 && !slices.Contains(agencies, a) {
			agencies = append(agencies, a)
		}
	}
	if len(agencies) == 0 {
		return out, nil
	}
	in, args = idArgs(agencies)
	rows, err = db.query(ctx, `SELECT procedure_code, SUM(spent_ms) FROM dossier_step_daily WHERE agency_id IN (`+in+`) AND day >= ? AND day <= ?`+pc+`
		GROUP BY procedure_code`, append(append(args, from.String(), to.String()), pargs...)...)
	if err != nil {
		return nil, fmt.Errorf("procedure working time: %w", err)
	}
	err = eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var code string
		var ms int64
		if err := sc.Scan(&code, &ms); err != nil {
			return err
		}
		r := out[code]
		r.WorkMS = ms
		out[code] = r
		return nil
	})
	return out, err
}

// Apologies counts the apology letters (form 04) issued from–to for the
// dossiers answerable to units (dossier_daily.apologies, migration 0046).
func (db *DB) Apologies(ctx context.Context, units []int64, from, to calendar.Date) (int, error) {
	if len(units) == 0 {
		return 0, nil
	}
	in, args := idArgs(units)
	var n int
	err := db.queryRow(ctx, `SELECT COALESCE(SUM(apologies), 0) FROM dossier_daily WHERE unit_id IN (`+in+`) AND day >= ? AND day <= ?`,
		append(args, from.String(), to.String())...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("apologies: %w", err)
	}
	return n, nil
}

// PublicProjectsMax is the most projects the transparency page lists.
const PublicProjectsMax = 200

// PublicProjects lists the projects of an agency's register that may be
// disclosed (portal.PublicPhases: past their investment decision), in code
// order, at most PublicProjectsMax, with the year's plans and the
// cumulative disbursement at the end of month (disbursement_year, the
// all-sources row, as the report 01a reads it), and how many there are.
func (db *DB) PublicProjects(ctx context.Context, agency int64, year, month int) ([]portal.Project, int, error) {
	if err := checkStatsFilter(investment.StatsFilter{AgencyID: agency, Year: year, Month: month}); err != nil {
		return nil, 0, err
	}
	phases := make([]any, len(portal.PublicPhases))
	for i, p := range portal.PublicPhases {
		phases[i] = string(p)
	}
	where := " FROM projects p JOIN investors i ON i.id = p.investor_id WHERE p.agency_id = ? AND p.phase IN (" + placeholders(len(phases)) + ")"
	args := append([]any{agency}, phases...)
	var total int
	if err := db.queryRow(ctx, "SELECT COUNT(*)"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count public projects: %w", err)
	}
	q := `SELECT p.code, p.name, i.name, p.grp, p.sector_band, p.phase, p.commune, p.start_year, p.end_year, p.total_investment,
		COALESCE(y.assigned_by_pm, 0), COALESCE(y.allocated_locally, 0), COALESCE(y.` + monthCol("a", month) + `, 0), COALESCE(y.` + monthCol("e", month) + `, 0)
		FROM projects p JOIN investors i ON i.id = p.investor_id
		LEFT JOIN disbursement_year y ON y.project_id = p.id AND y.year = ? AND y.source = ''
		WHERE p.agency_id = ? AND p.phase IN (` + placeholders(len(phases)) + `) ORDER BY p.code LIMIT ?`
	rows, err := db.query(ctx, q, append(append([]any{year}, args...), PublicProjectsMax)...)
	if err != nil {
		return nil, 0, fmt.Errorf("public projects: %w", err)
	}
	list, err := collectRows(rows, func(sc interface{ Scan(...any) error }) (portal.Project, error) {
		var p portal.Project
		var grp, band, phase string
		err := sc.Scan(&p.Code, &p.Name, &p.InvestorName, &grp, &band, &phase, &p.Commune, &p.StartYear, &p.EndYear, &p.Total,
			&p.AssignedByPM, &p.AllocatedLocally, &p.CumulativeActual, &p.EstimateNext)
		p.Group, p.Band, p.Phase = investment.Group(grp), investment.Band(band), investment.Phase(phase)
		return p, err
	})
	return list, total, err
}

// Transparency computes the transparency page of an agency for a year, up
// to today when the year is not over, with the statistics' own functions:
// the official report (DossierReport) of each month and of the period,
// the ratings and QĐ 766 scores as the dashboard reads them (Dashboard),
// the apologies, each procedure's record and the public projects.
// Errors: apperr.Invalid naming year for a year before 2000 or to come.
func (db *DB) Transparency(ctx context.Context, agency int64, year int, today calendar.Date) (portal.Transparency, error) {
	t := portal.Transparency{AgencyID: agency, Year: year}
	if year < 2000 || year > today.Year {
		return t, apperr.Invalidf("year", "Năm %d không hợp lệ (từ 2000 đến %d)", "Year %d is not valid (2000 to %d)", year, today.Year)
	}
	t.From, t.To = calendar.Date{Year: year, Month: time.January, Day: 1}, calendar.Date{Year: year, Month: time.December, Day: 31}
	if today.Before(t.To) {
		t.To = today
	}
	units, err := db.StatsUnits(ctx, agency)
	if err != nil {
		return t, err
	}
	dash, err := db.Dashboard(ctx, agency, t.From, t.To)
	if err != nil {
		return t, err
	}
	t.Total, t.Ratings = dash.Report, dash.Ratings
	for _, m := range dash.Months {
		first := calendar.Date{Year: m.Month.Year, Month: m.Month.Month, Day: 1}
		last := calendar.DateOf(first.Time().AddDate(0, 1, -1))
		if t.To.Before(last) {
			last = t.To
		}
		r, err := db.DossierReport(ctx, units, first, last)
		if err != nil {
			return t, err
		}
		t.Months = append(t.Months, portal.Month{Month: m.Month, Report: r, Ratings: m.Ratings})
	}
	if t.Apologies, err = db.Apologies(ctx, units, t.From, t.To); err != nil {
		return t, err
	}
	recs, err := db.ProcedureRecords(ctx, agency, nil, t.From, t.To)
	if err != nil {
		return t, err
	}
	names, err := db.procedureNames(ctx, agency)
	if err != nil {
		return t, err
	}
	for code, r := range recs {
		if r.Received == 0 && !r.HasResolved() {
			continue
		}
		t.Procedures = append(t.Procedures, portal.ProcedureLine{Code: code, Name: names[code], Record: r})
	}
	slices.SortFunc(t.Procedures, func(a, b portal.ProcedureLine) int { return strings.Compare(a.Code, b.Code) })
	t.Month = int(t.To.Month)
	t.Projects, t.ProjectsTotal, err = db.PublicProjects(ctx, agency, year, t.Month)
	return t, err
}

// procedureNames names an agency's procedures by code (each one's latest
// version's name).
func (db *DB) procedureNames(ctx context.Context, agency int64) (map[string]string, error) {
	rows, err := db.query(ctx, "SELECT code, name FROM procedures WHERE agency_id = ? ORDER BY code, version", agency)
	if err != nil {
		return nil, fmt.Errorf("procedure names: %w", err)
	}
	names := map[string]string{}
	err = eachRow(rows, func(sc interface{ Scan(...any) error }) error {
		var code, name string
		err := sc.Scan(&code, &name)
		names[code] = name
		return err
	})
	return names, err
}

// prefixed puts a table alias before each column of a column list.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
