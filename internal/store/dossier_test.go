package store_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// oneStop is an agency with a desk and a division, and a 15-working-day
// procedure: desk 0.5 day, division 14, desk 0.5 (return).
type oneStop struct {
	agency, desk, division org.Unit
	clerk, official        audit.Actor
	proc                   dossier.Procedure
}

func newOneStop(t testing.TB, db *store.DB) oneStop {
	t.Helper()
	ctx := context.Background()
	var o oneStop
	var err error
	if o.agency, err = db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.15.H27", Name: "Sở Tài chính tỉnh Bắc Ninh", ValidFrom: "2025-03-01"}); err != nil {
		t.Fatal(err)
	}
	if o.desk, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &o.agency.ID, Kind: org.KindDesk, Name: "Bộ phận Một cửa", ValidFrom: "2025-03-01"}); err != nil {
		t.Fatal(err)
	}
	if o.division, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &o.agency.ID, Kind: org.KindDivision, Name: "Phòng Đăng ký kinh doanh", ValidFrom: "2025-03-01"}); err != nil {
		t.Fatal(err)
	}
	clerk, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: o.agency.ID, FullName: "Nguyễn Thị Hằng"})
	if err != nil {
		t.Fatal(err)
	}
	official, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: o.agency.ID, FullName: "Lê Văn Minh"})
	if err != nil {
		t.Fatal(err)
	}
	o.clerk = audit.Actor{PersonID: clerk.ID, Name: clerk.FullName}
	o.official = audit.Actor{PersonID: official.ID, Name: official.FullName}
	o.proc, err = db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
		Code: "1.001612", Name: "Đăng ký thành lập doanh nghiệp tư nhân", Field: "Thành lập và hoạt động của doanh nghiệp",
		Level: dossier.LevelFull, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays}, Fee: 50000,
		Documents: []dossier.Document{{Name: "Giấy đề nghị đăng ký doanh nghiệp", Copy: dossier.CopyKind("original"), Quantity: 1}},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận", UnitID: o.desk.ID, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: o.division.ID, Budget: 14},
			{Name: "Trả kết quả", UnitID: o.desk.ID, Role: org.RoleClerk, Budget: 0.5},
		},
		EffectiveFrom: calendar.Date{Year: 2025, Month: 3, Day: 1}, AgencyID: o.agency.ID,
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (o oneStop) intake(name string, at time.Time, ch dossier.Channel) dossier.Intake {
	unit := o.desk.ID
	if ch == dossier.ChannelOnline {
		unit = 0
	}
	return dossier.Intake{AgencyID: o.agency.ID, UnitID: unit, ProcedureCode: o.proc.Code, Channel: ch, ReceivedAt: at,
		Applicant: dossier.Applicant{Name: name, IDNumber: "001203004567", Phone: "0912345678"}, Sets: 1}
}

var vn = calendar.VN

