package access

import (
	"strings"
	"testing"

	"congvu/internal/org"
)

func TestMayParsesGrants(t *testing.T) {
	r := May("dossier.stats", "director inspector: agency; head: subtree")
	g := r.Grants()
	if len(g) != 2 || g[0].Scope != Agency || len(g[0].Roles) != 2 || g[0].Roles[1] != org.RoleInspector ||
		g[1].Scope != Subtree || g[1].Roles[0] != org.RoleHead {
		t.Fatalf("grants %+v", g)
	}
	if got := May("org.view", "staff: agency").Grants()[0].Roles; len(got) != len(Staff) {
		t.Errorf("staff expands to %v", got)
	}
	if got, want := r.String(), "dossier.stats — director inspector: agency; head: subtree"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	l := Login().Shows(Parties("owner only", "recipient"))
	if items, ok := l.Items(); !ok || items.Relations()[0] != "recipient" || !strings.Contains(l.String(), "the target's recipient") {
		t.Errorf("Shows: %v %q", ok, l.String())
	}
}

func TestMayRefusesMalformedGrants(t *testing.T) {
	for _, spec := range []string{"", "director", "director: province", "directeur: agency", ": agency", "head: subtree;"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("May(%q) did not panic", spec)
				}
			}()
			May("x", spec)
		}()
	}
}

func TestDeclared(t *testing.T) {
	if (Rule{}).Declared() {
		t.Error("the zero rule is declared")
	}
	for _, r := range []Rule{Public(), Login(), May("x", "admin: home"), Parties("x", "lead")} {
		if !r.Declared() {
			t.Errorf("%v is not declared", r)
		}
	}
}
