package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestTaskListPaging: GET /api/v1/tasks pages by cursor: each page but the
// last gives Next-After and a Link to the next, and following them gives
// every task once, in deadline order, the same as one long page.
func TestTaskListPaging(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newTaskFixture(t, db)
		mux := newWorkServer(t, db)
		for i := range 7 {
			f.newTask(t, db, fmt.Sprintf("Thẩm định hồ sơ số %d", i+1))
		}
		ids := func(body string) []int64 {
			var out []struct {
				ID int64 `json:"id"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range out {
				ids = append(ids, x.ID)
			}
			return ids
		}
		whole := do(mux, call{method: "GET", path: "/api/v1/tasks?limit=500", token: f.tokens["head"]})
		want := ids(whole.Body.String())
		if len(want) < 7 {
			t.Fatalf("the head sees %d tasks", len(want))
		}
		var got []int64
		path := "/api/v1/tasks?limit=3"
		for pages := 0; path != ""; pages++ {
			rec := do(mux, call{method: "GET", path: path, token: f.tokens["head"]})
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
			}
			got = append(got, ids(rec.Body.String())...)
			path = ""
			if next := rec.Header().Get("Next-After"); next != "" {
				link := rec.Header().Get("Link")
				if !strings.Contains(link, "after="+url.QueryEscape(next)) || !strings.HasSuffix(link, `rel="next"`) {
					t.Errorf("Link %q does not lead to after=%s", link, next)
				}
				path = "/api/v1/tasks?limit=3&after=" + url.QueryEscape(next)
			}
			if pages > 10 {
				t.Fatal("paging does not end")
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("paged %v, one page %v", got, want)
		}
	})
}
