package web

import (
	"net/http"

	"congvu/internal/access"
)

// handlerFunc is a page handler: it writes a page or returns an error that
// serveError turns into one.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// page is one page or form target: its route, who may use it, and its
// handler. A public page is served to anyone (s.public); every other needs
// a session or an API token and, for writes, the CSRF token (s.private).
// Access is also what the permission matrix (matrix_test.go) checks for
// every role from every place of the province.
type page struct {
	Method, Pattern string
	Access          access.Rule
	Handle          handlerFunc
}

// Grants several pages share, as the modules' permissions files state
// them (dossier.RegisterPolicy, work.RegisterPolicy).
const (
	dossierViewGrants = "director deputy_director inspector clerk admin: agency; head deputy_head official: subtree"
	dossierStats      = "director deputy_director inspector: agency; head deputy_head: subtree"
	taskCreateGrants  = "director deputy_director: agency; head deputy_head: subtree"
	taskViewGrants    = "director deputy_director inspector: agency; head deputy_head official clerk: subtree"
	// A form page open to whoever holds the right somewhere: it works in
	// the caller's own agency.
	managers = "director deputy_director head deputy_head: home"
	// delegateGrants may delegate, or revoke, on someone else's behalf
	// (auth.Policy.AuthorizeDelegation): an own grant of DelegateRole on the
	// delegator's units that is the administrator's or ranks above the
	// delegator, a head of the fixture's own unit.
	delegateGrants = "admin director: agency"
	delegateNote   = "checked with a delegation of head@own's roles; on someone else's behalf the caller's own grant must rank above the delegator (admin, or director over a head)"
	// calendarNational marks the pages of the national calendar (issue #11
	// finding 3): the system operator's, held in a top unit of the tree.
	calendarNational = "Finding 3: the national table is the system operator's (auth.ScopeNational: an operator held in a top unit)."
)

// Register adds every page's route to mux, in one place.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/", s.static.handler())
	for _, p := range s.pageList() {
		wrap := s.private
		if p.Access.IsPublic() {
			wrap = s.public
		}
		mux.Handle(p.Method+" "+p.Pattern, wrap(p.Handle))
	}
	// Everything else: the styled 404 or 405 (errors.go), public so that
	// an anonymous visitor gets it too.
	mux.Handle("/", s.public(s.noRoute(mux)))
}

