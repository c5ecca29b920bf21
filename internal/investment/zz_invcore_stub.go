package investment

// TEMPORARY: the shapes of invcore's types this helper builds on, until
// wt-invcore is merged; deleted at the merge.

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

type Source string

const (
	SourceCentral    Source = "central"
	SourceProvincial Source = "provincial"
	SourceCommune    Source = "commune"
	SourceODA        Source = "oda"
	SourceOther      Source = "other"
)

var Sources = []Source{SourceCentral, SourceProvincial, SourceCommune, SourceODA, SourceOther}

func (s Source) Valid() bool {
	for _, x := range Sources {
		if x == s {
			return true
		}
	}
	return false
}
func (s Source) Label(lang string) string { return string(s) }

type Group string

const (
	GroupNational Group = "national"
	GroupA        Group = "A"
	GroupB        Group = "B"
	GroupC        Group = "C"
)

type Project struct {
	ID, AgencyID, InvestorID, ManagingUnitID int64
	Code, Name                               string
	StartYear, EndYear                       int
	Group                                    Group
	Total                                    int64
}

type Decision struct {
	Number string
	Date   string
	Signer string
	FileID int64
}

func validDate(s string) bool {
	t, err := time.Parse("2006-01-02", s)
	return err == nil && t.Format("2006-01-02") == s
}

func (d *Decision) validate(required bool) error {
	d.Number = strings.TrimSpace(d.Number)
	d.Date = strings.TrimSpace(d.Date)
	if d.Date != "" && !validDate(d.Date) {
		return apperr.Invalidf("decision.date", "ngày quyết định không hợp lệ: %q", "decision date not valid: %q", d.Date)
	}
	if required && d.Number == "" {
		return apperr.Invalidf("decision.number", "thiếu số quyết định", "the decision number is required")
	}
	if required && d.Date == "" {
		return apperr.Invalidf("decision.date", "thiếu ngày quyết định", "the decision date is required")
	}
	return nil
}

func label(l [2]string, ok bool, raw, lang string) string {
	if !ok {
		return raw
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

type Investor struct{ ID, AgencyID, UnitID int64 }
type Visibility struct {
	AgencyID  int64
	All       bool
	Investors []int64
}

func (v Visibility) None() bool { return !v.All && len(v.Investors) == 0 }

func CanViewProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error   { return nil }
func CanReportProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error { return nil }
func CanManageProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error { return nil }
