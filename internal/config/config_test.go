package config

import (
	"strings"
	"testing"
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
