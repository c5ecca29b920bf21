package web

import (
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/org"
	"congvu/internal/store"
)

// DossierPage is one dossier (hồ sơ): its header, the history of events,
// the process-control slip (phiếu kiểm soát quá trình giải quyết hồ sơ),
// the forms to print, and the actions the user may take now.
type DossierPage struct {
	BasePage
	Rec       dossier.Record
	Current   *dossier.StepRecord // the step holding the dossier, nil before receipt or once closed
	Slip      []dossier.SlipRow
	Row       DossierRow // the deadline judged now
	Actions   []*ActionForm
	Forms     []FormLink
	Conflict  string // a message about the whole page: a stale version, an action refused
	Result    dossier.Result
	StepCount int
	// Secret is the lookup secret just given (intake or reissue), to print
	// on the receipt; CanReissue offers a new one to the desk later.
	Secret     string
	CanReissue bool
	// StepRole names who takes the current step when the procedure
	// assigns it to a role ("Trưởng phòng"), "" otherwise.
	StepRole string
	Files    *Attachments // its attached files (files.go)
	// Appraisal is the consultations, report and limit of an appraisal
	// (dossier_branch.go), nil for a plain one-stop dossier.
	Appraisal *AppraisalBox
	// Lessons are the lessons learned on dossiers of the same procedure (lesson.go).
	Lessons LessonBox
}

// ActionForm is the small form of one action on the dossier page.
type ActionForm struct {
	Action  dossier.Action
	Label   string
	Version int
	Form    *Form
	// What the form asks for besides a note and the time of a paper record.
	Reason, NeedsReason, Days, NewDue, Forward bool
	Units                                      []UnitOption // forward: the units the next step may go to
	People                                     []PersonOption
	NextStep                                   string
	// Rework offers the earlier steps a return for rework may go back to,
	// the previous one first (rework.go).
	Rework      bool
	ReworkSteps []StepOption
	// The step actions (dossier_branch.go): the units to consult with each
	// one's days, the verdicts, an extension's days, a file to attach.
	Consult, ExtendDays, File bool
	Verdicts                  []VerdictOption
}

// PersonOption is a member of staff in a select box.
type PersonOption struct {
	ID    int64
	Label string
}

// FormLink is one printable form of the dossier.
type FormLink struct {
	Href, Code, Title string
}

// eventFields are the fields of the action forms.
var eventFields = []string{"action", "version", "at", "note", "reason", "supplement_days", "new_due", "to_unit_id", "to_person_id", "to_step",
	"branch_unit", "unit_id", "verdict", "extend_days", "file"}

// actionFailure is a submitted action form to show again with its error.
type actionFailure struct {
	action   dossier.Action
	form     *Form
	conflict string
}

func (s *Server) handleDossierView(w http.ResponseWriter, r *http.Request) error {
	return s.dossierPage(w, r, http.StatusOK, nil)
}

