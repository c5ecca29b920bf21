package api

import (
	"net/http"

	"congvu/internal/access"
)

// route is one API operation. The mux and the OpenAPI document are both
// built from the list routeList returns, so that what is documented is what
// is served.
type route struct {
	Method  string // GET, POST, ...
	Pattern string // a net/http path pattern, e.g. /api/v1/units/{id}
	ID      string // the OpenAPI operationId
	Summary string // one line saying what the operation does and who may do it
	Tag     string // the OpenAPI tag grouping operations by resource
	// Access is who may call it (see package access): served without a
	// credential when Public, and the expectation the permission matrix
	// (matrix_test.go) checks for every role from every place.
	Access  access.Rule
	Query   []param
	Request any // a zero request value whose type describes the body; nil for none
	// Response is a zero value whose type describes the success body: a
	// struct, or a slice of structs for a list (a plain JSON array).
	Response any
	Status   int // the success status
	// RawBody is the media type of a body that is not JSON (a workbook),
	// documented as binary with its 413 and 415; empty for none.
	RawBody string
	// RateLimited documents the 429 (with Retry-After) of an endpoint
	// limited per client address.
	RateLimited bool
	// Upload marks a multipart/form-data body with a file in the field
	// "file" (POST /api/v1/files); Download a success body that is the
	// bytes of a file, not JSON.
	Upload, Download bool
	// Multipart describes a multipart/form-data body of several named
	// parts (the public online filing, an article's image with its description), documented with its 413 and 415.
	Multipart []formPart
	Handle    handlerFunc
}

// formPart is one part of a multipart/form-data body.
type formPart struct {
	Name     string
	Type     string // string, boolean, binary (a file), or json (a JSON object sent as text)
	Array    bool   // the part may be repeated
	Required bool
	Doc      string
}

// param is a query parameter.
type param struct {
	Name string
	Type string // integer, string, boolean or date
	Doc  string
}

// pageParams are the parameters of every offset-paged list.
var pageParams = []param{
	{"limit", "integer", "how many items at most (default 50, maximum 500)"},
	{"offset", "integer", "how many items to skip (default 0)"},
}

// routeList is the one list of the API's operations: the foundation's, then
// each module's from its own file.
func (s *Server) routeList() []route {
	rs := s.orgRoutes()
	rs = append(rs, s.calendarRoutes()...)
	rs = append(rs, s.agencyCalendarRoutes()...)
	rs = append(rs, s.dossierRoutes()...)
	rs = append(rs, s.workRoutes()...)
	rs = append(rs, s.catalogueRoutes()...)
	rs = append(rs, s.fileRoutes()...)
	rs = append(rs, s.recordFileRoutes()...)
	rs = append(rs, s.evaluationRoutes()...)
	rs = append(rs, s.reviewRoutes()...)
	rs = append(rs, s.disciplineRoutes()...)
	rs = append(rs, s.emulationRoutes()...)
	rs = append(rs, s.investmentRoutes()...)
	rs = append(rs, s.selectionRoutes()...)
	rs = append(rs, s.moneyRoutes()...)
	rs = append(rs, s.disbursementXLSXRoutes()...)
	rs = append(rs, s.inspectionRoutes()...)
	rs = append(rs, s.newsRoutes()...)
	rs = append(rs, s.publicFilingRoutes()...)
	rs = append(rs, s.newsImageRoutes()...)
	rs = append(rs, s.portalRoutes()...)
	return rs
}

