package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// One-stop dossiers (hồ sơ thủ tục hành chính, NĐ 118/2025/NĐ-CP): intake
// at the desk, the dossier with its history and process-control slip, the
// actions that move it (dossier_event.go), the staff queues
// (dossier_queue.go), the public lookup (public.go), the period report
// (stats.go) and the event-log exports (export.go).
//
// Conventions of this module, beyond the package's:
//   - A dossier is named by its code in the path, e.g.
//     /api/v1/dossiers/000.00.15.H27-261001-0001.
//   - Optimistic concurrency: every dossier answer carries its version, and
//     the ETag header "<version>" on a single dossier; an action sends it
//     back in If-Match (3, "3" or W/"3") or in the body's "version", and a
//     stale one is a 409.
//   - An action the dossier's state does not allow is a 409 whose error
//     lists the "allowed" actions; one the caller may not take is a 403
//     saying which.
//   - status_code is the national portal's status (1–10); status_label
//     gives its name in Vietnamese and English.
//   - A dossier the caller may not see is a 404, exactly as a code that
//     names nothing (its existence is not disclosed); a 403 is only for an
//     action refused on a dossier the caller may see.

// dossierRoutes are the module's operations; routes.go appends them.
func (s *Server) dossierRoutes() []route {
	rs := s.procedureRoutes()
	rs = append(rs, []route{
		{Method: "POST", Pattern: "/api/v1/dossiers", ID: "createDossier", Tag: "dossiers",
			Access:  access.May("dossier.intake", "clerk: subtree; admin: agency").Note("the target is the desk of the procedure's first step"),
			Summary: "Receive a dossier at the desk (dossier.intake on the desk: clerks). Allocates the code, starts the clock, and returns the lookup secret, shown only this once. channel online records an online filing (status 1) that the desk then accepts.",
			Request: dossierCreateRequest{}, Response: dossierCreatedResponse{}, Status: http.StatusCreated, Handle: s.handleDossierCreate},
		{Method: "GET", Pattern: "/api/v1/dossiers", ID: "listDossiers", Tag: "dossiers",
			Access:  access.Login().Shows(access.May("dossier.view", dossierViewGrants)),
			Summary: "Staff lists of dossiers, limited to the dossiers the caller may view: mine (I hold it), unit (it is with one of my units), late (open and past due), due_soon (due within 24 hours), handled (I recorded an action on it: hồ sơ tôi đã xử lý), all. Open lists come most urgent first (by due instant), a received range last received first, anything else (all, handled, a search) newest first. Pages go by cursor: pass the X-Next-Cursor header of a page as after for the next (absent on the last page). On the first page (no after), X-Total-Count is the whole list's size counted up to 1,000, with X-Total-Capped: true when there are more (X-Total-Count is then 1000).",
			Query: append(dossierListParams, param{"limit", "integer", "page size, 1 to 500 (default 50)"},
				param{"after", "string", "the X-Next-Cursor of the page before; absent for the first page. offset is refused: the list pages by cursor"}),
			Response: []dossierSummaryResponse{}, Status: http.StatusOK, Handle: s.handleDossierList},
		{Method: "GET", Pattern: "/api/v1/dossiers/export.xlsx", ID: "exportDossierList", Tag: "dossiers",
			// Its rows are listDossiers' (dossier.view), which the matrix checks
			// by marker; a compressed workbook has none to find, so its rows'
			// visibility is TestDossierListXLSX's.
			Access:  access.Login().Note("rows as listDossiers: the dossiers the caller may view (dossier.view)"),
			Summary: "The same list as listDossiers, with the same parameters and visibility, whole, as an XLSX attachment (at most 100,000 dossiers; a longer list ends with a row saying so).",
			Query:   dossierListParams, Status: http.StatusOK, Handle: s.handleDossierListXLSX},
		{Method: "GET", Pattern: "/api/v1/dossiers/{code}", ID: "getDossier", Tag: "dossiers",
			Access:   access.May("dossier.view", dossierViewGrants),
			Summary:  "One dossier with its steps, process-control slip and history (dossier.view); the ETag header is its version.",
			Response: dossierResponse{}, Status: http.StatusOK, Handle: s.handleDossierView},
		{Method: "POST", Pattern: "/api/v1/dossiers/{code}/events", ID: "createDossierEvent", Tag: "dossiers",
			Access:  access.May("dossier.handle", "official head deputy_head director deputy_director: subtree").Note("checked with request_supplement at the step of the target unit; each action's rule is dossier.CanAct"),
			Summary: "Take an action on a dossier (forward, complete, request_supplement, ... as the step's handler allows). Send the version in If-Match or in \"version\": a stale one is a 409, as is an action the state does not allow (with \"allowed\").",
			Request: dossierEventRequest{}, Response: dossierEventResponse{}, Status: http.StatusOK, Handle: s.handleDossierEvent},
	}...)
	rs = append(rs, s.consultationRoutes()...)
	rs = append(rs, s.publicRoutes()...)
	rs = append(rs, s.statsRoutes()...)
	rs = append(rs, s.bottleneckRoutes()...)
	rs = append(rs, s.dashboardRoutes()...)
	rs = append(rs, s.exportRoutes()...)
	rs = append(rs, s.lateRoutes()...)
	return rs
}

