package httpx

import (
	"net/http"
	"strings"
)

// LangCookie remembers the language a user chose.
const LangCookie = "congvu_lang"

// Lang returns "vi" or "en" for a request: the ?lang= parameter, then the
// cookie, then Accept-Language; Vietnamese when nothing says otherwise.
func Lang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "vi" || l == "en" {
		return l
	}
	if c, err := r.Cookie(LangCookie); err == nil && (c.Value == "vi" || c.Value == "en") {
		return c.Value
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "vi"):
			return "vi"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "vi"
}
