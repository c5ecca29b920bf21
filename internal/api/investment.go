package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/investment"
)

// Public investment (Luật Đầu tư công 58/2024/QH15; issue 13 item 1): the
// investors of the caller's register and its projects. A project is named
// by its code in the path; the group is computed by the server from the
// sector band and the total investment under the thresholds of the law
// version in force (never sent). A project the caller may not see is a
// 404, as one that does not exist. Amounts are whole đồng.

// Grants of the investment routes, as investment.RegisterPolicy states them.
// An investor's staff (role investor, held in their investor's own unit)
// see and report on their own investor's projects only; that role held
// anywhere else gives nothing, which is what the matrix checks of it.
const (
	investmentViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	investmentManageGrants = "director deputy_director: agency; head deputy_head official: subtree"
	investorStaffNote      = "an investor's staff (role investor in their investor's unit) see only their own investor's projects"
)

func (s *Server) investmentRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/investors", ID: "listInvestors", Tag: "investment",
			Access:   access.Login().Shows(access.May("investment.view", investmentViewGrants)).Note(investorStaffNote),
			Summary:  "The investors (chủ đầu tư) of the caller's register, by name; an investor's staff see their own investor only.",
			Response: []investorResponse{}, Status: http.StatusOK, Handle: s.handleInvestorList},
		{Method: "POST", Pattern: "/api/v1/investors", ID: "createInvestor", Tag: "investment",
			Access: access.May("investment.manage", "director deputy_director head deputy_head official: home"),
			Summary: "Add an investor to the caller's register (investment.manage anywhere in the agency); its unit (kind investor, an agency of its own) is created beside the department, " +
				"for its staff's accounts: add them with POST /api/v1/people (agency_id: the investor's unit_id) and a membership of role investor in that unit.",
			Request: investorCreateRequest{}, Response: investorResponse{}, Status: http.StatusCreated, Handle: s.handleInvestorCreate},
		{Method: "GET", Pattern: "/api/v1/projects", ID: "listProjects", Tag: "investment",
			Access: access.Login().Shows(access.May("investment.view", investmentViewGrants)).Note(investorStaffNote),
			Summary: "The project register in code order, with its filters; pages go by cursor: pass the X-Next-Cursor header of a page as after for the next (absent on the last page). " +
				"X-Total-Count is the whole list's size.",
			Query: append(projectListParams, param{"limit", "integer", "page size, 1 to 500 (default 50)"},
				param{"after", "string", "the X-Next-Cursor of the page before; absent for the first page"}),
			Response: []projectResponse{}, Status: http.StatusOK, Handle: s.handleProjectList},
		{Method: "POST", Pattern: "/api/v1/projects", ID: "createProject", Tag: "investment",
			Access: access.May("investment.manage", investmentManageGrants).Note("the target is the managing unit (managing_unit_id, the caller's own unit when omitted)"),
			Summary: "Add a project to the caller's register; the group (national, A, B, C) is computed from sector_band and total_investment by the thresholds in force " +
				"(Luật 58/2024 Art 8–11, kept per law version). A code already used is a 409.",
			Request: projectCreateRequest{}, Response: projectResponse{}, Status: http.StatusCreated, Handle: s.handleProjectCreate},
		{Method: "GET", Pattern: "/api/v1/projects/{code}", ID: "getProject", Tag: "investment",
			Access:   access.May("investment.view", investmentViewGrants).Note(investorStaffNote),
			Summary:  "One project with its capital by source, its group and the law version that computed it, and its history (every adjustment with its decision).",
			Response: projectDetailResponse{}, Status: http.StatusOK, Handle: s.handleProjectView},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/events", ID: "createProjectEvent", Tag: "investment",
			Access: access.May("investment.manage", investmentManageGrants).Note("the target is the project's managing unit"),
			Summary: "Change a project: action adjust (a new total_investment by source, with its decision: the group is recomputed and a change of group is recorded as such), " +
				"phase (a new phase, with a decision or a reason) or decision (record a decision about it).",
			Request: projectEventRequest{}, Response: projectEventResponse{}, Status: http.StatusCreated, Handle: s.handleProjectEvent},
	}
}

