package dossier

import (
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/org"
)

// bacNinh is Bắc Ninh's investment-policy procedure (QĐ 973/QĐ-UBND 2019,
// DOMAIN.md §1.4): 32 working days = desk 0.5 + industrial-zone board 9.5 +
// consulted bodies 15 + provincial committee 7.
func bacNinh() Procedure {
	return Procedure{
		Code: "1.009645", Name: "Chấp thuận chủ trương đầu tư của UBND cấp tỉnh", Field: "Đầu tư tại Việt Nam",
		Level: LevelPartial, Limit: calendar.Limit{Value: 32, Unit: calendar.WorkingDays},
		Steps: []Step{
			{Name: "Bộ phận một cửa", UnitID: unitDesk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Ban Quản lý các KCN", UnitID: unitDivA, Budget: 9.5},
			{Name: "Các cơ quan được lấy ý kiến", UnitID: unitDivB, Budget: 15},
			{Name: "UBND tỉnh", UnitID: unitAgency, Role: org.RoleDirector, Budget: 7},
		},
		Version: 1, EffectiveFrom: date("2019-01-01"), AgencyID: unitAgency,
	}
}

// bacNinhRun receives on Mon 2/3/2026 08:00 and hands the dossier on: the
// desk 2 hours late by the clock but on the same date (on time); the board
// early; the consulted bodies late, after a two-day supplement pause; then
// the committee completes at done.
func bacNinhRun(t *testing.T, done string) State {
	t.Helper()
	return replay(t, bacNinh(), DefaultRules(),
		ev(Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 16:00", unitDivA, "Trần Thị Bình", "Lê Văn Cường"),
		fwd("2026-03-13 09:00", unitDivB, "Lê Văn Cường", "Phạm Thị Dung"),
		ev(RequestSupplement, "2026-03-16 09:00"),
		ev(ReceiveSupplement, "2026-03-18 09:00"),
		fwd("2026-04-08 10:00", unitAgency, "Phạm Thị Dung", "Hoàng Văn Em"),
		func() Event {
			e := ev(Complete, done)
			e.ActorName, e.ToPersonName, e.Note = "Hoàng Văn Em", "Trần Thị Bình", "đã ký quyết định"
			return e
		}())
}

func TestBacNinhSteps(t *testing.T) {
	st := bacNinhRun(t, "2026-04-17 16:59")
	sameTime(t, "StatutoryDue", st.StatutoryDue, "2026-04-17 08:00") // 15/4 08:00 + 2 days paused
	if st.Status != StatusResolved || st.CurrentStep != 3 || st.PausedWorking != 16*time.Hour {
		t.Fatalf("status %d step %d paused %v", st.Status, st.CurrentStep, st.PausedWorking)
	}
	want := []struct {
		start, end, due string
		spent           time.Duration
		result          Result
	}{
		{"2026-03-02 08:00", "2026-03-02 16:00", "2026-03-02 14:00", 6 * time.Hour, OnTime},
		{"2026-03-02 16:00", "2026-03-13 09:00", "2026-03-16 10:00", 67 * time.Hour, Early},
		{"2026-03-13 09:00", "2026-04-08 10:00", "2026-04-07 09:00", 129 * time.Hour, Late},
		{"2026-04-08 10:00", "2026-04-17 16:59", "2026-04-17 10:00", 60*time.Hour + 59*time.Minute, OnTime},
	}
	for i, w := range want {
		r := st.Steps[i]
		sameTime(t, r.Name+" start", r.StartedAt, w.start)
		sameTime(t, r.Name+" end", r.EndedAt, w.end)
		sameTime(t, r.Name+" due", r.Due, w.due)
		if r.Spent != w.spent || r.Result != w.result || !r.Done() {
			t.Errorf("%s: spent %v result %v; want %v %v", r.Name, r.Spent, r.Result, w.spent, w.result)
		}
	}
	if st.Steps[2].Paused != 16*time.Hour || st.Steps[1].Paused != 0 {
		t.Errorf("paused per step: %v %v", st.Steps[1].Paused, st.Steps[2].Paused)
	}
	// The step budgets add up to the statutory limit: with no step late,
	// the last step's due is the dossier's due.
	if st.Steps[2].Handler.Name != "Phạm Thị Dung" || st.Steps[2].UnitID != unitDivB {
		t.Errorf("handler = %+v", st.Steps[2])
	}

	rows := Slip(st)
	wantRows := []SlipRow{
		{"Bộ phận một cửa", unitDesk, vn("2026-03-02 16:00"), "Trần Thị Bình", "Lê Văn Cường", OnTime, "Đúng hạn", ""},
		{"Ban Quản lý các KCN", unitDivA, vn("2026-03-13 09:00"), "Lê Văn Cường", "Phạm Thị Dung", Early, "Trước hạn", ""},
		{"Các cơ quan được lấy ý kiến", unitDivB, vn("2026-04-08 10:00"), "Phạm Thị Dung", "Hoàng Văn Em", Late, "Quá hạn", ""},
		{"UBND tỉnh", unitAgency, vn("2026-04-17 16:59"), "Hoàng Văn Em", "Trần Thị Bình", OnTime, "Đúng hạn", "đã ký quyết định"},
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("%d slip rows", len(rows))
	}
	for i, w := range wantRows {
		g := rows[i]
		if g.Body != w.Body || g.UnitID != w.UnitID || !g.HandedAt.Equal(w.HandedAt) || g.Giver != w.Giver ||
			g.Receiver != w.Receiver || g.Result != w.Result || g.ResultLabel != w.ResultLabel || g.Note != w.Note {
			t.Errorf("slip row %d = %+v\nwant %+v", i, g, w)
		}
	}
}

func TestBacNinhClassifiedByDates(t *testing.T) {
	// Due Fri 17/4/2026 08:00 for the dossier, 10:00 for the committee's step.
	for _, c := range []struct {
		done string
		want Result
	}{
		{"2026-04-17 16:59", OnTime}, // same date, nine hours past the instant
		{"2026-04-20 07:01", Late},   // the next working day, first minute
		{"2026-04-16 10:00", Early},  // the day before
	} {
		st := bacNinhRun(t, c.done)
		if got := Classify(st); got != c.want {
			t.Errorf("completed %s: dossier %v, want %v", c.done, got, c.want)
		}
		if got := st.Steps[3].Result; got != c.want {
			t.Errorf("completed %s: last step %v, want %v", c.done, got, c.want)
		}
	}
}

func TestSlipOfAnOpenDossier(t *testing.T) {
	st := replay(t, bacNinh(), DefaultRules(), ev(Receive, "2026-03-02 08:00"),
		fwd("2026-03-02 11:00", unitDivA, "Trần Thị Bình", "Lê Văn Cường"))
	rows := Slip(st)
	if len(rows) != 2 || rows[0].Result != OnTime || rows[1].Body != "Ban Quản lý các KCN" ||
		!rows[1].HandedAt.IsZero() || rows[1].ResultLabel != "" {
		t.Errorf("rows = %+v", rows)
	}
	if r, ok := st.Current(); !ok || r.Index != 1 || r.Done() {
		t.Errorf("current = %+v", r)
	}
	if Slip(State{}) != nil {
		t.Error("slip of nothing")
	}
}
