package investment

import (
	"testing"

	"congvu/internal/calendar"
)

func realCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPostingDue checks the 5 working days of Luật Đấu thầu Art 8.4 on the
// official 2026 schedule (DOMAIN.md §2): weekends, Tết, Giỗ Tổ moved to
// Monday, 30/4–1/5, and a swapped working Saturday.
func TestPostingDue(t *testing.T) {
	cal := realCalendar(t)
	for _, c := range []struct{ issued, due, why string }{
		{"2026-03-06", "2026-03-13", "Friday: the weekend does not count"},
		{"2026-03-09", "2026-03-16", "Monday: five days later is the next Monday"},
		{"2026-02-12", "2026-02-26", "Thursday before Tết: Mon 16/2–Fri 20/2 off"},
		{"2026-04-24", "2026-05-06", "Friday before Giỗ Tổ (Mon 27/4 off) and 30/4–1/5"},
		{"2026-04-28", "2026-05-07", "Tuesday: 30/4 and 1/5 off"},
		{"2026-01-07", "2026-01-13", "Saturday 10/1 is a swapped working day"},
		{"2026-03-07", "2026-03-13", "issued on a Saturday: the count starts Monday"},
	} {
		if got := PostingDue(cal, day(t, c.issued)); got != day(t, c.due) {
			t.Errorf("%s: PostingDue(%s) = %s, want %s", c.why, c.issued, got, c.due)
		}
	}
}

func TestPostingState(t *testing.T) {
	cal := realCalendar(t)
	issued := day(t, "2026-02-12")
	doc := PostingDoc{Issued: issued, Due: PostingDue(cal, issued)} // due 26/2/2026
	posted := func(s string) PostingDoc { d := doc; p := day(t, s); d.Posted = &p; return d }
	for _, c := range []struct {
		name  string
		doc   PostingDoc
		today string
		want  PostingState
	}{
		{"just issued", doc, "2026-02-13", PostingPending},
		{"during Tết, still 5 working days", doc, "2026-02-20", PostingPending},
		{"two working days left", doc, "2026-02-24", PostingDueSoon},
		{"on the due date", doc, "2026-02-26", PostingDueSoon},
		{"the day after", doc, "2026-02-27", PostingOverdue},
		{"posted on the due date", posted("2026-02-26"), "2026-03-10", PostingOnTime},
		{"posted a day late", posted("2026-02-27"), "2026-03-10", PostingPostedLate},
	} {
		if got := c.doc.State(cal, day(t, c.today)); got != c.want {
			t.Errorf("%s: State on %s = %s, want %s", c.name, c.today, got, c.want)
		}
	}
	if !PostingOverdue.Late() || !PostingPostedLate.Late() || PostingOnTime.Late() {
		t.Error("Late is wrong")
	}
}

func TestValidatePosted(t *testing.T) {
	doc := PostingDoc{Issued: day(t, "2026-03-02"), Due: day(t, "2026-03-09")}
	today := day(t, "2026-03-20")
	for _, c := range []struct {
		posted string
		ok     bool
	}{{"2026-03-02", true}, {"2026-03-20", true}, {"2026-03-01", false}, {"2026-03-21", false}} {
		if err := ValidatePosted(doc, day(t, c.posted), today); (err == nil) != c.ok {
			t.Errorf("ValidatePosted(%s) = %v, want ok %v", c.posted, err, c.ok)
		}
	}
	p := day(t, "2026-03-03")
	doc.Posted = &p
	if err := ValidatePosted(doc, day(t, "2026-03-04"), today); err == nil {
		t.Error("posted twice accepted")
	}
}
