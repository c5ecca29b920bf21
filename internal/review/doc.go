// Package review is the period review (báo cáo sơ kết, tổng kết) of a unit
// for a month, a quarter, a half-year or a year: the figures drafted from
// the records (tasks, dossiers, obstacles, extensions and, when they exist,
// inspection findings and lessons), the narrative sections the head writes
// (results, shortcomings and their causes, lessons, the next period's
// tasks), and the lock once issued: an issued review is never edited again
// (DOMAIN.md §1.4–1.6; the layout of an administrative report is NĐ
// 30/2020/NĐ-CP, Phụ lục I).
//
// It also keeps the agency's discipline and office-culture checklists
// (Chỉ thị 09/CT-UBND of Bắc Ninh, 27/9/2016; QĐ 733/QĐ-TTg, 14/6/2019) as
// versioned data, the violations recorded against them, and the emulation
// titles proposed from the year's ratings (Lao động tiên tiến, Chiến sĩ
// thi đua cơ sở). The checklists' contents are UNVERIFIED (DOMAIN.md §3):
// they are data the agency edits, and Checklist.Unverified says so.
//
// The package is pure: no SQL, no HTTP.
package review
