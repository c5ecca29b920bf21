package review

import (
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// The actions of this module for auth.Policy. A review is the head's
// report of their unit (DOMAIN.md §1.4–1.6): the heads and deputy heads of
// the unit or a unit above it write it; the agency's leaders and
// inspectors read every one. A violation is recorded by a head in their
// subtree or an inspector anywhere in the agency (CanRecord).
const (
	// View: reviews of a unit.
	View auth.Action = "review.view"
	// Write: draft, edit and issue a review of a unit.
	Write auth.Action = "review.write"
	// ViewViolations: the violations of people of a unit.
	ViewViolations auth.Action = "violation.view"
	// RecordViolation: record a violation of a person of a unit.
	RecordViolation auth.Action = "violation.record"
	// ManageChecklists: the agency's versions of the checklists.
	ManageChecklists auth.Action = "checklist.manage"
	// ConfirmEmulation: the director confirms the emulation titles proposed.
	ConfirmEmulation auth.Action = "emulation.confirm"
)

// RegisterPolicy adds this module's rules to p.
func RegisterPolicy(p *auth.Policy) {
	leaders := []auth.Rule{
		{Role: org.RoleDirector, Scope: auth.ScopeAgency},
		{Role: org.RoleDeputyDirector, Scope: auth.ScopeAgency},
	}
	heads := []auth.Rule{
		{Role: org.RoleHead, Scope: auth.ScopeSubtree},
		{Role: org.RoleDeputyHead, Scope: auth.ScopeSubtree},
	}
	inspector := auth.Rule{Role: org.RoleInspector, Scope: auth.ScopeAgency}
	p.Allow(View, append(append([]auth.Rule{inspector}, leaders...), heads...)...)
	p.Allow(Write, append(append([]auth.Rule{}, leaders...), heads...)...)
	p.Allow(ViewViolations, append(append([]auth.Rule{inspector}, leaders...), heads...)...)
	p.Allow(RecordViolation, append([]auth.Rule{inspector}, heads...)...)
	p.Allow(ManageChecklists, auth.Rule{Role: org.RoleAdmin, Scope: auth.ScopeAgency}, auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency})
	p.Allow(ConfirmEmulation, auth.Rule{Role: org.RoleDirector, Scope: auth.ScopeAgency})
}

// CanView decides whether s may read r; one they may not is not shown at
// all (apperr.NotFound), nor is another agency's.
func CanView(s *auth.Subject, tree *org.Tree, p *auth.Policy, r Review) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	if p.Can(s, tree, View, auth.Resource{UnitID: r.UnitID}) {
		return nil
	}
	return apperr.NotFoundf("Không tìm thấy báo cáo số %d", "review %d not found", r.ID)
}

// CanEdit decides whether s may draft, edit or issue a review of unit: one
// of another unit is refused with CanWrite's reason (apperr.Forbidden).
func CanEdit(s *auth.Subject, tree *org.Tree, p *auth.Policy, unit int64) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	return CanWrite(map[int64]bool{unit: p.Can(s, tree, Write, auth.Resource{UnitID: unit})}, unit)
}

// MayRecord decides whether s may record a violation of a person of unit:
// CanRecord with the inspector's agency-wide reach and the head's subtree
// as the policy gives them.
func MayRecord(s *auth.Subject, tree *org.Tree, p *auth.Policy, unit int64) error {
	if s == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	return CanRecord(false, map[int64]bool{unit: p.Can(s, tree, RecordViolation, auth.Resource{UnitID: unit})}, unit)
}

// CanChange decides whether s may edit or issue r: someone of another
// agency who may not read it gets apperr.NotFound (it is not shown);
// within the agency, a head of another unit is told why (apperr.Forbidden,
// CanEdit).
func CanChange(s *auth.Subject, tree *org.Tree, p *auth.Policy, r Review) error {
	if s != nil && s.AgencyID != r.AgencyID {
		if err := CanView(s, tree, p, r); err != nil {
			return err
		}
	}
	return CanEdit(s, tree, p, r.UnitID)
}
