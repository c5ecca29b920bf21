package api

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// The procedure catalogue (danh mục thủ tục hành chính) of the caller's
// agency: each procedure is versioned data with an effective date, and a
// dossier keeps the version in force on the day it was received (NĐ
// 118/2025/NĐ-CP replacing NĐ 61/2018; DOMAIN.md §0).

func (s *Server) procedureRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/procedures", ID: "listProcedures", Tag: "procedures",
			Access:  access.May("org.view", "staff: home").Shows(access.May("org.view", "staff: agency")).Note("the caller's agency's catalogue"),
			Summary: "The caller's agency's catalogue: for each procedure the version in force on a day (any staff). The whole catalogue unless limit or offset is given.",
			Query: append([]param{
				{"q", "string", "search in code, name and field, diacritic-insensitive (\"dau tu\" finds \"đầu tư\")"},
				{"on", "date", "the versions in force on this date (YYYY-MM-DD); today when absent"},
			}, pageParams...),
			Response: []procedureResponse{}, Status: http.StatusOK, Handle: s.handleProcedureList},
		{Method: "GET", Pattern: "/api/v1/procedures/{code}", ID: "getProcedureVersions", Tag: "procedures",
			Access:   access.May("org.view", "staff: agency").Note("the code is looked up in the caller's agency"),
			Summary:  "Every version of one procedure of the caller's agency, oldest first (any staff). {code} is the national code, e.g. 1.009645.",
			Response: []procedureResponse{}, Status: http.StatusOK, Handle: s.handleProcedureVersions},
		{Method: "POST", Pattern: "/api/v1/procedures", ID: "createProcedureVersion", Tag: "procedures",
			Access:  access.May("org.manage", "admin: home"),
			Summary: "Add a procedure, or a new version of one, to the caller's agency's catalogue (ManageOrg on the agency: admins). The version number is assigned; for working days the step budgets must add up to the time limit.",
			Request: procedureRequest{}, Response: procedureResponse{}, Status: http.StatusCreated, Handle: s.handleProcedureCreate},
	}
}

// timeLimitWire is a processing time (thời hạn giải quyết).
type timeLimitWire struct {
	Value float64 `json:"value" doc:"number of days; fractions such as 0.5 allowed for working days"`
	Unit  string  `json:"unit" api:"enum=working_days|calendar_days"`
}

// documentWire is one paper of a procedure or of a dossier (thành phần hồ sơ).
type documentWire struct {
	Name     string `json:"name" api:"required,max=500"`
	Copy     string `json:"copy" api:"enum=original|certified_copy|photocopy|electronic" doc:"original when omitted"`
	Quantity int    `json:"quantity" doc:"copies in one set; 1 when omitted"`
}

// stepWire is one step of the processing chain with its budget.
type stepWire struct {
	Name   string  `json:"name" api:"required,max=300"`
	UnitID int64   `json:"unit_id" doc:"the unit handling the step; 0 for any unit of the agency, chosen on forward"`
	Role   string  `json:"role" doc:"who handles it in the unit (clerk for the desk); empty for the unit's officials and heads"`
	Budget float64 `json:"budget" doc:"working days, e.g. 0.5"`
}

// procedureResponse is one version of a procedure.
type procedureResponse struct {
	Code          string         `json:"code" doc:"national code, e.g. 1.009645"`
	Name          string         `json:"name"`
	Field         string         `json:"field" doc:"lĩnh vực"`
	Level         int            `json:"level" doc:"online service level: 1 information only, 2 partial, 3 full"`
	LevelLabel    string         `json:"level_label"`
	TimeLimit     timeLimitWire  `json:"time_limit"`
	After15h      bool           `json:"after_15h" doc:"received after 15:00 counts from the next working day"`
	Fee           int64          `json:"fee" doc:"phí, lệ phí in đồng"`
	Documents     []documentWire `json:"documents"`
	Steps         []stepWire     `json:"steps"`
	Version       int            `json:"version"`
	EffectiveFrom string         `json:"effective_from" api:"format=date"`
	AgencyID      int64          `json:"agency_id"`
	OnlineResult  bool           `json:"online_result" doc:"the applicant may download the result from the public lookup once the dossier is resolved (trả kết quả trực tuyến)"`
	LegalBasis    string         `json:"legal_basis" doc:"căn cứ pháp lý, one instrument a line"`
}

