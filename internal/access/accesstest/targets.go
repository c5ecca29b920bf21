package accesstest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/work"
)

// The targets the routes act on, each belonging to the own unit of the
// agency (a dossier being handled there, a task it leads, its plan, one of
// its people) and created through the store, so that the matrix tests
// permissions and not the write paths that create them.

// Dossier is a dossier of the target procedure at its handling step, in
// the own unit: received at the desk, then forwarded.
type Dossier struct {
	Code, Secret string
	Version      int
}

// NewDossier receives a dossier at the desk and forwards it to the own unit.
func (f *Fixture) NewDossier(t testing.TB) Dossier {
	t.Helper()
	ctx := context.Background()
	rec, secret, err := f.DB.ReceiveDossier(ctx, f.clerkActor, dossier.Intake{AgencyID: f.Agency.ID, UnitID: f.Desk.ID,
		ProcedureCode: ProcedureCode, Channel: dossier.ChannelDirect, Sets: 1,
		Applicant: dossier.Applicant{Name: "Nguyễn Văn An", IDNumber: "001203004567", Phone: "0912345678"}})
	if err != nil {
		t.Fatalf("receive dossier: %v", err)
	}
	official := f.Who(org.RoleOfficial, Own)
	rec, err = f.DB.RecordDossierEvent(ctx, f.clerkActor, rec.Code, rec.State.Version, dossier.Event{Action: dossier.Forward,
		UnitID: f.Desk.ID, ToUnitID: f.OwnUnit.ID, ToPersonID: official.Person.ID, ToPersonName: official.Person.FullName})
	if err != nil {
		t.Fatalf("forward dossier: %v", err)
	}
	return Dossier{Code: rec.Code, Secret: secret, Version: rec.State.Version}
}

// NewReturnedDossier is a dossier whose result was returned, which the
// applicant may rate once.
func (f *Fixture) NewReturnedDossier(t testing.TB) Dossier {
	t.Helper()
	ctx := context.Background()
	d := f.NewDossier(t)
	clerk := f.Who(org.RoleClerk, Top)
	steps := []dossier.Event{
		{Action: dossier.Forward, UnitID: f.OwnUnit.ID, ToUnitID: f.Desk.ID, ToPersonID: clerk.Person.ID, ToPersonName: clerk.Person.FullName},
		{Action: dossier.Complete, UnitID: f.Desk.ID},
		{Action: dossier.ReturnResult, UnitID: f.Desk.ID},
	}
	actor := f.officialActor
	for _, ev := range steps {
		rec, err := f.DB.RecordDossierEvent(ctx, actor, d.Code, 0, ev)
		if err != nil {
			t.Fatalf("%s: %v", ev.Action, err)
		}
		d.Version, actor = rec.State.Version, f.clerkActor
	}
	return d
}

// Task is a task led by the own unit: the lead is official@own, the
// assigner head@own.
type Task struct {
	ID       int64
	Version  int
	Title    string
	Deadline time.Time
}

// TaskParties are the relations of every task the fixture makes.
var TaskParties = map[string]string{"lead": "official@own", "assigner": "head@own"}

