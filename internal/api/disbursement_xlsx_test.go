package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// disbSheetBody is a filled template as the bytes of a workbook.
func disbSheetBody(t *testing.T, rows [][]any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteDisbursementTemplate(&buf, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(report.DisbursementSheet, "A"+strconv.Itoa(i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestDisbursementImportAPI: an investor's staff member imports a month
// (dry run, then for real) all or nothing, each wrong cell listed; the
// wrong media type is a 415, a body over the limit a 413; the department's
// staff read the ranking, the late investors and Biểu 01a, the investor
// neither the ranking nor another investor's figures.
func TestDisbursementImportAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		s, mux := newTestServer(t, db, nil)
		investment.RegisterPolicy(s.deps.Policy)
		ban, err := db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: f.agency.ID, Name: "Ban QLDA tỉnh", Kind: investment.InvestorBoard})
		if err != nil {
			t.Fatal(err)
		}
		xa, err := db.CreateInvestor(ctx, sys, investment.NewInvestor{AgencyID: f.agency.ID, Name: "UBND xã Yên Phong", Kind: investment.InvestorCommune})
		if err != nil {
			t.Fatal(err)
		}
		for i, inv := range []investment.Investor{ban, xa} {
			code := "BN-000" + strconv.Itoa(i+1)
			if _, err := db.CreateProject(ctx, sys, investment.NewProject{AgencyID: f.agency.ID, Code: code, Name: "Đường tỉnh " + code, InvestorID: inv.ID,
				ManagingUnitID: f.bidding.ID, Band: investment.BandK5, StartYear: 2026, EndYear: 2028,
				Capital: map[investment.Source]int64{investment.SourceProvincial: 20_000_000_000}}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.RecordCapitalPlan(ctx, investment.Reporter{AgencyID: f.agency.ID, Actor: sys}, code, investment.PlanInput{Kind: investment.PlanAnnual,
				Year: 2026, Source: investment.SourceProvincial, AssignedByPM: 8_000_000_000, AllocatedLocally: 10_000_000_000}); err != nil {
				t.Fatal(err)
			}
		}
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: ban.UnitID, FullName: "Lê Thị Ban"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: ban.UnitID, Role: org.RoleInvestor, ValidFrom: "2025-07-01"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAccount(ctx, sys, p.ID, "chudautu", testPassword); err != nil {
			t.Fatal(err)
		}
		if f.tokens["chudautu"], err = db.CreateToken(ctx, sys, "chudautu", "thử nghiệm"); err != nil {
			t.Fatal(err)
		}
		now := time.Now().In(time.FixedZone("ICT", 7*3600))
		year, month := now.Year(), int(now.Month())
		if year != 2026 {
			t.Skip("the fixture's plans are for 2026")
		}
		upload := func(who, query, body, ct string) (int, string) {
			rec := do(mux, call{method: "POST", path: "/api/v1/disbursements/import" + query, body: body, token: f.tokens[who],
				header: map[string]string{"Content-Type": ct}})
			return rec.Code, rec.Body.String()
		}
		reported := func() int {
			lines, err := db.DisbursementLines(ctx, investment.StatsFilter{AgencyID: f.agency.ID, Year: year, Month: month})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, l := range lines {
				if l.Reported {
					n++
				}
			}
			return n
		}
		bad := disbSheetBody(t, [][]any{
			{"BN-0001", "Ngân sách tỉnh", year, month, 12_345_678_901, 12_345_678_901},
			{"BN-0002", "provincial", year, month, 1, 2},
			{"BN-0001", "trái phiếu", year, month, -5, "2,5"},
		})
		good := disbSheetBody(t, [][]any{{"BN-0001", "Ngân sách tỉnh", year, month, 1_234_567_000, 2_000_000_000}})

		if code, body := upload("chudautu", "", good, "application/json"); code != http.StatusUnsupportedMediaType {
			t.Errorf("as JSON: %d %s", code, body)
		}
		if code, body := upload("chudautu", "", strings.Repeat("x", maxWorkbook+1), xlsxType); code != http.StatusRequestEntityTooLarge {
			t.Errorf("too large: %d %.200s", code, body)
		}
		if code, body := upload("chudautu", "", "not a workbook", xlsxType); code != http.StatusBadRequest {
			t.Errorf("not a workbook: %d %s", code, body)
		}
		if code, body := upload("clerk", "?dry_run=1", good, xlsxType); code != http.StatusForbidden {
			t.Errorf("a clerk: %d %s", code, body)
		}
		for _, q := range []string{"?dry_run=1", ""} {
			code, body := upload("chudautu", q, bad, xlsxType)
			var e catalogueErrorResponse
			if code != http.StatusBadRequest || json.Unmarshal([]byte(body), &e) != nil {
				t.Fatalf("bad sheet %q: %d %s", q, code, body)
			}
			got := map[string]bool{}
			for _, r := range e.Error.Rows {
				got[strconv.Itoa(r.Row)+" "+r.Column] = true
			}
			for _, want := range []string{"2 cumulative_actual", "3 project", "4 source", "4 cumulative_actual", "4 estimate_next"} {
				if !got[want] {
					t.Errorf("bad sheet %q: no error at %s: %s", q, want, body)
				}
			}
			if n := reported(); n != 0 {
				t.Fatalf("%d figures recorded from a wrong sheet", n)
			}
		}
		// Once the cells are right, the store's own checks name their rows.
		code, body := upload("chudautu", "?dry_run=1", disbSheetBody(t, [][]any{
			{"BN-0001", "Ngân sách tỉnh", year, month, 12_345_678_901, 12_345_678_901},
			{"BN-0002", "provincial", year, month, 1, 2},
		}), xlsxType)
		if code != http.StatusBadRequest || !strings.Contains(body, `"row":2,"column":"cumulative_actual"`) || !strings.Contains(body, "12.345.678.901 đ") ||
			!strings.Contains(body, `"row":3,"column":"project"`) {
			t.Fatalf("plan and investor: %d %s", code, body)
		}
		if code, body := upload("chudautu", "?dry_run=1", good, xlsxType); code != http.StatusOK || !strings.Contains(body, `"dry_run":true`) || reported() != 0 {
			t.Fatalf("dry run: %d %s, %d recorded", code, body, reported())
		}
		if code, body := upload("chudautu", "", good, xlsxType); code != http.StatusOK || !strings.Contains(body, `"imported":1`) || reported() != 1 {
			t.Fatalf("import: %d %s, %d recorded", code, body, reported())
		}
		if code, body := upload("chudautu", "", good, xlsxType); code != http.StatusBadRequest || !strings.Contains(body, `"column":"month"`) {
			t.Fatalf("the same month again: %d %s", code, body)
		}

		get := func(who, path string) *httpResult {
			rec := do(mux, call{method: "GET", path: path, token: f.tokens[who]})
			return &httpResult{rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()}
		}
		q := "?year=" + strconv.Itoa(year) + "&month=" + strconv.Itoa(month)
		if r := get("director", "/api/v1/stats/disbursement/ranking"+q); r.code != 200 || !strings.Contains(r.body, `"rank":1,"investor_id":`+strconv.FormatInt(ban.ID, 10)) {
			t.Errorf("ranking: %+v", r)
		}
		if r := get("chudautu", "/api/v1/stats/disbursement/ranking"+q); r.code != http.StatusForbidden {
			t.Errorf("ranking by an investor: %+v", r)
		}
		if r := get("director", "/api/v1/stats/disbursement/late"+q); r.code != 200 || !strings.Contains(r.body, `"investor_id":`+strconv.FormatInt(xa.ID, 10)) ||
			strings.Contains(r.body, `"investor_id":`+strconv.FormatInt(ban.ID, 10)+",") {
			t.Errorf("late: %+v", r)
		}
		if r := get("director", "/api/v1/reports/disbursement/01a.pdf"+q); r.code != 200 || r.ctype != "application/pdf" || !strings.HasPrefix(r.body, "%PDF") {
			t.Errorf("01a pdf: %d %s", r.code, r.ctype)
		}
		if r := get("chudautu", "/api/v1/reports/disbursement/01a.xlsx"+q); r.code != 200 || r.ctype != xlsxType {
			t.Errorf("01a xlsx for the investor: %+v", r.code)
		}
		if r := get("chudautu", "/api/v1/disbursements/export.xlsx"+q+"&investor="+strconv.FormatInt(xa.ID, 10)); r.code != http.StatusForbidden {
			t.Errorf("another investor's export: %d", r.code)
		}
		r := get("chudautu", "/api/v1/disbursements/export.xlsx"+q)
		rows, err := report.ReadTable(strings.NewReader(r.body), "")
		if r.code != 200 || err != nil || len(rows) != 2 || rows[1][0] != "BN-0001" {
			t.Errorf("own export: %d %v %v", r.code, err, rows)
		}
		if r := get("chudautu", "/api/v1/disbursements/template.xlsx?year=2026&month=1"); r.code != 200 || r.ctype != xlsxType {
			t.Errorf("template: %d", r.code)
		} else if rows, _ := report.ReadTable(strings.NewReader(r.body), ""); len(rows) != 2 || rows[1][0] != "BN-0001" {
			t.Errorf("the template lists the investor's own line: %v", rows)
		}
	})
}

type httpResult struct {
	code  int
	ctype string
	body  string
}
