package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// attempt is a login attempt from no particular address.
func attempt(login, password string) auth.Attempt {
	return auth.Attempt{Login: login, Password: password}
}

func from(addr, login, password string) auth.Attempt {
	return auth.Attempt{Login: login, Password: password, Address: addr}
}

// throttleDB is a database with the clock c and one account, admin.
func throttleDB(t *testing.T, engine string, c *clock) *store.DB {
	t.Helper()
	db := storetest.New(t, engine, store.Options{Now: c.now})
	f := newFixture(t, db)
	if err := db.CreateAccount(context.Background(), sys, f.alice.ID, "admin", "mat-khau-dai-du"); err != nil {
		t.Fatal(err)
	}
	return db
}

// An attacker's wrong passwords slow the account down but cannot keep its
// owner out: inside the wait even the right password is refused (429 with
// how long to wait, without a password check), and once the wait has
// passed, the right password works.
func TestLoginOwnerAfterAttackerWaits(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
			db := throttleDB(t, engine, c)
			// Thirty wrong passwords from as many addresses, each as soon as
			// the wait allows.
			for i := 0; i < 30; i++ {
				c.t = c.t.Add(3 * time.Minute)
				if _, _, err := db.Login(ctx, from(fmt.Sprintf("203.0.113.%d", i), "admin", "sai-mat-khau")); !apperr.Is(err, apperr.Unauthorized) {
					t.Fatalf("attempt %d: %v", i+1, err)
				}
			}
			c.t = c.t.Add(time.Minute)
			_, _, err := db.Login(ctx, from("198.51.100.7", "admin", "mat-khau-dai-du"))
			wait, ok := auth.RetryAfter(err)
			if !apperr.Is(err, apperr.TooMany) || !ok || wait <= 0 || wait > time.Minute {
				t.Fatalf("inside the wait: %v (retry after %v)", err, wait)
			}
			c.t = c.t.Add(wait)
			if _, _, err := db.Login(ctx, from("198.51.100.7", "admin", "mat-khau-dai-du")); err != nil {
				t.Fatalf("the owner was kept out after the wait: %v", err)
			}
			// The success forgets the login's failures: a typo now costs nothing.
			if _, _, err := db.Login(ctx, from("198.51.100.7", "admin", "sai")); !apperr.Is(err, apperr.Unauthorized) {
				t.Fatalf("a typo after logging in: %v", err)
			}
			evs, err := db.FindAuditEvents(ctx, audit.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			failed := 0
			for _, e := range evs {
				if e.ObjectType == "account" && e.ObjectID == "admin" && e.Action == "login_failed" {
					failed++
				}
			}
			if failed != 31 {
				t.Errorf("%d failures journalled, want 31", failed)
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}

// An unknown login is answered exactly as a known one with a wrong
// password, failure after failure, throttle included.
func TestLoginUnknownLikeWrongPassword(t *testing.T) {
	storetestEngines(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
		db := throttleDB(t, engine, c)
		for i := 0; i < auth.LoginThrottle.Free+3; i++ {
			_, _, known := db.Login(ctx, from("203.0.113.1", "admin", "sai-mat-khau"))
			_, _, unknown := db.Login(ctx, from("203.0.113.2", "khong.co.ai", "sai-mat-khau"))
			k, u := apperr.As(known), apperr.As(unknown)
			if k == nil || u == nil || k.Code != u.Code || k.VI != u.VI || k.EN != u.EN || k.Field != u.Field {
				t.Fatalf("attempt %d: %v / %v", i+1, known, unknown)
			}
			kw, _ := auth.RetryAfter(known)
			uw, _ := auth.RetryAfter(unknown)
			if kw != uw {
				t.Fatalf("attempt %d: wait %v / %v", i+1, kw, uw)
			}
		}
	})
}

// Guessing many logins from one address slows that address down, for every
// login, and no other.
func TestLoginThrottledPerAddress(t *testing.T) {
	storetestEngines(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
		db := throttleDB(t, engine, c)
		for i := 0; i < auth.AddressThrottle.Free; i++ {
			login := "nguoi" + string(rune('a'+i))
			if _, _, err := db.Login(ctx, from("203.0.113.9", login, "sai-mat-khau")); !apperr.Is(err, apperr.Unauthorized) {
				t.Fatalf("guess %d: %v", i+1, err)
			}
		}
		_, _, err := db.Login(ctx, from("203.0.113.9", "admin", "mat-khau-dai-du"))
		if _, ok := auth.RetryAfter(err); !ok {
			t.Fatalf("the guessing address was let in: %v", err)
		}
		if _, _, err := db.Login(ctx, from("198.51.100.7", "admin", "mat-khau-dai-du")); err != nil {
			t.Fatalf("another address was kept out: %v", err)
		}
		// An IPv6 client holds a /64: its neighbours share its budget.
		for i := 0; i < auth.AddressThrottle.Free; i++ {
			addr := fmt.Sprintf("2001:db8:1:2::%x", i+1)
			db.Login(ctx, from(addr, "nguoi"+string(rune('a'+i)), "sai-mat-khau"))
		}
		if _, _, err := db.Login(ctx, from("2001:db8:1:2:ffff::1", "admin", "mat-khau-dai-du")); !apperr.Is(err, apperr.TooMany) {
			t.Errorf("another address of the /64: %v", err)
		}
		c.t = c.t.Add(auth.AddressThrottle.First)
		if _, _, err := db.Login(ctx, from("203.0.113.9", "admin", "mat-khau-dai-du")); err != nil {
			t.Errorf("after the wait: %v", err)
		}
	})
}

// Attempts sent all at once cannot slip between the check of the wait and
// the count of the failure: no more than the free ones reach the password.
func TestLoginThrottleParallel(t *testing.T) {
	storetestEngines(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
		db := throttleDB(t, engine, c)
		var mu sync.Mutex
		checked := 0
		var wg sync.WaitGroup
		for i := 0; i < 16; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := db.Login(ctx, attempt("admin", "sai-mat-khau"))
				if apperr.Is(err, apperr.Unauthorized) {
					mu.Lock()
					checked++
					mu.Unlock()
				} else if !apperr.Is(err, apperr.TooMany) {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if checked != auth.LoginThrottle.Free {
			t.Errorf("%d passwords checked at once, want %d", checked, auth.LoginThrottle.Free)
		}
	})
}

// storetestEngines runs fn on each engine with the engine's name, for tests
// that open their database with options of their own.
func storetestEngines(t *testing.T, fn func(t *testing.T, engine string)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { fn(t, engine) })
	}
}
