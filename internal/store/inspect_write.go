package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
	"congvu/internal/work"
)

const inspectionColumns = `id, agency_id, plan_id, title, subject, unit_ids, from_day, to_day, sample_size, seed, population, lead_id, members,
	status, conclusion_number, conclusion_on, conclusion_signer, conclusion_text, COALESCE(concluded_by, 0), COALESCE(concluded_at, 0), version, created_at`

func scanInspection(row Row) (inspection.Inspection, error) {
	var in inspection.Inspection
	var subject, units, from, to, seed, members, status, on string
	var concludedAt, created int64
	err := row.Scan(&in.ID, &in.AgencyID, &in.PlanID, &in.Title, &subject, &units, &from, &to, &in.SampleSize, &seed, &in.Population,
		&in.LeadID, &members, &status, &in.Conclusion.Number, &on, &in.Conclusion.Signer, &in.Conclusion.Text, &in.Conclusion.ByID,
		&concludedAt, &in.Version, &created)
	if err != nil {
		return in, err
	}
	in.Subject, in.Status, in.CreatedAt = inspection.Subject(subject), inspection.Status(status), FromMicro(created)
	if err := json.Unmarshal([]byte(units), &in.UnitIDs); err != nil {
		return in, fmt.Errorf("inspection %d units: %w", in.ID, err)
	}
	if err := json.Unmarshal([]byte(members), &in.Members); err != nil {
		return in, fmt.Errorf("inspection %d members: %w", in.ID, err)
	}
	in.Seed, _ = strconv.ParseUint(seed, 10, 64)
	in.From, _ = calendar.ParseDate(from)
	in.To, _ = calendar.ParseDate(to)
	if on != "" {
		in.Conclusion.On, _ = calendar.ParseDate(on)
	}
	if concludedAt != 0 {
		in.Conclusion.IssuedAt = FromMicro(concludedAt)
	}
	return in, nil
}

func inspectionNotFound(id int64) error {
	return apperr.NotFoundf("Không tìm thấy cuộc kiểm tra số %d", "inspection %d not found", id)
}

// FindInspection returns an inspection with its items, findings and
// recommendations (each with its task's state now). Errors: apperr.NotFound.
func (db *DB) FindInspection(ctx context.Context, id int64) (inspection.Inspection, error) {
	return findInspection(reader{db, ctx}, id, "")
}

