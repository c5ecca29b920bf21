package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// flashCookie carries a message across a redirect (post/redirect/get): a
// catalogue key and its arguments, shown once on the next page.
const flashCookie = "congvu_flash"

// setCookie writes a cookie with the attributes every congvu cookie shares:
// whole site, HttpOnly, SameSite=Lax, Secure when the site is served over HTTPS.
func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.deps.Config.SecureCookies,
	})
}

// clearCookie deletes a cookie.
func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.deps.Config.SecureCookies})
}

// flash leaves a message (a catalogue key and its arguments, as text) for
// the next page.
func (s *Server) flash(w http.ResponseWriter, key string, args ...string) {
	v := strings.Join(append([]string{key}, args...), "\x1f")
	s.setCookie(w, flashCookie, base64.RawURLEncoding.EncodeToString([]byte(v)), time.Minute)
}

// takeFlash reads and clears the message left for this page, translated.
// Only catalogue keys are shown, so a forged cookie cannot put words on the page.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request, lang string) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	s.clearCookie(w, flashCookie)
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil {
		return ""
	}
	parts := strings.Split(string(b), "\x1f")
	if !strings.HasPrefix(parts[0], "flash.") || !known(parts[0]) {
		return ""
	}
	args := make([]any, len(parts)-1)
	for i, a := range parts[1:] {
		args[i] = a
	}
	return T(lang, parts[0], args...)
}

// redirect sends the browser to a page after a successful form (303, so
// that reloading does not submit the form again).
func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
