package cli

import (
	"context"
	"errors"
	"fmt"

	"congvu/internal/audit"
)

func (m *Main) audit(ctx context.Context, args []string) error {
	fs := m.flags("audit", "audit verify [--db PATH|URL]")
	dbURL := m.dbFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "verify" {
		return usagef("cần lệnh con verify / expected: audit verify")
	}
	db, err := m.open(ctx, *dbURL, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.VerifyAudit(ctx)
	var b *audit.Break
	if errors.As(err, &b) {
		fmt.Fprintf(m.Stdout, "HỎNG / BROKEN: nhật ký bị sửa tại sự kiện %d / first broken link at event %d: %s\n", b.Seq, b.Seq, b.Reason)
		return fmt.Errorf("audit journal broken at event %d (%d events before it hold)", b.Seq, n)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "OK: %d sự kiện, chuỗi băm nguyên vẹn / %d events, hash chain intact\n", n, n)
	return nil
}
