package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

const bn = investment.Billion

// TestGroupRulesSeeded: migration 0023 seeds exactly the domain's Luật
// 58/2024 thresholds; an administrator adds a version, not twice.
func TestGroupRulesSeeded(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sets, err := db.GroupRules(ctx)
		if err != nil || len(sets) != 1 || !reflect.DeepEqual(sets[0], investment.Law582024()) {
			t.Fatalf("seeded: %v %+v", err, sets)
		}
		next := investment.Law582024()
		next.Law, next.EffectiveFrom, next.Verified, next.Note = "90/2025/QH15", "2026-07-01", false, "chưa kiểm chứng"
		if err := db.AddGroupRules(ctx, sys, next); err != nil {
			t.Fatal(err)
		}
		if err := db.AddGroupRules(ctx, sys, next); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("the same law twice: %v", err)
		}
		sets, _ = db.GroupRules(ctx)
		if len(sets) != 2 || sets[1].Law != "90/2025/QH15" || sets[1].Verified {
			t.Errorf("after: %+v", sets)
		}
	})
}

// invFixture is a department (with its appraisal division) under the
// province, and two investors.
type invFixture struct {
	fixture
	province org.Unit
	ban, xa  investment.Investor
	actor    audit.Actor
}

func newInvFixture(t *testing.T, db *store.DB) invFixture {
	t.Helper()
	ctx := context.Background()
	var f invFixture
	var err error
	if f.province, err = db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.00.H27", Name: "UBND tỉnh Bắc Ninh", ValidFrom: "1997-01-01"}); err != nil {
		t.Fatal(err)
	}
	if f.agency, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.province.ID, Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"}); err != nil {
		t.Fatal(err)
	}
	if f.divA, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư", ValidFrom: "2008-01-01"}); err != nil {
		t.Fatal(err)
	}
	if f.alice, err = db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "Nguyễn Thị Ánh"}); err != nil {
		t.Fatal(err)
	}
	f.actor = audit.Actor{PersonID: f.alice.ID, Name: f.alice.FullName, AgencyID: f.agency.ID}
	if f.ban, err = db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "Ban QLDA đầu tư xây dựng các công trình dân dụng tỉnh", Kind: investment.InvestorBoard}); err != nil {
		t.Fatal(err)
	}
	if f.xa, err = db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "UBND xã Yên Phong", Kind: investment.InvestorCommune}); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestInvestors: an investor's unit is its own agency below the province,
// so that the tree keeps the department's rights out of it; names are
// unique in a register.
func TestInvestors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		tree, err := db.Tree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, ok := tree.Unit(f.ban.UnitID)
		if !ok || u.Kind != org.KindInvestor || u.AgencyID != u.ID || u.ParentID == nil || *u.ParentID != f.province.ID {
			t.Fatalf("the investor's unit: %+v", u)
		}
		if tree.SameAgency(f.ban.UnitID, f.agency.ID) || tree.SameAgency(f.ban.UnitID, f.xa.UnitID) {
			t.Error("an investor's unit must be its own agency")
		}
		if _, err := db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "UBND xã Yên Phong", Kind: investment.InvestorCommune}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("a duplicate name: %v", err)
		}
		if _, err := db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.divA.ID, Name: "Ban khác"}); apperr.As(err) == nil || apperr.As(err).Field != "agency_id" {
			t.Errorf("a division is no register: %v", err)
		}
		if _, err := db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "Ban khác", Kind: "bank"}); apperr.As(err) == nil || apperr.As(err).Field != "kind" {
			t.Errorf("an unknown kind: %v", err)
		}
		all, err := db.FindInvestors(ctx, investment.InvestorFilter{AgencyID: f.agency.ID})
		if err != nil || len(all) != 2 || all[0].ID != f.ban.ID {
			t.Fatalf("find: %v %+v", err, all)
		}
		mine, _ := db.FindInvestors(ctx, investment.InvestorFilter{UnitIDs: []int64{f.xa.UnitID}})
		if len(mine) != 1 || mine[0].ID != f.xa.ID {
			t.Errorf("by unit: %+v", mine)
		}
		if got, err := db.FindInvestorByID(ctx, f.xa.ID); err != nil || got != f.xa {
			t.Errorf("by id: %v %+v %+v", err, got, f.xa)
		}
		if _, err := db.FindInvestorByID(ctx, 99999); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("missing: %v", err)
		}
		// A person of the investor holds the investor role in its unit.
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.xa.UnitID, FullName: "Trần Văn Xã"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: f.xa.UnitID, Role: org.RoleInvestor, ValidFrom: "2025-07-01"}); err != nil {
			t.Fatal(err)
		}
	})
}

