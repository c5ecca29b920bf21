package inspection

import (
	"slices"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The actions of this module for auth.Policy.
const (
	// View: the inspections and the plan, by the agency's inspectors and
	// its leaders (who receive the conclusions).
	View auth.Action = "inspection.view"
	// Conduct: opening the year's plan and an inspection, by the agency's
	// inspectors; writing one is then its own team's (CanWrite).
	Conduct auth.Action = "inspection.conduct"
	// ViewLessons and WriteLessons: the lessons learned, read by the
	// agency's staff and written by anyone of it who works on the records.
	ViewLessons  auth.Action = "lesson.view"
	WriteLessons auth.Action = "lesson.write"
)

// LessonWriters are the roles that write lessons: who works on tasks,
// dossiers and projects, and who inspects them.
var LessonWriters = []org.Role{org.RoleDirector, org.RoleDeputyDirector, org.RoleHead, org.RoleDeputyHead,
	org.RoleOfficial, org.RoleClerk, org.RoleInspector}

// RegisterPolicy adds this module's rules to p.
func RegisterPolicy(p *auth.Policy) {
	p.Allow(View,
		auth.Rule{Role: org.RoleInspector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
	)
	p.Allow(Conduct, auth.Rule{Role: org.RoleInspector, Scope: auth.ScopeAgency})
	for _, r := range []org.Role{org.RoleDirector, org.RoleDeputyDirector, org.RoleHead, org.RoleDeputyHead,
		org.RoleOfficial, org.RoleClerk, org.RoleInspector, org.RoleAdmin} {
		p.Allow(ViewLessons, auth.Rule{Role: r, Scope: auth.ScopeAgency})
	}
	for _, r := range LessonWriters {
		p.Allow(WriteLessons, auth.Rule{Role: r, Scope: auth.ScopeAgency})
	}
}

func notFound(id int64) error {
	return apperr.NotFoundf("Không tìm thấy cuộc kiểm tra số %d", "inspection %d not found", id)
}

// CanView decides whether s may read in: the agency's inspectors and
// leaders. Someone of another agency gets apperr.NotFound (it is not
// shown); the agency's other staff apperr.Forbidden.
func CanView(s *auth.Subject, tree *org.Tree, p *auth.Policy, in Inspection) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if p.Can(s, tree, View, auth.Resource{UnitID: in.AgencyID}) {
		return nil
	}
	if s.AgencyID != in.AgencyID {
		return notFound(in.ID)
	}
	return apperr.Forbiddenf("Chỉ thanh tra viên và lãnh đạo Sở mới xem được cuộc kiểm tra", "Only the inspectors and the agency's leaders see inspections")
}

// CanWrite decides whether s may write in (its checklist, findings,
// recommendations, conclusion): an inspector of the agency who is on its
// team. Errors as CanView, and apperr.Forbidden for an inspector who is
// not on the team.
func CanWrite(s *auth.Subject, tree *org.Tree, p *auth.Policy, in Inspection) error {
	if err := CanView(s, tree, p, in); err != nil {
		return err
	}
	if p.Can(s, tree, Conduct, auth.Resource{UnitID: in.AgencyID}) && slices.Contains(in.Writers(), s.PersonID) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ thành viên đoàn kiểm tra mới được ghi vào cuộc kiểm tra này", "Only the inspection's own team writes it")
}
