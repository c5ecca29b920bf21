package api

import (
	"crypto/rand"
	"encoding/binary"
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
	"congvu/internal/store"
)

// The agency's inspections of process adherence and its lessons learned
// (internal/inspection, issue #14 items 3 and 5).

// inspectionViewGrants read inspections (inspection.RegisterPolicy).
const inspectionViewGrants = "director deputy_director inspector: agency"

// inspectionTeam is the rule of writing an inspection: its own team.
var inspectionTeam = access.Parties("inspection.write", "inspector").
	Note("the inspection's own team (inspection.CanWrite): checked with one led by inspector@own; another inspector, or a leader who reads it, is 403")

func (s *Server) inspectionRoutes() []route {
	view := access.May("inspection.view", inspectionViewGrants)
	return []route{
		{Method: "GET", Pattern: "/api/v1/inspections", ID: "listAgencyInspections", Tag: "inspections",
			Access:   access.May("inspection.view", "director deputy_director inspector: home").Shows(view),
			Summary:  "The inspections of the caller's agency (its inspectors and leaders), the latest first, with their counts of findings and of open and closed recommendations.",
			Query:    []param{{"year", "integer", "only the inspections of this year's plan"}},
			Response: []inspRowResponse{}, Status: http.StatusOK, Handle: s.handleInspList},
		{Method: "POST", Pattern: "/api/v1/inspections", ID: "createAgencyInspection", Tag: "inspections",
			Access: access.May("inspection.conduct", "inspector: agency").Note("the agency of the units inspected; the caller leads the inspection"),
			Summary: "Open an inspection of the year's plan (opened with a plain title when there is none): the sample of the units' dossiers, tasks or projects of the period is drawn " +
				"with the seed given (a random one when omitted, recorded) and each item's checklist computed from the records; the items the records cannot decide wait for the inspectors.",
			Request: inspCreateRequest{}, Response: inspResponse{}, Status: http.StatusCreated, Handle: s.handleInspCreate},
		{Method: "GET", Pattern: "/api/v1/inspections/{id}", ID: "getAgencyInspection", Tag: "inspections",
			Access:   view,
			Summary:  "One inspection: its scope and seed, every sampled item with its checklist, the findings, the recommendations with their task's state, the conclusion.",
			Response: inspResponse{}, Status: http.StatusOK, Handle: s.handleInspView},
		{Method: "POST", Pattern: "/api/v1/inspections/{id}/findings", ID: "createAgencyInspectionFinding", Tag: "inspections",
			Access:  inspectionTeam,
			Summary: "Record a finding, about the sample or one item of it; 409 once concluded.",
			Request: inspFindingRequest{}, Response: inspResponse{}, Status: http.StatusCreated, Handle: s.handleInspFinding},
		{Method: "POST", Pattern: "/api/v1/inspections/{id}/recommendations", ID: "createAgencyInspectionRecommendation", Tag: "inspections",
			Access: inspectionTeam,
			Summary: "Record a recommendation (kiến nghị): it becomes a task assigned by the caller to its owner, due on its date, and the inspection follows the task's state " +
				"to closure; 409 once concluded.",
			Request: inspRecommendationRequest{}, Response: inspResponse{}, Status: http.StatusCreated, Handle: s.handleInspRecommendation},

		{Method: "GET", Pattern: "/api/v1/lessons", ID: "listLessons", Tag: "lessons",
			Access:  access.May("lesson.view", "staff: home").Shows(access.May("lesson.view", "staff: agency")),
			Summary: "The lessons learned of the caller's agency, the latest first: by words without diacritics (q), by the kind of record, or those that matter to a procedure, a plan or an investor.",
			Query: []param{{"q", "string", "words, with or without diacritics"}, {"kind", "string", "task, dossier, procedure, inspection or project"},
				{"procedure", "string", "lessons of this procedure's dossiers"}, {"plan", "integer", "lessons of this plan's tasks"},
				{"investor", "integer", "lessons of this investor's projects"}, {"limit", "integer", "how many at most (default 50, maximum 500)"}},
			Response: []lessonResponse{}, Status: http.StatusOK, Handle: s.handleLessonList},
		{Method: "POST", Pattern: "/api/v1/lessons", ID: "createLesson", Tag: "lessons",
			Access:  access.May("lesson.write", "director deputy_director head deputy_head official clerk inspector: agency").Note("the agency of the record linked; another agency's record is 404"),
			Summary: "Write a lesson learned about a task, dossier, procedure, inspection or project of the caller's agency: what happened, its cause, the lesson and the action.",
			Request: lessonRequest{}, Response: lessonResponse{}, Status: http.StatusCreated, Handle: s.handleLessonCreate},
	}
}

