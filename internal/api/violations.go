package api

import (
	"net/http"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/review"
	"congvu/internal/store"
)

// Discipline and office culture (internal/review): the checklists of Chỉ
// thị 09/CT-UBND and QĐ 733/QĐ-TTg as versions with effective dates, and
// the violations recorded against them, which take points off the common
// criteria of the evaluation and, at khiển trách or above, force KHTNV.

const (
	violationViewGrants   = "director deputy_director inspector: agency; head deputy_head: subtree"
	violationRecordGrants = "inspector: agency; head deputy_head: subtree"
	checklistGrants       = "admin director: home"
)

func (s *Server) disciplineRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/violations", ID: "listViolations", Tag: "discipline",
			Access:  access.Login().Shows(access.May(string(review.ViewViolations), violationViewGrants)),
			Summary: "The violations of the caller's agency dated in a period that the caller may see (their units' people as head; all as director, deputy or inspector), newest first.",
			Query: []param{
				{"from", "date", "first day (1 January of this year by default)"},
				{"to", "date", "last day (today by default)"},
				{"person", "integer", "only this person's"},
			},
			Response: []violationResponse{}, Status: http.StatusOK, Handle: s.handleViolationList},
		{Method: "POST", Pattern: "/api/v1/violations", ID: "createViolation", Tag: "discipline",
			Access: access.May(string(review.RecordViolation), violationRecordGrants).Note("checked with a person of the own unit"),
			Summary: "Record a violation of an item of a checklist in force on its date, by a head of the person's unit or an inspector, with an evidence file uploaded first (POST /api/v1/files). " +
				"A reminder takes points off the common criteria of the period's evaluation; a discipline (khiển trách or above) rates the year KHTNV. 403 for a person outside the caller's units.",
			Request: violationCreateRequest{}, Response: violationResponse{}, Status: http.StatusCreated, Handle: s.handleViolationCreate},
		{Method: "GET", Pattern: "/api/v1/checklists", ID: "listChecklists", Tag: "discipline",
			Access:   access.Login(),
			Summary:  "Every version of the caller's agency's checklists (the built-in ones and the agency's own), each with its effective date; their contents are to be checked by the agency (unverified).",
			Response: []checklistResponse{}, Status: http.StatusOK, Handle: s.handleChecklistList},
		{Method: "POST", Pattern: "/api/v1/checklists", ID: "createChecklist", Tag: "discipline",
			Access:  access.May(string(review.ManageChecklists), checklistGrants),
			Summary: "A new version of a checklist of the caller's agency from its effective date (a version of the same date is replaced); violations are checked against the version in force on their date.",
			Request: checklistRequest{}, Response: checklistResponse{}, Status: http.StatusCreated, Handle: s.handleChecklistCreate},
	}
}

// violationCreateRequest is the body of POST /api/v1/violations.
type violationCreateRequest struct {
	PersonID   int64  `json:"person_id" api:"required"`
	Checklist  string `json:"checklist" api:"required" doc:"ct09, qd733 or the agency's own"`
	Item       string `json:"item" api:"required" doc:"the item's code, e.g. CT09-01"`
	On         string `json:"on" api:"required,format=date" doc:"the day it happened"`
	Severity   string `json:"severity" api:"required,enum=reminder|discipline" doc:"reminder (nhắc nhở, phê bình) or discipline (khiển trách trở lên)"`
	Note       string `json:"note" api:"max=2000"`
	EvidenceID *int64 `json:"evidence_file_id" doc:"a file the caller uploaded or may read"`

	on calendar.Date
}

// Validate reads the date.
func (q *violationCreateRequest) Validate() error {
	if err := requireID("person_id", q.PersonID); err != nil {
		return err
	}
	if err := optionalID("evidence_file_id", q.EvidenceID); err != nil {
		return err
	}
	d, err := requireDate("on", q.On)
	if err != nil {
		return err
	}
	if q.on, err = calendar.ParseDate(d); err != nil {
		return apperr.Invalidf("on", "ngày không hợp lệ: %q", "invalid date: %q", q.On)
	}
	return nil
}

// violationResponse is one violation.
type violationResponse struct {
	ID         int64  `json:"id"`
	PersonID   int64  `json:"person_id"`
	Person     string `json:"person"`
	UnitID     int64  `json:"unit_id"`
	Checklist  string `json:"checklist"`
	Item       string `json:"item"`
	On         string `json:"on" api:"format=date"`
	Severity   string `json:"severity" api:"enum=reminder|discipline"`
	Note       string `json:"note"`
	EvidenceID *int64 `json:"evidence_file_id"`
	RecordedBy int64  `json:"recorded_by"`
}

func toViolationResponse(v store.ViolationRow) violationResponse {
	out := violationResponse{ID: v.ID, PersonID: v.PersonID, Person: v.Person, UnitID: v.UnitID, Checklist: v.Checklist, Item: v.ItemCode,
		On: v.On.String(), Severity: string(v.Severity), Note: v.Note, RecordedBy: v.RecordedBy}
	if v.EvidenceID > 0 {
		id := v.EvidenceID
		out.EvidenceID = &id
	}
	return out
}

