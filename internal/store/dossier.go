package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/fold"
	"congvu/internal/org"
)

// ReceiveDossier takes a dossier in: it allocates the code, starts the
// clock, records the first event, counts it in the statistics and journals
// it, all in one transaction. It returns the dossier and the lookup secret,
// which is shown to the applicant once and stored only as a hash.
func (db *DB) ReceiveDossier(ctx context.Context, actor audit.Actor, in dossier.Intake) (dossier.Record, string, error) {
	return db.ReceiveDossierWithFiles(ctx, actor, in, nil)
}

// ReceiveDossierWithFiles is ReceiveDossier that also attaches the scans
// of the documents received (slot file.ChecklistSlot(n), n from 1 to the
// number of documents) in the intake's own transaction: the dossier and
// its scans are written together or not at all. The caller has checked
// that the actor may attach each file (file.CanAttach).
func (db *DB) ReceiveDossierWithFiles(ctx context.Context, actor audit.Actor, in dossier.Intake, links []file.Link) (dossier.Record, string, error) {
	return db.receiveDossier(ctx, actor, in, links, nil)
}

// intakePrep runs first in an intake's transaction: it may name the actor
// (an online filing's portal uploader) and write the files the intake
// attaches (their links returned, checked like the links passed in).
type intakePrep func(tx *Tx, actor audit.Actor) (audit.Actor, []file.Link, error)

