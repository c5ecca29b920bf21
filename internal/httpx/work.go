package httpx

import (
	"context"
	"time"

	"congvu/internal/audit"
	"congvu/internal/notify"
	"congvu/internal/store"
	"congvu/internal/work"
)

// WorkStore keeps plans, tasks, their histories and the in-app inbox (see
// store/work*.go).
type WorkStore interface {
	CreatePlan(ctx context.Context, actor audit.Actor, p work.Plan) (work.Plan, error)
	FindPlans(ctx context.Context, f store.PlanFilter) ([]work.Plan, error)
	FindPlanByID(ctx context.Context, id int64) (store.PlanDetail, error)
	AddTargetActual(ctx context.Context, actor audit.Actor, planID, targetID int64, a work.Actual) (work.Target, error)

	CreateTask(ctx context.Context, actor audit.Actor, n work.NewTask, exactDeadline *time.Time) (work.TaskWithHistory, error)
	FindTaskByID(ctx context.Context, id int64) (work.TaskWithHistory, error)
	FindTasks(ctx context.Context, f store.TaskFilter) ([]store.TaskSummary, error)
	FindTaskPage(ctx context.Context, f store.TaskFilter) (store.TaskPage, error)
	CountTasks(ctx context.Context, f store.TaskFilter, max int) (int, bool, error)
	RecordTaskEvent(ctx context.Context, actor audit.Actor, taskID int64, expectedVersion int, ev work.Event) (work.TaskWithHistory, work.Event, error)
	RecordTaskEventOn(ctx context.Context, actor audit.Actor, checked work.TaskWithHistory, expectedVersion int, ev work.Event) (work.TaskWithHistory, work.Event, error)
	MonthlyFigures(ctx context.Context, personID int64, year int, month time.Month) (work.Figures, error)

	FindNotifications(ctx context.Context, personID int64, unreadOnly bool, limit, offset int) ([]store.Notification, error)
	CountUnreadNotifications(ctx context.Context, personID int64) (int, error)
	MarkNotificationRead(ctx context.Context, personID, id int64) error
	MarkAllNotificationsRead(ctx context.Context, personID int64) (int, error)
	NotificationSettings(ctx context.Context, personID int64) (notify.Settings, error)
	SetNotificationSettings(ctx context.Context, actor audit.Actor, personID int64, s notify.Settings) error
}
