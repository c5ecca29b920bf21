package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/fold"
)

// The bulk path loads many dossiers with their whole history at once: the
// demo's generated years (congvu demo --dossiers N) and migrations from an
// older one-stop system. It writes exactly what ReceiveDossier and
// RecordDossierEvent would have written for the same events — each history
// is replayed with dossier.Apply on the agency's real calendar and the
// procedure version in force on the day of filing — but in large
// transactions with multi-row INSERTs, the dossier_daily rollups summed in
// memory and upserted once per batch, the code counters advanced once per
// day and batch, and ONE audit event per batch ("bulk_import" with the
// counts and the code range) instead of one per event, so that the journal
// stays verifiable without growing by millions of rows.
//
// Close then writes the end-of-day open-dossier snapshots (what the nightly
// SnapshotOpenDossiers would have recorded each day) for every day from the
// first dossier loaded to yesterday, computed from each dossier's state as
// it stood at the end of each day. The snapshots are added to any already
// taken for those days, which is right when the dossiers already in the
// database for those days were counted in them (as after an earlier bulk
// load); run it on a database whose other dossiers, if any, were snapshotted.

// BulkOptions tune a BulkLoader; the zero value is fine.
type BulkOptions struct {
	// Batch is the number of dossiers per transaction (default 2,000).
	Batch int
	// Progress, when set, is called after each committed batch and after
	// the snapshots, from the loader's writer goroutine.
	Progress func(BulkStats)
}

// BulkStats counts what a BulkLoader wrote.
type BulkStats struct {
	Dossiers     int
	Events       int
	Batches      int
	SnapshotDays int
}

// BulkLoader loads dossiers of one agency: Add each (in any order; within a
// day, the order of Add is the order of the codes), then Close. The replay
// runs in the caller's goroutine and the SQL in a writer goroutine, so that
// generating and writing overlap.
type BulkLoader struct {
	db         *DB
	ctx        context.Context
	actor      audit.Actor
	agencyID   int64
	agencyCode string
	cal        *calendar.Calendar
	versions   map[string][]procVersion
	rules      dossier.Rules
	batchSize  int
	progress   func(BulkStats)
	now        time.Time
	today      int // day number of today, see dayNum

	pending []bulkDossier
	daily   map[dailyKey]*[dailyCols]int
	snaps   map[snapKey]*snapSeries
	minDay  int

	work    chan bulkBatch
	wg      sync.WaitGroup
	mu      sync.Mutex
	werr    error
	stats   BulkStats
	closed  bool
	lastErr error
}

type procVersion struct {
	id int64
	p  dossier.Procedure
}

type bulkDossier struct {
	rec    dossier.Record
	procID int64
	day    calendar.Date // the day in the code: of the first event
}

type bulkBatch struct {
	ds    []bulkDossier
	daily map[dailyKey]*[dailyCols]int
}

// dailyCols are dossier_daily's counters, in this order.
const dailyCols = 7

var dailyColNames = [dailyCols]string{"received_online", "received_direct", "resolved_early", "resolved_on_time", "resolved_late", "withdrawn", "refused"}

type dailyKey struct {
	agency, unit int64
	proc         string
	day          calendar.Date
}

type snapKey struct {
	agency, unit int64
	proc         string
}

// snapSeries holds difference arrays over day numbers from base: adding 1
// at a and -1 at b+1 counts a dossier on every day of [a, b].
type snapSeries struct {
	base                   int
	total, overdue, paused []int32
}

