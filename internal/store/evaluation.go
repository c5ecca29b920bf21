package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/org"
	"congvu/internal/work"
)

// Civil-servant evaluations (internal/evaluation) in storage: an
// evaluation row per person and month or quarter, its steps in
// evaluation_events, each journalled; the task results are recomputed from
// the task records (work.MonthlyFigures) at every step and frozen at
// approval.

// evalBody is the JSON of an evaluation's scores and breakdown.
type evalBody struct {
	SelfCommon  map[string]float64          `json:"self_common,omitempty"`
	Common      map[string]float64          `json:"common,omitempty"`
	Hand        map[evaluation.Item]float64 `json:"hand,omitempty"`
	UnitFactor  float64                     `json:"unit_factor"`
	Task        evaluation.TaskResult       `json:"task"`
	CommonTotal float64                     `json:"common_total"`
	Disciplined bool                        `json:"disciplined"`
	Met         float64                     `json:"met"`
	AssessorID  int64                       `json:"assessor_id,omitempty"`
	ApproverID  int64                       `json:"approver_id,omitempty"`
}

const evalColumns = `e.id, e.agency_id, e.person_id, p.full_name, e.unit_id, e.year, e.period_kind, e.period_no, e.task_group,
	e.rule_version, e.state, e.total, e.grade, e.body, e.version, e.updated_at`

const evalFrom = " FROM evaluations e JOIN people p ON p.id = e.person_id"

func scanEvaluation(sc interface{ Scan(...any) error }) (evaluation.Evaluation, error) {
	var e evaluation.Evaluation
	var kind, group, state, grade, body string
	var no int
	var updated int64
	if err := sc.Scan(&e.ID, &e.AgencyID, &e.PersonID, &e.PersonName, &e.UnitID, &e.Period.Year, &kind, &no, &group,
		&e.RuleVersion, &state, &e.Total, &grade, &body, &e.Version, &updated); err != nil {
		return e, err
	}
	e.Period.Kind = work.PeriodKind(kind)
	if e.Period.Kind == work.PeriodQuarter {
		e.Period.Quarter = no
	} else {
		e.Period.Month = no
	}
	e.Group, e.State, e.Grade = evaluation.Group(group), evaluation.State(state), work.Grade(grade)
	e.UpdatedAt = FromMicro(updated)
	var b evalBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return e, fmt.Errorf("evaluation %d: body: %w", e.ID, err)
	}
	e.SelfCommon, e.Common, e.Hand, e.UnitFactor, e.Task = b.SelfCommon, b.Common, b.Hand, b.UnitFactor, b.Task
	e.CommonTotal, e.Disciplined, e.Met, e.AssessorID, e.ApproverID = b.CommonTotal, b.Disciplined, b.Met, b.AssessorID, b.ApproverID
	return e, nil
}

func bodyOf(e evaluation.Evaluation) (string, error) {
	b, err := json.Marshal(evalBody{SelfCommon: e.SelfCommon, Common: e.Common, Hand: e.Hand, UnitFactor: e.UnitFactor, Task: e.Task,
		CommonTotal: e.CommonTotal, Disciplined: e.Disciplined, Met: e.Met, AssessorID: e.AssessorID, ApproverID: e.ApproverID})
	return string(b), err
}

func periodNo(p work.Period) int {
	if p.Kind == work.PeriodQuarter {
		return p.Quarter
	}
	return p.Month
}

// EvaluationRuleSets returns the rule sets of an agency: the built-in ones
// (evaluation.Builtin) and the versions its administrator saved.
func (db *DB) EvaluationRuleSets(ctx context.Context, agencyID int64) ([]evaluation.RuleSet, error) {
	sets := evaluation.Builtin()
	rows, err := db.query(ctx, "SELECT body FROM evaluation_rules WHERE agency_id = ? ORDER BY effective_from, id", agencyID)
	if err != nil {
		return nil, fmt.Errorf("evaluation rules: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var r evaluation.RuleSet
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			return nil, fmt.Errorf("evaluation rules: %w", err)
		}
		sets = append(sets, r)
	}
	return sets, rows.Err()
}

// EvaluationRuleSet returns the agency's rule set of a version.
// Errors: apperr.NotFound.
func (db *DB) EvaluationRuleSet(ctx context.Context, agencyID int64, version string) (evaluation.RuleSet, error) {
	sets, err := db.EvaluationRuleSets(ctx, agencyID)
	if err != nil {
		return evaluation.RuleSet{}, err
	}
	for _, s := range sets {
		if s.Version == version {
			return s, nil
		}
	}
	return evaluation.RuleSet{}, apperr.NotFoundf("Không tìm thấy bộ quy tắc đánh giá %q", "evaluation rules %q not found", version)
}