// inspCreateRequest is the body of POST /api/v1/inspections.
type inspCreateRequest struct {
	Title      string  `json:"title" api:"required,min=5,max=300"`
	Subject    string  `json:"subject" api:"required,enum=dossier|task|project"`
	UnitIDs    []int64 `json:"unit_ids" api:"required" doc:"the inspected units, with their sub-units"`
	From       string  `json:"from" api:"required,format=date" doc:"dossiers received, tasks assigned, projects running from this day"`
	To         string  `json:"to" api:"required,format=date"`
	SampleSize int     `json:"sample_size" api:"required" doc:"1–200 items"`
	Seed       string  `json:"seed" doc:"the draw's seed, a whole number 0–18446744073709551615 as a string; a random one when omitted"`
	Members    []int64 `json:"members" doc:"the other inspectors of the team"`
	PlanID     int64   `json:"plan_id" doc:"the plan; the year of from's plan when omitted"`

	from, to calendar.Date
	seed     uint64
}

// Validate reads the dates and the seed.
func (q *inspCreateRequest) Validate() error {
	var err error
	if q.from, err = calendar.ParseDate(strings.TrimSpace(q.From)); err != nil {
		return apperr.Invalidf("from", "ngày không hợp lệ: %q (dạng YYYY-MM-DD)", "invalid date %q (YYYY-MM-DD)", q.From)
	}
	if q.to, err = calendar.ParseDate(strings.TrimSpace(q.To)); err != nil {
		return apperr.Invalidf("to", "ngày không hợp lệ: %q (dạng YYYY-MM-DD)", "invalid date %q (YYYY-MM-DD)", q.To)
	}
	q.seed, err = parseSeed(q.Seed)
	return err
}

// parseSeed reads a seed, or draws one when s is empty.
func parseSeed(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		return binary.LittleEndian.Uint64(b[:]) >> 11, nil // at most 2^53: exact in any JSON reader
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, apperr.Invalidf("seed", "hạt giống phải là số nguyên không âm, không phải %q", "the seed must be a whole number, not %q", s)
	}
	return n, nil
}

type inspFindingRequest struct {
	RefID    int64  `json:"ref_id" doc:"the sampled item's id (dossier, task, project); 0 or omitted for the whole sample"`
	Text     string `json:"text" api:"required,min=5,max=2000"`
	Severity string `json:"severity" api:"enum=minor|major" doc:"minor (tồn tại, hạn chế) by default, or major (vi phạm)"`
}

func (q *inspFindingRequest) Validate() error { return nil }

type inspRecommendationRequest struct {
	Text          string `json:"text" api:"required,min=5,max=300"`
	OwnerPersonID int64  `json:"owner_person_id" api:"required" doc:"who carries it out: the task's lead"`
	OwnerUnitID   int64  `json:"owner_unit_id" doc:"the task's unit; the owner's own unit when omitted"`
	Due           string `json:"due" api:"required,format=date"`
	FindingID     int64  `json:"finding_id" doc:"the finding it answers"`

	due calendar.Date
}

func (q *inspRecommendationRequest) Validate() error {
	var err error
	if q.due, err = calendar.ParseDate(strings.TrimSpace(q.Due)); err != nil {
		return apperr.Invalidf("due", "ngày không hợp lệ: %q (dạng YYYY-MM-DD)", "invalid date %q (YYYY-MM-DD)", q.Due)
	}
	return nil
}

type inspCheckResponse struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	Verdict string `json:"verdict" api:"enum=pass|fail|na|pending"`
	Detail  string `json:"detail"`
	Manual  bool   `json:"manual" doc:"filled by hand: the records cannot say"`
}

type inspItemResponse struct {
	Subject string              `json:"subject"`
	RefID   int64               `json:"ref_id"`
	Ref     string              `json:"ref"`
	Title   string              `json:"title"`
	Checks  []inspCheckResponse `json:"checks"`
}

type inspFindingResponse struct {
	ID       int64  `json:"id"`
	Seq      int    `json:"seq"`
	RefID    int64  `json:"ref_id"`
	Text     string `json:"text"`
	Severity string `json:"severity" api:"enum=minor|major"`
	At       string `json:"at" api:"format=date-time"`
}

