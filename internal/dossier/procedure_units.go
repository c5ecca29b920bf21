package dossier

import (
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/org"
)

// CheckStepUnits checks that every step naming a unit names one of the
// procedure's own agency (issue #11, finding 4): a catalogue is its
// agency's, and a step given to another agency's unit would push the
// agency's dossiers, with the applicants' personal data, into that agency
// (a department's procedure into the provincial committee, or the
// committee's into a department below it). A step of another agency's
// work — the committee's decision on an investment policy — is followed by
// the agency's own division that submitted the file. A step with unit 0
// ("any unit of the agency") passes. The error is an apperr.Invalid on
// steps[i].unit_id naming the step and the unit.
func (p Procedure) CheckStepUnits(tree *org.Tree) error {
	for i, s := range p.Steps {
		if s.UnitID == 0 {
			continue
		}
		f := "steps[" + strconv.Itoa(i) + "].unit_id"
		u, ok := tree.Unit(s.UnitID)
		if !ok {
			return apperr.Invalidf(f, "bước %d (%s): không có đơn vị số %d", "step %d (%s): no unit %d", i+1, s.Name, s.UnitID)
		}
		if u.AgencyID != p.AgencyID || p.AgencyID == 0 {
			return apperr.Invalidf(f, "bước %d (%s): đơn vị %q (số %d) thuộc cơ quan khác; mỗi bước chỉ được giao cho một đơn vị của cơ quan có danh mục thủ tục này",
				"step %d (%s): unit %q (%d) belongs to another agency; a step may only name a unit of the agency whose catalogue holds the procedure",
				i+1, s.Name, u.Name, u.ID)
		}
	}
	return nil
}
