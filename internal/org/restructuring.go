package org

import (
	"congvu/internal/apperr"
)

// RestructuringKind is how units are reorganised.
type RestructuringKind string

// The kinds of restructuring (sắp xếp, tổ chức lại).
const (
	Merge  RestructuringKind = "merge"  // hợp nhất / sáp nhập: several units end, one carries on
	Split  RestructuringKind = "split"  // chia tách: one unit ends, several carry on
	Rename RestructuringKind = "rename" // đổi tên: one unit ends, one new unit carries on
)

// Restructuring ends some units (Sources) on the day before EffectiveOn and
// makes others (new ones described in NewUnits, or existing ones in Into)
// their successors from EffectiveOn. People's memberships in the ended units
// move to the successor when there is exactly one; current child units move
// under it too.
type Restructuring struct {
	ID          int64
	Kind        RestructuringKind
	EffectiveOn string // YYYY-MM-DD, the first day of the new organisation
	Decision    string // the decision that ordered it, e.g. "Quyết định số 123/QĐ-UBND ngày 28/02/2025"
	Note        string
	Sources     []int64   // units that end
	Into        []int64   // existing units that carry on (merge into an existing unit)
	NewUnits    []NewUnit // units created by the restructuring
}

// Validate checks the restructuring against the current organisation.
func (r *Restructuring) Validate(t *Tree) error {
	var err error
	if r.EffectiveOn, err = ParseDate("effective_on", r.EffectiveOn); err != nil {
		return err
	}
	if r.Decision, err = apperr.Text("decision", r.Decision, 0, 300); err != nil {
		return err
	}
	if r.Note, err = apperr.Text("note", r.Note, 0, 2000); err != nil {
		return err
	}
	targets := len(r.Into) + len(r.NewUnits)
	switch r.Kind {
	case Merge:
		if len(r.Sources) < 1 || targets != 1 || len(r.Sources)+len(r.Into) < 2 {
			return apperr.Invalidf("sources", "hợp nhất cần ít nhất hai đơn vị và đúng một đơn vị kế thừa",
				"a merge needs at least two units and exactly one successor")
		}
	case Split:
		if len(r.Sources) != 1 || targets < 2 {
			return apperr.Invalidf("sources", "chia tách cần một đơn vị và ít nhất hai đơn vị kế thừa",
				"a split needs one unit and at least two successors")
		}
	case Rename:
		if len(r.Sources) != 1 || len(r.NewUnits) != 1 || len(r.Into) != 0 {
			return apperr.Invalidf("sources", "đổi tên cần một đơn vị và một tên mới", "a rename needs one unit and one new unit")
		}
	default:
		return apperr.Invalidf("kind", "loại sắp xếp không hợp lệ: %q", "unknown restructuring kind: %q", string(r.Kind))
	}
	seen := map[int64]bool{}
	for _, id := range append(append([]int64{}, r.Sources...), r.Into...) {
		u, ok := t.Unit(id)
		if !ok {
			return apperr.Invalidf("sources", "không có đơn vị số %d", "no unit %d", id)
		}
		if seen[id] {
			return apperr.Invalidf("sources", "đơn vị %q được nêu hai lần", "unit %q is listed twice", u.Name)
		}
		seen[id] = true
		if !u.Current() {
			return apperr.Invalidf("sources", "đơn vị %q đã kết thúc ngày %s", "unit %q already ended on %s", u.Name, *u.ValidTo)
		}
		if u.ValidFrom >= r.EffectiveOn {
			return apperr.Invalidf("effective_on", "ngày hiệu lực phải sau ngày thành lập đơn vị %q (%s)",
				"the effective date must come after unit %q began (%s)", u.Name, u.ValidFrom)
		}
	}
	for i := range r.NewUnits {
		r.NewUnits[i].ValidFrom = r.EffectiveOn
		if err := r.NewUnits[i].Validate(); err != nil {
			return err
		}
		if p := r.NewUnits[i].ParentID; p != nil {
			if pu, ok := t.Unit(*p); !ok || !pu.Current() {
				return apperr.Invalidf("parent_id", "đơn vị cấp trên không tồn tại hoặc đã kết thúc", "the parent unit does not exist or has ended")
			}
		}
	}
	return nil
}
