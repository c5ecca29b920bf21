package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/jobs"
	"congvu/internal/notify"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDossierReturnedNotification: the head returns a dossier from the
// approval step; the official who handled the earlier step is told once
// (two nodes run the jobs), with the reason, by e-mail only if they chose
// it; the colleague and the head are not. A dossier whose earlier step had
// no named handler tells the unit's handlers.
func TestDossierReturnedNotification(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			clk := &fakeClock{t: vn("2026-03-02 08:00")}
			db := storetest.New(t, engine, store.Options{Now: clk.Now})
			o := newOneStop(t, db)
			p := o.proc
			p.Code, p.Version = "1.001613", 0
			p.Steps = []dossier.Step{
				{Name: "Tiếp nhận", UnitID: o.desk, Role: org.RoleClerk, Budget: 0.5},
				{Name: "Thẩm định", UnitID: o.division, Budget: 12},
				{Name: "Trưởng phòng phê duyệt", UnitID: o.division, Role: org.RoleHead, Budget: 2.5},
			}
			if _, err := db.CreateProcedureVersion(ctx, audit.System("test"), p); err != nil {
				t.Fatal(err)
			}
			mail := &mailbox{}
			var nodes []*jobs.Runner
			for _, owner := range []string{"a", "b"} {
				r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Log: quiet, Owner: owner})
				jobs.NewWork(r, db, jobs.Config{ScanEvery: time.Hour, Mailer: mail, BaseURL: "https://congvu.example"})
				nodes = append(nodes, r)
			}
			tick := func() {
				t.Helper()
				for range 2 {
					for _, r := range nodes {
						if err := r.Tick(ctx); err != nil {
							t.Fatal(err)
						}
					}
					clk.Add(time.Minute)
				}
			}
			// The colleague does not want returns by e-mail.
			if err := db.SetNotificationSettings(ctx, actor(o.colleague), o.colleague.ID, notify.Settings{notify.DossierReturned: false}); err != nil {
				t.Fatal(err)
			}
			act := func(who org.Person, code string, ev dossier.Event) {
				t.Helper()
				if _, err := db.RecordDossierEvent(ctx, actor(who), code, 0, ev); err != nil {
					t.Fatalf("%s: %v", ev.Action, err)
				}
			}
			toHead := dossier.Event{Action: dossier.Forward, UnitID: o.division, ToUnitID: o.division, ToPersonID: o.head.ID, ToPersonName: o.head.FullName}
			back := dossier.Event{Action: dossier.ReturnForRework, UnitID: o.division, Reason: "Thiếu ý kiến của Phòng Tổng hợp"}
			receive := func(name string) string {
				rec, _, err := db.ReceiveDossier(ctx, actor(o.clerk), dossier.Intake{AgencyID: p.AgencyID, UnitID: o.desk, ProcedureCode: p.Code,
					Channel: dossier.ChannelDirect, Applicant: dossier.Applicant{Name: name, IDNumber: "001203004567", Phone: "0912345678"}})
				if err != nil {
					t.Fatal(err)
				}
				return rec.Code
			}
			named, unnamed := receive("Nguyễn Văn An"), receive("Trần Thị Bình")
			act(o.clerk, named, dossier.Event{Action: dossier.Forward, UnitID: o.desk, ToUnitID: o.division, ToPersonID: o.official.ID, ToPersonName: o.official.FullName})
			act(o.clerk, unnamed, dossier.Event{Action: dossier.Forward, UnitID: o.desk, ToUnitID: o.division})
			clk.Set(vn("2026-03-04 09:00"))
			act(o.official, named, toHead)
			act(o.official, unnamed, toHead)
			clk.Set(vn("2026-03-05 09:00"))
			act(o.head, named, back)
			act(o.head, unnamed, back)
			tick()
			tick()
			count := func(who org.Person, code string) (n int, body string) {
				t.Helper()
				list, err := db.FindNotifications(ctx, who.ID, false, 1000, 0)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range list {
					if x.Kind == string(notify.DossierReturned) && strings.HasSuffix(x.Title, code) {
						n, body = n+1, x.Body
					}
				}
				return n, body
			}
			for _, c := range []struct {
				who  org.Person
				code string
				want int
			}{
				{o.official, named, 1}, {o.colleague, named, 0}, {o.head, named, 0}, {o.outsider, named, 0},
				{o.official, unnamed, 1}, {o.colleague, unnamed, 1}, {o.outsider, unnamed, 0}, {o.clerk, unnamed, 0},
			} {
				n, body := count(c.who, c.code)
				if n != c.want {
					t.Errorf("%s about %s: %d returned notices, want %d", c.who.FullName, c.code, n, c.want)
				}
				if n > 0 && !strings.Contains(body, "Thiếu ý kiến của Phòng Tổng hợp") {
					t.Errorf("the notice does not give the reason: %q", body)
				}
			}
			if n := mail.count("minh@bacninh.gov.vn: [congvu] Hồ sơ bị trả lại để xử lý lại: " + named); n != 1 {
				t.Errorf("e-mail to Minh: %d (%v)", n, mail.sent)
			}
			if n := mail.count("lan@bacninh.gov.vn: [congvu] Hồ sơ bị trả lại"); n != 0 {
				t.Errorf("the colleague, who chose no e-mail, got %d", n)
			}
		})
	}
}
