package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// dossierCounts is how much of the module is stored: dossiers, and the
// length of the audit journal.
func dossierCounts(t *testing.T, db *store.DB) [2]int {
	t.Helper()
	ctx := context.Background()
	ds, err := db.FindDossiers(ctx, dossier.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	events, err := db.FindAuditEvents(ctx, audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	var journal int
	if len(events) > 0 {
		journal = int(events[0].Seq)
	}
	return [2]int{len(ds), journal}
}

// TestDossierBadInput sends malformed intakes and actions, in Vietnamese and
// English, and checks that each refusal names the field and that nothing
// was written.
func TestDossierBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		valid := intakeBody("Nguyễn Văn An", "direct", "2026-10-01T08:00:00+07:00")
		with := func(old, new string) string {
			if !strings.Contains(valid, old) {
				t.Fatalf("the valid body lacks %s", old)
			}
			return strings.Replace(valid, old, new, 1)
		}
		future := time.Now().Add(time.Hour).Format(time.RFC3339)
		intake := []badInput{
			{name: "malformed JSON", body: `{"procedure_code": "1.009645" "channel": "direct"}`, status: 400, field: "body", en: "malformed JSON at line 1"},
			{name: "unknown field", body: with(`"sets":1`, `"sets":1,"ho_ten":"An"`), status: 400, field: "ho_ten", en: "unknown field"},
			{name: "wrong type", body: with(`"procedure_code":"1.009645"`, `"procedure_code":1.009645`), status: 400, field: "procedure_code", en: "must be a string, not a number"},
			{name: "nested wrong type", body: with(`"name":"Nguyễn Văn An"`, `"name":5`), status: 400, field: "applicant.name", en: "must be a string"},
			{name: "invalid UTF-8", body: with(`Nguyễn Văn An`, "Nguy\xffn Văn An"), status: 400, field: "body", en: "not valid UTF-8"},
			{name: "over-long name", body: with(`Nguyễn Văn An`, strings.Repeat("Nguyễn ", 100)), status: 400, field: "applicant.name", en: "applicant.name is too long"},
			{name: "missing procedure_code", body: with(`"procedure_code":"1.009645",`, ``), status: 400, field: "procedure_code", en: "procedure_code is required"},
			{name: "malformed procedure code", body: with(`"procedure_code":"1.009645"`, `"procedure_code":"TT-15"`), status: 400, field: "procedure_code", en: "not of the form"},
			{name: "unknown procedure", body: with(`"procedure_code":"1.009645"`, `"procedure_code":"2.000815"`), status: 400, field: "procedure_code", en: "not in the agency's catalogue"},
			{name: "bad channel", body: with(`"channel":"direct"`, `"channel":"fax"`), status: 400, field: "channel", en: "one of: direct, online, postal"},
			{name: "bad id_number", body: with(`"id_number":"001203004567"`, `"id_number":"12345"`), status: 400, field: "applicant.id_number", en: "must be 9 or 12 digits"},
			{name: "bad phone", body: with(`"phone":"0912 345 678"`, `"phone":"gọi tôi"`), status: 400, field: "applicant.phone", en: "invalid phone"},
			{name: "bad email", body: with(`"email":"dan@example.vn"`, `"email":"dan@"`), status: 400, field: "applicant.email", en: "invalid e-mail"},
			{name: "missing applicant", body: `{"procedure_code":"1.009645","channel":"direct"}`, status: 400, field: "applicant.name", en: "applicant.name is required"},
			{name: "received_at not an instant", body: with(`"received_at":"2026-10-01T08:00:00+07:00"`, `"received_at":"01/10/2026"`), status: 400, field: "received_at", en: "RFC 3339"},
			{name: "received_at in the future", body: with(`"received_at":"2026-10-01T08:00:00+07:00"`, `"received_at":"`+future+`"`), status: 400, field: "received_at", en: "future"},
			{name: "bad kind of copy", body: with(`"copy":"original"`, `"copy":"scan"`), status: 400, field: "documents[0].copy", en: "one of: original"},
			{name: "too many sets", body: with(`"sets":1`, `"sets":500`), status: 400, field: "sets", en: "from 1 to 100"},
			{name: "empty body", body: ``, status: 400, field: "body", en: "empty"},
			{name: "not an object", body: `[]`, status: 400, field: "body", en: "must be a JSON object"},
			{name: "wrong content type", contentType: "text/plain", body: valid, status: http.StatusUnsupportedMediaType, field: "Content-Type", en: "use application/json"},
		}
		check := func(path string, cases []badInput) {
			t.Helper()
			for _, c := range cases {
				before := dossierCounts(t, db)
				for _, lang := range []string{"vi", "en"} {
					hdr := map[string]string{"Content-Type": c.contentType}
					if c.contentType == "" {
						hdr["Content-Type"] = "application/json"
					}
					if lang == "en" {
						hdr["Accept-Language"] = "en"
					}
					rec := do(mux, call{method: "POST", path: path, body: c.body, token: f.tokens["clerk"], header: hdr})
					if rec.Code != c.status {
						t.Errorf("%s (%s): status %d, want %d\n%.400s", c.name, lang, rec.Code, c.status, rec.Body)
						continue
					}
					e := apiError(t, rec)
					if e.Code != "invalid" || e.Field != c.field {
						t.Errorf("%s (%s): code %q field %q, want invalid %q: %s", c.name, lang, e.Code, e.Field, c.field, e.Message)
					}
					if lang == "en" && !strings.Contains(e.Message, c.en) {
						t.Errorf("%s: English message %q lacks %q", c.name, e.Message, c.en)
					}
					if lang == "vi" && !vietnamese(e.Message) {
						t.Errorf("%s: message %q is not in Vietnamese", c.name, e.Message)
					}
				}
				if after := dossierCounts(t, db); after != before {
					t.Errorf("%s: something was written: %v, then %v", c.name, before, after)
				}
			}
		}
		check("/api/v1/dossiers", intake)

		// The valid body is accepted, or the table proves nothing.
		before := dossierCounts(t, db)
		rec := do(mux, call{method: "POST", path: "/api/v1/dossiers", body: valid, token: f.tokens["clerk"]})
		if rec.Code != http.StatusCreated {
			t.Fatalf("the valid body was refused: %d %s", rec.Code, rec.Body)
		}
		if after := dossierCounts(t, db); after[0] != before[0]+1 || after[1] <= before[1] {
			t.Errorf("intake: %v, then %v", before, after)
		}
		var created struct{ Code string }
		json.Unmarshal(rec.Body.Bytes(), &created)

		events := "/api/v1/dossiers/" + created.Code + "/events"
		check(events, []badInput{
			{name: "event malformed JSON", body: `{"action":"forward",}`, status: 400, field: "body", en: "malformed JSON"},
			{name: "event unknown field", body: `{"action":"forward","to_unit":3}`, status: 400, field: "to_unit", en: "unknown field"},
			{name: "event wrong type", body: `{"action":"forward","to_unit_id":"Phòng Đấu thầu"}`, status: 400, field: "to_unit_id", en: "must be an integer"},
			{name: "event missing action", body: `{"note":"chuyển"}`, status: 400, field: "action", en: "action is required"},
			{name: "event bad at", body: `{"action":"forward","at":"hôm qua"}`, status: 400, field: "at", en: "RFC 3339"},
			{name: "event bad new_due", body: `{"action":"apologize","reason":"Chậm","new_due":"tuần sau"}`, status: 400, field: "new_due", en: "RFC 3339"},
			{name: "event over-long note", body: `{"action":"forward","note":"` + strings.Repeat("a", 2001) + `"}`, status: 400, field: "note", en: "too long"},
			{name: "event unknown unit", body: `{"action":"forward","to_unit_id":999999}`, status: 400, field: "to_unit_id", en: "no current unit"},
			{name: "event another agency's unit", body: `{"action":"forward","to_unit_id":` + jsonInt(f.otherDivision.ID) + `}`, status: 400, field: "to_unit_id", en: "no current unit"},
		})
	})
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestPublicRateLimit checks that the public lookup allows a burst of
// httpx.LookupBurst per client address, then answers 429, while another address goes on.
func TestPublicRateLimit(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	newDossierFixture(t, db)
	_, mux := newDossierServer(t, db, nil)
	lookup := func(ip string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/api/v1/public/dossiers/000.00.15.H27-261001-0001?secret=ABCDEFGH", nil)
		req.RemoteAddr = ip + ":40000"
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec
	}
	for i := 1; i <= httpx.LookupBurst+5; i++ {
		rec := lookup("203.0.113.7")
		want := http.StatusNotFound
		if i > httpx.LookupBurst {
			want = http.StatusTooManyRequests
		}
		if rec.Code != want {
			t.Fatalf("lookup %d: %d, want %d: %s", i, rec.Code, want, rec.Body)
		}
		if want == http.StatusTooManyRequests {
			if e := apiError(t, rec); e.Code != "rate_limited" || rec.Header().Get("Retry-After") == "" {
				t.Errorf("lookup %d: %+v, Retry-After %q", i, e, rec.Header().Get("Retry-After"))
			}
		}
	}
	// The rating shares the bucket: no guessing secrets through it.
	req := httptest.NewRequest("POST", "/api/v1/public/dossiers/000.00.15.H27-261001-0001/rating", strings.NewReader(`{"secret":"ABCDEFGH","rating":1}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "203.0.113.7:40001"
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusTooManyRequests {
		t.Errorf("rating over the limit: %d", rec.Code)
	}
	if rec := lookup("198.51.100.2"); rec.Code != http.StatusNotFound {
		t.Errorf("another address: %d, want 404", rec.Code)
	}
}
