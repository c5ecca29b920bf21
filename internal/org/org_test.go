package org

import (
	"fmt"
	"testing"

	"congvu/internal/apperr"
)

func id(v int64) *int64    { return &v }
func day(s string) *string { return &s }

// The 2025 merger in miniature: Sở KH&ĐT (2) and the old Sở Tài chính (3)
// under the province (1) ended on 28/02/2025 and were succeeded by the new
// Sở Tài chính (5); division 4 moved under it.
func mergedTree() *Tree {
	return NewTree([]Unit{
		{ID: 1, AgencyID: 1, Kind: KindAgency, Name: "UBND tỉnh Bắc Ninh", ValidFrom: "1997-01-01"},
		{ID: 2, AgencyID: 2, ParentID: id(1), Kind: KindAgency, Name: "Sở Kế hoạch và Đầu tư", ValidFrom: "2008-01-01", ValidTo: day("2025-02-28"), Successors: []int64{5}},
		{ID: 3, AgencyID: 3, ParentID: id(1), Kind: KindAgency, Name: "Sở Tài chính (cũ)", ValidFrom: "2008-01-01", ValidTo: day("2025-02-28"), Successors: []int64{5}},
		{ID: 4, AgencyID: 5, ParentID: id(5), Kind: KindDivision, Name: "Phòng Khoa giáo – Văn xã", ValidFrom: "2008-01-01"},
		{ID: 5, AgencyID: 5, ParentID: id(1), Kind: KindAgency, Name: "Sở Tài chính", ValidFrom: "2025-03-01", Predecessors: []int64{2, 3}},
	})
}

func TestTree(t *testing.T) {
	tr := mergedTree()
	cases := []struct {
		unit, ancestor int64
		want           bool
	}{{4, 5, true}, {4, 1, true}, {5, 4, false}, {2, 5, false}, {4, 4, true}, {99, 1, false}}
	for _, c := range cases {
		if got := tr.Within(c.unit, c.ancestor); got != c.want {
			t.Errorf("Within(%d, %d) = %v", c.unit, c.ancestor, got)
		}
	}
	if got := tr.CurrentSuccessors(2); len(got) != 1 || got[0] != 5 {
		t.Errorf("CurrentSuccessors(2) = %v", got)
	}
	if got := tr.CurrentSuccessors(4); len(got) != 1 || got[0] != 4 {
		t.Errorf("a current unit is its own successor: %v", got)
	}
	if got := tr.Lineage(5); len(got) != 3 || got[0] != 5 {
		t.Errorf("Lineage(5) = %v, want 5 and its two predecessors", got)
	}
	if p := tr.Path(4); len(p) != 3 || p[2].ID != 1 {
		t.Errorf("Path(4) = %v", p)
	}
}

func TestSubtree(t *testing.T) {
	tr := mergedTree()
	for _, c := range []struct {
		roots []int64
		want  []int64
	}{
		{[]int64{1}, []int64{1, 2, 3, 5, 4}},
		{[]int64{5}, []int64{5, 4}},
		{[]int64{4}, []int64{4}},
		{[]int64{5, 1}, []int64{5, 1, 4, 2, 3}}, // each unit once, roots first
		{[]int64{99}, []int64{99}},
		{nil, nil},
	} {
		got := tr.Subtree(c.roots...)
		if len(got) != len(c.want) {
			t.Errorf("Subtree(%v) = %v, want %v", c.roots, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Subtree(%v) = %v, want %v", c.roots, got, c.want)
				break
			}
		}
	}
}

func TestValidCode(t *testing.T) {
	for s, want := range map[string]bool{"000.00.06.H56": true, "000.00.00.H27": true, "000.00.06.h56": false, "00.00.06.H56": false, "000.00.06.H5": false, "": false} {
		if ValidCode(s) != want {
			t.Errorf("ValidCode(%q) = %v", s, !want)
		}
	}
}