// SaveEvaluationRules adds a version of the rules to an agency, in force
// from its EffectiveFrom (evaluations already made keep theirs).
// Errors: apperr.Invalid (RuleSet.Validate), apperr.Conflict on a version
// already used.
func (db *DB) SaveEvaluationRules(ctx context.Context, actor audit.Actor, agencyID int64, r evaluation.RuleSet) error {
	if err := r.Validate(); err != nil {
		return err
	}
	for _, b := range evaluation.Builtin() {
		if b.Version == r.Version {
			return apperr.Conflictf("Mã phiên bản %q đã dùng", "version %q is taken", r.Version)
		}
	}
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM evaluation_rules WHERE agency_id = ? AND version = ?", agencyID, r.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflictf("Mã phiên bản %q đã dùng", "version %q is taken", r.Version)
		}
		if _, err := tx.Exec("INSERT INTO evaluation_rules (agency_id, version, effective_from, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			agencyID, r.Version, r.EffectiveFrom.String(), string(body), nullID(actor.PersonID), Micro(tx.Now)); err != nil {
			return fmt.Errorf("insert evaluation rules: %w", err)
		}
		return tx.AuditFor(agencyID, actor, "evaluation_rules", r.Version, "create", r)
	})
}

// leaderRoles are the roles whose holders are rated as leaders (NĐ 335/2025 Art 15).
var leaderRoles = map[org.Role]bool{org.RoleDirector: true, org.RoleDeputyDirector: true, org.RoleHead: true, org.RoleDeputyHead: true}

// CreateEvaluation opens a person's evaluation for a month or a quarter, in
// the state draft, with the rules in force on the period's first day, the
// person's unit and task group as at the period's end (or now, for a
// period not yet over), and the task results as the records stand.
// authorize, when not nil, decides on the new evaluation before it is
// written. Errors: apperr.Invalid (the period), apperr.NotFound (the
// person), apperr.Conflict (one exists for the period; the person holds no
// unit).
func (db *DB) CreateEvaluation(ctx context.Context, actor audit.Actor, personID int64, p work.Period, authorize func(evaluation.Evaluation) error) (evaluation.Evaluation, error) {
	if err := p.Validate(); err != nil {
		return evaluation.Evaluation{}, err
	}
	if p.Kind != work.PeriodMonth && p.Kind != work.PeriodQuarter {
		return evaluation.Evaluation{}, apperr.Invalidf("period", "đánh giá theo tháng hoặc theo quý", "evaluations are monthly or quarterly")
	}
	person, err := db.FindPersonWithoutMemberships(ctx, personID)
	if err != nil {
		return evaluation.Evaluation{}, err
	}
	on := p.End()
	if today := calendar.DateOf(db.now()); today.Before(on) {
		on = today
	}
	ms, err := db.Memberships(ctx, personID, on.String())
	if err != nil {
		return evaluation.Evaluation{}, err
	}
	if len(ms) == 0 {
		return evaluation.Evaluation{}, apperr.Conflictf("%s không thuộc đơn vị nào trong kỳ này", "%s holds no unit in the period", person.FullName)
	}
	m := ms[0]
	for _, x := range ms {
		if leaderRoles[x.Role] {
			m = x
			break
		}
	}
	sets, err := db.EvaluationRuleSets(ctx, person.AgencyID)
	if err != nil {
		return evaluation.Evaluation{}, err
	}
	r, ok := evaluation.InForce(sets, p.Start())
	if !ok {
		return evaluation.Evaluation{}, apperr.Invalidf("period", "không có quy định đánh giá áp dụng cho %s", "no evaluation rules apply to %s", p.Label("vi"))
	}
	e := evaluation.Evaluation{AgencyID: person.AgencyID, PersonID: personID, PersonName: person.FullName, UnitID: m.UnitID, Period: p,
		Group: evaluation.GroupStaff, RuleVersion: r.Version, State: evaluation.StateDraft, UnitFactor: 1, Version: 1}
	if leaderRoles[m.Role] {
		e.Group = evaluation.GroupLeader
	}
	months, err := db.periodFigures(ctx, personID, p)
	if err != nil {
		return e, err
	}
	e.Task, _ = evaluation.Compute(r, months, false, 1, nil) // the draft shows the lines; points are computed at self-assessment
	if authorize != nil {
		if err := authorize(e); err != nil {
			return e, err
		}
	}
	body, err := bodyOf(e)
	if err != nil {
		return e, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM evaluations WHERE person_id = ? AND year = ? AND period_kind = ? AND period_no = ?",
			personID, p.Year, string(p.Kind), periodNo(p)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.Conflictf("Đã có phiếu đánh giá %s của %s", "%[2]s already has an evaluation for %[1]s", strings.ToLower(p.Label("vi")), person.FullName)
		}
		e.ID, err = tx.InsertID(`INSERT INTO evaluations (agency_id, person_id, unit_id, year, period_kind, period_no, task_group, rule_version, state,
			total, task_points, grade, body, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '', ?, 1, ?, ?)`,
			e.AgencyID, personID, e.UnitID, p.Year, string(p.Kind), periodNo(p), string(e.Group), e.RuleVersion, string(e.State), body, Micro(tx.Now), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert evaluation: %w", err)
		}
		e.UpdatedAt = tx.Now
		return tx.AuditFor(e.AgencyID, actor, "evaluation", e.ID, "create", map[string]any{"person_id": personID, "period": p.Label("vi"),
			"rule_version": e.RuleVersion, "unit_id": e.UnitID, "group": e.Group, "tasks": e.Task.Assigned})
	})
	return e, err
}

