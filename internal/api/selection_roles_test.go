package api

import (
	"context"
	"fmt"
	"testing"

	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestSelectionRoles is the role × action table of issue 13 item 11 for
// the selection plans and the supervision reports: the investor's own
// staff and the division following the project (the appraisal division)
// enter the plan and the reports; another investor's staff see nothing;
// the director, the inspector and the other divisions read but do not
// enter figures; the director and the following division record
// inspections.
func TestSelectionRoles(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newSelectionFixture(t, db)
		s, mux := newTestServer(t, db, nil)
		investment.RegisterPolicy(s.deps.Policy)
		add := func(who string, unit org.Unit, role org.Role) {
			t.Helper()
			p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "Cán bộ " + who})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: unit.ID, Role: role, ValidFrom: "2020-01-01"}); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAccount(ctx, sys, p.ID, who, testPassword); err != nil {
				t.Fatal(err)
			}
			if f.tokens[who], err = db.CreateToken(ctx, sys, who, "thử nghiệm"); err != nil {
				t.Fatal(err)
			}
		}
		add("inspector", f.office, org.RoleInspector)
		add("otherdiv", f.office, org.RoleOfficial) // an official of another division than the one following the project
		add("biddinghead", f.bidding, org.RoleHead)
		base := "/api/v1/projects/DA-API-01"
		n := 0
		pkg := func() string {
			n++
			return fmt.Sprintf(`{"name":"Gói %d","price":1000,"source":"provincial","form":"open_bidding","method":"1s1e","start":"2026-Q3","contract_type":"lump_sum","duration_days":30}`, n)
		}
		inspection := `{"date":"2026-05-05","inspectors":"Đoàn kiểm tra","findings":"Đạt yêu cầu"}`
		type action struct {
			name, method, path string
			body               func() string
		}
		actions := []action{
			{"read the plan", "GET", base + "/packages", nil},
			{"read the reports", "GET", base + "/obligations", nil},
			{"add a package", "POST", base + "/packages", pkg},
			{"record an inspection", "POST", base + "/inspections", func() string { return inspection }},
		}
		// Each row: the status of each action in order.
		for _, row := range []struct {
			who  string
			want [4]int
		}{
			{"invstaff", [4]int{200, 200, 201, 403}},    // the investor's own staff
			{"invother", [4]int{404, 404, 404, 404}},    // another investor's staff
			{"official", [4]int{200, 200, 201, 201}},    // the appraisal division following the project
			{"biddinghead", [4]int{200, 200, 201, 201}}, // its head
			{"director", [4]int{200, 200, 403, 201}},    // the director reads and inspects, enters no figures
			{"inspector", [4]int{200, 200, 403, 403}},   // the inspector reads
			{"otherdiv", [4]int{200, 200, 403, 403}},    // another division reads
			{"clerk", [4]int{404, 404, 404, 404}},       // the one-stop desk does not see the register
			{"other", [4]int{404, 404, 404, 404}},       // another province's department
			{"sibhead", [4]int{404, 404, 404, 404}},     // a sibling department
			{"", [4]int{401, 401, 401, 401}},            // anonymous
		} {
			for i, a := range actions {
				c := call{method: a.method, path: a.path, token: f.tokens[row.who]}
				if a.body != nil {
					c.body = a.body()
				}
				if rec := do(mux, c); rec.Code != row.want[i] {
					t.Errorf("%s: %s: %d, want %d\n%s", row.who, a.name, rec.Code, row.want[i], rec.Body)
				}
			}
		}
	})
}
