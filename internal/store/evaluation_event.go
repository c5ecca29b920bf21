package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/review"
	"congvu/internal/work"
)

// RecordEvaluationEvent takes one step of an evaluation's workflow: the
// facts (the period's task figures, the leader's unit factor, discipline in
// the year) are read first; then, in one transaction, the evaluation row is
// locked and checked against expectedVersion (0: no check) and the version
// read, authorize decides who may (evaluation.CanView and CanAct, with the
// locked evaluation), the approvals of the agency's task group are counted
// under a lock of the agency (so that two approvals at once cannot both
// pass the quota), evaluation.Apply decides, and the step is stored, the
// row updated and the journal written. Errors: apperr.NotFound,
// apperr.Forbidden, apperr.Conflict, apperr.Invalid; nothing is written
// on any of them.
func (db *DB) RecordEvaluationEvent(ctx context.Context, actor audit.Actor, id int64, expectedVersion int, ev evaluation.Event,
	authorize func(evaluation.Evaluation) error) (evaluation.Evaluation, error) {
	read, err := db.FindEvaluation(ctx, id)
	if err != nil {
		return read, err
	}
	if authorize != nil {
		if err := authorize(read); err != nil {
			return read, err
		}
	}
	if expectedVersion != 0 && expectedVersion != read.Version {
		return read, evaluationVersionConflict(read.Version, expectedVersion)
	}
	r, err := db.EvaluationRuleSet(ctx, read.AgencyID, read.RuleVersion)
	if err != nil {
		return read, err
	}
	f := evaluation.Facts{UnitFactor: 1}
	if f.Months, err = db.periodFigures(ctx, read.PersonID, read.Period); err != nil {
		return read, err
	}
	if f.Disciplined, err = db.Disciplined(ctx, read.PersonID, read.Period.Year); err != nil {
		return read, err
	}
	effect, err := db.EvaluationViolations(ctx, read)
	if err != nil {
		return read, err
	}
	f.Disciplined = f.Disciplined || effect.Year.Disciplined
	f.AdjustCommon = func(c map[string]float64) map[string]float64 {
		return effect.Period.Apply(c, review.DisciplineCriterion)
	}
	if read.Group == evaluation.GroupLeader {
		if f.UnitFactor, err = db.unitFactor(ctx, r, read); err != nil {
			return read, err
		}
	}
	var out evaluation.Evaluation
	err = db.InTx(ctx, func(tx *Tx) error {
		e, err := findEvaluation(tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if e.Version != read.Version {
			return evaluationVersionConflict(e.Version, read.Version)
		}
		if authorize != nil {
			if err := authorize(e); err != nil {
				return err
			}
		}
		ev.ActorID = actor.PersonID
		f.Now = tx.Now.UTC().Truncate(1000)
		if ev.Action == evaluation.ActionApprove {
			if f.Tally, err = approvedTally(tx, e); err != nil {
				return err
			}
		}
		next, err := evaluation.Apply(r, e, ev, f)
		if err != nil {
			return err
		}
		rec := next.Events[len(next.Events)-1]
		payload, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO evaluation_events (evaluation_id, seq, action, at, actor_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
			id, rec.Seq, string(rec.Action), Micro(rec.At), rec.ActorID, string(payload)); err != nil {
			return fmt.Errorf("insert evaluation event: %w", err)
		}
		body, err := bodyOf(next)
		if err != nil {
			return err
		}
		if err := tx.WriteOne(evaluationVersionConflict(e.Version+1, e.Version), "update evaluation",
			"UPDATE evaluations SET state = ?, total = ?, task_points = ?, grade = ?, body = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
			string(next.State), next.Total, next.Task.Points, string(next.Grade), body, next.Version, Micro(tx.Now), id, e.Version); err != nil {
			return err
		}
		out = next
		return tx.AuditFor(e.AgencyID, actor, "evaluation", id, string(rec.Action), map[string]any{"person_id": e.PersonID,
			"period": e.Period.Label("vi"), "state": next.State, "total": next.Total, "task_points": next.Task.Points, "grade": next.Grade,
			"common": rec.Common, "hand": rec.Hand, "reason": rec.Reason, "rule_version": e.RuleVersion, "quota": f.Tally,
			"violations": effect.Period})
	})
	return out, err
}

func evaluationVersionConflict(current, sent int) error {
	return apperr.Conflictf("Phiếu đánh giá đã được người khác thay đổi (phiên bản %d, bạn gửi %d); hãy tải lại trang",
		"The evaluation has changed (version %d, you sent %d); reload it", current, sent)
}

// approvedTally counts the approved results of e's agency, period and task
// group other than e, after locking the agency's row (PostgreSQL) so that
// approvals take turns.
func approvedTally(tx *Tx, e evaluation.Evaluation) (evaluation.Tally, error) {
	var t evaluation.Tally
	var agency int64
	if err := tx.QueryRow("SELECT id FROM units WHERE id = ?"+tx.ForUpdate(), e.AgencyID).Scan(&agency); err != nil {
		return t, fmt.Errorf("lock agency %d: %w", e.AgencyID, err)
	}
	rows, err := tx.Query(`SELECT grade, COUNT(*) FROM evaluations WHERE agency_id = ? AND year = ? AND period_kind = ? AND period_no = ?
		AND task_group = ? AND state = 'approved' AND id <> ? GROUP BY grade`,
		e.AgencyID, e.Period.Year, string(e.Period.Kind), periodNo(e.Period), string(e.Group), e.ID)
	if err != nil {
		return t, fmt.Errorf("count approvals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g string
		var n int
		if err := rows.Scan(&g, &n); err != nil {
			return t, err
		}
		for i := 0; i < n; i++ {
			t.Add(work.Grade(g))
		}
	}
	return t, rows.Err()
}

// unitFactor is a leader's unit-result factor from the grades of the
// others assessed or approved in the period in the leader's unit and the
// units below it (NĐ 335/2025 Art 15).
func (db *DB) unitFactor(ctx context.Context, r evaluation.RuleSet, e evaluation.Evaluation) (float64, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return 0, err
	}
	units := tree.AgencySubtree(e.UnitID)
	if len(units) == 0 {
		return 1, nil
	}
	args := []any{e.AgencyID, e.Period.Year, string(e.Period.Kind), periodNo(e.Period), e.PersonID}
	for _, u := range units {
		args = append(args, u)
	}
	rows, err := db.query(ctx, `SELECT grade FROM evaluations WHERE agency_id = ? AND year = ? AND period_kind = ? AND period_no = ?
		AND person_id <> ? AND state IN ('assessed', 'approved') AND unit_id IN (`+placeholders(len(units))+")", args...)
	if err != nil {
		return 0, fmt.Errorf("unit grades: %w", err)
	}
	defer rows.Close()
	var grades []work.Grade
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return 0, err
		}
		grades = append(grades, work.Grade(g))
	}
	return evaluation.UnitFactor(r, grades), rows.Err()
}