// receiveDossier is ReceiveDossierWithFiles with a step of its own in the
// transaction (prep, when not nil) before the dossier is written.
func (db *DB) receiveDossier(ctx context.Context, actor audit.Actor, in dossier.Intake, links []file.Link, prep intakePrep) (dossier.Record, string, error) {
	for i, l := range links {
		if n := file.ChecklistLine(l.Slot); n == 0 || n > len(in.Documents) {
			return dossier.Record{}, "", apperr.Invalidf(fmt.Sprintf("documents[%d].file_id", i), "bản quét phải gắn với một giấy tờ đã nhận (doc:1 đến doc:%d), không phải %q",
				"a scan must belong to a document received (doc:1 to doc:%d), not %q", len(in.Documents), l.Slot)
		}
	}
	if err := in.Applicant.Validate(); err != nil {
		return dossier.Record{}, "", err
	}
	if !in.Channel.Valid() {
		return dossier.Record{}, "", apperr.Invalidf("channel", "kênh tiếp nhận không hợp lệ: %q (direct, online, postal)", "unknown channel %q (direct, online, postal)", string(in.Channel))
	}
	if in.Sets == 0 {
		in.Sets = 1
	}
	if in.Sets < 0 || in.Sets > 100 {
		return dossier.Record{}, "", apperr.Invalidf("sets", "số bộ hồ sơ không hợp lệ: %d", "invalid number of sets: %d", in.Sets)
	}
	for i, d := range in.Documents {
		var err error
		if in.Documents[i].Name, err = apperr.Text(fmt.Sprintf("documents[%d].name", i), d.Name, 1, 300); err != nil {
			return dossier.Record{}, "", err
		}
	}
	cal, err := db.Calendar(ctx, in.AgencyID)
	if err != nil {
		return dossier.Record{}, "", err
	}
	// What the intake needs to know before it writes is read first, off the
	// writer: the agency from the organisation tree, the procedure in force
	// today from its cache or the read pool (read again below if the day
	// turns meanwhile).
	tree, err := db.Tree(ctx)
	if err != nil {
		return dossier.Record{}, "", err
	}
	agency, ok := tree.Unit(in.AgencyID)
	if !ok || !agency.Current() || agency.Kind != org.KindAgency || agency.Code == "" {
		return dossier.Record{}, "", apperr.Invalidf("agency_id", "không có cơ quan tiếp nhận số %d đang hoạt động", "no current receiving agency %d", in.AgencyID)
	}
	agencyCode := agency.Code
	firstDay := calendar.DateOf(db.now())
	if !in.ReceivedAt.IsZero() {
		firstDay = calendar.DateOf(in.ReceivedAt)
	}
	procID, proc, err := db.procedureInForceOn(ctx, in.AgencyID, in.ProcedureCode, firstDay)
	if err != nil {
		return dossier.Record{}, "", err
	}
	secret := newLookupSecret()
	var rec dossier.Record
	err = db.InTx(ctx, func(tx *Tx) error {
		links := links
		actor := actor
		if prep != nil {
			var more []file.Link
			var err error
			if actor, more, err = prep(tx, actor); err != nil {
				return err
			}
			links = append(slices.Clip(links), more...)
		}
		at := in.ReceivedAt
		if at.IsZero() {
			at = tx.Now
		}
		if at.After(tx.Now) {
			return apperr.Invalidf("received_at", "thời điểm tiếp nhận không được ở tương lai", "received_at may not be in the future")
		}
		day := calendar.DateOf(at)
		if day != firstDay {
			var err error
			if procID, proc, err = procedureInForce(tx, tx.procs, in.AgencyID, in.ProcedureCode, day); err != nil {
				return err
			}
		}
		ev := dossier.Event{Seq: 1, Action: dossier.Receive, At: at, RecordedAt: tx.Now, ActorID: actor.PersonID, ActorName: actor.Name,
			UnitID: in.UnitID, Channel: in.Channel, Note: in.Note, Limit: in.Limit}
		if in.Channel == dossier.ChannelOnline && in.UnitID == 0 {
			ev.Action = dossier.SubmitOnline
		}
		st, err := dossier.Apply(proc, cal, dossier.State{}, ev, dossier.DefaultRules())
		if err != nil {
			return err
		}
		rec = dossier.Record{AgencyID: in.AgencyID, LeadUnitID: leadUnit(proc, in),
			Procedure: proc, Applicant: in.Applicant, Channel: in.Channel, Documents: in.Documents, Sets: in.Sets,
			Events: []dossier.Event{ev}, State: st, CreatedAt: tx.Now, ProjectID: in.ProjectID}
		rollup(tx, &rec, dossier.State{}, st)
		// The code, and with it the row, the event and the journal entry,
		// waits for the commit (writeIntakes).
		payload := map[string]any{
			"procedure": proc.Code, "version": proc.Version, "channel": in.Channel, "applicant": in.Applicant.Initials(),
			"at": at, "due": st.StatutoryDue}
		if in.ProjectID != 0 {
			payload["project_id"], payload["limit"] = in.ProjectID, limitPayload(in.Limit)
		}
		a, err := tx.auditEvent(actor, "dossier", "", string(ev.Action), payload)
		if err != nil {
			return err
		}
		pi := &pendingIntake{rec: &rec, agencyCode: agencyCode, day: day, procID: procID,
			secretHash: db.hashLookupSecret(secret), audit: a}
		for _, l := range links {
			l.Kind = file.KindDossier
			l, err := linkedFile(tx, actor, l)
			if err != nil {
				return err
			}
			la, err := tx.auditEvent(actor, "dossier", "", "attach_file", map[string]any{"file_id": l.FileID, "name": l.File.Name, "sha256": l.File.SHA256, "slot": l.Slot})
			if err != nil {
				return err
			}
			pi.links, pi.linkAudits = append(pi.links, l), append(pi.linkAudits, la)
		}
		tx.intakes = append(tx.intakes, pi)
		return nil
	})
	if err != nil {
		return dossier.Record{}, "", err
	}
	db.dossiers.put(rec)
	return rec, secret, nil
}

// leadUnit is the unit answerable for a dossier in statistics: the unit of
// the first step after the desk that names one, else the receiving unit.
func leadUnit(p dossier.Procedure, in dossier.Intake) int64 {
	for _, s := range p.Steps {
		if s.UnitID != 0 && s.Role != org.RoleClerk {
			return s.UnitID
		}
	}
	if in.UnitID != 0 {
		return in.UnitID
	}
	return in.AgencyID
}