type inspRecommendationResponse struct {
	ID            int64  `json:"id"`
	Seq           int    `json:"seq"`
	FindingID     int64  `json:"finding_id"`
	Text          string `json:"text"`
	OwnerUnitID   int64  `json:"owner_unit_id"`
	OwnerPersonID int64  `json:"owner_person_id"`
	Due           string `json:"due" api:"format=date"`
	TaskID        int64  `json:"task_id"`
	TaskState     string `json:"task_state" doc:"the task's state now"`
	Closed        bool   `json:"closed" doc:"the task is done or cancelled"`
}

type inspConclusionResponse struct {
	Number string `json:"number"`
	On     string `json:"on" api:"format=date"`
	Signer string `json:"signer"`
	Text   string `json:"text"`
}

// inspResponse is one inspection.
type inspResponse struct {
	ID              int64                        `json:"id"`
	PlanID          int64                        `json:"plan_id"`
	Title           string                       `json:"title"`
	Subject         string                       `json:"subject" api:"enum=dossier|task|project"`
	UnitIDs         []int64                      `json:"unit_ids"`
	From            string                       `json:"from" api:"format=date"`
	To              string                       `json:"to" api:"format=date"`
	SampleSize      int                          `json:"sample_size"`
	Seed            string                       `json:"seed" doc:"the draw's seed: the same seed over the same records draws the same sample"`
	Population      int                          `json:"population" doc:"how many items the sample was drawn from"`
	LeadID          int64                        `json:"lead_id"`
	Members         []int64                      `json:"members"`
	Status          string                       `json:"status" api:"enum=open|concluded"`
	Version         int                          `json:"version"`
	Items           []inspItemResponse           `json:"items"`
	Findings        []inspFindingResponse        `json:"findings"`
	Recommendations []inspRecommendationResponse `json:"recommendations"`
	Conclusion      *inspConclusionResponse      `json:"conclusion"`
}

func toInspResponse(in inspection.Inspection) inspResponse {
	out := inspResponse{ID: in.ID, PlanID: in.PlanID, Title: in.Title, Subject: string(in.Subject), UnitIDs: nonNil(in.UnitIDs),
		From: in.From.String(), To: in.To.String(), SampleSize: in.SampleSize, Seed: strconv.FormatUint(in.Seed, 10), Population: in.Population,
		LeadID: in.LeadID, Members: nonNil(in.Members), Status: string(in.Status), Version: in.Version,
		Items: []inspItemResponse{}, Findings: []inspFindingResponse{}, Recommendations: []inspRecommendationResponse{}}
	for _, it := range in.Items {
		item := inspItemResponse{Subject: string(it.Subject), RefID: it.RefID, Ref: it.Ref, Title: it.Title, Checks: []inspCheckResponse{}}
		for _, c := range it.Checks {
			item.Checks = append(item.Checks, inspCheckResponse{Code: string(c.Code), Label: c.Code.Label("vi"), Verdict: string(c.Verdict), Detail: c.Detail, Manual: c.Manual})
		}
		out.Items = append(out.Items, item)
	}
	for _, f := range in.Findings {
		out.Findings = append(out.Findings, inspFindingResponse{ID: f.ID, Seq: f.Seq, RefID: f.RefID, Text: f.Text, Severity: string(f.Severity), At: instant(f.At)})
	}
	for _, r := range in.Recommendations {
		out.Recommendations = append(out.Recommendations, inspRecommendationResponse{ID: r.ID, Seq: r.Seq, FindingID: r.FindingID, Text: r.Text,
			OwnerUnitID: r.OwnerUnitID, OwnerPersonID: r.OwnerPersonID, Due: r.Due.String(), TaskID: r.TaskID, TaskState: r.TaskState, Closed: r.Closed()})
	}
	if in.Status == inspection.Concluded {
		c := in.Conclusion
		out.Conclusion = &inspConclusionResponse{Number: c.Number, On: c.On.String(), Signer: c.Signer, Text: c.Text}
	}
	return out
}

type inspRowResponse struct {
	ID                    int64  `json:"id"`
	PlanID                int64  `json:"plan_id"`
	Year                  int    `json:"year"`
	Title                 string `json:"title"`
	Subject               string `json:"subject" api:"enum=dossier|task|project"`
	Status                string `json:"status" api:"enum=open|concluded"`
	From                  string `json:"from" api:"format=date"`
	To                    string `json:"to" api:"format=date"`
	Items                 int    `json:"items"`
	Findings              int    `json:"findings"`
	OpenRecommendations   int    `json:"open_recommendations"`
	ClosedRecommendations int    `json:"closed_recommendations"`
}

