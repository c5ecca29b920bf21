package jobs_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/jobs"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// mailbox is a Mailer that keeps what it is given.
type mailbox struct {
	mu   sync.Mutex
	sent []string // "to: subject"
}

func (m *mailbox) Send(ctx context.Context, to, subject, body string) error {
	m.mu.Lock()
	m.sent = append(m.sent, to+": "+subject)
	m.mu.Unlock()
	return nil
}

func (m *mailbox) count(sub string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, s := range m.sent {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.VN)
	if err != nil {
		panic(err)
	}
	return t
}

type people struct {
	director, head, lead org.Person
	division             int64
}

func staff(t *testing.T, db *store.DB) people {
	t.Helper()
	ctx := context.Background()
	sys := audit.System("test")
	agency, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.15.H27", Name: "Sở Kế hoạch và Đầu tư", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	div, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindDivision, ParentID: &agency.ID, Name: "Phòng Tổng hợp", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	person := func(name, email string, u org.Unit, role org.Role) org.Person {
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency.ID, FullName: name, Email: email})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: u.ID, Role: role, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return people{division: div.ID,
		director: person("Phạm Thị Giám", "giam@bacninh.gov.vn", agency, org.RoleDirector),
		head:     person("Trần Văn Trưởng", "truong@bacninh.gov.vn", div, org.RoleHead),
		lead:     person("Nguyễn Văn Chủ Trì", "chutri@bacninh.gov.vn", div, org.RoleOfficial),
	}
}

func inbox(t *testing.T, db *store.DB, p org.Person, kind string) int {
	t.Helper()
	list, err := db.FindNotifications(context.Background(), p.ID, false, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range list {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// TestTaskJobs walks a task through its reminders, an escalation in two
// levels and the heads' digests, on an injected clock, checking that each
// notice is delivered once however many times the scans run.
func TestTaskJobs(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			clk := &fakeClock{t: vn("2026-03-02 07:00")} // Monday
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			ps := staff(t, db)
			mail := &mailbox{}
			r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Log: quiet})
			jobs.NewWork(r, db, jobs.Config{ScanEvery: time.Minute, Mailer: mail, BaseURL: "https://congvu.example"})
			tick := func(at string) {
				t.Helper()
				clk.Set(vn(at))
				for range 3 { // scans on every pass; reminders must still fire once
					if err := r.Tick(ctx); err != nil {
						t.Fatal(err)
					}
					clk.Add(time.Minute)
				}
			}

			days := 8.0 // due Wednesday 11/3 at 17:00 (from 07:00 Monday: the office opens at 07:00)
			h, err := db.CreateTask(ctx, audit.Actor{PersonID: ps.head.ID, Name: ps.head.FullName}, work.NewTask{AgencyID: ps.lead.AgencyID,
				Title: "Báo cáo giải ngân vốn đầu tư công", Product: "Báo cáo", LeadUnitID: ps.division,
				LeadPersonID: ps.lead.ID, AssignerID: ps.head.ID, Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := h.Task.Deadline.In(calendar.VN).Format("2006-01-02 15:04"); got != "2026-03-11 17:00" {
				t.Fatalf("deadline %s", got)
			}
			tick("2026-03-02 07:05")
			if inbox(t, db, ps.lead, "task_assigned") != 1 || mail.count("chutri@") != 1 {
				t.Errorf("assignment: inbox %d, mail %v", inbox(t, db, ps.lead, "task_assigned"), mail.sent)
			}
			if inbox(t, db, ps.lead, "due_soon") != 0 {
				t.Errorf("due soon too early")
			}
			tick("2026-03-06 09:00") // Friday: 11/3 is the third working day ahead
			tick("2026-03-09 09:00") // Monday: still due soon, same key
			if n := inbox(t, db, ps.lead, "due_soon"); n != 1 {
				t.Errorf("due_soon delivered %d times", n)
			}
			tick("2026-03-11 08:00")
			tick("2026-03-11 16:00")
			if n := inbox(t, db, ps.lead, "due_today"); n != 1 {
				t.Errorf("due_today delivered %d times", n)
			}
			tick("2026-03-12 08:00")
			tick("2026-03-13 08:00")
			if inbox(t, db, ps.lead, "overdue") != 1 || inbox(t, db, ps.head, "overdue") != 1 {
				t.Errorf("overdue: lead %d, assigner %d", inbox(t, db, ps.lead, "overdue"), inbox(t, db, ps.head, "overdue"))
			}

			// An obstacle unresolved for 2 working days goes to the
			// assigner, for 2 more to the assigner's superior.
			lead := audit.Actor{PersonID: ps.lead.ID, Name: ps.lead.FullName}
			if _, _, err := db.RecordTaskEvent(ctx, lead, h.Task.ID, 0, work.Event{Action: work.ActionRaiseObstacle, Note: "Chưa có số liệu của Kho bạc"}); err != nil {
				t.Fatal(err)
			}
			tick("2026-03-16 08:00") // Monday, 1 working day and a bit later
			got, _ := db.FindTaskByID(ctx, h.Task.ID)
			if got.Obstacles[0].EscalationLevel != 0 {
				t.Errorf("escalated too early")
			}
			tick("2026-03-17 09:00")
			tick("2026-03-17 10:00")
			got, _ = db.FindTaskByID(ctx, h.Task.ID)
			if got.Obstacles[0].EscalationLevel != 1 || inbox(t, db, ps.head, "escalate") != 1 {
				t.Errorf("level 1: %d, head notified %d", got.Obstacles[0].EscalationLevel, inbox(t, db, ps.head, "escalate"))
			}
			tick("2026-03-19 09:00")
			tick("2026-03-20 09:00")
			got, _ = db.FindTaskByID(ctx, h.Task.ID)
			if got.Obstacles[0].EscalationLevel != 2 || inbox(t, db, ps.director, "escalate") != 1 {
				t.Errorf("level 2: %d, director notified %d", got.Obstacles[0].EscalationLevel, inbox(t, db, ps.director, "escalate"))
			}
			if e := got.Events[len(got.Events)-1]; e.Action != work.ActionEscalate || e.ActorID != 0 || e.As != work.AsSystem {
				t.Errorf("escalation event: %+v", e)
			}
			// The digests went out once per head per working day, never on
			// a weekend.
			if n := inbox(t, db, ps.head, "digest"); n < 5 || n > 12 {
				t.Errorf("head digests: %d", n)
			}
			list, _ := db.FindNotifications(ctx, ps.head.ID, false, 1000, 0)
			seen := map[string]bool{}
			for _, x := range list {
				if x.Kind != "digest" {
					continue
				}
				if seen[x.Title] {
					t.Errorf("digest twice: %s", x.Title)
				}
				seen[x.Title] = true
				if strings.Contains(x.Title, "14/03/2026") || strings.Contains(x.Title, "15/03/2026") {
					t.Errorf("digest on a weekend: %s", x.Title)
				}
			}
		})
	}
}
