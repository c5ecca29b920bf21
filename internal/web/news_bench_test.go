package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// BenchmarkArticlePage serves an article page to distinct readers in
// parallel (each request a new visitor, so each counts a view and a
// visit: the counter's worst case) beside the same page with counting off,
// in the same run; afterwards the counts must be exact.
//
//	go test ./internal/web/ -run '^$' -bench BenchmarkArticlePage -benchtime 20000x
func BenchmarkArticlePage(b *testing.B) {
	db := storetest.New(b, "sqlite", store.Options{})
	ctx := context.Background()
	ag, err := db.CreateUnit(ctx, audit.System("bench"), org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	if err != nil {
		b.Fatal(err)
	}
	body := ""
	for i := 0; i < 12; i++ {
		body += "Đoạn văn của bài viết về tiến độ giải ngân vốn đầu tư công, với **số liệu** và [liên kết](https://example.gov.vn).\n\n"
	}
	a, err := db.SeedArticle(ctx, news.Article{AgencyID: ag.ID, UnitID: ag.ID, Category: news.CatInvestment, Title: "Tiến độ giải ngân vốn đầu tư công năm 2026",
		Summary: "Tóm tắt.", Body: body, WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: time.Now().Add(-time.Hour), Views: 363, CreatedAt: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		off  bool
	}{{"baseline-no-counting", true}, {"counting", false}} {
		b.Run(mode.name, func(b *testing.B) {
			s, err := New(httpx.Deps{Store: db, Policy: auth.NewPolicy(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: httpx.NewMetrics(), Now: time.Now})
			if err != nil {
				b.Fatal(err)
			}
			s.countOff = mode.off
			mux := http.NewServeMux()
			s.Register(mux)
			c := s.deps.NewsCounter()
			before, _ := db.Article(ctx, a.ID)
			var n atomic.Int64
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					req := httptest.NewRequest("GET", "/tin-tuc/"+a.Slug, nil)
					req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:5000", i>>16&255, i>>8&255, i&255)
					req.Header.Set("User-Agent", "Mozilla/5.0 Firefox/133.0")
					rec := httptest.NewRecorder()
					mux.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Errorf("status %d", rec.Code)
						return
					}
				}
			})
			b.StopTimer()
			if err := c.Flush(ctx); err != nil {
				b.Fatal(err)
			}
			after, _ := db.Article(ctx, a.ID)
			want := int64(0)
			if !mode.off {
				want = n.Load()
			}
			if after.Views-before.Views != want {
				b.Fatalf("views moved by %d, want %d", after.Views-before.Views, want)
			}
		})
	}
}
