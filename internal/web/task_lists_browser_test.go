package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/audit"
	"congvu/internal/store"
)

// TestTaskListBrowserPaging pages through the director's whole agency in
// Chromium: the board's "done" column links to its whole list, which says
// how many tasks it holds, and "Trang sau" walks it page by page, 50 rows
// at most each, until no next page is offered; the rows seen add up to
// the count, and "Về đầu danh sách" comes back to page 1.
func TestTaskListBrowserPaging(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	if _, err := a.db.GenerateTasks(context.Background(), audit.System("test"), store.TaskGenOptions{N: 300, Now: time.Now(), Seed: 9}); err != nil {
		t.Fatal(err)
	}
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do := b.do
	b.logIn(base, "giamdoc", a.passwords["giamdoc"])
	do("open the board", chromedp.Navigate(base+"/tasks?tab=board"), visible(".board"))
	b.shot("tl1-director-board")
	do("open the done column", chromedp.Click(chromedp.CSS(`a[href^="/tasks?state=done"]`)), visible("table.tasks"))
	count := b.text("#task-list .count", "Danh sách có")
	var total int
	fmt.Sscanf(strings.ReplaceAll(strings.TrimPrefix(count, "Danh sách có "), ".", ""), "%d", &total)
	if total <= 100 {
		t.Fatalf("the done list holds %d tasks (%q); the test needs more than two pages", total, count)
	}
	seen, pages := 0, 0
	for {
		pages++
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.tasks tbody tr").length`))
		if err != nil {
			t.Fatal(err)
		}
		if rows == 0 || rows > 50 {
			t.Fatalf("page %d shows %d rows", pages, rows)
		}
		seen += rows
		b.text(".pager", fmt.Sprintf("Trang %d", pages))
		next, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('a[rel="next"]')`))
		if err != nil {
			t.Fatal(err)
		}
		if !next {
			break
		}
		if pages == 2 {
			b.shot("tl2-director-done-page2")
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('a[rel="next"]').getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		// Following the link's address waits for the next page to load.
		do(fmt.Sprintf("page %d", pages+1), chromedp.Navigate(base+href), visible("table.tasks"))
		if pages > 20 {
			t.Fatal("paging does not end")
		}
	}
	if seen != total {
		t.Errorf("paged through %d rows on %d pages; the list says %d", seen, pages, total)
	}
	do("back to the start", chromedp.Click(chromedp.CSS(`a[rel="first"]`)), visible("table.tasks"))
	b.text(".pager", "Trang 1")
	if p := problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}
