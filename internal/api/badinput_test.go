package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// badInput is a malformed request body and the refusal it must get.
type badInput struct {
	name        string
	contentType string // application/json when empty
	body        string
	status      int
	field       string
	en          string // a substring of the English message
}

// commonBadInputs apply to every POST that takes a body; valid is a
// correct body for the endpoint, in which nameField, a text field, is
// "Đơn vị thử"; missing is a body without the required field missingField.
func commonBadInputs(valid, nameField, missing, missingField string) []badInput {
	long := strings.Repeat("Phòng ", 1000)[:5000]
	huge := `{"` + nameField + `":"` + strings.Repeat("a", 2<<20) + `"}`
	return []badInput{
		{name: "malformed JSON", body: `{"` + nameField + `": "Phòng A" "kind": "division"}`, status: 400, field: "body", en: "malformed JSON at line 1, column"},
		{name: "truncated JSON", body: `{"` + nameField + `": "Phòng A",`, status: 400, field: "body", en: "ends too early"},
		{name: "unknown field", body: `{"ten_don_vi": "Phòng A"}`, status: 400, field: "ten_don_vi", en: "unknown field"},
		{name: "wrong type", body: `{"` + nameField + `": 12}`, status: 400, field: nameField, en: "must be a string, not a number"},
		{name: "invalid UTF-8", body: `{"` + nameField + "\": \"Ph\xffng A\"}", status: 400, field: "body", en: "not valid UTF-8"},
		{name: "over-long name", body: strings.Replace(valid, `"`+nameField+`":"Đơn vị thử"`, `"`+nameField+`":"`+long+`"`, 1), status: 400, field: nameField, en: "too long"},
		{name: "missing required field", body: missing, status: 400, field: missingField, en: "is required"},
		{name: "empty body", body: ``, status: 400, field: "body", en: "empty"},
		{name: "not an object", body: `["Phòng A"]`, status: 400, field: "body", en: "must be a JSON object, not an array"},
		{name: "trailing data", body: valid + ` {}`, status: 400, field: "body", en: "after the JSON object"},
		{name: "wrong content type", contentType: "text/plain", body: valid, status: http.StatusUnsupportedMediaType, field: "Content-Type", en: "use application/json"},
		{name: "form content type", contentType: "application/x-www-form-urlencoded", body: nameField + "=x", status: http.StatusUnsupportedMediaType, field: "Content-Type", en: "not supported"},
		{name: "latin-1 charset", contentType: "application/json; charset=iso-8859-1", body: valid, status: http.StatusUnsupportedMediaType, field: "Content-Type", en: "not supported"},
		{name: "too-large body", body: huge, status: http.StatusRequestEntityTooLarge, field: "body", en: "too large"},
	}
}

