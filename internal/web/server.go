// Package web is the server-rendered HTML interface (stub: being written).
package web

import (
	"net/http"

	"congvu/internal/httpx"
)

// Server serves the HTML pages.
type Server struct{ deps httpx.Deps }

// New builds the web server, parsing every template.
func New(d httpx.Deps) (*Server, error) { return &Server{deps: d}, nil }

// Register adds the pages' routes to mux.
func (s *Server) Register(mux *http.ServeMux) {}