func newProject(f invFixture, code string, provincial int64) investment.NewProject {
	return investment.NewProject{AgencyID: f.agency.ID, Code: code, Name: "Trường THPT Yên Phong số 3", InvestorID: f.ban.ID,
		ManagingUnitID: f.divA.ID, Band: investment.BandK5, Commune: "Xã Yên Phong", StartYear: 2026, EndYear: 2028,
		Capital: map[investment.Source]int64{investment.SourceCentral: 0, investment.SourceProvincial: provincial}}
}

// TestProjects: create (group computed), duplicate code, bad references,
// nothing written on refusal; adjust with a group change recorded as such,
// a phase change; the history and the journal.
func TestProjects(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		n := newProject(f, "DA-2026-001", 85*bn)
		n.Decision = investment.Decision{Number: "12/QĐ-UBND", Date: "2026-01-15", Signer: "Chủ tịch UBND tỉnh"}
		p, err := db.CreateProject(ctx, f.actor, n)
		if err != nil || p.ID == 0 || p.Group != investment.GroupC || p.GroupLaw != "58/2024/QH15" || p.Total != 85*bn {
			t.Fatalf("create: %v %+v", err, p)
		}
		n2 := newProject(f, "DA-2026-002", 95*bn)
		n2.InvestorID = f.xa.ID
		n2.Name = "Đường liên xã Đông Tiến – Yên Phụ"
		n2.Band = investment.BandK3
		p2, err := db.CreateProject(ctx, f.actor, n2)
		if err != nil || p2.Group != investment.GroupC {
			t.Fatalf("create 2: %v %+v", err, p2)
		}
		bad := []struct {
			code  apperr.Code
			field string
			edit  func(n *investment.NewProject)
		}{
			{apperr.Conflict, "code", func(n *investment.NewProject) {}},
			{apperr.Invalid, "investor_id", func(n *investment.NewProject) { n.Code, n.InvestorID = "X-1", 99999 }},
			{apperr.Invalid, "managing_unit_id", func(n *investment.NewProject) { n.Code, n.ManagingUnitID = "X-2", f.province.ID }},
			{apperr.Invalid, "decision.file_id", func(n *investment.NewProject) {
				n.Code, n.Decision = "X-3", investment.Decision{Number: "1/QĐ", Date: "2026-01-01", FileID: 99999}
			}},
			{apperr.Invalid, "end_year", func(n *investment.NewProject) { n.Code, n.EndYear = "X-4", 2020 }},
		}
		for _, c := range bad {
			m := newProject(f, "DA-2026-001", 10*bn)
			c.edit(&m)
			if e := apperr.As(func() error { _, err := db.CreateProject(ctx, f.actor, m); return err }()); e == nil || e.Code != c.code || e.Field != c.field {
				t.Errorf("%s: got %v", c.field, e)
			}
		}
		if n, _ := db.CountProjects(ctx, investment.ProjectFilter{AgencyID: f.agency.ID}); n != 2 {
			t.Errorf("refusals wrote projects: %d", n)
		}
		got, err := db.FindProjectByCode(ctx, f.agency.ID, "DA-2026-001")
		if err != nil || got.ID != p.ID || got.Capital[investment.SourceProvincial] != 85*bn || len(got.Capital) != 1 || got.ManagingUnitID != f.divA.ID {
			t.Fatalf("by code: %v %+v", err, got)
		}
		if _, err := db.FindProjectByCode(ctx, f.agency.ID+1, "DA-2026-001"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("another register: %v", err)
		}
		if got, err := db.FindProjectByID(ctx, p2.ID); err != nil || got.Code != "DA-2026-002" {
			t.Errorf("by id: %v %+v", err, got)
		}

		dec := investment.Decision{Number: "345/QĐ-UBND", Date: "2026-05-04", Signer: "Chủ tịch UBND tỉnh"}
		q, ev, err := db.AdjustProject(ctx, f.actor, p.ID, investment.Adjustment{
			Capital: map[investment.Source]int64{investment.SourceCentral: 60 * bn, investment.SourceProvincial: 85 * bn}, Decision: dec, Reason: "Bổ sung hạng mục nhà đa năng"})
		if err != nil || q.Group != investment.GroupB || q.Total != 145*bn || ev.Action != investment.EventAdjusted || !ev.GroupChanged() || ev.ID == 0 {
			t.Fatalf("adjust: %v %+v %+v", err, q, ev)
		}
		if _, _, err := db.AdjustProject(ctx, f.actor, p.ID, investment.Adjustment{Capital: map[investment.Source]int64{investment.SourceCentral: -1}, Decision: dec}); apperr.As(err) == nil || apperr.As(err).Field != "total_investment.central" {
			t.Errorf("a negative adjustment: %v", err)
		}
		if _, _, err := db.AdjustProject(ctx, f.actor, 99999, investment.Adjustment{Phase: investment.PhaseCompleted, Reason: "x"}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a missing project: %v", err)
		}
		if _, _, err := db.AdjustProject(ctx, f.actor, p.ID, investment.Adjustment{Phase: investment.PhaseImplementation, Reason: "Khởi công ngày 10/6/2026"}); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindProjectByCode(ctx, f.agency.ID, "DA-2026-001")
		if got.Group != investment.GroupB || got.Phase != investment.PhaseImplementation || got.Capital[investment.SourceCentral] != 60*bn || got.Total != 145*bn {
			t.Errorf("after: %+v", got)
		}
		evs, err := db.FindProjectEvents(ctx, p.ID)
		if err != nil || len(evs) != 3 {
			t.Fatalf("events: %v %+v", err, evs)
		}
		if e := evs[0]; e.Action != investment.EventCreated || e.Decision.Number != "12/QĐ-UBND" || e.GroupAfter != investment.GroupC || e.ActorName != f.alice.FullName {
			t.Errorf("created: %+v", e)
		}
		if e := evs[1]; e.GroupBefore != investment.GroupC || e.GroupAfter != investment.GroupB || e.TotalBefore != 85*bn || e.Decision != dec ||
			e.CapitalBefore[investment.SourceProvincial] != 85*bn || e.CapitalAfter[investment.SourceCentral] != 60*bn || e.Reason == "" {
			t.Errorf("adjusted: %+v", e)
		}
		if e := evs[2]; e.Action != investment.EventPhase || e.PhaseBefore != investment.PhasePreparation || e.GroupChanged() {
			t.Errorf("phase: %+v", e)
		}
		jr, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "project", ObjectID: "DA-2026-001"})
		if err != nil || len(jr) != 3 || jr[0].Action != "phase" || jr[1].Action != "adjusted" || !strings.Contains(jr[1].Payload, `"group_before":"C"`) {
			t.Errorf("journal: %v %+v", err, jr)
		}
	})
}

