package dossier

import (
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The policy actions of the dossier module.
const (
	// PermIntake: work the one-stop desk (receive, accept, refuse, return
	// the result, record a withdrawal, forward from the desk step).
	PermIntake auth.Action = "dossier.intake"
	// PermView: read a dossier.
	PermView auth.Action = "dossier.view"
	// PermHandle: act on the step a dossier is at (forward, complete,
	// request and receive supplements and payments, stop, resume).
	PermHandle auth.Action = "dossier.handle"
	// PermApologize: sign the apology and new appointment (form 04), which
	// the head of the body at fault signs.
	PermApologize auth.Action = "dossier.apologize"
	// PermStats: read the period report and the dossier statistics.
	PermStats auth.Action = "dossier.stats"
)

// RegisterPolicy adds the dossier module's rules to the policy:
//
//	action             roles                                           scope
//	dossier.intake     clerk                                           subtree (the desk unit)
//	                   admin                                           agency
//	dossier.view       director, deputy_director, inspector, clerk,    agency
//	                   admin
//	                   head, deputy_head, official                     subtree (a unit the dossier reached)
//	dossier.handle     official, head, deputy_head                     subtree (the current step's unit)
//	                   director, deputy_director                       subtree (their agency unit: all of it)
//	dossier.apologize  head, deputy_head                               subtree (the unit at fault)
//	                   director, deputy_director                       agency
//	dossier.stats      director, deputy_director, inspector            agency
//	                   head, deputy_head                               subtree
func RegisterPolicy(p *auth.Policy) {
	p.Allow(PermIntake, auth.Rule{Role: org.RoleClerk, Scope: auth.ScopeSubtree}, auth.Rule{Role: org.RoleAdmin, Scope: auth.ScopeAgency})
	p.Allow(PermView, rules(auth.ScopeAgency, org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector, org.RoleClerk, org.RoleAdmin)...)
	p.Allow(PermView, rules(auth.ScopeSubtree, org.RoleHead, org.RoleDeputyHead, org.RoleOfficial)...)
	p.Allow(PermHandle, rules(auth.ScopeSubtree, org.RoleOfficial, org.RoleHead, org.RoleDeputyHead, org.RoleDirector, org.RoleDeputyDirector)...)
	p.Allow(PermApologize, rules(auth.ScopeSubtree, org.RoleHead, org.RoleDeputyHead)...)
	p.Allow(PermApologize, rules(auth.ScopeAgency, org.RoleDirector, org.RoleDeputyDirector)...)
	p.Allow(PermStats, rules(auth.ScopeAgency, org.RoleDirector, org.RoleDeputyDirector, org.RoleInspector)...)
	p.Allow(PermStats, rules(auth.ScopeSubtree, org.RoleHead, org.RoleDeputyHead)...)
}

func rules(s auth.Scope, roles ...org.Role) []auth.Rule {
	out := make([]auth.Rule, len(roles))
	for i, r := range roles {
		out[i] = auth.Rule{Role: r, Scope: s}
	}
	return out
}

// CanAct decides whether the subject may take an action on a dossier in
// state st (the zero State for a dossier not yet received). It does not
// check that the status allows the action: Apply does. The rule per action:
//
//	action                                  policy action       on the unit of
//	submit_online                           —                   (the applicant, on the portal: never staff)
//	receive, accept, refuse,                dossier.intake      the desk (first step)
//	return_result, withdraw
//	forward, complete, request_supplement,  dossier.intake      the desk, while the current step's role is clerk
//	receive_supplement, request_payment,    dossier.handle      the current step, otherwise, held in the
//	receive_payment, stop, resume,                              step's role or one on its level or above
//	return_for_rework
//	                                                            (RoleMayTakeStep: a head's approval is not an official's)
//	receive_supplement, receive_payment     dossier.intake      the desk, too: the applicant brings them to the counter
//	apologize                               dossier.apologize   the current step (the body at fault)
//
// A step whose unit is 0 ("any unit of the agency") and not yet assigned is
// open to whoever holds the permission in a unit of the procedure's agency.
// Errors: apperr.Unauthorized without a subject, apperr.Forbidden when
// refused, apperr.Invalid for an unknown action.
func CanAct(s *auth.Subject, tree *org.Tree, pol *auth.Policy, st State, p Procedure, a Action) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	var perm auth.Action
	var unit int64
	switch a {
	case SubmitOnline:
		return apperr.Forbiddenf("Hồ sơ trực tuyến do người nộp gửi qua Cổng dịch vụ công",
			"Online dossiers are filed by the applicant on the public-service portal")
	case Receive, Accept, Refuse, ReturnResult, Withdraw:
		perm, unit = PermIntake, deskUnit(p, st)
	case AnswerConsultation:
		if len(AnswerableBranches(s, tree, pol, st)) > 0 {
			return nil
		}
		return refuseAction(a)
	case Extend:
		perm, unit = PermApologize, stepUnit(p, st)
	case Forward, Complete, RequestSupplement, ReceiveSupplement, RequestPayment, ReceivePayment, Stop, Resume, ReturnForRework,
		Consult, AppraisalReport:
		perm, unit = PermHandle, stepUnit(p, st)
		name, role := stepRole(p, st)
		if role == org.RoleClerk {
			perm = PermIntake
			break
		}
		// The desk takes in the papers or the payment the applicant brings
		// to the counter, whoever asked for them; the clock resumes.
		if (a == ReceiveSupplement || a == ReceivePayment) && allowed(s, tree, pol, PermIntake, deskUnit(p, st), p.AgencyID) {
			return nil
		}
		if role != "" && !allowed(withStepRole(s, role), tree, pol, perm, unit, p.AgencyID) {
			if allowed(s, tree, pol, perm, unit, p.AgencyID) {
				return stepRoleRefusal(name, role, a)
			}
			return refuseAction(a)
		}
	case Apologize:
		perm, unit = PermApologize, stepUnit(p, st)
	default:
		return apperr.Invalidf("action", "thao tác không hợp lệ: %q", "unknown action: %q", string(a))
	}
	if allowed(s, tree, pol, perm, unit, p.AgencyID) {
		return nil
	}
	return refuseAction(a)
}

