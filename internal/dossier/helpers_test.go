package dossier

import (
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// testCal is the default calendar: 07:00–11:30, 13:30–17:00, with the
// official 2025 and 2026 holiday tables.
func testCal(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// vn returns an instant in Vietnam: vn("2026-03-02 08:00").
func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
	if err != nil {
		panic(err)
	}
	return t
}

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Units of the test agency: 1 the department (agency), 2 its one-stop desk,
// 3 and 4 two divisions, 5 a team inside division 3; 9 another agency.
const (
	unitAgency = 1
	unitDesk   = 2
	unitDivA   = 3
	unitDivB   = 4
	unitTeam   = 5
	unitOther  = 9
)

func ptr(i int64) *int64 { return &i }

func testTree() *org.Tree {
	return org.NewTree([]org.Unit{
		{ID: unitAgency, AgencyID: unitAgency, Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: unitDesk, AgencyID: unitAgency, ParentID: ptr(unitAgency), Kind: org.KindDesk, Name: "Bộ phận một cửa"},
		{ID: unitDivA, AgencyID: unitAgency, ParentID: ptr(unitAgency), Kind: org.KindDivision, Name: "Phòng Đăng ký kinh doanh"},
		{ID: unitDivB, AgencyID: unitAgency, ParentID: ptr(unitAgency), Kind: org.KindDivision, Name: "Phòng Đấu thầu"},
		{ID: unitTeam, AgencyID: unitAgency, ParentID: ptr(unitDivA), Kind: org.KindDivision, Name: "Tổ thẩm định"},
		{ID: unitOther, AgencyID: unitOther, Kind: org.KindAgency, Name: "Sở Xây dựng"},
	})
}

// proc15 is a 15-working-day procedure: the desk (half a day), a division
// (14 days), the director's signature (half a day).
func proc15() Procedure {
	return Procedure{
		Code: "1.009645", Name: "Cấp giấy chứng nhận đăng ký doanh nghiệp", Field: "Thành lập và hoạt động của doanh nghiệp",
		Level: LevelFull, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays}, Fee: 50000,
		Documents: []Document{{Name: "Giấy đề nghị đăng ký doanh nghiệp", Copy: Original, Quantity: 1}},
		Steps: []Step{
			{Name: "Bộ phận một cửa", UnitID: unitDesk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Phòng Đăng ký kinh doanh", UnitID: unitDivA, Budget: 14},
			{Name: "Lãnh đạo Sở", UnitID: unitAgency, Role: org.RoleDirector, Budget: 0.5},
		},
		Version: 1, EffectiveFrom: date("2025-01-01"), AgencyID: unitAgency,
	}
}

// ev builds an event at a Vietnamese time, recorded at the same instant.
func ev(a Action, at string) Event {
	t := vn(at)
	e := Event{Action: a, At: t, RecordedAt: t, ActorID: 7, ActorName: "Trần Thị Bình", UnitID: unitDesk}
	if a.NeedsReason() {
		e.Reason = "lý do"
	}
	return e
}

// fwd is a forward to a unit and person.
func fwd(at string, unit int64, from, to string) Event {
	e := ev(Forward, at)
	e.ActorName, e.ToUnitID, e.ToPersonID, e.ToPersonName = from, unit, 100+unit, to
	return e
}

func apologize(at, newDue string) Event {
	e := ev(Apologize, at)
	d := vn(newDue)
	e.NewDue = &d
	return e
}

func replay(t *testing.T, p Procedure, rules Rules, events ...Event) State {
	t.Helper()
	st, err := Replay(p, testCal(t), events, rules)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// wantCode checks err's apperr code.
func wantCode(t *testing.T, err error, code apperr.Code) *apperr.Error {
	t.Helper()
	if apperr.CodeOf(err) != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
	return apperr.As(err)
}

func sameTime(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if !got.Equal(vn(want)) {
		t.Errorf("%s = %s, want %s", what, got.In(calendar.VN).Format("2006-01-02 15:04 Mon"), want)
	}
}