// dossierPage loads and shows a dossier; failed, when set, is the action
// form that was just refused, shown with its message.
func (s *Server) dossierPage(w http.ResponseWriter, r *http.Request, status int, failed *actionFailure) error {
	code, err := dossierCode(r)
	if err != nil {
		return err
	}
	fresh := freshSecret(r, code) // before base() takes the message
	b, err := s.base(w, r, "dossier.title")
	if err != nil {
		return err
	}
	rec, err := s.deps.Store.FindDossierByCode(r.Context(), code)
	if err != nil {
		return err
	}
	if err := dossier.CanView(b.User, b.tree, s.deps.Policy, rec.State, rec.Procedure); err != nil {
		return dossier.Hide(err, code)
	}
	b.Title = b.T("dossier.title.code", rec.Code)
	b.Path = "/dossiers/" + rec.Code
	p := &DossierPage{BasePage: b, Rec: rec, Slip: dossier.Slip(rec.State), Result: dossier.Classify(rec.State), StepCount: len(rec.Procedure.Steps)}
	if cur, ok := rec.State.Current(); ok && rec.State.Status.Open() {
		p.Current = &cur
		if cur.Index < len(rec.Procedure.Steps) {
			if role := rec.Procedure.Steps[cur.Index].Role; role != "" && role != org.RoleClerk {
				p.StepRole = role.Label(b.Lang)
			}
		}
	}
	if !rec.State.ReceivedAt.IsZero() {
		p.Secret = fresh
		p.CanReissue = dossier.CanReissueSecret(b.User, b.tree, s.deps.Policy, rec.State, rec.Procedure) == nil
	}
	rows, err := s.dossierRows(r.Context(), b.Lang, rec.AgencyID, []dossier.Summary{{Status: rec.State.Status,
		StatutoryDue: rec.State.StatutoryDue, PausedAt: rec.State.PausedAt}})
	if err != nil {
		return err
	}
	p.Row = rows[0]
	p.Forms = formLinks(rec, b.Lang)
	p.Appraisal = appraisalBox(&p.BasePage, rec, s.deps.Now())
	if p.Lessons, err = s.lessonBox(r.Context(), &p.BasePage, store.LessonFilter{ProcedureCode: rec.Procedure.Code}, inspection.LinkDossier, rec.Code); err != nil {
		return err
	}
	if p.Actions, err = s.actionForms(r, &p.BasePage, rec); err != nil {
		return err
	}
	action := ""
	if dossier.CanAct(b.User, b.tree, s.deps.Policy, rec.State, rec.Procedure, dossier.Complete) == nil {
		action = "/dossiers/" + rec.Code + "/files"
	}
	if p.Files, err = s.attachments(r, &p.BasePage, file.KindDossier, rec.Code, action, dossierSlots(rec), rec.Documents); err != nil {
		return err
	}
	if failed != nil {
		p.Conflict = failed.conflict
		for _, a := range p.Actions {
			if a.Action == failed.action && failed.form != nil {
				a.Form = failed.form
				a.Form.Values.Set("version", strconv.Itoa(rec.State.Version))
			}
		}
	}
	return s.render(w, status, "dossier", p)
}

// actionForms lists the actions the user may take now: those the state
// allows (dossier.State.Allowed) that the policy lets them take
// (dossier.CanAct). Receive and submit_online start a dossier and are never
// offered here.
func (s *Server) actionForms(r *http.Request, b *BasePage, rec dossier.Record) ([]*ActionForm, error) {
	st, proc := rec.State, rec.Procedure
	var out []*ActionForm
	for _, a := range st.Allowed(proc, dossier.DefaultRules(), s.deps.Now()) {
		if a == dossier.Receive || a == dossier.SubmitOnline {
			continue
		}
		if dossier.CanAct(b.User, b.tree, s.deps.Policy, st, proc, a) != nil {
			continue
		}
		f := &ActionForm{Action: a, Label: a.Label(b.Lang), Version: st.Version, Form: newForm(nil, eventFields...),
			NeedsReason: a.NeedsReason(), Reason: a.NeedsReason() || a == dossier.RequestPayment,
			Days: a == dossier.RequestSupplement, NewDue: a == dossier.Apologize, Forward: a == dossier.Forward}
		f.Form.Values.Set("version", strconv.Itoa(st.Version))
		if f.Forward {
			if err := s.forwardTargets(r, b, rec, f); err != nil {
				return nil, err
			}
		}
		if a == dossier.ReturnForRework {
			reworkTargets(b, rec, f)
		}
		branchForm(b, s.deps.Policy, rec, f)
		out = append(out, f)
	}
	orderDossierActions(out)
	return out, nil
}

