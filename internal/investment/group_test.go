package investment

import (
	"testing"

	"congvu/internal/apperr"
)

const bn = Billion

// TestComputeGroup: the thresholds of Luật 58/2024 Art 8–11 at and around
// each limit, the Special flag and the national-important threshold of
// public capital.
func TestComputeGroup(t *testing.T) {
	r := Law582024()
	cases := []struct {
		band          Band
		total, public int64
		special       bool
		want          Group
	}{
		{BandK5, 85 * bn, 85 * bn, false, GroupC},
		{BandK5, 90*bn - 1, 90 * bn, false, GroupC},
		{BandK5, 90 * bn, 90 * bn, false, GroupB},
		{BandK5, 1600*bn - 1, 0, false, GroupB},
		{BandK5, 1600 * bn, 0, false, GroupA},
		{BandK2, 239 * bn, 0, false, GroupC},
		{BandK2, 240 * bn, 0, false, GroupB},
		{BandK2, 4600 * bn, 0, false, GroupA},
		{BandK3, 160 * bn, 0, false, GroupB},
		{BandK3, 3000 * bn, 0, false, GroupA},
		{BandK4, 119 * bn, 0, false, GroupC},
		{BandK4, 120 * bn, 0, false, GroupB},
		{BandK4, 2000 * bn, 0, false, GroupA},
		{BandK4, 10 * bn, 10 * bn, true, GroupA}, // industrial-zone infrastructure: A regardless of size
		{BandK2, 35000 * bn, 30000 * bn, false, GroupNational},
		{BandK2, 35000 * bn, 29999 * bn, false, GroupA}, // public capital below 30,000 bn
	}
	for _, c := range cases {
		if got := ComputeGroup(r, c.band, c.total, c.public, c.special); got != c.want {
			t.Errorf("%s %d bn (public %d, special %v): got %s, want %s", c.band, c.total/bn, c.public/bn, c.special, got, c.want)
		}
	}
}

// TestInForce: the version in force on a date is the latest begun by then.
func TestInForce(t *testing.T) {
	old := Law582024()
	old.Law, old.EffectiveFrom = "39/2019/QH14", "2020-01-01"
	old.Bands[BandK5] = Thresholds{AMin: 1000 * bn, BMin: 50 * bn}
	next := Law582024()
	next.Law, next.EffectiveFrom, next.Verified = "90/2025/QH15", "2026-07-01", false
	next.Bands = map[Band]Thresholds{BandK2: {5000 * bn, 300 * bn}, BandK3: {3000 * bn, 160 * bn}, BandK4: {2000 * bn, 120 * bn}, BandK5: {2000 * bn, 100 * bn}}
	sets := []RuleSet{next, Law582024(), old}
	for _, c := range []struct{ on, want string }{
		{"2019-05-01", "39/2019/QH14"}, {"2024-12-31", "39/2019/QH14"}, {"2025-01-01", "58/2024/QH15"},
		{"2026-06-30", "58/2024/QH15"}, {"2026-07-01", "90/2025/QH15"},
	} {
		if r, _ := InForce(sets, c.on); r.Law != c.want {
			t.Errorf("on %s: %s, want %s", c.on, r.Law, c.want)
		}
	}
	// 95 bn of k5: B under Luật 58, C under the later (unverified) version.
	p := Project{Band: BandK5, Total: 95 * bn, Capital: map[Source]int64{SourceProvincial: 95 * bn}}
	if g, law, _ := GroupOf(sets, "2026-01-01", p); g != GroupB || law != "58/2024/QH15" {
		t.Errorf("2026-01-01: %s %s", g, law)
	}
	if g, law, _ := GroupOf(sets, "2026-08-01", p); g != GroupC || law != "90/2025/QH15" {
		t.Errorf("2026-08-01: %s %s", g, law)
	}
	if _, _, err := GroupOf(nil, "2026-01-01", p); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("no rules: %v", err)
	}
}

func TestRuleSetValidate(t *testing.T) {
	ok := Law582024()
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		field string
		edit  func(r *RuleSet)
	}{
		{"law", func(r *RuleSet) { r.Law = "" }},
		{"effective_from", func(r *RuleSet) { r.EffectiveFrom = "2025-02-30" }},
		{"bands.k3", func(r *RuleSet) { r.Bands[BandK3] = Thresholds{AMin: 100 * bn, BMin: 200 * bn} }},
		{"bands.k4", func(r *RuleSet) { delete(r.Bands, BandK4) }},
		{"national_min", func(r *RuleSet) { r.NationalMin = 1000 * bn }},
	}
	for _, c := range bad {
		r := Law582024()
		c.edit(&r)
		if e := apperr.As(r.Validate()); e == nil || e.Field != c.field {
			t.Errorf("%s: got %v", c.field, e)
		}
	}
}
