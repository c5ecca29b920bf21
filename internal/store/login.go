package store

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
)

// errBadLogin is the answer to a wrong password and to an unknown login
// alike.
var errBadLogin = apperr.New(apperr.Unauthorized, "password", "Tên đăng nhập hoặc mật khẩu không đúng", "Wrong login or password")

// throttleKey is one row of login_throttle and the throttle it follows.
type throttleKey struct {
	key string
	t   auth.Throttle
}

// loginKey is the throttle key of a login as typed, known or not.
func loginKey(login string) string { return "login:" + truncate(normLogin(login), 100) }

// addressKey is the throttle key of a client address. An IPv6 client
// usually holds a whole /64, so the key is that prefix.
func addressKey(addr string) string {
	ip := net.ParseIP(addr)
	if ip == nil {
		return "addr:" + truncate(addr, 100)
	}
	if ip.To4() == nil {
		ip = ip.Mask(net.CIDRMask(64, 128))
	}
	return "addr:" + ip.String()
}

func throttleKeys(a auth.Attempt) []throttleKey {
	keys := []throttleKey{{loginKey(a.Login), auth.LoginThrottle}}
	if a.Address != "" {
		keys = append(keys, throttleKey{addressKey(a.Address), auth.AddressThrottle})
	}
	return keys
}

// forgetThrottles is how long a throttle row is kept after its last
// failure: the longest Forget of the throttles.
var forgetThrottles = max(auth.LoginThrottle.Forget, auth.AddressThrottle.Forget)

// Login checks the password; on success it opens a session. Every attempt
// first takes its place in the throttles of its login and its client
// address, counted as a failure until the password proves right: parallel
// attempts cannot slip between a check and the count. An attempt inside a
// wait is refused there, before any password is checked. The password
// check runs outside the write transactions: argon2 is slow by design and
// must not hold SQLite's single writer. An unknown login costs what a wrong
// password costs (a check against a dummy hash, the same two writes) and
// gets the same answer.
func (db *DB) Login(ctx context.Context, at auth.Attempt) (string, auth.Session, error) {
	keys := throttleKeys(at)
	if err := db.InTx(ctx, func(tx *Tx) error { return reserveAttempt(tx, keys) }); err != nil {
		return "", auth.Session{}, err
	}
	a, err := db.FindAccountByLogin(ctx, at.Login)
	known := err == nil
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return "", auth.Session{}, err
	}
	ok := false
	if known {
		ok = auth.VerifyPassword(a.PasswordHash, at.Password)
	} else {
		auth.BurnTime(at.Password)
	}
	if !ok {
		err := db.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.Exec("DELETE FROM login_throttle WHERE last_failed_at < ?", Micro(tx.Now.Add(-forgetThrottles))); err != nil {
				return err
			}
			failures, err := throttleFailures(tx, keys[0].key)
			if err != nil {
				return err
			}
			payload := map[string]any{"failures": failures, "address": at.Address}
			if !known {
				// The login typed is not kept: people type their password there.
				return tx.Audit(audit.Actor{Name: "anonymous"}, "login", "", "login_failed", payload)
			}
			return tx.Audit(audit.Actor{PersonID: a.PersonID, Name: a.Login}, "account", a.Login, "login_failed", payload)
		})
		if err != nil {
			return "", auth.Session{}, err
		}
		return "", auth.Session{}, errBadLogin
	}
	id := auth.NewSecret(32)
	var s auth.Session
	err = db.InTx(ctx, func(tx *Tx) error {
		s = auth.Session{IDHash: auth.HashSecret(id), PersonID: a.PersonID, CSRFToken: auth.NewSecret(24),
			CreatedAt: tx.Now, LastSeen: tx.Now, ExpiresAt: tx.Now.Add(auth.SessionIdle)}
		if _, err := tx.Exec(`INSERT INTO sessions (id_hash, person_id, csrf_token, created_at, expires_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			s.IDHash, s.PersonID, s.CSRFToken, Micro(s.CreatedAt), Micro(s.ExpiresAt), Micro(s.LastSeen), truncate(at.UserAgent, 300)); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE accounts SET last_login_at = ? WHERE person_id = ?", Micro(tx.Now), a.PersonID); err != nil {
			return err
		}
		if err := settleAttempt(tx, keys); err != nil {
			return err
		}
		return tx.Audit(audit.Actor{PersonID: a.PersonID, Name: a.Login}, "account", a.Login, "login", map[string]any{"address": at.Address})
	})
	if err != nil {
		return "", auth.Session{}, err
	}
	return id, s, nil
}

// reserveAttempt refuses an attempt inside the wait of any of its keys
// (with the longest wait left) and otherwise counts it as a failure on
// each and sets the wait the next attempt will have. The upsert that reads
// a key's row locks it on PostgreSQL, so parallel attempts queue here.
func reserveAttempt(tx *Tx, keys []throttleKey) error {
	type row struct {
		failures int
		last     int64
	}
	rows := make([]row, len(keys))
	var wait time.Duration
	for i, k := range keys {
		var blocked sql.NullInt64
		err := tx.QueryRow(`INSERT INTO login_throttle (key, failures, last_failed_at) VALUES (?, 0, ?)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING failures, blocked_until, last_failed_at`,
			k.key, Micro(tx.Now)).Scan(&rows[i].failures, &blocked, &rows[i].last)
		if err != nil {
			return err
		}
		if blocked.Valid {
			wait = max(wait, FromMicro(blocked.Int64).Sub(tx.Now))
		}
	}
	if wait > 0 {
		return auth.Throttled(wait)
	}
	for i, k := range keys {
		failures := rows[i].failures
		if FromMicro(rows[i].last).Before(tx.Now.Add(-k.t.Forget)) {
			failures = 0
		}
		failures++
		var blocked any
		if w := k.t.Wait(failures); w > 0 {
			blocked = Micro(tx.Now.Add(w))
		}
		if _, err := tx.Exec("UPDATE login_throttle SET failures = ?, blocked_until = ?, last_failed_at = ? WHERE key = ?",
			failures, blocked, Micro(tx.Now), k.key); err != nil {
			return err
		}
	}
	return nil
}

// settleAttempt undoes a successful attempt's count: the login starts
// afresh; the address keeps its earlier failures (a login of one's own
// must not wipe the guesses made from the same place at others) but loses
// the wait this attempt set.
func settleAttempt(tx *Tx, keys []throttleKey) error {
	if _, err := tx.Exec("DELETE FROM login_throttle WHERE key = ?", keys[0].key); err != nil {
		return err
	}
	for _, k := range keys[1:] {
		if _, err := tx.Exec("UPDATE login_throttle SET failures = failures - 1, blocked_until = NULL WHERE key = ? AND failures > 0", k.key); err != nil {
			return err
		}
	}
	return nil
}

func throttleFailures(tx *Tx, key string) (int, error) {
	var n int
	err := tx.QueryRow("SELECT failures FROM login_throttle WHERE key = ?", key).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}
