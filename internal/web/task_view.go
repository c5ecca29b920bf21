package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// TaskPage is one task (nhiệm vụ): its header (state, lead, assigner,
// deadlines, the working time left, progress), what is to be delivered,
// the checklist, the timeline of events, the obstacles, the extension
// requests, the reviews and the objective-cause exemptions, and a form for
// each action the user may take now.
type TaskPage struct {
	BasePage
	H            work.TaskWithHistory
	Row          TaskRow
	Coordinators []CoordView
	PlanTitle    string
	ParentTitle  string
	Events       []EventView
	Obstacles    []ObstacleView
	Extensions   []ExtensionView
	Reviews      []ReviewView
	Exemptions   []ExemptionView
	Actions      []*TaskActionForm
	Conflict     string       // a message about the page as a whole: a stale version, an action refused
	Extended     bool         // the deadline was moved by an approved extension
	Files        *Attachments // its reports and products (files_task.go)
	Lessons      LessonBox    // the lessons learned on tasks of the same plan (lesson.go)
}

// CoordView is a coordinating unit and its person.
type CoordView struct {
	Unit, Person string
}

// EventView is one event of the timeline.
type EventView struct {
	work.Event
	Actor  string
	Label  string
	Pct    int // the percentage reported, when HasPct
	HasPct bool
}

// ObstacleView is an obstacle with the people's names.
type ObstacleView struct {
	work.Obstacle
	RaisedByName, ResolvedByName string
}

// ExtensionView is an extension request with the people's names.
type ExtensionView struct {
	work.Extension
	RequestedByName, DecidedByName string
}

// ReviewView is a review with the reviewer's name.
type ReviewView struct {
	work.Review
	ReviewerName string
}

// ExemptionView is an exemption with the confirming person's name.
type ExemptionView struct {
	work.Exemption
	ConfirmedByName string
}

// TaskActionForm is the small form of one action on the task page.
type TaskActionForm struct {
	Action work.Action
	Label  string
	Form   *Form
	// What the form asks for.
	Note, NoteRequired, Percent, Ticks, Attachments, Reason, ReasonRequired, Ref, Deadline, Decide, Kind bool
	Open                                                                                                 []work.Obstacle      // resolve: the open obstacles
	Items                                                                                                []TickItem           // report_progress: the checklist items not yet done
	Pending                                                                                              *work.Extension      // decide: the request
	Kinds                                                                                                []work.ExemptionKind // confirm: what may be exempted now
}

// TickItem is a checklist item offered for ticking.
type TickItem struct {
	I    int
	Text string
}

// taskEventFields are the fields of the action forms.
var taskEventFields = []string{"action", "version", "note", "percent", "tick", "attachments", "reason", "ref", "deadline", "approved", "kind"}

// taskFailure is a submitted action form to show again with its error.
type taskFailure struct {
	action   work.Action
	form     *Form
	conflict string
}

func (s *Server) handleTaskView(w http.ResponseWriter, r *http.Request) error {
	return s.taskPage(w, r, http.StatusOK, nil)
}

