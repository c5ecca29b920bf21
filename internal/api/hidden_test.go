package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// sameAnswer checks that a call about something the caller may not see is
// answered exactly as the same call about something that does not exist,
// once the two names are made alike: a 403 would tell that it exists.
func sameAnswer(t *testing.T, mux http.Handler, hidden, missing call, hiddenName, missingName string) {
	t.Helper()
	h, m := do(mux, hidden), do(mux, missing)
	hb := strings.ReplaceAll(h.Body.String(), hiddenName, "NAME")
	mb := strings.ReplaceAll(m.Body.String(), missingName, "NAME")
	if h.Code != http.StatusNotFound || h.Code != m.Code || hb != mb {
		t.Errorf("%s %s: %d %s\nagainst %s: %d %s", hidden.method, hidden.path, h.Code, hb, missing.path, m.Code, mb)
	}
}

func TestHiddenDossierIsNotFound(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		rec := do(mux, call{method: "POST", path: "/api/v1/dossiers", body: intakeBody("Nguyễn Văn An", "direct", "2026-10-01T08:00:00+07:00"), token: f.tokens["clerk"]})
		if rec.Code != http.StatusCreated {
			t.Fatalf("intake: %d %s", rec.Code, rec.Body)
		}
		var created struct{ Code string }
		if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
			t.Fatal(err)
		}
		missing := "000.00.15.H27-261001-9999"
		forward := event("forward", "2026-10-01T09:00:00+07:00", "")
		// The division's official, before the dossier reaches them, and
		// another agency's clerk.
		for _, who := range []string{"official", "otherclerk", "other"} {
			for _, c := range []struct{ method, suffix, body string }{{"GET", "", ""}, {"POST", "/events", forward}} {
				sameAnswer(t, mux,
					call{method: c.method, path: "/api/v1/dossiers/" + created.Code + c.suffix, body: c.body, token: f.tokens[who]},
					call{method: c.method, path: "/api/v1/dossiers/" + missing + c.suffix, body: c.body, token: f.tokens[who]},
					created.Code, missing)
			}
		}
	})
}

func TestHiddenTaskIsNotFound(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newTaskFixture(t, db)
		mux := newWorkServer(t, db)
		id := f.newTask(t, db, "Báo cáo thẩm định dự án")
		hidden, missing := fmt.Sprint(id), fmt.Sprint(id+1000)
		for _, who := range []string{"stranger", "other"} {
			for _, c := range []struct{ method, suffix, body string }{{"GET", "", ""}, {"POST", "/events", `{"action":"start"}`}} {
				sameAnswer(t, mux,
					call{method: c.method, path: "/api/v1/tasks/" + hidden + c.suffix, body: c.body, token: f.tokens[who]},
					call{method: c.method, path: "/api/v1/tasks/" + missing + c.suffix, body: c.body, token: f.tokens[who]},
					"số "+hidden, "số "+missing)
			}
		}
		// Someone who sees the task but may not do this is told why (403).
		if rec := do(mux, call{method: "POST", path: "/api/v1/tasks/" + hidden + "/events", body: `{"action":"start"}`, token: f.tokens["head"]}); rec.Code != http.StatusForbidden {
			t.Errorf("a refused action on a visible task: %d %s", rec.Code, rec.Body)
		}
	})
}