// dossierListParams are the filters of listDossiers and its export.
var dossierListParams = []param{
	{"queue", "string", "mine, unit, late, due_soon, handled or all (default mine)"},
	{"q", "string", "every word, in any order, diacritic-insensitive, in code, applicant name, ID number, phone and procedure name"},
	{"unit_id", "integer", "only dossiers now with this unit"},
	{"handler_id", "integer", "only dossiers now with this person"},
	{"procedure", "string", "only dossiers of this procedure (national code, e.g. 1.001612)"},
	{"status", "string", "only dossiers now in these national status codes, comma-separated (e.g. 2,4)"},
	{"received_from", "string", "only dossiers received on or after this day (YYYY-MM-DD or dd/mm/yyyy)"},
	{"received_to", "string", "only dossiers received on or before this day (YYYY-MM-DD or dd/mm/yyyy)"},
	{"due_from", "string", "only dossiers due on or after this day (YYYY-MM-DD or dd/mm/yyyy)"},
	{"due_to", "string", "only dossiers due on or before this day (YYYY-MM-DD or dd/mm/yyyy)"},
	{"overdue", "boolean", "only open dossiers past their due (a clock paused before the due is not late)"},
	{"due_soon", "boolean", "only open dossiers, not paused, due within 24 hours"},
}

// applicantWire is who files the dossier (tổ chức, cá nhân).
type applicantWire struct {
	Name         string `json:"name" api:"required,min=2,max=200"`
	IDNumber     string `json:"id_number" doc:"CMND (9 digits) or CCCD (12); for an organisation its tax code (10 or 13 digits)"`
	Phone        string `json:"phone"`
	Address      string `json:"address" api:"max=500"`
	Email        string `json:"email"`
	Organization bool   `json:"organization" doc:"the applicant is an organisation (its name is then shown in full by the public lookup)"`
}

// toApplicant checks the applicant, naming fields "applicant.name" etc.
func (a applicantWire) toApplicant() (dossier.Applicant, error) {
	var err error
	if _, err = apperr.Text("applicant.name", a.Name, 2, 200); err != nil {
		return dossier.Applicant{}, err
	}
	if _, err = apperr.Text("applicant.address", a.Address, 0, 500); err != nil {
		return dossier.Applicant{}, err
	}
	out := dossier.Applicant{Name: a.Name, IDNumber: a.IDNumber, Phone: a.Phone, Address: a.Address, Email: a.Email, Organization: a.Organization}
	if err := out.Validate(); err != nil {
		if e := apperr.As(err); e != nil && e.Field != "" {
			c := *e
			c.Field = "applicant." + e.Field
			return out, &c
		}
		return out, err
	}
	return out, nil
}

