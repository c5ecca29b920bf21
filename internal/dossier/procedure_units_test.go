package dossier

import (
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/org"
)

// TestCheckStepUnits: a procedure's steps name units of its own agency
// only, whichever way the tree runs (issue #11, finding 4).
func TestCheckStepUnits(t *testing.T) {
	p := func(v int64) *int64 { return &v }
	tree := org.NewTree([]org.Unit{
		{ID: 1, AgencyID: 1, Kind: org.KindAgency, Name: "UBND tỉnh"},
		{ID: 2, AgencyID: 2, ParentID: p(1), Kind: org.KindAgency, Name: "Sở Tài chính"},
		{ID: 3, AgencyID: 2, ParentID: p(2), Kind: org.KindDesk, Name: "Bộ phận Một cửa"},
		{ID: 4, AgencyID: 2, ParentID: p(2), Kind: org.KindDivision, Name: "Phòng Đấu thầu"},
		{ID: 5, AgencyID: 5, ParentID: p(1), Kind: org.KindAgency, Name: "Sở Xây dựng"},
		{ID: 6, AgencyID: 5, ParentID: p(5), Kind: org.KindDivision, Name: "Phòng Quản lý"},
		{ID: 7, AgencyID: 1, ParentID: p(1), Kind: org.KindDivision, Name: "Văn phòng UBND tỉnh"},
	})
	proc := func(agency int64, units ...int64) Procedure {
		pr := Procedure{AgencyID: agency}
		for _, u := range units {
			pr.Steps = append(pr.Steps, Step{Name: "Thẩm định", UnitID: u, Budget: 1})
		}
		return pr
	}
	for _, c := range []struct {
		name  string
		p     Procedure
		field string // "" when accepted
		unit  string
	}{
		{"own units", proc(2, 3, 4, 0, 2), "", ""},
		{"a sibling department's division", proc(2, 3, 6), "steps[1].unit_id", "Phòng Quản lý"},
		{"the committee above", proc(2, 3, 1), "steps[1].unit_id", "UBND tỉnh"},
		{"the committee's own office", proc(2, 7), "steps[0].unit_id", "Văn phòng UBND tỉnh"},
		{"the committee's procedure into a department below it", proc(1, 7, 4), "steps[1].unit_id", "Phòng Đấu thầu"},
		{"an unknown unit", proc(2, 3, 99), "steps[1].unit_id", ""},
		{"no agency", proc(0, 3), "steps[0].unit_id", ""},
	} {
		err := c.p.CheckStepUnits(tree)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		e := apperr.As(err)
		if e == nil || e.Code != apperr.Invalid || e.Field != c.field || !strings.Contains(e.VI, c.unit) || !strings.Contains(e.VI, "Thẩm định") {
			t.Errorf("%s: %v, want an invalid %s naming the step and %q", c.name, err, c.field, c.unit)
		}
	}
}
