package web

import (
	"net/http"
)

// handlerFunc is a page handler: it writes a page or returns an error that
// serveError turns into one.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Register adds every page's route to mux, in one place.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/", s.static.handler())

	// Reachable without logging in.
	mux.Handle("GET /login", s.public(s.handleLoginForm))
	mux.Handle("POST /login", s.public(s.handleLogin))
	mux.Handle("GET /lang", s.public(s.handleLang))

	// Everything else needs a session (or an API token) and, for writes, the CSRF token.
	mux.Handle("POST /logout", s.private(s.handleLogout))
	mux.Handle("GET /{$}", s.private(s.handleHome))

	mux.Handle("GET /units", s.private(s.handleUnits))
	mux.Handle("GET /units/new", s.private(s.handleUnitNew))
	mux.Handle("POST /units", s.private(s.handleUnitCreate))
	mux.Handle("GET /units/restructure", s.private(s.handleRestructureForm))
	mux.Handle("POST /units/restructure", s.private(s.handleRestructure))

	mux.Handle("GET /people", s.private(s.handlePeople))
	mux.Handle("GET /people/new", s.private(s.handlePersonNew))
	mux.Handle("POST /people", s.private(s.handlePersonCreate))
	mux.Handle("GET /people/{id}", s.private(s.handlePersonView))
	mux.Handle("POST /people/{id}/memberships", s.private(s.handleMembershipAdd))
	mux.Handle("POST /people/{id}/memberships/{mid}/end", s.private(s.handleMembershipEnd))
	mux.Handle("POST /people/{id}/password", s.private(s.handlePasswordReset))

	mux.Handle("GET /delegations", s.private(s.handleDelegations))
	mux.Handle("POST /delegations", s.private(s.handleDelegationCreate))
	mux.Handle("POST /delegations/{id}/revoke", s.private(s.handleDelegationRevoke))

	mux.Handle("GET /calendar", s.private(s.handleCalendar))
	mux.Handle("GET /calendar/due", s.private(s.handleCalendarDue))
	mux.Handle("POST /calendar/days", s.private(s.handleCalendarDaySet))
	mux.Handle("POST /calendar/days/{date}/delete", s.private(s.handleCalendarDayDelete))
	mux.Handle("POST /calendar/settings", s.private(s.handleCalendarSettings))
	mux.Handle("POST /calendar/hours", s.private(s.handleCalendarHours))
	mux.Handle("POST /calendar/national/hours", s.private(s.handleNationalHours))
	mux.Handle("POST /calendar/agencies/{agency}/hours", s.private(s.handleAgencyHours))
	mux.Handle("POST /calendar/agencies/{agency}/days", s.private(s.handleAgencyDaySet))
	mux.Handle("POST /calendar/agencies/{agency}/days/{date}/delete", s.private(s.handleAgencyDayDelete))

	// One-stop dossiers: the catalogue, the desk's intake, queues, the
	// dossier page with its actions and printed forms, the statistics, and
	// the applicant's public lookup (no login; rate-limited per address).
	mux.Handle("GET /procedures", s.private(s.handleProcedures))
	mux.Handle("GET /procedures/{code}", s.private(s.handleProcedureView))
	mux.Handle("GET /dossiers", s.private(s.handleDossierSearch))
	mux.Handle("POST /dossiers", s.private(s.handleDossierCreate))
	mux.Handle("GET /dossiers/new", s.private(s.handleDossierNew))
	mux.Handle("GET /dossiers/new/documents", s.private(s.handleIntakeDocs))
	mux.Handle("GET /dossiers/queue", s.private(s.handleDossierQueue))
	mux.Handle("GET /dossiers/unit", s.private(s.handleDossierUnit))
	mux.Handle("GET /dossiers/{code}", s.private(s.handleDossierView))
	mux.Handle("POST /dossiers/{code}/events", s.private(s.handleDossierEvent))
	mux.Handle("GET /dossiers/{code}/forms/{form}", s.private(s.handleDossierForm))
	mux.Handle("GET /stats/dossiers/book.pdf", s.private(s.handleTrackingBook))
	mux.Handle("GET /stats/dossiers", s.private(s.handleStats))
	mux.Handle("GET /stats/dossiers/{figure}", s.private(s.handleStatsFigure))
	lookup := newPublicLookup(s)
	mux.Handle("GET /tra-cuu", s.public(lookup.handleForm))
	mux.Handle("POST /tra-cuu", s.public(lookup.handleLookup))
	mux.Handle("POST /tra-cuu/danh-gia", s.public(lookup.handleRate))

	// Plans and tasks (plan*.go, task*.go), the inbox and the monthly figures.
	mux.Handle("GET /plans", s.private(s.handlePlanList))
	mux.Handle("GET /plans/new", s.private(s.handlePlanNew))
	mux.Handle("POST /plans", s.private(s.handlePlanCreate))
	mux.Handle("GET /plans/{id}", s.private(s.handlePlanView))
	mux.Handle("POST /plans/{id}/actuals", s.private(s.handleTargetActual))
	mux.Handle("GET /tasks", s.private(s.handleTaskList))
	mux.Handle("GET /tasks/calendar", s.private(s.handleTaskCalendar))
	mux.Handle("GET /tasks/new", s.private(s.handleTaskNew))
	mux.Handle("POST /tasks", s.private(s.handleTaskCreate))
	mux.Handle("GET /tasks/template.xlsx", s.private(s.handleTaskTemplate))
	mux.Handle("GET /tasks/export.xlsx", s.private(s.handleTaskExport))
	mux.Handle("GET /tasks/import", s.private(s.handleTaskImportForm))
	mux.Handle("POST /tasks/import", s.private(s.handleTaskImportPreview))
	mux.Handle("POST /tasks/import/confirm", s.private(s.handleTaskImportConfirm))
	mux.Handle("GET /tasks/{id}", s.private(s.handleTaskView))
	mux.Handle("POST /tasks/{id}/events", s.private(s.handleTaskEvent))
	mux.Handle("GET /inbox", s.private(s.handleInbox))
	mux.Handle("POST /inbox/read-all", s.private(s.handleInboxReadAll))
	mux.Handle("POST /inbox/{id}/read", s.private(s.handleInboxRead))
	mux.Handle("GET /people/{id}/figures", s.private(s.handleFigures))

	mux.Handle("GET /audit", s.private(s.handleAudit))
	mux.Handle("POST /audit/verify", s.private(s.handleAuditVerify))
}