// procedureRequest is the body of POST /api/v1/procedures.
type procedureRequest struct {
	Code          string         `json:"code" api:"required" doc:"national code, e.g. 1.009645"`
	Name          string         `json:"name" api:"required,min=3,max=500"`
	Field         string         `json:"field" api:"max=200"`
	Level         int            `json:"level" api:"required" doc:"1 information only, 2 partial, 3 full"`
	TimeLimit     timeLimitWire  `json:"time_limit" api:"required"`
	After15h      bool           `json:"after_15h"`
	Fee           int64          `json:"fee"`
	Documents     []documentWire `json:"documents"`
	Steps         []stepWire     `json:"steps" api:"required"`
	EffectiveFrom string         `json:"effective_from" api:"required,format=date"`
	OnlineResult  bool           `json:"online_result" doc:"deliver the result online: the applicant may download the result documents from the public lookup once the dossier is resolved; false keeps the result at the desk"`
	LegalBasis    string         `json:"legal_basis" api:"max=4000" doc:"căn cứ pháp lý, one instrument a line, as the public catalogue shows it"`

	proc dossier.Procedure // the converted, validated procedure
}

// Validate converts the request and lets the domain check it, naming the
// wire's fields.
func (q *procedureRequest) Validate() error {
	p := dossier.Procedure{Code: q.Code, Name: q.Name, Field: q.Field, Level: dossier.Level(q.Level),
		Fee: q.Fee, Version: 1, OnlineResult: q.OnlineResult, LegalBasis: q.LegalBasis}
	p.Limit.Value, p.Limit.After15h = q.TimeLimit.Value, q.After15h
	switch q.TimeLimit.Unit {
	case "working_days", "":
		p.Limit.Unit = calendar.WorkingDays
	case "calendar_days":
		p.Limit.Unit = calendar.CalendarDays
	default:
		return oneOf("time_limit.unit", q.TimeLimit.Unit, "working_days", "calendar_days")
	}
	eff, err := requireDate("effective_from", q.EffectiveFrom)
	if err != nil {
		return err
	}
	if p.EffectiveFrom, err = calendar.ParseDate(eff); err != nil {
		return calendarInvalid(err)
	}
	if p.Documents, err = toDocuments(q.Documents); err != nil {
		return err
	}
	for i, st := range q.Steps {
		if st.Role != "" {
			if _, err := org.ParseRole("steps["+strconv.Itoa(i)+"].role", st.Role); err != nil {
				return err
			}
		}
		p.Steps = append(p.Steps, dossier.Step{Name: st.Name, UnitID: st.UnitID, Role: org.Role(st.Role), Budget: st.Budget})
	}
	if err := p.Validate(); err != nil {
		return renameField(err, "limit", "time_limit")
	}
	q.proc = p
	return nil
}

// toDocuments converts papers from the wire: copy defaults to original and
// quantity to 1; errors name "documents[i].field".
func toDocuments(ds []documentWire) ([]dossier.Document, error) {
	out := make([]dossier.Document, 0, len(ds))
	for i, d := range ds {
		f := "documents[" + strconv.Itoa(i) + "]"
		name, err := apperr.Text(f+".name", d.Name, 1, 500)
		if err != nil {
			return nil, err
		}
		if name == "" {
			return nil, apperr.Invalidf(f+".name", "thiếu tên giấy tờ", "the name of the paper is required")
		}
		doc := dossier.Document{Name: name, Copy: dossier.CopyKind(d.Copy), Quantity: d.Quantity}
		if doc.Copy == "" {
			doc.Copy = dossier.Original
		}
		if !doc.Copy.Valid() {
			return nil, oneOf(f+".copy", d.Copy, "original", "certified_copy", "photocopy", "electronic")
		}
		if doc.Quantity == 0 {
			doc.Quantity = 1
		}
		if doc.Quantity < 0 || doc.Quantity > 1000 {
			return nil, apperr.Invalidf(f+".quantity", "số lượng phải từ 1 đến 1000", "the quantity must be from 1 to 1000")
		}
		out = append(out, doc)
	}
	return out, nil
}

