package dossier

import (
	"strings"
	"time"
)

// SupplementAsk is a supplement request as the applicant sees it on the
// public lookup (form 02's list, DOMAIN.md §1): when it was asked, each
// paper to add or correct, the applicant's deadline in working days, and
// when the supplement came (zero while awaited).
type SupplementAsk struct {
	At       time.Time
	Asked    []string
	Days     int
	Received time.Time
}

// PublicSupplements lists the supplement requests of a history, each with
// the receipt of the supplement that answered it (at the desk or online).
// The request's reason holds the papers one a line.
func PublicSupplements(evs []Event) []SupplementAsk {
	var out []SupplementAsk
	for _, ev := range evs {
		switch ev.Action {
		case RequestSupplement:
			ps := SupplementAsk{At: ev.At, Days: ev.SupplementDays}
			for _, line := range strings.Split(ev.Reason, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					ps.Asked = append(ps.Asked, line)
				}
			}
			out = append(out, ps)
		case ReceiveSupplement:
			if n := len(out); n > 0 && out[n-1].Received.IsZero() {
				out[n-1].Received = ev.At
			}
		}
	}
	return out
}