// NewTask assigns a task to the own unit, due in three working days (so
// that lists of what is due soon hold it).
func (f *Fixture) NewTask(t testing.TB) Task {
	t.Helper()
	days := 3.0
	head, lead := f.Who(org.RoleHead, Own), f.Who(org.RoleOfficial, Own)
	title := fmt.Sprintf("Rà soát dự toán ngân sách số %d", f.Unique())
	h, err := f.DB.CreateTask(context.Background(), actorOf(head), work.NewTask{
		AgencyID: f.Agency.ID, Title: title, Product: "Báo cáo rà soát", LeadUnitID: f.OwnUnit.ID,
		LeadPersonID: lead.Person.ID, AssignerID: head.Person.ID, Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil)
	if err != nil {
		t.Fatalf("create task: %v", err)
	}
	return Task{ID: h.Task.ID, Version: h.Task.Version, Title: title, Deadline: h.Task.Deadline}
}

// Plan is a year plan of the own unit with one target.
type Plan struct {
	ID, TargetID int64
	Title        string
}

// NewPlan creates a plan of the own unit.
func (f *Fixture) NewPlan(t testing.TB) Plan {
	t.Helper()
	title := fmt.Sprintf("Kế hoạch công tác năm 2026 số %d", f.Unique())
	p, err := f.DB.CreatePlan(context.Background(), sys, work.Plan{AgencyID: f.Agency.ID, OwnerUnitID: f.OwnUnit.ID,
		Title: title, Period: work.YearPeriod(2026),
		Targets: []work.Target{{Name: "Thẩm định dự toán", UnitOfMeasure: "hồ sơ", TargetValue: 40, Sum: true}}})
	if err != nil {
		t.Fatalf("create plan: %v", err)
	}
	return Plan{ID: p.ID, TargetID: p.Targets[0].ID, Title: title}
}

// NotificationParties: every notification the fixture makes is official@own's.
var NotificationParties = map[string]string{"recipient": "official@own"}

// NewNotification gives official@own an unread notification.
func (f *Fixture) NewNotification(t testing.TB) int64 {
	t.Helper()
	ctx := context.Background()
	who := f.Who(org.RoleOfficial, Own)
	if _, err := f.DB.CreateNotification(ctx, store.Notification{PersonID: who.Person.ID, Kind: "due_today",
		Title: "Nhiệm vụ đến hạn hôm nay"}, fmt.Sprintf("matrix:%d", f.Unique())); err != nil {
		t.Fatal(err)
	}
	list, err := f.DB.FindNotifications(ctx, who.Person.ID, true, 1, 0)
	if err != nil || len(list) == 0 {
		t.Fatalf("notification: %v", err)
	}
	return list[0].ID
}

// NewPerson adds an official to the own unit who is none of the
// identities, so that a write on them changes no identity's rights; with
// account, they get a login too (for routes that reset passwords).
func (f *Fixture) NewPerson(t testing.TB, account bool) org.Person {
	t.Helper()
	n := f.Unique()
	p := f.person(t, f.OwnUnit, org.RoleOfficial, fmt.Sprintf("Cán bộ thử %s", letters(n)))
	if !account {
		return p
	}
	p.Login = fmt.Sprintf("target.%d", n)
	if err := f.DB.CreateAccount(context.Background(), sys, p.ID, p.Login, Password); err != nil {
		t.Fatalf("account: %v", err)
	}
	return p
}

// NewUnit creates a unit under the own unit, which no identity belongs to.
func (f *Fixture) NewUnit(t testing.TB) org.Unit {
	t.Helper()
	u, err := f.DB.CreateUnit(context.Background(), sys, org.NewUnit{ParentID: &f.OwnUnit.ID, Kind: org.KindDivision,
		Name: fmt.Sprintf("Tổ công tác %s", letters(f.Unique())), ValidFrom: "2020-01-01"})
	if err != nil {
		t.Fatalf("create unit: %v", err)
	}
	return u
}

// NewCalendarDay enters a holiday in the national table and returns its
// date, a weekday of 2031 not used before.
func (f *Fixture) NewCalendarDay(t testing.TB) calendar.Date {
	t.Helper()
	d := f.FreeDay()
	if err := f.DB.SetCalendarDay(context.Background(), sys, calendar.Entry{Date: d, Kind: calendar.Holiday, Name: "Ngày nghỉ thử"}); err != nil {
		t.Fatalf("set calendar day: %v", err)
	}
	return d
}

// NewAgencyDayOff enters one of the agency's own days off (Sở Tài chính's)
// and returns its date, a weekday of 2031 not used before.
func (f *Fixture) NewAgencyDayOff(t testing.TB) calendar.Date {
	t.Helper()
	d := f.FreeDay()
	if err := f.DB.SetAgencyDayOff(context.Background(), sys, f.Agency.ID, calendar.DayOff{Date: d, Name: "Ngày thành lập Sở"}); err != nil {
		t.Fatalf("set agency day off: %v", err)
	}
	return d
}

// DelegationParties are the relations of every delegation the fixture
// makes: head@own's roles to official@own.
var DelegationParties = map[string]string{"delegator": "head@own", "delegate": "official@own"}

// NewDelegation delegates head@own's roles to official@own for five days
// of a week of 2030 or later not used before: in the future, so that no
// delegation changes a right while the matrix runs.
func (f *Fixture) NewDelegation(t testing.TB) org.Delegation {
	t.Helper()
	head, official := f.Who(org.RoleHead, Own), f.Who(org.RoleOfficial, Own)
	start := f.FutureWeek()
	d, err := f.DB.CreateDelegation(context.Background(), actorOf(head), org.Delegation{FromPersonID: head.Person.ID,
		ToPersonID: official.Person.ID, StartsAt: start, EndsAt: start.AddDate(0, 0, 5), Reason: "Trưởng phòng đi công tác"})
	if err != nil {
		t.Fatalf("create delegation: %v", err)
	}
	return d
}

// FutureWeek is the Monday 08:00 of a week of 2030 or later not returned
// before.
func (f *Fixture) FutureWeek() time.Time {
	return time.Date(2030, 1, 7, 8, 0, 0, 0, calendar.VN).AddDate(0, 0, 7*f.Unique())
}

// FreeDay is a weekday of 2031 not returned before.
func (f *Fixture) FreeDay() calendar.Date {
	for {
		d := calendar.DateOf(time.Date(2031, 1, 1, 12, 0, 0, 0, calendar.VN).AddDate(0, 0, f.Unique()))
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return d
		}
	}
}

// letters spells n in letters, for names that may not hold digits.
func letters(n int) string {
	const abc = "ABCDEGHIKLMNOPQRSTUVXY"
	s := ""
	for {
		s = string(abc[n%len(abc)]) + s
		n /= len(abc)
		if n == 0 {
			return s
		}
	}
}
