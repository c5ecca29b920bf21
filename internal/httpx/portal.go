package httpx

import (
	"context"

	"congvu/internal/calendar"
	"congvu/internal/portal"
)

// PortalStore is what the portal's procedure catalogue and transparency
// page read (store/portal.go).
type PortalStore interface {
	PortalAgency(ctx context.Context) (int64, error)
	PublicProcedures(ctx context.Context, q portal.Query) ([]portal.Procedure, int, error)
	PublicProcedure(ctx context.Context, agency int64, code string, day calendar.Date) (portal.Procedure, error)
	ProcedureFields(ctx context.Context, agency int64) ([]string, error)
	Transparency(ctx context.Context, agency int64, year int, today calendar.Date) (portal.Transparency, error)
}
