package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// rollup keeps dossier_daily in step with a dossier's change from old to
// st, in the same transaction as the event: received on the day of
// receipt, resolved by result on the day of completion, withdrawn on its
// day. A refusal after receipt takes the dossier back out of the received
// count, as the official report leaves refused dossiers out. The counts
// are added when the transaction commits (writeDaily). An apology (form
// 04) counts on the day it is entered (migration 0046), for the public
// count of apology letters.
func rollup(tx *Tx, rec *dossier.Record, old, st dossier.State) {
	received := "received_direct"
	if rec.Channel == dossier.ChannelOnline {
		received = "received_online"
	}
	add := func(col string, at time.Time, n int) {
		tx.daily = append(tx.daily, dailyDelta{dailyKey{rec.AgencyID, rec.LeadUnitID, rec.Procedure.Code, calendar.DateOf(at)}, col, n})
	}
	if old.ReceivedAt.IsZero() && !st.ReceivedAt.IsZero() && st.RefusedAt.IsZero() {
		add(received, st.ReceivedAt, 1)
	}
	if old.CompletedAt.IsZero() && !st.CompletedAt.IsZero() {
		add("resolved_"+resultCode(dossier.Classify(st)), st.CompletedAt, 1)
	}
	if old.WithdrawnAt.IsZero() && !st.WithdrawnAt.IsZero() && !st.ReceivedAt.IsZero() {
		add("withdrawn", st.WithdrawnAt, 1)
	}
	if old.RefusedAt.IsZero() && !st.RefusedAt.IsZero() && !old.ReceivedAt.IsZero() {
		add(received, old.ReceivedAt, -1)
		add("refused", st.RefusedAt, 1)
	}
	if n := st.Apologies - old.Apologies; n > 0 {
		add("apologies", tx.Now, n)
	}
}

func (a dailyKey) compare(b dailyKey) int {
	return cmp.Or(cmp.Compare(a.agency, b.agency), cmp.Compare(a.unit, b.unit), cmp.Compare(a.proc, b.proc), a.day.Compare(b.day))
}

// dailyDelta is a count to add to a column of a row of dossier_daily.
type dailyDelta struct {
	dailyKey
	col string
	n   int
}

