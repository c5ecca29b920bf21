package api

import (
	"testing"

	"congvu/internal/apperr"
)

// TestDecodeJSONFields: every refusal names a field, the body when no
// field of the request is at fault (an empty key named none; found by
// FuzzDecodeJSON).
func TestDecodeJSONFields(t *testing.T) {
	for _, tt := range []struct{ body, field, en string }{
		{`{"": ""}`, "body", `unknown field: ""`},
		{`{"ten": "x"}`, "ten", `unknown field: "ten"`},
		{`{"full_name": 5}`, "full_name", "must be a string"},
		{`[1]`, "body", "must be a JSON object"},
	} {
		err := decodeBody([]byte(tt.body), &personCreateRequest{})
		e := apperr.As(err)
		if e == nil || e.Code != apperr.Invalid || e.Field != tt.field || !contains(e.EN, tt.en) || e.VI == "" {
			t.Errorf("decode %s: %+v, want %s on %s", tt.body, err, tt.en, tt.field)
		}
	}
}
