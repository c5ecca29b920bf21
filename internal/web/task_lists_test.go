package web_test

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"congvu/internal/audit"
	"congvu/internal/store"
	"congvu/internal/work"
)

var (
	exportLinkRe = regexp.MustCompile(`href="(/tasks/export\.xlsx[^"]*)"`)
	nextLinkRe   = regexp.MustCompile(`href="([^"]*)" rel="next"`)
	taskLinkRe   = regexp.MustCompile(`href="/tasks/(\d+)"`)
)

// listTaskIDs follows a task list page by page through its "next" links
// and returns the ids of the tasks it shows, in order, and its first page.
func listTaskIDs(t *testing.T, u *user, path string) ([]int64, string) {
	t.Helper()
	var ids []int64
	var first string
	for pages := 0; path != ""; pages++ {
		res := u.do("GET", path, nil, false)
		if res.status != 200 {
			t.Fatalf("%s: %d\n%s", path, res.status, res.body)
		}
		if first == "" {
			first = res.body
		}
		list := res.body[strings.Index(res.body, `id="task-list"`):]
		for _, m := range taskLinkRe.FindAllStringSubmatch(list, -1) {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			ids = append(ids, id)
		}
		path = ""
		if m := nextLinkRe.FindStringSubmatch(list); m != nil {
			path = htmlUnescape(m[1])
		}
		if pages > 200 {
			t.Fatal("paging does not end")
		}
	}
	return ids, first
}

// exportIDs downloads the export the page links to and reads the task
// numbers (column "Số nhiệm vụ") back with excelize.
func exportIDs(t *testing.T, u *user, page string) []int64 {
	t.Helper()
	m := exportLinkRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no export link")
	}
	link := htmlUnescape(m[1])
	if strings.Contains(link, "%3d") || strings.Contains(link, "%3D") {
		t.Errorf("export link %q escapes its '=': the filters are lost", link)
	}
	res := u.do("GET", link, nil, false)
	if res.status != 200 {
		t.Fatalf("%s: %d", link, res.status)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
	if err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	defer f.Close()
	rows, err := f.GetRows("Nhiệm vụ")
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v %v", link, rows, err)
	}
	col := slices.Index(rows[0], "Số nhiệm vụ")
	if col < 0 {
		t.Fatalf("%s: no column Số nhiệm vụ in %v", link, rows[0])
	}
	var ids []int64
	for _, r := range rows[1:] {
		id, err := strconv.ParseInt(r[col], 10, 64)
		if err != nil {
			t.Fatalf("%s: task number %q", link, r[col])
		}
		ids = append(ids, id)
	}
	return ids
}

// TestTaskListExports: every tab of the task lists, with its filters,
// exports to XLSX exactly the tasks its pages show, all pages of them
// (the export link of "Việc tôi giao" was ?tab%3dassigned, which named
// no tab, and downloaded an empty sheet).
func TestTaskListExports(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	if _, err := a.db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: 400, Now: time.Now(), Seed: 5}); err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"truongphong.kgvx", "giamdoc", "chuyenvien"} {
		u := a.login(t, login)
		for _, q := range []string{"tab=mine", "tab=assigned", "tab=coordinating", "tab=board", "tab=due",
			"tab=assigned&state=done", "tab=board&state=in_progress", "tab=mine&q=bao+cao", "tab=board&q=bao+cao"} {
			shown, page := listTaskIDs(t, u, "/tasks?"+q)
			if strings.Contains(page, "bạn không quản lý đơn vị nào") { // an official has no board, nor its export
				if res := u.do("GET", "/tasks/export.xlsx?"+q, nil, false); res.status != 403 {
					t.Errorf("%s: the export of a board they do not have: %d", login, res.status)
				}
				continue
			}
			exported := exportIDs(t, u, page)
			if strings.HasPrefix(q, "tab=board") && !strings.Contains(q, "state=") {
				// The board shows each column's first cards; each column
				// links to its whole list.
				shown = nil
				for _, st := range work.States() {
					ids, _ := listTaskIDs(t, u, "/tasks?"+q+"&state="+string(st))
					shown = append(shown, ids...)
				}
			}
			slices.Sort(shown) // the board shows its columns one after the other
			slices.Sort(exported)
			if !slices.Equal(shown, exported) {
				t.Errorf("%s /tasks?%s: the pages show %d tasks, the export has %d", login, q, len(shown), len(exported))
			}
		}
	}
}