// writeDaily adds the counts of a transaction (or of a group of them) to
// dossier_daily: one statement a row, the rows in key order, so that
// writers committing at once lock them in the same order and never wait
// for each other in a circle.
func writeDaily(tx *Tx, deltas []dailyDelta) error {
	if len(deltas) == 0 {
		return nil
	}
	deltas = slices.Clone(deltas)
	slices.SortStableFunc(deltas, func(a, b dailyDelta) int {
		return cmp.Or(a.compare(b.dailyKey), strings.Compare(a.col, b.col))
	})
	for start := 0; start < len(deltas); {
		end := start + 1
		for end < len(deltas) && deltas[end].dailyKey == deltas[start].dailyKey {
			end++
		}
		k := deltas[start].dailyKey
		cols, sums := []string{}, []int{}
		for _, d := range deltas[start:end] {
			if len(cols) > 0 && cols[len(cols)-1] == d.col {
				sums[len(sums)-1] += d.n
				continue
			}
			cols, sums = append(cols, d.col), append(sums, d.n)
		}
		sets := make([]string, len(cols))
		args := []any{k.agency, k.unit, k.proc, k.day.String()}
		for i, c := range cols {
			sets[i] = c + " = dossier_daily." + c + " + excluded." + c
			args = append(args, sums[i])
		}
		q := "INSERT INTO dossier_daily (agency_id, unit_id, procedure_code, day, " + strings.Join(cols, ", ") + ") VALUES (?, ?, ?, ?, " +
			placeholders(len(cols)) + ") ON CONFLICT (agency_id, unit_id, procedure_code, day) DO UPDATE SET " + strings.Join(sets, ", ")
		if err := tx.Write("rollup "+strings.Join(cols, ", "), q, args...); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// StatsUnits returns the units whose dossiers a report on unit counts: the
// unit, the units below it in its agency (a report on the provincial
// committee does not count its departments'), and every unit they succeeded, so that a report
// over 2024–2026 rolls the old departments up into the new one.
func (db *DB) StatsUnits(ctx context.Context, unit int64) ([]int64, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return nil, err
	}
	return statsUnits(tree, unit), nil
}

func statsUnits(tree *org.Tree, unit int64) []int64 {
	in := map[int64]bool{}
	var out []int64
	var add func(int64)
	add = func(id int64) {
		if in[id] {
			return
		}
		in[id] = true
		out = append(out, id)
		u, ok := tree.Unit(id)
		if !ok {
			return
		}
		for _, c := range tree.Children(id) {
			if tree.AgencyOf(c) == u.AgencyID { // a department below the committee reports on its own
				add(c)
			}
		}
		for _, p := range u.Predecessors {
			add(p)
		}
	}
	add(unit)
	return out
}

// DossierReport computes the period report (Biểu II.06a) for the dossiers
// answerable to units, from the rollups: sums over days for what happened in
// the period, and the end-of-day snapshots (or, for today and later, the
// open dossiers themselves) for what was open at its start and end.
func (db *DB) DossierReport(ctx context.Context, units []int64, from, to calendar.Date) (dossier.Report, error) {
	return db.dossierReport(ctx, units, nil, from, to, nil)
}

// procFilter is the condition limiting a statistics query to procedures
// (none: all), with its arguments, which go last.
func procFilter(procs []string) (string, []any) {
	if len(procs) == 0 {
		return "", nil
	}
	args := make([]any, len(procs))
	for i, p := range procs {
		args[i] = p
	}
	return " AND procedure_code IN (" + placeholders(len(procs)) + ")", args
}

// dossierReport is DossierReport limited to the procedures procs (nil: all).
// snaps, when not nil, remembers across calls which days have a snapshot:
// a line with nothing open would otherwise ask again for each line.
func (db *DB) dossierReport(ctx context.Context, units []int64, procs []string, from, to calendar.Date, snaps map[calendar.Date]bool) (dossier.Report, error) {
	r := dossier.Report{From: from, To: to}
	if len(units) == 0 {
		return r, nil
	}
	in := placeholders(len(units))
	args := make([]any, 0, len(units)+2)
	for _, u := range units {
		args = append(args, u)
	}
	pc, pargs := procFilter(procs)
	sums := db.queryRow(ctx, `SELECT COALESCE(SUM(received_online), 0), COALESCE(SUM(received_direct), 0), COALESCE(SUM(resolved_early), 0),
		COALESCE(SUM(resolved_on_time), 0), COALESCE(SUM(resolved_late), 0), COALESCE(SUM(withdrawn), 0)
		FROM dossier_daily WHERE unit_id IN (`+in+`) AND day >= ? AND day <= ?`+pc, append(append(args, from.String(), to.String()), pargs...)...)
	if err := sums.Scan(&r.Received.Online, &r.Received.Direct, &r.Resolved.Early, &r.Resolved.OnTime, &r.Resolved.Late, &r.Withdrawn); err != nil {
		return r, fmt.Errorf("report sums: %w", err)
	}
	r.Resolved.Total = r.Resolved.Early + r.Resolved.OnTime + r.Resolved.Late
	before, err := db.openAt(ctx, units, procs, from.AddDays(-1), snaps)
	if err != nil {
		return r, err
	}
	r.Received.CarriedOver = before.total
	r.Received.Total = r.Received.CarriedOver + r.Received.Online + r.Received.Direct
	end, err := db.openAt(ctx, units, procs, to, snaps)
	if err != nil {
		return r, err
	}
	r.InProgress.Total, r.InProgress.Overdue, r.InProgress.Paused = end.total, end.overdue, end.paused
	r.InProgress.WithinDeadline = end.total - end.overdue
	return r, nil
}

type openCount struct{ total, overdue, paused int }

// openAt counts the dossiers open at the end of day d, judged at d: from
// the snapshot of that day when there is one and d is past, else from the
// dossiers (exact for today and later).
func (db *DB) openAt(ctx context.Context, units []int64, procs []string, d calendar.Date, snaps map[calendar.Date]bool) (openCount, error) {
	var c openCount
	args := make([]any, 0, len(units)+3)
	for _, u := range units {
		args = append(args, u)
	}
	pc, pargs := procFilter(procs)
	today := calendar.DateOf(db.now())
	if d.Before(today) {
		var n int
		err := db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(open_total), 0), COALESCE(SUM(open_overdue), 0), COALESCE(SUM(open_paused), 0)
			FROM dossier_open_daily WHERE unit_id IN (`+placeholders(len(units))+`) AND day = ?`+pc, append(append(args, d.String()), pargs...)...).Scan(&n, &c.total, &c.overdue, &c.paused)
		if err != nil {
			return c, fmt.Errorf("report snapshot: %w", err)
		}
		if n > 0 {
			return c, nil
		}
		taken, known := snaps[d]
		if !known {
			taken = db.hasSnapshot(ctx, d)
			if snaps != nil {
				snaps[d] = taken
			}
		}
		if taken {
			return c, nil
		}
	}
	// For today and later, the dossiers open at the end of d are those open
	// now (nothing is completed or received in the future), which the
	// partial index on open dossiers counts without reading their rows
	// (migration 0007).
	q := `SELECT COUNT(*), COALESCE(SUM(CASE WHEN ` + overdueCond + ` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN paused_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM dossiers` + db.d.indexedBy("dossiers_open_lead") + ` WHERE lead_unit_id IN (` + placeholders(len(units)) + `)
		AND closed_at IS NULL AND completed_at IS NULL AND received_at IS NOT NULL`
	qargs := append([]any{Micro(d.Time())}, args...)
	if d.Before(today) { // a past day with no snapshot: rebuild it from the history
		q, qargs = openQuery("COUNT(*), COALESCE(SUM(CASE WHEN "+overdueCond+" THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN paused_at IS NOT NULL AND paused_at < ? THEN 1 ELSE 0 END), 0)",
			units, d)
	}
	err := db.queryRow(ctx, q+pc, append(qargs, pargs...)...).Scan(&c.total, &c.overdue, &c.paused)
	if err != nil {
		return c, fmt.Errorf("report open dossiers: %w", err)
	}
	return c, nil
}

// overdueCond is dossier.ClassifyOpen in SQL: due before the day judged
// (the first ? is the start of that day), unless the clock was stopped
// before the due.
const overdueCond = "statutory_due_at < ? AND NOT (paused_at IS NOT NULL AND paused_at < statutory_due_at)"

// openQuery builds the count of dossiers open at the end of day d. The
// select list's placeholders come first: the start of d for overdueCond,
// then the end of d for the paused count.
func openQuery(selectList string, units []int64, d calendar.Date) (string, []any) {
	start := Micro(d.Time())
	end := Micro(d.AddDays(1).Time())
	args := []any{start, end}
	for _, u := range units {
		args = append(args, u)
	}
	args = append(args, end, end, end)
	return `SELECT ` + selectList + ` FROM dossiers WHERE lead_unit_id IN (` + placeholders(len(units)) + `)
		AND received_at < ? AND (completed_at IS NULL OR completed_at >= ?) AND (closed_at IS NULL OR closed_at >= ? OR completed_at IS NOT NULL)`, args
}

// hasSnapshot reports whether the snapshot job ran for day d (for any unit),
// which tells "no open dossier that day" from "no snapshot taken".
func (db *DB) hasSnapshot(ctx context.Context, d calendar.Date) bool {
	var n int
	_ = db.queryRow(ctx, "SELECT COUNT(*) FROM dossier_open_daily WHERE day = ?", d.String()).Scan(&n)
	return n > 0
}

// SnapshotOpenDossiers records, for day d, the dossiers open at its end per
// agency, unit and procedure, judged at d. The nightly job calls it just
// after midnight for the day that ended; it replaces an earlier snapshot of
// the same day. A unit with nothing open gets a zero row, so that the day
// counts as taken.
//
// The count reads every dossier received before the day's end, seconds at a
// million dossiers: it runs on the read pool, and only its rows (one per
// unit and procedure) are written. Counted inside the write transaction it
// held SQLite's single writer, and so every intake and action, that long.
// A past day's count does not change once the day is over.
func (db *DB) SnapshotOpenDossiers(ctx context.Context, d calendar.Date) (int, error) {
	start := Micro(d.Time())
	end := Micro(d.AddDays(1).Time())
	rows, err := db.query(ctx, `SELECT agency_id, lead_unit_id, procedure_code, COUNT(*),
			SUM(CASE WHEN `+overdueCond+` THEN 1 ELSE 0 END),
			SUM(CASE WHEN paused_at IS NOT NULL AND paused_at < ? THEN 1 ELSE 0 END)
		FROM dossiers WHERE received_at < ? AND (completed_at IS NULL OR completed_at >= ?) AND (closed_at IS NULL OR closed_at >= ? OR completed_at IS NOT NULL)
		GROUP BY agency_id, lead_unit_id, procedure_code`, start, end, end, end, end)
	if err != nil {
		return 0, fmt.Errorf("snapshot open dossiers: %w", err)
	}
	counts, err := collectRows(rows, func(rs interface{ Scan(...any) error }) ([]any, error) {
		var agency, unit int64
		var proc string
		var total, overdue, paused int
		err := rs.Scan(&agency, &unit, &proc, &total, &overdue, &paused)
		return []any{agency, unit, proc, d.String(), total, overdue, paused}, err
	})
	if err != nil {
		return 0, fmt.Errorf("snapshot open dossiers: %w", err)
	}
	n := len(counts)
	if n == 0 {
		counts = [][]any{{0, 0, "", d.String(), 0, 0, 0}}
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec("DELETE FROM dossier_open_daily WHERE day = ?", d.String()); err != nil {
			return err
		}
		const row = "(?, ?, ?, ?, ?, ?, ?)"
		for i := 0; i < len(counts); i += snapshotRowsPerInsert {
			chunk := counts[i:min(i+snapshotRowsPerInsert, len(counts))]
			args := make([]any, 0, 7*len(chunk))
			for _, c := range chunk {
				args = append(args, c...)
			}
			if _, err := tx.Exec(`INSERT INTO dossier_open_daily (agency_id, unit_id, procedure_code, day, open_total, open_overdue, open_paused)
				VALUES `+row+strings.Repeat(", "+row, len(chunk)-1), args...); err != nil {
				return fmt.Errorf("snapshot open dossiers: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// snapshotRowsPerInsert bounds one INSERT of snapshot rows (7 values each).
const snapshotRowsPerInsert = 100

// FindDossiers lists dossier summaries: queues (by unit or handler, open,
// most urgent first), search, and the dossiers behind a report figure.
func (db *DB) FindDossiers(ctx context.Context, f dossier.Filter) ([]dossier.Summary, error) {
	var where []string
	var args []any
	if f.AgencyID != 0 {
		where = append(where, "d.agency_id = ?")
		args = append(args, f.AgencyID)
	}
	inList := func(col string, ids []int64) {
		where = append(where, col+" IN ("+placeholders(len(ids))+")")
		for _, id := range ids {
			args = append(args, id)
		}
	}
	if f.UnitIDs != nil {
		inList("d.current_unit_id", f.UnitIDs)
	}
	if f.LeadUnitIDs != nil {
		inList("d.lead_unit_id", f.LeadUnitIDs)
	}
	if f.HandlerID != 0 {
		where = append(where, "d.handler_id = ?")
		args = append(args, f.HandlerID)
	}
	if f.Open {
		where = append(where, "d.received_at IS NOT NULL AND d.completed_at IS NULL AND d.closed_at IS NULL")
	}
	if !f.DueBefore.IsZero() {
		where = append(where, "d.statutory_due_at < ?")
		args = append(args, Micro(f.DueBefore))
	}
	if f.Procedure != "" {
		where = append(where, "d.procedure_code = ?")
		args = append(args, f.Procedure)
	}
	if len(f.Statuses) > 0 {
		where = append(where, "d.status IN ("+placeholders(len(f.Statuses))+")")
		for _, st := range f.Statuses {
			args = append(args, int(st))
		}
	}
	if from := f.ReceivedOn[0]; !from.IsZero() {
		where = append(where, "d.received_at >= ?")
		args = append(args, Micro(from))
	}
	if before := f.ReceivedOn[1]; !before.IsZero() {
		where = append(where, "d.received_at < ?")
		args = append(args, Micro(before))
	}
	from, order := "dossiers d", "d.statutory_due_at, d.id"
	newestFirst := f.Figure == "" && (f.Query != "" || !f.Open)
	if newestFirst {
		order = "d.id DESC"
	}
	var mode []any
	if f.Query != "" {
		// A search lists the newest first, across every dossier of the
		// agency: the trigram index finds them. A figure has chosen its
		// rows already (by dates); each is matched in turn.
		words := searchWords(f.Query)
		var s wordSearch
		if newestFirst {
			var err error
			if s, err = db.searchAllWords(ctx, &db.dossierTri, "dossier_search", "d", words, true); err != nil {
				return nil, err
			}
		}
		if s.ok {
			from = s.from + from + s.on
			where = append(where, s.cond)
			args = append(args, s.args...)
			mode, order = s.mode, s.newestFirst
		} else if len(words) > 0 {
			cond, wargs := wordsLike("d", words)
			where = append(where, cond)
			args = append(args, wargs...)
		}
	}
	if f.Figure != "" {
		cond, fargs, err := figureCond(f.Figure, f.From, f.To)
		if err != nil {
			return nil, err
		}
		where = append(where, cond)
		args = append(args, fargs...)
	}
	q := `SELECT ` + summaryCols + `
		FROM ` + from + ` JOIN procedures p ON p.id = d.procedure_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	q += " ORDER BY " + order + " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(0, f.Offset))
	rows, err := db.query(ctx, q, append(mode, args...)...)
	if err != nil {
		return nil, fmt.Errorf("find dossiers: %w", err)
	}
	out, _, err := scanSummaries(rows)
	return out, err
}

// summaryCols are the columns scanSummaries reads, then d.id.
const summaryCols = `d.code, d.procedure_code, p.name, d.applicant_name, d.status, d.channel, d.received_at, d.statutory_due_at, d.appointed_due_at,
		d.paused_at, COALESCE(d.current_unit_id, 0), COALESCE(d.handler_id, 0), d.lead_unit_id, d.completed_at, d.result, d.version, d.id`

// scanSummaries reads rows of summaryCols, closing them, with each row's id.
func scanSummaries(rows *sql.Rows) ([]dossier.Summary, []int64, error) {
	defer rows.Close()
	var out []dossier.Summary
	var ids []int64
	for rows.Next() {
		var s dossier.Summary
		var id int64
		var received, due, appointed, paused, completed nullInt
		var result string
		if err := rows.Scan(&s.Code, &s.ProcedureCode, &s.ProcedureName, &s.ApplicantName, &s.Status, &s.Channel, &received, &due, &appointed,
			&paused, &s.CurrentUnitID, &s.HandlerID, &s.LeadUnitID, &completed, &result, &s.Version, &id); err != nil {
			return nil, nil, err
		}
		s.ReceivedAt, s.StatutoryDue, s.AppointedDue, s.CompletedAt = received.time(), due.time(), appointed.time(), completed.time()
		if paused.Valid {
			t := paused.time()
			s.PausedAt = &t
		}
		s.Result = resultFromCode(result)
		out = append(out, s)
		ids = append(ids, id)
	}
	return out, ids, rows.Err()
}

// figureCond selects the dossiers behind one figure of the report for the
// period [from, to) (instants at the start of the first day and of the day
// after the last).
func figureCond(fig dossier.Figure, from, to time.Time) (string, []any, error) {
	f, t := Micro(from), Micro(to)
	open := "d.received_at < ? AND (d.completed_at IS NULL OR d.completed_at >= ?) AND (d.closed_at IS NULL OR d.closed_at >= ? OR d.completed_at IS NOT NULL)"
	notRefused := "d.status <> 3"
	switch fig {
	case dossier.FigReceivedOnline, dossier.FigReceivedDirect:
		op := "="
		if fig == dossier.FigReceivedDirect {
			op = "<>"
		}
		return "d.received_at >= ? AND d.received_at < ? AND " + notRefused + " AND d.channel " + op + " 'online'", []any{f, t}, nil
	case dossier.FigCarriedOver:
		return open + " AND " + notRefused, []any{f, f, f}, nil
	case dossier.FigResolvedEarly, dossier.FigResolvedOnTime, dossier.FigResolvedLate:
		return "d.completed_at >= ? AND d.completed_at < ? AND d.result = ?", []any{f, t, strings.TrimPrefix(string(fig), "resolved_")}, nil
	case dossier.FigWithdrawn:
		return "d.status = 7 AND d.received_at IS NOT NULL AND d.closed_at >= ? AND d.closed_at < ?", []any{f, t}, nil
	case dossier.FigOpenWithin, dossier.FigOpenOverdue:
		// Judged on the last day of the period: overdue when due before it.
		lastDay := Micro(to.Add(-24 * time.Hour))
		cond := open + " AND " + notRefused + " AND d.statutory_due_at < ? AND NOT (d.paused_at IS NOT NULL AND d.paused_at < d.statutory_due_at)"
		if fig == dossier.FigOpenWithin {
			cond = open + " AND " + notRefused + " AND NOT (d.statutory_due_at < ? AND NOT (d.paused_at IS NOT NULL AND d.paused_at < d.statutory_due_at))"
		}
		return cond, []any{t, t, t, lastDay}, nil
	}
	return "", nil, fmt.Errorf("unknown figure %q", fig)
}

func resultFromCode(s string) dossier.Result {
	switch s {
	case "early":
		return dossier.Early
	case "on_time":
		return dossier.OnTime
	case "late":
		return dossier.Late
	}
	return dossier.ResultNone
}
