package api

import (
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// The dossier as staff see it on the wire, and its converters.

// dossierResponse is one dossier with its history.
type dossierResponse struct {
	Code             string            `json:"code"`
	AgencyID         int64             `json:"agency_id"`
	LeadUnitID       int64             `json:"lead_unit_id" doc:"the unit answerable for it in the statistics"`
	StatusCode       int               `json:"status_code" doc:"national status 1–10"`
	StatusLabel      bilingualLabel    `json:"status_label"`
	Channel          string            `json:"channel" api:"enum=direct|online|postal"`
	Procedure        procedureResponse `json:"procedure" doc:"the procedure version the dossier follows"`
	Applicant        applicantWire     `json:"applicant"`
	Documents        []documentWire    `json:"documents"`
	Sets             int               `json:"sets"`
	SubmittedAt      *string           `json:"submitted_at" api:"format=date-time" doc:"an online filing's time"`
	ReceivedAt       *string           `json:"received_at" api:"format=date-time" doc:"when the clock started"`
	DueAt            *string           `json:"due_at" api:"format=date-time" doc:"the statutory due instant (hạn giải quyết), moved by pauses; the statistics judge by it"`
	AppointedDueAt   *string           `json:"appointed_due_at" api:"format=date-time" doc:"the return time promised to the applicant (ngày hẹn trả), moved by an apology"`
	SupplementDueAt  *string           `json:"supplement_due_at" api:"format=date-time" doc:"the applicant's deadline for the last supplement asked"`
	PausedAt         *string           `json:"paused_at" api:"format=date-time" doc:"when the running pause began (statuses 5, 6, 8)"`
	CompletedAt      *string           `json:"completed_at" api:"format=date-time"`
	ReturnedAt       *string           `json:"returned_at" api:"format=date-time"`
	RefusedAt        *string           `json:"refused_at" api:"format=date-time"`
	WithdrawnAt      *string           `json:"withdrawn_at" api:"format=date-time"`
	Apologies        int               `json:"apologies"`
	CurrentStep      *stepStateWire    `json:"current_step" doc:"the step holding the dossier; null before receipt"`
	Steps            []stepStateWire   `json:"steps" doc:"one per step of the procedure; steps not reached have no started_at"`
	Slip             []slipRowWire     `json:"slip" doc:"the rows of the process-control slip (phiếu kiểm soát quá trình giải quyết hồ sơ)"`
	Events           []eventWire       `json:"events"`
	Classification   timelinessWire    `json:"classification" doc:"a completed dossier: early, on_time or late against the statutory due (by dates); an open one: within_deadline or overdue today"`
	DueSoon          bool              `json:"due_soon" doc:"sắp đến hạn: open, not paused, due within 24 hours"`
	AllowedActions   []string          `json:"allowed_actions" doc:"what the state allows now (the caller's permission is checked when acting)"`
	Rating           *ratingWire       `json:"rating"`
	FormSet          string            `json:"form_set" doc:"TT01/2018 or TT03/2025"`
	ProcedureVersion int               `json:"procedure_version"`
	Version          int               `json:"version" doc:"send it back in If-Match when acting"`
	Appraisal        appraisalWire     `json:"appraisal" doc:"the project, own time limit, extensions, consultations and report of an appraisal (empty lists and 0 for a one-stop dossier)"`
}

// stepStateWire is one step of one dossier.
type stepStateWire struct {
	Index         int            `json:"index"`
	Name          string         `json:"name"`
	UnitID        int64          `json:"unit_id"`
	UnitName      string         `json:"unit_name"`
	Budget        float64        `json:"budget" doc:"working days"`
	HandlerID     int64          `json:"handler_id"`
	HandlerName   string         `json:"handler_name"`
	StartedAt     *string        `json:"started_at" api:"format=date-time"`
	EndedAt       *string        `json:"ended_at" api:"format=date-time"`
	DueAt         *string        `json:"due_at" api:"format=date-time"`
	SpentSeconds  int64          `json:"spent_seconds" doc:"working time spent, pauses excluded"`
	PausedSeconds int64          `json:"paused_seconds"`
	Result        timelinessWire `json:"result" doc:"the step's result by dates once it ended"`
	Note          string         `json:"note"`
}

// slipRowWire is one row of the process-control slip.
type slipRowWire struct {
	Body     string         `json:"body"`
	UnitID   int64          `json:"unit_id"`
	HandedAt *string        `json:"handed_at" api:"format=date-time"`
	Giver    string         `json:"giver"`
	Receiver string         `json:"receiver"`
	Result   timelinessWire `json:"result"`
	Note     string         `json:"note"`
}

// eventWire is one entry of a dossier's history.
type eventWire struct {
	Seq            int             `json:"seq"`
	Action         string          `json:"action"`
	ActionLabel    string          `json:"action_label"`
	At             string          `json:"at" api:"format=date-time" doc:"when it really happened"`
	RecordedAt     string          `json:"recorded_at" api:"format=date-time" doc:"when it was entered"`
	ActorID        int64           `json:"actor_id"`
	ActorName      string          `json:"actor_name"`
	UnitID         int64           `json:"unit_id"`
	ToUnitID       int64           `json:"to_unit_id"`
	ToPersonID     int64           `json:"to_person_id"`
	ToPersonName   string          `json:"to_person_name"`
	Channel        string          `json:"channel"`
	Note           string          `json:"note"`
	Reason         string          `json:"reason"`
	NewDue         *string         `json:"new_due" api:"format=date-time"`
	SupplementDays int             `json:"supplement_days"`
	ToStep         *int            `json:"to_step" doc:"return_for_rework: the index of the step the dossier went back to; null otherwise"`
	Branches       []branchAskWire `json:"branches" doc:"consult: the units asked"`
	Verdict        string          `json:"verdict" api:"enum=|agree|conditional|disagree"`
	FileID         int64           `json:"file_id"`
	ExtendDays     float64         `json:"extend_days"`
}

// timelinessWire is a timeliness judgement.
type timelinessWire struct {
	Code  string `json:"code" api:"enum=|early|on_time|late|within_deadline|overdue" doc:"empty while not judged"`
	Label string `json:"label" doc:"Trước hạn, Đúng hạn, Quá hạn, Trong hạn (or in English)"`
}

// ratingWire is the applicant's satisfaction.
type ratingWire struct {
	Rating  int    `json:"rating" doc:"1 satisfied, 2 acceptable, 3 dissatisfied"`
	Label   string `json:"label"`
	Comment string `json:"comment"`
	At      string `json:"at" api:"format=date-time"`
}

var timelinessCodes = map[dossier.Result]string{
	dossier.Early: "early", dossier.OnTime: "on_time", dossier.Late: "late",
	dossier.WithinDeadline: "within_deadline", dossier.Overdue: "overdue",
}

func toTimelinessWire(r dossier.Result, lang string) timelinessWire {
	return timelinessWire{Code: timelinessCodes[r], Label: r.Label(lang)}
}

// judgeDossier classifies a dossier at now: completed ones by Classify, open ones
// by ClassifyOpen on today's date.
func judgeDossier(st dossier.State, now time.Time) dossier.Result {
	if !st.CompletedAt.IsZero() {
		return dossier.Classify(st)
	}
	if st.Open() {
		return dossier.ClassifyOpen(st, calendar.DateOf(now))
	}
	return dossier.ResultNone
}

func (s *Server) toDossierResponse(rec dossier.Record, t *org.Tree, lang string) dossierResponse {
	st := rec.State
	now := s.deps.Now()
	a := rec.Applicant
	out := dossierResponse{Code: rec.Code, AgencyID: rec.AgencyID, LeadUnitID: rec.LeadUnitID,
		StatusCode: int(st.Status), StatusLabel: statusLabel(st.Status), Channel: string(rec.Channel),
		Procedure: toProcedureResponse(rec.Procedure, lang),
		Applicant: applicantWire{Name: a.Name, IDNumber: a.IDNumber, Phone: a.Phone, Address: a.Address, Email: a.Email, Organization: a.Organization},
		Documents: toDocumentWires(rec.Documents), Sets: rec.Sets,
		SubmittedAt: instantOrNil(st.SubmittedAt), ReceivedAt: instantOrNil(st.ReceivedAt), DueAt: instantOrNil(st.StatutoryDue),
		AppointedDueAt: instantOrNil(st.AppointedDue), SupplementDueAt: instantOrNil(st.SupplementDue),
		CompletedAt: instantOrNil(st.CompletedAt), ReturnedAt: instantOrNil(st.ReturnedAt), RefusedAt: instantOrNil(st.RefusedAt),
		WithdrawnAt: instantOrNil(st.WithdrawnAt), Apologies: st.Apologies,
		Steps: []stepStateWire{}, Slip: []slipRowWire{}, Events: make([]eventWire, 0, len(rec.Events)),
		Classification: toTimelinessWire(judgeDossier(st, now), lang), DueSoon: dossier.DueSoon(st, now), AllowedActions: []string{},
		FormSet:          dossier.FormSetFor(calendar.DateOf(firstInstant(st.ReceivedAt, st.SubmittedAt, rec.CreatedAt))).ID,
		ProcedureVersion: rec.Procedure.Version, Version: st.Version}
	if st.PausedAt != nil {
		out.PausedAt = instantOrNil(*st.PausedAt)
	}
	unitName := func(id int64) string {
		if u, ok := t.Unit(id); ok {
			return u.Name
		}
		return ""
	}
	for _, r := range st.Steps {
		out.Steps = append(out.Steps, stepStateWire{Index: r.Index, Name: r.Name, UnitID: r.UnitID, UnitName: unitName(r.UnitID),
			Budget: r.Budget, HandlerID: r.Handler.ID, HandlerName: r.Handler.Name, StartedAt: instantOrNil(r.StartedAt),
			EndedAt: instantOrNil(r.EndedAt), DueAt: instantOrNil(r.Due), SpentSeconds: int64(r.Spent / time.Second),
			PausedSeconds: int64(r.Paused / time.Second), Result: toTimelinessWire(r.Result, lang), Note: r.Note})
	}
	if cur, ok := st.Current(); ok && st.Open() {
		c := out.Steps[cur.Index]
		out.CurrentStep = &c
	}
	for _, row := range dossier.Slip(st) {
		out.Slip = append(out.Slip, slipRowWire{Body: row.Body, UnitID: row.UnitID, HandedAt: instantOrNil(row.HandedAt),
			Giver: row.Giver, Receiver: row.Receiver, Result: toTimelinessWire(row.Result, lang), Note: row.Note})
	}
	for _, ev := range rec.Events {
		out.Events = append(out.Events, toEventWire(ev, lang))
	}
	for _, act := range st.Allowed(rec.Procedure, dossier.DefaultRules(), now) {
		out.AllowedActions = append(out.AllowedActions, string(act))
	}
	out.Appraisal = toAppraisalWire(rec, t, now, lang)
	if rec.Rating != nil {
		out.Rating = &ratingWire{Rating: int(rec.Rating.Score), Label: rec.Rating.Score.Label(lang), Comment: rec.Rating.Comment, At: instant(rec.Rating.At)}
	}
	return out
}

func toEventWire(ev dossier.Event, lang string) eventWire {
	out := eventWire{Seq: ev.Seq, Action: string(ev.Action), ActionLabel: ev.Action.Label(lang), At: instant(ev.At),
		RecordedAt: instant(ev.RecordedAt), ActorID: ev.ActorID, ActorName: ev.ActorName, UnitID: ev.UnitID,
		ToUnitID: ev.ToUnitID, ToPersonID: ev.ToPersonID, ToPersonName: ev.ToPersonName, Channel: string(ev.Channel),
		Note: ev.Note, Reason: ev.Reason, SupplementDays: ev.SupplementDays, Branches: []branchAskWire{},
		Verdict: string(ev.Verdict), FileID: ev.FileID, ExtendDays: ev.ExtendDays}
	for _, b := range ev.Branches {
		out.Branches = append(out.Branches, branchAskWire{UnitID: b.UnitID, Days: b.Days})
	}
	if ev.NewDue != nil {
		out.NewDue = instantOrNil(*ev.NewDue)
	}
	if ev.Action == dossier.ReturnForRework {
		to := ev.ToStep
		out.ToStep = &to
	}
	return out
}

// dossierSummaryResponse is a dossier as lists show it.
type dossierSummaryResponse struct {
	Code           string         `json:"code"`
	ProcedureCode  string         `json:"procedure_code"`
	ProcedureName  string         `json:"procedure_name"`
	ApplicantName  string         `json:"applicant_name"`
	StatusCode     int            `json:"status_code"`
	StatusLabel    bilingualLabel `json:"status_label"`
	Channel        string         `json:"channel"`
	ReceivedAt     *string        `json:"received_at" api:"format=date-time"`
	DueAt          *string        `json:"due_at" api:"format=date-time"`
	AppointedDueAt *string        `json:"appointed_due_at" api:"format=date-time"`
	Paused         bool           `json:"paused"`
	CurrentUnitID  int64          `json:"current_unit_id"`
	HandlerID      int64          `json:"handler_id"`
	LeadUnitID     int64          `json:"lead_unit_id"`
	CompletedAt    *string        `json:"completed_at" api:"format=date-time"`
	Result         timelinessWire `json:"result" doc:"for a completed dossier: early, on_time or late"`
	Overdue        bool           `json:"overdue" doc:"open and past its statutory due now"`
	DueSoon        bool           `json:"due_soon" doc:"open, not paused, due within 24 hours"`
	Version        int            `json:"version"`
}

func toSummaryResponse(d dossier.Summary, now time.Time, lang string) dossierSummaryResponse {
	open := d.Status.Open()
	paused := d.PausedAt != nil
	out := dossierSummaryResponse{Code: d.Code, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName,
		ApplicantName: d.ApplicantName, StatusCode: int(d.Status), StatusLabel: statusLabel(d.Status), Channel: string(d.Channel),
		ReceivedAt: instantOrNil(d.ReceivedAt), DueAt: instantOrNil(d.StatutoryDue), AppointedDueAt: instantOrNil(d.AppointedDue),
		Paused: paused, CurrentUnitID: d.CurrentUnitID, HandlerID: d.HandlerID, LeadUnitID: d.LeadUnitID,
		CompletedAt: instantOrNil(d.CompletedAt), Result: toTimelinessWire(d.Result, lang), Version: d.Version}
	if open && !d.StatutoryDue.IsZero() {
		// As dossier.ClassifyOpen: a clock stopped before the due keeps it in time.
		out.Overdue = d.StatutoryDue.Before(now) && !(paused && d.PausedAt.Before(d.StatutoryDue))
		left := d.StatutoryDue.Sub(now)
		out.DueSoon = !paused && left > 0 && left <= 24*time.Hour
	}
	return out
}
