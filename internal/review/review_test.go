package review

import (
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/work"
)

func TestPeriodBoundsAndTitle(t *testing.T) {
	for _, c := range []struct {
		p        Period
		from, to string
		title    string
	}{
		{Period{Quarter, 2026, 1}, "2026-01-01", "2026-03-31", "Sơ kết công tác quý I năm 2026"},
		{Period{Quarter, 2026, 4}, "2026-10-01", "2026-12-31", "Sơ kết công tác quý IV năm 2026"},
		{Period{Month, 2028, 2}, "2028-02-01", "2028-02-29", "Sơ kết công tác tháng 2 năm 2028"},
		{Period{Half, 2026, 1}, "2026-01-01", "2026-06-30", "Sơ kết công tác 6 tháng đầu năm 2026"},
		{Period{Half, 2026, 2}, "2026-07-01", "2026-12-31", "Sơ kết công tác 6 tháng cuối năm 2026"},
		{Period{Year, 2026, 0}, "2026-01-01", "2026-12-31", "Tổng kết công tác năm 2026"},
	} {
		if err := c.p.Validate(); err != nil {
			t.Fatalf("%v: %v", c.p, err)
		}
		f, to := c.p.Bounds()
		if f.String() != c.from || to.String() != c.to {
			t.Errorf("%v: bounds %s–%s, want %s–%s", c.p, f, to, c.from, c.to)
		}
		if got := c.p.Title("vi"); got != c.title {
			t.Errorf("%v: title %q, want %q", c.p, got, c.title)
		}
	}
}

func TestPeriodValidate(t *testing.T) {
	for _, c := range []struct {
		p     Period
		field string
	}{
		{Period{Quarter, 2026, 5}, "index"},
		{Period{Quarter, 2026, 0}, "index"},
		{Period{Month, 2026, 13}, "index"},
		{Period{Year, 2026, 1}, "index"},
		{Period{"week", 2026, 1}, "kind"},
		{Period{Year, 1999, 0}, "year"},
	} {
		err := c.p.Validate()
		if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != c.field {
			t.Errorf("%v: got %v, want invalid %s", c.p, err, c.field)
		}
	}
}

func TestIssueLocks(t *testing.T) {
	r := Review{Period: Period{Quarter, 2026, 1}, Status: Draft}
	now := time.Date(2026, 4, 3, 2, 0, 0, 0, time.UTC)
	if err := r.Issue(now, []byte("x")); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("issue without a number: %v", err)
	}
	if err := r.Edit(Narrative{Results: "Hoàn thành 95% nhiệm vụ"}, "12/BC-VP", "Nguyễn Văn A", []string{"Như trên;", "Lưu: VT."}); err != nil {
		t.Fatal(err)
	}
	if err := r.Issue(now, []byte("docx bytes")); err != nil {
		t.Fatal(err)
	}
	// sha256("docx bytes")
	if r.Status != Issued || r.SHA256 != "9c53fa3ca6756ee84492a2f5e05fc3ef989127e45c8d863fecf9f57d50186659" || !r.IssuedAt.Equal(now) {
		t.Fatalf("not issued: %+v", r)
	}
	before := r.Narrative
	if err := r.Edit(Narrative{Results: "khác"}, "13/BC-VP", "", nil); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("edit after issue: %v, want conflict", err)
	}
	if r.Narrative != before || r.Number != "12/BC-VP" {
		t.Fatalf("an issued review changed: %+v", r)
	}
	if err := r.Issue(now, nil); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("issue twice: %v", err)
	}
}

func TestCanWriteAndRecord(t *testing.T) {
	sub := map[int64]bool{3: true, 7: true}
	if CanWrite(sub, 3) != nil || !apperr.Is(CanWrite(sub, 4), apperr.Forbidden) {
		t.Error("CanWrite")
	}
	if CanRecord(false, sub, 7) != nil || CanRecord(true, sub, 9) != nil || !apperr.Is(CanRecord(false, sub, 9), apperr.Forbidden) {
		t.Error("CanRecord")
	}
}

func d(y, m, day int) calendar.Date { return calendar.Date{Year: y, Month: time.Month(m), Day: day} }

func TestViolationValidate(t *testing.T) {
	versions := append(DefaultChecklists(), Checklist{Key: "ct09", From: d(2026, 7, 1), Items: []Item{{"CT09-99", "Mục mới"}}})
	ok := Violation{PersonID: 5, Checklist: "ct09", ItemCode: "CT09-01", On: d(2026, 3, 2), Severity: Reminder}
	for _, c := range []struct {
		name  string
		edit  func(*Violation)
		field string
	}{
		{"ok", func(*Violation) {}, ""},
		{"unknown item", func(v *Violation) { v.ItemCode = "CT09-42" }, "item"},
		{"item of a later version", func(v *Violation) { v.ItemCode = "CT09-99" }, "item"},
		{"later version in force", func(v *Violation) { v.ItemCode, v.On = "CT09-99", d(2026, 8, 1) }, ""},
		{"old item gone in new version", func(v *Violation) { v.On = d(2026, 8, 1) }, "item"},
		{"unknown checklist", func(v *Violation) { v.Checklist = "xyz" }, "checklist"},
		{"before any version", func(v *Violation) { v.On = d(2015, 1, 1) }, "checklist"},
		{"no person", func(v *Violation) { v.PersonID = 0 }, "person"},
		{"bad severity", func(v *Violation) { v.Severity = "death" }, "severity"},
	} {
		v := ok
		c.edit(&v)
		err := v.Validate(versions)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != c.field {
			t.Errorf("%s: got %v, want invalid %s", c.name, err, c.field)
		}
	}
}

func TestEffectOf(t *testing.T) {
	vs := []Violation{
		{On: d(2026, 1, 5), Severity: Reminder},
		{On: d(2026, 2, 5), Severity: Reminder},
		{On: d(2026, 4, 1), Severity: Discipline}, // next quarter
	}
	q1, q1end := Period{Quarter, 2026, 1}.Bounds()
	e := EffectOf(DefaultDeduction, vs, q1, q1end)
	if e.Reminders != 2 || e.Deduction != 4 || e.Disciplined {
		t.Errorf("Q1: %+v", e)
	}
	y, yend := Period{Year, 2026, 0}.Bounds()
	e = EffectOf(DeductionRule{PerReminder: 3, Max: 5}, vs, y, yend)
	if e.Deduction != 5 || !e.Disciplined || e.Disciplines != 1 {
		t.Errorf("year: %+v", e)
	}
}

func TestPropose(t *testing.T) {
	ys := []Rated{
		{PersonID: 1, Grade: work.Excellent},
		{PersonID: 2, Grade: work.Good},
		{PersonID: 3, Grade: work.Completed},
		{PersonID: 4, Grade: work.Excellent, Disciplined: true},
		{PersonID: 5, Grade: work.Failed},
	}
	got := Propose(DefaultEmulation, ys)
	if len(got) != 2 || got[0].PersonID != 1 || got[0].Title != Emulator || got[1].PersonID != 2 || got[1].Title != Advanced {
		t.Fatalf("proposals %+v", got)
	}
	// The rule is data: an agency that proposes Lao động tiên tiến for HTNV too.
	r := DefaultEmulation
	r.Advanced = []work.Grade{work.Good, work.Completed}
	if n := len(Propose(r, ys)); n != 3 {
		t.Fatalf("with HTNV: %d proposals", n)
	}
}