func TestDossierLifecycle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		received := time.Date(2026, 3, 2, 8, 0, 0, 0, vn)
		rec, secret, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Nguyễn Văn An", received, dossier.ChannelDirect))
		if err != nil {
			t.Fatal(err)
		}
		if rec.Code != "000.00.15.H27-260302-0001" || len(secret) != 8 || rec.State.Status != dossier.StatusReceived {
			t.Fatalf("intake: %s %q %v", rec.Code, secret, rec.State.Status)
		}
		if want := time.Date(2026, 3, 23, 8, 0, 0, 0, vn); !rec.State.StatutoryDue.Equal(want) {
			t.Errorf("due %v, want %v", rec.State.StatutoryDue.In(vn), want)
		}
		step := func(version int, ev dossier.Event) dossier.Record {
			t.Helper()
			r, err := db.RecordDossierEvent(ctx, o.official, rec.Code, version, ev)
			if err != nil {
				t.Fatalf("%s: %v", ev.Action, err)
			}
			return r
		}
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		r := step(1, dossier.Event{Action: dossier.Forward, At: at(2, 10), UnitID: o.desk.ID, ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name})
		if r.State.Status != dossier.StatusProcessing || r.State.Version != 2 {
			t.Fatalf("after forward: %v v%d", r.State.Status, r.State.Version)
		}
		// A stale version loses: two handlers cannot both act.
		_, err = db.RecordDossierEvent(ctx, o.official, rec.Code, 1, dossier.Event{Action: dossier.Forward, UnitID: o.division.ID, ToUnitID: o.desk.ID})
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("stale version: %v", err)
		}
		// An illegal action names what is allowed.
		_, err = db.RecordDossierEvent(ctx, o.official, rec.Code, 0, dossier.Event{Action: dossier.ReturnResult, UnitID: o.division.ID})
		if e := apperr.As(err); e == nil || e.Code != apperr.Conflict || len(e.Allowed) == 0 {
			t.Fatalf("illegal action: %v", err)
		}
		// A supplement request pauses for three working days and moves the due.
		step(0, dossier.Event{Action: dossier.RequestSupplement, At: at(3, 9), UnitID: o.division.ID, Reason: "Bổ sung điều lệ công ty"})
		r = step(0, dossier.Event{Action: dossier.ReceiveSupplement, At: at(6, 9), UnitID: o.desk.ID})
		if want := time.Date(2026, 3, 26, 8, 0, 0, 0, vn); !r.State.StatutoryDue.Equal(want) {
			t.Errorf("due after pause %v, want %v", r.State.StatutoryDue.In(vn), want)
		}
		step(0, dossier.Event{Action: dossier.Forward, At: at(20, 9), UnitID: o.division.ID, ToUnitID: o.desk.ID, ToPersonID: o.clerk.PersonID, ToPersonName: o.clerk.Name})
		step(0, dossier.Event{Action: dossier.Complete, At: at(20, 10), UnitID: o.desk.ID})
		r = step(0, dossier.Event{Action: dossier.ReturnResult, At: at(20, 15), UnitID: o.desk.ID})
		if r.State.Status != dossier.StatusReturned || dossier.Classify(r.State) != dossier.Early {
			t.Fatalf("end: %v %v", r.State.Status, dossier.Classify(r.State))
		}
		// What is read back equals what was written.
		got, err := db.FindDossierByCode(ctx, rec.Code)
		if err != nil || got.State.Version != 7 || len(got.Events) != 7 || got.Applicant.Name != "Nguyễn Văn An" {
			t.Fatalf("read back: %v v%d", err, got.State.Version)
		}
		// Public lookup needs the secret and says nothing otherwise.
		if _, err := db.LookupDossier(ctx, rec.Code, "WRONGSEC"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("wrong secret: %v", err)
		}
		if _, err := db.LookupDossier(ctx, "000.00.15.H27-260302-9999", secret); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown code: %v", err)
		}
		if err := db.RateDossier(ctx, rec.Code, secret, dossier.Satisfied, "Cán bộ nhiệt tình"); err != nil {
			t.Fatal(err)
		}
		if err := db.RateDossier(ctx, rec.Code, secret, dossier.Dissatisfied, ""); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("second rating: %v", err)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// An event applied to a record the caller read (RecordDossierEventOn) gives
// what reading it again would, and fails once the dossier moved on.
func TestDossierEventOnCheckedRecord(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Trần Thị Bình", time.Date(2026, 3, 2, 8, 0, 0, 0, vn), dossier.ChannelDirect))
		if err != nil {
			t.Fatal(err)
		}
		checked, err := db.FindDossierByCode(ctx, rec.Code)
		if err != nil {
			t.Fatal(err)
		}
		forward := dossier.Event{Action: dossier.Forward, At: time.Date(2026, 3, 2, 10, 0, 0, 0, vn), UnitID: o.desk.ID,
			ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}
		for _, tc := range []struct {
			name     string
			expected int
			want     apperr.Code
		}{
			{"an If-Match other than the version read", 2, apperr.Conflict},
			{"the version read", 1, ""},
			{"the same record again, now stale", 1, apperr.Conflict},
			{"no If-Match on a stale record", 0, apperr.Conflict},
		} {
			got, err := db.RecordDossierEventOn(ctx, o.clerk, checked, tc.expected, forward)
			if tc.want != "" {
				if !apperr.Is(err, tc.want) {
					t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			again, err := db.FindDossierByCode(ctx, rec.Code)
			if err != nil {
				t.Fatal(err)
			}
			if got.State.Version != 2 || again.State.Version != 2 || len(again.Events) != 2 || len(checked.Events) != 1 ||
				got.State.Status != again.State.Status || !got.State.StatutoryDue.Equal(again.State.StatutoryDue) || again.State.Status != dossier.StatusProcessing {
				t.Fatalf("%s: wrote v%d %v, read back v%d %v with %d events (caller's record now %d)", tc.name,
					got.State.Version, got.State.Status, again.State.Version, again.State.Status, len(again.Events), len(checked.Events))
			}
		}
	})
}

// Many concurrent reads of dossiers, while the calendar cache keeps asking
// the database again, all finish: a read must not hold one connection of
// the read pool while it waits for another.
func TestConcurrentDossierReadsDoNotExhaustThePool(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newOneStop(t, db)
		rec, _, err := db.ReceiveDossier(context.Background(), o.clerk, o.intake("Đỗ Văn Cường", time.Date(2026, 3, 2, 8, 0, 0, 0, vn), dossier.ChannelDirect))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for range 64 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					db.ExpireCalendars()
					if _, err := db.FindDossierByCode(ctx, rec.Code); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent read: %v", err)
		}
	})
}

