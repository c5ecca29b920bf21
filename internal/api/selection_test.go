package api

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// selectionFixture adds to the API fixture two investors of the agency's
// register, a member of each's staff (tokens "invstaff", "invother") and
// a project of the first, followed by the bidding division (10 billion
// đồng, 2026–2027, group C).
type selectionFixture struct {
	*fixture
	project investment.Project
}

func newSelectionFixture(t *testing.T, db *store.DB) selectionFixture {
	t.Helper()
	ctx := context.Background()
	f := newFixture(t, db)
	actor := audit.Actor{PersonID: f.director.ID, Name: f.director.FullName, AgencyID: f.agency.ID}
	staff := func(who, name string, inv investment.Investor) {
		t.Helper()
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: inv.UnitID, FullName: name})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: inv.UnitID, Role: org.RoleInvestor, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAccount(ctx, sys, p.ID, who, testPassword); err != nil {
			t.Fatal(err)
		}
		if f.tokens[who], err = db.CreateToken(ctx, sys, who, "thử nghiệm"); err != nil {
			t.Fatal(err)
		}
	}
	ban, err := db.CreateInvestor(ctx, actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "Ban QLDA xây dựng dân dụng tỉnh", Kind: investment.InvestorBoard})
	if err != nil {
		t.Fatal(err)
	}
	xa, err := db.CreateInvestor(ctx, actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "UBND xã Tiên Du", Kind: investment.InvestorCommune})
	if err != nil {
		t.Fatal(err)
	}
	staff("invstaff", "Đỗ Văn Ban", ban)
	staff("invother", "Lưu Thị Xã", xa)
	p, err := db.CreateProject(ctx, actor, investment.NewProject{AgencyID: f.agency.ID, Code: "DA-API-01", Name: "Nhà văn hoá xã Tiên Du",
		InvestorID: ban.ID, ManagingUnitID: f.bidding.ID, Band: investment.BandK5, StartYear: 2026, EndYear: 2027,
		Capital: map[investment.Source]int64{investment.SourceProvincial: 10_000_000_000}})
	if err != nil {
		t.Fatal(err)
	}
	return selectionFixture{fixture: f, project: p}
}

const pkgBody = `{"name":"Gói 01: Xây lắp","price":%s,"source":"%s","form":"open_bidding","method":"1s1e","international":false,"online":true,
	"start":"2026-Q3","contract_type":"lump_sum","duration_days":240}`

