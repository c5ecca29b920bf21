package api

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// checkExports fetches October's spreadsheet and event logs as the
// director, after dossierLife: they are attachments of the right type,
// well formed, and hold the dossiers received in October (not E, received
// in September), and they are refused as the other endpoints are.
func checkExports(t *testing.T, f *dossierFixture, mux http.Handler, vars map[string]string) {
	t.Helper()
	const oct = "?from=2026-10-01&to=2026-10-31"
	get := func(path, who string) (int, http.Header, []byte) {
		rec := do(mux, call{method: "GET", path: path, token: f.tokens[who]})
		return rec.Code, rec.Header(), rec.Body.Bytes()
	}
	for _, c := range []struct{ path, ctype, disposition string }{
		{"/api/v1/stats/dossiers.xlsx" + oct, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
		{"/api/v1/dossiers/export.xes" + oct, "application/xml", ".xes"},
		{"/api/v1/dossiers/export.ocel.json" + oct, "application/json", ".ocel.json"},
	} {
		code, h, body := get(c.path, "director")
		if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), c.ctype) ||
			!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.Contains(h.Get("Content-Disposition"), c.disposition) {
			t.Errorf("%s: %d %q %q\n%.300s", c.path, code, h.Get("Content-Type"), h.Get("Content-Disposition"), body)
			continue
		}
		switch c.disposition {
		case ".xlsx":
			if !bytes.HasPrefix(body, []byte("PK")) {
				t.Errorf("%s: not a zip", c.path)
			}
		case ".xes":
			dec := xml.NewDecoder(bytes.NewReader(body))
			for {
				if _, err := dec.Token(); err != nil {
					if !errors.Is(err, io.EOF) {
						t.Errorf("%s: malformed XML: %v", c.path, err)
					}
					break
				}
			}
		case ".ocel.json":
			var doc map[string]json.RawMessage
			if err := json.Unmarshal(body, &doc); err != nil || doc["events"] == nil || doc["objects"] == nil {
				t.Errorf("%s: not an OCEL document: %v\n%.300s", c.path, err, body)
			}
		}
		if c.disposition != ".xlsx" {
			for _, n := range []string{"A", "B", "C", "D", "G"} {
				if !bytes.Contains(body, []byte(vars[n])) {
					t.Errorf("%s lacks dossier %s (%s)", c.path, n, vars[n])
				}
			}
			if bytes.Contains(body, []byte(vars["E"])) {
				t.Errorf("%s holds E, received in September", c.path)
			}
		}
	}
	if _, _, body := get("/api/v1/dossiers/export.xes"+oct+"&procedure=2.000815", "director"); bytes.Contains(body, []byte(vars["A"])) {
		t.Errorf("export of another procedure holds A")
	}
	runDossierSteps(t, f, mux, vars, []dossierStep{
		{name: "xlsx without a period", method: "GET", path: "/api/v1/stats/dossiers.xlsx", who: "director", status: 400, want: []string{`"field":"from"`}},
		{name: "xes by an official", method: "GET", path: "/api/v1/dossiers/export.xes" + oct, who: "official", status: 403},
		{name: "ocel anonymous", method: "GET", path: "/api/v1/dossiers/export.ocel.json" + oct, status: 401},
		{name: "xes bad procedure", method: "GET", path: "/api/v1/dossiers/export.xes" + oct + "&procedure=abc", who: "director", status: 400, want: []string{`"field":"procedure"`}},
		{name: "ocel without to", method: "GET", path: "/api/v1/dossiers/export.ocel.json?from=2026-10-01", who: "director", status: 400, want: []string{`"field":"to"`}},
	})
}
