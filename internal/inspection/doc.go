// Package inspection is the agency's own inspections of process adherence
// (kiểm tra việc chấp hành quy trình; DOMAIN.md §1.5, issue #14 item 3) and
// its lessons learned (rút kinh nghiệm, item 5).
//
// An inspection belongs to the year's inspection plan (kế hoạch kiểm tra);
// its scope is a set of units and a reproducible random sample of their
// dossiers, tasks or projects, drawn with a recorded seed (Sample: the same
// seed over the same population gives the same sample). Each sampled item
// gets a checklist: the items the records can decide are computed from
// them (each step within its budget, the form issued, the apology before
// the due date, a supplement request with its reason, the task reviewed,
// ...), the others are left for the inspector to fill by hand. Findings
// (phát hiện) and recommendations (kiến nghị) follow; each recommendation
// becomes a task of internal/work with an owner and a deadline, followed
// to closure; the conclusion (kết luận kiểm tra) locks the inspection.
//
// This package knows nothing of HTTP or SQL: internal/store keeps the
// records, internal/web and internal/api serve them. The project
// inspections of public investment (investment.Inspection, Luật Đầu tư công
// Art 73–74) are another, narrower thing; an inspection here may sample
// projects.
package inspection