// refuseAction is the plain 403 of an action the subject may not take.
func refuseAction(a Action) error {
	return &apperr.Error{Code: apperr.Forbidden,
		VI: fmt.Sprintf("Bạn không có quyền %s hồ sơ này", a.Label("vi")),
		EN: fmt.Sprintf("You may not %s this dossier", a.Label("en"))}
}

// CanView decides whether the subject may read a dossier: the policy's
// dossier.view on the procedure's agency or on any unit the dossier reached.
func CanView(s *auth.Subject, tree *org.Tree, pol *auth.Policy, st State, p Procedure) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	units := []int64{p.AgencyID}
	for _, r := range st.Steps {
		if !r.StartedAt.IsZero() {
			units = append(units, r.UnitID)
		}
	}
	for _, b := range st.Branches {
		units = append(units, b.UnitID) // a consulted unit reads what it is asked about
	}
	for _, u := range units {
		if u != 0 && pol.Can(s, tree, PermView, auth.Resource{UnitID: u}) {
			return nil
		}
	}
	return apperr.Forbiddenf("Bạn không có quyền xem hồ sơ này", "You may not view this dossier")
}

// allowed checks perm on unit; for unit 0 (any unit of the agency) on any
// unit of the agency itself (not of a department below it) where the
// subject holds a grant. A resource is never
// checked with unit 0, which auth.Policy would read as "anywhere".
func allowed(s *auth.Subject, tree *org.Tree, pol *auth.Policy, perm auth.Action, unit, agency int64) bool {
	if unit != 0 {
		return pol.Can(s, tree, perm, auth.Resource{UnitID: unit})
	}
	for _, g := range s.Grants {
		if agency != 0 && g.UnitID != 0 && tree.AgencyOf(g.UnitID) == agency &&
			pol.Can(s, tree, perm, auth.Resource{UnitID: g.UnitID}) {
			return true
		}
	}
	return false
}

// deskUnit is the unit of the first step: as received, else as planned.
func deskUnit(p Procedure, st State) int64 {
	if len(st.Steps) > 0 && st.Steps[0].UnitID != 0 {
		return st.Steps[0].UnitID
	}
	if len(p.Steps) > 0 {
		return p.Steps[0].UnitID
	}
	return 0
}

// stepUnit is the unit of the current step: as assigned, else as planned.
func stepUnit(p Procedure, st State) int64 {
	if r, ok := st.Current(); ok && r.UnitID != 0 {
		return r.UnitID
	}
	if st.CurrentStep < len(p.Steps) {
		return p.Steps[st.CurrentStep].UnitID
	}
	return 0
}

// CanReissueSecret decides whether the subject may give the applicant a new
// lookup secret (cấp lại mã tra cứu): the desk that received the dossier
// (dossier.intake on the desk unit), as it handed out the first one.
func CanReissueSecret(s *auth.Subject, tree *org.Tree, pol *auth.Policy, st State, p Procedure) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if allowed(s, tree, pol, PermIntake, deskUnit(p, st), p.AgencyID) {
		return nil
	}
	return apperr.Forbiddenf("Chỉ Bộ phận tiếp nhận và trả kết quả cấp lại mã tra cứu", "Only the one-stop desk issues a new lookup secret")
}
