package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestREADMECommands runs the README's table of commands as written, on a
// fresh database: each row's command exists, its --help names every flag
// the row shows, and each row that does not serve or measure for minutes is
// run with its placeholders filled in (ID the demo agency, FILE a file of
// the step before, LOGIN a login...), in the README's order, and must
// succeed. A row the README adds later is checked by its --help at least.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	if i := strings.Index(section, "## The command"); i >= 0 {
		section = section[i:]
	}
	if i := strings.Index(section[3:], "\n## "); i >= 0 {
		section = section[:i+3]
	}
	rowRe := regexp.MustCompile("(?m)^\\| `congvu ([^`]+)` \\|")
	var rows []string
	for _, m := range rowRe.FindAllStringSubmatch(section, -1) {
		rows = append(rows, strings.ReplaceAll(m[1], `\|`, "|"))
	}
	if len(rows) < 15 {
		t.Fatalf("found %d command rows in the README", len(rows))
	}

	dir := t.TempDir()
	db := filepath.Join(dir, "readme.db")
	env := map[string]string{"CONGVU_DB": db}
	cmds := commands()
	flagRe := regexp.MustCompile(`--([a-z][a-z-]*)`)
	for _, row := range rows {
		name := strings.Fields(row)[0]
		if _, ok := cmds[name]; !ok {
			t.Errorf("README row %q: no command %q", row, name)
			continue
		}
		// A command with subcommands (user add, audit verify, calendar
		// tet|lunar...) shows the flags in the subcommand's help.
		helpArgs := []string{name}
		if f := strings.Fields(row); len(f) > 1 && regexp.MustCompile(`^[a-z]+(\|[a-z]+)*$`).MatchString(f[1]) {
			helpArgs = append(helpArgs, strings.Split(f[1], "|")[0])
		}
		code, _, help := run(t, env, "", append(helpArgs, "--help")...)
		if code != ExitOK {
			t.Errorf("congvu %s --help: exit %d", strings.Join(helpArgs, " "), code)
		}
		for _, f := range flagRe.FindAllStringSubmatch(row, -1) {
			if f[1] != "help" && !strings.Contains(help, "-"+f[1]) {
				t.Errorf("README row %q shows --%s, which congvu %s --help does not know", row, f[1], name)
			}
		}
	}

	// How each row is run: its placeholders filled in. Rows not here are
	// long-running (serve, bench) and checked by --help above.
	var agency string
	runs := map[string][]string{
		"migrate":                   {"migrate"},
		"demo":                      {"demo"},
		"user add":                  {"user", "add", "--login", "kiemthu", "--name", "Nguyễn Văn Kiểm", "--unit", "ID", "--role", "official", "--password", "mat-khau-kiem-thu-1"},
		"user passwd":               {"user", "passwd", "kiemthu", "--password", "mat-khau-kiem-thu-2"},
		"user list":                 {"user", "list"},
		"token create":              {"token", "create", "--user", "kiemthu"},
		"audit verify":              {"audit", "verify", "--records"},
		"audit keygen":              {"audit", "keygen", "--to", filepath.Join(dir, "audit.key")},
		"audit checkpoint":          {"audit", "checkpoint"},
		"backup":                    {"backup", "--to", filepath.Join(dir, "backup.db")},
		"restore":                   {"restore", "--from", filepath.Join(dir, "backup.db"), "--db", filepath.Join(dir, "restored.db")},
		"calendar":                  {"calendar", "tet", "2025", "2026"},
		"agencies":                  {"agencies"},
		"catalogue export --agency": {"catalogue", "export", "--agency", "ID", "--out", filepath.Join(dir, "catalogue.xlsx")},
		"catalogue import FILE":     {"catalogue", "import", filepath.Join(dir, "catalogue.xlsx"), "--agency", "ID"},
		"demo --dossiers":           {"demo", "--dossiers", "20"},
		"version":                   {"version"},
	}
	matched := map[string]bool{}
	for _, row := range rows {
		key := ""
		for k := range runs {
			if (row == k || strings.HasPrefix(row, k+" ")) && len(k) > len(key) {
				key = k
			}
		}
		if key == "" {
			continue
		}
		matched[key] = true
		args := append([]string(nil), runs[key]...)
		if agency == "" && key != "migrate" && key != "demo" {
			agency = strconv.FormatInt(demoAgency(t, db), 10)
		}
		for i, a := range args {
			if a == "ID" {
				args[i] = agency
			}
		}
		code, out, errs := run(t, env, "", args...)
		if code != ExitOK {
			t.Errorf("README row %q run as %q: exit %d\n%s%s", row, args, code, out, errs)
		}
		if key == "audit keygen" {
			env["CONGVU_AUDIT_KEY"] = filepath.Join(dir, "audit.key")
		}
	}
	// The README documents each of these, as the operator types it.
	for k := range runs {
		if !matched[k] {
			t.Errorf("the README's table has no row for \"congvu %s …\"", k)
		}
	}
}
