package investment

import (
	"fmt"
	"regexp"
	"sort"

	"congvu/internal/apperr"
)

// Billion is one tỷ đồng, the unit the law's thresholds are written in.
const Billion int64 = 1_000_000_000

// Thresholds are a band's group limits in đồng: a project of at least AMin
// is group A, of at least BMin group B, below it group C (Luật 58/2024
// Art 9–11).
type Thresholds struct {
	AMin int64
	BMin int64
}

// RuleSet is the group thresholds of one law version, in force from a date
// (YYYY-MM-DD) until the next version's. An administrator adds a version
// when the law changes; a version not read in its legal text is kept with
// Verified false and the screens say so.
type RuleSet struct {
	Law           string // e.g. "58/2024/QH15"
	EffectiveFrom string // YYYY-MM-DD
	Verified      bool
	Note          string
	// NationalMin is the public capital from which a project is of national
	// importance (Art 8: 30,000 billion đồng).
	NationalMin int64
	Bands       map[Band]Thresholds
}

// Law582024 is the rule set of Luật Đầu tư công 58/2024/QH15 (in force
// 01/01/2025), Art 8–11 as read in the legal text (DOMAIN.md §4). The
// migration seeds the same figures (TestGroupRulesSeeded checks).
func Law582024() RuleSet {
	return RuleSet{Law: "58/2024/QH15", EffectiveFrom: "2025-01-01", Verified: true,
		Note:        "Luật Đầu tư công số 58/2024/QH15, Điều 8 – 11",
		NationalMin: 30_000 * Billion,
		Bands: map[Band]Thresholds{
			BandK2: {AMin: 4_600 * Billion, BMin: 240 * Billion},
			BandK3: {AMin: 3_000 * Billion, BMin: 160 * Billion},
			BandK4: {AMin: 2_000 * Billion, BMin: 120 * Billion},
			BandK5: {AMin: 1_600 * Billion, BMin: 90 * Billion},
		}}
}

var lawRe = regexp.MustCompile(`^[0-9A-Za-zĐđ./\- ]{3,60}$`)

// Validate checks a rule set an administrator enters: a law, a date, and
// for every band 0 < BMin < AMin < NationalMin.
func (r *RuleSet) Validate() error {
	if !lawRe.MatchString(r.Law) {
		return apperr.Invalidf("law", "số hiệu văn bản không hợp lệ: %q (ví dụ 58/2024/QH15)", "law number not valid: %q (e.g. 58/2024/QH15)", r.Law)
	}
	if !validDate(r.EffectiveFrom) {
		return apperr.Invalidf("effective_from", "ngày hiệu lực không hợp lệ: %q", "effective date not valid: %q", r.EffectiveFrom)
	}
	var err error
	if r.Note, err = apperr.Text("note", r.Note, 0, 500); err != nil {
		return err
	}
	for _, b := range Bands {
		t, ok := r.Bands[b]
		field := "bands." + string(b)
		if !ok || t.BMin <= 0 || t.AMin <= t.BMin {
			return apperr.Invalidf(field, "ngưỡng của %s phải có nhóm B lớn hơn 0 và nhóm A lớn hơn nhóm B", "the thresholds of %s need 0 < B < A", string(b))
		}
		if r.NationalMin <= t.AMin {
			return apperr.Invalidf("national_min", "ngưỡng dự án quan trọng quốc gia phải lớn hơn ngưỡng nhóm A", "the national-important threshold must exceed group A's")
		}
	}
	for b := range r.Bands {
		if !b.Valid() {
			return apperr.Invalidf("bands", "lĩnh vực không hợp lệ: %q", "unknown sector band: %q", string(b))
		}
	}
	return nil
}

// InForce returns the rule set in force on a date (YYYY-MM-DD): the one
// with the latest EffectiveFrom on or before it. Before every version it
// is the earliest (a project decided before the first rule recorded takes
// the first known rule); false only when sets is empty.
func InForce(sets []RuleSet, on string) (RuleSet, bool) {
	if len(sets) == 0 {
		return RuleSet{}, false
	}
	s := append([]RuleSet(nil), sets...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].EffectiveFrom < s[j].EffectiveFrom })
	best := s[0]
	for _, r := range s {
		if r.EffectiveFrom <= on {
			best = r
		}
	}
	return best, true
}

// ComputeGroup is a project's group under a rule set (Luật 58/2024 Art
// 8–11): national important when its public capital reaches NationalMin;
// A when it is special (industrial-zone, export-processing-zone or
// hi-tech-park infrastructure, toxic or explosive production: group A
// regardless of size) or its total reaches the band's AMin; B from BMin; C
// below.
func ComputeGroup(r RuleSet, band Band, total, public int64, special bool) Group {
	switch t := r.Bands[band]; {
	case r.NationalMin > 0 && public >= r.NationalMin:
		return GroupNational
	case special || (t.AMin > 0 && total >= t.AMin):
		return GroupA
	case t.BMin > 0 && total >= t.BMin:
		return GroupB
	}
	return GroupC
}

// GroupOf computes a project's group from its band, capital and Special
// flag under the rules in force on the date, and returns the law version
// it used. Errors: apperr.Invalid when no rule set is known.
func GroupOf(sets []RuleSet, on string, p Project) (Group, string, error) {
	r, ok := InForce(sets, on)
	if !ok {
		return "", "", apperr.Invalidf("group", "chưa có ngưỡng phân loại nhóm dự án nào", "no project-group thresholds are configured")
	}
	return ComputeGroup(r, p.Band, p.Total, p.Public(), p.Special), r.Law, nil
}

// Describe says a band's thresholds in words, for the screens.
func (r RuleSet) Describe(b Band, lang string) string {
	t := r.Bands[b]
	if lang == "en" {
		return fmt.Sprintf("A ≥ %d bn; B %d–< %d bn; C < %d bn", t.AMin/Billion, t.BMin/Billion, t.AMin/Billion, t.BMin/Billion)
	}
	return fmt.Sprintf("A ≥ %d tỷ; B %d – < %d tỷ; C < %d tỷ", t.AMin/Billion, t.BMin/Billion, t.AMin/Billion, t.BMin/Billion)
}
