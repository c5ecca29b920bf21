package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestOpenAPIContract checks that the document and the mux agree: every
// registered route is documented, and every documented operation is served
// by the API (not answered by the mux's own 404 or 405).
func TestOpenAPIContract(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := newFixture(t, db)
	s, mux := newTestServer(t, db, nil)

	rec := do(mux, call{method: "GET", path: "/api/v1/openapi.json"})
	if rec.Code != http.StatusOK {
		t.Fatalf("openapi.json: %d %s", rec.Code, rec.Body)
	}
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Servers    []struct{ URL string }                `json:"servers"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas         map[string]json.RawMessage `json:"schemas"`
			SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	if len(doc.Servers) == 0 || doc.Servers[0].URL == "" {
		t.Errorf("servers = %+v, want an entry with a url", doc.Servers)
	}
	// Statuses real clients met that the document did not mention: the
	// workbook import's 415 (and its binary body), the public endpoints'
	// 429 with Retry-After.
	type response struct {
		Headers map[string]json.RawMessage `json:"headers"`
	}
	type op struct {
		RequestBody struct {
			Content map[string]json.RawMessage `json:"content"`
		} `json:"requestBody"`
		Responses map[string]response `json:"responses"`
	}
	opOf := func(method, path string) op {
		var o op
		if raw := doc.Paths[path][method]; raw != nil {
			json.Unmarshal(raw, &o)
		}
		return o
	}
	imp := opOf("post", "/api/v1/procedures/import")
	if _, ok := imp.Responses["415"]; !ok {
		t.Errorf("POST /api/v1/procedures/import does not document its 415")
	}
	if imp.RequestBody.Content[xlsxType] == nil {
		t.Errorf("POST /api/v1/procedures/import does not document its workbook body: %v", imp.RequestBody.Content)
	}
	for _, c := range []struct{ method, path string }{
		{"get", "/api/v1/public/dossiers/{code}"}, {"post", "/api/v1/public/dossiers/{code}/rating"},
	} {
		r, ok := opOf(c.method, c.path).Responses["429"]
		if !ok || r.Headers["Retry-After"] == nil {
			t.Errorf("%s %s: 429 with Retry-After not documented (%v)", c.method, c.path, r)
		}
	}
	for _, name := range []string{"bearerAuth", "cookieAuth"} {
		if doc.Components.SecuritySchemes[name] == nil {
			t.Errorf("securitySchemes lacks %s", name)
		}
	}
	for _, name := range []string{"ErrorResponse", "UnitCreateRequest", "UnitResponse", "PersonCreateRequest", "PersonResponse", "RestructuringRequest"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("components/schemas lacks %s", name)
		}
	}
	// Every $ref resolves.
	for _, m := range regexp.MustCompile(`"\$ref":\s*"#/components/schemas/([^"]+)"`).FindAllStringSubmatch(rec.Body.String(), -1) {
		if doc.Components.Schemas[m[1]] == nil {
			t.Errorf("dangling $ref to %s", m[1])
		}
	}

	// Every registered route is documented, with a unique operationId.
	ids := map[string]bool{}
	for _, rt := range s.routes {
		op := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if op == nil {
			t.Errorf("%s %s is served but not documented", rt.Method, rt.Pattern)
		}
		if ids[rt.ID] {
			t.Errorf("operationId %s is used twice", rt.ID)
		}
		ids[rt.ID] = true
	}

	// Every documented operation is served: the mux routes it to one of our
	// patterns, and the answer is the API's JSON, not the mux's text.
	n := 0
	for path, ops := range doc.Paths {
		for method := range ops {
			n++
			method = strings.ToUpper(method)
			probe := strings.ReplaceAll(path, "{id}", "1")
			req := httptest.NewRequest(method, probe, strings.NewReader("{}"))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+f.tokens["admin"])
			if _, pattern := mux.Handler(req); pattern != method+" "+path {
				t.Errorf("documented %s %s: the mux routes it to %q", method, path, pattern)
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			// A file download (an XLSX, an event log) is the API's answer too.
			download := rec.Code == http.StatusOK && strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment")
			if rec.Code == http.StatusMethodNotAllowed || !download && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("documented %s %s: answered %d %.200q by the mux, not the API", method, path, rec.Code, rec.Body)
			}
		}
	}
	if n != len(s.routes) {
		t.Errorf("%d documented operations, %d routes", n, len(s.routes))
	}

	// An unregistered path or method goes to the catch-all, which the
	// probe above would have caught.
	for _, c := range []call{{method: "GET", path: "/api/v1/nowhere"}, {method: "DELETE", path: "/api/v1/units"}} {
		req := httptest.NewRequest(c.method, c.path, nil)
		if _, pattern := mux.Handler(req); pattern != "/api/" {
			t.Errorf("%s %s: routed to %q", c.method, c.path, pattern)
		}
	}
}
