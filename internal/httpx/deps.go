package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/blob"
	"congvu/internal/config"
	"congvu/internal/news"
	"congvu/internal/org"
)

// Store is what the HTTP adapters need from storage; *store.DB implements it.
type Store interface {
	org.Store
	auth.Store
	CalendarStore
	DossierStore
	WorkStore
	LateStore
	DashboardStore
	FileStore
	EvaluationStore
	ReviewStore
	AppraisalStore
	InvestmentStore
	SelectionStore
	MoneyStore
	InspectionStore
	FlowStore
	NewsStore
	FilingStore
	ApplicantStore
	PortalStore
	FindAuditEvents(ctx context.Context, f audit.Filter) ([]audit.Event, error)
	Ping(ctx context.Context) error
}

// Deps is what the web and api servers are built from.
type Deps struct {
	Store   Store
	Policy  *auth.Policy
	Log     *slog.Logger
	Config  config.Config
	Metrics *Metrics
	Now     func() time.Time
	// Proxies are the trusted reverse proxies (config.TrustedProxies).
	Proxies Proxies
	// Lookups is the one budget of the public dossier lookup, web and API
	// (NewLookupLimiter); nil gives each server its own.
	Lookups *RateLimiter
	// Files keeps the bytes of uploaded files (--files, or an object store).
	Files blob.Store
	// Counter counts the public pages' views and visits (news.Counter),
	// one per process, shared by web and api (NewsCounter).
	Counter *news.Counter
	// Filings is the online filing's rate limiter, shared by the web page
	// and the API (NewFilingLimiter); nil: each makes its own.
	Filings *RateLimiter
	// Challenges issues and checks the online filing's challenge, shared
	// by the web page and the API; nil: each makes its own.
	Challenges *Challenger
	// Mailer sends the online applicant's e-mails; nil sends none.
	Mailer Mailer
}

// ClientIP is the client address of a request, through trusted proxies.
func (d Deps) ClientIP(r *http.Request) string { return d.Proxies.ClientIP(r) }
