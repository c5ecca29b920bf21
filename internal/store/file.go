package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/file"
)

// The files' rows (files, file_links: migration 0015). The bytes are the
// blob store's (package blob), written before CreateFile is called.

const fileColumns = "f.id, f.sha256, f.name, f.size, f.content_type, f.agency_id, COALESCE(f.uploaded_by, 0), f.uploaded_at"

func scanFile(sc interface{ Scan(...any) error }) (file.File, error) {
	var f file.File
	var at int64
	err := sc.Scan(&f.ID, &f.SHA256, &f.Name, &f.Size, &f.ContentType, &f.AgencyID, &f.UploadedBy, &at)
	f.UploadedAt = FromMicro(at)
	return f, err
}

// CreateFile records an upload whose blob is stored already, journalled
// ("file", id, "upload") in the same transaction.
func (db *DB) CreateFile(ctx context.Context, actor audit.Actor, f file.File) (file.File, error) {
	err := db.InTx(ctx, func(tx *Tx) error {
		f.UploadedAt = tx.Now.Truncate(time.Microsecond)
		id, err := tx.InsertID(`INSERT INTO files (sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, f.SHA256, f.Name, f.Size, f.ContentType, f.AgencyID, nullID(f.UploadedBy), Micro(f.UploadedAt))
		if err != nil {
			return fmt.Errorf("insert file: %w", err)
		}
		f.ID = id
		return tx.Audit(actor, "file", id, "upload", map[string]any{"name": f.Name, "sha256": f.SHA256, "size": f.Size, "content_type": f.ContentType})
	})
	return f, err
}

// FindFileByID returns a file with every link it has had, removed ones
// included. Errors: apperr.NotFound.
func (db *DB) FindFileByID(ctx context.Context, id int64) (file.File, []file.Link, error) {
	f, err := scanFile(db.queryRow(ctx, "SELECT "+fileColumns+" FROM files f WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil, file.NotFound(id)
	}
	if err != nil {
		return f, nil, fmt.Errorf("find file %d: %w", id, err)
	}
	rows, err := db.query(ctx, "SELECT "+linkColumns+", "+fileColumns+" FROM file_links l JOIN files f ON f.id = l.file_id WHERE l.file_id = ? ORDER BY l.id", id)
	if err != nil {
		return f, nil, fmt.Errorf("find links of file %d: %w", id, err)
	}
	links, err := collectRows(rows, scanLink)
	return f, links, err
}

const linkColumns = "l.id, l.file_id, l.kind, l.record_id, l.slot, COALESCE(l.attached_by, 0), l.attached_at, l.removed_by, l.removed_at"

func scanLink(sc interface{ Scan(...any) error }) (file.Link, error) {
	var l file.Link
	var at int64
	var by, rm sql.NullInt64
	var f file.File
	var fat int64
	err := sc.Scan(&l.ID, &l.FileID, &l.Kind, &l.RecordID, &l.Slot, &l.AttachedBy, &at, &by, &rm,
		&f.ID, &f.SHA256, &f.Name, &f.Size, &f.ContentType, &f.AgencyID, &f.UploadedBy, &fat)
	l.AttachedAt, l.RemovedBy, l.RemovedAt = FromMicro(at), by.Int64, fromNullMicro(rm)
	f.UploadedAt = FromMicro(fat)
	l.File = f
	return l, err
}

// FindFileLinks lists the files attached to a record, in the order they
// were attached, removed ones included (their RemovedAt set).
func (db *DB) FindFileLinks(ctx context.Context, kind, recordID string) ([]file.Link, error) {
	rows, err := db.query(ctx, "SELECT "+linkColumns+", "+fileColumns+
		" FROM file_links l JOIN files f ON f.id = l.file_id WHERE l.kind = ? AND l.record_id = ? ORDER BY l.attached_at, l.id", kind, recordID)
	if err != nil {
		return nil, fmt.Errorf("find files of %s %s: %w", kind, recordID, err)
	}
	return collectRows(rows, scanLink)
}

// AttachFile attaches a file to a record, journalled as an event of the
// record (object kind and id, "attach_file"), so that it is in the record's
// history. The caller has checked that the actor may change the record and
// may attach the file (file.CanAttach). Errors: apperr.Invalid for a bad
// slot, apperr.NotFound for a file that does not exist.
func (db *DB) AttachFile(ctx context.Context, actor audit.Actor, l file.Link) (file.Link, error) {
	if err := file.ValidateSlot(l.Kind, l.Slot); err != nil {
		return l, err
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		l, err = attachInTx(tx, actor, l)
		return err
	})
	return l, err
}

// attachInTx attaches a file to a record within tx, the transaction of
// the record's own change (a dossier's or a task's event) or AttachFile's,
// journalled as an event of the record ("attach_file").
func attachInTx(tx *Tx, actor audit.Actor, l file.Link) (file.Link, error) {
	l, err := linkedFile(tx, actor, l)
	if err != nil {
		return l, err
	}
	l.ID, err = tx.InsertID(`INSERT INTO file_links (file_id, kind, record_id, slot, attached_by, attached_at) VALUES (?, ?, ?, ?, ?, ?)`,
		l.FileID, l.Kind, l.RecordID, l.Slot, nullID(l.AttachedBy), Micro(l.AttachedAt)) // NULL: the applicant, online
	if err != nil {
		return l, fmt.Errorf("attach file: %w", err)
	}
	return l, tx.Audit(actor, l.Kind, l.RecordID, "attach_file", linkPayload(l))
}

// linkedFile checks a link's slot and reads its file in tx; the link is
// stamped with the actor and the transaction's time.
func linkedFile(tx *Tx, actor audit.Actor, l file.Link) (file.Link, error) {
	if err := file.ValidateSlot(l.Kind, l.Slot); err != nil {
		return l, err
	}
	f, err := scanFile(tx.QueryRow("SELECT "+fileColumns+" FROM files f WHERE f.id = ?", l.FileID))
	if errors.Is(err, sql.ErrNoRows) {
		return l, file.NotFound(l.FileID)
	}
	if err != nil {
		return l, fmt.Errorf("find file %d: %w", l.FileID, err)
	}
	l.File = f
	l.AttachedBy = actor.PersonID
	l.AttachedAt = tx.Now.Truncate(time.Microsecond)
	return l, nil
}

func linkPayload(l file.Link) map[string]any {
	return map[string]any{"link_id": l.ID, "file_id": l.FileID, "name": l.File.Name, "sha256": l.File.SHA256, "slot": l.Slot}
}

// FindFileLink returns one link with its file. Errors: apperr.NotFound.
func (db *DB) FindFileLink(ctx context.Context, id int64) (file.Link, error) {
	l, err := scanLink(db.queryRow(ctx, "SELECT "+linkColumns+", "+fileColumns+" FROM file_links l JOIN files f ON f.id = l.file_id WHERE l.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, apperr.NotFoundf("Không tìm thấy tệp đính kèm số %d", "No attachment %d", id)
	}
	if err != nil {
		return l, fmt.Errorf("find attachment %d: %w", id, err)
	}
	return l, nil
}

// RemoveFileLink takes a file off its record: the link ends, journalled
// as an event of the record ("remove_file"); the file and its bytes stay,
// for the history. Errors: apperr.NotFound; apperr.Conflict when it was
// removed already.
func (db *DB) RemoveFileLink(ctx context.Context, actor audit.Actor, id int64) (file.Link, error) {
	var l file.Link
	err := db.InTx(ctx, func(tx *Tx) error {
		var err error
		l, err = scanLink(tx.QueryRow("SELECT "+linkColumns+", "+fileColumns+" FROM file_links l JOIN files f ON f.id = l.file_id WHERE l.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Không tìm thấy tệp đính kèm số %d", "No attachment %d", id)
		}
		if err != nil {
			return fmt.Errorf("find attachment %d: %w", id, err)
		}
		if !l.Live() {
			return apperr.Conflictf("Tệp này đã được gỡ khỏi hồ sơ", "This file has already been removed")
		}
		now := tx.Now.Truncate(time.Microsecond)
		res, err := tx.Exec("UPDATE file_links SET removed_by = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL", actor.PersonID, Micro(now), id)
		if err != nil {
			return fmt.Errorf("remove attachment: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return apperr.Conflictf("Tệp này đã được gỡ khỏi hồ sơ", "This file has already been removed")
		}
		l.RemovedBy, l.RemovedAt = actor.PersonID, &now
		return tx.Audit(actor, l.Kind, l.RecordID, "remove_file", linkPayload(l))
	})
	return l, err
}

// JournalFileDownload records that actor downloaded (or previewed) f.
func (db *DB) JournalFileDownload(ctx context.Context, actor audit.Actor, f file.File, inline bool) error {
	action := "download"
	if inline {
		action = "preview"
	}
	return db.InTx(ctx, func(tx *Tx) error {
		return tx.Audit(actor, "file", strconv.FormatInt(f.ID, 10), action, map[string]any{"name": f.Name, "sha256": f.SHA256})
	})
}
