package dossier

import (
	"testing"
	"time"
)

func TestByDates(t *testing.T) {
	due := "2026-04-15 08:00"
	for _, c := range []struct {
		done string
		want Result
	}{
		{"2026-04-14 16:59", Early},
		{"2026-04-15 00:00", OnTime},
		{"2026-04-15 07:59", OnTime},
		{"2026-04-15 23:59", OnTime},
		{"2026-04-16 00:00", Late},
	} {
		if got := ByDates(vn(c.done), vn(due)); got != c.want {
			t.Errorf("ByDates(%s, %s) = %v, want %v", c.done, due, got, c.want)
		}
	}
	// Dates are taken in Vietnam, whatever the zone of the instants.
	if got := ByDates(vn("2026-04-16 06:00").UTC(), vn("2026-04-15 08:00").UTC()); got != Late {
		t.Errorf("UTC instants: %v", got)
	}
	if Early.Label("vi") != "Trước hạn" || OnTime.Label("vi") != "Đúng hạn" || Late.Label("vi") != "Quá hạn" ||
		WithinDeadline.Label("vi") != "Trong hạn" || Overdue.Label("en") != "Overdue" || ResultNone.Label("vi") != "" {
		t.Error("labels")
	}
}

func TestClassifyOpenAndDueSoon(t *testing.T) {
	// At the consulted bodies, due Wed 15/4/2026 08:00, not paused.
	open := replay(t, bacNinh(), DefaultRules(), ev(Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 16:00", unitDivA, "Bình", "Cường"), fwd("2026-03-13 09:00", unitDivB, "Cường", "Dung"))
	sameTime(t, "due", open.StatutoryDue, "2026-04-15 08:00")
	if Classify(open) != ResultNone {
		t.Error("an open dossier is not classified as finished")
	}
	for _, c := range []struct {
		end  string
		want Result
	}{
		{"2026-03-31", WithinDeadline},
		{"2026-04-15", WithinDeadline}, // due on the period's last day
		{"2026-04-16", Overdue},
	} {
		if got := ClassifyOpen(open, date(c.end)); got != c.want {
			t.Errorf("ClassifyOpen(%s) = %v, want %v", c.end, got, c.want)
		}
	}
	for _, c := range []struct {
		now  string
		want bool
	}{
		{"2026-04-14 07:59", false}, // 24 h and a minute
		{"2026-04-14 08:00", true},  // exactly 24 h
		{"2026-04-15 07:59", true},
		{"2026-04-15 08:00", false}, // due now: overdue, not due soon
		{"2026-04-20 08:00", false},
	} {
		if got := DueSoon(open, vn(c.now)); got != c.want {
			t.Errorf("DueSoon(%s) = %v, want %v", c.now, got, c.want)
		}
	}
	// Paused before the due: time is left on a stopped clock.
	paused := replay(t, bacNinh(), DefaultRules(), ev(Receive, "2026-03-02 08:00"), ev(Stop, "2026-04-14 08:00"))
	if got := ClassifyOpen(paused, date("2026-05-31")); got != WithinDeadline {
		t.Errorf("paused before the due: %v", got)
	}
	if DueSoon(paused, vn("2026-04-14 09:00")) {
		t.Error("a paused dossier is not due soon")
	}
	// Paused after the due: stays overdue.
	late := replay(t, bacNinh(), DefaultRules(), ev(Receive, "2026-03-02 08:00"), ev(Stop, "2026-04-16 08:00"))
	if got := ClassifyOpen(late, date("2026-05-31")); got != Overdue {
		t.Errorf("paused after the due: %v", got)
	}
	if got := ClassifyOpen(State{}, date("2026-05-31")); got != ResultNone {
		t.Errorf("never received: %v", got)
	}
	left, err := Remaining(open, testCal(t), vn("2026-04-14 08:00"))
	if err != nil || left != 8*time.Hour {
		t.Errorf("Remaining = %v, %v", left, err)
	}
}
