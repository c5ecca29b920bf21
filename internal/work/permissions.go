package work

import (
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The actions of this module for auth.Policy.
const (
	// ViewTask: the lead person, the coordinators and their units, the
	// assigner, the members of the lead unit and those who manage it
	// (subtree), the director and deputy directors agency-wide, and the
	// inspectors agency-wide (read-only: they take no part in a task, so
	// Apply lets them do nothing).
	ViewTask auth.Action = "task.view"
	// CreateTask: heads and deputy heads for their unit's subtree, the
	// director and deputy directors agency-wide.
	CreateTask auth.Action = "task.create"
	// ActOnTask: taking an action on a task needs ViewTask, then is decided
	// per action by the person's part in the task (Apply), not by role; the
	// policy holds no rule for it, so no role alone grants it.
	ActOnTask auth.Action = "task.act"
)

// RegisterPolicy adds this module's rules to p. Relations that are not
// roles (lead person, assigner, coordinator) are checked by CanView.
func RegisterPolicy(p *auth.Policy) {
	p.Allow(ViewTask,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleInspector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleDeputyHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleOfficial, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleClerk, Scope: auth.ScopeSubtree},
	)
	p.Allow(CreateTask,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleDeputyHead, Scope: auth.ScopeSubtree},
	)
}

// CanView decides whether s may see (and so act on, as far as Apply allows)
// task t: the task's lead person, assigner and named coordinators may; so may
// anyone holding a role in a coordinating unit (or managing one above it
// in the same agency);
// otherwise the policy decides on the lead unit (ViewTask). An official
// cannot see or change another unit's tasks unless coordinating on them.
// Errors: apperr.Unauthorized without a subject, apperr.Forbidden with the
// reason.
func CanView(s *auth.Subject, tree *org.Tree, p *auth.Policy, t Task) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if id := s.PersonID; id != 0 && (id == t.LeadPersonID || id == t.AssignerID || t.coordinator(id)) {
		return nil
	}
	for _, c := range t.Coordinators {
		for _, g := range s.Grants {
			if !tree.SameAgency(g.UnitID, c.UnitID) { // rights never reach across agencies
				continue
			}
			if tree.Within(g.UnitID, c.UnitID) || (g.Role.Manages() && tree.Within(c.UnitID, g.UnitID)) {
				return nil
			}
		}
	}
	if p.Can(s, tree, ViewTask, auth.Resource{UnitID: t.LeadUnitID, OwnerID: t.LeadPersonID}) {
		return nil
	}
	return apperr.Forbiddenf("Nhiệm vụ này thuộc đơn vị khác; bạn chỉ xem được nhiệm vụ của đơn vị mình hoặc nhiệm vụ mình chủ trì, phối hợp",
		"This task belongs to another unit; you can see only your unit's tasks and the tasks you lead or coordinate")
}

// CanCreate decides whether s may assign a task led by the unit
// n.LeadUnitID (CreateTask). Errors: apperr.Unauthorized, apperr.Forbidden.
func CanCreate(s *auth.Subject, tree *org.Tree, p *auth.Policy, n NewTask) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if p.Can(s, tree, CreateTask, auth.Resource{UnitID: n.LeadUnitID}) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ lãnh đạo đơn vị chủ trì (hoặc lãnh đạo Sở) mới được giao nhiệm vụ cho đơn vị này",
		"Only the lead unit's managers (or the department's directors) may assign tasks to this unit")
}

// CanChangeFiles says whether person may attach files to t or take them
// off: its lead reports on it (báo cáo tiến độ, sản phẩm), its assigner
// adds decisions; the same rule for the web page and the API. Errors:
// apperr.Forbidden.
func CanChangeFiles(personID int64, t Task) error {
	if personID != 0 && (personID == t.LeadPersonID || personID == t.AssignerID) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ người chủ trì hoặc người giao nhiệm vụ mới được đính kèm hay gỡ tệp của nhiệm vụ",
		"Only the task's lead or its assigner may attach or remove its files")
}
