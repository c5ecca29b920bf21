package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/httpx"
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

// genStore is a store with a news generation and nothing else.
type genStore struct{ httpx.Store }

func (genStore) NewsGeneration() (int64, bool) { return 1, true }

// The reads kept are bounded: a crawler reading article after article
// does not keep them all; each is still read and answered.
func TestKeptReadsBounded(t *testing.T) {
	s := &Server{deps: httpx.Deps{Store: genStore{}, Now: time.Now}}
	for i := 0; i < 3*publicKeptMax; i++ {
		slug := "bai-" + strconv.Itoa(i)
		e, err := s.keptRead(context.Background(), publicKey{slug: slug}, func(_ context.Context, e *publicEntry) error {
			e.article.Slug = slug
			return nil
		})
		if err != nil || e.article.Slug != slug {
			t.Fatalf("read %d: %v %q", i, err, e.article.Slug)
		}
	}
	n := 0
	s.kept.Range(func(any, any) bool { n++; return true })
	if n > publicKeptMax {
		t.Errorf("%d reads kept, at most %d wanted", n, publicKeptMax)
	}
	// A kept read is answered without reading again.
	if _, err := s.keptRead(context.Background(), publicKey{slug: "bai-0"}, func(context.Context, *publicEntry) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.keptRead(context.Background(), publicKey{slug: "bai-0"}, func(context.Context, *publicEntry) error {
		t.Error("a read kept a moment ago was read again")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