// forwardTargets fills the units and people a forward may name: the next
// step's unit when the procedure fixes it, else any unit of the agency.
func (s *Server) forwardTargets(r *http.Request, b *BasePage, rec dossier.Record, f *ActionForm) error {
	next := rec.Procedure.Steps[rec.State.CurrentStep+1]
	f.NextStep = next.Name
	pf := org.PersonFilter{OnlyActive: true, Limit: 300}
	if next.UnitID != 0 {
		f.Units = []UnitOption{{ID: next.UnitID, Label: b.UnitName(next.UnitID)}}
		f.Form.Values.Set("to_unit_id", strconv.FormatInt(next.UnitID, 10))
		pf.UnitID, pf.Subtree = &next.UnitID, true
	} else {
		for _, o := range unitOptions(b.tree) {
			if b.tree.WithinAgency(o.ID, rec.AgencyID) && o.ID != rec.AgencyID {
				f.Units = append(f.Units, o)
			}
		}
		pf.AgencyIDs = []int64{rec.AgencyID}
	}
	people, err := s.deps.Store.FindPeople(r.Context(), pf)
	if err != nil {
		return err
	}
	for _, person := range people {
		label := person.FullName
		if len(person.Memberships) > 0 {
			m := person.Memberships[0]
			label += " — " + m.Role.Label(b.Lang) + ", " + b.UnitName(m.UnitID)
		}
		f.People = append(f.People, PersonOption{ID: person.ID, Label: label})
	}
	// Back to the desk: offer the clerk who received the dossier first.
	if next.Role == org.RoleClerk && len(rec.State.Steps) > 0 {
		f.Form.Values.Set("to_person_id", strconv.FormatInt(rec.State.Steps[0].Handler.ID, 10))
	}
	return nil
}

// ShowRecorded reports whether an event was entered noticeably later than
// it happened (a paper record), so that both times are shown.
func (p *DossierPage) ShowRecorded(ev dossier.Event) bool {
	return fmtDate(ev.At)+fmtTime(ev.At) != fmtDate(ev.RecordedAt)+fmtTime(ev.RecordedAt)
}

// handleDossierEvent records one action posted from the dossier page.
func (s *Server) handleDossierEvent(w http.ResponseWriter, r *http.Request) error {
	code, err := dossierCode(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	lang := httpx.Lang(r)
	f := newForm(r.PostForm, eventFields...)
	action := dossier.Action(f.Get("action"))
	if !action.Valid() || action == dossier.Receive || action == dossier.SubmitOnline {
		return invalid("action", "dossier.err.action")
	}
	// One the user may not see is not found; one they may see but not act
	// on is refused (403).
	sub, tree, rec, err := s.visibleDossier(r, code)
	if err != nil {
		return err
	}
	if err := dossier.CanAct(sub, tree, s.deps.Policy, rec.State, rec.Procedure, action); err != nil {
		return err
	}
	version, err := strconv.Atoi(f.Get("version"))
	if err != nil || version < 1 {
		return invalid("version", "dossier.err.version")
	}
	if version != rec.State.Version {
		return s.dossierPage(w, r, http.StatusConflict, &actionFailure{conflict: T(lang, "dossier.stale", version, rec.State.Version)})
	}
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, lang)
		af := &actionFailure{action: action, form: f}
		if apperr.CodeOf(err) == apperr.Conflict {
			af.conflict = apperr.As(err).Message(lang)
		}
		return s.dossierPage(w, r, httpx.Status(err), af)
	}
	if (&ActionForm{Action: action}).Confirm() {
		if err := confirmed(r); err != nil {
			return fail(err)
		}
	}
	ev, err := s.eventFromForm(r, f, rec, action)
	if err != nil {
		return fail(err)
	}
	after, err := s.deps.Store.RecordDossierEventOn(r.Context(), actor(sub), rec, version, ev)
	if err != nil {
		return fail(err)
	}
	if n := len(after.Events); n > 0 {
		s.deps.MailDecision(after, after.Events[n-1]) // an online applicant hears of the desk's answer
	}
	s.flash(w, "flash.dossier.done."+string(action), code)
	return redirect(w, r, "/dossiers/"+code)
}

