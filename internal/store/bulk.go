package store

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
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
	flow    flowRollup
	snaps   map[snapKey]*snapSeries
	minDay  int

	writer  *batchWriter[bulkBatch, BulkStats]
	stats   BulkStats // once closed
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
	flow  flowRollup
}

// dailyCols are dossier_daily's counters, in this order.
const dailyCols = 8

var dailyColNames = [dailyCols]string{"received_online", "received_direct", "resolved_early", "resolved_on_time", "resolved_late", "withdrawn", "refused", "apologies"}

// dailyKey names a row of dossier_daily.
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
	l.writer = startBatchWriter(ctx, db, "bulk load", func(tx *Tx, b bulkBatch) (func(*BulkStats), error) {
		return func(s *BulkStats) {
			s.Batches++
			s.Dossiers += len(b.ds)
			for _, d := range b.ds {
				s.Events += len(d.rec.Events)
			}
		}, l.writeBatch(tx, b)
	}, l.progress)
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
	if err := l.writer.failed(); err != nil {
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
		l.rollup(&rec, st, next, ev.RecordedAt)
		if err := l.flow.change(l.cal, &rec, st, next, rec.Events[:i+1]); err != nil {
			return fmt.Errorf("dossier: event %d (%s): %w", i+1, ev.Action, err)
		}
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
// for the same change of state; recorded is when the event was entered,
// the day its apology counts on (as tx.Now is for rollup()).
func (l *BulkLoader) rollup(rec *dossier.Record, old, st dossier.State, recorded time.Time) {
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
	if n := st.Apologies - old.Apologies; n > 0 {
		add(7, recorded, n)
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

func dayNum(d calendar.Date) int   { return d.Sub(epoch) }
func dayOfNum(n int) calendar.Date { return epoch.AddDays(n) }

// flush hands the pending dossiers and their rollups to the writer.
func (l *BulkLoader) flush() error {
	if len(l.pending) == 0 {
		return nil
	}
	b := bulkBatch{ds: l.pending, daily: l.daily, flow: l.flow}
	l.pending, l.daily, l.flow = make([]bulkDossier, 0, l.batchSize), map[dailyKey]*[dailyCols]int{}, flowRollup{}
	return l.writer.send(b)
}

// Close writes what is left and the snapshots, and returns the counts.
// Calling it again returns the same result.
func (l *BulkLoader) Close() (BulkStats, error) {
	if l.closed {
		return l.stats, l.lastErr
	}
	l.closed = true
	err := l.flush()
	stats, werr := l.writer.close()
	l.stats = stats
	if werr != nil {
		err = werr
	}
	if err == nil {
		err = l.writeSnapshots()
	}
	l.lastErr = err
	return l.stats, err
}

// writeBatch writes one batch in its transaction.
