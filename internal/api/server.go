// Package api is congvu's JSON API under /api/v1: a thin sibling of the HTML
// interface that parses a request, authorises it through auth.Policy, calls
// the store and renders the answer. It has its own request and response
// types, distinct from the domain's, with named converters between them.
//
// Conventions every resource follows (units, people, and later dossiers and
// tasks):
//   - Every route is declared once in routes.go (method, pattern, summary,
//     query parameters, request and response types); the mux and the OpenAPI
//     document at /api/v1/openapi.json are both built from that list.
//   - Handlers are func(w, r) error; one adapter authenticates (Bearer token
//     or session cookie, with X-CSRF-Token required for a cookie on an unsafe
//     method) and turns a returned error into {"error":{code,message,field}}
//     with the status from httpx.Status (errors.go).
//   - Request bodies go through decodeJSON (decode.go) and the request type's
//     Validate method; lists are plain JSON arrays paged with ?limit=&offset=
//     (query.go); dates are "YYYY-MM-DD", instants RFC 3339 at +07:00 (wire.go).
package api

import (
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
)

// Server serves the JSON API.
type Server struct {
	deps    httpx.Deps
	routes  []route
	openapi []byte // the OpenAPI document, generated once from routes
}

// New builds the API server: its route list and the OpenAPI document
// describing it.
func New(d httpx.Deps) *Server {
	if d.Now == nil {
		d.Now = timeNow
	}
	d.NewsCounter() // one counter for the server's life, before any request
	s := &Server{deps: d}
	s.routes = s.routeList()
	s.openapi = buildOpenAPI(s.routes)
	return s
}

// Register adds the API's routes to mux, each wrapped by the adapter that
// authenticates and renders errors.
func (s *Server) Register(mux *http.ServeMux) {
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Pattern, s.adapt(rt))
	}
	mux.Handle("/api/", http.HandlerFunc(s.noRoute(mux)))
}

// noRoute answers an address under /api/ that no route serves with a JSON
// 404, and a method the address does not take with a JSON 405 and Allow,
// as every other API error is answered, not with the mux's plain text.
func (s *Server) noRoute(mux *http.ServeMux) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if allowed := httpx.AllowedMethods(mux, r, "/api/"); len(allowed) > 0 {
			httpx.SetAllow(w, allowed)
			s.writeError(w, r, withStatus(http.StatusMethodNotAllowed, apperr.New(apperr.Invalid, "method",
				"Địa chỉ này không nhận phương thức "+r.Method, "This address does not accept the method "+r.Method)))
			return
		}
		s.writeError(w, r, apperr.New(apperr.NotFound, "", "Không có địa chỉ này trong API", "No such address in the API"))
	}
}