// dossierCreateRequest is the body of POST /api/v1/dossiers.
type dossierCreateRequest struct {
	ProcedureCode string               `json:"procedure_code" api:"required" doc:"national code of a procedure of the caller's agency, e.g. 1.009645"`
	Applicant     applicantWire        `json:"applicant" api:"required"`
	Channel       string               `json:"channel" api:"enum=direct|online|postal" doc:"direct when omitted"`
	ReceivedAt    string               `json:"received_at" api:"format=date-time" doc:"when a paper dossier was really received (RFC 3339), never in the future; now when omitted"`
	Documents     []intakeDocumentWire `json:"documents" doc:"the papers received, each with its scan when file_id is given"`
	Sets          int                  `json:"sets" doc:"number of sets received; 1 when omitted"`
	Note          string               `json:"note" api:"max=2000"`
	ProjectCode   string               `json:"project_code" api:"max=50" doc:"an appraisal (procedure of the appraisal kinds): the code of the project of the agency's register it appraises; its time limit is the project group's in force on the day of receipt"`

	applicant  dossier.Applicant
	receivedAt time.Time
	documents  []dossier.Document
}

// intakeDocumentWire is one paper received with a dossier and, when
// file_id is given, its scan: records refer to uploaded files by id.
type intakeDocumentWire struct {
	documentWire
	FileID int64 `json:"file_id,omitempty" doc:"the scan of this paper, uploaded first (POST /api/v1/files); attached in the intake's own transaction as slot doc:<n>"`
}

// Validate checks the request's shape and the applicant.
func (q *dossierCreateRequest) Validate() error {
	var err error
	if q.ProcedureCode, err = apperr.Text("procedure_code", q.ProcedureCode, 1, 20); err != nil {
		return err
	}
	if !dossier.ValidProcedureCode(q.ProcedureCode) {
		return apperr.Invalidf("procedure_code", "mã thủ tục %q không đúng dạng 1.009645", "procedure code %q is not of the form 1.009645", q.ProcedureCode)
	}
	if q.applicant, err = q.Applicant.toApplicant(); err != nil {
		return err
	}
	if q.Channel == "" {
		q.Channel = string(dossier.ChannelDirect)
	}
	if err := oneOf("channel", q.Channel, "direct", "online", "postal"); err != nil {
		return err
	}
	if strings.TrimSpace(q.ReceivedAt) != "" {
		if q.receivedAt, err = requireInstant("received_at", q.ReceivedAt); err != nil {
			return err
		}
	}
	docs := make([]documentWire, len(q.Documents))
	for i, d := range q.Documents {
		docs[i] = d.documentWire
		if d.FileID < 0 {
			return apperr.Invalidf(fmt.Sprintf("documents[%d].file_id", i), "file_id phải là mã số của tệp đã tải lên (POST /api/v1/files)", "file_id must be the id of an uploaded file (POST /api/v1/files)")
		}
	}
	if q.documents, err = toDocuments(docs); err != nil {
		return err
	}
	if q.Sets < 0 || q.Sets > 100 {
		return apperr.Invalidf("sets", "số bộ hồ sơ phải từ 1 đến 100", "the number of sets must be from 1 to 100")
	}
	if q.ProjectCode, err = apperr.Text("project_code", q.ProjectCode, 0, 50); err != nil {
		return err
	}
	q.Note, err = apperr.Text("note", q.Note, 0, 2000)
	return err
}

// bilingualLabel names something in both languages.
type bilingualLabel struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

func statusLabel(st dossier.Status) bilingualLabel {
	return bilingualLabel{VI: st.Label("vi"), EN: st.Label("en")}
}

