package cli

import (
	"context"
	"fmt"

	"congvu/internal/demo"
)

func (m *Main) demo(ctx context.Context, args []string) error {
	fs := m.flags("demo", "demo [--db PATH|URL]\n\nFills an empty database with the demo agency (Sở Kế hoạch và Đầu tư Bắc Ninh, merged into Sở Tài chính on 01/03/2025).")
	dbURL := m.dbFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	db, err := m.open(ctx, *dbURL, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	accs, err := demo.Seed(ctx, db, m.Now())
	if err != nil {
		return err
	}
	if accs == nil {
		fmt.Fprintln(m.Stdout, "Cơ sở dữ liệu đã có dữ liệu; không tạo thêm / the database is not empty; nothing created")
		return nil
	}
	fmt.Fprintln(m.Stdout, "Đã tạo cơ quan mẫu / demo agency created:")
	demo.PrintAccounts(m.Stdout, accs)
	return nil
}
