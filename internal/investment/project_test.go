package investment

import (
	"testing"

	"congvu/internal/apperr"
)

func goodProject() NewProject {
	return NewProject{AgencyID: 2, Code: "DA-2026-001", Name: "Trường THPT Yên Phong số 3", InvestorID: 7, Band: BandK5,
		Commune: "Xã Yên Phong", StartYear: 2026, EndYear: 2028,
		Capital: map[Source]int64{SourceCentral: 0, SourceProvincial: 85 * bn}}
}

// TestNewProjectValidate: each bad input is refused naming its field.
func TestNewProjectValidate(t *testing.T) {
	n := goodProject()
	if err := n.Validate(); err != nil || n.Phase != PhasePreparation {
		t.Fatalf("good: %v %s", err, n.Phase)
	}
	cases := []struct {
		field string
		edit  func(n *NewProject)
	}{
		{"code", func(n *NewProject) { n.Code = "" }},
		{"code", func(n *NewProject) { n.Code = "DA 2026" }},
		{"name", func(n *NewProject) { n.Name = " " }},
		{"investor_id", func(n *NewProject) { n.InvestorID = 0 }},
		{"sector_band", func(n *NewProject) { n.Band = "k9" }},
		{"start_year", func(n *NewProject) { n.StartYear = 0 }},
		{"end_year", func(n *NewProject) { n.EndYear = 2025 }},
		{"phase", func(n *NewProject) { n.Phase = "done" }},
		{"total_investment.provincial", func(n *NewProject) { n.Capital[SourceProvincial] = -1 }},
		{"total_investment.bank", func(n *NewProject) { n.Capital["bank"] = 5 }},
		{"total_investment", func(n *NewProject) { n.Capital = map[Source]int64{SourceCentral: 0} }},
		{"total_investment.oda", func(n *NewProject) { n.Capital[SourceODA] = MaxAmount + 1 }},
		{"decision.date", func(n *NewProject) { n.Decision = Decision{Number: "12/QĐ-UBND"} }},
		{"decision.date", func(n *NewProject) { n.Decision = Decision{Number: "12/QĐ-UBND", Date: "31/12/2025"} }},
		{"decision.number", func(n *NewProject) { n.Decision = Decision{Date: "2025-12-31"} }},
	}
	for _, c := range cases {
		n := goodProject()
		c.edit(&n)
		if e := apperr.As(n.Validate()); e == nil || e.Code != apperr.Invalid || e.Field != c.field {
			t.Errorf("%s: got %v", c.field, e)
		}
	}
}

// TestBuildAndApply: the example (85 bn of provincial budget in
// k5) is group B; an adjustment above 1,600 bn moves it to A and says so;
// a phase change keeps the group; a change of nothing is refused.
func TestBuildAndApply(t *testing.T) {
	sets := []RuleSet{Law582024()}
	n := goodProject()
	n.Capital[SourceProvincial] = 95 * bn
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	p, err := n.Build(sets, "2026-03-01")
	if err != nil || p.Group != GroupB || p.GroupLaw != "58/2024/QH15" || p.Total != 95*bn || len(p.Capital) != 1 || p.ManagingUnitID != 2 {
		t.Fatalf("build: %v %+v", err, p)
	}
	dec := Decision{Number: "345/QĐ-UBND", Date: "2026-05-04", Signer: "Chủ tịch UBND tỉnh"}
	q, ev, err := Apply(p, Adjustment{Capital: map[Source]int64{SourceCentral: 1000 * bn, SourceProvincial: 700 * bn}, Decision: dec}, sets, "2026-05-05")
	if err != nil || q.Group != GroupA || q.Total != 1700*bn || ev.Action != EventAdjusted || !ev.GroupChanged() || ev.GroupBefore != GroupB || ev.TotalBefore != 95*bn {
		t.Fatalf("adjust: %v %+v %+v", err, q, ev)
	}
	if _, _, err := Apply(q, Adjustment{Capital: map[Source]int64{SourceCentral: 5 * bn}}, sets, "2026-05-05"); apperr.As(err) == nil || apperr.As(err).Field != "decision.number" {
		t.Errorf("an adjustment without its decision: %v", err)
	}
	r, ev, err := Apply(q, Adjustment{Phase: PhaseImplementation, Reason: "Khởi công"}, sets, "2026-06-01")
	if err != nil || r.Phase != PhaseImplementation || r.Group != GroupA || ev.Action != EventPhase || ev.GroupChanged() {
		t.Fatalf("phase: %v %+v %+v", err, r, ev)
	}
	if _, _, err := Apply(r, Adjustment{Phase: PhaseImplementation}, sets, "2026-06-01"); apperr.As(err) == nil || apperr.As(err).Field != "action" {
		t.Errorf("a change of nothing: %v", err)
	}
	if _, ev, err := Apply(r, Adjustment{Decision: dec}, sets, "2026-06-01"); err != nil || ev.Action != EventDecision {
		t.Errorf("a decision alone: %v %+v", err, ev)
	}
	if _, _, err := Apply(r, Adjustment{Capital: map[Source]int64{SourceCentral: -5}, Decision: dec}, sets, "2026-06-01"); apperr.As(err) == nil || apperr.As(err).Field != "total_investment.central" {
		t.Errorf("a negative amount: %v", err)
	}
}

func TestLabels(t *testing.T) {
	for _, s := range Sources {
		if s.Label("vi") == string(s) || s.Label("en") == string(s) {
			t.Errorf("source %s has no label", s)
		}
	}
	if SourceCentral.Label("vi") != "Ngân sách trung ương" || SourceODA.Label("vi") != "Vốn ODA" || SourceOther.Public() {
		t.Error("source labels")
	}
	for _, b := range Bands {
		if b.Label("vi") == string(b) || b.Short("en") == string(b) {
			t.Errorf("band %s has no label", b)
		}
	}
	for _, g := range Groups {
		if g.Label("vi") == string(g) {
			t.Errorf("group %s", g)
		}
	}
	for _, p := range Phases {
		if p.Label("en") == string(p) {
			t.Errorf("phase %s", p)
		}
	}
	for _, k := range InvestorKinds {
		if k.Label("vi") == string(k) {
			t.Errorf("kind %s", k)
		}
	}
}