// dossierCreatedResponse answers an intake.
type dossierCreatedResponse struct {
	Code             string         `json:"code" doc:"mã hồ sơ {agency code}-{yyMMdd}-{NNNN}"`
	StatusCode       int            `json:"status_code" doc:"national status 1–10: 2 received, 1 for an online filing"`
	StatusLabel      bilingualLabel `json:"status_label"`
	ReceivedAt       *string        `json:"received_at" api:"format=date-time"`
	DueAt            *string        `json:"due_at" api:"format=date-time" doc:"the statutory due instant; null until the dossier is received"`
	AppointedDueAt   *string        `json:"appointed_due_at" api:"format=date-time" doc:"the return time promised on the receipt slip"`
	Secret           string         `json:"secret" doc:"the lookup secret for the applicant (XXXX-XXXX-XXXX-X, about 64 bits), shown only in this answer"`
	LookupURL        string         `json:"lookup_url" doc:"the public lookup of this dossier, secret included"`
	Version          int            `json:"version"`
	ProcedureVersion int            `json:"procedure_version"`
	FormSet          string         `json:"form_set" doc:"the one-stop forms the dossier uses: TT01/2018 or TT03/2025"`
}

// instantOrNil writes an instant, or null for the zero time.
func instantOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := instant(t)
	return &s
}

// procedureFor picks the version of a procedure in force on a day in the
// caller's agency; an unknown code is an Invalid procedure_code.
func (s *Server) procedureFor(r *http.Request, agency int64, code string, at time.Time) (dossier.Procedure, error) {
	return s.deps.Store.ProcedureInForce(r.Context(), agency, code, calendar.DateOf(at))
}

// deskUnitFor is the unit that receives a dossier of p: the first step's,
// or else the caller's unit of the agency where they may work the desk.
func (s *Server) deskUnitFor(subj *auth.Subject, t *org.Tree, p dossier.Procedure) (int64, error) {
	if err := dossier.CanAct(subj, t, s.deps.Policy, dossier.State{}, p, dossier.Receive); err != nil {
		return 0, err
	}
	if len(p.Steps) > 0 && p.Steps[0].UnitID != 0 {
		return p.Steps[0].UnitID, nil
	}
	for _, g := range subj.Grants {
		if t.WithinAgency(g.UnitID, p.AgencyID) && s.can(subj, t, dossier.PermIntake, g.UnitID) {
			return g.UnitID, nil
		}
	}
	return 0, apperr.Forbiddenf("Bạn không làm việc tại bộ phận một cửa của cơ quan", "You do not work at the agency's one-stop desk")
}

func (s *Server) handleDossierCreate(w http.ResponseWriter, r *http.Request) error {
	subj := subjectOf(r)
	if subj.AgencyID <= 0 {
		return apperr.Forbiddenf("Bạn chưa thuộc cơ quan nào", "You belong to no agency")
	}
	var req dossierCreateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	now := s.deps.Now()
	at := req.receivedAt
	if at.After(now) {
		return apperr.Invalidf("received_at", "thời điểm tiếp nhận không được ở tương lai", "received_at may not be in the future")
	}
	if at.IsZero() {
		at = now
	}
	p, err := s.procedureFor(r, subj.AgencyID, req.ProcedureCode, at)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	desk, err := s.deskUnitFor(subj, t, p)
	if err != nil {
		return err
	}
	in := dossier.Intake{AgencyID: subj.AgencyID, UnitID: desk, ProcedureCode: p.Code, Applicant: req.applicant,
		Channel: dossier.Channel(req.Channel), Documents: req.documents, Sets: req.Sets, ReceivedAt: req.receivedAt, Note: req.Note}
	if in.Channel == dossier.ChannelOnline {
		in.UnitID = 0 // an online filing: status 1, accepted by the desk afterwards
	}
	var links []file.Link
	for i, d := range req.Documents {
		if d.FileID == 0 {
			continue
		}
		l, err := s.attachable(r, fileTarget{kind: file.KindDossier}, "", []attachRequest{{FileID: d.FileID, Slot: file.ChecklistSlot(i + 1)}})
		if err != nil {
			return prefixField(err, fmt.Sprintf("documents[%d]", i))
		}
		links = append(links, l...)
	}
	var rec dossier.Record
	var secret string
	if req.ProjectCode != "" {
		if len(links) > 0 {
			return apperr.Invalidf("documents", "hồ sơ thẩm định: đính kèm bản chụp sau khi tiếp nhận", "an appraisal: attach the scans after receipt")
		}
		rec, secret, err = s.deps.Store.ReceiveAppraisal(r.Context(), actorOf(subj), in, req.ProjectCode)
	} else {
		rec, secret, err = s.deps.Store.ReceiveDossierWithFiles(r.Context(), actorOf(subj), in, links)
	}
	if err != nil {
		return err
	}
	st := rec.State
	out := dossierCreatedResponse{Code: rec.Code, StatusCode: int(st.Status), StatusLabel: statusLabel(st.Status),
		ReceivedAt: instantOrNil(st.ReceivedAt), DueAt: instantOrNil(st.StatutoryDue), AppointedDueAt: instantOrNil(st.AppointedDue),
		Secret: secret, LookupURL: s.lookupURL(rec.Code, secret), Version: st.Version, ProcedureVersion: rec.Procedure.Version,
		FormSet: dossier.FormSetFor(calendar.DateOf(firstInstant(st.ReceivedAt, st.SubmittedAt, rec.CreatedAt))).ID}
	w.Header().Set("Location", "/api/v1/dossiers/"+url.PathEscape(rec.Code))
	w.Header().Set("ETag", dossierETag(st.Version))
	return writeJSON(w, http.StatusCreated, out)
}