// periodFigures are the figures of each month of p (one for a month,
// three for a quarter).
func (db *DB) periodFigures(ctx context.Context, personID int64, p work.Period) ([]work.Figures, error) {
	first := 1
	n := 1
	switch p.Kind {
	case work.PeriodMonth:
		first = p.Month
	case work.PeriodQuarter:
		first, n = 3*p.Quarter-2, 3
	}
	var out []work.Figures
	for m := first; m < first+n; m++ {
		f, err := db.MonthlyFigures(ctx, personID, p.Year, time.Month(m))
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// FindEvaluation returns one evaluation with its steps. Errors: apperr.NotFound.
func (db *DB) FindEvaluation(ctx context.Context, id int64) (evaluation.Evaluation, error) {
	return findEvaluation(reader{db, ctx}, id, "")
}

func findEvaluation(q querier, id int64, lock string) (evaluation.Evaluation, error) {
	e, err := scanEvaluation(q.QueryRow("SELECT "+evalColumns+evalFrom+" WHERE e.id = ?"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, apperr.NotFoundf("Không tìm thấy phiếu đánh giá số %d", "evaluation %d not found", id)
	}
	if err != nil {
		return e, fmt.Errorf("find evaluation %d: %w", id, err)
	}
	rows, err := q.Query("SELECT payload FROM evaluation_events WHERE evaluation_id = ? ORDER BY seq", id)
	if err != nil {
		return e, fmt.Errorf("evaluation events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var payload string
		var ev evaluation.Event
		if err := rows.Scan(&payload); err != nil {
			return e, err
		}
		if err := json.Unmarshal([]byte(payload), &ev); err != nil {
			return e, fmt.Errorf("evaluation %d event: %w", id, err)
		}
		e.Events = append(e.Events, ev)
	}
	return e, rows.Err()
}

// EvaluationFilter selects evaluations of one agency.
type EvaluationFilter struct {
	AgencyID int64
	Year     int
	Period   *work.Period // a month or a quarter; nil for the whole year
	UnitIDs  []int64      // only these units (nil: every unit)
	PersonID int64        // only this person (0: everyone)
	State    evaluation.State
}

// ListEvaluations returns the evaluations the filter selects, by period,
// unit and name, without their steps.
func (db *DB) ListEvaluations(ctx context.Context, f EvaluationFilter) ([]evaluation.Evaluation, error) {
	q := "SELECT " + evalColumns + evalFrom + " WHERE e.agency_id = ? AND e.year = ?"
	args := []any{f.AgencyID, f.Year}
	if f.Period != nil {
		q += " AND e.period_kind = ? AND e.period_no = ?"
		args = append(args, string(f.Period.Kind), periodNo(*f.Period))
	}
	if f.UnitIDs != nil {
		if len(f.UnitIDs) == 0 {
			return nil, nil
		}
		q += " AND e.unit_id IN (" + placeholders(len(f.UnitIDs)) + ")"
		for _, u := range f.UnitIDs {
			args = append(args, u)
		}
	}
	if f.PersonID != 0 {
		q += " AND e.person_id = ?"
		args = append(args, f.PersonID)
	}
	if f.State != "" {
		q += " AND e.state = ?"
		args = append(args, string(f.State))
	}
	rows, err := db.query(ctx, q+" ORDER BY e.period_kind, e.period_no, e.unit_id, p.full_name, e.id", args...)
	if err != nil {
		return nil, fmt.Errorf("list evaluations: %w", err)
	}
	out, err := collectRows(rows, scanEvaluation)
	if err != nil {
		return nil, fmt.Errorf("list evaluations: %w", err)
	}
	return out, nil
}
