package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/jobs"
	"congvu/internal/notify"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// oneStop is an agency with a desk and two divisions, a 15-working-day
// procedure handled by the first division, and its people.
type oneStop struct {
	desk, division, other            int64
	clerk, head, official, colleague org.Person
	outsider                         org.Person // an official of the other division
	proc                             dossier.Procedure
}

func newOneStop(t *testing.T, db *store.DB) oneStop {
	t.Helper()
	ctx := context.Background()
	sys := audit.System("test")
	unit := func(parent *int64, kind org.UnitKind, code, name string) int64 {
		u, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: parent, Kind: kind, Code: code, Name: name, ValidFrom: "2020-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	agency := unit(nil, org.KindAgency, "000.00.15.H27", "Sở Tài chính tỉnh Bắc Ninh")
	o := oneStop{desk: unit(&agency, org.KindDesk, "", "Bộ phận Một cửa"),
		division: unit(&agency, org.KindDivision, "", "Phòng Đăng ký kinh doanh"),
		other:    unit(&agency, org.KindDivision, "", "Phòng Tổng hợp")}
	person := func(name, email string, u int64, role org.Role) org.Person {
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency, FullName: name, Email: email})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: u, Role: role, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	o.clerk = person("Nguyễn Thị Hằng", "hang@bacninh.gov.vn", o.desk, org.RoleClerk)
	o.head = person("Trần Văn Trưởng", "truong@bacninh.gov.vn", o.division, org.RoleHead)
	o.official = person("Lê Văn Minh", "minh@bacninh.gov.vn", o.division, org.RoleOfficial)
	o.colleague = person("Đỗ Thị Lan", "lan@bacninh.gov.vn", o.division, org.RoleOfficial)
	o.outsider = person("Hoàng Văn Bắc", "bac@bacninh.gov.vn", o.other, org.RoleOfficial)
	var err error
	o.proc, err = db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
		Code: "1.001612", Name: "Đăng ký thành lập doanh nghiệp tư nhân", Field: "Doanh nghiệp",
		Level: dossier.LevelFull, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận", UnitID: o.desk, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: o.division, Budget: 14},
			{Name: "Trả kết quả", UnitID: o.desk, Role: org.RoleClerk, Budget: 0.5},
		},
		EffectiveFrom: calendar.Date{Year: 2020, Month: 1, Day: 1}, AgencyID: agency,
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func actor(p org.Person) audit.Actor { return audit.Actor{PersonID: p.ID, Name: p.FullName} }

