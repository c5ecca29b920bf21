package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/notify"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// A forward and a received supplement each enqueue one dossier_notify job
// in their own transaction, keyed by the event; other events enqueue none;
// enqueuing again (a retried request) adds nothing.
func TestDossierEventsEnqueueTheirNotification(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, vn) }
		rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Trần Thị Bình", at(2, 8), dossier.ChannelDirect))
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range []dossier.Event{
			{Action: dossier.Forward, At: at(2, 10), UnitID: o.desk.ID, ToUnitID: o.division.ID},
			{Action: dossier.RequestSupplement, At: at(3, 9), UnitID: o.division.ID, Reason: "Bổ sung điều lệ"},
			{Action: dossier.ReceiveSupplement, At: at(4, 9), UnitID: o.desk.ID},
		} {
			if _, err := db.RecordDossierEvent(ctx, o.official, rec.Code, 0, ev); err != nil {
				t.Fatalf("%s: %v", ev.Action, err)
			}
		}
		js, err := db.FindJobs(ctx, "dossier_notify", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(js) != 2 {
			t.Fatalf("%d jobs, want 2: %+v", len(js), js)
		}
		want := []store.DossierNotifyPayload{{Code: rec.Code, Seq: 2, Kind: notify.DossierForwarded}, {Code: rec.Code, Seq: 4, Kind: notify.DossierSupplement}}
		for i, j := range js {
			var p store.DossierNotifyPayload
			if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p != want[i] {
				t.Errorf("job %d: %s (%v), want %+v", i, j.Payload, err, want[i])
			}
		}
		if added, err := db.EnqueueJob(ctx, store.NewJob{Kind: "dossier_notify", Key: js[0].Key}); err != nil || added {
			t.Errorf("the same key again: added %v, %v", added, err)
		}
	})
}

// The scan reads the open dossiers due in a window, a page at a time; the digest counts what is overdue and due soon where
// the dossiers are now.
func TestOpenDossiersDueAndDigestCounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		day := func(d int) time.Time { return time.Date(2026, 3, d, 8, 0, 0, 0, vn) }
		var codes []string
		for i, d := range []int{2, 3, 4} { // due 15 working days later: 23, 24, 25 March
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Người nộp", day(d), dossier.ChannelDirect))
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, rec.Code)
			if i < 2 {
				if _, err := db.RecordDossierEvent(ctx, o.official, rec.Code, 0, dossier.Event{Action: dossier.Forward, At: day(d).Add(time.Hour), UnitID: o.desk.ID, ToUnitID: o.division.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		all, err := db.FindOpenDossiersDue(ctx, day(1), day(31), time.Time{}, 0, 100)
		if err != nil || len(all) != 3 {
			t.Fatalf("%d due, %v", len(all), err)
		}
		if all[0].Code != codes[0] || all[0].UnitID != o.division.ID || all[2].UnitID != o.desk.ID || all[0].Paused {
			t.Errorf("rows: %+v", all)
		}
		// Pages of one, after the last seen.
		var paged []string
		var after time.Time
		var afterID int64
		for {
			page, err := db.FindOpenDossiersDue(ctx, day(1), day(31), after, afterID, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, page[0].Code)
			after, afterID = page[0].StatutoryDue, page[0].ID
		}
		if len(paged) != 3 || paged[2] != codes[2] {
			t.Errorf("paged %v", paged)
		}
		// A window that ends before the last due leaves it out.
		some, err := db.FindOpenDossiersDue(ctx, day(1), day(25), time.Time{}, 0, 100)
		if err != nil || len(some) != 2 {
			t.Errorf("window: %d, %v", len(some), err)
		}
		// On 24 March 09:00 the two in the division (due 23 and 24 March
		// 08:00) are overdue; the one at the desk (25 March) is due soon.
		now := time.Date(2026, 3, 24, 9, 0, 0, 0, vn)
		c, err := db.CountDossiersForDigest(ctx, []int64{o.division.ID}, now, now.Add(48*time.Hour))
		if err != nil || c != (store.DossierCounts{Overdue: 2}) {
			t.Errorf("division counts %+v, %v", c, err)
		}
		c, err = db.CountDossiersForDigest(ctx, []int64{o.desk.ID}, now, now.Add(48*time.Hour))
		if err != nil || c != (store.DossierCounts{DueSoon: 1}) {
			t.Errorf("desk counts %+v, %v", c, err)
		}
		if c, _ := db.CountDossiersForDigest(ctx, nil, now, now); c != (store.DossierCounts{}) {
			t.Errorf("no units: %+v", c)
		}
	})
}

func TestNotificationSettingsAndReadAll(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		me := o.official.PersonID
		s, err := db.NotificationSettings(ctx, me)
		if err != nil || len(s) != 0 {
			t.Fatalf("fresh settings %v, %v", s, err)
		}
		if err := db.SetNotificationSettings(ctx, o.official, me, notify.Settings{notify.DossierDueSoon: false, notify.Digest: true}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetNotificationSettings(ctx, o.official, me, notify.Settings{notify.DossierDueSoon: true, notify.TaskUpdate: true}); err != nil {
			t.Fatal(err)
		}
		s, err = db.NotificationSettings(ctx, me)
		if err != nil || len(s) != 3 || !s[notify.DossierDueSoon] || !s[notify.Digest] || !s[notify.TaskUpdate] {
			t.Errorf("settings %v, %v", s, err)
		}
		if err := db.SetNotificationSettings(ctx, o.official, me, notify.Settings{"khac": true}); err == nil {
			t.Error("an unknown kind was saved")
		}
		// Another person's choices are their own.
		if s, _ := db.NotificationSettings(ctx, o.clerk.PersonID); len(s) != 0 {
			t.Errorf("clerk's settings %v", s)
		}
		for _, key := range []string{"a", "b", "c"} {
			if _, err := db.CreateNotification(ctx, store.Notification{PersonID: me, Kind: "dossier_forwarded", Title: "Hồ sơ " + key}, key); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.CreateNotification(ctx, store.Notification{PersonID: o.clerk.PersonID, Kind: "digest", Title: "Tổng hợp"}, "d"); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountUnreadNotifications(ctx, me); n != 3 {
			t.Errorf("unread %d", n)
		}
		if n, err := db.MarkAllNotificationsRead(ctx, me); err != nil || n != 3 {
			t.Errorf("marked %d, %v", n, err)
		}
		if n, _ := db.CountUnreadNotifications(ctx, me); n != 0 {
			t.Errorf("unread after %d", n)
		}
		if n, _ := db.CountUnreadNotifications(ctx, o.clerk.PersonID); n != 1 {
			t.Errorf("the clerk's were marked too: %d", n)
		}
	})
}
