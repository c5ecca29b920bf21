package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/org"
)

var _ auth.Store = (*DB)(nil)

// normLogin is how logins are compared: trimmed and lower-cased.
func normLogin(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func checkLogin(login string) (string, error) {
	login = normLogin(login)
	if len(login) < 2 || len(login) > 64 {
		return "", apperr.Invalidf("login", "tên đăng nhập phải dài từ 2 đến 64 ký tự", "the login must be 2 to 64 characters")
	}
	for _, r := range login {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return "", apperr.Invalidf("login", "tên đăng nhập chỉ gồm chữ không dấu, số và . _ -", "the login may contain only a-z, 0-9 and . _ -")
		}
	}
	return login, nil
}

// CreateAccount gives a person a login with a password.
func (db *DB) CreateAccount(ctx context.Context, actor audit.Actor, personID int64, login, password string) error {
	login, err := checkLogin(login)
	if err != nil {
		return err
	}
	if err := auth.CheckPasswordStrength(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		if err := createAccount(tx, personID, login, hash); err != nil {
			return err
		}
		return tx.Audit(actor, "account", login, "create", map[string]any{"person_id": personID})
	})
}

func createAccount(tx *Tx, personID int64, login, hash string) error {
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM people WHERE id = ?", personID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return apperr.Invalidf("person_id", "không có cán bộ số %d", "no person %d", personID)
	}
	_, err := tx.Exec(`INSERT INTO accounts (person_id, login, password_hash, password_set_at, created_at) VALUES (?, ?, ?, ?, ?)`,
		personID, login, hash, Micro(tx.Now), Micro(tx.Now))
	if tx.d.isUniqueViolation(err) {
		return apperr.New(apperr.Conflict, "login", "Tên đăng nhập "+login+" đã được dùng (hoặc cán bộ đã có tài khoản)",
			"login "+login+" is taken (or the person already has an account)")
	}
	if err != nil {
		return fmt.Errorf("insert account: %w", err)
	}
	return nil
}

// SetPassword replaces a password, lets the login in at once (its
// throttle is forgotten) and ends its sessions.
func (db *DB) SetPassword(ctx context.Context, actor audit.Actor, login, password string) error {
	login = normLogin(login)
	if err := auth.CheckPasswordStrength(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		var person int64
		err := tx.QueryRow("SELECT person_id FROM accounts WHERE login = ?", login).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFoundf("Không có tài khoản %q", "no account %q", login)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE accounts SET password_hash = ?, password_set_at = ? WHERE person_id = ?",
			hash, Micro(tx.Now), person); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM sessions WHERE person_id = ?", person); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM login_throttle WHERE key = ?", loginKey(login)); err != nil {
			return err
		}
		return tx.Audit(actor, "account", login, "set_password", nil)
	})
}

// FindAccountByLogin returns an account.
func (db *DB) FindAccountByLogin(ctx context.Context, login string) (auth.Account, error) {
	var a auth.Account
	err := db.queryRow(ctx, "SELECT person_id, login, password_hash FROM accounts WHERE login = ?", normLogin(login)).
		Scan(&a.PersonID, &a.Login, &a.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return a, apperr.NotFoundf("Không có tài khoản %q", "no account %q", login)
	}
	return a, err
}

// ListAccounts returns every account with the person's name, for `user list`.
func (db *DB) ListAccounts(ctx context.Context) ([]org.Person, error) {
	rows, err := db.query(ctx, "SELECT "+personColumns+" FROM people p JOIN accounts a ON a.person_id = p.id ORDER BY a.login")
	if err != nil {
		return nil, err
	}
	out, err := collectRows(rows, scanPerson)
	if err != nil {
		return nil, err
	}
	return out, db.attachMemberships(ctx, out, db.now().In(vn).Format(org.DateLayout))
}

// Logout ends a session.
func (db *DB) Logout(ctx context.Context, sessionID string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		var person int64
		err := tx.QueryRow("DELETE FROM sessions WHERE id_hash = ? RETURNING person_id", auth.HashSecret(sessionID)).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return tx.Audit(audit.Actor{PersonID: person, Name: "session"}, "person", person, "logout", nil)
	})
}

