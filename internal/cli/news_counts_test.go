package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
)

// TestServeGracefulStopKeepsCounts: the server counts views and visits in
// memory and flushes them every countFlushEvery; a stop (the context
// ends, as on SIGTERM) flushes what is pending, so that every counted view
// and visit is in the database afterwards — none lost, none twice.
func TestServeGracefulStopKeepsCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "counts.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	sys := audit.System("test")
	ag, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	art, err := db.SeedArticle(ctx, news.Article{AgencyID: ag.ID, UnitID: ag.ID, Category: news.CatEvents, Title: "Tin đếm khi dừng máy chủ",
		Body: "x", WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: now.Add(-time.Hour), Views: 363, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	sctx, cancel := context.WithCancel(ctx)
	addrc := make(chan string, 1)
	var out syncBuffer
	m := Main{Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }, Ready: func(a string) { addrc <- a }}
	done := make(chan int, 1)
	go func() { done <- m.Run(sctx, []string{"serve", "--db", path, "--addr", "127.0.0.1:0"}) }()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve exited with %d: %s", code, out.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	const readers = 40
	for i := 0; i < readers; i++ {
		for _, p := range []string{"/tin-tuc/" + art.Slug, "/tin-tuc/" + art.Slug, "/tin-tuc"} { // a view, its reload, the list
			req, _ := http.NewRequest("GET", "http://"+addr+p, nil)
			req.Header.Set("User-Agent", fmt.Sprintf("Mozilla/5.0 (reader %d) Firefox/133.0", i))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exit status %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Article(ctx, art.ID)
	if err != nil || got.Views != 363+readers {
		t.Fatalf("views after a graceful stop: %d, want %d (%v)", got.Views, 363+readers, err)
	}
	totals, err := db.AddCounts(ctx, news.Delta{}, time.Now())
	if err != nil || totals.Visits != readers {
		t.Fatalf("visits after a graceful stop: %d, want %d (%v)", totals.Visits, readers, err)
	}
}
