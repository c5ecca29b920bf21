package accesstest

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"congvu/internal/access"
)

// Doc writes the declared matrix of cases as a Markdown table: for each
// route its rule and, for each place, the roles it allows there.
func Doc(cases []Case) string {
	var b strings.Builder
	b.WriteString("| Route | Declared access | ")
	for _, p := range Places {
		b.WriteString(p.String() + " | ")
	}
	b.WriteString("no login |\n|---|---|")
	for range Places {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	for _, c := range cases {
		decl := strings.ReplaceAll(declared(c.Rule), "|", `\|`)
		if c.Rule.Remark() != "" {
			decl += " <br>*" + c.Rule.Remark() + "*"
		}
		fmt.Fprintf(&b, "| `%s %s` | %s | ", c.Method, c.Pattern, decl)
		for _, p := range Places {
			var allowed []string
			for _, role := range Roles {
				if Expect(c.Rule, &Identity{Role: role, Place: p}, c.Target) == Allow {
					allowed = append(allowed, string(role))
				}
			}
			switch len(allowed) {
			case 0:
				b.WriteString("— | ")
			case len(Roles):
				b.WriteString("every role | ")
			case len(access.Staff):
				if slices.Equal(allowed, staffNames()) {
					b.WriteString("staff | ")
					break
				}
				b.WriteString(strings.Join(allowed, ", ") + " | ")
			default:
				b.WriteString(strings.Join(allowed, ", ") + " | ")
			}
		}
		if Expect(c.Rule, &Identity{}, c.Target) == Allow {
			b.WriteString("allowed |\n")
		} else {
			b.WriteString("login |\n")
		}
	}
	return b.String()
}

// declared writes a rule shortly, "staff" for the whole of access.Staff.
func declared(r access.Rule) string {
	staff := make([]string, len(access.Staff))
	for i, role := range access.Staff {
		staff[i] = string(role)
	}
	return strings.ReplaceAll(r.String(), strings.Join(staff, " "), "staff")
}

// staffNames are the names of access.Staff's roles, in the order of Roles
// (the order cells list the roles they allow).
func staffNames() []string {
	var out []string
	for _, role := range Roles {
		if slices.Contains(access.Staff, role) {
			out = append(out, string(role))
		}
	}
	return out
}

// CheckDoc keeps the section named section of the Markdown file at path
// equal to text: it rewrites the section when update is set, and fails
// otherwise if the file differs, so the document always shows the rules
// the routes declare. A section lies between the lines
// "<!-- matrix:NAME -->" and "<!-- /matrix:NAME -->".
func CheckDoc(t *testing.T, path, section, text string, update bool) {
	t.Helper()
	begin, end := "<!-- matrix:"+section+" -->\n", "<!-- /matrix:"+section+" -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no section %q (lines %q and %q)", path, section, strings.TrimSpace(begin), end)
	}
	got := doc[i+len(begin) : j]
	if got == text {
		return
	}
	if !update {
		t.Errorf("%s: the %s matrix is out of date with the routes' declared access; regenerate it with\n\tgo test ./internal/%s/ -run TestPermissionMatrix -update-matrix", path, section, section)
		return
	}
	if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+text+doc[j:]), 0o644); err != nil {
		t.Fatal(err)
	}
}
