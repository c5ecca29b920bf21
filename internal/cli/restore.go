package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"congvu/internal/store"
)

func init() {
	extraCommands = append(extraCommands, command{"restore", "phục hồi từ bản sao lưu: --from FILE [--db …] [--force] / restore a backup", (*Main).restore})
}

// restore puts a backup made by `congvu backup` into a database: SQLite,
// a new or empty file (or, with --force, one replaced whole, the server
// on it stopped); PostgreSQL, through pg_restore into an empty database
// (or, with --force, over congvu's tables). The journal of what was
// restored is verified before it says so.
func (m *Main) restore(ctx context.Context, args []string) error {
	fs := m.flags("restore", "restore --from FILE [--db PATH|URL] [--force]\n\n"+
		"Máy chủ trên cơ sở dữ liệu đích phải dừng / stop any server on the target database first.")
	dbURL := m.dbFlag(fs)
	from := fs.String("from", "", "tệp sao lưu / the backup file")
	force := fs.Bool("force", false, "ghi đè cơ sở dữ liệu đã có dữ liệu / overwrite a database that is not empty")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	if strings.TrimSpace(*from) == "" {
		return usagef("thiếu --from / --from FILE is required")
	}
	if strings.TrimSpace(*dbURL) == "" {
		return usagef("--db: trống / empty")
	}
	if st, err := os.Stat(*from); err != nil || st.IsDir() {
		return usagef("--from: không tìm thấy tệp %s / no such file %s", *from, *from)
	}
	if store.IsPostgresURL(*dbURL) {
		if err := m.pgRestore(ctx, *from, *dbURL, *force); err != nil {
			return err
		}
	} else if err := store.RestoreSQLite(ctx, *from, *dbURL, *force); err != nil {
		return err
	}
	db, err := m.openRaw(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("đã phục hồi nhưng nhật ký không khớp / restored, but the journal does not verify: %w", err)
	}
	fmt.Fprintf(m.Stdout, "Đã phục hồi / restored %s vào / into %s: %d sự kiện nhật ký, chuỗi băm nguyên vẹn / %d journal events, hash chain intact\n",
		*from, store.Redact(*dbURL), n, n)
	return nil
}

// pgRestore runs pg_restore of a custom-format archive, in one transaction.
func (m *Main) pgRestore(ctx context.Context, from, dbURL string, force bool) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	head := make([]byte, 5)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("PGDMP")) {
		return usagef("--from: %s không phải bản sao lưu pg_dump --format=custom / %s is not a pg_dump custom-format archive", from, from)
	}
	bin, err := exec.LookPath("pg_restore")
	if err != nil {
		return errors.New("không tìm thấy pg_restore; hãy cài gói postgresql-client / pg_restore not found: install postgresql-client (docs/OPERATIONS.md)")
	}
	db, err := m.openRaw(ctx, dbURL)
	if err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err == nil && v > 0 && !force {
		err = fmt.Errorf("cơ sở dữ liệu đích đã có dữ liệu congvu; thêm --force để ghi đè / the target already holds congvu's tables; add --force to overwrite them")
	}
	if err == nil {
		err = db.PrepareRestore(ctx)
	}
	db.Close()
	if err != nil {
		return err
	}
	conn, _, env, err := libpqTarget(dbURL)
	if err != nil {
		return usagef("--db: %v", err)
	}
	args := []string{"--no-owner", "--exit-on-error", "--single-transaction", "--dbname=" + conn}
	if v > 0 {
		args = append(args, "--clean", "--if-exists")
	}
	cmd := exec.CommandContext(ctx, bin, append(args, from)...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, m.Stderr, m.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_restore: %w", err)
	}
	return nil
}
