// Package config is congvu's one configuration struct, filled from flags
// and CONGVU_* environment variables, validated once in main and passed
// down; nothing reads the environment anywhere else.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"congvu/internal/org"
	"congvu/internal/store"
)

// Config is everything an operator can set.
type Config struct {
	DB      string // SQLite path or postgres:// URL (CONGVU_DB)
	Addr    string // listen address (CONGVU_ADDR)
	BaseURL string // public address of the site, for links in forms and e-mails (CONGVU_BASE_URL)
	Demo    bool   // fill an empty database with the demo agency (CONGVU_DEMO)
	// SecureCookies marks cookies Secure; on by default when BaseURL is https (CONGVU_SECURE_COOKIES).
	SecureCookies bool
	LogLevel      string // debug, info, warn, error (CONGVU_LOG_LEVEL)
	LogFormat     string // text or json (CONGVU_LOG_FORMAT)
	// DelegationMaxDays is the longest one delegation may last, in days
	// (CONGVU_DELEGATION_MAX_DAYS, default 90): a delegation covers an
	// absence and is renewed on record, never a standing transfer of power.
	DelegationMaxDays int
	// HSTS sends Strict-Transport-Security; on when BaseURL is https.
	HSTS bool
	// MetricsAddr is a listener of its own for /metrics (CONGVU_METRICS_ADDR);
	// empty serves none.
	MetricsAddr string
	// MetricsToken, when set, also serves /metrics on the main listener to
	// requests bearing it (Authorization: Bearer …) (CONGVU_METRICS_TOKEN).
	MetricsToken string
	// TrustedProxies lists the reverse proxies whose X-Forwarded-For is
	// believed, as CIDR blocks or addresses separated by commas
	// (CONGVU_TRUSTED_PROXIES); Proxies is the parsed list.
	TrustedProxies string
	Proxies        []netip.Prefix
	// LookupKeyFile holds the key of the dossiers' lookup secrets
	// (CONGVU_LOOKUP_KEY_FILE); LookupKey, the key itself in hex, takes its
	// place when set (CONGVU_LOOKUP_KEY). Every node must use the same key.
	LookupKeyFile string
	LookupKey     string
	// AuditKey is the file of the Ed25519 key that signs checkpoints of the
	// journal's head, kept outside the database (CONGVU_AUDIT_KEY); none:
	// no checkpoints. `congvu audit keygen --to FILE` makes one.
	AuditKey string
	// AuditCheckpoints is the append-only file the checkpoints go to
	// (CONGVU_AUDIT_CHECKPOINTS); beside a SQLite database by default.
	AuditCheckpoints string
	// AuditCheckpointEvery is how often the head is signed (CONGVU_AUDIT_CHECKPOINT_EVERY).
	AuditCheckpointEvery time.Duration
	// Files is the directory the uploaded files' bytes are kept in
	// (CONGVU_FILES); beside a SQLite database by default. With FilesS3
	// set they go to that S3-compatible object store instead, as several
	// nodes need (CONGVU_FILES_S3_ENDPOINT, _BUCKET, _ACCESS_KEY, _SECRET_KEY).
	Files         string
	FilesS3       string
	FilesS3Bucket string
	FilesS3Access string
	FilesS3Secret string
	FilesS3Region string
	// FilesInDB keeps the files' bytes in the database itself
	// (CONGVU_FILES_IN_DB): several nodes on one PostgreSQL without an
	// object store.
	FilesInDB bool
	// FileMaxMB is the size limit of one uploaded file in MB (CONGVU_FILE_MAX_MB, default 20).
	FileMaxMB int
	// OnlineOpenMax caps the open online dossiers one applicant may have
	// by the same e-mail address or phone number (CONGVU_ONLINE_OPEN_MAX,
	// default 3; 0 sets no cap): a flood of filings from one contact stops
	// there (issue 15 item 4).
	OnlineOpenMax int
}

// DefaultAuditCheckpointEvery is how often a checkpoint is written: what a
// rewrite of the newest rows could go unnoticed for, at most.
const DefaultAuditCheckpointEvery = 10 * time.Minute

// Defaults are used when neither a flag nor the environment says otherwise.
var Defaults = Config{DB: "./congvu.db", Addr: "127.0.0.1:8080", LogLevel: "info", LogFormat: "text",
	DelegationMaxDays: org.DefaultDelegationMaxDays, AuditCheckpointEvery: DefaultAuditCheckpointEvery,
	FileMaxMB: DefaultFileMaxMB, OnlineOpenMax: DefaultOnlineOpenMax}

// DefaultOnlineOpenMax is the cap on one applicant's open online dossiers.
const DefaultOnlineOpenMax = 3

// DefaultFileMaxMB is the size limit of one upload when none is set.
const DefaultFileMaxMB = 20