func (s *Server) handleViolationList(w http.ResponseWriter, r *http.Request) error {
	today := calendar.DateOf(s.deps.Now().In(vn))
	from, ok, err := queryDay(r, "from")
	if err != nil {
		return err
	}
	if !ok {
		from = calendar.Date{Year: today.Year, Month: time.January, Day: 1}
	}
	to, ok, err := queryDay(r, "to")
	if err != nil {
		return err
	}
	if !ok {
		to = today
	}
	if to.Before(from) {
		return apperr.Invalidf("to", "ngày cuối trước ngày đầu", "to is before from")
	}
	person, err := queryID(r, "person")
	if err != nil {
		return err
	}
	sub := subjectOf(r)
	list, err := s.deps.Store.AgencyViolations(r.Context(), sub.AgencyID, from, to)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	out := []violationResponse{}
	for _, v := range list {
		if (person == 0 || v.PersonID == person) && s.deps.Policy.Can(sub, t, review.ViewViolations, auth.Resource{UnitID: v.UnitID}) {
			out = append(out, toViolationResponse(v))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleViolationCreate(w http.ResponseWriter, r *http.Request) error {
	var q violationCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	sub := subjectOf(r)
	p, err := s.deps.Store.FindPersonByID(r.Context(), q.PersonID)
	if err != nil || len(p.Memberships) == 0 {
		return apperr.Invalidf("person_id", "không có cán bộ số %d đang công tác", "no serving person %d", q.PersonID)
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	unit := p.Memberships[0].UnitID
	if err := review.MayRecord(sub, t, s.deps.Policy, unit); err != nil {
		return err
	}
	v := review.Violation{AgencyID: p.AgencyID, PersonID: p.ID, UnitID: unit, Checklist: q.Checklist, ItemCode: q.Item, On: q.on,
		Severity: review.Severity(q.Severity), Note: q.Note}
	if q.EvidenceID != nil {
		if _, err := s.deps.ReadableFile(r.Context(), sub, *q.EvidenceID); err != nil {
			return apperr.Invalidf("evidence_file_id", "không có tệp số %d mà bạn được xem", "no file %d you may read", *q.EvidenceID)
		}
		v.EvidenceID = *q.EvidenceID
	}
	v, err = s.deps.Store.RecordViolation(r.Context(), actorOf(sub), v, func(v review.Violation) error {
		return review.MayRecord(sub, t, s.deps.Policy, v.UnitID)
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toViolationResponse(store.ViolationRow{Violation: v, Person: p.FullName}))
}

// checklistItem is one point of a checklist.
type checklistItem struct {
	Code string `json:"code" api:"required,max=30"`
	Text string `json:"text" api:"required,max=1000"`
}

// checklistRequest is the body of POST /api/v1/checklists.
type checklistRequest struct {
	Key   string          `json:"key" api:"required,max=30" doc:"ct09, qd733 or a key of the agency's own"`
	Basis string          `json:"basis" api:"required,max=1000" doc:"the text the checklist comes from"`
	From  string          `json:"from" api:"required,format=date" doc:"in force from this day"`
	Items []checklistItem `json:"items" api:"required"`

	c review.Checklist
}

// Validate builds the version.
func (q *checklistRequest) Validate() error {
	key := strings.ToLower(strings.TrimSpace(q.Key))
	if key == "" || len(key) > 30 || strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789_-") != "" {
		return apperr.Invalidf("key", "mã danh mục chỉ gồm chữ thường không dấu, số, - và _ (tối đa 30 ký tự)", "the key is lower-case letters, digits, - and _ (at most 30)")
	}
	basis, err := apperr.Text("basis", q.Basis, 3, 1000)
	if err != nil {
		return err
	}
	d, err := requireDate("from", q.From)
	if err != nil {
		return err
	}
	from, err := calendar.ParseDate(d)
	if err != nil {
		return apperr.Invalidf("from", "ngày không hợp lệ: %q", "invalid date: %q", q.From)
	}
	items, err := review.CleanItems(toItems(q.Items))
	if err != nil {
		return err
	}
	q.c = review.Checklist{Key: key, Basis: basis, From: from, Items: items, Unverified: true}
	return nil
}

func toItems(in []checklistItem) []review.Item {
	out := make([]review.Item, len(in))
	for i, it := range in {
		out[i] = review.Item{Code: it.Code, Text: it.Text}
	}
	return out
}

// checklistResponse is one version of a checklist.
type checklistResponse struct {
	Key        string          `json:"key"`
	Basis      string          `json:"basis"`
	From       string          `json:"from" api:"format=date"`
	Items      []checklistItem `json:"items"`
	Unverified bool            `json:"unverified" doc:"the contents are to be checked by the agency against the text"`
}

func toChecklistResponse(c review.Checklist) checklistResponse {
	out := checklistResponse{Key: c.Key, Basis: c.Basis, From: c.From.String(), Items: []checklistItem{}, Unverified: c.Unverified}
	for _, it := range c.Items {
		out.Items = append(out.Items, checklistItem{Code: it.Code, Text: it.Text})
	}
	return out
}

func (s *Server) handleChecklistList(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.deps.Store.Checklists(r.Context(), subjectOf(r).AgencyID)
	if err != nil {
		return err
	}
	out := []checklistResponse{}
	for _, c := range cs {
		out = append(out, toChecklistResponse(c))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleChecklistCreate(w http.ResponseWriter, r *http.Request) error {
	var q checklistRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if !s.deps.Policy.Can(sub, t, review.ManageChecklists, auth.Resource{UnitID: sub.AgencyID}) {
		return apperr.Forbiddenf("Chỉ quản trị viên hoặc Giám đốc Sở mới sửa danh mục kỷ luật, văn hóa công sở", "Only the administrator or the director edits the checklists")
	}
	if err := s.deps.Store.SaveChecklist(r.Context(), actorOf(sub), sub.AgencyID, q.c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toChecklistResponse(q.c))
}
