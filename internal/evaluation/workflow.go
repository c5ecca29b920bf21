package evaluation

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/work"
)

// Facts are what a step needs from the records, loaded by the store in the
// step's transaction: the figures of the period's months, the leader's
// unit factor, whether the person was disciplined in the year, and the
// approved results of their task group in the agency for the period.
type Facts struct {
	Months      []work.Figures
	UnitFactor  float64
	Disciplined bool
	Tally       Tally
	Now         time.Time
	// AdjustCommon, when set, changes the head's common points once they
	// are checked against the scale: the store takes off what the
	// violations recorded in the period cost (review.Effect.Apply), so a
	// violation lowers the points whatever the head enters.
	AdjustCommon func(map[string]float64) map[string]float64
}

// Apply takes step ev on e under r and returns the evaluation after it,
// with the event appended (Seq, At and the result stamped). Who may take
// the step is CanAct's to decide; Apply checks the state, the input and
// the quota:
//
//	self_assess  draft or returned → self_assessed; Common (each criterion 0–its maximum), Hand for a leader
//	assess       self_assessed → assessed; the head's Common and Hand
//	approve      assessed → approved; refused past the quota (CheckQuota)
//	return       self_assessed or assessed → returned; Reason
//
// The task results are recomputed from f at self_assess, assess and
// approve, so that a task accepted meanwhile counts; approval freezes them.
// Errors: apperr.Invalid naming the field, apperr.Conflict for a step the
// state does not allow, a period without tasks, or the quota.
func Apply(r RuleSet, e Evaluation, ev Event, f Facts) (Evaluation, error) {
	from := map[Action][]State{
		ActionSelfAssess: {StateDraft, StateReturned},
		ActionAssess:     {StateSelfAssessed},
		ActionApprove:    {StateAssessed},
		ActionReturn:     {StateSelfAssessed, StateAssessed},
	}
	allowed, ok := from[ev.Action]
	if !ok {
		return e, apperr.Invalidf("action", "thao tác không hợp lệ: %q (self_assess, assess, approve hoặc return)",
			"unknown action %q (self_assess, assess, approve or return)", string(ev.Action))
	}
	inState := false
	for _, s := range allowed {
		inState = inState || e.State == s
	}
	if !inState {
		return e, apperr.New(apperr.Conflict, "state", fmt.Sprintf("Phiếu đánh giá đang ở trạng thái “%s”, không thực hiện được thao tác này", e.State.Label("vi")),
			fmt.Sprintf("The evaluation is %s; this step is not possible now", e.State.Label("en")))
	}
	next := e
	next.Disciplined = f.Disciplined
	switch ev.Action {
	case ActionSelfAssess, ActionAssess:
		common, err := r.checkCommon(ev.Common)
		if err != nil {
			return e, err
		}
		hand, err := checkHand(ev.Hand)
		if err != nil {
			return e, err
		}
		if ev.Action == ActionAssess && f.AdjustCommon != nil {
			common = f.AdjustCommon(common)
		}
		ev.Common, ev.Hand = common, hand
		if ev.Action == ActionSelfAssess {
			next.SelfCommon, next.State = common, StateSelfAssessed
		} else {
			next.Common, next.State, next.AssessorID = common, StateAssessed, ev.ActorID
		}
		next.Hand = hand
		if err := next.rate(r, f, common); err != nil {
			return e, err
		}
	case ActionApprove:
		if err := next.rate(r, f, next.Common); err != nil {
			return e, err
		}
		if err := CheckQuota(r, next.Grade, f.Tally, e.Group); err != nil {
			return e, err
		}
		next.State, next.ApproverID = StateApproved, ev.ActorID
	case ActionReturn:
		reason, err := apperr.Text("reason", ev.Reason, 3, 1000)
		if err != nil {
			return e, err
		}
		ev.Reason = reason
		next.State = StateReturned
	}
	note, err := apperr.Text("note", ev.Note, 0, 2000)
	if err != nil {
		return e, err
	}
	ev.Note = note
	ev.Seq = int64(len(e.Events) + 1)
	ev.At = f.Now
	ev.Grade, ev.Total = next.Grade, next.Total
	next.Events = append(append([]Event(nil), e.Events...), ev)
	next.Version = e.Version + 1
	next.UpdatedAt = f.Now
	return next, nil
}