// taskPage loads and shows a task; failed, when set, is the action form
// that was just refused, shown with its message.
func (s *Server) taskPage(w http.ResponseWriter, r *http.Request, status int, failed *taskFailure) error {
	b, err := s.base(w, r, "task.title")
	if err != nil {
		return err
	}
	h, err := s.visibleTask(r, &b)
	if err != nil {
		return err
	}
	ctx := r.Context()
	t := h.Task
	b.Title = t.Title
	b.Path = "/tasks/" + strconv.FormatInt(t.ID, 10)
	n := s.names(ctx)
	row, err := s.judge(ctx, b.Lang).row(n, store.TaskSummary{Task: t, CompletedAt: h.CompletedAt})
	if err != nil {
		return err
	}
	p := &TaskPage{BasePage: b, H: h, Row: row, Extended: !t.Deadline.Equal(t.OriginalDeadline)}
	var plan int64
	if t.PlanID != nil {
		plan = *t.PlanID
	}
	if p.Lessons, err = s.lessonBox(ctx, &p.BasePage, store.LessonFilter{PlanID: plan}, inspection.LinkTask, strconv.FormatInt(t.ID, 10)); err != nil {
		return err
	}
	for _, c := range t.Coordinators {
		v := CoordView{Unit: b.UnitName(c.UnitID)}
		if c.PersonID != nil {
			v.Person = n.name(*c.PersonID)
		}
		p.Coordinators = append(p.Coordinators, v)
	}
	if p.Files, err = s.taskAttachments(r, &p.BasePage, t); err != nil {
		return err
	}
	if t.PlanID != nil {
		if d, err := s.deps.Store.FindPlanByID(ctx, *t.PlanID); err == nil {
			p.PlanTitle = d.Plan.Title
		}
	}
	if t.ParentID != nil {
		if ph, err := s.deps.Store.FindTaskByID(ctx, *t.ParentID); err == nil {
			p.ParentTitle = ph.Task.Title
		}
	}
	for i := len(h.Events) - 1; i >= 0; i-- { // the latest first
		ev := h.Events[i]
		actorName := n.name(ev.ActorID)
		if ev.ActorID == 0 {
			actorName = b.T("task.system")
		}
		v := EventView{Event: ev, Actor: actorName, Label: ev.Action.Label(b.Lang)}
		if ev.Percent != nil {
			v.Pct, v.HasPct = *ev.Percent, true
		}
		p.Events = append(p.Events, v)
	}
	for _, o := range h.Obstacles {
		p.Obstacles = append(p.Obstacles, ObstacleView{Obstacle: o, RaisedByName: n.name(o.RaisedBy), ResolvedByName: n.name(o.ResolvedBy)})
	}
	for _, x := range h.Extensions {
		p.Extensions = append(p.Extensions, ExtensionView{Extension: x, RequestedByName: n.name(x.RequestedBy), DecidedByName: n.name(x.DecidedBy)})
	}
	for _, v := range h.Reviews {
		p.Reviews = append(p.Reviews, ReviewView{Review: v, ReviewerName: n.name(v.ReviewerID)})
	}
	for _, x := range h.Exemptions {
		p.Exemptions = append(p.Exemptions, ExemptionView{Exemption: x, ConfirmedByName: n.name(x.ConfirmedBy)})
	}
	if p.Actions, err = s.taskActions(ctx, &p.BasePage, h); err != nil {
		return err
	}
	if failed != nil {
		p.Conflict = failed.conflict
		for _, a := range p.Actions {
			if a.Action == failed.action && failed.form != nil {
				a.Form = failed.form
			}
		}
	}
	for _, a := range p.Actions {
		a.Form.Values.Set("version", strconv.Itoa(t.Version))
	}
	return s.render(w, status, "task", p)
}

