package web

// The menu in groups: about twenty pages for a director were two rows of
// links. Pages of one capability fold under its name (a <details> that
// opens without JavaScript); the pages used many times a day stay on the
// bar: the home page, the desk's intake (its Alt+N must work on a closed
// menu) and the inbox.

// navGroups are the groups in menu order, each with its pages' addresses.
var navGroups = []struct {
	key   string
	hrefs []string
}{
	{"nav.g.onestop", []string{"/dossiers/queue", "/procedures"}},
	{"nav.g.work", []string{"/tasks", "/plans"}},
	{"nav.g.investment", []string{"/projects", "/disbursement"}},
	{"nav.g.check", []string{"/dashboard", "/stats/dossiers", "/evaluations", "/inspections", "/lessons", "/reviews", "/checklists"}},
	{"nav.g.portal", []string{"/articles", "/articles/stats"}},
	{"nav.g.org", []string{"/units", "/people", "/delegations", "/calendar", "/audit"}},
}

// groupNav folds items into their groups, each where its first page was;
// a group the user has a single page of stays that page's link. The
// current marks must be set on items already.
func groupNav(items []NavItem, label func(string) string) []NavItem {
	groupOf := map[string]int{}
	for g, gr := range navGroups {
		for _, h := range gr.hrefs {
			groupOf[h] = g
		}
	}
	out := make([]NavItem, 0, len(items))
	at := map[int]int{} // group → its index in out
	for _, it := range items {
		g, ok := groupOf[it.Href]
		if !ok {
			out = append(out, it)
			continue
		}
		i, placed := at[g]
		if !placed {
			i = len(out)
			at[g] = i
			out = append(out, NavItem{Label: label(navGroups[g].key)})
		}
		out[i].Items = append(out[i].Items, it)
		out[i].Current = out[i].Current || it.Current
	}
	for i := range out {
		if len(out[i].Items) == 1 {
			out[i] = out[i].Items[0]
		}
	}
	return out
}
