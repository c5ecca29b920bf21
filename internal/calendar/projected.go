package calendar

import (
	"sort"
	"time"
)

// projectedEntries computes the days off of a year that has no official
// table, from Labour Code 2019 Art. 112 with these defaults, since the exact
// choices are the government's each year:
//
//   - Tết Nguyên đán: the last day of the old lunar year and lunar 1/1–4/1,
//     which makes the statutory five days;
//   - Quốc khánh: 2/9 and the day before it, 1/9;
//   - 24/11 Ngày Văn hóa Việt Nam only when culture is set (UNVERIFIED).
//
// Then Art. 111(3): each holiday falling on Saturday or Sunday (both rest days
// for state bodies) gives the next weekday that is not already off. Taking
// holidays in date order makes a block such as Tết push its compensation days
// after the block, as the announced schedules do. A holiday falling on
// another (Giỗ Tổ on 30/4, which happens once in range, in 1947) is owed a
// day the same way.
func projectedEntries(y int, culture bool) []Entry {
	tet, _ := Tet(y) // y is in range: the callers check it
	hung, _ := LunarToSolar(LunarDate{Day: 10, Month: 3, Year: y})
	hol := []Entry{
		entry(y, 1, 1, Holiday, nameNewYear, enNewYear),
		{Date: hung, Kind: Holiday, Name: nameHung, NameEN: enHung},
		entry(y, 4, 30, Holiday, nameReunion, enReunion),
		entry(y, 5, 1, Holiday, nameLabour, enLabour),
		entry(y, 9, 1, Holiday, nameNational, enNational),
		entry(y, 9, 2, Holiday, nameNational, enNational),
	}
	for i := -1; i <= 3; i++ {
		hol = append(hol, Entry{Date: tet.AddDays(i), Kind: Holiday, Name: nameTet, NameEN: enTet})
	}
	if culture {
		hol = append(hol, entry(y, 11, 24, Holiday, nameCulture, enCulture))
	}
	sort.Slice(hol, func(i, j int) bool { return hol[i].Date.Before(hol[j].Date) })

	off := make(map[Date]bool, len(hol)+4)
	out := make([]Entry, 0, len(hol)+4)
	var owed []Date // holidays lost to a weekend (or, as in 1947, to another holiday)
	for _, e := range hol {
		if off[e.Date] {
			owed = append(owed, e.Date)
			continue
		}
		off[e.Date] = true
		out = append(out, e)
		if isWeekend(e.Date.Weekday()) {
			owed = append(owed, e.Date)
		}
	}
	for _, h := range owed {
		d := h.AddDays(1)
		for isWeekend(d.Weekday()) || off[d] {
			d = d.AddDays(1)
		}
		off[d] = true
		out = append(out, Entry{Date: d, Kind: CompensatoryOff, Name: nameCompOff, NameEN: enCompOff})
	}
	return out
}

func isWeekend(w time.Weekday) bool { return w == time.Saturday || w == time.Sunday }
