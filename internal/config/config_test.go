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
	if err := c.Validate(); err != nil || !c.SecureCookies || c.BaseURL != "https://congvu.example.vn" {
		t.Errorf("https base: %v %+v", err, c)
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
