package calendar

import "fmt"

// AgencyDayOff marks, in DayInfo, a day an agency gives its own staff off
// on top of the national table (ngày nghỉ riêng của cơ quan). It is never
// an entry of a national Schedule.
const AgencyDayOff Kind = WorkingSaturday + 1

const (
	nameAgencyOff = "nghỉ riêng của cơ quan"
	enAgencyOff   = "agency's own day off"
)

// DayOff is one of an agency's own days off: a day that is worked under
// the national table (a weekday, or a swapped working Saturday) and that
// this agency does not work, such as a provincial festival or the agency's
// founding day. A day the national table already gives off stays as the
// national table says.
type DayOff struct {
	Date   Date
	Name   string // Vietnamese reason; empty → "nghỉ riêng của cơ quan"
	NameEN string // English reason; empty → "agency's own day off"
}

// validateDaysOff checks an agency's days off: valid dates in range, none
// twice.
func validateDaysOff(days []DayOff) error {
	seen := make(map[Date]bool, len(days))
	for _, d := range days {
		if err := d.Date.Validate(); err != nil {
			return err
		}
		if seen[d.Date] {
			v := d.Date.DMY()
			return newError("days_off", v, fmt.Sprintf("ngày nghỉ riêng của cơ quan bị lặp: %s", v),
				fmt.Sprintf("agency's day off given twice: %s", v))
		}
		seen[d.Date] = true
	}
	return nil
}

// applyDayOff turns a day worked under the national table into the
// agency's day off.
func applyDayOff(di *DayInfo, off DayOff) {
	if !di.Working {
		return
	}
	di.Working, di.Kind, di.Projected = false, AgencyDayOff, false
	di.Reason, di.ReasonEN = off.Name, off.NameEN
	if di.Reason == "" {
		di.Reason = nameAgencyOff
	}
	if di.ReasonEN == "" {
		di.ReasonEN = enAgencyOff
	}
}
