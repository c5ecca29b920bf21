// Package config is congvu's one configuration struct, filled from flags
// and CONGVU_* environment variables, validated once in main and passed
// down; nothing reads the environment anywhere else.
package config

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

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
}

// Defaults are used when neither a flag nor the environment says otherwise.
var Defaults = Config{DB: "./congvu.db", Addr: "127.0.0.1:8080", LogLevel: "info", LogFormat: "text",
	DelegationMaxDays: org.DefaultDelegationMaxDays}

// Env lists the environment variable behind each setting, for --help.
var Env = map[string]string{
	"db": "CONGVU_DB", "addr": "CONGVU_ADDR", "base-url": "CONGVU_BASE_URL", "demo": "CONGVU_DEMO",
	"secure-cookies": "CONGVU_SECURE_COOKIES", "log-level": "CONGVU_LOG_LEVEL", "log-format": "CONGVU_LOG_FORMAT",
	"delegation-max-days": "CONGVU_DELEGATION_MAX_DAYS",
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
	c.Demo = truthy(getenv(Env["demo"]))
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
	return nil
}

// String prints the configuration with the database password masked.
func (c Config) String() string {
	return fmt.Sprintf("db=%s addr=%s base-url=%s demo=%v secure-cookies=%v log=%s/%s delegation-max-days=%d",
		store.Redact(c.DB), c.Addr, c.BaseURL, c.Demo, c.SecureCookies, c.LogLevel, c.LogFormat, c.DelegationMaxDays)
}
