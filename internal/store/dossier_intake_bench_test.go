package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// BenchmarkIntakeAndForward measures the write path of the one-stop desk on
// SQLite: one intake and one forward per iteration, each its own
// transaction with its events, rollups and journal entries.
func BenchmarkIntakeAndForward(b *testing.B) {
	db := storetest.New(b, "sqlite", store.Options{})
	o := newOneStop(b, db)
	ctx := context.Background()
	at := time.Now().Add(-time.Hour)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec, _, err := db.ReceiveDossier(ctx, o.clerk, o.intake(fmt.Sprintf("Người nộp %d", i), at, dossier.ChannelDirect))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.RecordDossierEvent(ctx, o.clerk, rec.Code, 1, dossier.Event{Action: dossier.Forward, UnitID: o.desk.ID, ToUnitID: o.division.ID}); err != nil {
			b.Fatal(err)
		}
	}
}