var projectListParams = []param{
	{"q", "string", "every word, in any order, diacritic-insensitive, in the code and the name"},
	{"group", "string", "national, A, B or C"},
	{"sector_band", "string", "k2, k3, k4 or k5 (Luật 58/2024 Art 9)"},
	{"investor", "integer", "only this investor's projects (its id)"},
	{"commune", "string", "only projects in this commune, as written in the register"},
	{"phase", "string", "preparation, implementation, completed or settled"},
}

// investorCreateRequest is the body of POST /api/v1/investors.
type investorCreateRequest struct {
	Name string `json:"name" api:"required,min=2,max=200"`
	Kind string `json:"kind" api:"enum=board|commune|department|other" doc:"board (Ban QLDA), commune, department or other; other when omitted"`
}

// Validate checks the request's shape.
func (q *investorCreateRequest) Validate() error {
	if q.Kind != "" && !investment.InvestorKind(q.Kind).Valid() {
		return apperr.Invalidf("kind", "loại chủ đầu tư không hợp lệ: %q (board, commune, department, other)",
			"unknown investor kind: %q (board, commune, department, other)", q.Kind)
	}
	_, err := apperr.Text("name", q.Name, 2, 200)
	return err
}

type investorResponse struct {
	ID        int64  `json:"id"`
	AgencyID  int64  `json:"agency_id" doc:"the department whose register it is in"`
	UnitID    int64  `json:"unit_id" doc:"the investor's own unit, where its staff hold the role investor"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
}

func toInvestorResponse(i investment.Investor, lang string) investorResponse {
	return investorResponse{ID: i.ID, AgencyID: i.AgencyID, UnitID: i.UnitID, Name: i.Name, Kind: string(i.Kind), KindLabel: i.Kind.Label(lang)}
}

// decisionWire is a decision document.
type decisionWire struct {
	Number string `json:"number" doc:"số, ký hiệu, e.g. 345/QĐ-UBND"`
	Date   string `json:"date" api:"format=date"`
	Signer string `json:"signer" doc:"người ký"`
	FileID int64  `json:"file_id,omitempty" doc:"the signed decision, uploaded with POST /api/v1/files"`
}

func (d decisionWire) toDecision() (investment.Decision, error) {
	out := investment.Decision{Number: d.Number, Signer: d.Signer, FileID: d.FileID}
	if strings.TrimSpace(d.Date) != "" {
		day, err := requireDate("decision.date", d.Date)
		if err != nil {
			return out, err
		}
		out.Date = day
	}
	return out, nil
}

// capitalWire is a total investment by source in đồng: {"central":0,"provincial":85000000000,...}.
type capitalWire map[string]json.RawMessage

// toCapital reads the amounts, each a whole non-negative number of đồng
// of a known source, naming the field (total_investment.provincial).
func (c capitalWire) toCapital(field string) (map[investment.Source]int64, error) {
	out := make(map[investment.Source]int64, len(c))
	for k, raw := range c {
		f := field + "." + k
		src, err := investment.ParseSource(f, k)
		if err != nil {
			return nil, err
		}
		v, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
		if err != nil {
			return nil, apperr.Invalidf(f, "%s phải là số nguyên đồng, không phải %s", "%s must be a whole number of đồng, not %s", f, string(raw))
		}
		out[src] = v
	}
	return out, investment.CheckCapital(field, out)
}

// projectCreateRequest is the body of POST /api/v1/projects.
type projectCreateRequest struct {
	Code            string       `json:"code" api:"required,max=40" doc:"the register's code: letters, digits and . _ / -"`
	Name            string       `json:"name" api:"required,min=3,max=500"`
	InvestorID      int64        `json:"investor_id" api:"required" doc:"an investor of the caller's register"`
	SectorBand      string       `json:"sector_band" api:"required,enum=k2|k3|k4|k5" doc:"Luật 58/2024 Art 9, khoản 2 to 5"`
	TotalInvestment capitalWire  `json:"total_investment" api:"required" doc:"whole đồng by source: central, provincial, commune, oda, other; none negative, more than 0 in all"`
	StartYear       int          `json:"start_year" api:"required"`
	EndYear         int          `json:"end_year" api:"required" doc:"not before start_year"`
	Commune         string       `json:"commune" api:"max=120" doc:"the commune or ward of the new Bắc Ninh where it is built"`
	Phase           string       `json:"phase" api:"enum=preparation|implementation|completed|settled" doc:"preparation when omitted"`
	Special         bool         `json:"special" doc:"group A regardless of size (industrial-zone, export-processing-zone or hi-tech-park infrastructure; Art 9.1)"`
	ManagingUnitID  int64        `json:"managing_unit_id" doc:"the unit of the department that follows it; the caller's own unit when omitted"`
	Decision        decisionWire `json:"decision" doc:"the decision the project is registered by (optional)"`
	Reason          string       `json:"reason" api:"max=2000"`

	capital  map[investment.Source]int64
	decision investment.Decision
}

// Validate checks the request's shape and the amounts.
func (q *projectCreateRequest) Validate() error {
	var err error
	if q.TotalInvestment == nil {
		return apperr.Invalidf("total_investment", "thiếu total_investment (tổng mức đầu tư theo nguồn vốn)", "total_investment is required (the total investment by source)")
	}
	if q.capital, err = q.TotalInvestment.toCapital("total_investment"); err != nil {
		return err
	}
	if _, err := investment.ParseBand("sector_band", q.SectorBand); err != nil {
		return err
	}
	if q.Phase != "" {
		if _, err := investment.ParsePhase("phase", q.Phase); err != nil {
			return err
		}
	}
	q.decision, err = q.Decision.toDecision()
	return err
}

type projectResponse struct {
	ID               int64            `json:"id"`
	Code             string           `json:"code"`
	Name             string           `json:"name"`
	InvestorID       int64            `json:"investor_id"`
	InvestorName     string           `json:"investor_name"`
	ManagingUnitID   int64            `json:"managing_unit_id"`
	SectorBand       string           `json:"sector_band"`
	SectorBandLabel  string           `json:"sector_band_label"`
	Commune          string           `json:"commune"`
	StartYear        int              `json:"start_year"`
	EndYear          int              `json:"end_year"`
	Phase            string           `json:"phase"`
	PhaseLabel       string           `json:"phase_label"`
	Group            string           `json:"group" doc:"national, A, B or C: computed, never sent"`
	GroupLabel       string           `json:"group_label"`
	GroupLaw         string           `json:"group_law" doc:"the law version whose thresholds computed the group"`
	GroupLawVerified bool             `json:"group_law_verified" doc:"false when that version's thresholds have not been checked against the legal text"`
	TotalInvestment  map[string]int64 `json:"total_investment" doc:"whole đồng by source, every source listed"`
	Total            int64            `json:"total" doc:"the sum of total_investment"`
	Special          bool             `json:"special"`
	CreatedAt        string           `json:"created_at" api:"format=date-time"`
	UpdatedAt        string           `json:"updated_at" api:"format=date-time"`
}

type projectEventResponse struct {
	ID             int64            `json:"id"`
	Action         string           `json:"action" doc:"created, adjusted, phase or decision"`
	ActionLabel    string           `json:"action_label"`
	At             string           `json:"at" api:"format=date-time"`
	ActorName      string           `json:"actor_name"`
	Reason         string           `json:"reason"`
	Decision       *decisionWire    `json:"decision,omitempty"`
	GroupBefore    string           `json:"group_before" doc:"empty for the creation"`
	GroupAfter     string           `json:"group_after"`
	GroupChanged   bool             `json:"group_changed"`
	GroupLaw       string           `json:"group_law"`
	TotalBefore    int64            `json:"total_before"`
	TotalAfter     int64            `json:"total_after"`
	PhaseBefore    string           `json:"phase_before"`
	PhaseAfter     string           `json:"phase_after"`
	CapitalBefore  map[string]int64 `json:"capital_before"`
	CapitalAfter   map[string]int64 `json:"capital_after"`
	Project        *projectResponse `json:"project,omitempty" doc:"the project after the change (in the answer to createProjectEvent)"`
}

type projectDetailResponse struct {
	projectResponse
	Events []projectEventResponse `json:"events"`
}

func capitalOut(c map[investment.Source]int64) map[string]int64 {
	out := make(map[string]int64, len(investment.Sources))
	for _, s := range investment.Sources {
		out[string(s)] = c[s]
	}
	return out
}

func toProjectResponse(p investment.Project, inv investment.Investor, verified map[string]bool, lang string) projectResponse {
	return projectResponse{ID: p.ID, Code: p.Code, Name: p.Name, InvestorID: p.InvestorID, InvestorName: inv.Name, ManagingUnitID: p.ManagingUnitID,
		SectorBand: string(p.Band), SectorBandLabel: p.Band.Label(lang), Commune: p.Commune, StartYear: p.StartYear, EndYear: p.EndYear,
		Phase: string(p.Phase), PhaseLabel: p.Phase.Label(lang), Group: string(p.Group), GroupLabel: p.Group.Label(lang),
		GroupLaw: p.GroupLaw, GroupLawVerified: verified[p.GroupLaw], TotalInvestment: capitalOut(p.Capital), Total: p.Total, Special: p.Special,
		CreatedAt: instant(p.CreatedAt), UpdatedAt: instant(p.UpdatedAt)}
}

func toProjectEventResponse(e investment.Event, lang string) projectEventResponse {
	out := projectEventResponse{ID: e.ID, Action: string(e.Action), ActionLabel: e.Action.Label(lang), At: instant(e.At), ActorName: e.ActorName,
		Reason: e.Reason, GroupBefore: string(e.GroupBefore), GroupAfter: string(e.GroupAfter), GroupChanged: e.GroupChanged(), GroupLaw: e.LawAfter,
		TotalBefore: e.TotalBefore, TotalAfter: e.TotalAfter, PhaseBefore: string(e.PhaseBefore), PhaseAfter: string(e.PhaseAfter),
		CapitalBefore: capitalOut(e.CapitalBefore), CapitalAfter: capitalOut(e.CapitalAfter)}
	if !e.Decision.Empty() {
		out.Decision = &decisionWire{Number: e.Decision.Number, Date: e.Decision.Date, Signer: e.Decision.Signer, FileID: e.Decision.FileID}
	}
	return out
}

// lawsVerified says which law versions' thresholds are verified.
func (s *Server) lawsVerified(r *http.Request) (map[string]bool, error) {
	sets, err := s.deps.Store.GroupRules(r.Context())
	out := map[string]bool{}
	for _, rs := range sets {
		out[rs.Law] = rs.Verified
	}
	return out, err
}

func (s *Server) handleInvestorList(w http.ResponseWriter, r *http.Request) error {
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	v, invs, err := httpx.Register(r.Context(), s.deps.Store, s.deps.Policy, subjectOf(r), t)
	if err != nil {
		return err
	}
	out := []investorResponse{}
	lang := httpx.Lang(r)
	for _, inv := range invs {
		if v.All || containsID(v.Investors, inv.ID) {
			out = append(out, toInvestorResponse(inv, lang))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func (s *Server) handleInvestorCreate(w http.ResponseWriter, r *http.Request) error {
	var q investorCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := investment.CanManageInvestors(s.deps.Policy, subj, t, subj.AgencyID); err != nil {
		return err
	}
	inv, err := s.deps.Store.CreateInvestor(r.Context(), actorOf(subj), investment.NewInvestor{AgencyID: subj.AgencyID, Name: q.Name, Kind: investment.InvestorKind(q.Kind)})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/investors/"+strconv.FormatInt(inv.ID, 10))
	return writeJSON(w, http.StatusCreated, toInvestorResponse(inv, httpx.Lang(r)))
}

// projectFilter reads the register's filters (shared with the web's
// register through investment.ProjectFilter).
func projectFilter(r *http.Request) (investment.ProjectFilter, error) {
	var f investment.ProjectFilter
	q := r.URL.Query()
	var err error
	if f.Query, err = queryText(r, "q", 200); err != nil {
		return f, err
	}
	if g := strings.TrimSpace(q.Get("group")); g != "" {
		if f.Group, err = investment.ParseGroup("group", g); err != nil {
			return f, err
		}
	}
	if b := strings.TrimSpace(q.Get("sector_band")); b != "" {
		if f.Band, err = investment.ParseBand("sector_band", b); err != nil {
			return f, err
		}
	}
	if p := strings.TrimSpace(q.Get("phase")); p != "" {
		if f.Phase, err = investment.ParsePhase("phase", p); err != nil {
			return f, err
		}
	}
	if f.InvestorID, err = queryID(r, "investor"); err != nil {
		return f, err
	}
	if f.Commune, err = queryText(r, "commune", 120); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) handleProjectList(w http.ResponseWriter, r *http.Request) error {
	f, err := projectFilter(r)
	if err != nil {
		return err
	}
	if f.Limit, err = queryInt(r, "limit", defaultLimit, 1, maxLimit); err != nil {
		return err
	}
	f.After = strings.TrimSpace(r.URL.Query().Get("after"))
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	v, invs, err := httpx.Register(r.Context(), s.deps.Store, s.deps.Policy, subjectOf(r), t)
	if err != nil {
		return err
	}
	out := []projectResponse{}
	if v.None() {
		w.Header().Set("X-Total-Count", "0")
		return writeJSON(w, http.StatusOK, out)
	}
	f = v.Filter(f)
	ps, next, err := s.deps.Store.FindProjects(r.Context(), f)
	if err != nil {
		return err
	}
	total, err := s.deps.Store.CountProjects(r.Context(), f)
	if err != nil {
		return err
	}
	verified, err := s.lawsVerified(r)
	if err != nil {
		return err
	}
	byID := map[int64]investment.Investor{}
	for _, inv := range invs {
		byID[inv.ID] = inv
	}
	lang := httpx.Lang(r)
	for _, p := range ps {
		out = append(out, toProjectResponse(p, byID[p.InvestorID], verified, lang))
	}
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	if next != "" {
		w.Header().Set("X-Next-Cursor", next)
		q := r.URL.Query()
		q.Set("after", next)
		w.Header().Set("Link", "<"+r.URL.Path+"?"+q.Encode()+`>; rel="next"`)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleProjectCreate(w http.ResponseWriter, r *http.Request) error {
	var q projectCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	agency, err := httpx.RegisterAgency(r.Context(), s.deps.Store, subj)
	if err != nil {
		return err
	}
	inv, err := s.deps.Store.FindInvestorByID(r.Context(), q.InvestorID)
	if apperr.Is(err, apperr.NotFound) || (err == nil && inv.AgencyID != agency) {
		return apperr.Invalidf("investor_id", "không có chủ đầu tư số %d trong danh mục", "no investor %d in the register", q.InvestorID)
	}
	if err != nil {
		return err
	}
	managing := q.ManagingUnitID
	if managing == 0 {
		managing = homeUnitIn(subj, t, agency)
	}
	if _, ok := t.Unit(managing); !ok || !t.SameAgency(managing, agency) {
		return apperr.Invalidf("managing_unit_id", "đơn vị theo dõi số %d không thuộc cơ quan", "managing unit %d is not a unit of the agency", managing)
	}
	n := investment.NewProject{AgencyID: agency, Code: q.Code, Name: q.Name, InvestorID: inv.ID, ManagingUnitID: managing,
		Band: investment.Band(q.SectorBand), Commune: q.Commune, StartYear: q.StartYear, EndYear: q.EndYear, Phase: investment.Phase(q.Phase),
		Capital: q.capital, Special: q.Special, Decision: q.decision, Reason: q.Reason}
	if err := n.Validate(); err != nil {
		return err
	}
	if err := investment.CanManageProject(s.deps.Policy, subj, t, investment.Project{AgencyID: agency, ManagingUnitID: managing, InvestorID: inv.ID}, inv); err != nil {
		return err
	}
	p, err := s.deps.Store.CreateProject(r.Context(), actorOf(subj), n)
	if err != nil {
		return err
	}
	verified, err := s.lawsVerified(r)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/projects/"+url.PathEscape(p.Code))
	return writeJSON(w, http.StatusCreated, toProjectResponse(p, inv, verified, httpx.Lang(r)))
}

// homeUnitIn is the caller's own unit in the agency (their first own
// grant there), or the agency itself.
func homeUnitIn(subj *auth.Subject, t interface{ AgencyOf(int64) int64 }, agency int64) int64 {
	for _, g := range subj.Grants {
		if g.ViaPersonID == 0 && t.AgencyOf(g.UnitID) == agency {
			return g.UnitID
		}
	}
	return agency
}

func (s *Server) handleProjectView(w http.ResponseWriter, r *http.Request) error {
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	p, inv, err := httpx.VisibleProject(r.Context(), s.deps.Store, s.deps.Policy, subjectOf(r), t, r.PathValue("code"))
	if err != nil {
		return err
	}
	evs, err := s.deps.Store.FindProjectEvents(r.Context(), p.ID)
	if err != nil {
		return err
	}
	verified, err := s.lawsVerified(r)
	if err != nil {
		return err
	}
	lang := httpx.Lang(r)
	out := projectDetailResponse{projectResponse: toProjectResponse(p, inv, verified, lang), Events: []projectEventResponse{}}
	for _, e := range evs {
		out.Events = append(out.Events, toProjectEventResponse(e, lang))
	}
	return writeJSON(w, http.StatusOK, out)
}

// projectEventRequest is the body of POST /api/v1/projects/{code}/events.
type projectEventRequest struct {
	Action          string       `json:"action" api:"required,enum=adjust|phase|decision"`
	TotalInvestment capitalWire  `json:"total_investment" doc:"adjust: the new total investment by source, whole đồng (sources left out become 0)"`
	Phase           string       `json:"phase" api:"enum=preparation|implementation|completed|settled" doc:"phase: the new phase (adjust may change it too)"`
	Decision        decisionWire `json:"decision" doc:"required for adjust and decision; for phase, a decision or a reason"`
	Reason          string       `json:"reason" api:"max=2000"`

	adj investment.Adjustment
}

// Validate checks the request's shape.
func (q *projectEventRequest) Validate() error {
	if err := oneOf("action", q.Action, "adjust", "phase", "decision"); err != nil {
		return err
	}
	var err error
	if q.adj.Decision, err = q.Decision.toDecision(); err != nil {
		return err
	}
	q.adj.Reason = q.Reason
	if q.Phase != "" {
		if q.adj.Phase, err = investment.ParsePhase("phase", q.Phase); err != nil {
			return err
		}
	}
	switch q.Action {
	case "adjust":
		if q.TotalInvestment == nil {
			return apperr.Invalidf("total_investment", "điều chỉnh cần tổng mức đầu tư mới theo nguồn vốn", "an adjustment needs the new total investment by source")
		}
		if q.adj.Capital, err = q.TotalInvestment.toCapital("total_investment"); err != nil {
			return err
		}
	case "phase":
		if q.TotalInvestment != nil {
			return apperr.Invalidf("total_investment", "chuyển giai đoạn không thay đổi tổng mức đầu tư: dùng action adjust", "a phase change does not change the total investment: use action adjust")
		}
		if q.Phase == "" {
			return apperr.Invalidf("phase", "thiếu giai đoạn mới", "the new phase is required")
		}
	case "decision":
		if q.TotalInvestment != nil || q.Phase != "" {
			return apperr.Invalidf("action", "ghi nhận quyết định không thay đổi số liệu: dùng action adjust hoặc phase", "recording a decision changes no figure: use action adjust or phase")
		}
		if q.adj.Decision.Empty() {
			return apperr.Invalidf("decision.number", "thiếu số quyết định", "the decision number is required")
		}
	}
	return nil
}

func (s *Server) handleProjectEvent(w http.ResponseWriter, r *http.Request) error {
	var q projectEventRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	p, inv, err := httpx.VisibleProject(r.Context(), s.deps.Store, s.deps.Policy, subj, t, r.PathValue("code"))
	if err != nil {
		return err
	}
	if err := investment.CanManageProject(s.deps.Policy, subj, t, p, inv); err != nil {
		return err
	}
	p, ev, err := s.deps.Store.AdjustProject(r.Context(), actorOf(subj), p.ID, q.adj)
	if err != nil {
		return err
	}
	verified, err := s.lawsVerified(r)
	if err != nil {
		return err
	}
	lang := httpx.Lang(r)
	out := toProjectEventResponse(ev, lang)
	pr := toProjectResponse(p, inv, verified, lang)
	out.Project = &pr
	return writeJSON(w, http.StatusCreated, out)
}
