package api

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestOpenAPIRedoclyLint writes the OpenAPI document and lints it with
// Redocly's CLI (recommended ruleset, redocly.yaml at the repository's root),
// failing on any error. scripts/test.d/40-redocly.sh installs the CLI and
// sets CONGVU_REDOCLY; without it the test is skipped (CI requires it).
func TestOpenAPIRedoclyLint(t *testing.T) {
	bin := os.Getenv("CONGVU_REDOCLY")
	if bin == "" {
		t.Skip("CONGVU_REDOCLY is not set (scripts/test.d/40-redocly.sh installs Redocly's CLI)")
	}
	db := storetest.New(t, "sqlite", store.Options{})
	s, _ := newTestServer(t, db, nil)
	file := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(file, s.openapi, 0o644); err != nil {
		t.Fatal(err)
	}
	config, err := filepath.Abs("../../redocly.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "lint", "--config", config, "--format", "codeframe", file)
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("redocly lint found errors (%v):\n%s", err, out)
	}
	t.Logf("%s", out)
}
