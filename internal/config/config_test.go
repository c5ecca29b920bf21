package config

import (
	"strings"
	"testing"
	"time"
)

func TestFromEnvAndValidate(t *testing.T) {
	env := map[string]string{"CONGVU_DB": "postgres://u:secret@db/congvu", "CONGVU_ADDR": "0.0.0.0:9000", "CONGVU_DEMO": "true"}
	c := FromEnv(func(k string) string { return env[k] })
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || !c.Demo || c.BaseURL != "http://127.0.0.1:9000" {
		t.Errorf("config: %+v", c)
	}
	if s := c.String(); strings.Contains(s, "secret") || !strings.Contains(s, "***") {
		t.Errorf("password not masked: %s", s)
	}
}

// The longest delegation defaults to 90 days and is set by
// CONGVU_DELEGATION_MAX_DAYS; a value that is not a number is refused by
// name, not replaced by the default.
func TestDelegationMaxDays(t *testing.T) {
	for _, c := range []struct {
		env  string
		want int
		ok   bool
	}{{"", 90, true}, {"30", 30, true}, {" 7 ", 7, true}, {"ba mươi", -1, false}, {"0", 0, false}} {
		cfg := FromEnv(func(k string) string {
			if k == "CONGVU_DELEGATION_MAX_DAYS" {
				return c.env
			}
			return ""
		})
		err := cfg.Validate()
		if cfg.DelegationMaxDays != c.want || (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), "CONGVU_DELEGATION_MAX_DAYS")) {
			t.Errorf("%q: %d %v", c.env, cfg.DelegationMaxDays, err)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"empty db", func(c *Config) { c.DB = " " }, "--db"},
		{"bad addr", func(c *Config) { c.Addr = "8080" }, "--addr"},
		{"bad base url", func(c *Config) { c.BaseURL = "ftp://x" }, "--base-url"},
		{"bad level", func(c *Config) { c.LogLevel = "loud" }, "--log-level"},
		{"no delegation length", func(c *Config) { c.DelegationMaxDays = 0 }, "--delegation-max-days"},
		{"delegation length too long", func(c *Config) { c.DelegationMaxDays = 4000 }, "--delegation-max-days"},
		{"bad trusted proxy", func(c *Config) { c.TrustedProxies = "10.0.0.0/8, proxy.lan" }, "--trusted-proxies"},
		{"bad metrics addr", func(c *Config) { c.MetricsAddr = "9100" }, "--metrics-addr"},
		{"short metrics token", func(c *Config) { c.MetricsToken = "abc" }, "CONGVU_METRICS_TOKEN"},
	}
	for _, tc := range cases {
		c := Defaults
		tc.mod(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error naming %s", tc.name, err, tc.want)
		}
	}
	c := Defaults
	c.BaseURL = "https://congvu.example.vn/"
	if err := c.Validate(); err != nil || !c.SecureCookies || !c.HSTS || c.BaseURL != "https://congvu.example.vn" {
		t.Errorf("https base: %v %+v", err, c)
	}
	c = Defaults
	if err := c.Validate(); err != nil || c.HSTS {
		t.Errorf("http base: %v, HSTS %v", err, c.HSTS)
	}
}

func TestSecretsAndProxiesFromEnv(t *testing.T) {
	env := map[string]string{"CONGVU_METRICS_TOKEN": "một-mã-rất-bí-mật", "CONGVU_LOOKUP_KEY": "ab12", "CONGVU_TRUSTED_PROXIES": "10.0.0.0/8,192.168.1.5",
		"CONGVU_METRICS_ADDR": "127.0.0.1:9100"}
	c := FromEnv(func(k string) string { return env[k] })
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(c.Proxies) != 2 || c.Proxies[1].String() != "192.168.1.5/32" || c.MetricsAddr != "127.0.0.1:9100" {
		t.Errorf("config: %+v", c)
	}
	if s := c.String(); strings.Contains(s, "bí-mật") || strings.Contains(s, "ab12") {
		t.Errorf("a secret is printed: %s", s)
	}
}

func TestAuditCheckpointSettings(t *testing.T) {
	env := map[string]string{"CONGVU_DB": "/var/lib/congvu/congvu.db", "CONGVU_AUDIT_KEY": "/etc/congvu/audit.key"}
	c := FromEnv(func(k string) string { return env[k] })
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.AuditCheckpoints != "/var/lib/congvu/congvu.db.audit-checkpoints" || c.AuditCheckpointEvery != DefaultAuditCheckpointEvery {
		t.Errorf("defaults beside SQLite: %q every %s", c.AuditCheckpoints, c.AuditCheckpointEvery)
	}
	env["CONGVU_DB"] = "postgres://congvu@db/congvu"
	c = FromEnv(func(k string) string { return env[k] })
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "--audit-checkpoints") {
		t.Errorf("PostgreSQL with a key and no checkpoint file: %v", err)
	}
	env["CONGVU_AUDIT_CHECKPOINTS"], env["CONGVU_AUDIT_CHECKPOINT_EVERY"] = "/srv/anchors/congvu.jsonl", "soon"
	c = FromEnv(func(k string) string { return env[k] })
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "--audit-checkpoint-every") {
		t.Errorf("bad interval: %v", err)
	}
	env["CONGVU_AUDIT_CHECKPOINT_EVERY"] = "30m"
	c = FromEnv(func(k string) string { return env[k] })
	if err := c.Validate(); err != nil || c.AuditCheckpointEvery != 30*time.Minute || c.AuditCheckpoints != "/srv/anchors/congvu.jsonl" {
		t.Errorf("named file and interval: %v %+v", err, c)
	}
}

func TestValidateFiles(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c := FromEnv(env(map[string]string{"CONGVU_DB": "/srv/congvu.db"}))
	if err := c.Validate(); err != nil || c.Files != "/srv/congvu.db.files" || c.FileMaxMB != 20 {
		t.Errorf("defaults: %v %q %d", err, c.Files, c.FileMaxMB)
	}
	for name, vars := range map[string]map[string]string{
		"an object store without its keys": {"CONGVU_FILES_S3_ENDPOINT": "127.0.0.1:8333", "CONGVU_FILES_S3_BUCKET": "b"},
		"a size that is not a number":      {"CONGVU_FILE_MAX_MB": "hai mươi"},
		"a size of zero":                   {"CONGVU_FILE_MAX_MB": "0"},
	} {
		c := FromEnv(env(vars))
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	c = FromEnv(env(map[string]string{"CONGVU_DB": "postgres://x@h/db", "CONGVU_FILES_S3_ENDPOINT": "https://s3.example.vn",
		"CONGVU_FILES_S3_BUCKET": "congvu", "CONGVU_FILES_S3_ACCESS_KEY": "a", "CONGVU_FILES_S3_SECRET_KEY": "s", "CONGVU_FILE_MAX_MB": "50"}))
	if err := c.Validate(); err != nil || c.FileMaxMB != 50 || strings.Contains(c.String(), "secret") {
		t.Errorf("an object store: %v %d", err, c.FileMaxMB)
	}
}