// lookupURL is where the applicant follows the dossier.
func (s *Server) lookupURL(code, secret string) string {
	return strings.TrimRight(s.deps.Config.BaseURL, "/") + "/api/v1/public/dossiers/" + url.PathEscape(code) +
		"?secret=" + url.QueryEscape(secret)
}

func firstInstant(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// dossierETag is a dossier version as an entity tag.
func dossierETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// visibleDossier loads a dossier the caller may view. One they may not view
// is NotFound exactly as a code that names nothing, so that codes cannot be
// probed; a refused action on a dossier they may view stays 403.
func (s *Server) visibleDossier(r *http.Request) (dossier.Record, *org.Tree, error) {
	return s.visibleDossierAt(r, 0)
}

// visibleDossierAt is visibleDossier for an action on the dossier at
// version (0: whatever it is now), which the store may answer from memory.
func (s *Server) visibleDossierAt(r *http.Request, version int) (dossier.Record, *org.Tree, error) {
	code := strings.TrimSpace(r.PathValue("code"))
	if _, _, _, err := dossier.ParseCode(code); err != nil {
		return dossier.Record{}, nil, dossier.NotFound(code)
	}
	rec, err := s.deps.Store.FindDossierAtVersion(r.Context(), code, version)
	if err != nil {
		return rec, nil, err
	}
	t, err := s.tree(r)
	if err != nil {
		return rec, nil, err
	}
	if err := dossier.CanView(subjectOf(r), t, s.deps.Policy, rec.State, rec.Procedure); err != nil {
		return dossier.Record{}, nil, dossier.Hide(err, code)
	}
	return rec, t, nil
}

func (s *Server) handleDossierView(w http.ResponseWriter, r *http.Request) error {
	rec, t, err := s.visibleDossier(r)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", dossierETag(rec.State.Version))
	return writeJSON(w, http.StatusOK, s.toDossierResponse(rec, t, httpx.Lang(r)))
}

// parseIfMatch reads the If-Match header: 3, "3" or W/"3"; 0 when absent.
func parseIfMatch(h string) (int, error) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, nil
	}
	v := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, apperr.Invalidf("If-Match", "tiêu đề If-Match phải là phiên bản của hồ sơ (ví dụ \"3\"), không phải %q",
			"the If-Match header must be the dossier's version (e.g. \"3\"), not %q", h)
	}
	return n, nil
}
