package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/store"
	"congvu/internal/work"
)

// EvaluationStats counts what GenerateEvaluations made, by state.
type EvaluationStats struct {
	Evaluations int
	ByState     map[evaluation.State]int
}

// GenerateEvaluations gives the demo staff their monthly evaluations of
// 2026 (NĐ 335/2025/NĐ-CP) from their demo tasks, for every month before
// now's in which they led a task that fell due: the older months approved
// by the director (those past the 20% quota of HTXSNV returned, as the
// director would), the last months spread over every state — not yet
// self-assessed, self-assessed, assessed by the head, approved and
// returned — so that each page of the menu shows something. Each step goes
// through store.RecordEvaluationEvent as the person whose step it is.
// Run it once, after GenerateWork.
func GenerateEvaluations(ctx context.Context, db *store.DB, now time.Time, seed uint64) (EvaluationStats, error) {
	st := EvaluationStats{ByState: map[evaluation.State]int{}}
	o, err := workOrg(ctx, db)
	if err != nil {
		return st, fmt.Errorf("demo evaluations: %w", err)
	}
	if len(o.directors) == 0 {
		return st, fmt.Errorf("demo evaluations: the department has no director")
	}
	director := o.directors[0]
	const year = 2026
	vnNow := now.In(calendar.VN)
	last := 12
	if vnNow.Year() == year {
		last = int(vnNow.Month()) - 1
	} else if vnNow.Year() < year {
		return st, nil
	}
	figs, err := db.AgencyYearFigures(ctx, o.agency, year)
	if err != nil {
		return st, fmt.Errorf("demo evaluations: %w", err)
	}
	headOf := map[int64]int64{} // person → the head of their division
	for _, d := range o.divisions {
		for _, p := range d.officials {
			headOf[p] = d.head
		}
		headOf[d.head] = director
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b9))
	as := func(id int64) audit.Actor { return audit.Actor{PersonID: id, AgencyID: o.agency} }
	points := func(lo int) map[string]float64 {
		return map[string]float64{"politics": float64(lo + rng.IntN(11-lo)), "capacity": float64(lo + rng.IntN(11-lo)), "innovation": float64(lo - 1 + rng.IntN(12-lo))}
	}
	hand := map[evaluation.Item]float64{evaluation.ItemOrganise: 90, evaluation.ItemSolidarity: 100}
	var states = []evaluation.State{evaluation.StateDraft, evaluation.StateSelfAssessed, evaluation.StateAssessed, evaluation.StateApproved, evaluation.StateReturned}
	n := 0
	for m := 1; m <= last; m++ {
		for _, d := range o.divisions {
			// Staff first, so that each head's unit factor sees their month.
			for _, person := range append(append([]int64(nil), d.officials...), d.head) {
				months, ok := figs[person]
				if !ok || months[m-1].Assigned == 0 {
					continue
				}
				target := evaluation.StateApproved
				if m >= last-1 { // the last two months: every state
					target = states[n%len(states)]
				}
				n++
				e, err := db.CreateEvaluation(ctx, as(person), person, work.MonthPeriod(year, m), nil)
				if err != nil {
					return st, fmt.Errorf("demo evaluations: %w", err)
				}
				step := func(who int64, ev evaluation.Event) error {
					next, err := db.RecordEvaluationEvent(ctx, as(who), e.ID, 0, ev, nil)
					if err == nil {
						e = next
					}
					return err
				}
				var h map[evaluation.Item]float64
				if e.Group == evaluation.GroupLeader {
					h = hand
				}
				assessor := headOf[person]
				err = func() error {
					if target == evaluation.StateDraft {
						return nil
					}
					self := points(7)
					if err := step(person, evaluation.Event{Action: evaluation.ActionSelfAssess, Common: self, Hand: h}); err != nil {
						return err
					}
					switch target {
					case evaluation.StateSelfAssessed:
						return nil
					case evaluation.StateReturned:
						return step(assessor, evaluation.Event{Action: evaluation.ActionReturn, Reason: "Đề nghị bổ sung minh chứng cho tiêu chí đổi mới, sáng tạo"})
					}
					if err := step(assessor, evaluation.Event{Action: evaluation.ActionAssess, Common: points(6), Hand: h}); err != nil {
						return err
					}
					if target == evaluation.StateAssessed {
						return nil
					}
					err := step(director, evaluation.Event{Action: evaluation.ActionApprove})
					if apperr.CodeOf(err) == apperr.Conflict { // past the quota: the director sends it back
						return step(director, evaluation.Event{Action: evaluation.ActionReturn, Reason: "Vượt tỷ lệ 20% Hoàn thành xuất sắc nhiệm vụ của Sở, đề nghị đánh giá lại"})
					}
					return err
				}()
				if err != nil {
					return st, fmt.Errorf("demo evaluations: %s of person %d: %w", e.Period.Label("vi"), person, err)
				}
				st.Evaluations++
				st.ByState[e.State]++
			}
		}
	}
	return st, nil
}
