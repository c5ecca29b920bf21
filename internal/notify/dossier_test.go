package notify

import (
	"slices"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

func TestForEvent(t *testing.T) {
	for _, a := range dossier.Actions {
		k, ok := ForEvent(a)
		want := map[dossier.Action]Kind{dossier.Forward: DossierForwarded, dossier.ReceiveSupplement: DossierSupplement,
			dossier.ReturnForRework: DossierReturned}[a]
		if ok != (want != "") || k != want {
			t.Errorf("ForEvent(%s) = %q, %v; want %q", a, k, ok, want)
		}
	}
}

func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDueState: 24 working hours are three working days of 8 hours, so a
// dossier due on Monday at 10:00 is due soon from the Wednesday before at
// 10:00, and a weekend between does not count.
func TestDueState(t *testing.T) {
	cal, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	due := vn("2025-11-17 10:00") // a Monday
	cases := []struct {
		now    string
		paused bool
		want   Kind
	}{
		{"2025-11-12 09:59", false, ""},             // Wednesday: 24h and a minute left
		{"2025-11-12 10:00", false, DossierDueSoon}, // exactly 24 working hours
		{"2025-11-14 16:00", false, DossierDueSoon}, // Friday afternoon
		{"2025-11-15 12:00", false, DossierDueSoon}, // Saturday: 2.x working hours left
		{"2025-11-17 10:00", false, DossierOverdue}, // at the due instant
		{"2025-11-18 08:00", false, DossierOverdue}, // after
		{"2025-11-14 16:00", true, ""},              // paused: the due will move
		{"2025-11-05 10:00", false, ""},             // far ahead
	}
	for _, c := range cases {
		k, ok, err := DueState(cal, due, vn(c.now), c.paused)
		if err != nil {
			t.Fatal(err)
		}
		if k != c.want || ok != (c.want != "") {
			t.Errorf("now %s paused %v: %q %v, want %q", c.now, c.paused, k, ok, c.want)
		}
	}
}

func TestRecipients(t *testing.T) {
	ms := []org.Membership{
		{PersonID: 1, UnitID: 10, Role: org.RoleOfficial},
		{PersonID: 2, UnitID: 10, Role: org.RoleHead},
		{PersonID: 3, UnitID: 10, Role: org.RoleClerk},
		{PersonID: 4, UnitID: 11, Role: org.RoleOfficial},
		{PersonID: 1, UnitID: 10, Role: org.RoleDeputyHead}, // a second role: told once
	}
	cases := []struct {
		name         string
		named, unit  int64
		roles, extra []org.Role
		want         []int64
	}{
		{"named person only", 4, 10, HandlerRoles, nil, []int64{4}},
		{"the unit's handlers", 0, 10, HandlerRoles, nil, []int64{1, 2}},
		{"named and the heads", 1, 10, HandlerRoles, HeadRoles, []int64{1, 2}},
		{"nobody in the unit", 0, 12, HandlerRoles, HeadRoles, nil},
	}
	for _, c := range cases {
		got := Recipients(c.named, c.unit, ms, c.roles, c.extra)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