// eventFromForm builds the event an action form describes. The acting unit
// is the desk for the desk's actions and the current step's otherwise.
func (s *Server) eventFromForm(r *http.Request, f *Form, rec dossier.Record, a dossier.Action) (dossier.Event, error) {
	ev := dossier.Event{Action: a, Note: f.Get("note"), Reason: f.Get("reason")}
	var err error
	if ev.At, err = parseInstant("at", f.Get("at")); err != nil {
		return ev, err
	}
	if !ev.At.IsZero() && ev.At.After(s.deps.Now()) {
		return ev, invalid("at", "dossier.err.future")
	}
	switch a {
	case dossier.Accept, dossier.Refuse, dossier.ReturnResult, dossier.Withdraw:
		if len(rec.State.Steps) > 0 {
			ev.UnitID = rec.State.Steps[0].UnitID
		} else if len(rec.Procedure.Steps) > 0 {
			ev.UnitID = rec.Procedure.Steps[0].UnitID
		}
	default:
		if cur, ok := rec.State.Current(); ok {
			ev.UnitID = cur.UnitID
		}
		// Papers or a payment brought to the counter are taken by the desk.
		if a == dossier.ReceiveSupplement || a == dossier.ReceivePayment {
			if sub := httpx.SubjectFrom(r.Context()); sub != nil && len(rec.State.Steps) > 0 {
				for _, g := range sub.Grants {
					if g.Role == org.RoleClerk && g.UnitID != 0 && g.UnitID == rec.State.Steps[0].UnitID {
						ev.UnitID = g.UnitID
					}
				}
			}
		}
	}
	switch a {
	case dossier.RequestSupplement:
		if v := f.Get("supplement_days"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return ev, invalid("supplement_days", "dossier.err.days")
			}
			ev.SupplementDays = n
		}
	case dossier.Apologize:
		due, err := parseInstant("new_due", f.Get("new_due"))
		if err != nil {
			return ev, err
		}
		if due.IsZero() {
			return ev, invalid("new_due", "dossier.err.newdue")
		}
		ev.NewDue = &due
	case dossier.Forward:
		if v := f.Get("to_unit_id"); v != "" {
			if ev.ToUnitID, err = f.Int64("to_unit_id"); err != nil {
				return ev, err
			}
		}
		pid, err := f.Int64("to_person_id")
		if err != nil {
			return ev, err
		}
		person, err := s.deps.Store.FindPersonByID(r.Context(), pid)
		if err != nil {
			return ev, invalid("to_person_id", "err.choose")
		}
		ev.ToPersonID, ev.ToPersonName = person.ID, person.FullName
	case dossier.ReturnForRework:
		if ev.ToStep, err = reworkStepFromForm(f); err != nil {
			return ev, err
		}
	}
	if err := s.branchEvent(r, f, rec, &ev); err != nil {
		return ev, err
	}
	return ev, nil
}

// formLinks lists the forms of the dossier's form set that its history has
// issued: the receipt once received, the slip always, the others once the
// action that issues them was taken.
func formLinks(rec dossier.Record, lang string) []FormLink {
	day := formDay(rec)
	if day.IsZero() {
		return nil
	}
	fs := dossier.FormSetFor(calendar.DateOf(day))
	done := map[dossier.Action]bool{}
	for _, ev := range rec.Events {
		done[ev.Action] = true
	}
	var out []FormLink
	for _, f := range fs.Forms {
		show := false
		switch f.Purpose {
		case dossier.PurposeReceipt, dossier.PurposeSlip:
			show = !rec.State.ReceivedAt.IsZero() // not of an online dossier never received
		case dossier.PurposeBook:
			show = false
		default:
			for _, a := range f.Actions {
				show = show || done[a]
			}
		}
		if !show {
			continue
		}
		title := f.Title
		if lang == "en" {
			title = f.TitleEN
		}
		out = append(out, FormLink{Href: "/dossiers/" + rec.Code + "/forms/" + f.Code() + ".pdf", Code: f.Code(), Title: title})
	}
	return out
}

// lastEvent returns the latest event of an action, if any.
func lastEvent(rec dossier.Record, a dossier.Action) (dossier.Event, bool) {
	for i := len(rec.Events) - 1; i >= 0; i-- {
		if rec.Events[i].Action == a {
			return rec.Events[i], true
		}
	}
	return dossier.Event{}, false
}

// StepNo is the current step's number, from 1.
func (p *DossierPage) StepNo() int {
	if p.Current == nil {
		return 0
	}
	return p.Current.Index + 1
}

// NewDueOf is an apology's new appointment as text, or "".
func (p *DossierPage) NewDueOf(ev dossier.Event) string {
	if ev.NewDue == nil {
		return ""
	}
	return fmtDate(*ev.NewDue) + " " + fmtTime(*ev.NewDue)
}
