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
