package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// clock is a settable clock for the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestLoginSessions(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
			db := storetest.New(t, engine, store.Options{Now: c.now})
			f := newFixture(t, db)
			if err := db.CreateAccount(ctx, sys, f.alice.ID, "Anh.NT", "mat-khau-dai-du"); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAccount(ctx, sys, f.bob.ID, "anh.nt", "mat-khau-dai-du"); !apperr.Is(err, apperr.Conflict) {
				t.Errorf("duplicate login (case-insensitive): %v", err)
			}
			if err := db.CreateAccount(ctx, sys, f.bob.ID, "binh", "ngan"); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("short password: %v", err)
			}
			// Logins are case-insensitive; passwords are not.
			id, s, err := db.Login(ctx, auth.Attempt{Login: "ANH.nt", Password: "mat-khau-dai-du", UserAgent: "test"})
			if err != nil || id == "" || s.CSRFToken == "" {
				t.Fatalf("login: %v", err)
			}
			got, err := db.FindSession(ctx, id)
			if err != nil || got.PersonID != f.alice.ID {
				t.Fatalf("session: %v %+v", err, got)
			}
			if _, err := db.FindSession(ctx, "forged"); !apperr.Is(err, apperr.Unauthorized) {
				t.Errorf("forged session: %v", err)
			}
			// Sessions expire after a working day idle.
			c.t = c.t.Add(auth.SessionIdle + time.Minute)
			if _, err := db.FindSession(ctx, id); !apperr.Is(err, apperr.Unauthorized) {
				t.Errorf("idle session still valid: %v", err)
			}
			// Unknown logins and wrong passwords give the same answer.
			_, _, err1 := db.Login(ctx, attempt("nobody", "mat-khau-dai-du"))
			_, _, err2 := db.Login(ctx, attempt("anh.nt", "sai-mat-khau"))
			if apperr.As(err1) == nil || apperr.As(err2) == nil || apperr.As(err1).Error() != apperr.As(err2).Error() || apperr.As(err1).VI != apperr.As(err2).VI {
				t.Errorf("login errors differ: %v / %v", err1, err2)
			}
			// Logout ends the session.
			id, _, _ = db.Login(ctx, attempt("anh.nt", "mat-khau-dai-du"))
			if err := db.Logout(ctx, id); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindSession(ctx, id); !apperr.Is(err, apperr.Unauthorized) {
				t.Errorf("session after logout: %v", err)
			}
			// A password change ends every session.
			id, _, _ = db.Login(ctx, attempt("anh.nt", "mat-khau-dai-du"))
			if err := db.SetPassword(ctx, sys, "anh.nt", "mat-khau-moi-dai"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindSession(ctx, id); err == nil {
				t.Error("session survived a password change")
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}

// bobsToken gives Bob a login and an API token.
func bobsToken(t *testing.T, db *store.DB, f fixture) string {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAccount(ctx, sys, f.bob.ID, "binh", "mat-khau-dai-du"); err != nil {
		t.Fatal(err)
	}
	tok, err := db.CreateToken(ctx, sys, "binh", "script")
	if err != nil || len(tok) < 40 {
		t.Fatalf("token: %q %v", tok, err)
	}
	return tok
}

func TestTokensAndSubjects(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		tok := bobsToken(t, db, f)
		pid, err := db.FindToken(ctx, tok)
		if err != nil || pid != f.bob.ID {
			t.Fatalf("find token: %d %v", pid, err)
		}
		if _, err := db.FindToken(ctx, tok+"x"); !apperr.Is(err, apperr.Unauthorized) {
			t.Errorf("wrong token: %v", err)
		}
		// Bob acts for Alice this week: he holds her head role in her division.
		now := db.Now()
		if _, err := db.CreateDelegation(ctx, sys, org.Delegation{FromPersonID: f.alice.ID, ToPersonID: f.bob.ID,
			StartsAt: now.Add(-time.Hour), EndsAt: now.Add(7 * 24 * time.Hour), Reason: "đi công tác"}); err != nil {
			t.Fatal(err)
		}
		s, err := db.Subject(ctx, f.bob.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Has(org.RoleOfficial) || !s.Has(org.RoleHead) {
			t.Errorf("grants: %+v", s.Grants)
		}
		for _, g := range s.Grants {
			if g.Role == org.RoleHead && (g.ViaPersonID != f.alice.ID || g.UnitID != f.divA.ID) {
				t.Errorf("delegated grant: %+v", g)
			}
		}
	})
}

// Tokens and subjects are cached for a second: a change made through the
// store shows at once, one made behind its back (another node) after that
// second, and a caller marking its copy does not mark the cache's.
func TestIdentityCache(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		tok := bobsToken(t, db, f)
		subject := func() *auth.Subject {
			t.Helper()
			s, err := db.Subject(ctx, f.bob.ID)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		s := subject()
		if !s.Has(org.RoleOfficial) || s.Has(org.RoleInspector) {
			t.Fatalf("grants at first: %+v", s.Grants)
		}
		s.Token = true
		if subject().Token {
			t.Error("a caller's mark reached the cache")
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: f.bob.ID, UnitID: f.divB.ID, Role: org.RoleInspector, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		if !subject().Has(org.RoleInspector) {
			t.Error("a membership added through the store did not show at once")
		}
		if pid, err := db.FindToken(ctx, tok); err != nil || pid != f.bob.ID {
			t.Fatalf("token: %d %v", pid, err)
		}
		// Another node ends every membership of Bob's and revokes his token.
		if err := db.ExecRaw(ctx, "UPDATE memberships SET valid_to = '2000-01-01' WHERE person_id = ?", f.bob.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecRaw(ctx, "UPDATE api_tokens SET revoked_at = 1 WHERE person_id = ?", f.bob.ID); err != nil {
			t.Fatal(err)
		}
		if !subject().Has(org.RoleInspector) {
			t.Error("within the second, the cached grants should still be used")
		}
		if _, err := db.FindToken(ctx, tok); err != nil {
			t.Errorf("within the second, the cached token should still be used: %v", err)
		}
		db.ExpireIdentities()
		if s := subject(); len(s.Grants) != 0 {
			t.Errorf("after the second, grants %+v, want none", s.Grants)
		}
		if _, err := db.FindToken(ctx, tok); !apperr.Is(err, apperr.Unauthorized) {
			t.Errorf("after the second, a revoked token: %v", err)
		}
	})
}

// A person's own fields are cached for a second like tokens and subjects:
// an account created through the store shows at once, a change made behind
// its back (another node) after that second.
func TestPersonCache(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		person := func() org.Person {
			t.Helper()
			p, err := db.FindPersonWithoutMemberships(ctx, f.bob.ID)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		if p := person(); p.Login != "" || p.FullName != f.bob.FullName {
			t.Fatalf("at first: %+v", p)
		}
		if err := db.CreateAccount(ctx, sys, f.bob.ID, "binh.dv", "mật-khẩu-đủ-dài-2026"); err != nil {
			t.Fatal(err)
		}
		if p := person(); p.Login != "binh.dv" {
			t.Errorf("an account created through the store did not show at once: %+v", p)
		}
		if err := db.ExecRaw(ctx, "UPDATE people SET full_name = 'Đặng Văn Bính', active = ? WHERE id = ?", false, f.bob.ID); err != nil {
			t.Fatal(err)
		}
		if p := person(); p.FullName != f.bob.FullName || !p.Active {
			t.Errorf("within the second, the cached person should still be used: %+v", p)
		}
		db.ExpireIdentities()
		if p := person(); p.FullName != "Đặng Văn Bính" || p.Active {
			t.Errorf("after the second: %+v", p)
		}
	})
}
