// Package evaluation rates civil servants (đánh giá, xếp loại chất lượng
// công chức) from the records of their work: the task results of a month
// or a quarter computed from the tasks they led (internal/work), the common
// criteria assessed by hand, the workflow self-assessment → head's
// assessment → director's approval, the quota of HTXSNV, discipline, the
// yearly rating and the agency's own score.
//
// Two rule sets are kept as versioned data with effective dates
// (DOMAIN.md §0, §3): NĐ 335/2025/NĐ-CP for the years from 2026 (a
// 100-point scale: 30 common points + 70 task-result points, Art 12–15,
// 21) and NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP for 2025 and
// earlier (levels by criteria, no points). Where DOMAIN.md marks a rule
// UNVERIFIED (how the three items combine into 70, the split of the 30
// common points, the leader's extra items, the quota's rounding), the rule
// is a field of RuleSet that an administrator may change, and RuleSet.
// Unverified lists them for the UI to say so.
//
// The package is pure: no SQL, no HTTP; the store loads the tasks and the
// evaluations, this package decides.
package evaluation
