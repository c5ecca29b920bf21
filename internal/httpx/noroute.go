package httpx

import (
	"net/http"
	"strings"
)

// probeMethods are the methods tried to tell a wrong method (405) from an
// unknown address (404).
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// AllowedMethods lists the methods mux serves at r's path other than
// through the catch-all pattern: empty for an address nothing serves (404),
// otherwise the Allow header of a 405. The web and the API each register a
// catch-all so that these answers are their own styled page or JSON error
// rather than the mux's plain text, which leaves the mux unable to say 405
// itself.
func AllowedMethods(mux *http.ServeMux, r *http.Request, catchAll string) []string {
	var allowed []string
	for _, m := range probeMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != catchAll {
			allowed = append(allowed, m)
		}
	}
	return allowed
}

// SetAllow writes the Allow header of a 405.
func SetAllow(w http.ResponseWriter, methods []string) {
	w.Header().Set("Allow", strings.Join(methods, ", "))
}
