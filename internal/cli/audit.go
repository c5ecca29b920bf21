package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"congvu/internal/anchor"
	"congvu/internal/audit"
	"congvu/internal/config"
	"congvu/internal/store"
)

const auditUsage = `audit verify [--db PATH|URL] [--audit-key FILE] [--audit-checkpoints FILE]... [--records]
       congvu audit keygen --to FILE
       congvu audit checkpoint [--db PATH|URL] --audit-key FILE [--audit-checkpoints FILE]`

func (m *Main) audit(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("cần lệnh con verify, keygen hoặc checkpoint / expected: audit verify | keygen | checkpoint")
	}
	switch args[0] {
	case "verify":
		return m.auditVerify(ctx, args[1:])
	case "keygen":
		return m.auditKeygen(args[1:])
	case "checkpoint":
		return m.auditCheckpoint(ctx, args[1:])
	}
	return usagef("lệnh con không rõ %q; cần verify, keygen hoặc checkpoint / expected: audit verify | keygen | checkpoint", args[0])
}

// auditFlags are the journal's anchor settings, from the environment and
// the command line, as serve has them.
type auditFlags struct {
	db, key string
	files   []string
}

func (m *Main) auditFlagSet(name string, a *auditFlags, manyFiles bool) *flag.FlagSet {
	cfg := config.FromEnv(m.Getenv)
	fs := m.flags("audit "+name, auditUsage)
	fs.StringVar(&a.db, "db", cfg.DB, "cơ sở dữ liệu: đường dẫn SQLite hoặc URL postgres:// ("+config.Env["db"]+")")
	fs.StringVar(&a.key, "audit-key", cfg.AuditKey, "tệp khóa ký điểm neo (khóa riêng, hoặc khóa công khai .pub để chỉ kiểm tra) / checkpoint key file, private or public ("+config.Env["audit-key"]+")")
	if cfg.AuditCheckpoints != "" {
		a.files = []string{cfg.AuditCheckpoints}
	}
	env := true
	fs.Func("audit-checkpoints", "tệp điểm neo nhật ký; mặc định cạnh tệp SQLite / checkpoint file, beside the SQLite file by default ("+config.Env["audit-checkpoints"]+")"+
		map[bool]string{true: "; nhắc lại để kiểm tra tệp của nhiều nút / repeat for each node's file", false: ""}[manyFiles],
		func(s string) error {
			if env { // the first flag replaces the environment's file
				a.files, env = nil, false
			}
			if !manyFiles && len(a.files) > 0 {
				return errors.New("một tệp / one file")
			}
			a.files = append(a.files, s)
			return nil
		})
	return fs
}

// checkpointFiles are the files to read or write, with the default beside
// a SQLite database.
func (a *auditFlags) checkpointFiles() ([]string, error) {
	if len(a.files) > 0 {
		return a.files, nil
	}
	if store.IsPostgresURL(a.db) {
		return nil, usagef("--audit-checkpoints: cần chỉ tệp điểm neo khi dùng PostgreSQL / required on PostgreSQL")
	}
	return []string{config.DefaultCheckpoints(a.db)}, nil
}

