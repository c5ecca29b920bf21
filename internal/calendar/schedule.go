package calendar

import (
	"fmt"
	"time"
)

// Kind is the kind of an entry in a year's holiday table: the three kinds of
// day an administrator edits, because the government announces each year's
// exact days off and swaps (DOMAIN.md §2).
type Kind int

// The kinds of table entry. The zero Kind marks an ordinary day in DayInfo.
const (
	// Holiday is a ngày lễ or Tết day under Labour Code 2019 Art. 112.
	Holiday Kind = iota + 1
	// CompensatoryOff is a weekday given off: nghỉ bù under Art. 111(3), or the
	// day off of a swap (hoán đổi) against a WorkingSaturday.
	CompensatoryOff
	// WorkingSaturday is a Saturday worked to make up a swapped day (làm bù).
	WorkingSaturday
)

var kindNames = [...]string{"", "holiday", "compensatory_off", "working_saturday", "agency_day_off"}

// String returns the stable English code of k: "holiday", "compensatory_off",
// "working_saturday" or, for DayInfo only, "agency_day_off"; the codes are
// meant for storage and CSV files.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind parses the code of a table entry's Kind as returned by
// Kind.String; AgencyDayOff is not one.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if i > 0 && Kind(i) < AgencyDayOff && n == s {
			return Kind(i), nil
		}
	}
	return 0, newError("schedule", s,
		fmt.Sprintf("loại ngày không hợp lệ: %q", s), fmt.Sprintf("invalid kind of day: %q", s))
}

// Entry is one row of a year's holiday table.
type Entry struct {
	Date   Date
	Kind   Kind
	Name   string // Vietnamese name shown as the reason, e.g. "Tết Nguyên đán"; empty → "nghỉ bù" / "làm bù"
	NameEN string // English name; empty → a default for the Kind
}

// Schedule is the official table of one year (lịch nghỉ lễ, Tết), as
// announced by the government. When a year has a Schedule it is
// authoritative for that year: its Holiday and CompensatoryOff entries are
// the only weekdays off and its WorkingSaturday entries the only Saturdays
// worked. Years without one are projected from the statutes.
type Schedule struct {
	Year    int
	Source  string // where the table comes from, e.g. the notice that announced it
	Entries []Entry
}

// Validate checks the table: a year within MinYear–MaxYear, valid dates all in
// that year, known kinds, a WorkingSaturday on a Saturday, a CompensatoryOff
// on a weekday (Monday–Friday), and no date twice.
func (s Schedule) Validate() error {
	if s.Year < MinYear || s.Year > MaxYear {
		return errYear(s.Year)
	}
	seen := make(map[Date]bool, len(s.Entries))
	for _, e := range s.Entries {
		if err := e.Date.Validate(); err != nil {
			return err
		}
		v := e.Date.DMY()
		bad := func(vi, en string) error {
			return newError("schedule", v, fmt.Sprintf("lịch nghỉ năm %d: %s: %s", s.Year, vi, v),
				fmt.Sprintf("holiday table %d: %s: %s", s.Year, en, v))
		}
		wd := e.Date.Weekday()
		switch {
		case e.Date.Year != s.Year:
			return bad("ngày không thuộc năm của bảng", "date outside the table's year")
		case e.Kind < Holiday || e.Kind > WorkingSaturday:
			return bad(fmt.Sprintf("loại ngày không hợp lệ (%d)", int(e.Kind)), fmt.Sprintf("invalid kind (%d)", int(e.Kind)))
		case e.Kind == WorkingSaturday && wd != time.Saturday:
			return bad("ngày làm bù phải là Thứ Bảy", "a working Saturday must be a Saturday")
		case e.Kind == CompensatoryOff && (wd == time.Saturday || wd == time.Sunday):
			return bad("ngày nghỉ bù phải là ngày từ Thứ Hai đến Thứ Sáu", "a compensatory day off must be a weekday")
		case seen[e.Date]:
			return bad("ngày bị lặp", "duplicate date")
		}
		seen[e.Date] = true
	}
	return nil
}