// NewBulkLoader starts a bulk load for an agency whose catalogue already
// holds the procedures the dossiers follow.
func (db *DB) NewBulkLoader(ctx context.Context, actor audit.Actor, agencyID int64, opt BulkOptions) (*BulkLoader, error) {
	l := &BulkLoader{db: db, ctx: ctx, actor: actor, agencyID: agencyID, rules: dossier.DefaultRules(),
		batchSize: opt.Batch, progress: opt.Progress, now: db.now(),
		versions: map[string][]procVersion{}, daily: map[dailyKey]*[dailyCols]int{}, snaps: map[snapKey]*snapSeries{}, minDay: -1}
	if l.batchSize <= 0 {
		l.batchSize = 2000
	}
	l.today = dayNum(calendar.DateOf(l.now))
	var kind string
	err := db.queryRow(ctx, "SELECT COALESCE(code, ''), kind FROM units WHERE id = ? AND valid_to IS NULL", agencyID).Scan(&l.agencyCode, &kind)
	if err != nil || kind != "agency" || l.agencyCode == "" {
		return nil, apperr.Invalidf("agency_id", "không có cơ quan tiếp nhận số %d đang hoạt động", "no current receiving agency %d", agencyID)
	}
	if l.cal, err = db.Calendar(ctx, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, "SELECT "+procedureColumns+" FROM procedures WHERE agency_id = ? ORDER BY code, version", agencyID)
	if err != nil {
		return nil, fmt.Errorf("bulk: read the catalogue: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		id, p, err := scanProcedure(rows)
		if err != nil {
			return nil, err
		}
		l.versions[p.Code] = append(l.versions[p.Code], procVersion{id, p})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	l.work = make(chan bulkBatch, 2)
	l.wg.Add(1)
	go l.writer()
	return l, nil
}

// inForce is procedureInForce in memory: the highest version in force on day.
func (l *BulkLoader) inForce(code string, day calendar.Date) (procVersion, error) {
	vs := l.versions[code]
	for i := len(vs) - 1; i >= 0; i-- {
		if !vs[i].p.EffectiveFrom.After(day) {
			return vs[i], nil
		}
	}
	return procVersion{}, apperr.Invalidf("procedure_code", "thủ tục %q không có trong danh mục của cơ quan (hoặc chưa có hiệu lực ngày %s)",
		"procedure %q is not in the agency's catalogue (or not in force on %s)", code, day.DMY())
}

// Add replays one dossier's events and queues it. rec needs the applicant,
// channel, documents, sets, Procedure.Code and Events (Seq may be 0;
// RecordedAt defaults to At); the version, the code, the lead unit and the
// state are the loader's to set. An error is the dossier's (Invalid or
// Conflict from the replay, naming the event) or the writer's.
func (l *BulkLoader) Add(rec dossier.Record) error {
	if err := l.writerErr(); err != nil {
		return err
	}
	if len(rec.Events) == 0 {
		return apperr.Invalidf("events", "hồ sơ không có thao tác nào", "the dossier has no event")
	}
	if err := rec.Applicant.Validate(); err != nil {
		return err
	}
	if rec.Sets == 0 {
		rec.Sets = 1
	}
	first := rec.Events[0]
	day := calendar.DateOf(first.At)
	pv, err := l.inForce(rec.Procedure.Code, day)
	if err != nil {
		return err
	}
	rec.Procedure, rec.AgencyID = pv.p, l.agencyID
	rec.LeadUnitID = leadUnit(pv.p, dossier.Intake{AgencyID: l.agencyID, UnitID: first.UnitID})
	if rec.Channel == "" {
		rec.Channel = first.Channel
	}
	var st dossier.State
	states := make([]dossier.State, 0, len(rec.Events))
	for i := range rec.Events {
		ev := &rec.Events[i]
		ev.Seq = i + 1
		if ev.RecordedAt.IsZero() {
			ev.RecordedAt = ev.At
		}
		if ev.RecordedAt.After(l.now) {
			return apperr.Invalidf("at", "thao tác %d ở tương lai", "event %d is in the future", i+1)
		}
		next, err := dossier.Apply(pv.p, l.cal, st, *ev, l.rules)
		if err != nil {
			return fmt.Errorf("dossier: event %d (%s): %w", i+1, ev.Action, err)
		}
		l.rollup(&rec, st, next)
		st = next
		states = append(states, st)
	}
	if rec.Channel == "" {
		rec.Channel = st.Channel
	}
	rec.State = st
	if rec.CreatedAt.IsZero() {
		rec.CreatedAt = first.RecordedAt
	}
	l.snapshot(&rec, states)
	l.pending = append(l.pending, bulkDossier{rec: rec, procID: pv.id, day: day})
	if len(l.pending) >= l.batchSize {
		return l.flush()
	}
	return nil
}

// rollup is rollup() of dossier_stats.go summed in memory: the same counts
// for the same change of state.
func (l *BulkLoader) rollup(rec *dossier.Record, old, st dossier.State) {
	received := 1 // received_direct
	if rec.Channel == dossier.ChannelOnline || rec.Channel == "" && st.Channel == dossier.ChannelOnline {
		received = 0
	}
	add := func(col int, at time.Time, n int) {
		k := dailyKey{rec.AgencyID, rec.LeadUnitID, rec.Procedure.Code, calendar.DateOf(at)}
		c := l.daily[k]
		if c == nil {
			c = new([dailyCols]int)
			l.daily[k] = c
		}
		c[col] += n
	}
	if old.ReceivedAt.IsZero() && !st.ReceivedAt.IsZero() && st.RefusedAt.IsZero() {
		add(received, st.ReceivedAt, 1)
	}
	if old.CompletedAt.IsZero() && !st.CompletedAt.IsZero() {
		switch dossier.Classify(st) {
		case dossier.Early:
			add(2, st.CompletedAt, 1)
		case dossier.OnTime:
			add(3, st.CompletedAt, 1)
		default:
			add(4, st.CompletedAt, 1)
		}
	}
	if old.WithdrawnAt.IsZero() && !st.WithdrawnAt.IsZero() && !st.ReceivedAt.IsZero() {
		add(5, st.WithdrawnAt, 1)
	}
	if old.RefusedAt.IsZero() && !st.RefusedAt.IsZero() && !old.ReceivedAt.IsZero() {
		add(received, old.ReceivedAt, -1)
		add(6, st.RefusedAt, 1)
	}
}

// snapshot counts the dossier in the end-of-day snapshots of every day it
// was open, judged each day by its state at that day's end, as
// SnapshotOpenDossiers would have when run just after midnight.
func (l *BulkLoader) snapshot(rec *dossier.Record, states []dossier.State) {
	first := dayNum(calendar.DateOf(rec.Events[0].At))
	if l.minDay < 0 || first < l.minDay {
		l.minDay = first
	}
	last := l.today - 1
	var s *snapSeries
	for k, st := range states {
		if !st.Open() {
			continue
		}
		a := dayNum(calendar.DateOf(rec.Events[k].At))
		b := last
		if k+1 < len(states) {
			b = min(b, dayNum(calendar.DateOf(rec.Events[k+1].At))-1)
		}
		if a > b {
			continue
		}
		if s == nil {
			key := snapKey{rec.AgencyID, rec.LeadUnitID, rec.Procedure.Code}
			if s = l.snaps[key]; s == nil {
				s = &snapSeries{base: a}
				l.snaps[key] = s
			}
		}
		s.add(&s.total, a, b)
		if st.PausedAt != nil {
			s.add(&s.paused, a, b)
		}
		// dossier.ClassifyOpen: overdue on the days after the due date,
		// unless the clock stopped before the due.
		if st.PausedAt == nil || !st.PausedAt.Before(st.StatutoryDue) {
			if from := max(a, dayNum(calendar.DateOf(st.StatutoryDue))+1); from <= b {
				s.add(&s.overdue, from, b)
			}
		}
	}
}

func (s *snapSeries) add(arr *[]int32, a, b int) {
	if a < s.base {
		shift := s.base - a
		for _, p := range []*[]int32{&s.total, &s.overdue, &s.paused} {
			if len(*p) > 0 {
				*p = append(make([]int32, shift, shift+len(*p)), *p...)
			}
		}
		s.base = a
	}
	need := b + 2 - s.base
	if len(*arr) < need {
		*arr = append(*arr, make([]int32, need-len(*arr))...)
	}
	(*arr)[a-s.base]++
	(*arr)[b+1-s.base]--
}

// epoch anchors day numbers.
var epoch = calendar.Date{Year: 2000, Month: time.January, Day: 1}

func dayNum(d calendar.Date) int       { return d.Sub(epoch) }
func dayOfNum(n int) calendar.Date     { return epoch.AddDays(n) }
func (l *BulkLoader) writerErr() error { l.mu.Lock(); defer l.mu.Unlock(); return l.werr }

// flush hands the pending dossiers and their rollups to the writer.
func (l *BulkLoader) flush() error {
	if len(l.pending) == 0 {
		return nil
	}
	b := bulkBatch{ds: l.pending, daily: l.daily}
	l.pending, l.daily = make([]bulkDossier, 0, l.batchSize), map[dailyKey]*[dailyCols]int{}
	select {
	case l.work <- b:
	case <-l.ctx.Done():
		return l.ctx.Err()
	}
	return l.writerErr()
}

func (l *BulkLoader) writer() {
	defer l.wg.Done()
	for b := range l.work {
		if l.writerErr() != nil {
			continue // drain
		}
		err := l.db.InTx(l.ctx, func(tx *Tx) error { return l.writeBatch(tx, b) })
		l.mu.Lock()
		if err != nil {
			l.werr = fmt.Errorf("bulk load: %w", err)
		} else {
			l.stats.Batches++
			l.stats.Dossiers += len(b.ds)
			for _, d := range b.ds {
				l.stats.Events += len(d.rec.Events)
			}
		}
		stats := l.stats
		l.mu.Unlock()
		if err == nil && l.progress != nil {
			l.progress(stats)
		}
	}
}

// Close writes what is left and the snapshots, and returns the counts.
// Calling it again returns the same result.
func (l *BulkLoader) Close() (BulkStats, error) {
	if l.closed {
		return l.stats, l.lastErr
	}
	l.closed = true
	err := l.flush()
	close(l.work)
	l.wg.Wait()
	if werr := l.writerErr(); werr != nil {
		err = werr
	}
	if err == nil {
		err = l.writeSnapshots()
	}
	l.lastErr = err
	return l.stats, err
}

// writeBatch writes one batch in its transaction.
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
	search := fold.String(rec.Code + " " + a.Name + " " + a.IDNumber + " " + rec.Procedure.Code + " " + rec.Procedure.Name)
	var result string
	if !st.CompletedAt.IsZero() {
		result = resultCode(dossier.Classify(st))
	}
	var closed any
	switch {
	case !st.RefusedAt.IsZero():
		closed = Micro(st.RefusedAt)
	case !st.WithdrawnAt.IsZero():
		closed = Micro(st.WithdrawnAt)
	case !st.ReturnedAt.IsZero():
		closed = Micro(st.ReturnedAt)
	}
	updated := rec.Events[len(rec.Events)-1].RecordedAt
	return []any{rec.AgencyID, rec.Code, d.procID, rec.Procedure.Code, rec.LeadUnitID, int(st.Status), string(rec.Channel),
		a.Name, a.IDNumber, a.Phone, a.Address, a.Email, a.Organization, documentsToRows(rec.Documents), rec.Sets, search,
		microOrNil(st.SubmittedAt), microOrNil(st.ReceivedAt), microOrNil(st.StatutoryDue), microOrNil(st.AppointedDue), nullMicro(st.PausedAt),
		st.CurrentStep, currentUnit(st), currentHandler(st),
		microOrNil(st.CompletedAt), result, closed, auth.HashSecret(newLookupSecret()), st.Version, Micro(rec.CreatedAt), Micro(updated)}
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
	rows := len(vals) / cols
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < rows; start += perStmt {
		n := min(perStmt, rows-start)
		args := vals[start*cols : (start+n)*cols]
		var st *sql.Stmt
		if n == perStmt {
			if full == nil {
				p, err := tx.tx.PrepareContext(tx.ctx, stmtFor(n))
				if err != nil {
					return err
				}
				full = p
			}
			st = full
		} else {
			p, err := tx.tx.PrepareContext(tx.ctx, stmtFor(n))
			if err != nil {
				return err
			}
			defer p.Close()
			st = p
		}
		if scan == nil {
			if _, err := st.ExecContext(tx.ctx, args...); err != nil {
				return err
			}
			continue
		}
		rs, err := st.QueryContext(tx.ctx, args...)
		if err != nil {
			return err
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
	l.mu.Lock()
	l.stats.SnapshotDays = days
	stats := l.stats
	l.mu.Unlock()
	if l.progress != nil {
		l.progress(stats)
	}
	return nil
}
