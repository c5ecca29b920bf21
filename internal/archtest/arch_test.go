// Package archtest keeps the layout of DESIGN.md §3 true: the domain knows
// nothing of HTTP or SQL, the calendar needs only the standard library, and
// nothing in the domain reaches back into the adapters.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// domain lists the pure packages: types, rules and calculations only.
var domain = []string{"apperr", "calendar", "org", "auth", "audit", "fold", "dossier", "work", "notify", "file", "review", "inspection", "flow", "dashboard"}

// forbidden are imports no domain package may have, directly or not.
var forbidden = []string{
	"database/sql", "net/http", "html/template",
	"github.com/jackc/pgx", "modernc.org/sqlite",
	"congvu/internal/store", "congvu/internal/web", "congvu/internal/api",
	"congvu/internal/cli", "congvu/internal/httpx", "congvu/internal/config",
}

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{else}}std:{{.ImportPath}}{{end}}", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}

func TestDomainIsPure(t *testing.T) {
	for _, p := range domain {
		pkg := "congvu/internal/" + p
		for _, d := range deps(t, pkg) {
			d = strings.TrimPrefix(d, "std:")
			for _, f := range forbidden {
				if d == f || strings.HasPrefix(d, f+"/") {
					t.Errorf("%s depends on %s: domain packages must not know storage or HTTP", pkg, d)
				}
			}
		}
	}
}

func TestCalendarUsesOnlyTheStandardLibrary(t *testing.T) {
	for _, d := range deps(t, "congvu/internal/calendar") {
		if !strings.HasPrefix(d, "std:") && d != "congvu/internal/calendar" {
			t.Errorf("calendar depends on %s; it may use only the standard library", d)
		}
	}
}

func TestOnlyStoreImportsDrivers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", "congvu/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		if pkg == "congvu/internal/store" {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "github.com/jackc/pgx") || strings.HasPrefix(imp, "modernc.org/sqlite") {
				t.Errorf("%s imports the driver %s; only internal/store may", pkg, imp)
			}
		}
	}
}
