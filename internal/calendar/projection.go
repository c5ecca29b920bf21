package calendar

// ProjectedSchedule returns the statutory projection of a year as a table,
// the starting point an administrator edits when the government's official
// schedule for that year is announced.
func ProjectedSchedule(year int, culture24Nov bool) Schedule {
	return Schedule{Year: year, Entries: projectedEntries(year, culture24Nov)}
}
