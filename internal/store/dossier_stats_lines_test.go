package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDossierReportLines: Biểu II.06a per field and per unit; each list
// adds up to the unit's total, figure by figure.
func TestDossierReportLines(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		div2, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &o.agency.ID, Kind: org.KindDivision, Name: "Phòng Đấu thầu", ValidFrom: "2025-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		p2 := o.proc
		p2.Code, p2.Name, p2.Field, p2.Version = "2.000815", "Thẩm định kế hoạch lựa chọn nhà thầu", "Đấu thầu", 0
		p2.Steps = []dossier.Step{
			{Name: "Tiếp nhận", UnitID: o.desk.ID, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: div2.ID, Budget: 14},
			{Name: "Trả kết quả", UnitID: o.desk.ID, Role: org.RoleClerk, Budget: 0.5},
		}
		if _, err := db.CreateProcedureVersion(ctx, sys, p2); err != nil {
			t.Fatal(err)
		}
		day := time.Date(2026, 3, 2, 8, 0, 0, 0, vn)
		for i, code := range []string{o.proc.Code, o.proc.Code, p2.Code, o.proc.Code, p2.Code} {
			in := o.intake("Nguyễn Văn An", day.Add(time.Duration(i)*time.Hour), dossier.ChannelDirect)
			in.ProcedureCode = code
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, in)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 { // one withdrawn, to fill another column
				if _, err := db.RecordDossierEvent(ctx, o.clerk, rec.Code, 1, dossier.Event{Action: dossier.Withdraw, At: day.Add(2 * time.Hour), UnitID: o.desk.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		from, to := calendar.Date{Year: 2026, Month: 3, Day: 1}, calendar.Date{Year: 2026, Month: 3, Day: 31}
		units, err := db.StatsUnits(ctx, o.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		total, err := db.DossierReport(ctx, units, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if total.Received.Total != 5 || total.Withdrawn != 1 {
			t.Fatalf("total %+v", total)
		}
		byField, byUnit, err := db.DossierReportLines(ctx, o.agency.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(byField) != 2 || byField[0].Label != "Thành lập và hoạt động của doanh nghiệp" && byField[0].Label != "Đấu thầu" {
			t.Fatalf("fields %+v", byField)
		}
		for name, lines := range map[string][]dossier.ReportLine{"field": byField, "unit": byUnit} {
			sum := dossier.Report{From: from, To: to}
			for _, l := range lines {
				sum.Add(l.Report)
			}
			if sum != total {
				t.Errorf("the lines per %s add up to %+v, not the total %+v", name, sum, total)
			}
		}
		got := map[string]int{}
		for _, l := range byField {
			got[l.Label] = l.Report.Received.Total
		}
		for _, l := range byUnit {
			got[l.Label] = l.Report.Received.Total
		}
		for label, want := range map[string]int{"Đấu thầu": 2, "Thành lập và hoạt động của doanh nghiệp": 3,
			"Phòng Đấu thầu": 2, "Phòng Đăng ký kinh doanh": 3, "Bộ phận Một cửa": 0, "Sở Tài chính tỉnh Bắc Ninh": 0} {
			if got[label] != want {
				t.Errorf("%s: %d received, want %d (%v)", label, got[label], want, got)
			}
		}
	})
}
