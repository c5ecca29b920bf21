package investment

// This file stands in for invcore's types until wt-invcore is merged; the
// merge commit deletes it.

import (
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

func (s Source) Label(lang string) string { return string(s) }
func (s Source) Valid() bool {
	for _, v := range Sources {
		if v == s {
			return true
		}
	}
	return false
}

func ParseSource(field, s string) (Source, error) {
	if Source(s).Valid() {
		return Source(s), nil
	}
	return "", apperr.Invalidf(field, "nguồn vốn không hợp lệ: %q", "unknown capital source: %q", s)
}

type Decision struct {
	Number string
	Date   string
	Signer string
	FileID int64
}

type Band string

func (b Band) Short(lang string) string { return string(b) }

var Bands = []Band{"k2", "k3", "k4", "k5"}

type Project struct {
	ID             int64
	AgencyID       int64
	Code           string
	Name           string
	InvestorID     int64
	ManagingUnitID int64
	Band           Band
}

type Investor struct {
	ID       int64
	AgencyID int64
	UnitID   int64
	Name     string
}

func CanReportProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error {
	return nil
}
func CanManageProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error {
	return nil
}
func CanViewProject(pol *auth.Policy, s *auth.Subject, tree *org.Tree, p Project, inv Investor) error {
	return nil
}

const PermView auth.Action = "investment.view"

func (b Band) Valid() bool {
	for _, v := range Bands {
		if v == b {
			return true
		}
	}
	return false
}