// insertDossier writes the dossier's row; its id is in rec once the
// transaction's writes have been sent (Tx.WriteReturning). Its code is new
// (nextDossierSeq), so a clash would be a fault of the counter, not the
// user's.
func insertDossier(tx *Tx, rec *dossier.Record, procID int64, secretHash string) error {
	st := rec.State
	a := rec.Applicant
	search := dossierSearchText(*rec)
	return tx.WriteReturning([]any{&rec.ID}, "insert dossier", `INSERT INTO dossiers (agency_id, code, procedure_id, procedure_code, lead_unit_id, status, channel,
		applicant_name, applicant_id, applicant_phone, applicant_address, applicant_email, applicant_org, documents, sets, search_text,
		submitted_at, received_at, statutory_due_at, appointed_due_at, paused_at, current_step, current_unit_id, handler_id,
		secret_hash, version, created_at, updated_at, project_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		rec.AgencyID, rec.Code, procID, rec.Procedure.Code, rec.LeadUnitID, int(st.Status), string(rec.Channel),
		a.Name, a.IDNumber, a.Phone, a.Address, a.Email, a.Organization, documentsToRows(rec.Documents), rec.Sets, search,
		microOrNil(st.SubmittedAt), microOrNil(st.ReceivedAt), microOrNil(st.StatutoryDue), microOrNil(st.AppointedDue), nullMicro(st.PausedAt),
		st.CurrentStep, currentUnit(st), currentHandler(st), secretHash, st.Version, Micro(tx.Now), Micro(tx.Now), nullID(rec.ProjectID))
}

func microOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return Micro(t)
}

func currentUnit(st dossier.State) any {
	if r, ok := st.Current(); ok && r.UnitID != 0 {
		return r.UnitID
	}
	return nil
}

func currentHandler(st dossier.State) any {
	if r, ok := st.Current(); ok && r.Handler.ID != 0 {
		return r.Handler.ID
	}
	return nil
}

// insertDossierEvent writes an event of the dossier with that code (found
// by the statement itself, so that it can follow the dossier's insert
// without waiting for its id).
func insertDossierEvent(tx *Tx, code string, ev dossier.Event) error {
	var newDue any
	if ev.NewDue != nil {
		newDue = Micro(*ev.NewDue)
	}
	var toStep any
	if ev.Action == dossier.ReturnForRework {
		toStep = ev.ToStep
	}
	return tx.Write("insert dossier event", `INSERT INTO dossier_events (dossier_id, seq, action, at, recorded_at, actor_id, actor_name, unit_id, to_unit_id,
		to_person_id, to_person_name, channel, note, reason, new_due_at, supplement_days, to_step, detail)
		VALUES ((SELECT id FROM dossiers WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		code, ev.Seq, string(ev.Action), Micro(ev.At), Micro(ev.RecordedAt), ev.ActorID, ev.ActorName, ev.UnitID, ev.ToUnitID,
		ev.ToPersonID, ev.ToPersonName, string(ev.Channel), ev.Note, ev.Reason, newDue, ev.SupplementDays, toStep, eventDetail(ev))
}

// RecordDossierEvent applies one action to a dossier. expectedVersion,
// when not 0, must equal the dossier's version (the API's If-Match): two
// handlers acting on the same dossier cannot both succeed.
func (db *DB) RecordDossierEvent(ctx context.Context, actor audit.Actor, code string, expectedVersion int, ev dossier.Event) (dossier.Record, error) {
	cal, err := db.dossierCalendar(ctx, code)
	if err != nil {
		return dossier.Record{}, err
	}
	rec, _, err := db.recordDossierEvent(ctx, actor, cal, code, nil, expectedVersion, ev, nil)
	return rec, err
}

// RecordDossierEventOn is RecordDossierEvent for a caller that has just
// read the dossier (to check the actor's permission on it): the event is
// applied to checked, without reading and replaying the history again,
// provided the dossier is still at checked's version; otherwise the write
// fails with a conflict, as the permission was judged on that version.
func (db *DB) RecordDossierEventOn(ctx context.Context, actor audit.Actor, checked dossier.Record, expectedVersion int, ev dossier.Event) (dossier.Record, error) {
	cal, err := db.Calendar(ctx, checked.AgencyID)
	if err != nil {
		return dossier.Record{}, err
	}
	rec, _, err := db.recordDossierEvent(ctx, actor, cal, checked.Code, &checked, expectedVersion, ev, nil)
	return rec, err
}

// RecordDossierEventWithFiles is RecordDossierEventOn that also attaches
// files to the dossier (the result a completion brings, a supplement, a
// decision) in the event's own transaction: the event and its documents
// are written together or not at all. Each link names its file and slot;
// the caller has checked that the actor may attach each file
// (file.CanAttach). It returns the links as written.
func (db *DB) RecordDossierEventWithFiles(ctx context.Context, actor audit.Actor, checked dossier.Record, expectedVersion int, ev dossier.Event,
	links []file.Link) (dossier.Record, []file.Link, error) {
	cal, err := db.Calendar(ctx, checked.AgencyID)
	if err != nil {
		return dossier.Record{}, nil, err
	}
	return db.recordDossierEvent(ctx, actor, cal, checked.Code, &checked, expectedVersion, ev, links)
}

func (db *DB) recordDossierEvent(ctx context.Context, actor audit.Actor, cal *calendar.Calendar, code string, checked *dossier.Record,
	expectedVersion int, ev dossier.Event, links []file.Link) (dossier.Record, []file.Link, error) {
	var rec dossier.Record
	var attached []file.Link
	err := db.InTx(ctx, func(tx *Tx) error {
		attached = attached[:0]
		var err error
		if checked != nil {
			rec = checkedDossier(*checked)
		} else {
			rec, err = loadDossier(tx, cal, code)
		}
		if err != nil {
			return err
		}
		if expectedVersion != 0 && expectedVersion != rec.State.Version {
			return apperr.Conflictf("Hồ sơ %s đã được người khác cập nhật (phiên bản %d, bạn gửi %d); hãy tải lại",
				"dossier %s was changed by someone else (version %d, you sent %d); reload it", code, rec.State.Version, expectedVersion)
		}
		old := rec.State
		ev.Seq = old.Version + 1
		ev.RecordedAt = tx.Now
		if ev.At.IsZero() {
			ev.At = tx.Now
		}
		ev.ActorID, ev.ActorName = actor.PersonID, actor.Name
		st, err := dossier.Apply(rec.Procedure, cal, old, ev, dossier.DefaultRules())
		if err != nil {
			return err
		}
		if ev.Action == dossier.ReturnForRework {
			// The history says where the dossier went and to whom, as a
			// forward does: the step reached, its unit and its handler.
			// Apply accepts them as they are (they match), so replay agrees.
			back := st.Steps[st.CurrentStep]
			ev.ToStep, ev.ToUnitID, ev.ToPersonID, ev.ToPersonName = st.CurrentStep, back.UnitID, back.Handler.ID, back.Handler.Name
		}
		rec.State, rec.Events = st, append(rec.Events, ev)
		// The row first: its version check fails a stale write before the
		// event would collide with the one that moved the version on.
		if err := updateDossierRow(tx, rec, old.Version); err != nil {
			return err
		}
		if err := insertDossierEvent(tx, rec.Code, ev); err != nil {
			return err
		}
		if err := syncConsultations(tx, rec, old); err != nil {
			return err
		}
		if err := attachEventFile(tx, actor, rec.Code, ev); err != nil {
			return err
		}
		rollup(tx, &rec, old, st)
		if err := tx.flow.change(cal, &rec, old, st, rec.Events); err != nil {
			return err
		}
		payload := map[string]any{"seq": ev.Seq, "status": int(st.Status), "at": ev.At, "due": st.StatutoryDue}
		if ev.Note != "" {
			payload["note"] = ev.Note
		}
		if ev.Reason != "" {
			payload["reason"] = ev.Reason
		}
		if ev.Action == dossier.ReturnForRework {
			payload["to_step"], payload["to_person_id"] = ev.ToStep, ev.ToPersonID
		}
		addDetailToPayload(payload, ev)
		if !ev.At.Equal(ev.RecordedAt) {
			payload["recorded_at"] = ev.RecordedAt // both times are kept for records entered afterwards
		}
		if err := tx.Audit(actor, "dossier", code, string(ev.Action), payload); err != nil {
			return err
		}
		for _, l := range links {
			l.Kind, l.RecordID = file.KindDossier, code
			l, err := attachInTx(tx, actor, l)
			if err != nil {
				return err
			}
			attached = append(attached, l)
		}
		return enqueueDossierNotify(tx, rec.Code, ev)
	})
	if err != nil {
		return dossier.Record{}, nil, err
	}
	db.dossiers.put(rec)
	return rec, attached, nil
}

func updateDossierRow(tx *Tx, rec dossier.Record, oldVersion int) error {
	st := rec.State
	result, closed := dossierOutcome(st)
	return tx.WriteOne(apperr.Conflictf("Hồ sơ %s vừa được người khác cập nhật; hãy tải lại", "dossier %s was just changed by someone else; reload it", rec.Code),
		"update dossier", `UPDATE dossiers SET status = ?, received_at = ?, statutory_due_at = ?, appointed_due_at = ?, paused_at = ?,
		current_step = ?, current_unit_id = ?, handler_id = ?, completed_at = ?, result = ?, closed_at = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		int(st.Status), microOrNil(st.ReceivedAt), microOrNil(st.StatutoryDue), microOrNil(st.AppointedDue), nullMicro(st.PausedAt),
		st.CurrentStep, currentUnit(st), currentHandler(st), microOrNil(st.CompletedAt), result, closed, st.Version, Micro(tx.Now),
		rec.ID, oldVersion)
}

// dossierOutcome is what the dossier row keeps of how a dossier ended: the
// result at completion (early, on time, late) and when it was closed
// (refused, withdrawn or returned), for queues and statistics to query.
func dossierOutcome(st dossier.State) (result string, closedAt any) {
	if !st.CompletedAt.IsZero() {
		result = resultCode(dossier.Classify(st))
	}
	switch {
	case !st.RefusedAt.IsZero():
		closedAt = Micro(st.RefusedAt)
	case !st.WithdrawnAt.IsZero():
		closedAt = Micro(st.WithdrawnAt)
	case !st.ReturnedAt.IsZero():
		closedAt = Micro(st.ReturnedAt)
	}
	return result, closedAt
}

// dossierSearchText is what diacritic-insensitive search looks in: the
// code, the applicant (name, ID number, phone) and the procedure, folded.
// The phone comes last, so that migration 0017 could add it to the rows
// written before by appending it.
func dossierSearchText(rec dossier.Record) string {
	a := rec.Applicant
	s := fold.String(rec.Code + " " + a.Name + " " + a.IDNumber + " " + rec.Procedure.Code + " " + rec.Procedure.Name)
	if p := fold.String(a.Phone); p != "" {
		s += " " + p
	}
	return s
}

func resultCode(r dossier.Result) string {
	switch r {
	case dossier.Early:
		return "early"
	case dossier.OnTime:
		return "on_time"
	case dossier.Late:
		return "late"
	}
	return ""
}

// dossierCalendar returns the working-time calendar of the agency that
// received a dossier; NotFound when there is no such dossier.
func (db *DB) dossierCalendar(ctx context.Context, code string) (*calendar.Calendar, error) {
	var agency int64
	err := db.queryRow(ctx, "SELECT agency_id FROM dossiers WHERE code = ?", code).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, dossier.NotFound(code)
	}
	if err != nil {
		return nil, err
	}
	return db.Calendar(ctx, agency)
}

// FindDossierByCode returns a dossier with its history and derived state.
func (db *DB) FindDossierByCode(ctx context.Context, code string) (dossier.Record, error) {
	// The row is read first and then its events up to the row's version
	// (one event per version, never changed): a consistent history without
	// a read transaction, which on PostgreSQL costs two more round trips.
	// The calendar is asked only after both reads: a reader that waits for
	// a second connection while it holds one can take the whole pool.
	rec, err := readDossier(reader{db, ctx}, &db.procs, code, "")
	if err != nil {
		return rec, err
	}
	cal, err := db.Calendar(ctx, rec.AgencyID)
	if err != nil {
		return rec, err
	}
	if err := replayDossier(&rec, cal); err != nil {
		return rec, err
	}
	db.dossiers.put(rec)
	return rec, nil
}

// checkedDossier returns checked for the new event to apply to. Whether
// the dossier is still at checked's version (the history up to a version
// never changes, so checked's replayed state is then the state now) is
// checked by the row's update, which fails with the conflict a stale
// If-Match gets.
func checkedDossier(checked dossier.Record) dossier.Record {
	checked.Events = slices.Clip(checked.Events) // the new event must not write into the caller's array
	return checked
}

// loadDossier reads a dossier row and its events and replays them on cal,
// the calendar of the dossier's agency.
func loadDossier(tx *Tx, cal *calendar.Calendar, code string) (dossier.Record, error) {
	rec, err := readDossier(tx, tx.procs, code, tx.ForUpdate())
	if err != nil {
		return rec, err
	}
	return rec, replayDossier(&rec, cal)
}

// replayDossier derives the dossier's state from its events.
func replayDossier(rec *dossier.Record, cal *calendar.Calendar) error {
	var err error
	rec.State, err = dossier.Replay(rec.Procedure, cal, rec.Events, dossier.DefaultRules())
	if err != nil {
		return fmt.Errorf("replay dossier %s: %w", rec.Code, err)
	}
	return nil
}

// readDossier reads a dossier row with its events up to the row's version,
// in one statement (one snapshot, one round trip), without replaying them;
// lock (FOR UPDATE or nothing) locks the row.
func readDossier(q querier, procs *procedureCache, code, lock string) (dossier.Record, error) {
	var rec dossier.Record
	var procID int64
	var docs string
	var rating sql.NullInt64
	var ratingComment string
	var ratedAt sql.NullInt64
	var created int64
	var version int
	if lock != "" {
		lock += " OF d" // not the events, the nullable side of the join
	}
	rows, err := q.Query(`SELECT d.id, d.agency_id, d.code, d.procedure_id, d.lead_unit_id, d.channel, d.applicant_name, d.applicant_id,
		d.applicant_phone, d.applicant_address, d.applicant_email, d.applicant_org, d.documents, d.sets, d.rating, d.rating_comment, d.rated_at,
		d.created_at, d.version,
		e.seq, e.action, e.at, e.recorded_at, e.actor_id, e.actor_name, e.unit_id, e.to_unit_id, e.to_person_id, e.to_person_name,
		e.channel, e.note, e.reason, e.new_due_at, e.supplement_days, e.to_step, e.detail, d.project_id
		FROM dossiers d LEFT JOIN dossier_events e ON e.dossier_id = d.id AND e.seq <= d.version
		WHERE d.code = ? ORDER BY e.seq`+lock, code)
	if err != nil {
		return rec, fmt.Errorf("load dossier %s: %w", code, err)
	}
	a := &rec.Applicant
	n := 0
	for rows.Next() {
		n++
		var e struct {
			seq, at, recorded, actor, unit, toUnit, toPerson, days sql.NullInt64
			action, actorName, toPersonName, channel, note, reason sql.NullString
			newDue, toStep                                         sql.NullInt64
			detail                                                 sql.NullString
		}
		var project sql.NullInt64
		if err := rows.Scan(&rec.ID, &rec.AgencyID, &rec.Code, &procID, &rec.LeadUnitID, &rec.Channel, &a.Name, &a.IDNumber,
			&a.Phone, &a.Address, &a.Email, &a.Organization, &docs, &rec.Sets, &rating, &ratingComment, &ratedAt, &created, &version,
			&e.seq, &e.action, &e.at, &e.recorded, &e.actor, &e.actorName, &e.unit, &e.toUnit, &e.toPerson, &e.toPersonName,
			&e.channel, &e.note, &e.reason, &e.newDue, &e.days, &e.toStep, &e.detail, &project); err != nil {
			rows.Close()
			return rec, fmt.Errorf("load dossier %s: %w", code, err)
		}
		rec.ProjectID = project.Int64
		if !e.seq.Valid {
			continue // no event yet: only the row
		}
		rec.Events = append(rec.Events, dossier.Event{Seq: int(e.seq.Int64), Action: dossier.Action(e.action.String),
			At: FromMicro(e.at.Int64), RecordedAt: FromMicro(e.recorded.Int64), ActorID: e.actor.Int64, ActorName: e.actorName.String,
			UnitID: e.unit.Int64, ToUnitID: e.toUnit.Int64, ToPersonID: e.toPerson.Int64, ToPersonName: e.toPersonName.String,
			Channel: dossier.Channel(e.channel.String), Note: e.note.String, Reason: e.reason.String, NewDue: fromNullMicro(e.newDue),
			SupplementDays: int(e.days.Int64), ToStep: int(e.toStep.Int64)})
		if err := readEventDetail(&rec.Events[len(rec.Events)-1], e.detail.String); err != nil {
			rows.Close()
			return rec, fmt.Errorf("load dossier %s: %w", code, err)
		}
	}
	if err := rows.Close(); err != nil {
		return rec, fmt.Errorf("load dossier %s: %w", code, err)
	}
	if err := rows.Err(); err != nil {
		return rec, fmt.Errorf("load dossier %s: %w", code, err)
	}
	if n == 0 {
		return rec, dossier.NotFound(code)
	}
	rec.CreatedAt = FromMicro(created)
	if rec.Documents, err = documentsFromRows(docs); err != nil {
		return rec, err
	}
	if rating.Valid {
		rec.Rating = &dossier.Rating{Score: dossier.Satisfaction(rating.Int64), Comment: ratingComment, At: FromMicro(ratedAt.Int64)}
	}
	if rec.Procedure, err = procedureByID(q, procs, procID); err != nil {
		return rec, fmt.Errorf("load procedure of %s: %w", code, err)
	}
	if len(rec.Events) != version {
		return rec, fmt.Errorf("load dossier %s: %d events for version %d", code, len(rec.Events), version)
	}
	return rec, nil
}

// LookupDossier is the public lookup: the dossier with that code and secret,
// or NotFound — the same answer whether the code exists or not. The secret
// is compared without regard to case, spaces and dashes.
func (db *DB) LookupDossier(ctx context.Context, code, secret string) (dossier.Record, error) {
	notFound := apperr.NotFoundf("Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập", "no dossier with that code and secret")
	var hash string
	err := db.queryRow(ctx, "SELECT secret_hash FROM dossiers WHERE code = ?", code).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		db.lookupSecretMatches(keyedPrefix, secret) // the same work either way
		return dossier.Record{}, notFound
	}
	if err != nil {
		return dossier.Record{}, err
	}
	if !db.lookupSecretMatches(hash, secret) {
		return dossier.Record{}, notFound
	}
	return db.FindDossierByCode(ctx, code)
}

// RateDossier records the applicant's satisfaction, once, after the result
// was returned.
func (db *DB) RateDossier(ctx context.Context, code, secret string, score dossier.Satisfaction, comment string) error {
	if !score.Valid() {
		return apperr.Invalidf("rating", "mức đánh giá không hợp lệ: %d (1 hài lòng, 2 bình thường, 3 không hài lòng)", "invalid rating %d (1 satisfied, 2 acceptable, 3 dissatisfied)", int(score))
	}
	var err error
	if comment, err = apperr.Text("comment", comment, 0, 1000); err != nil {
		return err
	}
	rec, err := db.LookupDossier(ctx, code, secret)
	if err != nil {
		return err
	}
	if rec.State.Status != dossier.StatusReturned {
		return apperr.Conflictf("Chỉ đánh giá được sau khi đã nhận kết quả", "a dossier can be rated only after its result was returned")
	}
	return db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec("UPDATE dossiers SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ? AND rating IS NULL",
			int(score), comment, Micro(tx.Now), rec.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflictf("Hồ sơ này đã được đánh giá", "this dossier was already rated")
		}
		rollupRating(tx, &rec, score)
		return tx.Audit(audit.System("applicant"), "dossier", code, "rate", map[string]any{"rating": int(score)})
	})
}
