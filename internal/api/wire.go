package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"
)

// vn is Vietnam's time (UTC+7, no daylight saving): instants go out with
// a +07:00 offset, "today" is today in Hà Nội.
var vn = time.FixedZone("ICT", 7*3600)

// timeNow is the clock when Deps.Now is not set.
var timeNow = time.Now

// instant writes a time as RFC 3339 at +07:00, e.g. 2025-03-01T08:00:00+07:00.
func instant(t time.Time) string { return t.In(vn).Format(time.RFC3339) }

// today returns the current date in Vietnam as YYYY-MM-DD.
func (s *Server) today() string { return s.deps.Now().In(vn).Format("2006-01-02") }

// writeJSON renders v into a buffer first, so that an encoding failure
// becomes an error rather than half a response. Once the header is written
// it returns nil: a failed write means the client has gone.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
	return nil
}

// createdResponse answers a creation that returns only an id.
type createdResponse struct {
	ID int64 `json:"id"`
}
