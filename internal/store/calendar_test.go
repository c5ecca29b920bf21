package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func date(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func working(t *testing.T, db *store.DB, day string) bool {
	t.Helper()
	c, err := db.Calendar(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return c.IsWorkingDay(date(t, day))
}

func TestCalendarTables(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// The official 2025 and 2026 schedules ship with the database.
		for day, want := range map[string]bool{
			"2026-01-10": true, "2026-01-02": false, "2026-08-22": true, "2026-08-31": false,
			"2025-04-26": true, "2025-05-02": false, "2026-02-16": false, "2026-11-24": true,
		} {
			if got := working(t, db, day); got != want {
				t.Errorf("%s working = %v, want %v", day, got, want)
			}
		}
		// Editing a projected year keeps its statutory holidays.
		if err := db.SetCalendarDay(ctx, sys, calendar.Entry{Date: date(t, "2027-02-20"), Kind: calendar.WorkingSaturday, Name: "làm bù"}); err != nil {
			t.Fatal(err)
		}
		if !working(t, db, "2027-02-20") || working(t, db, "2027-02-08") || working(t, db, "2027-09-02") {
			t.Error("2027 after adding a working Saturday: holidays lost or Saturday not working")
		}
		// A swapped Saturday that is not a Saturday is refused, and nothing is kept.
		err := db.SetCalendarDay(ctx, sys, calendar.Entry{Date: date(t, "2028-03-06"), Kind: calendar.WorkingSaturday})
		if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != "schedule" {
			t.Fatalf("working Saturday on a Monday: %v", err)
		}
		scheds, err := db.CalendarSchedules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scheds {
			if s.Year == 2028 {
				t.Error("a refused edit left a 2028 table behind")
			}
		}
		if err := db.DeleteCalendarDay(ctx, sys, date(t, "2026-03-03")); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("delete absent day: %v", err)
		}
		if err := db.DeleteCalendarDay(ctx, sys, date(t, "2026-01-02")); err != nil {
			t.Fatal(err)
		}
		if !working(t, db, "2026-01-02") {
			t.Error("2026-01-02 still off after deleting it")
		}
		// 24/11 is behind a setting.
		if err := db.SetCultureDay24Nov(ctx, sys, true); err != nil {
			t.Fatal(err)
		}
		if working(t, db, "2026-11-24") {
			t.Error("24/11 still working with the setting on")
		}
		evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "calendar"})
		if err != nil || len(evs) != 3 {
			t.Errorf("calendar journal: %d events, %v", len(evs), err)
		}
	})
}

func TestOfficeHoursPerAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		summer := calendar.OfficeHours{Seasons: []calendar.Season{
			{From: calendar.MonthDay{Month: 4, Day: 1}, To: calendar.MonthDay{Month: 9, Day: 30},
				Periods: []calendar.Period{{Start: calendar.Clock(7, 0), End: calendar.Clock(11, 0)}, {Start: calendar.Clock(13, 30), End: calendar.Clock(17, 30)}}},
			{From: calendar.MonthDay{Month: 10, Day: 1}, To: calendar.MonthDay{Month: 3, Day: 31},
				Periods: []calendar.Period{{Start: calendar.Clock(7, 30), End: calendar.Clock(11, 30)}, {Start: calendar.Clock(13, 0), End: calendar.Clock(17, 0)}}},
		}}
		if err := db.SetOfficeHours(ctx, sys, f.agency.ID, summer); err != nil {
			t.Fatal(err)
		}
		got, err := db.OfficeHours(ctx, f.agency.ID)
		if err != nil || len(got.Seasons) != 2 {
			t.Fatalf("office hours: %v %+v", err, got)
		}
		c, err := db.Calendar(ctx, f.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Received at 11:15 on a summer Monday: the agency is closed until 13:30.
		at := time.Date(2026, 6, 1, 11, 15, 0, 0, calendar.VN)
		open, err := c.NextOpening(at)
		if err != nil || !open.Equal(time.Date(2026, 6, 1, 13, 30, 0, 0, calendar.VN)) {
			t.Errorf("next opening = %v, %v", open, err)
		}
		// Other agencies keep the default hours.
		d, err := db.Calendar(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if open, _ := d.NextOpening(at); !open.Equal(at) {
			t.Errorf("default hours changed: %v", open)
		}
		bad := calendar.OfficeHours{Seasons: []calendar.Season{{From: calendar.MonthDay{Month: 1, Day: 1}, To: calendar.MonthDay{Month: 12, Day: 31},
			Periods: []calendar.Period{{Start: calendar.Clock(8, 0), End: calendar.Clock(12, 0)}}}}}
		if err := db.SetOfficeHours(ctx, sys, f.agency.ID, bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("4-hour day accepted: %v", err)
		}
		if got, _ := db.OfficeHours(ctx, f.agency.ID); len(got.Seasons) != 2 {
			t.Error("refused office hours replaced the old ones")
		}
	})
}
