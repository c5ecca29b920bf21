package web_test

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The queue pages list every dossier, 50 at a time with a next link and
// the section's total; they stopped silently at 200 (the clerk's queue) and
// 500 (a head's overview) before (issue #12, "paging with no silent cap").
func TestDossierQueuePages(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	want := map[string]bool{}
	for i := 0; i < 56; i++ {
		code, _ := receive(t, clerk, "Lê Văn Hàng")
		want[code] = true
	}
	codeRe := regexp.MustCompile(`href="/dossiers/([^"/?]+)"><code>`)
	nextRe := regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	countRe := regexp.MustCompile(`id="h-queue">[^<]*<span class="count">\(([0-9.]+)\)`)
	seen := map[string]int{}
	path := "/dossiers/queue"
	pages := 0
	for path != "" {
		res := clerk.do("GET", path, nil, false)
		if res.status != 200 {
			t.Fatalf("GET %s: %d", path, res.status)
		}
		queue := res.body
		if i := strings.Index(queue, `id="sec-return"`); i >= 0 {
			queue = queue[:i]
		}
		m := countRe.FindStringSubmatch(queue)
		if m == nil {
			t.Fatalf("page %d: no total in the queue's heading", pages+1)
		}
		if n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ".", "")); n < 56 {
			t.Errorf("page %d: total %s, want at least 56", pages+1, m[1])
		}
		rows := codeRe.FindAllStringSubmatch(queue, -1)
		if len(rows) > 50 {
			t.Errorf("page %d has %d rows, want at most 50", pages+1, len(rows))
		}
		for _, r := range rows {
			seen[r[1]]++
		}
		path = ""
		if n := nextRe.FindStringSubmatch(queue); n != nil {
			path = html.UnescapeString(n[1])
		}
		if pages++; pages > 10 {
			t.Fatal("more than 10 pages")
		}
	}
	if pages < 2 {
		t.Errorf("%d page(s): 56 new dossiers need a next page", pages)
	}
	for code := range want {
		if seen[code] != 1 {
			t.Errorf("%s listed %d times across the pages, want once", code, seen[code])
		}
	}
}