// pageList is the list of every page, each with who may use it.
func (s *Server) pageList() []page {
	lookup := newPublicLookup(s)
	view := access.May("dossier.view", dossierViewGrants)
	dossierHandle := access.May("dossier.handle", "official head deputy_head director deputy_director: subtree")
	stats := access.May("dossier.stats", dossierStats)
	createTask := access.May("task.create", taskCreateGrants)
	viewTask := access.May("task.view", taskViewGrants)
	// A list of the user's agency's (units, people, procedures): its staff,
	// whom the operator is not; the target is in it for the target's agency.
	staffList := access.May("org.view", "staff: home").Shows(access.May("org.view", "staff: agency"))
	national := access.May("calendar.national.manage", "operator: system").Note(calendarNational)
	evalView := access.May("evaluation.view", "director deputy_director inspector: agency; head deputy_head: subtree").Or("self")
	agencyCalendar := access.May("calendar.manage", "admin: agency").Note("the agency in the path is the target's")
	pages := []page{
		// Reachable without logging in.
		{"GET", "/login", access.Public(), s.handleLoginForm},
		{"POST", "/login", access.Public(), s.handleLogin},
		{"GET", "/lang", access.Public(), s.handleLang},

		{"POST", "/logout", access.Login(), s.handleLogout},
		{"GET", "/{$}", access.Login(), s.handleHome},

		{"GET", "/units", staffList, s.handleUnits},
		{"GET", "/units/new", access.May("org.manage", "admin: home"), s.handleUnitNew},
		{"POST", "/units", access.May("org.manage", "admin: agency"), s.handleUnitCreate},
		{"GET", "/units/restructure", access.May("org.manage", "admin: home"), s.handleRestructureForm},
		{"POST", "/units/restructure", access.May("org.manage", "admin: agency"), s.handleRestructure},

		{"GET", "/people", staffList, s.handlePeople},
		{"GET", "/people/new", access.May("org.manage account.manage", "admin: home"), s.handlePersonNew},
		{"POST", "/people", access.May("org.manage account.manage", "admin: agency"), s.handlePersonCreate},
		{"GET", "/people/{id}", access.May("org.view", "staff: agency"), s.handlePersonView},
		{"POST", "/people/{id}/memberships", access.May("org.manage", "admin: agency"), s.handleMembershipAdd},
		{"POST", "/people/{id}/memberships/{mid}/end", access.May("org.manage", "admin: agency"), s.handleMembershipEnd},
		{"POST", "/people/{id}/password", access.May("account.manage", "admin: agency"), s.handlePasswordReset},

		{"GET", "/delegations", access.May("org.view", "staff: home"), s.handleDelegations},
		{"POST", "/delegations", access.May("org.delegate", delegateGrants).Or("delegator").Note(delegateNote), s.handleDelegationCreate},
		{"POST", "/delegations/{id}/revoke", access.May("org.delegate", delegateGrants).Or("delegator", "delegate").Note("another agency's delegation is 404"), s.handleDelegationRevoke},

		{"GET", "/calendar", access.Login(), s.handleCalendar},
		{"GET", "/calendar/due", access.Login(), s.handleCalendarDue},
		{"POST", "/calendar/days", national, s.handleCalendarDaySet},
		{"POST", "/calendar/days/{date}/delete", national, s.handleCalendarDayDelete},
		{"POST", "/calendar/settings", national.Note(calendarNational + " The 24/11 setting is national."), s.handleCalendarSettings},
		{"POST", "/calendar/national/hours", national.Note(calendarNational + " The default office hours of agencies without their own."), s.handleNationalHours},
		{"POST", "/calendar/hours", access.May("calendar.manage", "admin: home").Note("the user's own agency's office hours"), s.handleCalendarHours},
		{"POST", "/calendar/agencies/{agency}/hours", agencyCalendar, s.handleAgencyHours},
		{"POST", "/calendar/agencies/{agency}/days", agencyCalendar, s.handleAgencyDaySet},
		{"POST", "/calendar/agencies/{agency}/days/{date}/delete", agencyCalendar, s.handleAgencyDayDelete},

		// One-stop dossiers: the catalogue, the desk's intake, queues, the
		// dossier page with its actions and printed forms, the statistics, and
		// the applicant's public lookup (no login; rate-limited per address).
		{"GET", "/procedures", staffList.Note("the caller's agency's catalogue"), s.handleProcedures},
		{"GET", "/procedures/{code}", access.May("org.view", "staff: agency").Note("the code is looked up in the caller's agency"), s.handleProcedureView},
		{"GET", "/dossiers", access.May("dossier.view", "staff: home").Shows(view), s.handleDossierSearch},
		{"POST", "/dossiers", access.May("dossier.intake", "clerk: subtree; admin: agency").Note("the target is the desk of the procedure's first step"), s.handleDossierCreate},
		{"GET", "/dossiers/new", access.May("dossier.intake", "clerk admin: home"), s.handleDossierNew},
		{"GET", "/dossiers/new/documents", access.May("dossier.intake", "clerk admin: home"), s.handleIntakeDocs},
		{"GET", "/dossiers/queue", access.May("dossier.view", "staff: home"), s.handleDossierQueue},
		{"GET", "/dossiers/handled", access.May("dossier.view", "staff: home").Note("the dossiers the user acted on, as far as they may view them"), s.handleDossierHandled},
		{"GET", "/dossiers/export.xlsx", access.May("dossier.view", "staff: home").Note("rows as /dossiers: the dossiers the user may view"), s.handleDossierListXLSX},
		{"GET", "/dossiers/unit", access.May("managed units", managers), s.handleDossierUnit},
		{"GET", "/dossiers/{code}", view, s.handleDossierView},
		{"POST", "/dossiers/{code}/events", access.May("dossier.handle", "official head deputy_head director deputy_director: subtree").Note("checked with request_supplement at the step of the target unit; each action's rule is dossier.CanAct"), s.handleDossierEvent},
		{"GET", "/dossiers/{code}/forms/{form}", view, s.handleDossierForm},
		{"POST", "/dossiers/{code}/receipt", view.Note("prints form 01 with the lookup secret posted, which must be the dossier's"), s.handleReceiptPrint},
		{"POST", "/dossiers/{code}/lookup-secret", access.May("dossier.intake", "clerk: subtree; admin: agency").Note("the desk of the dossier (dossier.CanReissueSecret)"), s.handleSecretReissue},
		{"POST", "/dossiers/{code}/files", dossierHandle.Note("whoever may act at the dossier's current step (the desk's clerk while it is at the desk)"), s.handleDossierFileUpload},
		{"POST", "/dossiers/{code}/files/{id}/remove", dossierHandle.Note("as attaching; the link ends, the file stays in the dossier's history"), s.handleDossierFileRemove},
		{"GET", "/files/{id}", view.Or("uploader").Note("checked with a file attached to a dossier; a file follows the rule of its record (dossier, task, plan), one attached nowhere is its uploader's only; invisible is 404"), s.handleFileDownload},
		{"GET", "/stats/dossiers/book.pdf", stats, s.handleTrackingBook},
		{"GET", "/stats/dossiers", stats, s.handleStats},
		{"GET", "/stats/dossiers/{figure}", stats, s.handleStatsFigure},
		{"GET", "/bottlenecks", stats, s.handleBottlenecks},
		{"GET", "/bottlenecks/dossiers", stats.Note("the unit in ?unit= is the target's; the dossiers behind a step's figure"), s.handleBottleneckDossiers},
		{"GET", "/dashboard", stats.Note("a head without ?unit= gets their own division; figures from the rollups (store.Dashboard)"), s.handleDashboard},
		{"GET", "/dashboard/tasks/{figure}", stats.Note("the unit in ?unit= is the target's"), s.handleDashboardTasks},
		{"GET", "/tra-cuu", access.Public(), lookup.handleForm},
		{"POST", "/tra-cuu", access.Public(), lookup.handleLookup},
		{"POST", "/tra-cuu/danh-gia", access.Public(), lookup.handleRate},
		{"POST", "/tra-cuu/bo-sung", access.Public().Note("the dossier's code and lookup secret, checked on each request; only in status 5"), lookup.handleSupplement},
		{"GET", "/tra-cuu/ket-qua/{token}", access.Public().Note("a short-lived link signed for one result document, given to whoever looked the dossier up with its secret; only a resolved dossier whose procedure delivers online"), lookup.handleResult},
		{"GET", "/nop-ho-so/{code}", access.Public(), s.handleFilingForm},
		{"POST", "/nop-ho-so/{code}", access.Public().Note("rate-limited per address, a challenge (proof of work or question), a cap on open online dossiers per e-mail or phone"), s.handleFilingSubmit},

		// Plans and tasks (plan*.go, task*.go), the inbox and the monthly figures.
		{"GET", "/plans", access.Login().Shows(viewTask), s.handlePlanList},
		{"GET", "/plans/new", access.May("task.create", managers), s.handlePlanNew},
		{"POST", "/plans", createTask, s.handlePlanCreate},
		{"GET", "/plans/{id}", viewTask, s.handlePlanView},
		{"POST", "/plans/{id}/actuals", createTask, s.handleTargetActual},
		{"POST", "/plans/{id}/files", createTask, s.handlePlanFileUpload},
		{"POST", "/plans/{id}/files/{lid}/remove", createTask, s.handlePlanFileRemove},
		{"GET", "/tasks", access.Login().Shows(viewTask.Or("lead", "assigner", "coordinator")), s.handleTaskList},
		{"GET", "/tasks/calendar", access.Login().Shows(viewTask.Or("lead", "assigner", "coordinator")), s.handleTaskCalendar},
		{"GET", "/tasks/new", access.May("task.create", managers), s.handleTaskNew},
		{"POST", "/tasks", createTask, s.handleTaskCreate},
		{"GET", "/tasks/template.xlsx", access.Login(), s.handleTaskTemplate},
		{"GET", "/tasks/export.xlsx", access.Login(), s.handleTaskExport},
		{"GET", "/tasks/import", access.May("task.create", managers), s.handleTaskImportForm},
		{"POST", "/tasks/import", createTask.Note("a row the caller may not assign is refused with the row's error (400)"), s.handleTaskImportPreview},
		{"POST", "/tasks/import/confirm", createTask.Note("a row the caller may not assign is refused with the row's error (400)"), s.handleTaskImportConfirm},
		{"GET", "/tasks/{id}", viewTask.Or("lead", "assigner", "coordinator"), s.handleTaskView},
		{"POST", "/tasks/{id}/files", access.Parties("task files", "lead", "assigner"), s.handleTaskFileUpload},
		{"POST", "/tasks/{id}/files/{lid}/remove", access.Parties("task files", "lead", "assigner"), s.handleTaskFileRemove},
		{"POST", "/tasks/{id}/events", access.Parties("task.act", "lead").Note("checked with start, which only the lead may take; each action's party is work.Apply"), s.handleTaskEvent},
		{"GET", "/inbox", access.Login().Shows(access.Parties("the recipient only", "recipient")), s.handleInbox},
		{"POST", "/inbox/read-all", access.Login(), s.handleInboxReadAll},
		{"POST", "/inbox/{id}/read", access.Parties("the recipient only", "recipient"), s.handleInboxRead},
		{"GET", "/consultations", access.May("dossier.view", "staff: home").Note("the consultations the user's units owe; the figures by unit where the user reads the statistics (dossier.stats)"), s.handleConsultations},
		{"GET", "/late", stats.Note("the unit in ?unit= is the target's; dossiers and tasks late now, per unit and person"), s.handleLate},
		{"GET", "/inbox/latest", access.Login().Shows(access.Parties("the recipient only", "recipient")), s.handleBell},
		{"GET", "/me/notifications", access.Login().Note("the user's own e-mail settings"), s.handleNotifySettings},
		{"POST", "/me/notifications", access.Login().Note("the user's own e-mail settings"), s.handleNotifySettingsSave},
		{"GET", "/people/{id}/figures", access.May("figures (canSeeFigures)", "director deputy_director inspector: agency; head deputy_head: subtree").Or("self"), s.handleFigures},

		// Civil-servant evaluation (evaluation*.go): one's own, one's units', the agency's, the year, the rules.
		{"GET", "/evaluations", access.May("org.view", "staff: home").Note("the user's own evaluations"), s.handleEvalMine},
		{"POST", "/evaluations", access.Login().Note("the user opens their own evaluation"), s.handleEvalOpen},
		{"GET", "/evaluations/unit", access.May("evaluation.view", "head deputy_head: home").Note("the evaluations of the units the user heads"), s.handleEvalUnit},
		{"GET", "/evaluations/agency", access.May("evaluation.view", "director deputy_director inspector: home").Note("the user's agency's evaluations, with the quota"), s.handleEvalAgency},
		{"GET", "/evaluations/year", access.May("evaluation.view", "director deputy_director inspector head deputy_head: home").Note("the yearly rating of what the user may see"), s.handleEvalYear},
		{"GET", "/evaluations/rules", access.May("org.view", "staff: home").Note("the rule sets of the user's agency"), s.handleEvalRules},
		{"POST", "/evaluations/rules", access.May("evaluation.rules", "admin: home").Note("a version of the user's own agency's rules"), s.handleEvalRulesSave},
		{"POST", "/evaluations/discipline", access.May("evaluation.discipline", "director: agency").Note("a decision on official@own"), s.handleDisciplineCreate},
		{"GET", "/evaluations/{id}", evalView, s.handleEvalView},
		{"GET", "/evaluations/{id}/form.pdf", evalView, s.handleEvalPDF},
		{"POST", "/evaluations/{id}/events", access.May("evaluation.assess", "director deputy_director: agency; head deputy_head: subtree").
			Note("checked with assess of a self-assessed evaluation of an official of the own unit; each action's rule is evaluation.CanAct"), s.handleEvalEvent},

		{"GET", "/audit", access.May("audit.view", "admin inspector director: home"), s.handleAudit},
		{"POST", "/audit/verify", access.May("audit.view", "admin inspector director: home"), s.handleAuditVerify},
	}
	pages = append(pages, s.selectionPages()...)
	pages = append(pages, s.invPages()...)
	pages = append(pages, s.inspectionPages()...)
	pages = append(pages, s.moneyPages()...)
	pages = append(pages, s.reviewPages()...)
	pages = append(pages, s.newsPages()...)
	pages = append(pages, s.portalPages()...)
	return append(pages, s.disbPages()...)
}