func (s *Server) handleInspList(w http.ResponseWriter, r *http.Request) error {
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, t, inspection.View, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	year, err := queryInt(r, "year", 0, calendar.MinYear, calendar.MaxYear)
	if err != nil {
		return err
	}
	rows, err := s.deps.Store.ListInspections(r.Context(), sub.AgencyID, year)
	if err != nil {
		return err
	}
	out := []inspRowResponse{}
	for _, x := range rows {
		out = append(out, inspRowResponse{ID: x.ID, PlanID: x.PlanID, Year: x.Year, Title: x.Title, Subject: string(x.Subject), Status: string(x.Status),
			From: x.From.String(), To: x.To.String(), Items: x.Items, Findings: x.Findings, OpenRecommendations: x.Open, ClosedRecommendations: x.Closed})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleInspCreate(w http.ResponseWriter, r *http.Request) error {
	var q inspCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if len(q.UnitIDs) == 0 {
		return apperr.Invalidf("unit_ids", "chọn ít nhất một đơn vị được kiểm tra", "choose at least one inspected unit")
	}
	agency := int64(0)
	for _, u := range q.UnitIDs {
		if _, ok := t.Unit(u); !ok {
			return apperr.Invalidf("unit_ids", "không có đơn vị số %d", "no unit %d", u)
		}
		if err := s.deps.Policy.Authorize(sub, t, inspection.Conduct, auth.Resource{UnitID: u}); err != nil {
			return err
		}
		if a := t.AgencyOf(u); agency == 0 {
			agency = a
		} else if a != agency {
			return apperr.Invalidf("unit_ids", "các đơn vị được kiểm tra phải cùng một cơ quan", "the inspected units must be of one agency")
		}
	}
	in := inspection.Inspection{AgencyID: agency, PlanID: q.PlanID, Title: q.Title, Subject: inspection.Subject(q.Subject), UnitIDs: q.UnitIDs,
		From: q.from, To: q.to, SampleSize: q.SampleSize, Seed: q.seed, Members: q.Members}
	if err := in.Validate(); err != nil {
		return err
	}
	if in.PlanID == 0 {
		p, err := s.deps.Store.EnsureInspectionPlan(r.Context(), actorOf(sub), agency, q.from.Year)
		if err != nil {
			return err
		}
		in.PlanID = p.ID
	}
	in, err = s.deps.Store.CreateInspection(r.Context(), actorOf(sub), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toInspResponse(in))
}

// visibleInspection reads the inspection of the path if the caller may
// read it (another agency's is 404, the agency's other staff 403).
func (s *Server) visibleInspection(r *http.Request) (inspection.Inspection, error) {
	id, err := pathID(r)
	if err != nil {
		return inspection.Inspection{}, err
	}
	in, err := s.deps.Store.FindInspection(r.Context(), id)
	if err != nil {
		return in, err
	}
	t, err := s.tree(r)
	if err != nil {
		return in, err
	}
	return in, inspection.CanView(subjectOf(r), t, s.deps.Policy, in)
}

func (s *Server) handleInspView(w http.ResponseWriter, r *http.Request) error {
	in, err := s.visibleInspection(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toInspResponse(in))
}

// teamOnly is the authorize step of the writes: the inspection's team.
func (s *Server) teamOnly(r *http.Request) (func(inspection.Inspection) error, error) {
	t, err := s.tree(r)
	if err != nil {
		return nil, err
	}
	sub := subjectOf(r)
	return func(in inspection.Inspection) error { return inspection.CanWrite(sub, t, s.deps.Policy, in) }, nil
}

func (s *Server) handleInspFinding(w http.ResponseWriter, r *http.Request) error {
	var q inspFindingRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	auth, err := s.teamOnly(r)
	if err != nil {
		return err
	}
	in, err := s.deps.Store.AddInspectionFinding(r.Context(), actorOf(subjectOf(r)), id, auth,
		inspection.Finding{RefID: q.RefID, Text: q.Text, Severity: inspection.Severity(q.Severity)})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toInspResponse(in))
}

func (s *Server) handleInspRecommendation(w http.ResponseWriter, r *http.Request) error {
	var q inspRecommendationRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	auth, err := s.teamOnly(r)
	if err != nil {
		return err
	}
	in, err := s.deps.Store.AddInspectionRecommendation(r.Context(), actorOf(subjectOf(r)), id, auth,
		inspection.Recommendation{FindingID: q.FindingID, Text: q.Text, OwnerUnitID: q.OwnerUnitID, OwnerPersonID: q.OwnerPersonID, Due: q.due})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toInspResponse(in))
}

