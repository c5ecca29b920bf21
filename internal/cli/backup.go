package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"congvu/internal/store"
)

func init() {
	extraCommands = append(extraCommands, command{"backup", "sao lưu cơ sở dữ liệu khi đang chạy: --to FILE / back up the database while it serves", (*Main).backup})
}

// backup writes a consistent copy of the database to a new file while the
// server keeps running: SQLite through VACUUM INTO, PostgreSQL through
// pg_dump (its custom format, one snapshot), which must be installed.
func (m *Main) backup(ctx context.Context, args []string) error {
	fs := m.flags("backup", "backup --to FILE [--db PATH|URL]\n\n"+
		"SQLite: một bản sao nhất quán, trong khi máy chủ vẫn chạy / a consistent copy while the server runs.\n"+
		"PostgreSQL: chạy pg_dump --format=custom (cần cài pg_dump) / runs pg_dump --format=custom (pg_dump must be installed).")
	dbURL := m.dbFlag(fs)
	to := fs.String("to", "", "tệp sao lưu mới (chưa tồn tại) / the new backup file (must not exist)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	if strings.TrimSpace(*to) == "" {
		return usagef("thiếu --to / --to FILE is required")
	}
	if strings.TrimSpace(*dbURL) == "" {
		return usagef("--db: trống / empty")
	}
	if _, err := os.Stat(*to); err == nil {
		return fmt.Errorf("tệp %s đã tồn tại; chọn tên khác / %s already exists; choose another name", *to, *to)
	}
	if dir := filepath.Dir(*to); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return usagef("--to: không có thư mục %s / no directory %s", dir, dir)
		}
	}
	if store.IsPostgresURL(*dbURL) {
		return m.pgDump(ctx, *dbURL, *to)
	}
	if _, err := os.Stat(sqlitePath(*dbURL)); err != nil {
		return usagef("--db: không tìm thấy cơ sở dữ liệu %s / no database at %s", *dbURL, *dbURL)
	}
	db, err := m.openRaw(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.BackupSQLite(ctx, *to); err != nil {
		return err
	}
	st, err := os.Stat(*to)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Đã sao lưu / backed up: %s (%d bytes, SQLite VACUUM INTO)\n", *to, st.Size())
	return nil
}

// pgDump runs pg_dump into a temporary file beside to, renamed when done.
func (m *Main) pgDump(ctx context.Context, dbURL, to string) error {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return fmt.Errorf("không tìm thấy pg_dump; hãy cài gói postgresql-client rồi chạy lại, hoặc tự chạy: " +
			"pg_dump --format=custom --file=FILE 'postgres://…' (docs/OPERATIONS.md) / pg_dump not found: install postgresql-client, " +
			"or run pg_dump --format=custom --file=FILE yourself (docs/OPERATIONS.md)")
	}
	conn, schema, env, err := libpqTarget(dbURL)
	if err != nil {
		return usagef("--db: %v", err)
	}
	tmp := filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".partial")
	defer os.Remove(tmp)
	args := []string{"--format=custom", "--no-owner", "--file=" + tmp, "--dbname=" + conn}
	if schema != "" {
		args = append(args, "--schema="+schema)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, m.Stderr, m.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_dump: %w", err)
	}
	if err := os.Rename(tmp, to); err != nil {
		return err
	}
	st, err := os.Stat(to)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Đã sao lưu / backed up: %s (%d bytes, pg_dump --format=custom)\n", to, st.Size())
	return nil
}

// libpqTarget turns a congvu PostgreSQL URL into what pg_dump and
// pg_restore take: a libpq URL without the password (passed in PGPASSWORD,
// not on a command line others can read) nor the parameters only pgx
// knows, the schema named by search_path, and the environment to run with.
func libpqTarget(dbURL string) (conn, schema string, env []string, err error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", "", nil, err
	}
	env = os.Environ()
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+p)
			u.User = url.User(u.User.Username())
		}
	}
	q := u.Query()
	if sp := q.Get("search_path"); sp != "" {
		schema = strings.TrimSpace(strings.Split(sp, ",")[0])
	}
	keep := url.Values{}
	for k, v := range q {
		switch k {
		case "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "connect_timeout", "application_name",
			"target_session_attrs", "options", "passfile", "host", "port", "dbname", "user":
			keep[k] = v
		}
	}
	u.RawQuery = keep.Encode()
	return u.String(), schema, env, nil
}

// sqlitePath is the file a SQLite --db names.
func sqlitePath(dbURL string) string {
	p := strings.TrimPrefix(dbURL, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}
