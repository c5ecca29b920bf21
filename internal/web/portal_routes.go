package web

import "congvu/internal/access"

// portalPages are the portal's public procedure catalogue and transparency
// page (portal.go), open to everyone.
func (s *Server) portalPages() []page {
	return []page{
		{"GET", "/thu-tuc", access.Public(), s.handlePublicProcedures},
		{"GET", "/thu-tuc/{code}", access.Public(), s.handlePublicProcedure},
		{"GET", "/cong-khai", access.Public(), s.handleTransparency},
	}
}
