package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/file"
	"congvu/internal/investment"
)

// Supervision and evaluation reports (Luật Đầu tư công 58/2024/QH15 Art
// 73–77, migration 0026): what a project owes is computed from its years,
// its group and the due rules (supervision_due_rules, UNVERIFIED data an
// administrator changes); only the submissions are stored.

// SupervisionRules returns every due rule, oldest first.
func (db *DB) SupervisionRules(ctx context.Context) ([]investment.DueRule, error) {
	return supervisionRulesTx(reader{db, ctx})
}

func supervisionRulesTx(q querier) ([]investment.DueRule, error) {
	rows, err := q.Query("SELECT kind, valid_from, months_after, day FROM supervision_due_rules ORDER BY valid_from, kind")
	if err != nil {
		return nil, fmt.Errorf("find supervision rules: %w", err)
	}
	defer rows.Close()
	var out []investment.DueRule
	for rows.Next() {
		var r investment.DueRule
		var from string
		if err := rows.Scan(&r.Kind, &from, &r.MonthsAfter, &r.Day); err != nil {
			return nil, err
		}
		if r.From, err = calendar.ParseDate(from); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetSupervisionRule adds or replaces the due rule of a kind from a date,
// journalled ("supervision_rule", kind, "set") for the whole system.
// Errors: apperr.Invalid naming the field.
func (db *DB) SetSupervisionRule(ctx context.Context, actor audit.Actor, r investment.DueRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := tx.Write("set supervision rule", `INSERT INTO supervision_due_rules (kind, valid_from, months_after, day) VALUES (?, ?, ?, ?)
			ON CONFLICT (kind, valid_from) DO UPDATE SET months_after = excluded.months_after, day = excluded.day`,
			string(r.Kind), r.From.String(), r.MonthsAfter, r.Day); err != nil {
			return err
		}
		return tx.AuditFor(0, actor, "supervision_rule", string(r.Kind), "set", map[string]any{"from": r.From.String(), "months_after": r.MonthsAfter, "day": r.Day})
	})
}

func scanProjectYears(sc interface{ Scan(...any) error }, extra ...any) (investment.ProjectYears, error) {
	var p investment.ProjectYears
	var grp string
	err := sc.Scan(append([]any{&p.ProjectID, &p.StartYear, &p.EndYear, &grp}, extra...)...)
	p.EndAndImpact = investment.Group(grp) == investment.GroupB || investment.Group(grp) == investment.GroupC
	return p, err
}

const submissionColumns = "r.project_id, r.obligation_key, r.submitted_on, COALESCE(r.file_id, 0), r.note, r.sections, COALESCE(r.submitted_by, 0), r.submitted_at"

func scanSubmission(sc interface{ Scan(...any) error }) (int64, string, investment.Submission, error) {
	var s investment.Submission
	var project, at int64
	var key, on, sections string
	if err := sc.Scan(&project, &key, &on, &s.FileID, &s.Note, &sections, &s.SubmittedBy, &at); err != nil {
		return 0, "", s, err
	}
	var err error
	if s.On, err = calendar.ParseDate(on); err != nil {
		return 0, "", s, err
	}
	if sections != "" && sections != "{}" {
		if err := json.Unmarshal([]byte(sections), &s.Sections); err != nil {
			return 0, "", s, fmt.Errorf("sections of %d %s: %w", project, key, err)
		}
	}
	s.SubmittedAt = FromMicro(at)
	return project, key, s, nil
}

// withSubmissions fills in the submissions of obligations from rows.
func withSubmissions(obs []investment.Obligation, rows Rows) error {
	defer rows.Close()
	idx := make(map[string]int, len(obs))
	for i, o := range obs {
		idx[fmt.Sprint(o.ProjectID, "/", o.Key)] = i
	}
	for rows.Next() {
		project, key, s, err := scanSubmission(rows)
		if err != nil {
			return err
		}
		if i, ok := idx[fmt.Sprint(project, "/", key)]; ok {
			obs[i].Submission = &s
		}
	}
	return rows.Err()
}

// FindObligations lists the reports a project owes, in due order, with
// their submissions. Errors: apperr.NotFound.
func (db *DB) FindObligations(ctx context.Context, projectID int64) ([]investment.Obligation, error) {
	return obligationsTx(reader{db, ctx}, projectID)
}