func TestRestructuringValidate(t *testing.T) {
	tr := mergedTree()
	cases := []struct {
		name  string
		r     Restructuring
		field string
	}{
		{"merge into a new unit", Restructuring{Kind: Merge, EffectiveOn: "01/07/2025", Sources: []int64{4, 5},
			NewUnits: []NewUnit{{ParentID: id(1), Kind: KindAgency, Code: "000.00.20.H27", Name: "Sở mới"}}}, ""},
		{"merge needs two", Restructuring{Kind: Merge, EffectiveOn: "2025-07-01", Sources: []int64{4},
			NewUnits: []NewUnit{{ParentID: id(5), Kind: KindDivision, Name: "Phòng mới"}}}, "sources"},
		{"ended source", Restructuring{Kind: Rename, EffectiveOn: "2025-07-01", Sources: []int64{2},
			NewUnits: []NewUnit{{ParentID: id(1), Kind: KindAgency, Code: "000.00.21.H27", Name: "Tên mới"}}}, "sources"},
		{"effective before the unit began", Restructuring{Kind: Rename, EffectiveOn: "2025-01-01", Sources: []int64{5},
			NewUnits: []NewUnit{{ParentID: id(1), Kind: KindAgency, Code: "000.00.22.H27", Name: "Tên mới"}}}, "effective_on"},
		{"split needs two successors", Restructuring{Kind: Split, EffectiveOn: "2025-07-01", Sources: []int64{4},
			NewUnits: []NewUnit{{ParentID: id(5), Kind: KindDivision, Name: "Phòng A"}}}, "sources"},
		{"bad date", Restructuring{Kind: Rename, EffectiveOn: "31/02/2025", Sources: []int64{4},
			NewUnits: []NewUnit{{ParentID: id(5), Kind: KindDivision, Name: "Phòng A"}}}, "effective_on"},
		{"unknown kind", Restructuring{Kind: "dissolve", EffectiveOn: "2025-07-01", Sources: []int64{4}}, "kind"},
	}
	for _, c := range cases {
		err := c.r.Validate(tr)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if e := apperr.As(err); e == nil || e.Field != c.field {
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
}

// The province committee (1) above two departments (2, 4): a grant held
// in the committee reaches no unit of a department (each its own agency).
func provinceTree() *Tree {
	return NewTree([]Unit{
		{ID: 1, AgencyID: 1, Kind: KindAgency, Name: "UBND tỉnh Bắc Ninh"},
		{ID: 2, AgencyID: 2, ParentID: id(1), Kind: KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: id(2), Kind: KindDivision, Name: "Phòng Ngân sách"},
		{ID: 4, AgencyID: 4, ParentID: id(1), Kind: KindAgency, Name: "Sở Xây dựng"},
		{ID: 5, AgencyID: 1, ParentID: id(1), Kind: KindDivision, Name: "Văn phòng UBND tỉnh"},
		{ID: 6, AgencyID: 2, ParentID: id(3), Kind: KindDivision, Name: "Tổ dự toán"},
	})
}

func TestAgencyBoundary(t *testing.T) {
	tr := provinceTree()
	for _, c := range []struct {
		roots []int64
		want  string
	}{
		{[]int64{1}, "[1 5]"}, // the committee's own units, not the departments'
		{[]int64{2}, "[2 3 6]"},
		{[]int64{3}, "[3 6]"},
		{[]int64{1, 4}, "[1 4 5]"},
		{[]int64{99}, "[99]"},
		{nil, "[]"},
	} {
		if got := fmt.Sprint(tr.AgencySubtree(c.roots...)); got != c.want {
			t.Errorf("AgencySubtree(%v) = %s, want %s", c.roots, got, c.want)
		}
	}
	for _, c := range []struct {
		unit, ancestor int64
		want           bool
	}{
		{3, 2, true}, {6, 2, true}, {6, 3, true}, {2, 2, true}, {5, 1, true},
		{2, 1, false}, {3, 1, false}, {4, 1, false}, // below the committee but another agency
		{1, 2, false}, {3, 4, false}, {99, 1, false}, {1, 99, false},
	} {
		if got := tr.WithinAgency(c.unit, c.ancestor); got != c.want {
			t.Errorf("WithinAgency(%d, %d) = %v, want %v", c.unit, c.ancestor, got, c.want)
		}
	}
	if tr.AgencyOf(6) != 2 || tr.AgencyOf(1) != 1 || tr.AgencyOf(99) != 0 {
		t.Errorf("AgencyOf: %d %d %d", tr.AgencyOf(6), tr.AgencyOf(1), tr.AgencyOf(99))
	}
	if !tr.SameAgency(3, 6) || tr.SameAgency(1, 2) || tr.SameAgency(99, 99) {
		t.Error("SameAgency wrong")
	}
}
