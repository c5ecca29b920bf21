package web

import (
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
)

// filingMatrixCases are the permission matrix's requests of the online
// filing: public, so every identity (and the anonymous visitor) gets the
// form and may file; each filing meets a challenge of its own.
func filingMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	path := "/nop-ho-so/" + accesstest.ProcedureCode
	pdf := filetest.PDF(t)
	return map[string]matrixCase{
		"GET /nop-ho-so/{code}": {build: func(testing.TB, who) req { return req{Path: path} }},
		"POST /nop-ho-so/{code}": {build: func(t testing.TB, _ who) req {
			ch := s.deps.Challenges.Issue()
			body, ct := filetest.Multipart(t, map[string]string{"csrf": matrixPreCSRF, "challenge": ch.Token,
				"nonce": httpx.SolveChallenge(ch.Token, ch.Bits), "name": "Trần Thị Bình", "phone": "0912345678",
				"email": "binh@example.vn"}, "doc_1", "to-trinh.pdf", pdf)
			return req{Path: path, Body: body, ContentType: ct, Header: map[string]string{"Cookie": loginCSRFCookie + "=" + matrixPreCSRF}}
		}},
	}
}