// TestBadInput sends each malformed body to each POST endpoint, in
// Vietnamese and in English, and checks that the refusal names the field
// and that nothing was written.
func TestBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, mux := newTestServer(t, db, nil)
		endpoints := []struct {
			path, valid, nameField string
			missing, missingField  string
			extra                  []badInput
		}{
			{path: "/api/v1/units", nameField: "name", missingField: "name",
				missing: fmt.Sprintf(`{"parent_id":%d,"kind":"division","valid_from":"2024-01-01"}`, f.agency.ID),
				valid:   fmt.Sprintf(`{"name":"Đơn vị thử","parent_id":%d,"kind":"division","valid_from":"2024-01-01"}`, f.agency.ID),
				extra: []badInput{
					{name: "bad kind", body: fmt.Sprintf(`{"parent_id":%d,"kind":"phòng","name":"Phòng A","valid_from":"2024-01-01"}`, f.agency.ID), status: 400, field: "kind", en: "one of: agency"},
					{name: "bad date", body: fmt.Sprintf(`{"parent_id":%d,"kind":"division","name":"Phòng A","valid_from":"2024-02-30"}`, f.agency.ID), status: 400, field: "valid_from", en: "invalid date"},
					{name: "fractional id", body: `{"parent_id":1.5,"kind":"division","name":"Phòng A","valid_from":"2024-01-01"}`, status: 400, field: "parent_id", en: "must be an integer, not a number 1.5"},
					{name: "control character", body: fmt.Sprintf(`{"parent_id":%d,"kind":"division","name":"Phòng\u0007A","valid_from":"2024-01-01"}`, f.agency.ID), status: 400, field: "name", en: "control character"},
				}},
			{path: "/api/v1/people", nameField: "full_name", missingField: "full_name", missing: `{"email":"thu@bacninh.gov.vn"}`,
				valid: `{"full_name":"Đơn vị thử","email":"thu@bacninh.gov.vn"}`,
				extra: []badInput{
					{name: "over-long email", body: `{"full_name":"Vũ Thị Thu","email":"` + strings.Repeat("a", 300) + `@bacninh.gov.vn"}`, status: 400, field: "email", en: "too long"},
					{name: "bad phone", body: `{"full_name":"Vũ Thị Thu","phone":"gọi tôi"}`, status: 400, field: "phone", en: "invalid phone"},
				}},
			{path: "/api/v1/restructurings", nameField: "decision", missingField: "effective_on",
				missing: fmt.Sprintf(`{"kind":"rename","sources":[%d],"new_units":[{"parent_id":%d,"kind":"division","name":"Phòng mới"}]}`, f.bidding.ID, f.agency.ID),
				valid:   fmt.Sprintf(`{"decision":"Đơn vị thử","kind":"rename","effective_on":"2025-03-01","sources":[%d],"new_units":[{"parent_id":%d,"kind":"division","name":"Phòng mới"}]}`, f.bidding.ID, f.agency.ID),
				extra: []badInput{
					{name: "missing kind", body: fmt.Sprintf(`{"effective_on":"2025-03-01","sources":[%d]}`, f.bidding.ID), status: 400, field: "kind", en: "kind is required"},
					{name: "missing sources", body: `{"kind":"merge","effective_on":"2025-03-01"}`, status: 400, field: "sources", en: "sources is required"},
					{name: "nested wrong type", body: fmt.Sprintf(`{"kind":"rename","effective_on":"2025-03-01","sources":[%d],"new_units":[{"parent_id":%d,"kind":"division","name":5}]}`, f.bidding.ID, f.agency.ID), status: 400, field: "new_units.name", en: "must be a string"},
					{name: "nested over-long name", body: fmt.Sprintf(`{"kind":"rename","effective_on":"2025-03-01","sources":[%d],"new_units":[{"parent_id":%d,"kind":"division","name":"%s"}]}`, f.bidding.ID, f.agency.ID, strings.Repeat("x", 5000)), status: 400, field: "new_units[0].name", en: "too long"},
					{name: "nested unknown field", body: fmt.Sprintf(`{"kind":"rename","effective_on":"2025-03-01","sources":[%d],"new_units":[{"parent":%d}]}`, f.bidding.ID, f.agency.ID), status: 400, field: "parent", en: "unknown field"},
					{name: "string among ids", body: `{"kind":"merge","effective_on":"2025-03-01","sources":[1,"2"]}`, status: 400, field: "sources", en: "must be an integer, not a string"},
				}},
		}
		for _, ep := range endpoints {
			for _, c := range append(commonBadInputs(ep.valid, ep.nameField, ep.missing, ep.missingField), ep.extra...) {
				before := countAll(t, db)
				for _, lang := range []string{"vi", "en"} {
					hdr := map[string]string{"Content-Type": c.contentType}
					if c.contentType == "" {
						hdr["Content-Type"] = "application/json"
					}
					if lang == "en" {
						hdr["Accept-Language"] = "en-GB,en;q=0.9"
					}
					rec := do(mux, call{method: "POST", path: ep.path, body: c.body, token: f.tokens["admin"], header: hdr})
					if rec.Code != c.status {
						t.Errorf("%s %s (%s): status %d, want %d\n%.300s", ep.path, c.name, lang, rec.Code, c.status, rec.Body)
						continue
					}
					e := apiError(t, rec)
					if e.Code != "invalid" || e.Field != c.field {
						t.Errorf("%s %s (%s): code %q field %q, want invalid %q: %s", ep.path, c.name, lang, e.Code, e.Field, c.field, e.Message)
					}
					if lang == "en" && !strings.Contains(e.Message, c.en) {
						t.Errorf("%s %s: English message %q lacks %q", ep.path, c.name, e.Message, c.en)
					}
					if lang == "vi" && (strings.Contains(e.Message, c.en) || !vietnamese(e.Message)) {
						t.Errorf("%s %s: message %q is not in Vietnamese", ep.path, c.name, e.Message)
					}
				}
				if after := countAll(t, db); after != before {
					t.Errorf("%s %s: something was written: %+v, then %+v", ep.path, c.name, before, after)
				}
			}
			// The valid body must itself be accepted, or the table proves nothing.
			rec := do(mux, call{method: "POST", path: ep.path, body: ep.valid, token: f.tokens["admin"]})
			if rec.Code != http.StatusCreated {
				t.Errorf("%s: the valid body was refused: %d %s", ep.path, rec.Code, rec.Body)
			}
		}
	})
}

// vietnamese reports whether a message has a letter only Vietnamese uses.
func vietnamese(s string) bool {
	return strings.ContainsAny(s, "ăâđêôơưàảãạáằẳẵặắầẩẫậấèẻẽẹéềểễệếìỉĩịíòỏõọóồổỗộốờởỡợớùủũụúừửữựứỳỷỹỵý")
}
