package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A page rendered with its slots' marks is cut at them and served with
// each request's counts: the bytes are those a render with the counts
// gives, in whatever order the slots appear; a mark that is missing or
// appears twice (an article printing that very number) leaves the page
// not kept.
func TestCutSlots(t *testing.T) {
	mark := func(i int) string { return fmtNum(slotBase + int64(i)) }
	for _, tc := range []struct {
		name     string
		tmpl     string // %0, %1, %2: where the slots' marks go
		values   []int64
		want     string
		keepable bool
	}{
		{"in order", "<p>%0</p><b>%1</b>/<b>%2</b>", []int64{364, 7, 1234567}, "<p>364</p><b>7</b>/<b>1.234.567</b>", true},
		{"out of order", "%2 then %0 then %1.", []int64{1, 2, 3000}, "3.000 then 1 then 2.", true},
		{"at the ends", "%0middle%1", []int64{0, 12}, "0middle12", true},
		{"a mark missing", "%0 and %1", []int64{1, 2, 3}, "", false},
		{"a mark twice", "%0 %1 %2 %1", []int64{1, 2, 3}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.tmpl
			for i := 0; i < 3; i++ {
				body = strings.ReplaceAll(body, "%"+string(rune('0'+i)), mark(i))
			}
			p := cutSlots([]byte(body), len(tc.values))
			if (p.segs != nil) != tc.keepable {
				t.Fatalf("keepable = %v, want %v", p.segs != nil, tc.keepable)
			}
			if !tc.keepable {
				return
			}
			rec := httptest.NewRecorder()
			if err := p.write(rec, httptest.NewRequest("GET", "/", nil), "no-cache", tc.values); err != nil {
				t.Fatal(err)
			}
			if got := rec.Body.String(); got != tc.want {
				t.Errorf("served %q, want %q", got, tc.want)
			}
			// The same counts: the same ETag, and a 304 for it; other
			// counts: another ETag.
			etag := rec.Header().Get("ETag")
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("If-None-Match", etag)
			again := httptest.NewRecorder()
			p.write(again, req, "no-cache", tc.values)
			if again.Code != http.StatusNotModified {
				t.Errorf("revalidation with the same counts: %d, want 304", again.Code)
			}
			other := append([]int64(nil), tc.values...)
			other[0]++
			next := httptest.NewRecorder()
			p.write(next, req, "no-cache", other)
			if next.Code != http.StatusOK || next.Header().Get("ETag") == etag || bytes.Equal(next.Body.Bytes(), rec.Body.Bytes()) {
				t.Errorf("another count: %d, ETag %s (was %s)", next.Code, next.Header().Get("ETag"), etag)
			}
		})
	}
}
