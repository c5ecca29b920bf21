package dossier

import (
	"cmp"
	"slices"
	"time"
)

// ConsultationFilter selects consultations (store.FindConsultations).
type ConsultationFilter struct {
	UnitIDs  []int64 // consulted units; when empty, AgencyID's
	AgencyID int64
	Owed     bool   // only those still unanswered at a step the dossier is at
	Code     string // one dossier's
}

// Consultation is one branch of a parallel step as lists show it: for the
// head of a consulted unit, the consultations it owes.
type Consultation struct {
	Code          string
	ProcedureCode string
	ApplicantName string
	ProjectID     int64
	Branch        Branch
}

// ConsultationFigure counts one consulted unit's consultations: Owed now
// (unanswered at a step the dossier is at), of which Overdue at now, and
// Late ones in all (answered after their date, never answered, or
// overdue now), out of Total.
type ConsultationFigure struct {
	UnitID                       int64
	Total, Owed, Overdue, Late   int
	AnsweredOnTime, AnsweredLate int
}

// CountConsultations counts consultations by unit, the units with late
// ones first, then by unit id.
func CountConsultations(cs []Consultation, now time.Time) []ConsultationFigure {
	by := map[int64]*ConsultationFigure{}
	var order []int64
	for _, c := range cs {
		b := c.Branch
		f := by[b.UnitID]
		if f == nil {
			f = &ConsultationFigure{UnitID: b.UnitID}
			by[b.UnitID] = f
			order = append(order, b.UnitID)
		}
		f.Total++
		r := b.Result(now)
		if !b.Answered() && !b.Closed {
			f.Owed++
			if r == Overdue {
				f.Overdue++
			}
		}
		if b.Answered() {
			if r == Late {
				f.AnsweredLate++
			} else {
				f.AnsweredOnTime++
			}
		}
		if r == Late || r == Overdue {
			f.Late++
		}
	}
	out := make([]ConsultationFigure, 0, len(order))
	for _, u := range order {
		out = append(out, *by[u])
	}
	slices.SortFunc(out, func(a, b ConsultationFigure) int {
		return cmp.Or(cmp.Compare(b.Late, a.Late), cmp.Compare(a.UnitID, b.UnitID))
	})
	return out
}
