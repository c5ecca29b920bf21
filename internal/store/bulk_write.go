package store

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

func (l *BulkLoader) writeBatch(tx *Tx, b bulkBatch) error {
	// Codes: one counter upsert per day of the batch, in order of Add.
	byDay := map[calendar.Date][]int{}
	var days []calendar.Date
	for i, d := range b.ds {
		if _, ok := byDay[d.day]; !ok {
			days = append(days, d.day)
		}
		byDay[d.day] = append(byDay[d.day], i)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	for _, day := range days {
		idx := byDay[day]
		key := fmt.Sprintf("%02d%02d%02d", day.Year%100, int(day.Month), day.Day)
		var last int
		err := tx.QueryRow(`INSERT INTO dossier_counters (agency_code, day, last_seq) VALUES (?, ?, ?)
			ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = dossier_counters.last_seq + excluded.last_seq
			RETURNING last_seq`, l.agencyCode, key, len(idx)).Scan(&last)
		if err != nil {
			return fmt.Errorf("allocate dossier numbers: %w", err)
		}
		for j, i := range idx {
			b.ds[i].rec.Code = dossier.FormatCode(l.agencyCode, day, last-len(idx)+1+j)
		}
	}
	// Dossiers, RETURNING their ids by code.
	ids := make(map[string]int64, len(b.ds))
	vals := make([]any, 0, len(b.ds)*len(bulkDossierCols))
	for _, d := range b.ds {
		vals = append(vals, dossierValues(d, tx.Now)...)
	}
	err := multiRow(tx, "INSERT INTO dossiers ("+strings.Join(bulkDossierCols, ", ")+") VALUES ", len(bulkDossierCols), 500, vals,
		" RETURNING id, code", func(scan func(...any) error) error {
			var id int64
			var code string
			if err := scan(&id, &code); err != nil {
				return err
			}
			ids[code] = id
			return nil
		})
	if err != nil {
		if tx.d.isUniqueViolation(err) {
			return apperr.Conflictf("Mã hồ sơ đã tồn tại", "a dossier code already exists: %v", err)
		}
		return fmt.Errorf("insert dossiers: %w", err)
	}
	// Events.
	vals = vals[:0]
	events := 0
	for _, d := range b.ds {
		id, ok := ids[d.rec.Code]
		if !ok {
			return fmt.Errorf("insert dossiers: no id returned for %s", d.rec.Code)
		}
		for _, ev := range d.rec.Events {
			var newDue any
			if ev.NewDue != nil {
				newDue = Micro(*ev.NewDue)
			}
			vals = append(vals, id, ev.Seq, string(ev.Action), Micro(ev.At), Micro(ev.RecordedAt), ev.ActorID, ev.ActorName, ev.UnitID,
				ev.ToUnitID, ev.ToPersonID, ev.ToPersonName, string(ev.Channel), ev.Note, ev.Reason, newDue, ev.SupplementDays)
			events++
		}
	}
	if err := multiRow(tx, `INSERT INTO dossier_events (dossier_id, seq, action, at, recorded_at, actor_id, actor_name, unit_id, to_unit_id,
		to_person_id, to_person_name, channel, note, reason, new_due_at, supplement_days) VALUES `, 16, 1000, vals, "", nil); err != nil {
		return fmt.Errorf("insert dossier events: %w", err)
	}
	// Rollups, summed in memory.
	vals = vals[:0]
	for k, c := range b.daily {
		vals = append(vals, k.agency, k.unit, k.proc, k.day.String())
		for _, n := range c {
			vals = append(vals, n)
		}
	}
	set := make([]string, dailyCols)
	for i, c := range dailyColNames {
		set[i] = c + " = dossier_daily." + c + " + excluded." + c
	}
	if err := multiRow(tx, "INSERT INTO dossier_daily (agency_id, unit_id, procedure_code, day, "+strings.Join(dailyColNames[:], ", ")+") VALUES ",
		4+dailyCols, 1000, vals, " ON CONFLICT (agency_id, unit_id, procedure_code, day) DO UPDATE SET "+strings.Join(set, ", "), nil); err != nil {
		return fmt.Errorf("rollup: %w", err)
	}
	if err := b.flow.write(tx, true); err != nil {
		return fmt.Errorf("bottleneck rollup: %w", err)
	}
	return tx.Audit(l.actor, "dossier", b.ds[0].rec.Code, "bulk_import", map[string]any{
		"agency_id": l.agencyID, "dossiers": len(b.ds), "events": events,
		"first_code": b.ds[0].rec.Code, "last_code": b.ds[len(b.ds)-1].rec.Code})
}

// bulkDossierCols are the dossiers columns the bulk path writes: those of
// insertDossier plus what updateDossierRow keeps up to date.
var bulkDossierCols = []string{"agency_id", "code", "procedure_id", "procedure_code", "lead_unit_id", "status", "channel",
	"applicant_name", "applicant_id", "applicant_phone", "applicant_address", "applicant_email", "applicant_org", "documents", "sets", "search_text",
	"submitted_at", "received_at", "statutory_due_at", "appointed_due_at", "paused_at", "current_step", "current_unit_id", "handler_id",
	"completed_at", "result", "closed_at", "secret_hash", "version", "created_at", "updated_at"}

func dossierValues(d bulkDossier, now time.Time) []any {
	rec, st, a := d.rec, d.rec.State, d.rec.Applicant
	search := dossierSearchText(rec)
	result, closed := dossierOutcome(st)
	updated := rec.Events[len(rec.Events)-1].RecordedAt
	return []any{rec.AgencyID, rec.Code, d.procID, rec.Procedure.Code, rec.LeadUnitID, int(st.Status), string(rec.Channel),
		a.Name, a.IDNumber, a.Phone, a.Address, a.Email, a.Organization, documentsToRows(rec.Documents), rec.Sets, search,
		microOrNil(st.SubmittedAt), microOrNil(st.ReceivedAt), microOrNil(st.StatutoryDue), microOrNil(st.AppointedDue), nullMicro(st.PausedAt),
		st.CurrentStep, currentUnit(st), currentHandler(st),
		microOrNil(st.CompletedAt), result, closed, unknownSecretHash(), st.Version, Micro(rec.CreatedAt), Micro(updated)}
}

// multiRow inserts vals (cols values per row) with statements of at most
// perStmt rows each, suffix appended to each; with scan, the statement's
// rows (RETURNING) are passed to it. The full-size statement is prepared
// once. perStmt*cols must stay under SQLite's 32,766 variables.
func multiRow(tx *Tx, head string, cols, perStmt int, vals []any, suffix string, scan func(func(...any) error) error) error {
	if cols*perStmt > 32766 {
		return errors.New("multiRow: too many variables per statement")
	}
	one := "(" + placeholders(cols) + ")"
	stmtFor := func(n int) string {
		var b strings.Builder
		b.Grow(len(head) + n*(len(one)+2) + len(suffix))
		b.WriteString(head)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
		}
		b.WriteString(suffix)
		return tx.d.rebind(b.String())
	}
	// run runs the statement of n rows: on database/sql prepared (the full
	// size once); PostgreSQL's writer connection keeps its statements
	// prepared itself.
	var full *sql.Stmt
	var partial []*sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
		for _, p := range partial {
			p.Close()
		}
	}()
	run := func(n int, args []any) (Rows, error) {
		if tx.pipe != nil {
			if scan == nil {
				_, err := tx.Exec(stmtFor(n), args...)
				return nil, err
			}
			return tx.Query(stmtFor(n), args...)
		}
		st := full
		if n != perStmt || full == nil {
			p, err := tx.tx.PrepareContext(tx.ctx, stmtFor(n))
			if err != nil {
				return nil, err
			}
			if n == perStmt {
				full = p
			} else {
				partial = append(partial, p)
			}
			st = p
		}
		if scan == nil {
			_, err := st.ExecContext(tx.ctx, args...)
			return nil, err
		}
		return st.QueryContext(tx.ctx, args...)
	}
	rows := len(vals) / cols
	for start := 0; start < rows; start += perStmt {
		n := min(perStmt, rows-start)
		rs, err := run(n, vals[start*cols:(start+n)*cols])
		if err != nil {
			return err
		}
		if rs == nil {
			continue
		}
		for rs.Next() {
			if err := scan(rs.Scan); err != nil {
				rs.Close()
				return err
			}
		}
		if err := rs.Close(); err != nil {
			return err
		}
		if err := rs.Err(); err != nil {
			return err
		}
	}
	return nil
}

