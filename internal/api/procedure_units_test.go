package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestProcedureStepUnitsStayInTheAgency: through the JSON API and the XLSX
// import alike, a procedure's steps may name only units of the catalogue's
// agency: not the provincial committee above, not a sibling department,
// and not, for the committee's catalogue, a department below it (issue #11,
// finding 4). The refusal is a 400 naming the step and the unit; an import
// with such a row imports nothing and reports the row.
func TestProcedureStepUnitsStayInTheAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		admin, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.province.ID, FullName: "Đào Văn Quản"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: admin.ID, UnitID: f.province.ID, Role: org.RoleAdmin, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAccount(ctx, sys, admin.ID, "provadmin", testPassword); err != nil {
			t.Fatal(err)
		}
		if f.tokens["provadmin"], err = db.CreateToken(ctx, sys, "provadmin", "thử nghiệm"); err != nil {
			t.Fatal(err)
		}
		body := func(code string, desk, division int64) string {
			return fmt.Sprintf(`{"code":%q,"name":"Thẩm định kế hoạch lựa chọn nhà thầu","field":"Đấu thầu","level":2,
				"time_limit":{"value":15,"unit":"working_days"},"fee":0,"documents":[{"name":"Tờ trình đề nghị thẩm định"}],
				"steps":[{"name":"Tiếp nhận hồ sơ","unit_id":%d,"role":"clerk","budget":0.5},{"name":"Thẩm định hồ sơ","unit_id":%d,"budget":14.5}],
				"effective_from":"2027-01-01"}`, code, desk, division)
		}
		for _, c := range []struct {
			name, who, body string
			status          int
			want            []string
		}{
			{"a sibling department's division", "admin", body("1.009701", f.desk.ID, f.siblingDivision.ID), 400,
				[]string{`"field":"steps[1].unit_id"`, "Thẩm định hồ sơ", "Phòng Quản lý xây dựng"}},
			{"the committee above", "admin", body("1.009702", f.desk.ID, f.province.ID), 400,
				[]string{`"field":"steps[1].unit_id"`, "UBND tỉnh Bắc Ninh"}},
			{"the committee's catalogue naming a department's desk", "provadmin", body("1.009703", f.desk.ID, f.province.ID), 400,
				[]string{`"field":"steps[0].unit_id"`, "Tiếp nhận hồ sơ", "Bộ phận Một cửa"}},
			{"own units", "admin", body("1.009704", f.desk.ID, f.bidding.ID), 201, []string{`"code":"1.009704"`}},
		} {
			rec := do(mux, call{method: "POST", path: "/api/v1/procedures", body: c.body, token: f.tokens[c.who]})
			for _, w := range c.want {
				if rec.Code != c.status || !strings.Contains(rec.Body.String(), w) {
					t.Errorf("%s: %d, want %d with %s\n%s", c.name, rec.Code, c.status, w, rec.Body)
					break
				}
			}
		}
		for _, code := range []string{"1.009701", "1.009702"} {
			if vs, _ := db.FindProcedureVersions(ctx, f.agency.ID, code); len(vs) != 0 {
				t.Errorf("%s was created", code)
			}
		}
		if vs, _ := db.FindProcedureVersions(ctx, f.province.ID, "1.009703"); len(vs) != 0 {
			t.Error("the committee's procedure was created")
		}

		// The same through the XLSX import: a row naming the sibling's division.
		row := func(code, division string) []any {
			return []any{code, "Cấp giấy phép xây dựng", "Xây dựng", "Một phần", "15", "ngày làm việc", "không", "0", "01/01/2027",
				"Đơn đề nghị | Bản chính | 1", "Tiếp nhận | Bộ phận Một cửa | clerk | 0,5\nThẩm định | " + division + " | official | 14,5"}
		}
		var buf bytes.Buffer
		if err := report.WriteTable(&buf, "x", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"},
			[][]any{row("1.009711", "Phòng Đấu thầu"), row("1.009712", "Phòng Quản lý xây dựng")}); err != nil {
			t.Fatal(err)
		}
		rec := do(mux, call{method: "POST", path: "/api/v1/procedures/import", body: buf.String(), token: f.tokens["admin"],
			header: map[string]string{"Content-Type": xlsxType}})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"row":3`) || !strings.Contains(rec.Body.String(), `"column":"steps"`) ||
			!strings.Contains(rec.Body.String(), "Phòng Quản lý xây dựng") {
			t.Errorf("import naming another agency's division: %d %s", rec.Code, rec.Body)
		}
		if vs, _ := db.FindProcedureVersions(ctx, f.agency.ID, "1.009711"); len(vs) != 0 {
			t.Error("the good row was imported beside the refused one")
		}
	})
}