// DisciplineLevel is a form of discipline (hình thức kỷ luật, Luật Cán bộ,
// công chức Art 79): every one of them, khiển trách and above, rates the
// year KHTNV (NĐ 335/2025; NĐ 90/2020 Art 11).
type DisciplineLevel string

// The levels.
const (
	DisciplineReprimand DisciplineLevel = "khien_trach"
	DisciplineWarning   DisciplineLevel = "canh_cao"
	DisciplineDemotion  DisciplineLevel = "giang_chuc"
	DisciplineRemoval   DisciplineLevel = "cach_chuc"
	DisciplineDismissal DisciplineLevel = "buoc_thoi_viec"
)

// DisciplineLevels lists the levels, lightest first.
var DisciplineLevels = []DisciplineLevel{DisciplineReprimand, DisciplineWarning, DisciplineDemotion, DisciplineRemoval, DisciplineDismissal}

// DisciplineRecord is a disciplinary decision on a person.
type DisciplineRecord struct {
	ID        int64
	AgencyID  int64
	PersonID  int64
	Person    string
	Level     DisciplineLevel
	DecidedOn string // YYYY-MM-DD
	Decision  string // số, ký hiệu
	Reason    string
}

// RecordDiscipline stores a disciplinary decision on a person of the
// agency, journalled. Errors: apperr.Invalid naming the field.
func (db *DB) RecordDiscipline(ctx context.Context, actor audit.Actor, d DisciplineRecord) (DisciplineRecord, error) {
	known := false
	for _, l := range DisciplineLevels {
		known = known || l == d.Level
	}
	if !known {
		return d, apperr.Invalidf("level", "hình thức kỷ luật không hợp lệ: %q", "unknown form of discipline: %q", string(d.Level))
	}
	day, err := calendar.ParseDate(d.DecidedOn)
	if err != nil {
		return d, apperr.Invalidf("decided_on", "ngày quyết định không hợp lệ: %q", "invalid date of decision: %q", d.DecidedOn)
	}
	d.DecidedOn = day.String()
	if d.Decision, err = apperr.Text("decision", d.Decision, 3, 100); err != nil {
		return d, err
	}
	if d.Reason, err = apperr.Text("reason", d.Reason, 0, 1000); err != nil {
		return d, err
	}
	p, err := db.FindPersonWithoutMemberships(ctx, d.PersonID)
	if err != nil {
		return d, apperr.Invalidf("person_id", "không có cán bộ số %d", "no person %d", d.PersonID)
	}
	if p.AgencyID != d.AgencyID {
		return d, apperr.Invalidf("person_id", "cán bộ không thuộc cơ quan", "the person is not of the agency")
	}
	d.Person = p.FullName
	err = db.InTx(ctx, func(tx *Tx) error {
		d.ID, err = tx.InsertID("INSERT INTO discipline_records (agency_id, person_id, level, decided_on, decision, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			d.AgencyID, d.PersonID, string(d.Level), d.DecidedOn, d.Decision, d.Reason, nullID(actor.PersonID), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert discipline: %w", err)
		}
		return tx.AuditFor(d.AgencyID, actor, "discipline", d.ID, "create", map[string]any{"person_id": d.PersonID, "level": d.Level,
			"decided_on": d.DecidedOn, "decision": d.Decision})
	})
	return d, err
}

