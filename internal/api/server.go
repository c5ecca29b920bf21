// Package api is the JSON API under /api/v1 (stub: being written).
package api

import (
	"net/http"

	"congvu/internal/httpx"
)

// Server serves the JSON API.
type Server struct{ deps httpx.Deps }

// New builds the API server.
func New(d httpx.Deps) *Server { return &Server{deps: d} }

// Register adds the API's routes to mux.
func (s *Server) Register(mux *http.ServeMux) {}
