package calendar

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStdlibOnly keeps the engine free of third-party code (STYLE.md import
// rule): every package it depends on must be in the standard library.
func TestStdlibOnly(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(gobin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p != "congvu/internal/calendar" {
			t.Errorf("calendar imports non-standard package %s", p)
		}
	}
}