// TestSelectionScenarios: every refusal of the plan's, the postings' and
// the reports' routes answers its status naming the field, and writes
// nothing (the journal does not move); the successes in between build one
// plan with an adjustment, a result with its savings, a posting and a
// report.
func TestSelectionScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newSelectionFixture(t, db)
		s, mux := newTestServer(t, db, nil)
		investment.RegisterPolicy(s.deps.Policy)
		base := "/api/v1/projects/DA-API-01"
		pkg := func(price, source string) string { return fmt.Sprintf(pkgBody, price, source) }
		var pkgID, postingID int64
		idOf := func(body string) int64 {
			var v struct {
				ID int64 `json:"id"`
			}
			_ = json.Unmarshal([]byte(body), &v)
			return v.ID
		}
		type step struct {
			name, method, path, body, who string
			status                        int
			field, want, absent           string
			after                         func(body string)
		}
		steps := []step{
			{name: "a package", method: "POST", path: base + "/packages", body: pkg("6000000000", "provincial"), who: "official", status: 201, want: `"start_label":"Quý III/2026"`,
				after: func(b string) { pkgID = idOf(b) }},
			{name: "the investor's own staff add one", method: "POST", path: base + "/packages", body: strings.Replace(pkg("1000000000", "provincial"), "Gói 01: Xây lắp", "Gói 02: Tư vấn", 1), who: "invstaff", status: 201},
			{name: "over the total investment", method: "POST", path: base + "/packages", body: pkg("3000000001", "provincial"), who: "official", status: 400, field: "price",
				want: "10.000.000.001 đ"},
			{name: "a non-integer price", method: "POST", path: base + "/packages", body: pkg("1.5", "provincial"), who: "official", status: 400, field: "price"},
			{name: "a negative price", method: "POST", path: base + "/packages", body: pkg("-5", "provincial"), who: "official", status: 400, field: "price"},
			{name: "an unknown source", method: "POST", path: base + "/packages", body: pkg("5", "bank"), who: "official", status: 400, field: "source"},
			{name: "a bad start", method: "POST", path: base + "/packages", body: strings.Replace(pkg("5", "oda"), "2026-Q3", "2026-Q5", 1), who: "official", status: 400, field: "start"},
			{name: "another investor's staff", method: "POST", path: base + "/packages", body: pkg("5", "oda"), who: "invother", status: 404},
			{name: "the director reports no figures", method: "POST", path: base + "/packages", body: pkg("5", "oda"), who: "director", status: 403},
			{name: "another agency", method: "POST", path: base + "/packages", body: pkg("5", "oda"), who: "other", status: 404},
			{name: "an unknown project", method: "POST", path: "/api/v1/projects/DA-NONE/packages", body: pkg("5", "oda"), who: "official", status: 404},
			{name: "anonymous", method: "POST", path: base + "/packages", body: pkg("5", "oda"), status: 401},
			{name: "approval without a number", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"date":"2026-03-02","signer":"A"}}`, who: "official", status: 400, field: "decision.number"},
			{name: "approval without a signer", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"number":"1/QĐ","date":"2026-03-02"}}`, who: "official", status: 400, field: "decision.signer"},
			{name: "approval dated in the future", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"number":"1/QĐ","date":"2099-03-02","signer":"A"}}`, who: "official", status: 400, field: "decision.date"},
			{name: "approval with someone else's file", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"number":"1/QĐ","date":"2026-03-02","signer":"A","file_id":987654}}`, who: "official", status: 400, field: "decision.file_id"},
			{name: "approval", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"number":"125/QĐ-UBND","date":"2026-03-02","signer":"Nguyễn Văn Phó"}}`, who: "official", status: 201, want: `"kind":"approval"`},
			{name: "an unchanged adjustment", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"number":"126/QĐ-UBND","date":"2026-03-03","signer":"A"}}`, who: "official", status: 409},
			{name: "a package changed", method: "PUT", path: base + "/packages/{pkg}", body: pkg("6500000000", "provincial"), who: "invstaff", status: 200},
			{name: "a change over the total", method: "PUT", path: base + "/packages/{pkg}", body: pkg("9500000000", "provincial"), who: "invstaff", status: 400, field: "price"},
			{name: "an unknown package", method: "PUT", path: base + "/packages/999999", body: pkg("1", "provincial"), who: "invstaff", status: 404},
			{name: "the adjustment", method: "POST", path: base + "/selection-plan/versions", body: `{"decision":{"number":"301/QĐ-UBND","date":"2026-04-01","signer":"Nguyễn Văn Phó"}}`, who: "invstaff", status: 201, want: `"kind":"adjustment"`},
			{name: "both versions readable", method: "GET", path: base + "/selection-plan/versions", who: "inspector_or_director", status: 200, want: `"price":6000000000`},
			{name: "a winning price above the package's", method: "POST", path: base + "/packages/{pkg}/result", body: `{"winner":"Công ty A","winning_price":6500000001,"decision":{"number":"9/QĐ","date":"2026-05-04","signer":"B"}}`, who: "official", status: 400, field: "winning_price"},
			{name: "a result without a winner", method: "POST", path: base + "/packages/{pkg}/result", body: `{"winner":" ","winning_price":6000000000,"decision":{"number":"9/QĐ","date":"2026-05-04","signer":"B"}}`, who: "official", status: 400, field: "winner"},
			{name: "the result", method: "POST", path: base + "/packages/{pkg}/result", body: `{"winner":"Công ty CP Xây dựng Kinh Bắc","winning_price":5850000000,"decision":{"number":"9/QĐ-BQL","date":"2026-05-04","signer":"B"}}`, who: "official", status: 201, want: `"savings_rate":0.1`},
			{name: "the result twice", method: "POST", path: base + "/packages/{pkg}/result", body: `{"winner":"X","winning_price":1,"decision":{"number":"9/QĐ","date":"2026-05-04","signer":"B"}}`, who: "official", status: 409},
			{name: "a package with a result is not changed", method: "PUT", path: base + "/packages/{pkg}", body: pkg("6400000000", "provincial"), who: "official", status: 409},
			{name: "the postings", method: "GET", path: base + "/postings", who: "invstaff", status: 200, want: `"due_on":"2026-03-09"`,
				after: func(b string) {
					var ps []postingResponse
					_ = json.Unmarshal([]byte(b), &ps)
					if len(ps) != 3 {
						t.Errorf("postings: %s", b)
					} else {
						postingID = ps[0].ID
					}
				}},
			{name: "posted before issue", method: "POST", path: base + "/postings/{post}/posted", body: `{"posted_on":"2026-03-01"}`, who: "invstaff", status: 400, field: "posted_on"},
			{name: "posted in a bad format", method: "POST", path: base + "/postings/{post}/posted", body: `{"posted_on":"2026-13-40"}`, who: "invstaff", status: 400, field: "posted_on"},
			{name: "posted late", method: "POST", path: base + "/postings/{post}/posted", body: `{"posted_on":"2026-03-10"}`, who: "invstaff", status: 200, want: `"state":"posted_late"`},
			{name: "posted twice", method: "POST", path: base + "/postings/{post}/posted", body: `{"posted_on":"2026-03-10"}`, who: "invstaff", status: 409},
			{name: "late documents, own investor", method: "GET", path: "/api/v1/procurement-postings?state=all", who: "invstaff", status: 200, want: "DA-API-01"},
			{name: "late documents, another investor", method: "GET", path: "/api/v1/procurement-postings?state=all", who: "invother", status: 200, absent: "DA-API-01"},
			{name: "late documents, a bad state", method: "GET", path: "/api/v1/procurement-postings?state=soon", who: "director", status: 400, field: "state"},
			{name: "the reports owed", method: "GET", path: base + "/obligations", who: "director", status: 200, want: `"key":"2026-Q1"`},
			{name: "an unknown report", method: "POST", path: base + "/obligations/2031-Q1/submission", body: `{"submitted_on":"2026-04-08"}`, who: "invstaff", status: 404},
			{name: "an end evaluation without its sections", method: "POST", path: base + "/obligations/end/submission", body: `{"submitted_on":"2026-04-08","sections":{"results":"Đạt"}}`, who: "invstaff", status: 400},
			{name: "a quarterly report with sections", method: "POST", path: base + "/obligations/2026-Q1/submission", body: `{"submitted_on":"2026-04-08","sections":{"lessons":"x"}}`, who: "invstaff", status: 400, field: "sections"},
			{name: "a report by the director", method: "POST", path: base + "/obligations/2026-Q1/submission", body: `{"submitted_on":"2026-04-08"}`, who: "director", status: 403},
			{name: "a report", method: "POST", path: base + "/obligations/2026-Q1/submission", body: `{"submitted_on":"2026-04-08","note":"Quý I"}`, who: "invstaff", status: 201, want: `"state":"on_time"`},
			{name: "a report twice", method: "POST", path: base + "/obligations/2026-Q1/submission", body: `{"submitted_on":"2026-04-09"}`, who: "invstaff", status: 409},
			{name: "overdue across projects, a bad state", method: "GET", path: "/api/v1/supervision-obligations?state=soon", who: "director", status: 400, field: "state"},
			{name: "all reports across projects", method: "GET", path: "/api/v1/supervision-obligations?state=all", who: "director", status: 200, want: "DA-API-01"},
			{name: "the due rules say they are not verified", method: "GET", path: "/api/v1/supervision-rules", who: "invstaff", status: 200, want: `"verified":false`},
			{name: "an inspection by the investor", method: "POST", path: base + "/inspections", body: `{"date":"2026-05-05","inspectors":"A","findings":"B"}`, who: "invstaff", status: 403},
			{name: "an inspection without findings", method: "POST", path: base + "/inspections", body: `{"date":"2026-05-05","inspectors":"A","findings":""}`, who: "official", status: 400, field: "findings"},
			{name: "an inspection", method: "POST", path: base + "/inspections", body: `{"date":"2026-05-05","inspectors":"Phòng Đấu thầu","findings":"Chậm tiến độ","conclusion":"Đôn đốc"}`, who: "official", status: 201},
			{name: "the inspections, read by the investor", method: "GET", path: base + "/inspections", who: "invstaff", status: 200, want: "Chậm tiến độ"},
			{name: "the plan, read by the investor", method: "GET", path: base + "/packages", who: "invstaff", status: 200, want: `"versions":2`},
		}
		for _, st := range steps {
			path := strings.ReplaceAll(strings.ReplaceAll(st.path, "{pkg}", fmt.Sprint(pkgID)), "{post}", fmt.Sprint(postingID))
			who := st.who
			if who == "inspector_or_director" {
				who = "director"
			}
			before := countAll(t, db)
			rec := do(mux, call{method: st.method, path: path, body: st.body, token: f.tokens[who]})
			body := rec.Body.String()
			if rec.Code != st.status {
				t.Errorf("%s: %s %s as %s: %d, want %d\n%s", st.name, st.method, path, who, rec.Code, st.status, body)
				continue
			}
			if st.status >= 400 {
				if after := countAll(t, db); after != before {
					t.Errorf("%s: refused but written: %+v → %+v", st.name, before, after)
				}
				if st.field != "" && apiError(t, rec).Field != st.field {
					t.Errorf("%s: field %q, want %q (%s)", st.name, apiError(t, rec).Field, st.field, body)
				}
			}
			if st.want != "" && !strings.Contains(compactJSON(rec.Body.Bytes()), st.want) && !strings.Contains(body, st.want) {
				t.Errorf("%s: body lacks %q\n%s", st.name, st.want, body)
			}
			if st.absent != "" && strings.Contains(body, st.absent) {
				t.Errorf("%s: body has %q\n%s", st.name, st.absent, body)
			}
			if st.after != nil {
				st.after(body)
			}
		}
	})
}
