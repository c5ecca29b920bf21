package org

import (
	"regexp"

	"congvu/internal/apperr"
)

// UnitKind says what a unit is in the administration.
type UnitKind string

// The kinds of unit.
const (
	KindAgency   UnitKind = "agency"   // cơ quan: a department (Sở) or committee
	KindDivision UnitKind = "division" // phòng, ban, văn phòng, thanh tra
	KindDesk     UnitKind = "desk"     // bộ phận một cửa, trung tâm phục vụ hành chính công
	KindCenter   UnitKind = "center"   // đơn vị sự nghiệp trực thuộc
	// KindInvestor is an investor of public-investment projects (chủ đầu
	// tư, Luật 58/2024 Art 4): a project-management board, a commune, a
	// department acting as investor. Like an agency it is its own agency
	// boundary (AgencyID is its own id), so that its staff's rights reach
	// only its own projects (internal/investment).
	KindInvestor UnitKind = "investor"
)

var kindLabels = map[UnitKind][2]string{
	KindAgency:   {"Cơ quan", "Agency"},
	KindDivision: {"Phòng, ban", "Division"},
	KindDesk:     {"Bộ phận một cửa", "One-stop desk"},
	KindCenter:   {"Đơn vị trực thuộc", "Affiliated centre"},
	KindInvestor: {"Chủ đầu tư", "Investor"},
}

// Label names the kind in "vi" or "en".
func (k UnitKind) Label(lang string) string {
	l, ok := kindLabels[k]
	if !ok {
		return string(k)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Unit is an agency or one of its divisions (đơn vị), valid from one date
// until another (ValidTo nil while it exists).
type Unit struct {
	ID        int64
	AgencyID  int64  // the agency this unit belongs to; its own ID for an agency
	ParentID  *int64 // nil for a top-level agency
	Kind      UnitKind
	Code      string // electronic identifier CCC.BB.AA.Hnn (QĐ 20/2020/QĐ-TTg); may be empty for divisions
	Name      string
	ShortName string
	ValidFrom string  // YYYY-MM-DD
	ValidTo   *string // YYYY-MM-DD, last day of validity; nil while current
	// Successors and Predecessors come from restructurings.
	Successors   []int64
	Predecessors []int64
}

// OwnAgency reports whether units of the kind are their own agency (an
// agency, an investor), not part of the agency above them.
func (k UnitKind) OwnAgency() bool { return k == KindAgency || k == KindInvestor }

// Current reports whether the unit still exists (has not ended).
func (u Unit) Current() bool { return u.ValidTo == nil }

// codeRe is the four-group electronic identifier: three digits, two, two,
// then a letter and two digits or letters (H56, G12, ...).
var codeRe = regexp.MustCompile(`^\d{3}\.\d{2}\.\d{2}\.[A-Z][0-9A-Z]{2}$`)

// ValidCode reports whether s has the form CCC.BB.AA.Hnn.
func ValidCode(s string) bool { return codeRe.MatchString(s) }

// NewUnit is what it takes to create a unit.
type NewUnit struct {
	ParentID  *int64
	Kind      UnitKind
	Code      string
	Name      string
	ShortName string
	ValidFrom string
}

// Validate checks a new unit's fields and normalises them.
func (n *NewUnit) Validate() error {
	var err error
	if n.Name, err = apperr.Text("name", n.Name, 2, 200); err != nil {
		return err
	}
	if n.ShortName, err = apperr.Text("short_name", n.ShortName, 0, 40); err != nil {
		return err
	}
	if _, ok := kindLabels[n.Kind]; !ok {
		return apperr.Invalidf("kind", "loại đơn vị không hợp lệ: %q", "unknown unit kind: %q", string(n.Kind))
	}
	if n.Code != "" && !ValidCode(n.Code) {
		return apperr.Invalidf("code", "mã định danh %q không đúng dạng CCC.BB.AA.Hnn (QĐ 20/2020/QĐ-TTg)",
			"identifier %q is not of the form CCC.BB.AA.Hnn (QĐ 20/2020/QĐ-TTg)", n.Code)
	}
	if n.Kind == KindAgency && n.Code == "" {
		return apperr.Invalidf("code", "cơ quan phải có mã định danh điện tử", "an agency needs its electronic identifier")
	}
	if n.Kind != KindAgency && n.Kind != KindInvestor && n.ParentID == nil {
		return apperr.Invalidf("parent_id", "đơn vị phải thuộc một cơ quan", "a unit other than an agency needs a parent")
	}
	if n.ValidFrom, err = ParseDate("valid_from", n.ValidFrom); err != nil {
		return err
	}
	return nil
}

// UnitFilter selects units. Zero fields do not filter.
type UnitFilter struct {
	AgencyID   *int64
	ParentID   *int64
	IncludeOld bool   // include units that have ended
	ValidOn    string // only units valid on this date (YYYY-MM-DD)
}
