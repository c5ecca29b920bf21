package api

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/org"
)

// Helpers for request types' Validate methods. Each returns an Invalid
// error naming the JSON field, in Vietnamese and English.

// requireID checks that an id field was given.
func requireID(field string, id int64) error {
	if id <= 0 {
		return apperr.Invalidf(field, "thiếu %s (bắt buộc, số nguyên dương)", "%s is required (a positive whole number)", field)
	}
	return nil
}

// optionalID checks an id that may be absent.
func optionalID(field string, id *int64) error {
	if id != nil && *id <= 0 {
		return apperr.Invalidf(field, "%s phải là số nguyên dương", "%s must be a positive whole number", field)
	}
	return nil
}

// requireDate checks and normalises a required date to YYYY-MM-DD.
func requireDate(field, s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", apperr.Invalidf(field, "thiếu %s (bắt buộc, dạng YYYY-MM-DD)", "%s is required (YYYY-MM-DD)", field)
	}
	return org.ParseDate(field, strings.TrimSpace(s))
}

// requireInstant parses a required RFC 3339 instant.
func requireInstant(field, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, apperr.Invalidf(field, "thiếu %s (bắt buộc, dạng 2025-03-01T08:00:00+07:00)", "%s is required (RFC 3339, e.g. 2025-03-01T08:00:00+07:00)", field)
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, apperr.Invalidf(field, "thời điểm không hợp lệ: %q (dạng 2025-03-01T08:00:00+07:00)",
			"invalid instant: %q (RFC 3339, e.g. 2025-03-01T08:00:00+07:00)", s)
	}
	return t, nil
}

// oneOf checks a required value against its allowed values.
func oneOf(field, s string, allowed ...string) error {
	if s == "" {
		return apperr.Invalidf(field, "thiếu %s (một trong: %s)", "%s is required (one of: %s)", field, strings.Join(allowed, ", "))
	}
	for _, a := range allowed {
		if s == a {
			return nil
		}
	}
	return apperr.Invalidf(field, "%s không hợp lệ: %q (một trong: %s)", "invalid %s: %q (one of: %s)", field, s, strings.Join(allowed, ", "))
}

// roleNames lists the roles as the API spells them.
func roleNames() []string {
	out := make([]string, len(org.Roles))
	for i, r := range org.Roles {
		out[i] = string(r)
	}
	return out
}
