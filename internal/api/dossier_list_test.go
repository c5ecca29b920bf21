package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The list's total and cursor travel in headers, page after page to the
// last; the export holds the same list, filtered, read back as a workbook,
// and shows another agency nothing of this one.
func TestDossierListPagesAndXLSX(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		vars := map[string]string{}
		runDossierSteps(t, f, mux, vars, dossierLife(f))
		at := time.Date(2026, time.October, 22, 9, 0, 0, 0, calendar.VN)
		_, then := newDossierServer(t, db, func() time.Time { return at })

		var got []string
		path := "/api/v1/dossiers?queue=all&limit=4"
		for pages := 0; path != ""; pages++ {
			if pages == 3 {
				t.Fatal("more than two pages of four for six dossiers")
			}
			rec := do(then, call{method: "GET", path: path, token: f.tokens["director"]})
			wantTotal := "6" // on the first page only
			if pages > 0 {
				wantTotal = ""
			}
			if rec.Code != 200 || rec.Header().Get("X-Total-Count") != wantTotal || rec.Header().Get("X-Total-Capped") != "" {
				t.Fatalf("%s: %d, total %q capped %q\n%s", path, rec.Code, rec.Header().Get("X-Total-Count"), rec.Header().Get("X-Total-Capped"), rec.Body)
			}
			var list []struct{ Code string }
			if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
				t.Fatal(err)
			}
			for _, d := range list {
				got = append(got, d.Code)
			}
			path = ""
			if next := rec.Header().Get("X-Next-Cursor"); next != "" {
				path = "/api/v1/dossiers?queue=all&limit=4&after=" + next
			}
		}
		want := []string{vars["G"], vars["E"], vars["D"], vars["C"], vars["B"], vars["A"]}
		if len(got) != len(want) {
			t.Fatalf("pages gave %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("pages gave %q, want %q", got, want)
			}
		}

		for _, c := range []struct {
			name, who, query string
			want             []string
		}{
			{"filtered", "director", "queue=all&status=7,9", []string{vars["E"], vars["D"]}},
			{"another agency", "other", "queue=all", nil},
		} {
			rec := do(then, call{method: "GET", path: "/api/v1/dossiers/export.xlsx?" + c.query, token: f.tokens[c.who]})
			if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
				t.Fatalf("%s: %d %q\n%s", c.name, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			rows, err := report.ReadTable(bytes.NewReader(rec.Body.Bytes()), "Hồ sơ")
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if len(rows) == 0 || rows[0][0] != "Mã hồ sơ" {
				t.Fatalf("%s: header %q", c.name, rows)
			}
			var codes []string
			for _, r := range rows[1:] {
				codes = append(codes, r[0])
			}
			if len(codes) != len(c.want) || (len(codes) > 0 && (codes[0] != c.want[0] || codes[len(codes)-1] != c.want[len(c.want)-1])) {
				t.Errorf("%s: rows %q, want codes %q", c.name, rows, c.want)
			}
		}
	})
}
