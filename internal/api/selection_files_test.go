package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"congvu/internal/file/filetest"
	"congvu/internal/investment"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestSelectionDecisionFile: the decision approving a plan, uploaded by
// the official who records it, is attached to the project, so that the
// director and the investor's staff may read it and another investor's
// staff may not.
func TestSelectionDecisionFile(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newSelectionFixture(t, db)
		s, mux := newTestServer(t, db, nil)
		investment.RegisterPolicy(s.deps.Policy)
		body, ct := multipartFile(t, "Quyết định phê duyệt KHLCNT.pdf", filetest.PDF(t))
		req := httptest.NewRequest("POST", "/api/v1/files", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+f.tokens["official"])
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var up fileResponse
		if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &up) != nil {
			t.Fatalf("upload: %d %s", rec.Code, rec.Body)
		}
		base := "/api/v1/projects/DA-API-01"
		if rec := do(mux, call{method: "POST", path: base + "/packages", token: f.tokens["official"], body: fmt.Sprintf(pkgBody, "1000000", "provincial")}); rec.Code != 201 {
			t.Fatalf("package: %d %s", rec.Code, rec.Body)
		}
		if rec := do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/files/%d", up.ID), token: f.tokens["director"]}); rec.Code != 404 {
			t.Fatalf("an unattached file read by another: %d", rec.Code)
		}
		rec = do(mux, call{method: "POST", path: base + "/selection-plan/versions", token: f.tokens["official"],
			body: fmt.Sprintf(`{"decision":{"number":"125/QĐ-UBND","date":"2026-03-02","signer":"Nguyễn Văn Phó","file_id":%d}}`, up.ID)})
		if rec.Code != 201 || !strings.Contains(rec.Body.String(), fmt.Sprintf(`"file_id":%d`, up.ID)) {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		for who, want := range map[string]int{"director": 200, "invstaff": 200, "invother": 404, "other": 404} {
			if rec := do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/files/%d", up.ID), token: f.tokens[who]}); rec.Code != want {
				t.Errorf("%s reads the decision: %d, want %d", who, rec.Code, want)
			}
		}
	})
}
