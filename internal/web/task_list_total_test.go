package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/store"
)

var taskCountRe = regexp.MustCompile(`<span class="count">([^<]*)</span>`)

// taskCountText is the count a task list page shows ("" for none).
func taskCountText(t *testing.T, u *user, path string) (count, next string) {
	t.Helper()
	res := u.do("GET", path, nil, false)
	if res.status != 200 {
		t.Fatalf("%s: %d\n%s", path, res.status, res.body)
	}
	if m := taskCountRe.FindStringSubmatch(res.body); m != nil {
		count = htmlUnescape(m[1])
	}
	list := res.body[strings.Index(res.body, `id="task-list"`):]
	if m := nextLinkRe.FindStringSubmatch(list); m != nil {
		next = htmlUnescape(m[1])
	}
	return count, next
}

// A task list is counted with its first page, and the total is carried
// in the links to the next ones (total=), as the dossier lists do: a
// later page shows the first page's count even when the list has grown
// since, and one without a total (a link made by hand) counts again. A
// list longer than store.TaskCountCap says "hơn 1.000" ("over 1.000" in
// English), a shorter one its size.
func TestTaskListTotalCarried(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	if _, err := a.db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: 3 * store.TaskCountCap, Now: time.Now(), Seed: 7}); err != nil {
		t.Fatal(err)
	}
	u := a.login(t, "giamdoc")
	sides := map[bool]bool{}
	for _, q := range []string{"tab=assigned", "tab=board&state=done", "tab=board&state=in_progress", "tab=board&state=done&q=bao+cao"} {
		t.Run(q, func(t *testing.T) {
			ids, _ := listTaskIDs(t, u, "/tasks?"+q)
			capped := len(ids) > store.TaskCountCap
			want := "Danh sách có " + vnNum(len(ids)) + " nhiệm vụ"
			if capped {
				want = "Danh sách có hơn 1.000 nhiệm vụ"
			}
			sides[capped] = true
			count, next := taskCountText(t, u, "/tasks?"+q)
			if count != want {
				t.Fatalf("first page: %q, want %q", count, want)
			}
			if next == "" {
				t.Fatal("no second page")
			}
			nu, err := url.Parse(next)
			if err != nil {
				t.Fatal(err)
			}
			total := nu.Query().Get("total")
			if wantTotal := map[bool]string{true: "1000+", false: vnPlain(len(ids))}[capped]; total != wantTotal {
				t.Errorf("next link %q: total=%q, want %q", next, total, wantTotal)
			}
			if en, _ := taskCountText(t, u, next+"&lang=en"); capped && en != "The list holds over 1.000 tasks" {
				t.Errorf("in English: %q", en)
			}
			// The list grows: the later page shows the total carried.
			if _, err := a.db.GenerateTasks(ctx, audit.System("test"), store.TaskGenOptions{N: 200, Now: time.Now(), Seed: uint64(len(q))}); err != nil {
				t.Fatal(err)
			}
			if got, _ := taskCountText(t, u, next); got != count {
				t.Errorf("second page: %q, want the first page's %q", got, count)
			}
			if !capped {
				grown, _ := taskCountText(t, u, "/tasks?"+q)
				q := nu.Query()
				q.Del("total")
				nu.RawQuery = q.Encode()
				if got, _ := taskCountText(t, u, nu.String()); got != grown || got == count {
					t.Errorf("a second page without total=: %q, want the list counted again (%q, was %q)", got, grown, count)
				}
			}
		})
	}
	if !sides[true] || !sides[false] {
		t.Errorf("lists capped and not: %v; want both", sides)
	}
}

// vnNum writes n as the pages do: 1.234.
func vnNum(n int) string {
	s := vnPlain(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func vnPlain(n int) string { return strconv.Itoa(n) }