func obligationsTx(q querier, projectID int64) ([]investment.Obligation, error) {
	rules, err := supervisionRulesTx(q)
	if err != nil {
		return nil, err
	}
	p, err := scanProjectYears(q.QueryRow("SELECT id, start_year, end_year, grp FROM projects WHERE id = ?", projectID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("Không tìm thấy dự án số %d", "No project %d", projectID)
	}
	if err != nil {
		return nil, err
	}
	obs := investment.Obligations(p, rules)
	rows, err := q.Query("SELECT "+submissionColumns+" FROM supervision_reports r WHERE r.project_id = ?", projectID)
	if err != nil {
		return nil, fmt.Errorf("find supervision reports: %w", err)
	}
	return obs, withSubmissions(obs, rows)
}

// SubmitSupervisionReport records the submission of the report key of a
// project, journalled ("project", code, "report_submit"). Errors:
// apperr.NotFound (no such report owed), apperr.Invalid naming the field,
// apperr.Conflict when submitted already.
func (db *DB) SubmitSupervisionReport(ctx context.Context, actor audit.Actor, projectID int64, key string, s investment.Submission) (investment.Obligation, error) {
	var o investment.Obligation
	err := db.InTx(ctx, func(tx *Tx) error {
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		obs, err := obligationsTx(tx, projectID)
		if err != nil {
			return err
		}
		found := false
		for _, x := range obs {
			if x.Key == key {
				o, found = x, true
			}
		}
		if !found {
			return apperr.NotFoundf("Dự án không có báo cáo giám sát %q phải nộp", "The project owes no supervision report %q", key)
		}
		if err := investment.ValidateSubmission(o, s, calendar.DateOf(tx.Now)); err != nil {
			return err
		}
		sections := "{}"
		if len(s.Sections) > 0 {
			b, err := json.Marshal(s.Sections)
			if err != nil {
				return err
			}
			sections = string(b)
		}
		s.Note = strings.TrimSpace(s.Note)
		s.SubmittedBy, s.SubmittedAt = actor.PersonID, tx.Now.Truncate(time.Microsecond)
		if err := tx.Write("insert supervision report", `INSERT INTO supervision_reports (project_id, obligation_key, kind, due_on, submitted_on, file_id, note,
			sections, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, projectID, key, string(o.Kind), o.Due.String(), s.On.String(),
			nullID(s.FileID), s.Note, sections, nullID(actor.PersonID), Micro(tx.Now)); err != nil {
			return err
		}
		if err := linkProjectFile(tx, actor, projectID, s.FileID, "file_id", file.SlotReport); err != nil {
			return err
		}
		o.Submission = &s
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, "report_submit", map[string]any{"key": key, "kind": o.Kind,
			"due_on": o.Due.String(), "submitted_on": s.On.String(), "file_id": s.FileID, "sections": len(s.Sections)})
	})
	return o, err
}

// ObligationRow is an owed report with what a list across projects shows
// of its project.
type ObligationRow struct {
	investment.Obligation
	ProjectCode, ProjectName string
	InvestorID               int64
}

// ObligationFilter selects owed reports across a register. Investors,
// when not nil, restricts them to those investors' projects.
type ObligationFilter struct {
	AgencyID  int64
	Investors []int64
	// States keeps only reports in these states on Today (all when empty).
	States []investment.ObligationState
	Today  calendar.Date
}

// FindObligationsAcross lists the owed reports of a register's projects,
// the earliest due first.
func (db *DB) FindObligationsAcross(ctx context.Context, f ObligationFilter) ([]ObligationRow, error) {
	rules, err := db.SupervisionRules(ctx)
	if err != nil {
		return nil, err
	}
	where, args := "agency_id = ?", []any{f.AgencyID}
	if f.Investors != nil {
		if len(f.Investors) == 0 {
			return nil, nil
		}
		where += " AND investor_id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(f.Investors)), ", ") + ")"
		for _, id := range f.Investors {
			args = append(args, id)
		}
	}
	rows, err := db.query(ctx, "SELECT id, start_year, end_year, grp, code, name, investor_id FROM projects WHERE "+where+" ORDER BY code", args...)
	if err != nil {
		return nil, fmt.Errorf("find projects: %w", err)
	}
	type proj struct {
		y          investment.ProjectYears
		code, name string
		investor   int64
	}
	ps, err := collectRows(rows, func(sc interface{ Scan(...any) error }) (proj, error) {
		var p proj
		var err error
		p.y, err = scanProjectYears(sc, &p.code, &p.name, &p.investor)
		return p, err
	})
	if err != nil {
		return nil, err
	}
	var obs []investment.Obligation
	var meta []proj
	for _, p := range ps {
		for _, o := range investment.Obligations(p.y, rules) {
			obs, meta = append(obs, o), append(meta, p)
		}
	}
	srows, err := db.query(ctx, "SELECT "+submissionColumns+
		" FROM supervision_reports r JOIN projects p ON p.id = r.project_id WHERE p."+strings.ReplaceAll(where, "investor_id", "p.investor_id"), args...)
	if err != nil {
		return nil, fmt.Errorf("find supervision reports: %w", err)
	}
	if err := withSubmissions(obs, srows); err != nil {
		return nil, err
	}
	var out []ObligationRow
	for i, o := range obs {
		if len(f.States) > 0 && !containsState(f.States, o.State(f.Today)) {
			continue
		}
		out = append(out, ObligationRow{Obligation: o, ProjectCode: meta[i].code, ProjectName: meta[i].name, InvestorID: meta[i].investor})
	}
	sortObligationRows(out)
	return out, nil
}

func containsState(list []investment.ObligationState, s investment.ObligationState) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortObligationRows orders rows by due date, then project code and key.
func sortObligationRows(rows []ObligationRow) {
	slices.SortStableFunc(rows, func(a, b ObligationRow) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		if c := strings.Compare(a.ProjectCode, b.ProjectCode); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
}
