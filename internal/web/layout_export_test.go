package web

import "strings"

// PageGETPatterns lists the GET patterns of the route table (routes.go), so
// that the browser walk (axe_browser_test.go) can tell when a page is left
// out of it.
func PageGETPatterns() []string {
	var out []string
	for _, p := range (&Server{}).pageList() {
		if p.Method == "GET" {
			out = append(out, strings.TrimSpace(p.Pattern))
		}
	}
	return out
}
