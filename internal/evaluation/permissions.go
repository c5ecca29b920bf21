package evaluation

import (
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The actions of this module for auth.Policy (NĐ 335/2025 Art 18–20: the
// official assesses themselves, the head of their unit assesses them, the
// head of the agency approves; a leader is assessed by the agency's
// leaders).
const (
	// View: the person themselves (CanView), the heads and deputy heads of
	// their unit or a unit above it, the director, deputy directors and
	// inspectors of the agency.
	View auth.Action = "evaluation.view"
	// Assess: the heads and deputy heads of the person's unit (subtree),
	// the director and deputy directors agency-wide; never oneself.
	Assess auth.Action = "evaluation.assess"
	// AssessLeader: a leader's evaluation, only the director and deputy directors.
	AssessLeader auth.Action = "evaluation.assess_leader"
	// Approve: the director (người đứng đầu); never one's own.
	Approve auth.Action = "evaluation.approve"
	// ManageRules: the agency's administrator edits the UNVERIFIED parts of the rules.
	ManageRules auth.Action = "evaluation.rules"
	// RecordDiscipline: the director records a disciplinary decision.
	RecordDiscipline auth.Action = "evaluation.discipline"
)

// RegisterPolicy adds this module's rules to p.
func RegisterPolicy(p *auth.Policy) {
	p.Allow(View,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleInspector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleDeputyHead, Scope: auth.ScopeSubtree},
	)
	p.Allow(Assess,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleHead, Scope: auth.ScopeSubtree},
		auth.Rule{Role: org.RoleDeputyHead, Scope: auth.ScopeSubtree},
	)
	p.Allow(AssessLeader,
		auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		auth.Rule{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
	)
	p.Allow(Approve, auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency})
	p.Allow(ManageRules, auth.Rule{Role: org.RoleAdmin, Scope: auth.ScopeAgency})
	p.Allow(RecordDiscipline, auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency})
}

func resource(e Evaluation) auth.Resource {
	return auth.Resource{UnitID: e.UnitID, OwnerID: e.PersonID}
}

// CanView decides whether s may see e. Errors: apperr.Unauthorized,
// apperr.NotFound (another agency, or nobody who may: the evaluation is
// not shown at all).
func CanView(s *auth.Subject, tree *org.Tree, p *auth.Policy, e Evaluation) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if s.PersonID == e.PersonID || p.Can(s, tree, View, resource(e)) {
		return nil
	}
	return apperr.NotFoundf("Không tìm thấy phiếu đánh giá số %d", "evaluation %d not found", e.ID)
}

// CanAct decides whether s may take action a on e: someone of another
// agency who may not view it gets apperr.NotFound (it is not shown); within
// the agency, the refusal says why:
// self_assess only the person; assess the heads of the person's unit (or,
// for a leader, the agency's leaders), never oneself; approve the
// director, never their own; return whoever may assess or approve it.
// Errors: apperr.Forbidden saying why.
func CanAct(s *auth.Subject, tree *org.Tree, p *auth.Policy, e Evaluation, a Action) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	self := s.PersonID == e.PersonID
	if !self && s.AgencyID != e.AgencyID && !p.Can(s, tree, View, resource(e)) {
		return apperr.NotFoundf("Không tìm thấy phiếu đánh giá số %d", "evaluation %d not found", e.ID)
	}
	assess := func() bool {
		if e.Group == GroupLeader {
			return p.Can(s, tree, AssessLeader, resource(e))
		}
		return p.Can(s, tree, Assess, resource(e))
	}
	switch a {
	case ActionSelfAssess:
		if self {
			return nil
		}
		return apperr.Forbiddenf("Chỉ bản thân công chức mới tự đánh giá được", "Only the official may assess themselves")
	case ActionAssess:
		if self {
			return apperr.Forbiddenf("Không ai được tự đánh giá thay lãnh đạo đơn vị cho phiếu của chính mình", "Nobody assesses their own evaluation as its head")
		}
		if assess() {
			return nil
		}
		if e.Group == GroupLeader {
			return apperr.Forbiddenf("Phiếu của công chức lãnh đạo do lãnh đạo Sở đánh giá", "A leader's evaluation is assessed by the agency's leaders")
		}
		return apperr.Forbiddenf("Chỉ lãnh đạo đơn vị của công chức này (hoặc lãnh đạo Sở) mới được đánh giá; công chức này không thuộc đơn vị của bạn",
			"Only the heads of this official's unit (or the agency's leaders) may assess; this official is not in your unit")
	case ActionApprove:
		if self {
			return apperr.Forbiddenf("Không ai được phê duyệt phiếu đánh giá của chính mình", "Nobody may approve their own evaluation")
		}
		if p.Can(s, tree, Approve, resource(e)) {
			return nil
		}
		return apperr.Forbiddenf("Chỉ Giám đốc Sở mới được phê duyệt kết quả đánh giá", "Only the director approves evaluations")
	case ActionReturn:
		if self {
			return apperr.Forbiddenf("Không tự trả lại phiếu đánh giá của chính mình", "Nobody returns their own evaluation")
		}
		if assess() || p.Can(s, tree, Approve, resource(e)) {
			return nil
		}
		return apperr.Forbiddenf("Chỉ người đánh giá hoặc người phê duyệt mới được trả lại phiếu", "Only the assessor or the approver may return an evaluation")
	}
	return apperr.Invalidf("action", "thao tác không hợp lệ: %q", "unknown action %q", string(a))
}
