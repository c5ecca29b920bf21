package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func TestCatalogueXLSX(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		_, mux := newTestServer(t, db, nil)
		if _, err := db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
			Code: "1.013012", Name: "Thẩm định kế hoạch lựa chọn nhà thầu", Field: "Đấu thầu", Level: dossier.LevelPartial,
			Limit:     calendar.Limit{Value: 20, Unit: calendar.CalendarDays},
			Documents: []dossier.Document{{Name: "Tờ trình đề nghị phê duyệt", Copy: dossier.Original, Quantity: 2}},
			Steps: []dossier.Step{{Name: "Tiếp nhận", UnitID: f.desk.ID, Role: org.RoleClerk, Budget: 0.5},
				{Name: "Thẩm định", UnitID: f.bidding.ID, Role: org.RoleOfficial, Budget: 9}},
			EffectiveFrom: calendar.Date{Year: 2025, Month: 8, Day: 4}, AgencyID: f.agency.ID,
		}); err != nil {
			t.Fatal(err)
		}
		rec := do(mux, call{method: "GET", path: "/api/v1/procedures.xlsx", token: f.tokens["official"]})
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
			t.Fatalf("export: %d %q", rec.Code, rec.Body)
		}
		file := rec.Body.String()
		upload := func(who, body, ct string) (int, []byte) {
			rec := do(mux, call{method: "POST", path: "/api/v1/procedures/import", body: body, token: f.tokens[who],
				header: map[string]string{"Content-Type": ct}})
			return rec.Code, rec.Body.Bytes()
		}
		if code, body := upload("official", file, xlsxType); code != http.StatusForbidden {
			t.Errorf("import by an official: %d %s", code, body)
		}
		if code, body := upload("admin", file, "application/json"); code != http.StatusUnsupportedMediaType {
			t.Errorf("import as JSON: %d %s", code, body)
		}
		code, body := upload("admin", file, xlsxType)
		var ok catalogueImportResponse
		if code != http.StatusOK || json.Unmarshal(body, &ok) != nil || ok.Imported != 1 {
			t.Fatalf("import: %d %s", code, body)
		}
		vs, err := db.FindProcedureVersions(ctx, f.agency.ID, "1.013012")
		if err != nil || len(vs) != 2 || vs[1].Steps[1].UnitID != f.bidding.ID || vs[1].Limit != vs[0].Limit || vs[1].Documents[0] != vs[0].Documents[0] {
			t.Fatalf("after the round trip: %+v %v", vs, err)
		}

		// Two wrong rows: 400 listing both, nothing imported.
		rows, err := report.ReadTable(bytes.NewReader([]byte(file)), "")
		if err != nil {
			t.Fatal(err)
		}
		good := rows[1]
		wrongFee := append([]string(nil), good...)
		wrongFee[7] = "năm mươi nghìn"
		wrongSteps := append([]string(nil), good...)
		wrongSteps[10] = "Tiếp nhận | Bộ phận Một cửa | thủ quỹ | 0,5"
		var buf bytes.Buffer
		var data [][]any
		for _, r := range [][]string{good, wrongFee, wrongSteps} {
			row := make([]any, len(r))
			for i, c := range r {
				row[i] = c
			}
			data = append(data, row)
		}
		if err := report.WriteTable(&buf, "x", rows[0], data); err != nil {
			t.Fatal(err)
		}
		code, body = upload("admin", buf.String(), xlsxType)
		var bad struct {
			Error struct {
				Code string `json:"code"`
				Rows []struct {
					Row     int    `json:"row"`
					Column  string `json:"column"`
					Message string `json:"message"`
				} `json:"rows"`
			} `json:"error"`
		}
		if code != http.StatusBadRequest || json.Unmarshal(body, &bad) != nil || bad.Error.Code != "invalid" || len(bad.Error.Rows) != 2 ||
			bad.Error.Rows[0].Row != 3 || bad.Error.Rows[0].Column != "fee" || bad.Error.Rows[1].Row != 4 || bad.Error.Rows[1].Column != "steps" ||
			bad.Error.Rows[1].Message == "" {
			t.Fatalf("bad import: %d %s", code, body)
		}
		if vs, _ := db.FindProcedureVersions(ctx, f.agency.ID, "1.013012"); len(vs) != 2 {
			t.Errorf("a failed import created versions: %d", len(vs))
		}
	})
}
