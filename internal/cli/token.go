package cli

import (
	"context"
	"fmt"

	"congvu/internal/audit"
)

func (m *Main) token(ctx context.Context, args []string) error {
	fs := m.flags("token", "token create --user LOGIN [--name NAME]\n\nPrints only the new token, so that scripts can capture it.")
	dbURL := m.dbFlag(fs)
	user := fs.String("user", "", "tài khoản sở hữu mã / the login the token acts as")
	name := fs.String("name", "", "tên gợi nhớ / a name to recognise it by")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "create" {
		return usagef("cách dùng / usage: token create --user LOGIN")
	}
	if *user == "" {
		return usagef("thiếu --user / --user is required")
	}
	db, err := m.open(ctx, *dbURL, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	tok, err := db.CreateToken(ctx, audit.System("cli"), *user, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, tok)
	return nil
}
