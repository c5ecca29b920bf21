package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestReissueLookupSecret: a reissued secret opens the lookup, the old one
// no longer does, and the journal says who reissued it without the secret.
func TestReissueLookupSecret(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		rec, old, err := db.ReceiveDossier(ctx, o.clerk, o.intake("Nguyễn Văn An", time.Date(2026, 3, 2, 8, 0, 0, 0, vn), dossier.ChannelDirect))
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := db.ReissueLookupSecret(ctx, o.clerk, rec.Code)
		if err != nil {
			t.Fatal(err)
		}
		if len(fresh) != 16 || fresh == old {
			t.Fatalf("new secret %q (old %q)", fresh, old)
		}
		if _, err := db.LookupDossier(ctx, rec.Code, fresh); err != nil {
			t.Errorf("new secret: %v", err)
		}
		if _, err := db.LookupDossier(ctx, rec.Code, old); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("old secret still opens the dossier: %v", err)
		}
		if _, err := db.ReissueLookupSecret(ctx, o.clerk, "000.00.15.H27-260302-9999"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown code: %v", err)
		}
		evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "dossier", ObjectID: rec.Code})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range evs {
			if e.Action == "reissue_lookup_secret" {
				found = true
				if e.ActorID != o.clerk.PersonID {
					t.Errorf("reissued by %d, want the clerk %d", e.ActorID, o.clerk.PersonID)
				}
			}
			if strings.Contains(e.Payload, strings.ReplaceAll(fresh, "-", "")) || strings.Contains(e.Payload, fresh) {
				t.Errorf("the journal holds the secret: %s", e.Payload)
			}
		}
		if !found {
			t.Error("the reissue is not journalled")
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}
