package demo

import (
	"context"
	"testing"
	"time"

	"congvu/internal/blob"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The demo's online filings wait at the desk with a PDF per document, kept
// in the file store.
func TestSeedOnlineFilings(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t, "sqlite", store.Options{})
	if _, err := Seed(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	files, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	n, err := SeedOnlineFilings(ctx, db, files)
	if err != nil || n != len(onlineFilings) {
		t.Fatalf("filed %d, %v", n, err)
	}
	p, err := db.FindDossierPage(ctx, dossier.Filter{Statuses: []dossier.Status{dossier.StatusRegistered}})
	if err != nil || p.Total != len(onlineFilings) {
		t.Fatalf("waiting at the desk: %d, %v", p.Total, err)
	}
	for _, row := range p.Rows {
		links, err := db.FindFileLinks(ctx, file.KindDossier, row.Code)
		if err != nil || len(links) == 0 {
			t.Fatalf("%s: no files (%v)", row.Code, err)
		}
		if ok, err := files.Has(ctx, links[0].File.SHA256); !ok || err != nil || links[0].File.ContentType != file.PDF {
			t.Errorf("%s: its PDF is not in the file store (%v)", row.Code, err)
		}
	}
}
