package api

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// Paging: lists are plain JSON arrays; ?limit= (default 50, at most 500)
// and ?offset= (default 0) select a page, and a page shorter than limit is
// the last one. The journal pages backwards with ?before=<seq> instead.
const (
	defaultLimit = 50
	maxLimit     = 500
	maxOffset    = 1_000_000
)

// page is a requested slice of a list.
type page struct{ limit, offset int }

// parsePage reads ?limit= and ?offset=, refusing anything but a whole
// number in range, naming the parameter.
func parsePage(r *http.Request) (page, error) {
	p := page{limit: defaultLimit}
	var err error
	if p.limit, err = queryInt(r, "limit", defaultLimit, 1, maxLimit); err != nil {
		return p, err
	}
	if p.offset, err = queryInt(r, "offset", 0, 0, maxOffset); err != nil {
		return p, err
	}
	return p, nil
}

// pageOf returns the requested page of items, for lists filtered in memory.
func pageOf[T any](items []T, p page) []T {
	if p.offset >= len(items) {
		return items[:0]
	}
	return items[p.offset:min(len(items), p.offset+p.limit)]
}

// queryInt reads an integer parameter between lo and hi, def when absent.
func queryInt(r *http.Request, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, apperr.Invalidf(name, "tham số %s phải là số nguyên từ %d đến %d, không phải %q",
			"parameter %s must be a whole number from %d to %d, not %q", name, lo, hi, s)
	}
	return n, nil
}

// queryID reads an optional id parameter (0 when absent).
func queryID(r *http.Request, name string) (int64, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.Invalidf(name, "tham số %s phải là một mã số dương, không phải %q",
			"parameter %s must be a positive id, not %q", name, s)
	}
	return n, nil
}

// queryBool reads true/false (also 1/0); false when absent.
func queryBool(r *http.Request, name string) (bool, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, apperr.Invalidf(name, "tham số %s phải là true hoặc false, không phải %q",
			"parameter %s must be true or false, not %q", name, s)
	}
	return b, nil
}

// queryDate reads an optional date (YYYY-MM-DD, or dd/mm/yyyy) as YYYY-MM-DD.
func queryDate(r *http.Request, name string) (string, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return "", nil
	}
	return org.ParseDate(name, s)
}

// queryDay reads an optional day (YYYY-MM-DD, or dd/mm/yyyy); ok is false
// when it is absent.
func queryDay(r *http.Request, name string) (d calendar.Date, ok bool, err error) {
	v, err := queryDate(r, name)
	if err != nil || v == "" {
		return d, false, err
	}
	if d, err = calendar.ParseDate(v); err != nil {
		e := apperr.As(calendarInvalid(err))
		if e == nil {
			return d, false, err
		}
		c := *e
		c.Field = name
		return d, false, &c
	}
	return d, true, nil
}

// queryText reads an optional free-text parameter of at most max characters.
func queryText(r *http.Request, name string, max int) (string, error) {
	return apperr.Text(name, r.URL.Query().Get(name), 0, max)
}

// pathID reads the {id} in a route's path.
func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.Invalidf("id", "mã số trong đường dẫn phải là số nguyên dương, không phải %q",
			"the id in the path must be a positive whole number, not %q", s)
	}
	return n, nil
}
