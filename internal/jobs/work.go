package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/notify"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Store is what the task jobs need; *store.DB implements it.
type Store interface {
	Queue
	Calendar(ctx context.Context, agencyID int64) (*calendar.Calendar, error)
	Tree(ctx context.Context) (*org.Tree, error)
	FindPersonByID(ctx context.Context, id int64) (org.Person, error)
	CurrentMemberships(ctx context.Context, agencyID int64, roles ...org.Role) ([]org.Membership, error)
	FindTaskByID(ctx context.Context, id int64) (work.TaskWithHistory, error)
	FindTasks(ctx context.Context, f store.TaskFilter) ([]store.TaskSummary, error)
	FindOpenTasksDue(ctx context.Context, before, afterDeadline time.Time, afterID int64, limit int) ([]store.TaskSummary, error)
	TasksWithHistory(ctx context.Context, ids []int64) ([]work.TaskWithHistory, error)
	RecordTaskEvent(ctx context.Context, actor audit.Actor, taskID int64, expectedVersion int, ev work.Event) (work.TaskWithHistory, work.Event, error)
	CreateNotification(ctx context.Context, n store.Notification, dedupKey string) (bool, error)
	CountTasksForDigest(ctx context.Context, unitIDs []int64, reviewerID int64, now, soonEnd time.Time) (store.TaskCounts, error)

	// Dossier notifications (dossier_notify.go) and e-mail choices.
	FindDossierByCode(ctx context.Context, code string) (dossier.Record, error)
	FindOpenDossiersDue(ctx context.Context, from, before, afterDue time.Time, afterID int64, limit int) ([]store.DueDossier, error)
	CountDossiersForDigest(ctx context.Context, unitIDs []int64, now, soonEnd time.Time) (store.DossierCounts, error)
	Subject(ctx context.Context, personID int64) (*auth.Subject, error)
	NotificationSettings(ctx context.Context, personID int64) (notify.Settings, error)

	// The contractor-selection and supervision alerts (investment_alerts.go).
	NotifyInvestment(ctx context.Context, today calendar.Date) (int, error)
}

// Config are the settings of the task jobs.
type Config struct {
	Rules     work.Rules    // escalation delay and due-soon window; work.DefaultRules() when zero
	ScanEvery time.Duration // how often the reminder, escalation and digest scans run; 5 minutes by default
	DigestAt  time.Duration // the time of day (in Vietnam) from which digests go out; 7:30 by default
	BaseURL   string        // for links in e-mails, e.g. https://congvu.bacninh.gov.vn
	SMTP      SMTP
	Mailer    Mailer // overrides SMTP (tests)
}

// System is the actor the jobs record their changes as.
var System = audit.System("congvu-jobs")

// Work holds the task jobs' handlers and scans.
type Work struct {
	st     Store
	cfg    Config
	mailer Mailer
	r      *Runner
	policy *auth.Policy // who may see a dossier (dossier.RegisterPolicy)
}

// NewWork registers the task jobs (notify, reminder, escalate, digest),
// the dossier notifications (dossier_notify, dossier_due) and their scans
// on r.
func NewWork(r *Runner, st Store, cfg Config) *Work {
	if cfg.Rules == (work.Rules{}) {
		cfg.Rules = work.DefaultRules()
	}
	if cfg.ScanEvery <= 0 {
		cfg.ScanEvery = 5 * time.Minute
	}
	if cfg.DigestAt <= 0 {
		cfg.DigestAt = 7*time.Hour + 30*time.Minute
	}
	w := &Work{st: st, cfg: cfg, mailer: cfg.Mailer, r: r, policy: auth.NewPolicy()}
	dossier.RegisterPolicy(w.policy)
	if w.mailer == nil {
		w.mailer = cfg.SMTP.Mailer()
	}
	r.Handle("notify", w.handleNotify)
	r.Handle("reminder", w.handleReminder)
	r.Handle("escalate", w.handleEscalate)
	r.Handle("digest", w.handleDigest)
	r.Every("reminders", cfg.ScanEvery, w.ScanReminders)
	r.Every("escalations", cfg.ScanEvery, w.ScanEscalations)
	r.Every("digests", cfg.ScanEvery, w.ScanDigests)
	w.registerDossiers()
	w.registerInvestmentAlerts()
	w.registerDisbursement()
	return w
}

// reminderPayload is a "reminder" job's payload.
type reminderPayload struct {
	TaskID   int64  `json:"task_id"`
	Kind     string `json:"kind"`
	Deadline string `json:"deadline"` // the deadline's date the reminder is about
}