// writeSnapshots writes the open-dossier snapshots of every day from the
// first dossier loaded to yesterday, added to those already there, with the
// zero row SnapshotOpenDossiers writes for a day when nothing was open.
func (l *BulkLoader) writeSnapshots() error {
	if l.minDay < 0 || l.minDay > l.today-1 {
		return nil
	}
	keys := make([]snapKey, 0, len(l.snaps))
	for k := range l.snaps {
		keys = append(keys, k)
	}
	// Running sums per key, walked day by day.
	type run struct {
		t, o, p int
		s       *snapSeries
	}
	runs := make([]run, len(keys))
	for i, k := range keys {
		runs[i].s = l.snaps[k]
	}
	var vals []any
	days := 0
	for d := l.minDay; d < l.today; d++ {
		day := dayOfNum(d).String()
		any1 := false
		for i := range runs {
			r := &runs[i]
			if j := d - r.s.base; j >= 0 {
				if j < len(r.s.total) {
					r.t += int(r.s.total[j])
				}
				if j < len(r.s.overdue) {
					r.o += int(r.s.overdue[j])
				}
				if j < len(r.s.paused) {
					r.p += int(r.s.paused[j])
				}
			}
			if r.t > 0 {
				k := keys[i]
				vals = append(vals, k.agency, k.unit, k.proc, day, r.t, r.o, r.p)
				any1 = true
			}
		}
		if !any1 {
			vals = append(vals, int64(0), int64(0), "", day, 0, 0, 0)
		}
		days++
	}
	err := l.db.InTx(l.ctx, func(tx *Tx) error {
		return multiRow(tx, "INSERT INTO dossier_open_daily (agency_id, unit_id, procedure_code, day, open_total, open_overdue, open_paused) VALUES ",
			7, 1000, vals, ` ON CONFLICT (agency_id, unit_id, procedure_code, day) DO UPDATE SET open_total = dossier_open_daily.open_total + excluded.open_total,
			open_overdue = dossier_open_daily.open_overdue + excluded.open_overdue, open_paused = dossier_open_daily.open_paused + excluded.open_paused`, nil)
	})
	if err != nil {
		return fmt.Errorf("bulk load: snapshots: %w", err)
	}
	l.stats.SnapshotDays = days
	if l.progress != nil {
		l.progress(l.stats)
	}
	return nil
}
