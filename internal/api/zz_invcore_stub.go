package api

// TEMPORARY copies of wt-invcore's api/investment.go pieces (uncommitted
// there when this was written); deleted at the next merge of wt-invcore.

import (
	"strings"

	"congvu/internal/investment"
)

const (
	investmentViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	investmentManageGrants = "director deputy_director: agency; head deputy_head official: subtree"
	investorStaffNote      = "an investor's staff (role investor in their investor's unit) see only their own investor's projects"
)

// decisionWire is a decision document.
type decisionWire struct {
	Number string `json:"number" doc:"số, ký hiệu, e.g. 345/QĐ-UBND"`
	Date   string `json:"date" api:"format=date"`
	Signer string `json:"signer" doc:"người ký"`
	FileID int64  `json:"file_id,omitempty" doc:"the signed decision, uploaded with POST /api/v1/files"`
}

func (d decisionWire) toDecision() (investment.Decision, error) {
	out := investment.Decision{Number: d.Number, Signer: d.Signer, FileID: d.FileID}
	if strings.TrimSpace(d.Date) != "" {
		day, err := requireDate("decision.date", d.Date)
		if err != nil {
			return out, err
		}
		out.Date = day
	}
	return out, nil
}
