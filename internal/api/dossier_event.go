package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// dossierEventRequest is the body of POST /api/v1/dossiers/{code}/events:
// one action on the dossier.
type dossierEventRequest struct {
	Action string `json:"action" api:"required,enum=accept|refuse|forward|request_supplement|receive_supplement|request_payment|receive_payment|stop|resume|apologize|complete|return_result|withdraw|return_for_rework|consult|answer_consultation|extend|appraisal_report"`
	Note   string `json:"note" api:"max=2000"`
	Reason string `json:"reason" api:"max=4000" doc:"required to refuse, request a supplement (what to add and why), apologize, stop and return for rework (what to redo)"`
	At     string `json:"at" api:"format=date-time" doc:"when a paper step really happened (RFC 3339): never in the future nor before the previous event; now when omitted. The journal keeps both times."`
	// ToUnitID and ToPersonID name who receives the dossier on forward (and
	// optionally the desk clerk the result goes back to on complete).
	ToUnitID       int64           `json:"to_unit_id" doc:"forward: the next step's unit; may be omitted when the procedure fixes it"`
	ToPersonID     int64           `json:"to_person_id" doc:"forward: the person who takes the dossier"`
	NewDue         string          `json:"new_due" api:"format=date-time" doc:"apologize: the new appointment (RFC 3339)"`
	SupplementDays int             `json:"supplement_days" doc:"request_supplement: the applicant's deadline in working days"`
	ToStep         int             `json:"to_step" doc:"return_for_rework: the index of the earlier processing step (1 or more, before current_step) to send the dossier back to; 0 or omitted for the previous step. The step's unit and handler take it again."`
	Version        int             `json:"version" doc:"the version acted on, instead of If-Match"`
	Files          []attachRequest `json:"files" doc:"uploaded files (POST /api/v1/files) to attach with the event, in its own transaction: the result a completion brings, a supplement received, a decision. slot may be omitted: result for complete and return_result, supplement for receive_supplement, decision otherwise"`
	// The step actions (parallel consultation, appraisal report, extension).
	Branches   []branchAskWire `json:"branches" doc:"consult: the units asked at once, each with its own time in working days; only at a parallel step"`
	UnitID     int64           `json:"unit_id" doc:"answer_consultation: the consulted unit answering (the caller must work in it); may be omitted when the caller may answer for one unit only"`
	Verdict    string          `json:"verdict" api:"enum=|agree|conditional|disagree" doc:"answer_consultation: agree or disagree; appraisal_report: agree, conditional (agree with conditions) or disagree"`
	FileID     int64           `json:"file_id" doc:"answer_consultation, appraisal_report: a file from POST /api/v1/files (the opinion, the signed report)"`
	ExtendDays float64         `json:"extend_days" doc:"extend: the days added, in the unit of the dossier's time limit, at most its length; once only"`

	at, newDue time.Time
}

