package httpx

import (
	"context"

	"congvu/internal/calendar"
	"congvu/internal/dashboard"
	"congvu/internal/store"
)

// DashboardStore is what the dashboard (issue #14 item 1) reads: its
// figures from the rollups, and the tasks behind a task figure
// (store/dashboard.go).
type DashboardStore interface {
	Dashboard(ctx context.Context, unit int64, from, to calendar.Date) (dashboard.Figures, error)
	DashboardTasks(ctx context.Context, units []int64, figure string, from, to calendar.Date, limit int) ([]store.TaskSummary, error)
}
