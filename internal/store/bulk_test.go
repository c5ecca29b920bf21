package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestBulkLoaderMatchesEngine records the same histories through
// ReceiveDossier and RecordDossierEvent, then through the bulk loader, and
// checks that the bulk dossiers replay to the same states and add exactly
// the same figures to the period report.
func TestBulkLoaderMatchesEngine(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, vn) }
		fwd := func(t time.Time, to int64) dossier.Event {
			return dossier.Event{Action: dossier.Forward, At: t, UnitID: o.desk.ID, ToUnitID: to}
		}
		type plan struct {
			in     dossier.Intake
			events []dossier.Event
		}
		plans := []plan{
			{o.intake("Nguyễn Văn An", at(2, 8, 10), dossier.ChannelDirect), []dossier.Event{
				fwd(at(2, 9, 0), o.division.ID),
				{Action: dossier.RequestSupplement, At: at(4, 10, 0), UnitID: o.division.ID, Reason: "Thiếu điều lệ", SupplementDays: 5},
				{Action: dossier.ReceiveSupplement, At: at(9, 14, 0), UnitID: o.division.ID},
				{Action: dossier.Forward, At: at(20, 9, 0), UnitID: o.division.ID, ToUnitID: o.desk.ID},
				{Action: dossier.Complete, At: at(20, 10, 0), UnitID: o.desk.ID},
				{Action: dossier.ReturnResult, At: at(23, 8, 30), UnitID: o.desk.ID},
			}},
			{o.intake("Trần Thị Bình", at(2, 15, 30), dossier.ChannelOnline), []dossier.Event{
				{Action: dossier.Accept, At: at(3, 8, 0), UnitID: o.desk.ID},
				fwd(at(3, 9, 0), o.division.ID),
			}},
			{o.intake("Lê Văn Cường", at(3, 9, 0), dossier.ChannelOnline), []dossier.Event{
				{Action: dossier.Refuse, At: at(3, 10, 0), UnitID: o.desk.ID, Reason: "Không thuộc thẩm quyền"},
			}},
			{o.intake("Phạm Thị Dung", at(5, 9, 0), dossier.ChannelPostal), []dossier.Event{
				{Action: dossier.Withdraw, At: at(12, 9, 0)},
			}},
			{o.intake("Hoàng Văn Em", at(5, 10, 0), dossier.ChannelDirect), []dossier.Event{
				fwd(at(5, 11, 0), o.division.ID),
				{Action: dossier.Forward, At: at(31, 9, 0), UnitID: o.division.ID, ToUnitID: o.desk.ID},
				{Action: dossier.Complete, At: at(31, 10, 0), UnitID: o.desk.ID},
			}},
		}
		units := []int64{o.division.ID, o.desk.ID, o.agency.ID}
		from, to := calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.DateOf(time.Now())
		var engine []dossier.Record
		for _, p := range plans {
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, p.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range p.events {
				if rec, err = db.RecordDossierEvent(ctx, o.clerk, rec.Code, 0, ev); err != nil {
					t.Fatalf("%s: %v", ev.Action, err)
				}
			}
			engine = append(engine, rec)
		}
		before, err := db.DossierReport(ctx, units, from, to)
		if err != nil {
			t.Fatal(err)
		}

		l, err := db.NewBulkLoader(ctx, audit.System("test"), o.agency.ID, store.BulkOptions{Batch: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range engine {
			rec := dossier.Record{Procedure: dossier.Procedure{Code: o.proc.Code}, Applicant: e.Applicant, Channel: e.Channel,
				Documents: e.Documents, Sets: e.Sets}
			for _, ev := range e.Events {
				ev.Seq, ev.RecordedAt = 0, time.Time{}
				rec.Events = append(rec.Events, ev)
			}
			if err := l.Add(rec); err != nil {
				t.Fatal(err)
			}
		}
		stats, err := l.Close()
		if err != nil {
			t.Fatal(err)
		}
		if stats.Dossiers != len(plans) || stats.Batches != 3 {
			t.Errorf("stats %+v", stats)
		}
		after, err := db.DossierReport(ctx, units, from, to)
		if err != nil {
			t.Fatal(err)
		}
		double := before
		double.Received.Total, double.Received.Online, double.Received.Direct = 2*before.Received.Total, 2*before.Received.Online, 2*before.Received.Direct
		double.Resolved.Total, double.Resolved.Early, double.Resolved.OnTime, double.Resolved.Late = 2*before.Resolved.Total, 2*before.Resolved.Early, 2*before.Resolved.OnTime, 2*before.Resolved.Late
		double.InProgress.Total, double.InProgress.WithinDeadline, double.InProgress.Overdue, double.InProgress.Paused = 2*before.InProgress.Total, 2*before.InProgress.WithinDeadline, 2*before.InProgress.Overdue, 2*before.InProgress.Paused
		double.Withdrawn = 2 * before.Withdrawn
		if after != double {
			t.Errorf("report after the bulk load:\n got %+v\nwant %+v (twice %+v)", after, double, before)
		}
		// The bulk copies: the same states, the next numbers of the day.
		page, err := db.FindDossiers(ctx, dossier.Filter{AgencyID: o.agency.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 2*len(plans) {
			t.Fatalf("%d dossiers", len(page))
		}
		for i, e := range engine {
			code := page[len(plans)-1-i].Code // newest first
			bulk, err := db.FindDossierByCode(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			want, err := db.FindDossierByCode(ctx, e.Code)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(bulk.State, want.State) || bulk.LeadUnitID != want.LeadUnitID {
				t.Errorf("%s (bulk copy of %s): state differs\n got %+v\nwant %+v", code, e.Code, bulk.State, want.State)
			}
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("audit: %v", err)
		}
	})
}
