package demo

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/appraisal"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// The appraisal demo (issue #13, items 2 and 9): the three appraisal
// procedures in the merged department's catalogue, handled by Phòng Đấu
// thầu – Thẩm định và Giám sát đầu tư, and three appraisals in progress on
// projects of the register: an investment-policy appraisal whose
// consultation of Phòng Tài chính đầu tư is late, a project appraisal
// waiting for its consulted units within their time, and a
// contractor-selection-plan appraisal at the division's first look.

// demoProjects are used when the register has no project yet (the
// register's own demo adds its projects before this step).
var demoProjects = []struct {
	code, name string
	band       investment.Band
	billions   int64
}{
	{"TD-2026-001", "Đường trục kết nối Quốc lộ 18 với Quốc lộ 3 mới", investment.BandK2, 5200},
	{"TD-2026-002", "Bệnh viện Đa khoa tỉnh Bắc Ninh, cơ sở 2", investment.BandK5, 850},
	{"TD-2026-003", "Trường THPT Yên Phong số 3", investment.BandK5, 60},
}

// SeedAppraisals adds to a seeded demo (Seed; after the register's
// projects, which it uses when there are any) the appraisal procedures and
// the appraisals in progress; now is the clock, every event lies before
// it. It is its own call so that Seed's catalogue stays the one-stop one.
func SeedAppraisals(ctx context.Context, db *store.DB, now time.Time) error {
	tree, err := db.Tree(ctx)
	if err != nil {
		return err
	}
	unit := func(name string, parent int64) int64 {
		for _, u := range tree.Units() {
			if u.Name == name && u.Current() && (parent == 0 || tree.Within(u.ID, parent)) {
				return u.ID
			}
		}
		return 0
	}
	agency := unit("Sở Tài chính tỉnh Bắc Ninh", 0)
	desk, division := unit("Bộ phận Tiếp nhận và Trả kết quả", agency), unit("Phòng Đấu thầu – Thẩm định và Giám sát đầu tư", agency)
	ktn, tcdt, kgvx := unit("Phòng Kinh tế ngành", agency), unit("Phòng Tài chính đầu tư", agency), unit("Phòng Khoa giáo – Văn xã", agency)
	if agency == 0 || desk == 0 || division == 0 || ktn == 0 || tcdt == 0 || kgvx == 0 {
		return fmt.Errorf("demo appraisals: run demo.Seed first")
	}
	who := func(key string) audit.Actor {
		for _, p := range staff {
			if p.key == key {
				people, err := db.FindPeople(ctx, org.PersonFilter{Query: p.name, Limit: 5})
				if err == nil && len(people) > 0 {
					return audit.Actor{PersonID: people[0].ID, Name: p.name, AgencyID: agency}
				}
			}
		}
		return actor
	}
	s := &seeder{db: db}
	from, err := calendar.ParseDate(CatalogueFrom)
	if err != nil {
		return err
	}
	for _, k := range appraisal.Kinds {
		if _, err := s.db.CreateProcedureVersion(ctx, actor, k.Procedure(agency, desk, division, from)); err != nil {
			return fmt.Errorf("appraisal procedure %s: %w", k, err)
		}
	}
	projects, _, err := s.db.FindProjects(ctx, investment.ProjectFilter{AgencyID: agency, Limit: 3})
	if err != nil {
		return err
	}
	if len(projects) < 3 {
		inv, err := s.db.CreateInvestor(ctx, actor, investment.NewInvestor{AgencyID: agency,
			Name: "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh", Kind: investment.InvestorBoard})
		if err != nil {
			return err
		}
		projects = projects[:0]
		for _, p := range demoProjects {
			pr, err := s.db.CreateProject(ctx, actor, investment.NewProject{AgencyID: agency, Code: p.code, Name: p.name,
				InvestorID: inv.ID, Band: p.band, StartYear: 2026, EndYear: 2029,
				Capital: map[investment.Source]int64{investment.SourceProvincial: p.billions * investment.Billion}})
			if err != nil {
				return fmt.Errorf("demo project %s: %w", p.code, err)
			}
			projects = append(projects, pr)
		}
	}
	clerk, official := who(sClerk), who(sDTOfficial)
	// day is n days before now at 09:00 in Vietnam.
	day := func(n int) time.Time {
		d := calendar.DateOf(now).AddDays(-n)
		return time.Date(d.Year, d.Month, d.Day, 9, 0, 0, 0, calendar.VN)
	}
	type step struct {
		by audit.Actor
		ev dossier.Event
	}
	toDivision := func(at time.Time) dossier.Event {
		return dossier.Event{Action: dossier.Forward, At: at, UnitID: division, ToUnitID: division,
			ToPersonID: official.PersonID, ToPersonName: official.Name}
	}
	fromDesk := func(at time.Time) dossier.Event {
		ev := toDivision(at)
		ev.UnitID = desk
		return ev
	}
	answer := func(at time.Time, unit int64, v dossier.Verdict, text string) dossier.Event {
		return dossier.Event{Action: dossier.AnswerConsultation, At: at, UnitID: unit, Verdict: v, Reason: text}
	}
	stories := []struct {
		kind    appraisal.Kind
		project int
		at      time.Time
		steps   []step
	}{
		// Policy: Tài chính đầu tư was given 5 working days two weeks ago
		// and has not answered: a late consultation.
		{appraisal.Policy, 0, day(20), []step{
			{clerk, fromDesk(day(20).Add(time.Hour))},
			{official, toDivision(day(18))},
			{official, dossier.Event{Action: dossier.Consult, At: day(18).Add(time.Hour), UnitID: division,
				Branches: []dossier.BranchAsk{{UnitID: ktn, Days: 5}, {UnitID: tcdt, Days: 5}}}},
			{who(sKTNOfficial), answer(day(15), ktn, dossier.VerdictAgree,
				"Thống nhất sự cần thiết đầu tư; đề nghị làm rõ phương án kết nối với Quốc lộ 18.")},
		}},
		// Project: two units consulted for 10 working days, one answered.
		{appraisal.Project, 1, day(6), []step{
			{clerk, fromDesk(day(6).Add(time.Hour))},
			{official, toDivision(day(5))},
			{official, dossier.Event{Action: dossier.Consult, At: day(5).Add(time.Hour), UnitID: division,
				Branches: []dossier.BranchAsk{{UnitID: ktn, Days: 10}, {UnitID: kgvx, Days: 10}}}},
			{who(sOfficial), answer(day(2), kgvx, dossier.VerdictAgree, "Đồng ý quy mô giường bệnh theo quy hoạch ngành y tế.")},
		}},
		// Contractor-selection plan: at the division's first look.
		{appraisal.Plan, 2, day(2), []step{{clerk, fromDesk(day(2).Add(time.Hour))}}},
	}
	for _, st := range stories {
		p := projects[st.project%len(projects)]
		in := dossier.Intake{AgencyID: agency, UnitID: desk, ProcedureCode: st.kind.ProcedureCode(), Channel: dossier.ChannelDirect,
			ReceivedAt: st.at, Sets: 1, Applicant: dossier.Applicant{Name: "Ban Quản lý dự án " + p.Name, Organization: true},
			Documents: st.kind.Procedure(agency, desk, division, from).Documents}
		rec, _, err := s.db.ReceiveAppraisal(ctx, clerk, in, p.Code)
		if err != nil {
			return fmt.Errorf("demo appraisal %s: %w", st.kind, err)
		}
		for _, x := range st.steps {
			if _, err := s.db.RecordDossierEvent(ctx, x.by, rec.Code, 0, x.ev); err != nil {
				return fmt.Errorf("demo appraisal %s, %s: %w", rec.Code, x.ev.Action, err)
			}
		}
	}
	return nil
}

// hasBranchSteps reports whether a procedure has a parallel or a report
// step, which the bulk history generator does not play.
func hasBranchSteps(p dossier.Procedure) bool {
	for _, s := range p.Steps {
		if s.Kind != dossier.StepPlain {
			return true
		}
	}
	return false
}