// Env lists the environment variable behind each setting, for --help.
var Env = map[string]string{
	"db": "CONGVU_DB", "addr": "CONGVU_ADDR", "base-url": "CONGVU_BASE_URL", "demo": "CONGVU_DEMO",
	"secure-cookies": "CONGVU_SECURE_COOKIES", "log-level": "CONGVU_LOG_LEVEL", "log-format": "CONGVU_LOG_FORMAT",
	"delegation-max-days": "CONGVU_DELEGATION_MAX_DAYS",
	"metrics-addr":        "CONGVU_METRICS_ADDR", "metrics-token": "CONGVU_METRICS_TOKEN", "trusted-proxies": "CONGVU_TRUSTED_PROXIES",
	"lookup-key-file": "CONGVU_LOOKUP_KEY_FILE", "lookup-key": "CONGVU_LOOKUP_KEY",
	"files": "CONGVU_FILES", "files-s3-endpoint": "CONGVU_FILES_S3_ENDPOINT", "files-s3-bucket": "CONGVU_FILES_S3_BUCKET",
	"files-s3-access-key": "CONGVU_FILES_S3_ACCESS_KEY", "files-s3-secret-key": "CONGVU_FILES_S3_SECRET_KEY", "files-s3-region": "CONGVU_FILES_S3_REGION",
	"file-max-mb": "CONGVU_FILE_MAX_MB", "files-in-db": "CONGVU_FILES_IN_DB",
	"online-open-max": "CONGVU_ONLINE_OPEN_MAX",
	"audit-key":       "CONGVU_AUDIT_KEY", "audit-checkpoints": "CONGVU_AUDIT_CHECKPOINTS", "audit-checkpoint-every": "CONGVU_AUDIT_CHECKPOINT_EVERY",
}

// FromEnv starts from the defaults and applies the environment.
func FromEnv(getenv func(string) string) Config {
	c := Defaults
	set := func(key string, dst *string) {
		if v := getenv(Env[key]); v != "" {
			*dst = v
		}
	}
	set("db", &c.DB)
	set("addr", &c.Addr)
	set("base-url", &c.BaseURL)
	set("log-level", &c.LogLevel)
	set("log-format", &c.LogFormat)
	if v := getenv(Env["delegation-max-days"]); v != "" {
		// A value that is not a number is kept impossible (-1) so that
		// Validate names the variable instead of silently using the default.
		c.DelegationMaxDays = -1
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			c.DelegationMaxDays = n
		}
	}
	set("metrics-addr", &c.MetricsAddr)
	set("metrics-token", &c.MetricsToken)
	set("trusted-proxies", &c.TrustedProxies)
	set("lookup-key-file", &c.LookupKeyFile)
	set("lookup-key", &c.LookupKey)
	set("audit-key", &c.AuditKey)
	set("audit-checkpoints", &c.AuditCheckpoints)
	set("files", &c.Files)
	set("files-s3-endpoint", &c.FilesS3)
	set("files-s3-bucket", &c.FilesS3Bucket)
	set("files-s3-access-key", &c.FilesS3Access)
	set("files-s3-secret-key", &c.FilesS3Secret)
	set("files-s3-region", &c.FilesS3Region)
	if v := getenv(Env["file-max-mb"]); v != "" {
		c.FileMaxMB = -1 // refused by Validate unless a number
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			c.FileMaxMB = n
		}
	}
	if v := getenv(Env["online-open-max"]); v != "" {
		c.OnlineOpenMax = -1 // refused by Validate unless a number
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			c.OnlineOpenMax = n
		}
	}
	if v := getenv(Env["audit-checkpoint-every"]); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			c.AuditCheckpointEvery = d
		} else {
			c.AuditCheckpointEvery = -1 // refused by Validate
		}
	}
	c.Demo = truthy(getenv(Env["demo"]))
	c.FilesInDB = truthy(getenv(Env["files-in-db"]))
	c.SecureCookies = truthy(getenv(Env["secure-cookies"]))
	return c
}

func truthy(s string) bool {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// Validate checks the configuration and fills derived values.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.DB) == "" {
		return errors.New("--db: empty; give a SQLite file path or a postgres:// URL")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("--addr %q: %v", c.Addr, err)
	}
	if c.BaseURL == "" {
		host, port, _ := net.SplitHostPort(c.Addr)
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		return fmt.Errorf("--base-url %q: must start with http:// or https://", c.BaseURL)
	}
	if strings.HasPrefix(c.BaseURL, "https://") {
		c.SecureCookies = true
		c.HSTS = true
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return fmt.Errorf("--metrics-addr %q: %v", c.MetricsAddr, err)
		}
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("%s: at least 16 characters", Env["metrics-token"])
	}
	var err error
	if c.Proxies, err = ParsePrefixes(c.TrustedProxies); err != nil {
		return fmt.Errorf("--trusted-proxies: %v", err)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("--log-level %q: use debug, info, warn or error", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("--log-format %q: use text or json", c.LogFormat)
	}
	if c.DelegationMaxDays < 1 || c.DelegationMaxDays > 3660 {
		return fmt.Errorf("--delegation-max-days %d (%s): use a whole number of days from 1 to 3660", c.DelegationMaxDays, Env["delegation-max-days"])
	}
	if err := c.ValidateFiles(); err != nil {
		return err
	}
	return c.ValidateAudit()
}