// orgRoutes are the foundation's operations: identity, organisation, journal.
func (s *Server) orgRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/openapi.json", ID: "getOpenAPI", Tag: "meta",
			Access:   access.Public(),
			Summary:  "This document (OpenAPI 3.1), served without a credential.",
			Response: openAPIDocument{}, Status: http.StatusOK, Handle: s.handleOpenAPI},
		{Method: "GET", Pattern: "/api/v1/me", ID: "getMe", Tag: "me",
			Access:   access.Login(),
			Summary:  "Who is asking: the person, the roles held now and the grants (own and delegated).",
			Response: meResponse{}, Status: http.StatusOK, Handle: s.handleMe},

		{Method: "GET", Pattern: "/api/v1/units", ID: "listUnits", Tag: "units",

			Access:  access.May("org.view", "staff: home").Shows(access.May("org.view", "staff: agency")),
			Summary: "Units visible to the caller (ViewOrg), current ones unless include_old or valid_on says otherwise.",
			Query: append([]param{
				{"include_old", "boolean", "include units that have ended"},
				{"valid_on", "date", "only units valid on this date (YYYY-MM-DD)"},
				{"parent_id", "integer", "only the direct children of this unit"},
			}, pageParams...),
			Response: []unitResponse{}, Status: http.StatusOK, Handle: s.handleUnitList},
		{Method: "GET", Pattern: "/api/v1/units/{id}", ID: "getUnit", Tag: "units",
			Access:   access.May("org.view", "staff: agency"),
			Summary:  "One unit with its predecessors and successors (ViewOrg).",
			Response: unitDetailResponse{}, Status: http.StatusOK, Handle: s.handleUnitView},
		{Method: "POST", Pattern: "/api/v1/units", ID: "createUnit", Tag: "units",
			Access:  access.May("org.manage", "admin: agency"),
			Summary: "Create a unit under an existing one (ManageOrg on the parent).",
			Request: unitCreateRequest{}, Response: unitResponse{}, Status: http.StatusCreated, Handle: s.handleUnitCreate},
		{Method: "POST", Pattern: "/api/v1/restructurings", ID: "createRestructuring", Tag: "units",
			Access:  access.May("org.manage", "admin: agency"),
			Summary: "Merge, split or rename units from a date (ManageOrg on every unit concerned).",
			Request: restructuringRequest{}, Response: createdResponse{}, Status: http.StatusCreated, Handle: s.handleRestructuringCreate},

		{Method: "GET", Pattern: "/api/v1/people", ID: "listPeople", Tag: "people",

			Access:  access.May("org.view", "staff: home").Shows(access.May("org.view", "staff: agency")),
			Summary: "People visible to the caller (ViewOrg), by unit and by name without diacritics.",
			Query: append([]param{
				{"unit_id", "integer", "members of this unit now"},
				{"subtree", "boolean", "with unit_id: members of the units below it too"},
				{"q", "string", "search in names, diacritic-insensitive (\"nguyen van\" finds \"Nguyễn Văn\")"},
			}, pageParams...),
			Response: []personResponse{}, Status: http.StatusOK, Handle: s.handlePersonList},
		{Method: "GET", Pattern: "/api/v1/people/{id}", ID: "getPerson", Tag: "people",
			Access:   access.May("org.view", "staff: agency"),
			Summary:  "One person with current memberships (ViewOrg).",
			Response: personResponse{}, Status: http.StatusOK, Handle: s.handlePersonView},
		{Method: "POST", Pattern: "/api/v1/people", ID: "createPerson", Tag: "people",
			Access:  access.May("org.manage", "admin: agency"),
			Summary: "Add a person to an agency (ManageOrg). Place them in a unit with POST /api/v1/people/{id}/memberships.",
			Request: personCreateRequest{}, Response: personResponse{}, Status: http.StatusCreated, Handle: s.handlePersonCreate},
		{Method: "POST", Pattern: "/api/v1/people/{id}/memberships", ID: "createMembership", Tag: "people",
			Access:  access.May("org.manage", "admin: agency"),
			Summary: "Place a person in a unit with a role from a date (ManageOrg on the unit and the person's agency).",
			Request: membershipCreateRequest{}, Response: membershipResponse{}, Status: http.StatusCreated, Handle: s.handleMembershipCreate},
		{Method: "POST", Pattern: "/api/v1/delegations", ID: "createDelegation", Tag: "people",
			Access: access.May("org.delegate", delegateGrants).Or("delegator").
				Note("checked with a delegation of head@own's roles; on someone else's behalf the caller's own grant must rank above the delegator (admin, or director over a head)"),
			Summary: "Let one person act for another for a period of at most --delegation-max-days (default 90). A person delegates their own roles; " +
				"on someone else's behalf only the agency's administrator or a superior (DelegateRole on each of the delegator's units, ranking above them) may, " +
				"never with powers held through a delegation.",
			Request: delegationCreateRequest{}, Response: delegationResponse{}, Status: http.StatusCreated, Handle: s.handleDelegationCreate},
		{Method: "GET", Pattern: "/api/v1/delegations", ID: "listDelegations", Tag: "people",
			Access:   access.May("org.view", "staff: home").Shows(access.May("org.view", "staff: agency")),
			Summary:  "The delegations of the caller's agency (delegator in it), newest first, revoked and ended ones included (ViewOrg).",
			Query:    []param{{"limit", "integer", "how many at most (default 100, maximum 500)"}},
			Response: []delegationResponse{}, Status: http.StatusOK, Handle: s.handleDelegationList},
		{Method: "POST", Pattern: "/api/v1/delegations/{id}/revoke", ID: "revokeDelegation", Tag: "people",
			Access: access.May("org.delegate", delegateGrants).Or("delegator", "delegate").Note("another agency's delegation is 404"),
			Summary: "Revoke a delegation now (thu hồi): POST with no body, journalled; the delegate loses the delegator's roles at once. " +
				"The delegator, the delegate, the agency's administrator or a superior of the delegator may; 409 when already revoked or ended.",
			Response: delegationResponse{}, Status: http.StatusOK, Handle: s.handleDelegationRevoke},

		{Method: "GET", Pattern: "/api/v1/audit", ID: "listAuditEvents", Tag: "audit",
			Access:  access.May("audit.view", "admin inspector director: home"),
			Summary: "The audit journal, newest first (ViewAudit); page backwards with before=<seq of the last event seen>.",
			Query: []param{
				{"object_type", "string", "only events about this kind of object (unit, person, account, ...)"},
				{"object_id", "string", "only events about this object"},
				{"limit", "integer", "how many events at most (default 50, maximum 500)"},
				{"before", "integer", "only events older than this sequence number"},
			},
			Response: []auditEventResponse{}, Status: http.StatusOK, Handle: s.handleAuditList},
	}
}

// Grants shared by several routes' Access, as the modules' permissions
// files state them (dossier.RegisterPolicy, work.RegisterPolicy).
const (
	dossierViewGrants = "director deputy_director inspector clerk admin: agency; head deputy_head official: subtree"
	statsGrants       = "director deputy_director inspector: agency; head deputy_head: subtree"
	taskCreateGrants  = "director deputy_director: agency; head deputy_head: subtree"
	taskViewGrants    = "director deputy_director inspector: agency; head deputy_head official clerk: subtree"
	// delegateGrants may delegate, or revoke, on someone else's behalf
	// (auth.Policy.AuthorizeDelegation): an own grant of DelegateRole on the
	// delegator's units that is the administrator's or ranks above the
	// delegator, a head of the fixture's own unit.
	delegateGrants = "admin director: agency"
	// calendarNational marks the routes of the national calendar (issue #11
	// finding 3): the system operator's, held in a top unit of the tree.
	calendarNational = "Finding 3: the national table is the system operator's (auth.ScopeNational: an operator held in a top unit)."
)