func TestDossierCodesUnderConcurrentIntake(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, vn)
		const n = 50
		codes := make(chan string, n)
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				in := o.intake(fmt.Sprintf("Người nộp số %d", i), at, dossier.ChannelDirect)
				if i%10 == 9 {
					in.Applicant.IDNumber = "12ab" // refused: its number must not be used up
				}
				rec, _, err := db.ReceiveDossier(ctx, o.clerk, in)
				if err != nil {
					errs <- err
					return
				}
				codes <- rec.Code
			}(i)
		}
		wg.Wait()
		close(codes)
		close(errs)
		var got []string
		for c := range codes {
			got = append(got, c)
		}
		for err := range errs {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("unexpected intake error: %v", err)
			}
		}
		sort.Strings(got)
		if len(got) != 45 {
			t.Fatalf("%d dossiers received, want 45", len(got))
		}
		for i, c := range got {
			if want := fmt.Sprintf("000.00.15.H27-260302-%04d", i+1); c != want {
				t.Fatalf("code %d = %s, want %s (duplicate or gap)", i, c, want)
			}
		}
	})
}

// TestReportMatchesTheOracle builds a month of dossiers and checks the
// rollup-based report against dossier.ComputeReport over the replayed states,
// and every figure's drill-down against the figure.
func TestReportMatchesTheOracle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		type plan struct {
			day    int
			online bool
			finish int // day of completion; 0 open; -1 withdrawn on day 10; -2 refused at once
		}
		plans := []plan{
			{2, false, 5}, {2, true, 0}, {3, false, 27}, {4, false, -1}, {5, false, 0},
			{9, true, 12}, {10, false, -2}, {16, false, 0}, {17, false, 26}, {2, false, 0},
		}
		var codes []string
		for i, p := range plans {
			ch := dossier.ChannelDirect
			if p.online {
				ch = dossier.ChannelOnline
			}
			at := time.Date(2026, 2, p.day+23, 8+i%3, 0, 0, 0, vn) // late February and March 2026
			if p.day+23 > 28 {
				at = time.Date(2026, 3, p.day-5, 8+i%3, 0, 0, 0, vn)
			}
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake(fmt.Sprintf("Người nộp %d", i), at, ch))
			if err != nil {
				t.Fatal(err)
			}
			ev := func(a dossier.Action, when time.Time, e dossier.Event) {
				t.Helper()
				e.Action, e.At = a, when
				if _, err := db.RecordDossierEvent(ctx, o.clerk, rec.Code, 0, e); err != nil {
					t.Fatalf("dossier %d %s: %v", i, a, err)
				}
			}
			next := at.Add(time.Hour)
			if p.online {
				ev(dossier.Accept, next, dossier.Event{UnitID: o.desk.ID})
				next = next.Add(time.Hour)
			}
			switch {
			case p.finish == -2:
				ev(dossier.Refuse, next, dossier.Event{UnitID: o.desk.ID, Reason: "Không thuộc thẩm quyền"})
			case p.finish == -1:
				ev(dossier.Withdraw, time.Date(2026, 3, 10, 9, 0, 0, 0, vn), dossier.Event{UnitID: o.desk.ID})
			default:
				ev(dossier.Forward, next, dossier.Event{UnitID: o.desk.ID, ToUnitID: o.division.ID})
				if p.finish > 0 {
					done := time.Date(2026, 3, p.finish, 10, 0, 0, 0, vn)
					ev(dossier.Forward, done, dossier.Event{UnitID: o.division.ID, ToUnitID: o.desk.ID})
					ev(dossier.Complete, done.Add(time.Hour), dossier.Event{UnitID: o.desk.ID})
				}
			}
			codes = append(codes, rec.Code)
		}
		var states []dossier.State
		for _, c := range codes {
			r, err := db.FindDossierByCode(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			states = append(states, r.State)
		}
		units, err := db.StatsUnits(ctx, o.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, period := range [][2]calendar.Date{
			{{Year: 2026, Month: 3, Day: 1}, {Year: 2026, Month: 3, Day: 31}},
			{{Year: 2026, Month: 3, Day: 9}, {Year: 2026, Month: 3, Day: 20}},
			{{Year: 2026, Month: 2, Day: 1}, {Year: 2026, Month: 2, Day: 28}},
			// Ending after today: the open figures come from the open dossiers themselves.
			{{Year: 2026, Month: 3, Day: 1}, calendar.DateOf(time.Now()).AddDays(40)},
		} {
			from, to := period[0], period[1]
			want := dossier.ComputeReport(states, from, to)
			got, err := db.DossierReport(ctx, units, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s–%s:\n got %+v\nwant %+v", from, to, got, want)
			}
			figures := map[dossier.Figure]int{
				dossier.FigReceivedOnline: want.Received.Online, dossier.FigReceivedDirect: want.Received.Direct,
				dossier.FigCarriedOver: want.Received.CarriedOver, dossier.FigResolvedEarly: want.Resolved.Early,
				dossier.FigResolvedOnTime: want.Resolved.OnTime, dossier.FigResolvedLate: want.Resolved.Late,
				dossier.FigOpenWithin: want.InProgress.WithinDeadline, dossier.FigOpenOverdue: want.InProgress.Overdue,
				dossier.FigWithdrawn: want.Withdrawn,
			}
			for fig, n := range figures {
				list, err := db.FindDossiers(ctx, dossier.Filter{LeadUnitIDs: units, Figure: fig, From: from.Time(), To: to.AddDays(1).Time(), Limit: 500})
				if err != nil {
					t.Fatal(err)
				}
				if len(list) != n {
					t.Errorf("%s–%s %s: drill-down lists %d dossiers, the figure is %d", from, to, fig, len(list), n)
				}
			}
		}
		// Snapshots give past periods the same answer.
		for d := (calendar.Date{Year: 2026, Month: 2, Day: 20}); d.Before(calendar.Date{Year: 2026, Month: 4, Day: 1}); d = d.AddDays(1) {
			if _, err := db.SnapshotOpenDossiers(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		from, to := calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31}
		got, _ := db.DossierReport(ctx, units, from, to)
		if want := dossier.ComputeReport(states, from, to); got != want {
			t.Errorf("from snapshots:\n got %+v\nwant %+v", got, want)
		}
	})
}