// FindSession returns a live session. It slides the idle expiry forward at
// most once a minute, so that a busy user's page views do not each write.
func (db *DB) FindSession(ctx context.Context, sessionID string) (auth.Session, error) {
	var s auth.Session
	var created, expires, seen int64
	hash := auth.HashSecret(sessionID)
	err := db.queryRow(ctx, "SELECT id_hash, person_id, csrf_token, created_at, expires_at, last_seen_at FROM sessions WHERE id_hash = ?", hash).
		Scan(&s.IDHash, &s.PersonID, &s.CSRFToken, &created, &expires, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return s, apperr.New(apperr.Unauthorized, "", "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại", "Your session has expired; please log in again")
	}
	if err != nil {
		return s, err
	}
	s.CreatedAt, s.ExpiresAt, s.LastSeen = FromMicro(created), FromMicro(expires), FromMicro(seen)
	now := db.now()
	if !now.Before(s.ExpiresAt) || now.Sub(s.CreatedAt) > auth.SessionMax {
		return s, apperr.New(apperr.Unauthorized, "", "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại", "Your session has expired; please log in again")
	}
	if now.Sub(s.LastSeen) > time.Minute {
		s.LastSeen, s.ExpiresAt = now, now.Add(auth.SessionIdle)
		err := db.InTx(ctx, func(tx *Tx) error {
			_, err := tx.Exec("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?", Micro(s.LastSeen), Micro(s.ExpiresAt), hash)
			return err
		})
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

// CreateToken makes a new API token for a login and returns it; only its
// hash is kept.
func (db *DB) CreateToken(ctx context.Context, actor audit.Actor, login, name string) (string, error) {
	a, err := db.FindAccountByLogin(ctx, login)
	if err != nil {
		return "", err
	}
	if name, err = apperr.Text("name", name, 0, 100); err != nil {
		return "", err
	}
	token := auth.NewAPIToken()
	err = db.InTx(ctx, func(tx *Tx) error {
		id, err := tx.InsertID("INSERT INTO api_tokens (person_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
			a.PersonID, name, auth.HashSecret(token), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		return tx.Audit(actor, "account", a.Login, "create_token", map[string]any{"token_id": id, "name": name})
	})
	return token, err
}

// FindToken returns the person an API token belongs to.
func (db *DB) FindToken(ctx context.Context, token string) (int64, error) {
	hash := auth.HashSecret(token)
	person, gen, ok := db.identities.tokens.get(hash)
	if ok {
		return person, nil
	}
	at := time.Now()
	err := db.queryRow(ctx, "SELECT person_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", hash).Scan(&person)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperr.New(apperr.Unauthorized, "", "Mã truy cập API không hợp lệ", "Invalid API token")
	}
	if err == nil {
		db.identities.tokens.put(gen, hash, person, at)
	}
	return person, err
}

// Subject loads a person and the grants they hold today, their own and
// those delegated to them.
func (db *DB) Subject(ctx context.Context, personID int64) (*auth.Subject, error) {
	// A copy each time: callers mark theirs (Token).
	cached, gen, ok := db.identities.subjects.get(personID)
	if ok {
		return &cached, nil
	}
	at := time.Now()
	s, err := db.loadSubject(ctx, personID)
	if err == nil {
		cp := *s
		cp.Token = false
		db.identities.subjects.put(gen, personID, cp, at)
	}
	return s, err
}

func (db *DB) loadSubject(ctx context.Context, personID int64) (*auth.Subject, error) {
	p, err := db.FindPersonByID(ctx, personID)
	if err != nil {
		return nil, err
	}
	if !p.Active {
		return nil, apperr.New(apperr.Unauthorized, "", "Tài khoản đã bị vô hiệu hóa", "The account is disabled")
	}
	dels, err := db.ActiveDelegationsTo(ctx, personID)
	if err != nil {
		return nil, err
	}
	today := db.now().In(vn).Format(org.DateLayout)
	delegated := map[int64][]org.Membership{}
	for _, d := range dels {
		ms, err := db.Memberships(ctx, d.FromPersonID, today)
		if err != nil {
			return nil, err
		}
		delegated[d.FromPersonID] = append(delegated[d.FromPersonID], ms...)
	}
	return auth.NewSubject(p, p.Memberships, delegated), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cut on a byte count, then drop a rune split in two: PostgreSQL refuses invalid UTF-8.
	return strings.ToValidUTF8(s[:n], "")
}

// NewUser is a person with a first membership and a login, created at once
// (the `user add` command and the administration page).
type NewUser struct {
	Person     org.NewPerson
	Membership org.NewMembership
	Login      string
	Password   string
}

// AddUser creates the person, the membership and the account in one
// transaction: a taken login leaves no orphan person behind.
func (db *DB) AddUser(ctx context.Context, actor audit.Actor, n NewUser) (org.Person, error) {
	login, err := checkLogin(n.Login)
	if err != nil {
		return org.Person{}, err
	}
	if err := auth.CheckPasswordStrength(n.Password); err != nil {
		return org.Person{}, err
	}
	if n.Person.AgencyID == 0 && n.Membership.UnitID != 0 {
		u, err := db.FindUnitByID(ctx, n.Membership.UnitID)
		if err != nil {
			return org.Person{}, apperr.Invalidf("unit_id", "không có đơn vị số %d", "no unit %d", n.Membership.UnitID)
		}
		n.Person.AgencyID = u.AgencyID
	}
	if err := n.Person.Validate(); err != nil {
		return org.Person{}, err
	}
	n.Membership.PersonID = 1 // placeholder so that Validate checks the rest; replaced below
	if err := n.Membership.Validate(); err != nil {
		return org.Person{}, err
	}
	hash, err := auth.HashPassword(n.Password)
	if err != nil {
		return org.Person{}, err
	}
	var id int64
	err = db.InTx(ctx, func(tx *Tx) error {
		if id, err = createPerson(tx, n.Person); err != nil {
			return err
		}
		n.Membership.PersonID = id
		if _, err := addMembership(tx, n.Membership); err != nil {
			return err
		}
		if err := createAccount(tx, id, login, hash); err != nil {
			return err
		}
		return tx.Audit(actor, "person", id, "create_user", map[string]any{
			"full_name": n.Person.FullName, "login": login, "unit_id": n.Membership.UnitID, "role": n.Membership.Role})
	})
	if err != nil {
		return org.Person{}, err
	}
	return db.FindPersonByID(ctx, id)
}