// lessonRequest is the body of POST /api/v1/lessons.
type lessonRequest struct {
	Kind   string `json:"kind" api:"required,enum=task|dossier|procedure|inspection|project"`
	Ref    string `json:"ref" api:"required,max=100" doc:"the dossier's or project's code, the procedure's code, the task's or inspection's number"`
	What   string `json:"what" api:"required,min=5,max=2000" doc:"what happened (sự việc)"`
	Cause  string `json:"cause" api:"max=2000" doc:"its cause (nguyên nhân)"`
	Lesson string `json:"lesson" api:"required,min=5,max=2000" doc:"the lesson (bài học)"`
	Action string `json:"action" api:"max=2000" doc:"what is done about it (biện pháp)"`
}

func (q *lessonRequest) Validate() error { return nil }

type lessonResponse struct {
	ID            int64  `json:"id"`
	Kind          string `json:"kind" api:"enum=task|dossier|procedure|inspection|project"`
	Ref           string `json:"ref"`
	RefID         int64  `json:"ref_id"`
	RefTitle      string `json:"ref_title"`
	What          string `json:"what"`
	Cause         string `json:"cause"`
	Lesson        string `json:"lesson"`
	Action        string `json:"action"`
	ProcedureCode string `json:"procedure_code" doc:"shown on the dossiers of this procedure"`
	PlanID        int64  `json:"plan_id" doc:"shown on the tasks of this plan"`
	InvestorID    int64  `json:"investor_id" doc:"shown on the projects of this investor"`
	ByID          int64  `json:"by_id"`
	ByName        string `json:"by_name"`
	At            string `json:"at" api:"format=date-time"`
}

func toLessonResponse(l inspection.Lesson) lessonResponse {
	return lessonResponse{ID: l.ID, Kind: string(l.Kind), Ref: l.Ref, RefID: l.RefID, RefTitle: l.RefTitle, What: l.What, Cause: l.Cause,
		Lesson: l.Lesson, Action: l.Action, ProcedureCode: l.ProcedureCode, PlanID: l.PlanID, InvestorID: l.InvestorID,
		ByID: l.ByID, ByName: l.ByName, At: instant(l.At)}
}

func (s *Server) handleLessonList(w http.ResponseWriter, r *http.Request) error {
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, t, inspection.ViewLessons, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	f := store.LessonFilter{AgencyID: sub.AgencyID, Query: strings.TrimSpace(r.URL.Query().Get("q")), ProcedureCode: strings.TrimSpace(r.URL.Query().Get("procedure"))}
	if k := inspection.LinkKind(r.URL.Query().Get("kind")); k != "" {
		if !k.Valid() {
			return apperr.Invalidf("kind", "loại không hợp lệ: %q", "unknown kind %q", string(k))
		}
		f.Kind = k
	}
	if f.PlanID, err = queryID(r, "plan"); err != nil {
		return err
	}
	if f.InvestorID, err = queryID(r, "investor"); err != nil {
		return err
	}
	if f.Limit, err = queryInt(r, "limit", 50, 1, 500); err != nil {
		return err
	}
	ls, err := s.deps.Store.FindLessons(r.Context(), f)
	if err != nil {
		return err
	}
	out := []lessonResponse{}
	for _, l := range ls {
		out = append(out, toLessonResponse(l))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleLessonCreate(w http.ResponseWriter, r *http.Request) error {
	var q lessonRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, t, inspection.WriteLessons, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	l, err := s.deps.Store.CreateLesson(r.Context(), actorOf(sub), inspection.Lesson{AgencyID: sub.AgencyID, Kind: inspection.LinkKind(q.Kind), Ref: q.Ref,
		What: q.What, Cause: q.Cause, Lesson: q.Lesson, Action: q.Action})
	if err != nil {
		return err
	}
	l.ByName = sub.Name
	return writeJSON(w, http.StatusCreated, toLessonResponse(l))
}
