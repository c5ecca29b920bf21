// Package cli is the congvu command line: one file per subcommand, each a
// function of a Main that tests can run in-process with their own streams,
// environment and database.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/config"
	"congvu/internal/store"
)

// Exit statuses: scripts rely on them.
const (
	ExitOK    = 0
	ExitFail  = 1 // the command ran and failed (a broken audit chain, a database error)
	ExitUsage = 2 // the command line or an input value is wrong
)

// Main is one run of the command.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Now is the clock (time.Now when nil); tests set it.
	Now func() time.Time
	// Ready, when set, is told the address `serve` listens on (tests use port 0).
	Ready func(addr string)
	// MetricsReady, when set, is told the address of the metrics listener.
	MetricsReady func(addr string)
}

type command struct {
	name    string
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

func commands() map[string]command {
	cs := []command{
		{"serve", "chạy máy chủ web và API / run the web server and API", (*Main).serve},
		{"migrate", "cập nhật cấu trúc cơ sở dữ liệu / apply database migrations", (*Main).migrate},
		{"demo", "tạo dữ liệu cơ quan mẫu / fill an empty database with the demo agency", (*Main).demo},
		{"user", "quản lý tài khoản: add | passwd | list / manage accounts", (*Main).user},
		{"token", "tạo mã truy cập API: create --user LOGIN / create an API token", (*Main).token},
		{"audit", "kiểm tra nhật ký: verify / verify the audit journal", (*Main).audit},
		{"version", "phiên bản / print the version", (*Main).version},
	}
	m := map[string]command{}
	for _, c := range cs {
		m[c.name] = c
	}
	for _, c := range extraCommands {
		m[c.name] = c
	}
	return m
}

// extraCommands lets later modules' files add subcommands (calendar, ...).
var extraCommands []command

// usageError marks a wrong command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run runs the command line and returns the exit status.
func (m Main) Run(ctx context.Context, args []string) int {
	if m.Getenv == nil {
		m.Getenv = func(string) string { return "" }
	}
	if m.Now == nil {
		m.Now = time.Now
	}
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.printHelp(cmds)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(m.Stderr, "congvu: lệnh không tồn tại / unknown command %q\n\n", args[0])
		m.printHelp(cmds)
		return ExitUsage
	}
	err := c.run(&m, ctx, args[1:])
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(m.Stderr, "congvu %s: %s\n", c.name, ue.msg)
		return ExitUsage
	}
	if e := apperr.As(err); e != nil && e.Code != apperr.Internal {
		fmt.Fprintf(m.Stderr, "congvu %s: %s\n", c.name, e.Message("vi"))
		if e.Code == apperr.Invalid {
			return ExitUsage
		}
		return ExitFail
	}
	fmt.Fprintf(m.Stderr, "congvu %s: %v\n", c.name, err)
	return ExitFail
}

func (m *Main) printHelp(cmds map[string]command) {
	fmt.Fprintln(m.Stderr, "congvu — điều hành công việc, hồ sơ một cửa và đánh giá / work, one-stop dossiers and evaluation")
	fmt.Fprintln(m.Stderr, "\nCách dùng / usage: congvu <lệnh> [tùy chọn]   (congvu <lệnh> --help)")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(m.Stderr)
	for _, n := range names {
		fmt.Fprintf(m.Stderr, "  %-9s %s\n", n, cmds[n].summary)
	}
}

// flags returns a flag set for a subcommand that prints its help to
// stderr and reports errors instead of exiting.
func (m *Main) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("congvu "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Cách dùng / usage: congvu %s\n\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags anywhere among the arguments (flag stops at the first
// positional one, but operators write `user passwd anh --password x`).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// dbFlag adds the --db flag with its environment default.
func (m *Main) dbFlag(fs *flag.FlagSet) *string {
	def := config.FromEnv(m.Getenv).DB
	return fs.String("db", def, "cơ sở dữ liệu: đường dẫn SQLite hoặc URL postgres:// ("+config.Env["db"]+")")
}

// open opens and migrates the database.
func (m *Main) open(ctx context.Context, dbURL string, log *slog.Logger) (*store.DB, error) {
	if strings.TrimSpace(dbURL) == "" {
		return nil, usagef("--db: trống / empty")
	}
	db, err := store.Open(ctx, dbURL, store.Options{Now: m.Now, Logger: log})
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openKeyed is open for the commands that hand out lookup secrets (serve,
// demo, bench): it opens the database with the lookup key and checks the
// key is the one the database was first started with.
func (m *Main) openKeyed(ctx context.Context, dbURL, keyFile, keyHex string, log *slog.Logger) (*store.DB, error) {
	if strings.TrimSpace(dbURL) == "" {
		return nil, usagef("--db: trống / empty")
	}
	key, err := lookupKey(dbURL, keyFile, keyHex)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, dbURL, store.Options{Now: m.Now, Logger: log, LookupKey: key})
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.CheckLookupKey(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openWithKey is openKeyed with the key the configuration names.
func (m *Main) openWithKey(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.DB, error) {
	return m.openKeyed(ctx, cfg.DB, cfg.LookupKeyFile, cfg.LookupKey, log)
}

// lookupKey is the key of the lookup secrets: the hex key given
// (CONGVU_LOOKUP_KEY), else the key file named, else the default file —
// beside a SQLite database, congvu-lookup.key in the working directory for
// PostgreSQL — which is created on first use.
func lookupKey(dbURL, file, keyHex string) ([]byte, error) {
	if keyHex != "" {
		k, err := store.ParseLookupKey(keyHex)
		if err != nil {
			return nil, usageError{config.Env["lookup-key"] + ": " + err.Error()}
		}
		return k, nil
	}
	if file == "" {
		file = "congvu-lookup.key"
		if !store.IsPostgresURL(dbURL) {
			file = store.SQLiteKeyPath(dbURL)
		}
	}
	return store.LoadLookupKey(file)
}

// logger makes the process logger.
func (m *Main) logger(level, format string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(m.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(m.Stderr, opts))
}

// openRaw opens the database without migrating it.
func (m *Main) openRaw(ctx context.Context, dbURL string) (*store.DB, error) {
	if strings.TrimSpace(dbURL) == "" {
		return nil, usagef("--db: trống / empty")
	}
	return store.Open(ctx, dbURL, store.Options{Now: m.Now})
}