// taskActions lists the actions the user may take now: those the task's
// state allows (work.Allowed) that work.Apply would let them take in their
// part in the task (a dry run: only a Forbidden answer hides a form), and
// that have something to act on.
func (s *Server) taskActions(ctx context.Context, b *BasePage, h work.TaskWithHistory) ([]*TaskActionForm, error) {
	t := h.Task
	superior, err := s.superiorOfAssigner(ctx, b, t)
	if err != nil {
		return nil, err
	}
	who := work.Actor{PersonID: b.User.PersonID, SuperiorOfAssigner: superior}
	now := s.deps.Now()
	if n := len(h.Events); n > 0 && now.Before(h.Events[n-1].At) {
		now = h.Events[n-1].At
	}
	pending, hasPending := h.PendingExtension()
	var out []*TaskActionForm
	for _, a := range work.Allowed(t.State) {
		if a == work.ActionEscalate {
			continue // congvu's own
		}
		if _, _, err := work.Apply(h, work.Event{Action: a}, who, now); apperr.CodeOf(err) == apperr.Forbidden {
			continue
		}
		f := &TaskActionForm{Action: a, Label: a.Label(b.Lang), Form: newForm(nil, taskEventFields...)}
		lead := b.User.PersonID == t.LeadPersonID
		switch a {
		case work.ActionStart:
			f.Note = true
		case work.ActionReportProgress:
			f.Note, f.Attachments = true, true
			if lead {
				f.Percent, f.Reason = true, true
				for i, c := range t.Checklist {
					if !c.Done {
						f.Items = append(f.Items, TickItem{I: i, Text: c.Text})
					}
				}
				f.Ticks = len(f.Items) > 0
				f.Form.Values.Set("percent", strconv.Itoa(t.Progress))
			}
		case work.ActionRaiseObstacle, work.ActionSubmit:
			f.Note, f.NoteRequired = true, true
			f.Attachments = a == work.ActionSubmit
		case work.ActionResolveObstacle:
			f.Note, f.NoteRequired, f.Open = true, true, h.OpenObstacles()
			f.Ref = len(f.Open) > 1
		case work.ActionRequestExtension:
			if hasPending {
				continue
			}
			f.Deadline, f.Reason, f.ReasonRequired = true, true, true
		case work.ActionDecideExtension:
			if !hasPending {
				continue
			}
			f.Decide, f.Deadline, f.Reason, f.Pending = true, true, true, &pending
			f.Form.Values.Set("deadline", calendar.DateOf(pending.Proposed).String())
			f.Form.Values.Set("approved", "yes")
		case work.ActionAccept:
			f.Note = true
		case work.ActionReturn, work.ActionCancel:
			f.Reason, f.ReasonRequired = true, true
		case work.ActionConfirmCause:
			if h.TimelinessAt(now) == work.Late && !h.DelayExempted() {
				f.Kinds = append(f.Kinds, work.ExemptDelay)
			}
			if failed, exempted := h.FailedReviews(); failed > exempted {
				f.Kinds = append(f.Kinds, work.ExemptReview)
			}
			if len(f.Kinds) == 0 {
				continue
			}
			f.Kind, f.Reason, f.ReasonRequired = true, true, true
		}
		out = append(out, f)
	}
	orderTaskActions(out)
	return out, nil
}

