package web

import (
	"strings"
	"testing"
)

// TestGroupNav: pages fold under their group where its first page stood;
// a group of one page stays that link; a group is current with its page.
func TestGroupNav(t *testing.T) {
	link := func(h string, current bool) NavItem { return NavItem{Href: h, Label: h, Current: current} }
	show := func(items []NavItem) string {
		var parts []string
		for _, it := range items {
			s := it.Href
			if it.Items != nil {
				var sub []string
				for _, c := range it.Items {
					sub = append(sub, c.Href)
				}
				s = it.Label + "[" + strings.Join(sub, " ") + "]"
			}
			if it.Current {
				s += "*"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " ")
	}
	for _, c := range []struct {
		name string
		in   []NavItem
		want string
	}{
		{"a director", []NavItem{link("/", false), link("/units", false), link("/people", false), link("/dossiers/queue", false), link("/procedures", false),
			link("/dashboard", true), link("/stats/dossiers", false), link("/tasks", false), link("/plans", false), link("/inbox", false), link("/audit", false)},
			"/ nav.g.org[/units /people /audit] nav.g.onestop[/dossiers/queue /procedures] nav.g.check[/dashboard /stats/dossiers]* nav.g.work[/tasks /plans] /inbox"},
		{"the desk keeps its intake on the bar", []NavItem{link("/", false), link("/dossiers/queue", false), link("/procedures", false), link("/dossiers/new", true)},
			"/ nav.g.onestop[/dossiers/queue /procedures] /dossiers/new*"},
		{"a group of one page is that page", []NavItem{link("/", false), link("/projects", true), link("/inbox", false)}, "/ /projects* /inbox"},
		{"nothing to group", []NavItem{link("/", true), link("/inbox", false)}, "/* /inbox"},
	} {
		if got := show(groupNav(c.in, func(k string) string { return k })); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