// rate recomputes the task results from f and the total and grade with
// the common points given.
func (e *Evaluation) rate(r RuleSet, f Facts, common map[string]float64) error {
	e.UnitFactor = 1
	if e.Group == GroupLeader {
		e.UnitFactor = f.UnitFactor
	}
	res, err := Compute(r, f.Months, e.Group == GroupLeader && r.Scheme == SchemeND335, e.UnitFactor, e.Hand)
	if err != nil {
		return err
	}
	if !res.Rated {
		return apperr.New(apperr.Conflict, "", fmt.Sprintf("Không có nhiệm vụ nào đến hạn trong %s nên chưa tính được điểm kết quả thực hiện nhiệm vụ", strings.ToLower(e.Period.Label("vi"))),
			fmt.Sprintf("No task fell due in %s, so the task results cannot be scored", e.Period.Label("en")))
	}
	e.Task = res
	if r.Scheme == SchemeND90 {
		e.Grade, e.Met = Level90(res.Lines, f.Disciplined)
		e.CommonTotal, e.Total = 0, 0
		return nil
	}
	e.CommonTotal = 0
	for _, v := range common {
		e.CommonTotal += v
	}
	e.Total = round2(e.CommonTotal + res.Points)
	e.Grade = r.Level(e.Total, f.Disciplined)
	return nil
}

// checkCommon checks the common points against r's criteria: every
// criterion given, each between 0 and its maximum, nothing else. Under NĐ
// 90 there are none and nothing is asked.
func (r RuleSet) checkCommon(in map[string]float64) (map[string]float64, error) {
	out := map[string]float64{}
	if r.Scheme == SchemeND90 {
		return out, nil
	}
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := r.CommonMax(k); !ok {
			return nil, apperr.Invalidf("common."+k, "không có tiêu chí %q", "there is no criterion %q", k)
		}
	}
	for _, c := range r.Common {
		v, ok := in[c.Key]
		if !ok {
			return nil, apperr.New(apperr.Invalid, "common."+c.Key, fmt.Sprintf("thiếu điểm tiêu chí “%s”", CriterionLabel(c.Key, "vi")),
				fmt.Sprintf("the points of “%s” are missing", CriterionLabel(c.Key, "en")))
		}
		if math.IsNaN(v) || v < 0 || v > c.Max {
			return nil, apperr.New(apperr.Invalid, "common."+c.Key, fmt.Sprintf("điểm tiêu chí “%s” phải từ 0 đến %g, không phải %g", CriterionLabel(c.Key, "vi"), c.Max, v),
				fmt.Sprintf("the points of “%s” are 0 to %g, not %g", CriterionLabel(c.Key, "en"), c.Max, v))
		}
		out[c.Key] = v
	}
	return out, nil
}

func checkHand(in map[Item]float64) (map[Item]float64, error) {
	out := map[Item]float64{}
	for k, v := range in {
		if !k.Handwritten() {
			return nil, apperr.Invalidf("hand."+string(k), "mục %q không chấm tay", "item %q is not assessed by hand", string(k))
		}
		if math.IsNaN(v) || v < 0 || v > 100 {
			return nil, apperr.Invalidf("hand."+string(k), "điểm mục %s phải từ 0 đến 100, không phải %g", "item %s is 0 to 100, not %g", ItemLabel(k, "vi"), v)
		}
		out[k] = v
	}
	return out, nil
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// CriterionLabel names a common criterion (NĐ 335/2025 Art 13) in "vi" or "en".
func CriterionLabel(key, lang string) string {
	l, ok := map[string][2]string{
		"politics":   {"Chính trị, đạo đức, ý thức tổ chức kỷ luật", "Political and moral qualities, discipline"},
		"capacity":   {"Năng lực, thái độ phục vụ Nhân dân", "Capacity and attitude towards citizens"},
		"innovation": {"Tinh thần đổi mới, sáng tạo, dám nghĩ, dám làm", "Innovation and daring to act"},
	}[key]
	if !ok {
		return key
	}
	return pick(lang, l[0], l[1])
}