func (m *Main) auditVerify(ctx context.Context, args []string) error {
	var a auditFlags
	fs := m.auditFlagSet("verify", &a, true)
	records := fs.Bool("records", false, "dựng lại mọi hồ sơ và nhiệm vụ từ sự kiện và so với dữ liệu lưu / replay every dossier and task and compare with the stored rows")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	var key anchor.Key
	var cps []audit.Checkpoint
	var files []string
	if a.key != "" {
		if key, err = anchor.LoadKey(a.key); err != nil {
			return usagef("--audit-key: %v", err)
		}
		if files, err = a.checkpointFiles(); err != nil {
			return err
		}
		for _, f := range files {
			c, err := anchor.ReadFile(f, key)
			if err != nil {
				fmt.Fprintf(m.Stdout, "HỎNG / BROKEN: tệp điểm neo không hợp lệ / checkpoint file invalid: %v\n", err)
				return fmt.Errorf("checkpoint file: %w", err)
			}
			cps = append(cps, c...)
		}
	}
	db, err := m.open(ctx, a.db, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.VerifyAuditAgainst(ctx, cps)
	var b *audit.Break
	if errors.As(err, &b) {
		fmt.Fprintf(m.Stdout, "HỎNG / BROKEN: nhật ký bị sửa tại sự kiện %d / first broken link at event %d: %s\n", b.Seq, b.Seq, b.Reason)
		return fmt.Errorf("audit journal broken at event %d (%d events before it hold)", b.Seq, n)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "OK: %d sự kiện, chuỗi băm nguyên vẹn / %d events, hash chain intact\n", n, n)
	switch {
	case a.key == "":
		fmt.Fprintln(m.Stdout, "CHƯA CẤU HÌNH ĐIỂM NEO: không có khóa (--audit-key), nên không chứng minh được nhật ký chưa bị cắt đuôi hay tính lại cả chuỗi / "+
			"CHECKPOINTS NOT CONFIGURED: no key (--audit-key), so nothing proves the last rows were not cut nor the whole chain recomputed")
	case len(cps) == 0:
		fmt.Fprintf(m.Stdout, "Chưa có điểm neo nào trong %s / no checkpoint yet in %s\n", strings.Join(files, ", "), strings.Join(files, ", "))
	default:
		last := cps[0]
		for _, c := range cps {
			if c.Seq > last.Seq {
				last = c
			}
		}
		fmt.Fprintf(m.Stdout, "OK: %d điểm neo khớp (khóa %s), điểm mới nhất phủ đến sự kiện %d lúc %s / %d checkpoints hold (key %s), the newest covers event %d, signed %s\n",
			len(cps), key.ID(), last.Seq, last.At.Format(time.RFC3339), len(cps), key.ID(), last.Seq, last.At.Format(time.RFC3339))
	}
	// A private key anchors what was just verified: event n, the last
	// checked (later events, written meanwhile, were not).
	if key.Private != nil && n > 0 {
		last, err := db.FindAuditEvents(ctx, audit.Filter{BeforeSeq: n + 1, Limit: 1})
		if err != nil {
			return err
		}
		w := &anchor.Writer{Key: key, Path: files[0], Now: m.Now}
		if _, err := w.Append(n, last[0].Hash); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "Đã ghi điểm neo tại sự kiện %d vào %s / checkpoint written at event %d to %s\n", n, files[0], n, files[0])
	}
	if !*records {
		return nil
	}
	bad := 0
	checked, err := db.VerifyRecords(ctx, func(r store.RecordMismatch) {
		bad++
		kind := map[string]string{"dossier": "hồ sơ", "task": "nhiệm vụ"}[r.Kind]
		fmt.Fprintf(m.Stdout, "LỆCH / MISMATCH: %s %s, cột %s: lưu %q, theo sự kiện %q / %s %s, column %s: stored %q, from its events %q\n",
			kind, r.ID, r.Column, r.Stored, r.Derived, r.Kind, r.ID, r.Column, r.Stored, r.Derived)
	})
	if err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("%d stored columns disagree with their records' events (%d records checked)", bad, checked)
	}
	fmt.Fprintf(m.Stdout, "OK: %d hồ sơ và nhiệm vụ khớp với sự kiện của chúng / %d dossiers and tasks agree with their events\n", checked, checked)
	return nil
}

func (m *Main) auditKeygen(args []string) error {
	fs := m.flags("audit keygen", auditUsage)
	to := fs.String("to", m.Getenv(config.Env["audit-key"]), "tệp khóa riêng sẽ tạo (chế độ 0600); khóa công khai ghi vào FILE.pub / private key file to create; the public key goes to FILE.pub")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	if strings.TrimSpace(*to) == "" {
		return usagef("--to: cần đường dẫn tệp khóa / give the key file to create")
	}
	k, err := anchor.GenerateKey(*to)
	if err != nil {
		return usagef("--to: %v (khóa cũ được giữ nguyên / the existing key is kept)", err)
	}
	fmt.Fprintf(m.Stdout, "Đã tạo khóa %s (riêng: %s, công khai: %s.pub). Giữ khóa riêng ngoài máy cơ sở dữ liệu. / key %s created (private %s, public %s.pub); keep the private key off the database host.\n",
		k.ID(), *to, *to, k.ID(), *to, *to)
	return nil
}

func (m *Main) auditCheckpoint(ctx context.Context, args []string) error {
	var a auditFlags
	fs := m.auditFlagSet("checkpoint", &a, false)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	if a.key == "" {
		return usagef("--audit-key: cần tệp khóa riêng / the private key file is needed")
	}
	key, err := anchor.LoadKey(a.key)
	if err != nil {
		return usagef("--audit-key: %v", err)
	}
	files, err := a.checkpointFiles()
	if err != nil {
		return err
	}
	db, err := m.open(ctx, a.db, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	w := &anchor.Writer{Key: key, Path: files[0], Now: m.Now}
	c, wrote, err := w.Checkpoint(ctx, db)
	if err != nil {
		return err
	}
	if !wrote {
		fmt.Fprintln(m.Stdout, "Nhật ký trống: chưa có gì để neo / the journal is empty: nothing to checkpoint")
		return nil
	}
	fmt.Fprintf(m.Stdout, "Đã ghi điểm neo tại sự kiện %d vào %s / checkpoint written at event %d to %s\n", c.Seq, files[0], c.Seq, files[0])
	return nil
}
