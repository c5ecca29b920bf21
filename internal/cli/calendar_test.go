package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
)

// TestCalendarCommand checks the `congvu calendar` contract line by line:
// scripts parse this output.
func TestCalendarCommand(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"calendar", "tet", "2024", "2030"}, "2024 2024-02-10\n2025 2025-01-29\n2026 2026-02-17\n2027 2027-02-06\n2028 2028-01-26\n2029 2029-02-13\n2030 2030-02-02\n"},
		{[]string{"calendar", "tet", "1985", "1985"}, "1985 1985-01-21\n"},
		{[]string{"calendar", "tet", "2007", "2007"}, "2007 2007-02-17\n"},
		{[]string{"calendar", "lunar", "2026-04-26"}, "10/3/2026\n"},
		{[]string{"calendar", "lunar", "2025-07-25"}, "1/6/2025 (nhuận)\n"},
		{[]string{"calendar", "solar", "10", "3", "2025"}, "2025-04-07\n"},
		{[]string{"calendar", "solar", "1", "6", "2025", "--leap"}, "2025-07-25\n"},
		{[]string{"calendar", "day", "2026-01-10"}, "working\n"},
		{[]string{"calendar", "day", "2026-02-17"}, "off: Tết Nguyên đán\n"},
		{[]string{"calendar", "day", "2026-03-01"}, "off: Chủ nhật\n"},
		{[]string{"calendar", "due", "--from", "2026-03-02T08:00:00+07:00", "--working-days", "1"}, "2026-03-03T08:00:00+07:00\n"},
		{[]string{"calendar", "due", "--from", "2026-03-02T07:00:00+07:00", "--working-days", "0.5"}, "2026-03-02T11:00:00+07:00\n"},
		{[]string{"calendar", "due", "--from", "2026-03-02T16:00:00+07:00", "--working-days", "1", "--after-15h"}, "2026-03-03T17:00:00+07:00\n"},
		{[]string{"calendar", "due", "--from", "2026-02-13T10:00:00+07:00", "--working-days", "2"}, "2026-02-24T10:00:00+07:00\n"},
		{[]string{"calendar", "between", "2026-03-02T07:00:00+07:00", "2026-03-03T12:00:00+07:00"}, "1 ngày 4 giờ 30 phút làm việc (12 giờ 30 phút làm việc)\n"},
		{[]string{"calendar", "between", "2026-03-02T07:30:00+07:00", "2026-03-09T07:30:00+07:00"}, "5 ngày làm việc (40 giờ làm việc)\n"},
		{[]string{"calendar", "between", "2026-03-02T07:30:00+07:00", "2026-03-09T07:30:00+07:00", "--json"},
			`{"hours":40,"hours_words":"40 giờ làm việc","seconds":144000,"text":"40h0m","words":"5 ngày làm việc"}` + "\n"},
	}
	for _, c := range cases {
		code, out, errs := run(t, nil, "", c.args...)
		if code != 0 || out != c.want {
			t.Errorf("%v: exit %d, out %q, err %q; want %q", c.args, code, out, errs, c.want)
		}
	}
}

func TestCalendarCommandJSONAndErrors(t *testing.T) {
	code, out, _ := run(t, nil, "", "calendar", "day", "2026-02-17", "--json")
	var day struct {
		Working bool   `json:"working"`
		Reason  string `json:"reason"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &day) != nil || day.Working || day.Reason != "Tết Nguyên đán" {
		t.Errorf("day --json: %d %q", code, out)
	}
	code, out, _ = run(t, nil, "", "calendar", "tet", "2025", "2026", "--json")
	var tets []struct {
		Year int    `json:"year"`
		Tet  string `json:"tet"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &tets) != nil || len(tets) != 2 || tets[1].Tet != "2026-02-17" {
		t.Errorf("tet --json: %d %q", code, out)
	}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"calendar", "lunar", "2026-02-30"}, "30/02/2026"},
		{[]string{"calendar", "tet", "2300", "2301"}, "2300"},
		{[]string{"calendar", "solar", "1", "5", "2025", "--leap"}, "nhuận"},
		{[]string{"calendar", "due", "--from", "2026-03-02T08:00:00+07:00", "--working-days", "-1"}, "-1"},
		{[]string{"calendar", "due", "--from", "yesterday", "--working-days", "1"}, "yesterday"},
		{[]string{"calendar", "due", "--from", "2026-03-02T08:00:00+07:00"}, "--working-days"},
		{[]string{"calendar", "between", "2026-03-02T08:00:00+07:00"}, "between"},
		{[]string{"calendar", "weekday"}, "weekday"},
	}
	for _, c := range bad {
		code, _, errs := run(t, nil, "", c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming %q", c.args, code, errs, c.want)
		}
	}
}

func TestCalendarCommandReadsTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cal.db")
	if code, _, errs := run(t, nil, "", "migrate", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	// The official 2026 table is in the database: 2/1 is a compensatory day off.
	code, out, errs := run(t, nil, "", "calendar", "day", "2026-01-02", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "off: ") {
		t.Fatalf("day from db: %d %q %q", code, out, errs)
	}
}

// TestCalendarCommandAgency: with --agency the command reads that
// agency's own days off on top of the national table; without, the
// national calendar.
func TestCalendarCommandAgency(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cal.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	sys := audit.System("test")
	ag, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetAgencyDayOff(ctx, sys, ag.ID, calendar.DayOff{Date: calendar.Date{Year: 2026, Month: 3, Day: 4}, Name: "Ngày thành lập Sở"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	id := strconv.FormatInt(ag.ID, 10)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"calendar", "day", "2026-03-04", "--db", path, "--agency", id}, "off: Ngày thành lập Sở\n"},
		{[]string{"calendar", "day", "2026-03-04", "--db", path}, "working\n"},
		{[]string{"calendar", "due", "--from", "2026-03-03T08:00:00+07:00", "--working-days", "2", "--db", path, "--agency", id}, "2026-03-06T08:00:00+07:00\n"},
	} {
		code, out, errs := run(t, nil, "", c.args...)
		if code != 0 || out != c.want {
			t.Errorf("%v: exit %d, %q %q; want %q", c.args, code, out, errs, c.want)
		}
	}
}
