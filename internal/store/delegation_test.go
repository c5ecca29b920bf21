package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDelegationRevoke: a revoked delegation grants nothing from the
// moment the revocation commits (the subject cache is emptied), is
// journalled, cannot be revoked twice, and lists as revoked; the list is
// limited to the delegator's agency (issue #11, finding 2).
func TestDelegationRevoke(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		now := db.Now()
		d, err := db.CreateDelegation(ctx, sys, org.Delegation{FromPersonID: f.alice.ID, ToPersonID: f.bob.ID,
			StartsAt: now.Add(-time.Hour), EndsAt: now.Add(7 * 24 * time.Hour), Reason: "đi công tác"})
		if err != nil {
			t.Fatal(err)
		}
		if s, err := db.Subject(ctx, f.bob.ID); err != nil || !s.Has(org.RoleHead) {
			t.Fatalf("before the revocation: %v %+v", err, s)
		}
		admin := audit.Actor{PersonID: f.alice.ID, Name: f.alice.FullName}
		got, err := db.RevokeDelegation(ctx, admin, d.ID)
		if err != nil || got.RevokedAt == nil {
			t.Fatalf("revoke: %v %+v", err, got)
		}
		s, err := db.Subject(ctx, f.bob.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Has(org.RoleHead) {
			t.Errorf("a revoked delegation still grants: %+v", s.Grants)
		}
		if act, err := db.ActiveDelegationsTo(ctx, f.bob.ID); err != nil || len(act) != 0 {
			t.Errorf("active after revocation: %v %v", act, err)
		}
		if _, err := db.RevokeDelegation(ctx, admin, d.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("second revocation: %v", err)
		}
		if _, err := db.RevokeDelegation(ctx, admin, 999999); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("missing delegation: %v", err)
		}
		ended, err := db.CreateDelegation(ctx, sys, org.Delegation{FromPersonID: f.alice.ID, ToPersonID: f.bob.ID,
			StartsAt: now.Add(-48 * time.Hour), EndsAt: now.Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.RevokeDelegation(ctx, admin, ended.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("revoking an ended delegation: %v", err)
		}
		events, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "delegation", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		revoked := 0
		for _, e := range events {
			if e.Action == "revoke" && e.ObjectID == strconv.FormatInt(d.ID, 10) && e.ActorID == f.alice.ID {
				revoked++
			}
		}
		if revoked != 1 {
			t.Errorf("%d revoke events in the journal, want 1: %+v", revoked, events)
		}
		one, err := db.FindDelegationByID(ctx, d.ID)
		if err != nil || one.RevokedAt == nil || one.ActiveAt(db.Now()) {
			t.Errorf("find by id: %+v %v", one, err)
		}
		mine, err := db.FindDelegations(ctx, org.DelegationFilter{AgencyID: f.agency.ID})
		if err != nil || len(mine) != 2 || mine[0].ID != ended.ID || mine[1].RevokedAt == nil {
			t.Errorf("the agency's delegations: %+v %v", mine, err)
		}
		if other, err := db.FindDelegations(ctx, org.DelegationFilter{AgencyID: f.agency.ID + 1000}); err != nil || len(other) != 0 {
			t.Errorf("another agency's list: %+v %v", other, err)
		}
	})
}
