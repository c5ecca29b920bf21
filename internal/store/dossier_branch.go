package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
)

// eventDetailRow is how the step actions' fields are kept on an event (the
// detail JSON column of dossier_events, migration 0024): a storage type of
// its own, so that renaming a domain field never changes what is stored.
type eventDetailRow struct {
	Branches   []branchAskRow `json:"branches,omitempty"`
	Verdict    string         `json:"verdict,omitempty"`
	FileID     int64          `json:"file_id,omitempty"`
	ExtendDays float64        `json:"extend_days,omitempty"`
	LimitValue float64        `json:"limit_value,omitempty"`
	LimitUnit  string         `json:"limit_unit,omitempty"`
	After15h   bool           `json:"after_15h,omitempty"`
}

type branchAskRow struct {
	UnitID int64   `json:"unit_id"`
	Days   float64 `json:"days"`
}

// eventDetail is the detail column of an event: NULL for the events that
// have none of the step actions' fields.
func eventDetail(ev dossier.Event) any {
	d := eventDetailRow{Verdict: string(ev.Verdict), FileID: ev.FileID, ExtendDays: ev.ExtendDays}
	for _, b := range ev.Branches {
		d.Branches = append(d.Branches, branchAskRow{b.UnitID, b.Days})
	}
	if ev.Limit != nil {
		d.LimitValue, d.LimitUnit, d.After15h = ev.Limit.Value, ev.Limit.Unit.String(), ev.Limit.After15h
	}
	if d.Branches == nil && d.Verdict == "" && d.FileID == 0 && d.ExtendDays == 0 && d.LimitUnit == "" {
		return nil
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// readEventDetail fills an event's step-action fields from its detail.
func readEventDetail(ev *dossier.Event, s string) error {
	if s == "" {
		return nil
	}
	var d eventDetailRow
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return fmt.Errorf("event %d detail: %w", ev.Seq, err)
	}
	for _, b := range d.Branches {
		ev.Branches = append(ev.Branches, dossier.BranchAsk{UnitID: b.UnitID, Days: b.Days})
	}
	ev.Verdict, ev.FileID, ev.ExtendDays = dossier.Verdict(d.Verdict), d.FileID, d.ExtendDays
	if d.LimitUnit != "" {
		l := calendar.Limit{Value: d.LimitValue, Unit: calendar.WorkingDays, After15h: d.After15h}
		if d.LimitUnit == "calendar_days" {
			l.Unit = calendar.CalendarDays
		}
		ev.Limit = &l
	}
	return nil
}

// addDetailToPayload journals the step actions' fields.
func addDetailToPayload(payload map[string]any, ev dossier.Event) {
	if len(ev.Branches) > 0 {
		units := make([]int64, len(ev.Branches))
		for i, b := range ev.Branches {
			units[i] = b.UnitID
		}
		payload["branches"] = units
	}
	if ev.Verdict != "" {
		payload["verdict"] = string(ev.Verdict)
	}
	if ev.FileID != 0 {
		payload["file_id"] = ev.FileID
	}
	if ev.ExtendDays != 0 {
		payload["extend_days"] = ev.ExtendDays
	}
	if ev.Action == dossier.AnswerConsultation {
		payload["unit_id"] = ev.UnitID
	}
}

// syncConsultations keeps the dossier's rows of dossier_consultations equal
// to its state's branches, in the event's transaction: the rows that
// changed are written again. A dossier with no branch writes nothing.
func syncConsultations(tx *Tx, rec dossier.Record, old dossier.State) error {
	for i, b := range rec.State.Branches {
		if i < len(old.Branches) && old.Branches[i] == b {
			continue
		}
		var answered any
		if b.Answered() {
			answered = Micro(b.AnsweredAt)
		}
		if err := tx.Write("write consultation", `INSERT INTO dossier_consultations (dossier_id, n, agency_id, step, unit_id, asked_at, due_at, answered_at, verdict, closed)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (dossier_id, n) DO UPDATE SET due_at = excluded.due_at, answered_at = excluded.answered_at,
			verdict = excluded.verdict, closed = excluded.closed`,
			rec.ID, i, rec.AgencyID, b.Step, b.UnitID, Micro(b.AskedAt), Micro(b.Due), answered, string(b.Verdict), b.Closed); err != nil {
			return err
		}
	}
	return nil
}

// FindConsultations lists consultations: those owed by the units (open:
// unanswered at a step the dossier is still at), or all of an agency's
// with f.All, each with its dossier's code, procedure and applicant. The
// rows come newest due last; lateness is judged at f.Now.
func (db *DB) FindConsultations(ctx context.Context, f dossier.ConsultationFilter) ([]dossier.Consultation, error) {
	q := `SELECT d.code, d.procedure_code, d.applicant_name, d.project_id, c.unit_id, c.step, c.asked_at, c.due_at, c.answered_at, c.verdict, c.closed
		FROM dossier_consultations c JOIN dossiers d ON d.id = c.dossier_id WHERE `
	var args []any
	switch {
	case len(f.UnitIDs) > 0:
		q += "c.unit_id IN (" + placeholders(len(f.UnitIDs)) + ")"
		for _, u := range f.UnitIDs {
			args = append(args, u)
		}
	case f.AgencyID != 0:
		q += "c.agency_id = ?"
		args = append(args, f.AgencyID)
	default:
		return nil, nil
	}
	if f.Owed {
		q += " AND c.answered_at IS NULL AND NOT c.closed"
	}
	if f.Code != "" {
		q += " AND d.code = ?"
		args = append(args, f.Code)
	}
	q += " ORDER BY c.due_at, d.code, c.n LIMIT 2000"
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find consultations: %w", err)
	}
	defer rows.Close()
	var out []dossier.Consultation
	for rows.Next() {
		var c dossier.Consultation
		var project, answered sql.NullInt64
		var asked, due int64
		var verdict string
		if err := rows.Scan(&c.Code, &c.ProcedureCode, &c.ApplicantName, &project, &c.Branch.UnitID, &c.Branch.Step,
			&asked, &due, &answered, &verdict, &c.Branch.Closed); err != nil {
			return nil, fmt.Errorf("find consultations: %w", err)
		}
		c.ProjectID = project.Int64
		c.Branch.AskedAt, c.Branch.Due, c.Branch.Verdict = FromMicro(asked), FromMicro(due), dossier.Verdict(verdict)
		if answered.Valid {
			c.Branch.AnsweredAt = FromMicro(answered.Int64)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ConsultationFigures counts an agency's consultations by consulted unit:
// owed now, of which overdue, and answered late or never (DOMAIN.md §1.4:
// dates, not hours), for the director's view of late consultations.
func (db *DB) ConsultationFigures(ctx context.Context, agencyID int64, now time.Time) ([]dossier.ConsultationFigure, error) {
	all, err := db.FindConsultations(ctx, dossier.ConsultationFilter{AgencyID: agencyID})
	if err != nil {
		return nil, err
	}
	return dossier.CountConsultations(all, now), nil
}

// attachEventFile attaches the file an answer or a report carries to the
// dossier, in the event's transaction, so that whoever may read the
// dossier may read it (file.CanRead follows the record); journaled as an
// attachment of the dossier. The caller has checked the file is the
// actor's own upload.
func attachEventFile(tx *Tx, actor audit.Actor, code string, ev dossier.Event) error {
	if ev.FileID == 0 {
		return nil
	}
	var name, sha string
	err := tx.QueryRow("SELECT name, sha256 FROM files WHERE id = ?", ev.FileID).Scan(&name, &sha)
	if errors.Is(err, sql.ErrNoRows) {
		return file.NotFound(ev.FileID)
	}
	if err != nil {
		return fmt.Errorf("find file %d: %w", ev.FileID, err)
	}
	l := file.Link{FileID: ev.FileID, Kind: file.KindDossier, RecordID: code, Slot: file.SlotDecision, AttachedBy: actor.PersonID,
		AttachedAt: tx.Now.Truncate(time.Microsecond), File: file.File{Name: name, SHA256: sha}}
	if l.ID, err = tx.InsertID(`INSERT INTO file_links (file_id, kind, record_id, slot, attached_by, attached_at) VALUES (?, ?, ?, ?, ?, ?)`,
		l.FileID, l.Kind, l.RecordID, l.Slot, l.AttachedBy, Micro(l.AttachedAt)); err != nil {
		return fmt.Errorf("attach file: %w", err)
	}
	return tx.Audit(actor, l.Kind, l.RecordID, "attach_file", linkPayload(l))
}
