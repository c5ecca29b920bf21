package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestAgencyDaysOffMoveOnlyThatAgency: agency A's own day off moves the
// due instants of A's calendar, on this node and on another, and not
// those of agency B nor the national calendar; the change is journalled
// with A's agency, so B's readers do not see it.
func TestAgencyDaysOffMoveOnlyThatAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		a := f.agency.ID
		b, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.OpenAnotherNode(t, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		from := time.Date(2026, 3, 3, 8, 0, 0, 0, calendar.VN) // a Tuesday
		limit := calendar.Limit{Value: 2, Unit: calendar.WorkingDays}
		due := func(db *store.DB, agency int64) time.Time {
			t.Helper()
			c, err := db.Calendar(ctx, agency)
			if err != nil {
				t.Fatal(err)
			}
			d, err := c.Due(from, limit)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		thursday := time.Date(2026, 3, 5, 8, 0, 0, 0, calendar.VN)
		friday := time.Date(2026, 3, 6, 8, 0, 0, 0, calendar.VN)
		if got := due(other, a); !got.Equal(thursday) { // warms the other node's cache
			t.Fatalf("before: due %v", got)
		}
		admin := audit.Actor{PersonID: f.alice.ID, Name: f.alice.FullName}
		if err := db.SetAgencyDayOff(ctx, admin, a, calendar.DayOff{Date: date(t, "2026-03-04"), Name: "Ngày thành lập Sở"}); err != nil {
			t.Fatal(err)
		}
		other.ExpireCalendars()
		for _, c := range []struct {
			name   string
			db     *store.DB
			agency int64
			want   time.Time
		}{
			{"A on this node", db, a, friday},
			{"A on another node", other, a, friday},
			{"B", db, b.ID, thursday},
			{"B on another node", other, b.ID, thursday},
			{"national", db, 0, thursday},
		} {
			if got := due(c.db, c.agency); !got.Equal(c.want) {
				t.Errorf("%s: due %v, want %v", c.name, got.In(calendar.VN), c.want)
			}
		}
		days, err := db.AgencyDaysOff(ctx, a)
		if err != nil || len(days) != 1 || days[0].Name != "Ngày thành lập Sở" {
			t.Errorf("A's days off: %+v, %v", days, err)
		}
		if days, err := db.AgencyDaysOff(ctx, b.ID); err != nil || len(days) != 0 {
			t.Errorf("B's days off: %+v, %v", days, err)
		}
		// Journalled with A's agency: A's readers see it, B's do not.
		seen := func(agency int64) int {
			evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "agency_days_off", AgencyIDs: []int64{agency}})
			if err != nil {
				t.Fatal(err)
			}
			return len(evs)
		}
		if seen(a) != 1 || seen(b.ID) != 0 {
			t.Errorf("journal: A sees %d, B sees %d; want 1 and 0", seen(a), seen(b.ID))
		}
		// A national edit is every agency's: both see it.
		if err := db.SetCalendarDay(ctx, sys, calendar.Entry{Date: date(t, "2027-02-20"), Kind: calendar.WorkingSaturday}); err != nil {
			t.Fatal(err)
		}
		for _, ag := range []int64{a, b.ID} {
			evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "calendar", AgencyIDs: []int64{ag}})
			if err != nil || len(evs) != 1 {
				t.Errorf("agency %d sees %d national edits, %v; want 1", ag, len(evs), err)
			}
		}
		// Deleting it gives Wednesday back; an absent day is NotFound.
		if err := db.DeleteAgencyDayOff(ctx, admin, a, date(t, "2026-03-04")); err != nil {
			t.Fatal(err)
		}
		if got := due(db, a); !got.Equal(thursday) {
			t.Errorf("after delete: due %v", got.In(calendar.VN))
		}
		if err := db.DeleteAgencyDayOff(ctx, admin, a, date(t, "2026-03-04")); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("delete absent: %v", err)
		}
		// Overrides belong to agencies: a division or an unknown unit is refused, nothing written.
		for _, u := range []int64{f.divA.ID, 999999, 0} {
			err := db.SetAgencyDayOff(ctx, admin, u, calendar.DayOff{Date: date(t, "2026-03-04")})
			if !apperr.Is(err, apperr.NotFound) {
				t.Errorf("day off of unit %d: %v", u, err)
			}
		}
		if got := seen(a); got != 2 {
			t.Errorf("journal after refusals: %d events, want 2", got)
		}
		long := calendar.DayOff{Date: date(t, "2026-03-04"), Name: strings.Repeat("ngày ", 40)}
		if err := db.SetAgencyDayOff(ctx, admin, a, long); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("long name: %v", err)
		}
	})
}