// Validate checks the request's shape; the domain checks the rest.
func (q *dossierEventRequest) Validate() error {
	q.Action = strings.TrimSpace(q.Action)
	names := make([]string, 0, len(dossier.Actions))
	for _, a := range dossier.Actions {
		if a != dossier.SubmitOnline && a != dossier.Receive {
			names = append(names, string(a))
		}
	}
	if err := oneOf("action", q.Action, names...); err != nil {
		return err
	}
	var err error
	if strings.TrimSpace(q.At) != "" {
		if q.at, err = requireInstant("at", q.At); err != nil {
			return err
		}
	}
	if strings.TrimSpace(q.NewDue) != "" {
		if q.newDue, err = requireInstant("new_due", q.NewDue); err != nil {
			return err
		}
	}
	if q.ToUnitID < 0 {
		return apperr.Invalidf("to_unit_id", "to_unit_id phải là số nguyên dương", "to_unit_id must be a positive whole number")
	}
	if q.ToPersonID < 0 {
		return apperr.Invalidf("to_person_id", "to_person_id phải là số nguyên dương", "to_person_id must be a positive whole number")
	}
	if q.ToStep < 0 {
		return apperr.Invalidf("to_step", "to_step phải là số nguyên không âm", "to_step must be a whole number, 0 or more")
	}
	for i, b := range q.Branches {
		if b.UnitID <= 0 {
			return apperr.Invalidf(fmt.Sprintf("branches[%d].unit_id", i), "đơn vị phải là số nguyên dương", "unit_id must be a positive whole number")
		}
		if !(b.Days > 0) || b.Days > 366 {
			return apperr.Invalidf(fmt.Sprintf("branches[%d].days", i), "thời hạn trả lời phải lớn hơn 0 và tối đa 366 ngày làm việc", "days must be more than 0 and at most 366")
		}
	}
	if q.UnitID < 0 || q.FileID < 0 {
		return apperr.Invalidf("unit_id", "unit_id và file_id phải là số nguyên dương", "unit_id and file_id must be positive whole numbers")
	}
	if q.Verdict != "" {
		if err := oneOf("verdict", q.Verdict, "agree", "conditional", "disagree"); err != nil {
			return err
		}
	}
	if q.ExtendDays < 0 || q.ExtendDays > 10000 {
		return apperr.Invalidf("extend_days", "số ngày gia hạn không hợp lệ", "invalid extend_days")
	}
	if q.Version < 0 {
		return apperr.Invalidf("version", "version phải là số nguyên dương", "version must be a positive whole number")
	}
	return nil
}

// dossierEventResponse answers an action: where the dossier stands now.
type dossierEventResponse struct {
	Code           string               `json:"code"`
	StatusCode     int                  `json:"status_code"`
	StatusLabel    bilingualLabel       `json:"status_label"`
	DueAt          *string              `json:"due_at" api:"format=date-time"`
	AppointedDueAt *string              `json:"appointed_due_at" api:"format=date-time"`
	PausedAt       *string              `json:"paused_at" api:"format=date-time"`
	CurrentStep    *int                 `json:"current_step" doc:"the index of the step holding the dossier; null once it is finished"`
	Classification timelinessWire       `json:"classification"`
	AllowedActions []string             `json:"allowed_actions"`
	Event          eventWire            `json:"event" doc:"the event just recorded"`
	Version        int                  `json:"version"`
	Files          []attachmentResponse `json:"files,omitempty" doc:"the files attached with the event (files in the request)"`
}

// eventSlot is the slot of a file attached with a dossier event when the
// request names none: the result of a completion, a supplement received,
// otherwise a decision.
func eventSlot(a dossier.Action) string {
	switch a {
	case dossier.Complete, dossier.ReturnResult:
		return file.SlotResult
	case dossier.ReceiveSupplement:
		return file.SlotSupplement
	}
	return file.SlotDecision
}

