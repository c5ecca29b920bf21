package httpx

import (
	"context"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/flow"
)

// FlowStore is the bottleneck analysis (issue #14 item 2; store/flow_stats.go):
// the figures from the rollups and the dossiers behind them.
type FlowStore interface {
	Bottlenecks(ctx context.Context, agency int64, proc string, units []int64, from, to calendar.Date) (flow.Analysis, dossier.Procedure, error)
	FlowDossiers(ctx context.Context, agency int64, proc string, units []int64, from, to calendar.Date,
		step int, fig flow.Figure, limit int) ([]dossier.Summary, bool, error)
	TaskFlowRows(ctx context.Context, agency int64, units []int64, from, to calendar.Date) ([]flow.TaskSums, error)
}