// TestFindProjects: the register's filters, search without diacritics,
// keyset pages, and the restriction to some investors.
func TestFindProjects(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		names := []string{"Trường mầm non Đông Phong", "Đường tỉnh 295 đoạn Yên Phong", "Bệnh viện đa khoa Bắc Ninh số 2"}
		for i := 0; i < 12; i++ {
			n := newProject(f, fmt.Sprintf("DA-%02d", i), int64(20+i*40)*bn)
			n.Name = names[i%3]
			if i%2 == 1 {
				n.InvestorID = f.xa.ID
				n.Commune = "Xã Tam Giang"
			}
			if i%3 == 1 {
				n.Band = investment.BandK2
			}
			if _, err := db.CreateProject(ctx, f.actor, n); err != nil {
				t.Fatal(err)
			}
		}
		all := investment.ProjectFilter{AgencyID: f.agency.ID}
		cases := []struct {
			name string
			f    investment.ProjectFilter
			want int
		}{
			{"all", all, 12},
			{"investor", func() investment.ProjectFilter { g := all; g.InvestorID = f.xa.ID; return g }(), 6},
			{"commune", func() investment.ProjectFilter { g := all; g.Commune = "Xã Tam Giang"; return g }(), 6},
			{"band", func() investment.ProjectFilter { g := all; g.Band = investment.BandK2; return g }(), 4},
			{"group B", func() investment.ProjectFilter { g := all; g.Group = investment.GroupB; return g }(), 9},
			{"phase", func() investment.ProjectFilter { g := all; g.Phase = investment.PhaseCompleted; return g }(), 0},
			{"search folded", func() investment.ProjectFilter { g := all; g.Query = "duong TINH yen"; return g }(), 4},
			{"search by code", func() investment.ProjectFilter { g := all; g.Query = "da-1"; return g }(), 2},
			{"only investor xa", func() investment.ProjectFilter { g := all; g.Investors = []int64{f.xa.ID}; return g }(), 6},
			{"no investors", func() investment.ProjectFilter { g := all; g.Investors = []int64{}; return g }(), 0},
			{"no agency", investment.ProjectFilter{}, 0},
		}
		for _, c := range cases {
			ps, _, err := db.FindProjects(ctx, c.f)
			n, _ := db.CountProjects(ctx, c.f)
			if err != nil || len(ps) != c.want || n != c.want {
				t.Errorf("%s: %v, %d listed, %d counted, want %d", c.name, err, len(ps), n, c.want)
			}
		}
		var seen []string
		page := all
		page.Limit = 5
		for i := 0; i < 5; i++ {
			ps, next, err := db.FindProjects(ctx, page)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				seen = append(seen, p.Code)
				if p.Capital[investment.SourceProvincial] == 0 {
					t.Errorf("%s without its capital", p.Code)
				}
			}
			if next == "" {
				break
			}
			page.After = next
		}
		if len(seen) != 12 || seen[0] != "DA-00" || seen[11] != "DA-11" {
			t.Errorf("pages: %v", seen)
		}
		cs, err := db.ProjectCommunes(ctx, f.agency.ID)
		if err != nil || len(cs) != 2 {
			t.Errorf("communes: %v %v", err, cs)
		}
	})
}
