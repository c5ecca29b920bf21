package web

import (
	"context"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/dossier"
)

// portalMatrixCases are the public catalogue and transparency pages: open
// to everyone, on a procedure of the portal's agency.
func portalMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	// The portal's agency is the one with the largest catalogue, which
	// other rows of the matrix grow: the code is read as each row runs.
	inForce := func(t testing.TB, _ *accesstest.Identity) accesstest.Request {
		ctx := context.Background()
		agency, err := f.DB.PortalAgency(ctx)
		if err != nil {
			t.Fatal(err)
		}
		procs, err := f.DB.FindProcedures(ctx, dossier.ProcedureFilter{AgencyID: agency})
		if err != nil || len(procs) == 0 {
			t.Fatalf("the portal's agency %d has no procedure: %v", agency, err)
		}
		return accesstest.Request{Path: "/thu-tuc/" + procs[0].Code}
	}
	get := func(path string) func(testing.TB, *accesstest.Identity) accesstest.Request {
		return func(testing.TB, *accesstest.Identity) accesstest.Request { return accesstest.Request{Path: path} }
	}
	return map[string]matrixCase{
		"GET /thu-tuc":        {build: get("/thu-tuc?q=a")},
		"GET /thu-tuc/{code}": {build: inForce},
		"GET /cong-khai":      {build: get("/cong-khai")},
	}
}
