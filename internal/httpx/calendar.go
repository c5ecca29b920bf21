package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/calendar"
)

// CalendarStore keeps the working-time calendar's tables (see
// store/calendar.go): the national table and settings (agency 0 for the
// default office hours), and each agency's office hours and days off.
type CalendarStore interface {
	Calendar(ctx context.Context, agencyID int64) (*calendar.Calendar, error)
	CalendarSchedules(ctx context.Context) ([]calendar.Schedule, error)
	SetCalendarDay(ctx context.Context, actor audit.Actor, e calendar.Entry) error
	DeleteCalendarDay(ctx context.Context, actor audit.Actor, d calendar.Date) error
	CultureDay24Nov(ctx context.Context) (bool, error)
	SetCultureDay24Nov(ctx context.Context, actor audit.Actor, on bool) error
	OfficeHours(ctx context.Context, agencyID int64) (calendar.OfficeHours, error)
	SetOfficeHours(ctx context.Context, actor audit.Actor, agencyID int64, h calendar.OfficeHours) error
	AgencyDaysOff(ctx context.Context, agencyID int64) ([]calendar.DayOff, error)
	SetAgencyDayOff(ctx context.Context, actor audit.Actor, agencyID int64, d calendar.DayOff) error
	DeleteAgencyDayOff(ctx context.Context, actor audit.Actor, agencyID int64, day calendar.Date) error
}
