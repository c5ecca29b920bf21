package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"congvu/internal/apperr"
)

// BackupSQLite writes a copy of a SQLite database to the file to, which
// must not exist, while the database keeps serving: VACUUM INTO reads it
// in one read transaction, so the copy holds exactly what had committed
// when it began, and writers (in WAL mode) are not held up. The copy is
// written under a temporary name beside to and renamed once complete, so
// that a copy cut short is never taken for a backup.
func (db *DB) BackupSQLite(ctx context.Context, to string) error {
	if db.d.name() != "sqlite" {
		return errors.New("BackupSQLite: the database is not SQLite")
	}
	if _, err := os.Stat(to); err == nil {
		return apperr.New(apperr.Conflict, "", fmt.Sprintf("tệp %s đã tồn tại", to), fmt.Sprintf("%s already exists", to))
	}
	tmp, err := tempBeside(to)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	// A connection of its own: the read pool's are query_only, which
	// VACUUM INTO does not accept, and the writer must stay free.
	c, err := sql.Open("sqlite", db.sqliteDSN()+"&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("back up into %s: %w", to, err)
	}
	if err := checkSQLiteFile(ctx, tmp); err != nil {
		return fmt.Errorf("the backup just written does not check out: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if _, err := os.Stat(to); err == nil {
		return apperr.New(apperr.Conflict, "", fmt.Sprintf("tệp %s đã tồn tại", to), fmt.Sprintf("%s already exists", to))
	}
	return os.Rename(tmp, to)
}

// RestoreSQLite copies the backup from into a SQLite database at path. It
// refuses a from that is not a checked congvu database, and a path that
// holds a database already unless force; no server may have path open.
func RestoreSQLite(ctx context.Context, from, path string, force bool) error {
	if IsPostgresURL(path) {
		return errors.New("RestoreSQLite: the target is not a SQLite path")
	}
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if err := checkSQLiteFile(ctx, from); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && st.Size() > 0 && !force {
		return apperr.New(apperr.Conflict, "", fmt.Sprintf("cơ sở dữ liệu %s đã có dữ liệu; thêm --force để ghi đè", path),
			fmt.Sprintf("%s is not empty; add --force to overwrite it", path))
	}
	tmp, err := tempBeside(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		return err
	}
	// The old database's write-ahead log would be replayed into the new
	// file: it goes first.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(tmp, path)
}

// checkSQLiteFile checks that path is a whole SQLite database holding
// congvu's schema, with an error saying what is wrong otherwise.
func checkSQLiteFile(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return apperr.New(apperr.Invalid, "from", fmt.Sprintf("không tìm thấy tệp %s", path), fmt.Sprintf("%s: no such file", path))
	}
	if err != nil {
		return err
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return notABackup(path, "not a SQLite database")
	}
	c, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer c.Close()
	var check string
	if err := c.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		return notABackup(path, fmt.Sprintf("damaged: %s %v", check, err))
	}
	var v int
	if err := c.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil || v == 0 {
		return notABackup(path, "no congvu schema in it")
	}
	return nil
}

func notABackup(path, why string) error {
	return apperr.New(apperr.Invalid, "from", fmt.Sprintf("tệp %s không phải bản sao lưu congvu hợp lệ (%s)", path, why),
		fmt.Sprintf("%s is not a valid congvu backup (%s)", path, why))
}

// sqliteDSN is the database's file URL with busy_timeout, as openSQLite
// makes it, for a connection of its own.
func (db *DB) sqliteDSN() string {
	path := strings.TrimPrefix(db.url, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=foreign_keys(1)"
}

// tempBeside names a new empty temporary file in path's directory (so that
// renaming it to path is atomic) and returns its name, the file removed
// (VACUUM INTO wants a name that does not exist).
func tempBeside(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// PrepareRestore readies an empty PostgreSQL database for pg_restore of a
// backup of one schema: such a dump holds the schema's tables but not the
// extensions they use, which live in public (pg_trgm, migration 0009).
func (db *DB) PrepareRestore(ctx context.Context) error {
	if db.d.name() != "postgres" {
		return nil
	}
	_, err := db.w.ExecContext(ctx, `DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
    NULL;
END
$$`)
	if err != nil {
		return fmt.Errorf("prepare the database: %w", err)
	}
	return nil
}