// A node answers FindDossierAtVersion from the dossier it holds at that
// version; when another node has moved the dossier on, the answer is still
// that version exactly, and acting on it fails with a conflict, as acting
// on a record read just before the other node's write would.
func TestDossierAtVersionAcrossNodes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		other, err := db.OpenAnotherNode(t, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Phạm Văn Cường", time.Date(2026, 3, 2, 8, 0, 0, 0, vn), dossier.ChannelDirect))
		if err != nil {
			t.Fatal(err)
		}
		forward := func(at int) dossier.Event {
			return dossier.Event{Action: dossier.Forward, At: time.Date(2026, 3, 2, at, 0, 0, 0, vn), UnitID: o.desk.ID,
				ToUnitID: o.division.ID, ToPersonID: o.official.PersonID, ToPersonName: o.official.Name}
		}
		atVersion := func(node *store.DB, v int) dossier.Record {
			t.Helper()
			r, err := node.FindDossierAtVersion(ctx, rec.Code, v)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		v1 := atVersion(db, 1)
		read, err := db.FindDossierByCode(ctx, rec.Code)
		if err != nil {
			t.Fatal(err)
		}
		if v1.State.Version != 1 || len(v1.Events) != 1 || v1.State.Status != read.State.Status || !v1.State.StatutoryDue.Equal(read.State.StatutoryDue) {
			t.Fatalf("held at version 1: v%d %v, %d events; read: v%d %v", v1.State.Version, v1.State.Status, len(v1.Events), read.State.Version, read.State.Status)
		}
		// The other node moves it on to version 2.
		if _, err := other.RecordDossierEvent(ctx, o.clerk, rec.Code, 1, forward(9)); err != nil {
			t.Fatal(err)
		}
		stale := atVersion(db, 1)
		if stale.State.Version != 1 {
			t.Fatalf("asked for version 1: got v%d", stale.State.Version)
		}
		if _, err := db.RecordDossierEventOn(ctx, o.clerk, stale, 1, forward(10)); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("acting on version 1 after the other node's write: %v, want a conflict", err)
		}
		if now := atVersion(db, 2); now.State.Version != 2 || len(now.Events) != 2 {
			t.Errorf("asked for version 2, which this node never held: v%d with %d events", now.State.Version, len(now.Events))
		}
		got, err := db.RecordDossierEventOn(ctx, o.official, atVersion(db, 2), 2, dossier.Event{Action: dossier.Forward,
			At: time.Date(2026, 3, 2, 11, 0, 0, 0, vn), UnitID: o.division.ID, ToUnitID: o.desk.ID})
		if err != nil || got.State.Version != 3 {
			t.Fatalf("acting on version 2: v%d %v", got.State.Version, err)
		}
		if back := atVersion(other, 3); back.State.Version != 3 || back.State.Status != got.State.Status {
			t.Errorf("the other node reads v%d %v, want v3 %v", back.State.Version, back.State.Status, got.State.Status)
		}
	})
}