// TestDossierNotifications: a forward tells the receiving person or, when
// none is named, the unit's handlers; a received supplement tells the
// handler; due within 24 working hours and overdue are told once each on
// the dossier's calendar; nobody who may not see the dossier is told; two
// nodes scanning the same database deliver each notice once; e-mail
// follows each person's choices; the heads' digest counts dossiers.
func TestDossierNotifications(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			clk := &fakeClock{t: vn("2026-03-02 07:00")} // Monday
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			o := newOneStop(t, db)
			mail := &mailbox{}
			var nodes []*jobs.Runner
			for _, owner := range []string{"a", "b"} {
				r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Log: quiet, Owner: owner})
				jobs.NewWork(r, db, jobs.Config{ScanEvery: time.Minute, Mailer: mail, BaseURL: "https://congvu.example"})
				nodes = append(nodes, r)
			}
			tick := func(at string) {
				t.Helper()
				clk.Set(vn(at))
				for range 2 {
					for _, r := range nodes {
						if err := r.Tick(ctx); err != nil {
							t.Fatal(err)
						}
					}
					clk.Add(time.Minute)
				}
			}
			// The official does not want due-soon notices by e-mail.
			if err := db.SetNotificationSettings(ctx, actor(o.official), o.official.ID, notify.Settings{notify.DossierDueSoon: false}); err != nil {
				t.Fatal(err)
			}
			receive := func(name string) dossier.Record {
				t.Helper()
				rec, _, err := db.ReceiveDossier(ctx, actor(o.clerk), dossier.Intake{AgencyID: o.proc.AgencyID, UnitID: o.desk, ProcedureCode: o.proc.Code,
					Channel: dossier.ChannelDirect, Applicant: dossier.Applicant{Name: name, IDNumber: "001203004567", Phone: "0912345678"}})
				if err != nil {
					t.Fatal(err)
				}
				return rec
			}
			act := func(who org.Person, code string, ev dossier.Event) {
				t.Helper()
				if _, err := db.RecordDossierEvent(ctx, actor(who), code, 0, ev); err != nil {
					t.Fatalf("%s: %v", ev.Action, err)
				}
			}
			clk.Set(vn("2026-03-02 08:00"))
			toUnit := receive("Nguyễn Văn An")  // due 23/03 08:00
			toMinh := receive("Trần Thị Bình")  // forwarded to Minh by name
			astray := receive("Phạm Văn Cường") // forwarded by name to someone outside the division
			clk.Set(vn("2026-03-02 09:00"))
			act(o.clerk, toUnit.Code, dossier.Event{Action: dossier.Forward, UnitID: o.desk, ToUnitID: o.division})
			act(o.clerk, toMinh.Code, dossier.Event{Action: dossier.Forward, UnitID: o.desk, ToUnitID: o.division, ToPersonID: o.official.ID, ToPersonName: o.official.FullName})
			act(o.clerk, astray.Code, dossier.Event{Action: dossier.Forward, UnitID: o.desk, ToUnitID: o.division, ToPersonID: o.outsider.ID, ToPersonName: o.outsider.FullName})
			tick("2026-03-02 09:05")

			count := func(p org.Person, kind, code string) int {
				t.Helper()
				list, err := db.FindNotifications(ctx, p.ID, false, 1000, 0)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, x := range list {
					if x.Kind == kind && strings.HasSuffix(x.Title, code) {
						if x.Link != "/dossiers/"+code {
							t.Errorf("link %q", x.Link)
						}
						n++
					}
				}
				return n
			}
			fw := string(notify.DossierForwarded)
			for _, c := range []struct {
				who  org.Person
				code string
				want int
			}{
				{o.official, toUnit.Code, 1}, {o.colleague, toUnit.Code, 1}, {o.head, toUnit.Code, 1},
				{o.outsider, toUnit.Code, 0}, {o.clerk, toUnit.Code, 0},
				{o.official, toMinh.Code, 1}, {o.colleague, toMinh.Code, 0}, {o.head, toMinh.Code, 0},
				{o.outsider, astray.Code, 0}, // named, but cannot see a dossier that never reached the unit
			} {
				if n := count(c.who, fw, c.code); n != c.want {
					t.Errorf("%s about %s: %d forwarded notices, want %d", c.who.FullName, c.code, n, c.want)
				}
			}
			if n := mail.count("minh@bacninh.gov.vn: [congvu] Hồ sơ được chuyển đến đồng chí xử lý: " + toMinh.Code); n != 1 {
				t.Errorf("e-mail to Minh: %d (%v)", n, mail.sent)
			}
			if mail.count("bac@") != 0 {
				t.Errorf("the outsider got e-mail: %v", mail.sent)
			}

			// A supplement asked for and received: the handler is told.
			clk.Set(vn("2026-03-03 09:00"))
			act(o.official, toMinh.Code, dossier.Event{Action: dossier.RequestSupplement, UnitID: o.division, Reason: "Bổ sung điều lệ"})
			clk.Set(vn("2026-03-04 09:00"))
			act(o.clerk, toMinh.Code, dossier.Event{Action: dossier.ReceiveSupplement, UnitID: o.desk})
			tick("2026-03-04 09:05")
			if n := count(o.official, string(notify.DossierSupplement), toMinh.Code); n != 1 {
				t.Errorf("supplement notices: %d", n)
			}
			if n := count(o.colleague, string(notify.DossierSupplement), toMinh.Code); n != 0 {
				t.Errorf("colleague told of the supplement: %d", n)
			}

			// Due 23/03 08:00: not due soon on Monday 16/03, due soon from
			// Wednesday 18/03 08:00 (24 working hours), overdue after.
			soon := string(notify.DossierDueSoon)
			tick("2026-03-16 08:00")
			if n := count(o.official, soon, toUnit.Code); n != 0 {
				t.Errorf("due soon too early: %d", n)
			}
			tick("2026-03-18 08:00")
			tick("2026-03-19 10:00")
			for _, p := range []org.Person{o.official, o.colleague, o.head} {
				if n := count(p, soon, toUnit.Code); n != 1 {
					t.Errorf("%s: due soon told %d times", p.FullName, n)
				}
			}
			if n := count(o.outsider, soon, astray.Code); n != 0 {
				t.Errorf("outsider told of a dossier they cannot see")
			}
			if mail.count("lan@bacninh.gov.vn: [congvu] Hồ sơ sắp đến hạn") == 0 || mail.count("minh@bacninh.gov.vn: [congvu] Hồ sơ sắp đến hạn") != 0 {
				t.Errorf("due-soon e-mail should follow the settings: %v", mail.sent)
			}
			tick("2026-03-23 09:00")
			tick("2026-03-24 09:00")
			over := string(notify.DossierOverdue)
			if count(o.colleague, over, toUnit.Code) != 1 || count(o.head, over, toUnit.Code) != 1 {
				t.Errorf("overdue: colleague %d, head %d", count(o.colleague, over, toUnit.Code), count(o.head, over, toUnit.Code))
			}
			// Minh holds toMinh by name; his head is told once it is late.
			if count(o.official, over, toMinh.Code) != 1 || count(o.head, over, toMinh.Code) != 1 || count(o.colleague, over, toMinh.Code) != 0 {
				t.Errorf("overdue named: minh %d head %d colleague %d", count(o.official, over, toMinh.Code), count(o.head, over, toMinh.Code), count(o.colleague, over, toMinh.Code))
			}

			// The head's digest of 24/03 counts the division's dossiers.
			list, err := db.FindNotifications(ctx, o.head.ID, false, 1000, 0)
			if err != nil {
				t.Fatal(err)
			}
			var digest string
			for _, x := range list {
				if x.Kind == "digest" && strings.Contains(x.Title, "24/03/2026") {
					digest = x.Body
				}
			}
			if !strings.Contains(digest, "Hồ sơ thủ tục hành chính tại đơn vị:\nQuá hạn: 3") {
				t.Errorf("digest: %q", digest)
			}
		})
	}
}
