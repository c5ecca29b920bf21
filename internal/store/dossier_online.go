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
	"congvu/internal/dossier"
	"congvu/internal/file"
)

// Online filing (nộp hồ sơ trực tuyến, issue 15 item 4): the applicant's
// dossier with its documents, written in one transaction — the files'
// rows, the dossier (status 1, Mới đăng ký) and the links of each file to
// its document — or nothing. The bytes are in the blob store already
// (written durably before, as every upload's); a blob whose row never
// came is never served and the sweep takes it.

// portalPersonName is the name of each agency's portal uploader
// (migration 0047).
const portalPersonName = "Cổng dịch vụ công"

// FindOnlineProcedures returns the procedures in force today under a code,
// one per agency that carries it out, in agency order: the public filing
// page picks among them. Errors: apperr.NotFound when none is.
func (db *DB) FindOnlineProcedures(ctx context.Context, code string) ([]dossier.Procedure, error) {
	on := calendar.DateOf(db.now()).String()
	rows, err := db.query(ctx, `SELECT `+procedureColumns+` FROM procedures p WHERE code = ? AND effective_from <= ?
		AND version = (SELECT MAX(version) FROM procedures v WHERE v.agency_id = p.agency_id AND v.code = p.code AND v.effective_from <= ?)
		ORDER BY agency_id`, code, on, on)
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
		return nil, apperr.New(apperr.NotFound, "procedure_code", fmt.Sprintf("Không có thủ tục mã %s đang áp dụng", code),
			fmt.Sprintf("No procedure %s is in force", code))
	}
	return out, nil
}

// OnlineFiling is what FileDossierOnline writes: the intake (channel
// online, no desk unit), each file's row without id, owner or time, with
// its line in the procedure's list of documents (1-based), and the cap on
// the applicant's open online dossiers (0: none).
type OnlineFiling struct {
	Intake  dossier.Intake
	Files   []file.File
	Lines   []int
	MaxOpen int
}

// FileDossierOnline records an online filing: the files, the dossier with
// status 1 and its links, in one transaction. The applicant's open online
// dossiers (dossier.OnlineCapStatuses) by the same e-mail or phone are
// counted in the same transaction, which holds the agency's portal row
// (FOR UPDATE on PostgreSQL; SQLite has one writer), so that two filings
// at once cannot both pass the cap. It returns the dossier and its lookup
// secret. Errors: apperr.Invalid for a bad applicant or a line out of the
// procedure's list, apperr.Conflict over the cap.
func (db *DB) FileDossierOnline(ctx context.Context, f OnlineFiling) (dossier.Record, string, error) {
	in := f.Intake
	in.Channel, in.UnitID, in.ReceivedAt = dossier.ChannelOnline, 0, time.Time{}
	if len(f.Files) != len(f.Lines) {
		return dossier.Record{}, "", fmt.Errorf("online filing: %d files, %d lines", len(f.Files), len(f.Lines))
	}
	if err := in.Applicant.Validate(); err != nil {
		return dossier.Record{}, "", err
	}
	actor := audit.Actor{Name: in.Applicant.Name, AgencyID: in.AgencyID}
	prep := func(tx *Tx, actor audit.Actor) (audit.Actor, []file.Link, error) {
		person, err := portalPerson(tx, in.AgencyID)
		if err != nil {
			return actor, nil, err
		}
		actor.PersonID = person
		if f.MaxOpen > 0 {
			if err := checkOnlineCap(tx, in.Applicant, f.MaxOpen); err != nil {
				return actor, nil, err
			}
		}
		var links []file.Link
		for i, fl := range f.Files {
			if f.Lines[i] < 1 || f.Lines[i] > len(in.Documents) {
				return actor, nil, apperr.Invalidf("files", "tệp thứ %d không thuộc giấy tờ nào của thủ tục", "file %d belongs to no document of the procedure", i+1)
			}
			fl.AgencyID, fl.UploadedBy = in.AgencyID, person
			id, err := tx.InsertID(`INSERT INTO files (sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, fl.SHA256, fl.Name, fl.Size, fl.ContentType, fl.AgencyID, fl.UploadedBy, Micro(tx.Now))
			if err != nil {
				return actor, nil, fmt.Errorf("insert file: %w", err)
			}
			if err := tx.Audit(actor, "file", id, "upload", map[string]any{"name": fl.Name, "sha256": fl.SHA256, "size": fl.Size,
				"content_type": fl.ContentType, "channel": "online"}); err != nil {
				return actor, nil, err
			}
			links = append(links, file.Link{FileID: id, Slot: file.ChecklistSlot(f.Lines[i])})
		}
		return actor, links, nil
	}
	return db.receiveDossier(ctx, actor, in, nil, prep)
}

// portalPerson is the agency's portal uploader, created (inactive, no
// membership, no account) the first time; the row is held for the rest of
// the transaction on PostgreSQL.
func portalPerson(tx *Tx, agency int64) (int64, error) {
	var id int64
	q := "SELECT person_id FROM portal_people WHERE agency_id = ?" + tx.ForUpdate()
	err := tx.QueryRow(q, agency).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("portal person: %w", err)
	}
	person, err := tx.InsertID(`INSERT INTO people (agency_id, full_name, search_name, active, created_at) VALUES (?, ?, ?, FALSE, ?)`,
		agency, portalPersonName, "cong dich vu cong", Micro(tx.Now))
	if err != nil {
		return 0, fmt.Errorf("create portal person: %w", err)
	}
	if _, err := tx.Exec("INSERT INTO portal_people (agency_id, person_id) VALUES (?, ?) ON CONFLICT (agency_id) DO NOTHING", agency, person); err != nil {
		return 0, fmt.Errorf("record portal person: %w", err)
	}
	if err := tx.QueryRow(q, agency).Scan(&id); err != nil {
		return 0, fmt.Errorf("portal person: %w", err)
	}
	return id, nil
}

// checkOnlineCap refuses a filing whose applicant has max open online
// dossiers already under the same e-mail address or phone number.
func checkOnlineCap(tx *Tx, a dossier.Applicant, max int) error {
	st := dossier.OnlineCapStatuses
	args := []any{}
	in := placeholders(len(st))
	for _, s := range st {
		args = append(args, int(s))
	}
	count := func(col, v string) (int, error) {
		if v == "" {
			return 0, nil
		}
		var n int
		err := tx.QueryRow("SELECT COUNT(*) FROM dossiers WHERE channel = 'online' AND "+col+" = ? AND status IN ("+in+")",
			append([]any{v}, args...)...).Scan(&n)
		return n, err
	}
	for _, c := range []struct{ col, v, field string }{{"applicant_email", a.Email, "email"}, {"applicant_phone", a.Phone, "phone"}} {
		n, err := count(c.col, c.v)
		if err != nil {
			return fmt.Errorf("count open online dossiers: %w", err)
		}
		if n >= max {
			return apperr.New(apperr.Conflict, c.field,
				fmt.Sprintf("Đã có %d hồ sơ nộp trực tuyến đang giải quyết với %s này (tối đa %d); vui lòng chờ có kết quả hoặc liên hệ bộ phận một cửa", n, contactVI[c.field], max),
				fmt.Sprintf("There are already %d open online dossiers with this %s (at most %d); please wait for a result or contact the one-stop desk", n, contactEN[c.field], max))
		}
	}
	return nil
}

var (
	contactVI = map[string]string{"email": "thư điện tử", "phone": "số điện thoại"}
	contactEN = map[string]string{"email": "e-mail address", "phone": "phone number"}
)
