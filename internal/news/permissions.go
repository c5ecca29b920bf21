package news

import (
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The policy actions of the news module.
const (
	// PermWrite: the editor (biên tập viên): create, edit and submit an
	// article of the unit it is written for.
	PermWrite auth.Action = "news.write"
	// PermPublish: the editor-in-chief (trưởng ban biên tập): publish and
	// unpublish, and edit any article of the agency.
	PermPublish auth.Action = "news.publish"
	// PermStats: the portal's statistics (visits by day, the most-read
	// articles): whoever publishes, and the administrator who runs the site.
	PermStats auth.Action = "news.stats"
)

// RegisterPolicy adds the module's rules to the policy:
//
//	action        roles                              scope
//	news.write    official, head, deputy_head         subtree (the article's writing unit)
//	              director, deputy_director           agency
//	news.publish  director, deputy_director           agency
//	news.stats    director, deputy_director, admin    agency
//
// The portal's editorial board is the agency's own people: a division's
// officials and heads write their division's news, the agency's leadership
// (who signs for what the agency says in public) publishes it. The clerk,
// the inspector and the administrator neither write nor publish.
func RegisterPolicy(p *auth.Policy) {
	p.Allow(PermWrite,
		auth.Rule{Role: org.RoleOfficial, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleDeputyHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
	)
	p.Allow(PermPublish,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
	)
	p.Allow(PermStats,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleAdmin, Scope: auth.ScopeAgency},
	)
}

func unauthenticated() error {
	return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
}

// CanWrite decides whether s may create or edit an article of unit (or
// submit it).
func CanWrite(s *auth.Subject, tree *org.Tree, p *auth.Policy, unit int64) error {
	if s == nil {
		return unauthenticated()
	}
	if p.Can(s, tree, PermWrite, auth.Resource{UnitID: unit}) {
		return nil
	}
	return apperr.Forbiddenf("Bạn không viết bài cho đơn vị này: chỉ chuyên viên, lãnh đạo của đơn vị và lãnh đạo cơ quan",
		"You do not write for this unit: only its officials and heads and the agency's leadership do")
}

// CanPublish decides whether s may publish or unpublish an article of unit.
func CanPublish(s *auth.Subject, tree *org.Tree, p *auth.Policy, unit int64) error {
	if s == nil {
		return unauthenticated()
	}
	if p.Can(s, tree, PermPublish, auth.Resource{UnitID: unit}) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ trưởng ban biên tập (lãnh đạo cơ quan) đăng hoặc gỡ bài",
		"Only the editor-in-chief (the agency's leadership) publishes or unpublishes")
}

// CanAct checks the right for action e: submit is the writer's, publish
// and unpublish the editor-in-chief's.
func CanAct(s *auth.Subject, tree *org.Tree, p *auth.Policy, a Article, e Event) error {
	if e == EventSubmit {
		return CanWrite(s, tree, p, a.UnitID)
	}
	return CanPublish(s, tree, p, a.UnitID)
}

// CanSeeStats decides whether s may read the portal's statistics of the
// agency whose unit is given (its root unit).
func CanSeeStats(s *auth.Subject, tree *org.Tree, p *auth.Policy, unit int64) error {
	if s == nil {
		return unauthenticated()
	}
	if p.Can(s, tree, PermStats, auth.Resource{UnitID: unit}) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ lãnh đạo cơ quan và quản trị hệ thống xem thống kê cổng thông tin",
		"Only the agency's leadership and the administrator see the portal's statistics")
}

// CanEditImages decides whether s may add images to a, or choose its
// cover: a writer of its unit, while its text may change (not while it is
// published: what the public sees is what was approved).
func CanEditImages(s *auth.Subject, tree *org.Tree, p *auth.Policy, a Article) error {
	if err := CanWrite(s, tree, p, a.UnitID); err != nil {
		return err
	}
	if !a.Status.Editable() {
		return apperr.Conflictf("Bài đang đăng trên cổng: hãy gỡ bài trước khi thêm ảnh hoặc đổi ảnh đại diện",
			"The article is published: unpublish it before adding images or changing its cover")
	}
	return nil
}