// ScanReminders enqueues the reminders due at now (work.Reminders) for
// every open task due within the next month, keyed by work.Reminder.Key so
// that each fires once.
func (w *Work) ScanReminders(ctx context.Context, now time.Time) error {
	before := calendar.DateOf(now).AddDays(31).Time()
	cals := map[int64]*calendar.Calendar{}
	var after time.Time
	var afterID int64
	for {
		page, err := w.st.FindOpenTasksDue(ctx, before, after, afterID, 500)
		if err != nil {
			return err
		}
		var js []store.NewJob
		for _, t := range page {
			cal := cals[t.AgencyID]
			if cal == nil {
				if cal, err = w.st.Calendar(ctx, t.AgencyID); err != nil {
					return err
				}
				cals[t.AgencyID] = cal
			}
			for _, rem := range work.Reminders(cal, t.Task, w.cfg.Rules, now) {
				js = append(js, store.NewJob{Kind: "reminder", Key: rem.Key, RunAt: now,
					Payload: reminderPayload{TaskID: t.ID, Kind: string(rem.Kind), Deadline: calendar.DateOf(rem.Deadline).String()}})
			}
		}
		if _, err := w.st.EnqueueJobs(ctx, js); err != nil {
			return err
		}
		if len(page) < 500 {
			return nil
		}
		last := page[len(page)-1]
		after, afterID = last.Deadline, last.ID
	}
}

func (w *Work) handleReminder(ctx context.Context, j store.Job) error {
	var p reminderPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return Permanent(err)
	}
	h, err := w.st.FindTaskByID(ctx, p.TaskID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	t := h.Task
	// The task may have moved on since the scan: done, submitted, or given
	// a new deadline (which has reminders of its own).
	if t.State.Terminal() || t.State == work.StateSubmitted || calendar.DateOf(t.Deadline).String() != p.Deadline {
		return nil
	}
	people := []int64{t.LeadPersonID}
	if p.Kind == string(work.Overdue) {
		people = append(people, t.AssignerID)
	}
	title, body := reminderText(work.ReminderKind(p.Kind), t)
	return w.deliver(ctx, j.Key, people, store.Notification{Kind: p.Kind, Title: title, Body: body, Link: taskLink(t.ID)})
}

// escalatePayload is an "escalate" job's payload.
type escalatePayload struct {
	TaskID int64 `json:"task_id"`
	Ref    int64 `json:"ref"`
	Level  int   `json:"level"`
}

// ScanEscalations enqueues the escalations due at now (work.DueEscalations)
// of the obstacles of blocked tasks.
func (w *Work) ScanEscalations(ctx context.Context, now time.Time) error {
	for offset := 0; ; offset += 500 {
		page, err := w.st.FindTasks(ctx, store.TaskFilter{States: []work.State{work.StateBlocked}, Limit: 500, Offset: offset})
		if err != nil {
			return err
		}
		ids := make([]int64, len(page))
		for i, t := range page {
			ids[i] = t.ID
		}
		hs, err := w.st.TasksWithHistory(ctx, ids)
		if err != nil {
			return err
		}
		var js []store.NewJob
		for _, h := range hs {
			cal, err := w.st.Calendar(ctx, h.Task.AgencyID)
			if err != nil {
				return err
			}
			evs, err := work.DueEscalations(cal, h, w.cfg.Rules, now)
			if err != nil {
				return err
			}
			for _, ev := range evs {
				js = append(js, store.NewJob{Kind: "escalate", Key: fmt.Sprintf("task:%d:obstacle:%d:escalate:%d", h.Task.ID, ev.Ref, ev.Level),
					RunAt: now, Payload: escalatePayload{TaskID: h.Task.ID, Ref: ev.Ref, Level: ev.Level}})
			}
		}
		if _, err := w.st.EnqueueJobs(ctx, js); err != nil {
			return err
		}
		if len(page) < 500 {
			return nil
		}
	}
}

// handleEscalate records the escalate event as congvu itself; the store
// enqueues the notification of the assigner (level 1) or the assigner's
// superiors (level 2). An obstacle resolved or already escalated meanwhile
// is nothing to do.
func (w *Work) handleEscalate(ctx context.Context, j store.Job) error {
	var p escalatePayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return Permanent(err)
	}
	_, _, err := w.st.RecordTaskEvent(ctx, System, p.TaskID, 0, work.Event{Action: work.ActionEscalate, Ref: p.Ref, Level: p.Level})
	switch apperr.CodeOf(err) {
	case "":
		return nil
	case apperr.Conflict, apperr.Invalid, apperr.NotFound:
		return nil
	}
	return err
}

// notifyPayload is a "notify" job's payload, as store.RecordTaskEvent and
// store.CreateTask enqueue it.
type notifyPayload struct {
	TaskID int64   `json:"task_id"`
	Seq    int64   `json:"seq"`
	Kind   string  `json:"kind"`
	People []int64 `json:"people"`
}

func (w *Work) handleNotify(ctx context.Context, j store.Job) error {
	var p notifyPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return Permanent(err)
	}
	h, err := w.st.FindTaskByID(ctx, p.TaskID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	var ev *work.Event
	if p.Seq > 0 && int(p.Seq) <= len(h.Events) {
		ev = &h.Events[p.Seq-1]
	}
	title, body := eventText(p.Kind, h.Task, ev)
	return w.deliver(ctx, j.Key, p.People, store.Notification{Kind: p.Kind, Title: title, Body: body, Link: taskLink(h.Task.ID)})
}

// digestPayload is a "digest" job's payload.
type digestPayload struct {
	PersonID int64   `json:"person_id"`
	Units    []int64 `json:"units"`
	Date     string  `json:"date"`
}