// ValidateFiles checks where files go and fills the directory's default:
// beside a SQLite database, ./congvu-files for PostgreSQL (as the lookup
// key's file). Several nodes need the object store instead, since each has
// its own disk (docs/OPERATIONS.md, Files).
func (c *Config) ValidateFiles() error {
	if c.FileMaxMB < 1 || c.FileMaxMB > 2048 {
		return fmt.Errorf("--file-max-mb %d (%s): use a whole number of MB from 1 to 2048 / số MB từ 1 đến 2048", c.FileMaxMB, Env["file-max-mb"])
	}
	if c.OnlineOpenMax < 0 || c.OnlineOpenMax > 1000 {
		return fmt.Errorf("--online-open-max %d (%s): use a whole number from 0 (no cap) to 1000 / số từ 0 đến 1000", c.OnlineOpenMax, Env["online-open-max"])
	}
	if c.FilesS3 != "" && c.FilesInDB {
		return errors.New("--files-in-db and --files-s3-endpoint: choose one place for the files / chỉ chọn một nơi lưu tệp")
	}
	if c.FilesInDB {
		return nil
	}
	if c.FilesS3 != "" {
		if c.FilesS3Bucket == "" || c.FilesS3Access == "" || c.FilesS3Secret == "" {
			return errors.New("--files-s3-endpoint: also give --files-s3-bucket, --files-s3-access-key and --files-s3-secret-key / cần đủ bucket và khóa truy cập")
		}
		return nil
	}
	if c.Files == "" {
		c.Files = DefaultFiles(c.DB)
	}
	return nil
}

// DefaultFiles is the files directory beside a SQLite database, or
// ./congvu-files for PostgreSQL.
func DefaultFiles(db string) string {
	if store.IsPostgresURL(db) {
		return "./congvu-files"
	}
	return db + ".files"
}

// ValidateAudit checks the checkpoint settings and fills the file's
// default: beside a SQLite database; a PostgreSQL database has no place
// of its own on disk, so the file must be named.
func (c *Config) ValidateAudit() error {
	if c.AuditCheckpointEvery < time.Minute {
		return fmt.Errorf("--audit-checkpoint-every: give a duration of at least 1m (e.g. 10m) / thời lượng ít nhất 1 phút")
	}
	if c.AuditKey == "" || c.AuditCheckpoints != "" {
		return nil
	}
	if store.IsPostgresURL(c.DB) {
		return errors.New("--audit-checkpoints: required with --audit-key on PostgreSQL; name a file outside the database / cần chỉ tệp điểm neo nhật ký")
	}
	c.AuditCheckpoints = DefaultCheckpoints(c.DB)
	return nil
}

// DefaultCheckpoints is the checkpoint file beside a SQLite database.
func DefaultCheckpoints(db string) string { return db + ".audit-checkpoints" }

// String prints the configuration with the database password masked and
// the secrets left out.
func (c Config) String() string {
	return fmt.Sprintf("db=%s addr=%s base-url=%s demo=%v secure-cookies=%v hsts=%v log=%s/%s metrics-addr=%s metrics-token=%v trusted-proxies=%q delegation-max-days=%d audit-key=%s audit-checkpoints=%s every %s files=%s s3=%s/%s files-in-db=%v file-max-mb=%d online-open-max=%d",
		store.Redact(c.DB), c.Addr, c.BaseURL, c.Demo, c.SecureCookies, c.HSTS, c.LogLevel, c.LogFormat,
		c.MetricsAddr, c.MetricsToken != "", c.TrustedProxies, c.DelegationMaxDays, c.AuditKey, c.AuditCheckpoints, c.AuditCheckpointEvery,
		c.Files, c.FilesS3, c.FilesS3Bucket, c.FilesInDB, c.FileMaxMB, c.OnlineOpenMax)
}

// ParsePrefixes reads a comma-separated list of CIDR blocks or single
// addresses ("10.0.0.0/8, 192.168.1.5"); empty is none.
func ParsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("%q is neither an address nor a CIDR block", f)
			}
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		n, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR block: %v", f, err)
		}
		out = append(out, n.Masked())
	}
	return out, nil
}
