package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/review"
	"congvu/internal/store"
)

// ReviewStore is what the HTTP adapters need for period reviews,
// discipline checklists, violations and emulation titles (internal/review).
type ReviewStore interface {
	FindReview(ctx context.Context, id int64) (review.Review, error)
	FindReviews(ctx context.Context, agencyID int64, year int) ([]review.Review, error)
	DraftReviewFigures(ctx context.Context, unit int64, p review.Period) (review.Figures, error)
	CreateReview(ctx context.Context, actor audit.Actor, r review.Review) (review.Review, error)
	EditReview(ctx context.Context, actor audit.Actor, id int64, authorize func(review.Review) error, edit func(*review.Review) error) (review.Review, error)
	IssueReview(ctx context.Context, actor audit.Actor, id int64, authorize func(review.Review) error, render func(review.Review) ([]byte, error)) (review.Review, error)
	ReviewDocument(ctx context.Context, id int64) ([]byte, error)

	Checklists(ctx context.Context, agencyID int64) ([]review.Checklist, error)
	SaveChecklist(ctx context.Context, actor audit.Actor, agencyID int64, c review.Checklist) error
	RecordViolation(ctx context.Context, actor audit.Actor, v review.Violation, authorize func(review.Violation) error) (review.Violation, error)
	AgencyViolations(ctx context.Context, agencyID int64, from, to calendar.Date) ([]store.ViolationRow, error)
	FindViolation(ctx context.Context, id int64) (store.ViolationRow, error)

	EmulationProposals(ctx context.Context, agencyID int64, year int, rule review.EmulationRule) ([]review.Proposal, error)
	EmulationTitles(ctx context.Context, agencyID int64, year int) (map[int64]store.EmulationTitle, error)
	EmulationYear(ctx context.Context, agencyID int64, year int, rule review.EmulationRule) ([]store.EmulationEntry, error)
	ConfirmEmulation(ctx context.Context, actor audit.Actor, agencyID int64, year int, rule review.EmulationRule, people []int64) ([]review.Proposal, error)
}