// superiorOfAssigner approximates, for offering forms, what the store
// establishes when the action is taken: the user directs the task's agency,
// or heads (deputy-heads) a unit at or above one of the assigner's where
// the assigner ranks lower.
func (s *Server) superiorOfAssigner(ctx context.Context, b *BasePage, t work.Task) (bool, error) {
	if b.User.PersonID == t.AssignerID {
		return false, nil
	}
	var assigner *org.Person
	for _, g := range b.User.Grants {
		u, ok := b.tree.Unit(g.UnitID)
		if !ok {
			continue
		}
		switch g.Role {
		case org.RoleDirector, org.RoleDeputyDirector:
			if u.AgencyID == t.AgencyID || u.ID == t.AgencyID {
				return true, nil
			}
		case org.RoleHead, org.RoleDeputyHead:
			if assigner == nil {
				p, err := s.deps.Store.FindPersonByID(ctx, t.AssignerID)
				if err != nil {
					return false, err
				}
				assigner = &p
			}
			for _, m := range assigner.Memberships {
				lower := m.Role != org.RoleHead && (g.Role == org.RoleHead || m.Role != org.RoleDeputyHead) &&
					m.Role != org.RoleDirector && m.Role != org.RoleDeputyDirector
				if lower && b.tree.WithinAgency(m.UnitID, g.UnitID) {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

// handleTaskEvent records one action posted from the task page, with the
// version the user saw: a stale one is answered 409 with the page reloaded.
func (s *Server) handleTaskEvent(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "task.title")
	if err != nil {
		return err
	}
	h, err := s.visibleTask(r, &b)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, taskEventFields...)
	action := work.Action(f.Get("action"))
	if !slices.Contains(work.Actions(), action) || action == work.ActionEscalate {
		return invalid("action", "task.err.action")
	}
	version, err := strconv.Atoi(f.Get("version"))
	if err != nil || version < 1 {
		return invalid("version", "task.err.version")
	}
	if version != h.Task.Version {
		return s.taskPage(w, r, http.StatusConflict, &taskFailure{conflict: b.T("task.stale", version, h.Task.Version)})
	}
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		tf := &taskFailure{action: action, form: f}
		if apperr.CodeOf(err) == apperr.Conflict {
			tf.conflict = apperr.As(err).Message(b.Lang)
		}
		return s.taskPage(w, r, statusOf(err), tf)
	}
	if (&TaskActionForm{Action: action}).Danger() {
		if err := confirmed(r); err != nil {
			return fail(err)
		}
	}
	ev, err := s.taskEventFromForm(r.Context(), f, h, action)
	if err != nil {
		return fail(err)
	}
	if _, _, err := s.deps.Store.RecordTaskEventOn(r.Context(), actor(b.User), h, version, ev); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.task.done", action.Label(b.Lang))
	return redirect(w, r, "/tasks/"+strconv.FormatInt(h.Task.ID, 10))
}

// statusOf is 409 for a conflict and 400 for bad input.
func statusOf(err error) int {
	if apperr.CodeOf(err) == apperr.Conflict {
		return http.StatusConflict
	}
	return http.StatusBadRequest
}

// taskEventFromForm builds the event an action form describes; work.Apply
// checks the rest.
func (s *Server) taskEventFromForm(ctx context.Context, f *Form, h work.TaskWithHistory, a work.Action) (work.Event, error) {
	ev := work.Event{Action: a, Note: f.Get("note"), Reason: f.Get("reason"), Kind: work.ExemptionKind(f.Get("kind"))}
	if v := f.Get("percent"); v != "" && a == work.ActionReportProgress {
		p, err := strconv.Atoi(v)
		if err != nil {
			return ev, invalid("percent", "task.err.percent")
		}
		if p != h.Task.Progress || (len(f.Values["tick"]) == 0 && ev.Note == "" && f.Get("attachments") == "") {
			ev.Percent = &p
		}
	}
	for _, v := range f.Values["tick"] {
		i, err := strconv.Atoi(v)
		if err != nil {
			return ev, invalid("tick", "task.err.tick")
		}
		ev.Ticks = append(ev.Ticks, i)
	}
	for _, name := range strings.FieldsFunc(f.Get("attachments"), func(r rune) bool { return r == '\n' || r == ';' }) {
		if name = strings.TrimSpace(name); name != "" {
			ev.Attachments = append(ev.Attachments, name)
		}
	}
	if v := f.Get("ref"); v != "" {
		ref, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return ev, invalid("ref", "err.choose")
		}
		ev.Ref = ref
	}
	if a == work.ActionDecideExtension {
		switch f.Get("approved") {
		case "yes":
			ev.Approved = ptrTo(true)
		case "no":
			ev.Approved = ptrTo(false)
		default:
			return ev, invalid("approved", "task.err.approved")
		}
	}
	if (a == work.ActionRequestExtension || a == work.ActionDecideExtension && *ev.Approved) && (f.Get("deadline") != "" || a == work.ActionRequestExtension) {
		d, err := parseTaskDate("deadline", f.Get("deadline"))
		if err != nil {
			return ev, err
		}
		cal, err := s.deps.Store.Calendar(ctx, h.Task.AgencyID)
		if err != nil {
			return ev, err
		}
		due, err := work.DeadlineFrom(cal, s.deps.Now(), work.DeadlineSpec{Date: &d})
		if err != nil {
			return ev, err
		}
		ev.Deadline = &due
	}
	return ev, nil
}

func ptrTo[T any](v T) *T { return &v }

// PlanHref is the address of the task's plan.
func (p *TaskPage) PlanHref() string {
	if p.H.Task.PlanID == nil {
		return ""
	}
	return "/plans/" + strconv.FormatInt(*p.H.Task.PlanID, 10)
}

// ParentHref is the address of the task's parent task.
func (p *TaskPage) ParentHref() string {
	if p.H.Task.ParentID == nil {
		return ""
	}
	return "/tasks/" + strconv.FormatInt(*p.H.Task.ParentID, 10)
}

// Resolved is when the obstacle was resolved; zero while open.
func (o ObstacleView) Resolved() time.Time {
	if o.ResolvedAt == nil {
		return time.Time{}
	}
	return *o.ResolvedAt
}

// DecidedTime is when the extension was decided; zero while pending.
func (x ExtensionView) DecidedTime() time.Time {
	if x.DecidedAt == nil {
		return time.Time{}
	}
	return *x.DecidedAt
}
