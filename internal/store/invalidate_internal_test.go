package store

import "testing"

func TestParseInvalidation(t *testing.T) {
	cases := []struct {
		payload string
		want    invalidation
	}{
		{"identity@public@other", invIdentity},
		{"identity,tree,calendar@public@other", invIdentity | invTree | invCalendar},
		{"procedure@public@me", 0},                  // sent by this node, which forgot already
		{"identity@t_1@other", 0},                   // another schema
		{"identity@pub@lic@other", 0},               // another schema, with an @ in it
		{"@settle@x", 0},                            // no kind
		{"identity,dossier:7@public@other", invAll}, // a kind from a newer version
		{"garbage", 0},
	}
	for _, c := range cases {
		if got := parseInvalidation(c.payload, "public", "me"); got != c.want {
			t.Errorf("%q: %b, want %b", c.payload, got, c.want)
		}
	}
	for _, k := range []invalidation{invIdentity, invTree | invProcedure, invAll} {
		if got := parseInvalidation(k.kinds()+"@s@n", "s", "me"); got != k {
			t.Errorf("round trip of %b: %b", k, got)
		}
	}
}
