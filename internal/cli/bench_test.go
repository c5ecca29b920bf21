package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The benchmark commands run end to end on a small demo (what
// docs/BENCHMARKS.md reproduces with them): every workload line is
// printed, no operation fails, and --cpuprofile writes a profile.
func TestBenchCommandsRun(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		runs    []string
		skipped []string
	}{
		{"bench", []string{"bench", "--dossiers", "20", "--history", "100", "--clients", "4"}, []string{"healthz", "store", "http"}, nil},
		{"bench --runs http", []string{"bench", "--dossiers", "20", "--history", "100", "--clients", "4", "--runs", "http"},
			[]string{"http"}, []string{"healthz", "store"}},
		{"bench-tasks", []string{"bench-tasks", "--tasks", "300", "--pages", "40", "--ops", "10", "--clients", "4"},
			[]string{"healthz", "store-list", "http-list", "store-write", "http-write"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prof := filepath.Join(t.TempDir(), "cpu.prof")
			code, out, errs := run(t, nil, "", append(tc.args, "--cpuprofile", prof)...)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errs)
			}
			if strings.Contains(out, "errors") {
				t.Errorf("failed operations:\n%s", out)
			}
			for _, r := range tc.runs {
				if !strings.Contains(out, "\n"+r+" ") {
					t.Errorf("no %q line in:\n%s", r, out)
				}
			}
			for _, r := range tc.skipped {
				if strings.Contains(out, "\n"+r+" ") {
					t.Errorf("a %q line, not asked for, in:\n%s", r, out)
				}
			}
			if st, err := os.Stat(prof); err != nil || st.Size() == 0 {
				t.Errorf("profile: %v", err)
			}
		})
	}
}

// A run bench does not know is a usage error naming it, before any work.
func TestBenchRejectsUnknownRun(t *testing.T) {
	code, out, errs := run(t, nil, "", "bench", "--runs", "http,sql")
	if code != 2 || !strings.Contains(errs, `"sql"`) {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 2 naming \"sql\"", code, out, errs)
	}
}