// renameField renames the field of an *apperr.Error from the domain's name
// to the wire's (also as a prefix: "limit.value").
func renameField(err error, from, to string) error {
	e := apperr.As(err)
	if e == nil || (e.Field != from && !strings.HasPrefix(e.Field, from+".") && !strings.HasPrefix(e.Field, from+"[")) {
		return err
	}
	c := *e
	c.Field = to + strings.TrimPrefix(e.Field, from)
	return &c
}

// toProcedureResponse converts a domain procedure to the wire.
func toProcedureResponse(p dossier.Procedure, lang string) procedureResponse {
	out := procedureResponse{Code: p.Code, Name: p.Name, Field: p.Field, Level: int(p.Level), LevelLabel: p.Level.Label(lang),
		TimeLimit: timeLimitWire{Value: p.Limit.Value, Unit: p.Limit.Unit.String()}, After15h: p.Limit.After15h, Fee: p.Fee,
		Documents: toDocumentWires(p.Documents), Steps: make([]stepWire, 0, len(p.Steps)), Version: p.Version,
		EffectiveFrom: p.EffectiveFrom.String(), AgencyID: p.AgencyID, OnlineResult: p.OnlineResult, LegalBasis: p.LegalBasis}
	for _, st := range p.Steps {
		out.Steps = append(out.Steps, stepWire{Name: st.Name, UnitID: st.UnitID, Role: string(st.Role), Budget: st.Budget})
	}
	return out
}

func toDocumentWires(ds []dossier.Document) []documentWire {
	out := make([]documentWire, 0, len(ds))
	for _, d := range ds {
		out = append(out, documentWire{Name: d.Name, Copy: string(d.Copy), Quantity: d.Quantity})
	}
	return out
}

// catalogueAccess checks that the caller may read their agency's catalogue
// and returns the agency.
func (s *Server) catalogueAccess(r *http.Request, a auth.Action) (int64, error) {
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return 0, err
	}
	if subj.AgencyID <= 0 {
		return 0, apperr.Forbiddenf("Bạn chưa thuộc cơ quan nào", "You belong to no agency")
	}
	return subj.AgencyID, s.authorize(subj, t, a, subj.AgencyID)
}

func (s *Server) handleProcedureList(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.catalogueAccess(r, auth.ViewOrg)
	if err != nil {
		return err
	}
	f := dossier.ProcedureFilter{AgencyID: agency}
	if f.Query, err = queryText(r, "q", 200); err != nil {
		return err
	}
	on, err := queryDate(r, "on")
	if err != nil {
		return err
	}
	if on != "" {
		if f.On, err = calendar.ParseDate(on); err != nil {
			return calendarInvalid(err)
		}
	}
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	ps, err := s.deps.Store.FindProcedures(r.Context(), f)
	if err != nil {
		return err
	}
	if q := r.URL.Query(); q.Has("limit") || q.Has("offset") {
		ps = pageOf(ps, pg)
	}
	lang := httpx.Lang(r)
	out := make([]procedureResponse, 0, len(ps))
	for _, p := range ps {
		out = append(out, toProcedureResponse(p, lang))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleProcedureVersions(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.catalogueAccess(r, auth.ViewOrg)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(r.PathValue("code"))
	if !dossier.ValidProcedureCode(code) {
		return apperr.Invalidf("code", "mã thủ tục %q không đúng dạng 1.009645", "procedure code %q is not of the form 1.009645", code)
	}
	ps, err := s.deps.Store.FindProcedureVersions(r.Context(), agency, code)
	if err != nil {
		return err
	}
	lang := httpx.Lang(r)
	out := make([]procedureResponse, 0, len(ps))
	for _, p := range ps {
		out = append(out, toProcedureResponse(p, lang))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleProcedureCreate(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.catalogueAccess(r, auth.ManageOrg)
	if err != nil {
		return err
	}
	var req procedureRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	p := req.proc
	p.AgencyID = agency
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := p.CheckStepUnits(t); err != nil { // the store checks again; this names the step before any work
		return err
	}
	p, err = s.deps.Store.CreateProcedureVersion(r.Context(), actorOf(subjectOf(r)), p)
	if err != nil {
		return renameField(err, "limit", "time_limit")
	}
	return writeJSON(w, http.StatusCreated, toProcedureResponse(p, httpx.Lang(r)))
}
