package cli

import (
	"context"
	"fmt"
)

func (m *Main) migrate(ctx context.Context, args []string) error {
	fs := m.flags("migrate", "migrate [--db PATH|URL]")
	dbURL := m.dbFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	db, err := m.openRaw(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(m.Stdout, "Cơ sở dữ liệu đã ở phiên bản mới nhất / up to date: %d (%s)\n", v, db.Engine())
		return nil
	}
	fmt.Fprintf(m.Stdout, "Đã áp dụng / applied %v; phiên bản / version %d (%s)\n", applied, v, db.Engine())
	return nil
}
