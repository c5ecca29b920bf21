package calendar

import "time"

// OfficialSchedules returns the official tables shipped with congvu, for state
// employees (cán bộ, công chức, viên chức), as summarised in DOMAIN.md §2
// [law]. It returns a fresh copy on each call, so callers may edit it, e.g. to
// seed the table an administrator maintains; pass it in Config.Schedules.
func OfficialSchedules() []Schedule {
	return []Schedule{official2025(), official2026()}
}

// Names of the statutory days, shared with the projection.
const (
	nameNewYear   = "Tết Dương lịch"
	nameTet       = "Tết Nguyên đán"
	nameHung      = "Giỗ Tổ Hùng Vương"
	nameReunion   = "Ngày Chiến thắng"
	nameLabour    = "Ngày Quốc tế Lao động"
	nameNational  = "Quốc khánh"
	nameCulture   = "Ngày Văn hóa Việt Nam"
	nameCompOff   = "nghỉ bù"
	nameWorkSat   = "làm bù"
	enNewYear     = "New Year's Day"
	enTet         = "Lunar New Year (Tết)"
	enHung        = "Hung Kings' Commemoration Day"
	enReunion     = "Reunification Day"
	enLabour      = "International Labour Day"
	enNational    = "National Day"
	enCulture     = "Vietnamese Culture Day"
	enCompOff     = "compensatory day off"
	enWorkSat     = "make-up working Saturday"
	sourceDomain2 = "lịch nghỉ lễ, Tết chính thức cho cán bộ, công chức, viên chức"
)

func entry(y int, m time.Month, d int, k Kind, name, en string) Entry {
	return Entry{Date: Date{y, m, d}, Kind: k, Name: name, NameEN: en}
}

// official2025: Tết 25/1–2/2 with the five Tết days Mon 27/1–Fri 31/1;
// 30/4–4/5 with Fri 2/5 swapped against Sat 26/4; Quốc khánh Mon 1/9–Tue 2/9.
func official2025() Schedule {
	const y = 2025
	return Schedule{Year: y, Source: sourceDomain2, Entries: []Entry{
		entry(y, 1, 1, Holiday, nameNewYear, enNewYear),
		entry(y, 1, 27, Holiday, nameTet, enTet),
		entry(y, 1, 28, Holiday, nameTet, enTet),
		entry(y, 1, 29, Holiday, nameTet, enTet),
		entry(y, 1, 30, Holiday, nameTet, enTet),
		entry(y, 1, 31, Holiday, nameTet, enTet),
		entry(y, 4, 7, Holiday, nameHung, enHung),
		entry(y, 4, 26, WorkingSaturday, nameWorkSat, enWorkSat),
		entry(y, 4, 30, Holiday, nameReunion, enReunion),
		entry(y, 5, 1, Holiday, nameLabour, enLabour),
		entry(y, 5, 2, CompensatoryOff, nameCompOff, enCompOff),
		entry(y, 9, 1, Holiday, nameNational, enNational),
		entry(y, 9, 2, Holiday, nameNational, enNational),
	}}
}

// official2026: 1/1–4/1 with Fri 2/1 swapped against Sat 10/1; Tết Mon 16/2–
// Fri 20/2; Giỗ Tổ on Sun 26/4 so Mon 27/4 off; 30/4–3/5; Quốc khánh Tue 1/9–
// Wed 2/9 with Mon 31/8 swapped against Sat 22/8.
func official2026() Schedule {
	const y = 2026
	return Schedule{Year: y, Source: sourceDomain2, Entries: []Entry{
		entry(y, 1, 1, Holiday, nameNewYear, enNewYear),
		entry(y, 1, 2, CompensatoryOff, nameCompOff, enCompOff),
		entry(y, 1, 10, WorkingSaturday, nameWorkSat, enWorkSat),
		entry(y, 2, 16, Holiday, nameTet, enTet),
		entry(y, 2, 17, Holiday, nameTet, enTet),
		entry(y, 2, 18, Holiday, nameTet, enTet),
		entry(y, 2, 19, Holiday, nameTet, enTet),
		entry(y, 2, 20, Holiday, nameTet, enTet),
		entry(y, 4, 26, Holiday, nameHung, enHung),
		entry(y, 4, 27, CompensatoryOff, nameCompOff, enCompOff),
		entry(y, 4, 30, Holiday, nameReunion, enReunion),
		entry(y, 5, 1, Holiday, nameLabour, enLabour),
		entry(y, 8, 22, WorkingSaturday, nameWorkSat, enWorkSat),
		entry(y, 8, 31, CompensatoryOff, nameCompOff, enCompOff),
		entry(y, 9, 1, Holiday, nameNational, enNational),
		entry(y, 9, 2, Holiday, nameNational, enNational),
	}}
}
