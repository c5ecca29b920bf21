// Package work is the plans-and-tasks model of congvu: chương trình, kế hoạch
// công tác with their chỉ tiêu (targets), and the nhiệm vụ (tasks) that carry
// them out, each with one person who answers for it (người chủ trì), units
// that help (đơn vị phối hợp), a concrete output (sản phẩm), a deadline
// counted on the working-time calendar, progress that is reported and
// checked, obstacles (khó khăn, vướng mắc) that are raised and escalated, and
// results that are reviewed (nghiệm thu) by the person who assigned the task.
//
// It is the working method the agency set itself: "làm việc phải có chương
// trình, kế hoạch cụ thể, chi tiết … gắn với kiểm tra, tổng kết, rút kinh
// nghiệm … để nắm được chất lượng, tiến độ công việc … đồng thời phát hiện
// những khó khăn, vướng mắc cần được giải quyết" (Tham luận Chi bộ 2, Sở Kế
// hoạch và Đầu tư Bắc Ninh, 2021), under Chỉ thị 09/CT-UBND (27/9/2016) of
// the chairman of Bắc Ninh on administrative discipline.
//
// Every change to a task is an Event; the current state, obstacles,
// extensions, reviews and exemptions are derived from the events by Replay,
// and Apply is the one place that decides whether a change is allowed (the
// state machine, machine.go) and who may make it (the per-action rules,
// apply.go; visibility in permissions.go).
//
// The task record is what civil-servant evaluation needs (DOMAIN.md §3):
// assigned date, deadline and original deadline, completion date, quality
// reviews passed and failed, conversion weight (hệ số quy đổi) and any
// objective-cause exemption with who confirmed it. From 01/01/2026 NĐ
// 335/2025/NĐ-CP scores an official's task results monthly or quarterly out
// of 70 points from quantity, quality and progress (figures.go, score.go);
// years up to 2025 were rated under NĐ 90/2020/NĐ-CP as amended by NĐ
// 48/2023/NĐ-CP, which rated the share of tasks done on time and to quality.
//
// The package is pure: no SQL, no HTTP, no global mutable state. The time
// ("now") and the working-time calendar come in as values. Errors are
// *apperr.Error: Invalid (400) naming the field, Forbidden (403) saying who
// may act, Conflict (409) naming the current state and the allowed actions.
package work
