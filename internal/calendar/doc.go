// Package calendar is the Vietnamese working-time engine behind every deadline
// in congvu: dossiers (hồ sơ thủ tục hành chính), tasks and appraisals.
//
// It answers three questions, all in Vietnam's civil time (UTC+7, see VN):
//
//   - Which days are working days? Saturdays and Sundays are rest days for state
//     bodies, which work 40 hours over Monday–Friday (QĐ 188/1999/QĐ-TTg). The
//     public holidays are those of the Labour Code 2019 (Bộ luật Lao động,
//     45/2019/QH14) Art. 112: 1/1, Tết Nguyên đán (5 days), Giỗ Tổ Hùng Vương
//     (10/3 lunar), 30/4, 1/5 and Quốc khánh 2/9 plus one adjacent day. Art.
//     111(3) gives the next working day off when a holiday falls on the weekly
//     rest day. The government announces each year's exact days and swaps, so a
//     year either has an official Schedule (authoritative) or is projected from
//     the statutes and flagged "(dự kiến)".
//   - When does the office open and close? OfficeHours, by season; one working
//     day is always 8 working hours [practice, DOMAIN.md §1.4].
//   - When is something due? Calendar.AddWorking, Calendar.AddWorkingDays,
//     Calendar.Between and Calendar.Due. Calendar-day limits follow the Civil
//     Code 2015 (Bộ luật Dân sự, 91/2015/QH13) Art. 147–148: the first day is not
//     counted, and a period whose last day is a rest day or holiday ends at the
//     close of the next working day.
//
// Lunar dates (Tết, Giỗ Tổ) come from Hồ Ngọc Đức's astronomical method after
// Meeus, with new moons and solar terms computed at UTC+7, which is how the
// Vietnamese calendar differs from the Chinese one (UTC+8) in years such as
// 1985, 2007 and 2030.
//
// The package imports only the standard library and holds no mutable global
// state. A *Calendar is immutable once built by New and safe for concurrent
// use; each year's working intervals are computed once, on first use, so that
// every operation is a table look-up, a binary search and some arithmetic.
//
// Bad input yields a *Error with a Vietnamese message (and an English one), so
// that callers can map it to exit status 2 or HTTP 400 with errors.As.
package calendar