func findInspection(q querier, id int64, lock string) (inspection.Inspection, error) {
	in, err := scanInspection(q.QueryRow("SELECT "+inspectionColumns+" FROM inspections WHERE id = ?"+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return in, inspectionNotFound(id)
	}
	if err != nil {
		return in, fmt.Errorf("find inspection %d: %w", id, err)
	}
	rows, err := q.Query("SELECT subject, ref_id, ref, title, checks FROM inspection_items WHERE inspection_id = ? ORDER BY pos", id)
	if err != nil {
		return in, fmt.Errorf("inspection items: %w", err)
	}
	for rows.Next() {
		var it inspection.Item
		var subject, checks string
		if err := rows.Scan(&subject, &it.RefID, &it.Ref, &it.Title, &checks); err != nil {
			rows.Close()
			return in, err
		}
		it.Subject = inspection.Subject(subject)
		if err := json.Unmarshal([]byte(checks), &it.Checks); err != nil {
			rows.Close()
			return in, fmt.Errorf("inspection %d checks: %w", id, err)
		}
		in.Items = append(in.Items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, err
	}
	rows, err = q.Query("SELECT id, seq, ref_id, text, severity, by_id, at FROM inspection_findings WHERE inspection_id = ? ORDER BY seq", id)
	if err != nil {
		return in, fmt.Errorf("inspection findings: %w", err)
	}
	for rows.Next() {
		var f inspection.Finding
		var sev string
		var at int64
		if err := rows.Scan(&f.ID, &f.Seq, &f.RefID, &f.Text, &sev, &f.ByID, &at); err != nil {
			rows.Close()
			return in, err
		}
		f.Severity, f.At = inspection.Severity(sev), FromMicro(at)
		in.Findings = append(in.Findings, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, err
	}
	rows, err = q.Query(`SELECT r.id, r.seq, r.finding_id, r.text, r.owner_unit_id, r.owner_person_id, r.due_on, r.task_id, t.state, r.at
		FROM inspection_recommendations r JOIN tasks t ON t.id = r.task_id WHERE r.inspection_id = ? ORDER BY r.seq`, id)
	if err != nil {
		return in, fmt.Errorf("inspection recommendations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r inspection.Recommendation
		var due string
		var at int64
		if err := rows.Scan(&r.ID, &r.Seq, &r.FindingID, &r.Text, &r.OwnerUnitID, &r.OwnerPersonID, &due, &r.TaskID, &r.TaskState, &at); err != nil {
			return in, err
		}
		r.Due, _ = calendar.ParseDate(due)
		r.At = FromMicro(at)
		in.Recommendations = append(in.Recommendations, r)
	}
	return in, rows.Err()
}

// writeInspection runs change on the inspection locked in tx after
// authorize accepted it; a concluded inspection refuses with
// apperr.Conflict. The version goes up.
func (db *DB) writeInspection(ctx context.Context, id int64, authorize func(inspection.Inspection) error,
	change func(tx *Tx, in *inspection.Inspection) error) (inspection.Inspection, error) {
	var out inspection.Inspection
	err := db.InTx(ctx, func(tx *Tx) error {
		in, err := findInspection(tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if err := authorize(in); err != nil {
			return err
		}
		if in.Status == inspection.Concluded {
			return apperr.Conflictf("Cuộc kiểm tra đã có kết luận, không sửa được nữa", "The inspection is concluded and can no longer be changed")
		}
		if err := change(tx, &in); err != nil {
			return err
		}
		if err := tx.WriteOne(apperr.Conflictf("Cuộc kiểm tra vừa được người khác thay đổi", "The inspection was just changed by someone else"),
			"update inspection", "UPDATE inspections SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?", Micro(tx.Now), id, in.Version); err != nil {
			return err
		}
		in.Version++
		out = in
		return nil
	})
	if err != nil {
		return out, err
	}
	return db.FindInspection(ctx, id)
}

// RecordInspectionCheck fills, by hand, one manual item of a sampled
// item's checklist. The items the records decide are not the inspector's
// to change: apperr.Invalid. Errors also apperr.NotFound, apperr.Forbidden
// (authorize), apperr.Conflict (concluded).
func (db *DB) RecordInspectionCheck(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error,
	refID int64, code inspection.Code, verdict inspection.Verdict, detail string) (inspection.Inspection, error) {
	detail = strings.TrimSpace(detail)
	if !verdict.Valid() {
		return inspection.Inspection{}, apperr.Invalidf("verdict", "kết quả không hợp lệ: %q", "unknown verdict %q", string(verdict))
	}
	if len([]rune(detail)) > 1000 {
		return inspection.Inspection{}, apperr.Invalidf("detail", "ghi chú dài quá 1000 ký tự", "the note is longer than 1000 characters")
	}
	return db.writeInspection(ctx, id, authorize, func(tx *Tx, in *inspection.Inspection) error {
		for pos, it := range in.Items {
			if it.RefID != refID {
				continue
			}
			for i, c := range it.Checks {
				if c.Code != code {
					continue
				}
				if !c.Manual {
					return apperr.Invalidf("code", "mục %q được tính từ dữ liệu, không ghi tay", "item %q is computed from the records, not filled by hand", string(code))
				}
				it.Checks[i].Verdict, it.Checks[i].Detail = verdict, detail
				checks, _ := json.Marshal(it.Checks)
				if _, err := tx.Exec("UPDATE inspection_items SET checks = ? WHERE inspection_id = ? AND pos = ?", string(checks), id, pos); err != nil {
					return fmt.Errorf("update checks: %w", err)
				}
				return tx.AuditFor(in.AgencyID, actor, "inspection", id, "check", map[string]any{"ref_id": refID, "code": code, "verdict": verdict, "detail": detail})
			}
			return apperr.Invalidf("code", "không có mục %q trong danh mục của đối tượng này", "no item %q in this item's checklist", string(code))
		}
		return apperr.Invalidf("ref_id", "đối tượng số %d không thuộc mẫu kiểm tra", "%d is not in the sample", refID)
	})
}

// AddInspectionFinding records a finding. Errors as RecordInspectionCheck.
func (db *DB) AddInspectionFinding(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error, f inspection.Finding) (inspection.Inspection, error) {
	if err := f.Validate(); err != nil {
		return inspection.Inspection{}, err
	}
	return db.writeInspection(ctx, id, authorize, func(tx *Tx, in *inspection.Inspection) error {
		if f.RefID != 0 && !sampled(*in, f.RefID) {
			return apperr.Invalidf("ref_id", "đối tượng số %d không thuộc mẫu kiểm tra", "%d is not in the sample", f.RefID)
		}
		seq := len(in.Findings) + 1
		if _, err := tx.InsertID("INSERT INTO inspection_findings (inspection_id, seq, ref_id, text, severity, by_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			id, seq, f.RefID, f.Text, string(f.Severity), actor.PersonID, Micro(tx.Now)); err != nil {
			return fmt.Errorf("insert finding: %w", err)
		}
		return tx.AuditFor(in.AgencyID, actor, "inspection", id, "finding", map[string]any{"seq": seq, "ref_id": f.RefID, "severity": f.Severity})
	})
}

func sampled(in inspection.Inspection, refID int64) bool {
	for _, it := range in.Items {
		if it.RefID == refID {
			return true
		}
	}
	return false
}

// AddInspectionRecommendation records a recommendation and assigns it as a
// task in the same transaction: the inspection's lead (actor) assigns it
// to the owner, in the owner's unit (r.OwnerUnitID, or the owner's first
// unit of the agency when 0), due on r.Due, so that its closure is
// followed like any task's. Errors as RecordInspectionCheck, and
// apperr.Invalid for the owner.
func (db *DB) AddInspectionRecommendation(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error,
	r inspection.Recommendation) (inspection.Inspection, error) {
	if err := r.Validate(calendar.DateOf(db.now())); err != nil {
		return inspection.Inspection{}, err
	}
	in, err := db.FindInspection(ctx, id)
	if err != nil {
		return in, err
	}
	if err := authorize(in); err != nil {
		return in, err
	}
	if r.OwnerUnitID == 0 {
		ms, err := db.Memberships(ctx, r.OwnerPersonID, calendar.DateOf(db.now()).String())
		if err != nil {
			return in, err
		}
		tree, err := db.Tree(ctx)
		if err != nil {
			return in, err
		}
		for _, m := range ms {
			if tree.AgencyOf(m.UnitID) == in.AgencyID {
				r.OwnerUnitID = m.UnitID
				break
			}
		}
		if r.OwnerUnitID == 0 {
			return in, apperr.Invalidf("owner_person_id", "cán bộ số %d không công tác tại đơn vị nào của cơ quan", "person %d holds no post in the agency", r.OwnerPersonID)
		}
	}
	if r.OwnerPersonID == actor.PersonID {
		return in, apperr.Invalidf("owner_person_id", "người chịu trách nhiệm không thể là trưởng đoàn kiểm tra (người theo dõi kiến nghị)",
			"the owner cannot be the inspection's lead, who follows the recommendation up")
	}
	due := r.Due
	title := "Thực hiện kiến nghị kiểm tra: " + r.Text
	if n := []rune(title); len(n) > 300 {
		title = string(n[:299]) + "…"
	}
	t, err := db.buildTask(ctx, work.NewTask{AgencyID: in.AgencyID, Title: title,
		Description: "Kiến nghị của cuộc kiểm tra «" + in.Title + "» (số " + strconv.FormatInt(in.ID, 10) + ").",
		Product:     "Báo cáo kết quả thực hiện kiến nghị", LeadUnitID: r.OwnerUnitID, LeadPersonID: r.OwnerPersonID,
		AssignerID: actor.PersonID, Deadline: work.DeadlineSpec{Date: &due}, Priority: work.PriorityHigh}, nil, nil)
	if err != nil {
		return in, err
	}
	return db.writeInspection(ctx, id, authorize, func(tx *Tx, in *inspection.Inspection) error {
		if r.FindingID != 0 {
			found := false
			for _, f := range in.Findings {
				found = found || f.ID == r.FindingID
			}
			if !found {
				return apperr.Invalidf("finding_id", "không có phát hiện số %d trong cuộc kiểm tra", "no finding %d in the inspection", r.FindingID)
			}
		}
		if err := insertTask(tx, actor, &t); err != nil {
			return err
		}
		seq := len(in.Recommendations) + 1
		if _, err := tx.InsertID(`INSERT INTO inspection_recommendations (inspection_id, seq, finding_id, text, owner_unit_id, owner_person_id, due_on, task_id, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, seq, r.FindingID, r.Text, r.OwnerUnitID, r.OwnerPersonID, r.Due.String(), t.ID, Micro(tx.Now)); err != nil {
			return fmt.Errorf("insert recommendation: %w", err)
		}
		return tx.AuditFor(in.AgencyID, actor, "inspection", id, "recommendation", map[string]any{"seq": seq, "task_id": t.ID,
			"owner_person_id": r.OwnerPersonID, "due": r.Due.String()})
	})
}

// ConcludeInspection records the conclusion and locks the inspection.
// Errors as RecordInspectionCheck.
func (db *DB) ConcludeInspection(ctx context.Context, actor audit.Actor, id int64, authorize func(inspection.Inspection) error, c inspection.Conclusion) (inspection.Inspection, error) {
	if err := c.Validate(); err != nil {
		return inspection.Inspection{}, err
	}
	return db.writeInspection(ctx, id, authorize, func(tx *Tx, in *inspection.Inspection) error {
		for _, it := range in.Items {
			for _, ch := range it.Checks {
				if ch.Verdict == inspection.Pending {
					return apperr.New(apperr.Invalid, "checks",
						fmt.Sprintf("còn mục kiểm tra chưa đánh giá (%s: %s): đánh giá hết trước khi kết luận", it.Ref, ch.Code.Label("vi")),
						fmt.Sprintf("an item is not yet assessed (%s: %s): assess them all before concluding", it.Ref, ch.Code.Label("en")))
				}
			}
		}
		if _, err := tx.Exec(`UPDATE inspections SET status = ?, conclusion_number = ?, conclusion_on = ?, conclusion_signer = ?, conclusion_text = ?,
			concluded_by = ?, concluded_at = ? WHERE id = ?`, string(inspection.Concluded), c.Number, c.On.String(), c.Signer, c.Text,
			actor.PersonID, Micro(tx.Now), id); err != nil {
			return fmt.Errorf("conclude inspection: %w", err)
		}
		return tx.AuditFor(in.AgencyID, actor, "inspection", id, "conclude", map[string]any{"number": c.Number, "on": c.On.String()})
	})
}