// ScanDigests enqueues, on a working day from DigestAt, one digest per
// head of division and director (key digest:<person>:<date>).
func (w *Work) ScanDigests(ctx context.Context, now time.Time) error {
	today := calendar.DateOf(now)
	if now.Before(today.Time().Add(w.cfg.DigestAt)) {
		return nil
	}
	ms, err := w.st.CurrentMemberships(ctx, 0, org.RoleHead, org.RoleDirector)
	if err != nil || len(ms) == 0 {
		return err
	}
	tree, err := w.st.Tree(ctx)
	if err != nil {
		return err
	}
	var js []store.NewJob
	for _, m := range ms {
		u, ok := tree.Unit(m.UnitID)
		if !ok {
			continue
		}
		cal, err := w.st.Calendar(ctx, u.AgencyID)
		if err != nil {
			return err
		}
		if !cal.IsWorkingDay(today) {
			continue
		}
		root := m.UnitID
		if m.Role == org.RoleDirector {
			root = u.AgencyID
		}
		js = append(js, store.NewJob{Kind: "digest", Key: fmt.Sprintf("digest:%d:%s", m.PersonID, today), RunAt: now,
			Payload: digestPayload{PersonID: m.PersonID, Units: tree.AgencySubtree(root), Date: today.String()}})
	}
	_, err = w.st.EnqueueJobs(ctx, js)
	return err
}

func (w *Work) handleDigest(ctx context.Context, j store.Job) error {
	var p digestPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return Permanent(err)
	}
	d, err := calendar.ParseDate(p.Date)
	if err != nil {
		return Permanent(err)
	}
	person, err := w.st.FindPersonByID(ctx, p.PersonID)
	if err != nil {
		return err
	}
	cal, err := w.st.Calendar(ctx, person.AgencyID)
	if err != nil {
		return err
	}
	now := w.r.opt.Now()
	end := d // the last day of the due-soon window: the DueSoonDays-th working day after d
	for n := w.cfg.Rules.DueSoonDays; n > 0 && end.Sub(d) < 366; {
		if end = end.AddDays(1); cal.IsWorkingDay(end) {
			n--
		}
	}
	c, err := w.st.CountTasksForDigest(ctx, p.Units, p.PersonID, now, end.AddDays(1).Time())
	if err != nil {
		return err
	}
	soon, err := cal.AddWorking(now, notify.DueSoonWindow)
	if err != nil {
		return err
	}
	dc, err := w.st.CountDossiersForDigest(ctx, p.Units, now, soon)
	if err != nil {
		return err
	}
	if c == (store.TaskCounts{}) && dc == (store.DossierCounts{}) {
		return nil
	}
	title := "Tổng hợp nhiệm vụ và hồ sơ ngày " + d.DMY()
	body := fmt.Sprintf("Nhiệm vụ:\nQuá hạn: %d\nĐến hạn hôm nay: %d\nSắp đến hạn (%d ngày làm việc): %d\nĐang vướng mắc: %d\nChờ đồng chí nghiệm thu: %d",
		c.Overdue, c.DueToday, w.cfg.Rules.DueSoonDays, c.DueSoon, c.Blocked, c.AwaitingReview)
	body += fmt.Sprintf("\n\nHồ sơ thủ tục hành chính tại đơn vị:\nQuá hạn: %d\nSắp đến hạn (trong 24 giờ làm việc): %d", dc.Overdue, dc.DueSoon)
	link := "/tasks"
	if c == (store.TaskCounts{}) {
		link = "/dossiers/unit"
	}
	return w.deliver(ctx, j.Key, []int64{p.PersonID}, store.Notification{Kind: "digest", Title: title, Body: body, Link: link})
}

// deliver puts n in each person's inbox, once per job key, and e-mails
// those with an address when e-mail is on. A notification already
// delivered by an earlier run of the job is not e-mailed again.
func (w *Work) deliver(ctx context.Context, key string, people []int64, n store.Notification) error {
	for _, id := range people {
		n.PersonID = id
		added, err := w.st.CreateNotification(ctx, n, fmt.Sprintf("%s:%d", key, id))
		if err != nil {
			return err
		}
		if !added || w.mailer == nil {
			continue
		}
		p, err := w.st.FindPersonByID(ctx, id)
		if err != nil || p.Email == "" || !p.Active {
			continue
		}
		// The person's own choice of what also comes by e-mail.
		if s, err := w.st.NotificationSettings(ctx, id); err != nil || !s.Email(n.Kind) {
			continue
		}
		body := n.Body
		if w.cfg.BaseURL != "" && n.Link != "" {
			body += "\n\n" + w.cfg.BaseURL + n.Link
		}
		if err := w.mailer.Send(ctx, p.Email, "[congvu] "+n.Title, body); err != nil {
			// The inbox has it; an e-mail failure is logged, not retried, so
			// that the job does not notify the others twice.
			w.r.opt.Log.Warn("e-mail not sent", "to", p.Email, "key", key, "err", err)
		}
	}
	return nil
}

func taskLink(id int64) string { return fmt.Sprintf("/tasks/%d", id) }
