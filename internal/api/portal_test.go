package api

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestPublicCatalogueAPI: without a credential, the catalogue of the demo
// agency with the fields of the page (time limit in words, fee, papers,
// steps, legal basis, the record of 12 months); a word without diacritics
// finds a procedure; bad filters are 400 naming them; an unknown code is
// 404; the answers carry an ETag and a Cache-Control and answer 304; the
// transparency figures are the store's for the year.
func TestPublicCatalogueAPI(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	ctx := context.Background()
	if _, err := demo.Seed(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.GenerateDossiers(ctx, db, demo.DossierOptions{N: 200, Now: time.Now(), Months: 14, Seed: 15}); err != nil {
		t.Fatal(err)
	}
	_, mux := newTestServer(t, db, nil)

	rec := do(mux, call{method: "GET", path: "/api/v1/public/procedures?q=dang+ky+thanh+lap+cong+ty+co+phan"})
	if rec.Code != 200 {
		t.Fatalf("list: %d %s", rec.Code, rec.Body)
	}
	var list []publicProcedureResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 1 || list[0].Code != "2.002042" {
		t.Fatalf("search without diacritics: %v %s", err, rec.Body)
	}
	p := list[0]
	if p.TimeLimitText.VI != "3 ngày làm việc" || p.Fee != 50000 || len(p.Documents) == 0 || len(p.Steps) == 0 ||
		len(p.LegalBasis) < 2 || p.Forms == nil || !strings.HasSuffix(p.URL, "/thu-tuc/2.002042") || p.Record.From == "" {
		t.Errorf("procedure: %+v", p)
	}
	if p.Record.Resolved > 0 && (p.Record.OnTimeShare == nil || p.Record.AvgWorkingDays == nil) {
		t.Errorf("record without its share or average: %+v", p.Record)
	}
	etag, cache := rec.Header().Get("ETag"), rec.Header().Get("Cache-Control")
	if etag == "" || cache != "public, max-age=300" {
		t.Errorf("headers: ETag %q, Cache-Control %q", etag, cache)
	}
	if rec := do(mux, call{method: "GET", path: "/api/v1/public/procedures?q=dang+ky+thanh+lap+cong+ty+co+phan", header: map[string]string{"If-None-Match": etag}}); rec.Code != 304 {
		t.Errorf("If-None-Match: %d", rec.Code)
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/procedures/2.002042"})
	var one publicProcedureResponse
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &one) != nil || asJSON(one.Record) != asJSON(p.Record) || one.Name != p.Name {
		t.Errorf("one: %d %s", rec.Code, rec.Body)
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/procedures?limit=500"})
	var all []publicProcedureResponse
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &all) != nil || len(all) < 10 {
		t.Fatalf("all: %d %d", rec.Code, len(all))
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/procedures?limit=3&offset=4"})
	var page []publicProcedureResponse
	if json.Unmarshal(rec.Body.Bytes(), &page) != nil || len(page) != 3 || page[0].Code != all[4].Code || page[2].Code != all[6].Code {
		t.Errorf("offset 4: %s", rec.Body)
	}
	for _, c := range []struct{ path, field string }{
		{"/api/v1/public/procedures?level=7", "level"},
		{"/api/v1/public/procedures?limit=0", "limit"},
		{"/api/v1/public/transparency?year=1999", "year"},
		{"/api/v1/public/transparency?year=x", "year"},
	} {
		if rec := do(mux, call{method: "GET", path: c.path}); rec.Code != 400 || !strings.Contains(rec.Body.String(), c.field) {
			t.Errorf("%s: %d %s", c.path, rec.Code, rec.Body)
		}
	}
	for _, path := range []string{"/api/v1/public/procedures/9.999999", "/api/v1/public/procedures/abc"} {
		if rec := do(mux, call{method: "GET", path: path}); rec.Code != 404 {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}

	today := calendar.DateOf(time.Now())
	agency, _ := db.PortalAgency(ctx)
	want, err := db.Transparency(ctx, agency, today.Year, today)
	if err != nil {
		t.Fatal(err)
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/transparency"})
	var tp transparencyResponse
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &tp) != nil {
		t.Fatalf("transparency: %d %s", rec.Code, rec.Body)
	}
	if tp.Year != today.Year || len(tp.Months) != len(want.Months) || tp.Total != toReportWire(want.Total) || tp.Apologies != want.Apologies ||
		len(tp.Procedures) != len(want.Procedures) || tp.ProjectsTotal != want.ProjectsTotal {
		t.Errorf("transparency: %+v, the store's %+v", tp, want)
	}
	for i, m := range want.Months {
		if tp.Months[i] != toReportWire(m.Report) {
			t.Errorf("month %d: %+v, want %+v", i+1, tp.Months[i], toReportWire(m.Report))
		}
	}
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
