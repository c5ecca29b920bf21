package org

// Tree is a snapshot of every unit, current and past, for questions of
// ancestry (is this division inside that agency?) and succession (which
// current unit carries on the work of an ended one?). It is immutable.
type Tree struct {
	byID     map[int64]*Unit
	children map[int64][]int64
}

// NewTree indexes units.
func NewTree(units []Unit) *Tree {
	t := &Tree{byID: make(map[int64]*Unit, len(units)), children: map[int64][]int64{}}
	for i := range units {
		u := &units[i]
		t.byID[u.ID] = u
		if u.ParentID != nil {
			t.children[*u.ParentID] = append(t.children[*u.ParentID], u.ID)
		}
	}
	return t
}

// Unit returns a unit by id.
func (t *Tree) Unit(id int64) (Unit, bool) {
	u, ok := t.byID[id]
	if !ok {
		return Unit{}, false
	}
	return *u, true
}

// Units returns every unit (order unspecified).
func (t *Tree) Units() []Unit {
	out := make([]Unit, 0, len(t.byID))
	for _, u := range t.byID {
		out = append(out, *u)
	}
	return out
}

// Children returns the ids of a unit's direct children.
func (t *Tree) Children(id int64) []int64 { return t.children[id] }

// Within reports whether unit is ancestor itself or lies below it.
func (t *Tree) Within(unit, ancestor int64) bool {
	for seen := 0; seen < 64; seen++ { // the depth bound guards against a corrupt cycle
		if unit == ancestor {
			return true
		}
		u, ok := t.byID[unit]
		if !ok || u.ParentID == nil {
			return false
		}
		unit = *u.ParentID
	}
	return false
}

// Subtree returns the roots and every unit below them, each once, roots
// first: the tree's shape, across agencies. A grant's reach is
// AgencySubtree, never this.
func (t *Tree) Subtree(roots ...int64) []int64 { return t.walk(roots, false) }

// walk lists the roots and the units below them, each once, roots first;
// with inAgency it does not go below a unit into another agency.
func (t *Tree) walk(roots []int64, inAgency bool) []int64 {
	seen := make(map[int64]bool, len(roots))
	var out []int64
	for _, r := range roots {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for i := 0; i < len(out); i++ {
		agency := t.AgencyOf(out[i])
		for _, c := range t.children[out[i]] {
			if !seen[c] && (!inAgency || t.AgencyOf(c) == agency) {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// AgencyOf returns the agency a unit belongs to, 0 for an unknown unit.
func (t *Tree) AgencyOf(id int64) int64 {
	if u, ok := t.byID[id]; ok {
		return u.AgencyID
	}
	return 0
}

// SameAgency reports whether two known units belong to the same agency. A
// department under the provincial committee is its own agency: rights over
// the committee never reach into it.
func (t *Tree) SameAgency(a, b int64) bool {
	ag := t.AgencyOf(a)
	return ag != 0 && ag == t.AgencyOf(b)
}

// WithinAgency reports whether unit is ancestor itself or lies below it in
// ancestor's agency: the reach of a grant held in ancestor. A department
// below the provincial committee lies Within the committee but not
// WithinAgency of it.
func (t *Tree) WithinAgency(unit, ancestor int64) bool {
	return t.SameAgency(unit, ancestor) && t.Within(unit, ancestor)
}

// AgencySubtree is Subtree stopping at agency boundaries: each root and the
// units below it that belong to the root's agency, each once, roots first.
// It is what a grant "of this unit and below" covers; a department under the
// provincial committee is not part of the committee's subtree.
func (t *Tree) AgencySubtree(roots ...int64) []int64 {
	if out := t.walk(roots, true); out != nil {
		return out
	}
	return []int64{}
}

// Path returns the unit and its ancestors, the unit first.
func (t *Tree) Path(id int64) []Unit {
	var out []Unit
	for seen := 0; seen < 64; seen++ {
		u, ok := t.byID[id]
		if !ok {
			break
		}
		out = append(out, *u)
		if u.ParentID == nil {
			break
		}
		id = *u.ParentID
	}
	return out
}

// CurrentSuccessors follows the successor links from a unit to the units
// that exist now, so that statistics about an ended unit roll up into them.
// A current unit is its own successor.
func (t *Tree) CurrentSuccessors(id int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	var walk func(int64)
	walk = func(id int64) {
		if seen[id] {
			return
		}
		seen[id] = true
		u, ok := t.byID[id]
		if !ok {
			return
		}
		if u.Current() {
			out = append(out, id)
			return
		}
		for _, s := range u.Successors {
			walk(s)
		}
	}
	walk(id)
	return out
}

// Lineage returns a unit and every unit it succeeded, directly or through
// earlier restructurings: an agency's history includes its predecessors'.
func (t *Tree) Lineage(id int64) []int64 {
	out := []int64{id}
	seen := map[int64]bool{id: true}
	for i := 0; i < len(out); i++ {
		u, ok := t.byID[out[i]]
		if !ok {
			continue
		}
		for _, p := range u.Predecessors {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