func (s *Server) handleDossierEvent(w http.ResponseWriter, r *http.Request) error {
	var req dossierEventRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	expected, err := parseIfMatch(r.Header.Get("If-Match"))
	if err != nil {
		return err
	}
	if req.Version != 0 {
		if expected != 0 && expected != req.Version {
			return apperr.Invalidf("version", "version (%d) khác tiêu đề If-Match (%d)", "version (%d) differs from the If-Match header (%d)", req.Version, expected)
		}
		expected = req.Version
	}
	rec, t, err := s.visibleDossierAt(r, expected)
	if err != nil {
		return err
	}
	subj := subjectOf(r)
	action := dossier.Action(req.Action)
	if err := dossier.CanAct(subj, t, s.deps.Policy, rec.State, rec.Procedure, action); err != nil {
		return err
	}
	ev := dossier.Event{Action: action, At: req.at, UnitID: s.actingUnit(subj, t, rec, action), ToUnitID: req.ToUnitID,
		ToPersonID: req.ToPersonID, Note: req.Note, Reason: req.Reason, SupplementDays: req.SupplementDays, ToStep: req.ToStep,
		Verdict: dossier.Verdict(req.Verdict), FileID: req.FileID, ExtendDays: req.ExtendDays}
	if err := s.stepActionFields(r, subj, t, rec, req, &ev); err != nil {
		return err
	}
	if !req.newDue.IsZero() {
		nd := req.newDue
		ev.NewDue = &nd
	}
	if req.ToUnitID != 0 {
		if u, ok := t.Unit(req.ToUnitID); !ok || !t.WithinAgency(u.ID, rec.AgencyID) || !u.Current() {
			return apperr.Invalidf("to_unit_id", "không có đơn vị số %d đang hoạt động trong cơ quan", "no current unit %d in the agency", req.ToUnitID)
		}
	}
	if req.ToPersonID != 0 {
		p, err := s.deps.Store.FindPersonWithoutMemberships(r.Context(), req.ToPersonID)
		if apperr.Is(err, apperr.NotFound) || err == nil && (p.AgencyID != rec.AgencyID || !p.Active) {
			return apperr.Invalidf("to_person_id", "không có cán bộ số %d đang làm việc tại cơ quan", "no active member of staff %d in the agency", req.ToPersonID)
		}
		if err != nil {
			return err
		}
		ev.ToPersonName = p.FullName
	}
	for i := range req.Files {
		if strings.TrimSpace(req.Files[i].Slot) == "" {
			req.Files[i].Slot = eventSlot(action)
		}
	}
	links, err := s.attachable(r, dossierTarget(rec), "files", req.Files)
	if err != nil {
		return err
	}
	// The permission was checked on rec's version: the event is applied to
	// rec, and if another handler moved the dossier meanwhile the write
	// fails with 409 rather than apply on the new state unchecked. The
	// files are attached in the event's transaction.
	rec, links, err = s.deps.Store.RecordDossierEventWithFiles(r.Context(), actorOf(subj), rec, expected, ev, links)
	if err != nil {
		return err
	}
	s.deps.MailDecision(rec, rec.Events[len(rec.Events)-1]) // an online applicant hears of the desk's answer
	st := rec.State
	lang := httpx.Lang(r)
	out := dossierEventResponse{Code: rec.Code, StatusCode: int(st.Status), StatusLabel: statusLabel(st.Status),
		DueAt: instantOrNil(st.StatutoryDue), AppointedDueAt: instantOrNil(st.AppointedDue),
		Classification: toTimelinessWire(judgeDossier(st, s.deps.Now()), lang), AllowedActions: []string{},
		Event: toEventWire(rec.Events[len(rec.Events)-1], lang), Version: st.Version}
	for _, l := range links {
		out.Files = append(out.Files, toAttachmentResponse(l))
	}
	if st.PausedAt != nil {
		out.PausedAt = instantOrNil(*st.PausedAt)
	}
	if cur, ok := st.Current(); ok && st.Open() {
		out.CurrentStep = &cur.Index
	}
	for _, a := range st.Allowed(rec.Procedure, dossier.DefaultRules(), s.deps.Now()) {
		out.AllowedActions = append(out.AllowedActions, string(a))
	}
	w.Header().Set("ETag", dossierETag(st.Version))
	return writeJSON(w, http.StatusOK, out)
}

// actingUnit is the unit an action is taken in, recorded on the event: the
// desk for the desk's actions, the current step's unit for the others,
// falling back on the caller's own unit.
func (s *Server) actingUnit(subj *auth.Subject, t *org.Tree, rec dossier.Record, a dossier.Action) int64 {
	st, p := rec.State, rec.Procedure
	switch a {
	case dossier.Receive, dossier.Accept, dossier.Refuse, dossier.ReturnResult, dossier.Withdraw:
		if len(st.Steps) > 0 && st.Steps[0].UnitID != 0 {
			return st.Steps[0].UnitID
		}
		if len(p.Steps) > 0 && p.Steps[0].UnitID != 0 {
			return p.Steps[0].UnitID
		}
		for _, g := range subj.Grants {
			if t.WithinAgency(g.UnitID, rec.AgencyID) && s.can(subj, t, dossier.PermIntake, g.UnitID) {
				return g.UnitID
			}
		}
	default:
		if cur, ok := st.Current(); ok && cur.UnitID != 0 {
			return cur.UnitID
		}
		if st.CurrentStep < len(p.Steps) && p.Steps[st.CurrentStep].UnitID != 0 {
			return p.Steps[st.CurrentStep].UnitID
		}
	}
	return subj.PrimaryUnit()
}