// Disciplined reports whether the person was disciplined in the year: a
// decision recorded, or a violation recorded at the discipline severity
// (khiển trách or above).
func (db *DB) Disciplined(ctx context.Context, personID int64, year int) (bool, error) {
	var n int
	y := strconv.Itoa(year)
	err := db.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM discipline_records WHERE person_id = ? AND decided_on >= ? AND decided_on <= ?)
		+ (SELECT COUNT(*) FROM discipline_violations WHERE person_id = ? AND severity = ? AND occurred_on >= ? AND occurred_on <= ?)`,
		personID, y+"-01-01", y+"-12-31", personID, string(review.Discipline), y+"-01-01", y+"-12-31").Scan(&n)
	return n > 0, err
}

// Disciplines returns the agency's disciplinary decisions of a year.
func (db *DB) Disciplines(ctx context.Context, agencyID int64, year int) ([]DisciplineRecord, error) {
	y := strconv.Itoa(year)
	rows, err := db.query(ctx, `SELECT d.id, d.agency_id, d.person_id, p.full_name, d.level, d.decided_on, d.decision, d.reason
		FROM discipline_records d JOIN people p ON p.id = d.person_id WHERE d.agency_id = ? AND d.decided_on >= ? AND d.decided_on <= ? ORDER BY d.decided_on, d.id`,
		agencyID, y+"-01-01", y+"-12-31")
	if err != nil {
		return nil, fmt.Errorf("disciplines: %w", err)
	}
	defer rows.Close()
	var out []DisciplineRecord
	for rows.Next() {
		var d DisciplineRecord
		var level string
		if err := rows.Scan(&d.ID, &d.AgencyID, &d.PersonID, &d.Person, &level, &d.DecidedOn, &d.Decision, &d.Reason); err != nil {
			return nil, err
		}
		d.Level = DisciplineLevel(level)
		out = append(out, d)
	}
	return out, rows.Err()
}
