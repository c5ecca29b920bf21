package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/file"
	"congvu/internal/investment"
)

// The documents to post on the national e-procurement system within 5
// working days of their issue (Luật Đấu thầu 22/2023/QH15 Art 8.4): rows
// of procurement_postings, one per approved plan, adjustment and selection
// result, written in the transaction that records the document.

// linkProjectFile attaches a decision, report or conclusion file to its
// project in tx (file_links kind "project"), so that whoever may see the
// project may read it (file.CanRead). A file id of 0 is none. Errors:
// apperr.Invalid on field for a file that does not exist.
func linkProjectFile(tx *Tx, actor audit.Actor, projectID, fileID int64, field, slot string) error {
	if fileID == 0 {
		return nil
	}
	if err := checkFile(tx, field, fileID); err != nil {
		return err
	}
	return tx.Write("attach project file", `INSERT INTO file_links (file_id, kind, record_id, slot, attached_by, attached_at) VALUES (?, ?, ?, ?, ?, ?)`,
		fileID, file.KindProject, strconv.FormatInt(projectID, 10), slot, nullID(actor.PersonID), Micro(tx.Now))
}

// insertPosting records doc, issued on the decision's date (YYYY-MM-DD),
// due on the fifth working day after it on cal.
func insertPosting(tx *Tx, cal *calendar.Calendar, pr planProject, doc investment.PostingDoc, issued string) error {
	day, err := calendar.ParseDate(issued)
	if err != nil {
		return apperr.Invalidf("decision.date", "ngày quyết định không hợp lệ: %q", "decision date not valid: %q", issued)
	}
	due := investment.PostingDue(cal, day)
	return tx.Write("insert posting", `INSERT INTO procurement_postings (project_id, agency_id, kind, version_no, package_id, issued_on, due_on, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, pr.ID, pr.AgencyID, string(doc.Kind), doc.VersionNo, nullID(doc.PackageID), day.String(), due.String(), Micro(tx.Now))
}

const postingColumns = "pp.id, pp.project_id, pp.kind, pp.version_no, COALESCE(pp.package_id, 0), pp.issued_on, pp.due_on, pp.posted_on, COALESCE(pp.posted_by, 0), pp.posted_at"

func scanPosting(sc interface{ Scan(...any) error }, extra ...any) (investment.PostingDoc, error) {
	var d investment.PostingDoc
	var issued, due string
	var posted sql.NullString
	var at sql.NullInt64
	if err := sc.Scan(append([]any{&d.ID, &d.ProjectID, &d.Kind, &d.VersionNo, &d.PackageID, &issued, &due, &posted, &d.PostedBy, &at}, extra...)...); err != nil {
		return d, err
	}
	var err error
	if d.Issued, err = calendar.ParseDate(issued); err != nil {
		return d, err
	}
	if d.Due, err = calendar.ParseDate(due); err != nil {
		return d, err
	}
	if posted.Valid {
		p, err := calendar.ParseDate(posted.String)
		if err != nil {
			return d, err
		}
		d.Posted = &p
	}
	d.PostedAt = fromNullMicro(at)
	return d, nil
}

// PostingRow is a document to post with what a list across projects shows
// of its project and package.
type PostingRow struct {
	investment.PostingDoc
	ProjectCode, ProjectName string
	InvestorID               int64
	PackageName              string
}

// PostingFilter selects documents to post. Zero fields do not filter;
// Investors, when not nil, restricts them to those investors' projects.
type PostingFilter struct {
	AgencyID  int64
	ProjectID int64
	Investors []int64
	Unposted  bool // only those not posted yet
	// Late: only those posted after their due date or not posted by
	// LateOn (its due date before it).
	Late   bool
	LateOn calendar.Date
	Limit  int // 1..1000, 200 by default
}

// FindPostings lists documents to post, the earliest due first.
func (db *DB) FindPostings(ctx context.Context, f PostingFilter) ([]PostingRow, error) {
	var where []string
	var args []any
	if f.AgencyID != 0 {
		where, args = append(where, "pp.agency_id = ?"), append(args, f.AgencyID)
	}
	if f.ProjectID != 0 {
		where, args = append(where, "pp.project_id = ?"), append(args, f.ProjectID)
	}
	if f.Investors != nil {
		if len(f.Investors) == 0 {
			return nil, nil
		}
		where = append(where, "p.investor_id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.Investors)), ", ")+")")
		for _, id := range f.Investors {
			args = append(args, id)
		}
	}
	if f.Unposted {
		where = append(where, "pp.posted_on IS NULL")
	}
	if f.Late {
		where, args = append(where, "((pp.posted_on IS NULL AND pp.due_on < ?) OR pp.posted_on > pp.due_on)"), append(args, f.LateOn.String())
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	q := "SELECT " + postingColumns + ", p.code, p.name, p.investor_id, COALESCE(k.name, '') FROM procurement_postings pp JOIN projects p ON p.id = pp.project_id" +
		" LEFT JOIN procurement_packages k ON k.id = pp.package_id"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY pp.due_on, pp.id LIMIT " + strconv.Itoa(limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find postings: %w", err)
	}
	return collectRows(rows, func(sc interface{ Scan(...any) error }) (PostingRow, error) {
		var r PostingRow
		var err error
		r.PostingDoc, err = scanPosting(sc, &r.ProjectCode, &r.ProjectName, &r.InvestorID, &r.PackageName)
		return r, err
	})
}

// RecordPosting records the day a document was posted on the national
// e-procurement system, journalled ("project", code, "posted"). Errors:
// apperr.Invalid on posted_on, apperr.NotFound (not this project's),
// apperr.Conflict when recorded already.
func (db *DB) RecordPosting(ctx context.Context, actor audit.Actor, projectID, postingID int64, posted calendar.Date) (investment.PostingDoc, error) {
	var d investment.PostingDoc
	err := db.InTx(ctx, func(tx *Tx) error {
		pr, err := lockPlanProject(tx, projectID)
		if err != nil {
			return err
		}
		d, err = scanPosting(tx.QueryRow("SELECT "+postingColumns+" FROM procurement_postings pp WHERE pp.id = ? AND pp.project_id = ?", postingID, projectID))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Dự án không có văn bản đăng tải số %d", "The project has no document to post %d", postingID)
		}
		if err != nil {
			return err
		}
		if err := investment.ValidatePosted(d, posted, calendar.DateOf(tx.Now)); err != nil {
			return err
		}
		at := tx.Now.Truncate(time.Microsecond)
		d.Posted, d.PostedBy, d.PostedAt = &posted, actor.PersonID, &at
		if err := tx.WriteOne(apperr.Conflictf("Văn bản này vừa được ghi nhận đăng tải", "This document was just recorded as posted"), "record posting",
			"UPDATE procurement_postings SET posted_on = ?, posted_by = ?, posted_at = ? WHERE id = ? AND posted_on IS NULL",
			posted.String(), nullID(actor.PersonID), Micro(at), postingID); err != nil {
			return err
		}
		return tx.AuditFor(pr.AgencyID, actor, "project", pr.Code, "posted", map[string]any{"posting_id": postingID, "kind": d.Kind,
			"issued_on": d.Issued.String(), "due_on": d.Due.String(), "posted_on": posted.String()})
	})
	return d, err
}
