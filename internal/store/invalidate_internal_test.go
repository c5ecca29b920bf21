package store

import "testing"

func TestParseInvalidation(t *testing.T) {
	cases := []struct {
		payload string
		want    invalidation
	}{
		{"identity@public@other", invIdentity},
		{"news@public@other", invNews},
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

func TestInvalidates(t *testing.T) {
	cases := []struct {
		object, action string
		want           invalidation
	}{
		{"account", "set_password", invIdentity},
		{"article", "publish", invNews},
		{"account", "create_token", invIdentity},
		{"account", "login", 0},
		{"account", "login_failed", 0},
		{"person", "logout", 0},
		{"person", "add_membership", invIdentity},
		{"delegation", "create", invIdentity},
		{"unit", "create", invIdentity | invTree},
		{"procedure", "create_version", invProcedure},
		{"calendar", "set_culture_day_24_11", invCalendar},
		{"office_hours", "set", invCalendar},
		{"dossier", "forward", 0},
		{"task", "start", 0},
	}
	for _, c := range cases {
		if got := invalidates(c.object, c.action); got != c.want {
			t.Errorf("%s %s: %b, want %b", c.object, c.action, got, c.want)
		}
	}
}
