package api

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// failingStore breaks one query, as a lost database connection would.
type failingStore struct {
	httpx.Store
}

func (failingStore) FindUnits(ctx context.Context, f org.UnitFilter) ([]org.Unit, error) {
	return nil, errors.New("pq: connection to 10.0.0.5 refused (secret detail)")
}

// TestInternalError checks that an internal failure is logged in full and
// answered with a generic message in the request's language.
func TestInternalError(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := newFixture(t, db)
	var logs bytes.Buffer
	_, mux := newTestServer(t, failingStore{db}, &logs)
	for _, lang := range []string{"vi", "en"} {
		rec := do(mux, call{method: "GET", path: "/api/v1/units?lang=" + lang, token: f.tokens["official"]})
		if rec.Code != 500 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		e := apiError(t, rec)
		if e.Code != "internal" || strings.Contains(rec.Body.String(), "secret") || strings.Contains(rec.Body.String(), "goroutine") {
			t.Errorf("internal error leaks or is mislabelled: %s", rec.Body)
		}
		if lang == "vi" && !vietnamese(e.Message) || lang == "en" && !strings.Contains(e.Message, "Internal error") {
			t.Errorf("%s message: %q", lang, e.Message)
		}
	}
	if !strings.Contains(logs.String(), "secret detail") {
		t.Errorf("the internal error was not logged in full: %s", logs.String())
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
