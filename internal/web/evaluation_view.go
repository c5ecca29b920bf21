package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
	"congvu/internal/review"
	"congvu/internal/store"
)

// One evaluation: every task of the period and how it counted (so that the
// figure can be checked by hand), the common points, the steps taken and
// the forms of the steps the user may take.

// CritRow is a common criterion with the points given.
type CritRow struct {
	Key, Label  string
	Max         float64
	Self, Final *float64
}

// StepRow is a step in the history.
type StepRow struct {
	E     evaluation.Event
	Label string
	Actor string
}

// EvalPage is one evaluation.
type EvalPage struct {
	BasePage
	E          evaluation.Evaluation
	Rules      evaluation.RuleSet
	Unit       string
	Criteria   []CritRow
	Hand       []evaluation.Item
	Formula    string
	Steps      []StepRow
	CanSelf    bool
	CanAssess  bool
	CanApprove bool
	CanReturn  bool
	Form       *Form
	Failed     string // the action whose form failed
	// Violations are the person's violations dated in the period and what
	// they take off the head's common points (issue #14 item 7).
	Violations store.EvalViolations
	// Deducted names the criterion the deduction is taken from.
	Deducted string
	items    map[string]string // checklist|code → the item's text
}

// ViolationText is the text of the item a violation breached, as its
// checklist words it (its code when the checklist has no such item now).
func (p *EvalPage) ViolationText(v review.Violation) string {
	if t, ok := p.items[v.Checklist+"|"+v.ItemCode]; ok {
		return v.ItemCode + " – " + t
	}
	return v.ItemCode
}

// Pct writes a ratio 0–1 as a percentage with up to two decimals: 68,75%.
func (p *EvalPage) Pct(v float64) string { return fmtDecimal(v*100) + "%" }

// Pts writes points with up to two decimals: 49,58.
func (p *EvalPage) Pts(v float64) string { return fmtDecimal(v) }

// ItemLabel names an item of the formula.
func (p *EvalPage) ItemLabel(i evaluation.Item) string { return evaluation.ItemLabel(i, p.Lang) }

// Value is a form value, or the points given before (for a new assessment,
// the self-assessment's).
func (p *EvalPage) Value(name string, prev *float64) string {
	if v := p.Form.Get(name); v != "" || p.Form.Failed() {
		return v
	}
	if prev == nil {
		return ""
	}
	return strings.ReplaceAll(strconv.FormatFloat(*prev, 'f', -1, 64), ".", ",")
}

// HandValue is a leader's handwritten item's form value.
func (p *EvalPage) HandValue(i evaluation.Item) string {
	v, ok := p.E.Hand[i]
	if !ok {
		return p.Value("hand_"+string(i), nil)
	}
	return p.Value("hand_"+string(i), &v)
}

// visibleEvaluation reads the evaluation in the path if the user may see
// it (404 otherwise).
func (s *Server) visibleEvaluation(r *http.Request, b *BasePage) (evaluation.Evaluation, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return evaluation.Evaluation{}, notFound()
	}
	e, err := s.deps.Store.FindEvaluation(r.Context(), id)
	if err != nil {
		return e, err
	}
	if err := evaluation.CanView(b.User, b.tree, s.deps.Policy, e); err != nil {
		return evaluation.Evaluation{}, err
	}
	return e, nil
}

func (s *Server) handleEvalView(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "eval.title")
	if err != nil {
		return err
	}
	e, err := s.visibleEvaluation(r, &b)
	if err != nil {
		return err
	}
	return s.evalPage(w, r, b, e, http.StatusOK, nil, "")
}

func (s *Server) evalPage(w http.ResponseWriter, r *http.Request, b BasePage, e evaluation.Evaluation, status int, f *Form, failed string) error {
	rules, err := s.deps.Store.EvaluationRuleSet(r.Context(), e.AgencyID, e.RuleVersion)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil)
	}
	p := &EvalPage{BasePage: b, E: e, Rules: rules, Unit: b.UnitName(e.UnitID), Form: f, Failed: failed}
	p.Title = b.T("eval.h1", e.PersonName, e.Period.Label(b.Lang))
	for _, c := range rules.Common {
		row := CritRow{Key: c.Key, Label: evaluation.CriterionLabel(c.Key, b.Lang), Max: c.Max}
		if v, ok := e.SelfCommon[c.Key]; ok {
			row.Self = &v
		}
		if v, ok := e.Common[c.Key]; ok {
			row.Final = &v
		}
		p.Criteria = append(p.Criteria, row)
	}
	if e.Group == evaluation.GroupLeader {
		for _, w := range rules.Leaders {
			if w.Item.Handwritten() {
				p.Hand = append(p.Hand, w.Item)
			}
		}
	}
	p.Formula = formulaText(rules, e)
	if p.Violations, err = s.deps.Store.EvaluationViolations(r.Context(), e); err != nil {
		return err
	}
	p.Deducted = evaluation.CriterionLabel(review.DisciplineCriterion, b.Lang)
	if len(p.Violations.InPeriod) > 0 {
		lists, err := s.deps.Store.Checklists(r.Context(), e.AgencyID)
		if err != nil {
			return err
		}
		p.items = map[string]string{}
		for _, c := range lists {
			for _, it := range c.Items {
				p.items[c.Key+"|"+it.Code] = it.Text
			}
		}
	}
	can := func(a evaluation.Action) bool { return evaluation.CanAct(b.User, b.tree, s.deps.Policy, e, a) == nil }
	switch e.State {
	case evaluation.StateDraft, evaluation.StateReturned:
		p.CanSelf = can(evaluation.ActionSelfAssess)
	case evaluation.StateSelfAssessed:
		p.CanAssess = can(evaluation.ActionAssess)
		p.CanReturn = can(evaluation.ActionReturn)
	case evaluation.StateAssessed:
		p.CanApprove = can(evaluation.ActionApprove)
		p.CanReturn = can(evaluation.ActionReturn)
	}
	names := map[int64]string{}
	for _, ev := range e.Events {
		if _, ok := names[ev.ActorID]; !ok {
			if person, err := s.deps.Store.FindPersonWithoutMemberships(r.Context(), ev.ActorID); err == nil {
				names[ev.ActorID] = person.FullName
			}
		}
		p.Steps = append(p.Steps, StepRow{E: ev, Label: b.T("eval.action." + string(ev.Action)), Actor: names[ev.ActorID]})
	}
	return s.render(w, status, "evaluation", p)
}

// formulaText writes the task-result formula with the figures put in, so
// that it can be checked by hand: "70 × (75% + 68,75% + 68,75%) ÷ 3 = 49,58".
func formulaText(r evaluation.RuleSet, e evaluation.Evaluation) string {
	if r.Scheme == evaluation.SchemeND90 || !e.Task.Rated || len(e.Task.Formula) == 0 {
		return ""
	}
	var parts []string
	sum, equal := 0.0, true
	for _, w := range e.Task.Formula {
		sum += w.Weight
		equal = equal && w.Weight == e.Task.Formula[0].Weight
	}
	for _, w := range e.Task.Formula {
		v := fmtDecimal(e.Task.Ratios[w.Item]*100) + "%"
		if !equal {
			v = fmtDecimal(w.Weight) + " × " + v
		}
		parts = append(parts, v)
	}
	div := fmtDecimal(sum)
	if equal {
		div = strconv.Itoa(len(parts))
	}
	return fmt.Sprintf("%s × (%s) ÷ %s = %s", fmtDecimal(r.TaskPoints), strings.Join(parts, " + "), div, fmtDecimal(e.Task.Points))
}

// handleEvalEvent takes a step of the workflow from the evaluation page's forms.
func (s *Server) handleEvalEvent(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "eval.title")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound()
	}
	e, err := s.deps.Store.FindEvaluation(r.Context(), id)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, "reason", "note", "common.politics", "common.capacity", "common.innovation", "hand.organise", "hand.solidarity")
	action := evaluation.Action(f.Get("action"))
	if err := evaluation.CanAct(b.User, b.tree, s.deps.Policy, e, action); err != nil {
		return err // 403 with the reason, 404 from another agency, 400 for an unknown action
	}
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, b.Lang)
		return s.evalPage(w, r, b, e, statusOf(err), f, string(action))
	}
	version, err := strconv.Atoi(f.Get("version"))
	if err != nil || version < 1 {
		return fail(invalid("version", "task.err.version"))
	}
	ev := evaluation.Event{Action: action, Reason: f.Get("reason"), Note: f.Get("note")}
	if action == evaluation.ActionSelfAssess || action == evaluation.ActionAssess {
		rules, err := s.deps.Store.EvaluationRuleSet(r.Context(), e.AgencyID, e.RuleVersion)
		if err != nil {
			return err
		}
		ev.Common = map[string]float64{}
		for _, c := range rules.Common {
			v, err := parsePoints(f.Get("common_"+c.Key), "common."+c.Key)
			if err != nil {
				return fail(err)
			}
			ev.Common[c.Key] = v
		}
		if e.Group == evaluation.GroupLeader {
			ev.Hand = map[evaluation.Item]float64{}
			for _, w := range rules.Leaders {
				if !w.Item.Handwritten() {
					continue
				}
				v, err := parsePoints(f.Get("hand_"+string(w.Item)), "hand."+string(w.Item))
				if err != nil {
					return fail(err)
				}
				ev.Hand[w.Item] = v
			}
		}
	}
	sub := httpx.SubjectFrom(r.Context())
	if _, err := s.deps.Store.RecordEvaluationEvent(r.Context(), actor(sub), id, version, ev, func(e evaluation.Evaluation) error {
		return evaluation.CanAct(sub, b.tree, s.deps.Policy, e, action)
	}); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.eval.done", b.T("eval.action."+string(action)))
	return redirect(w, r, "/evaluations/"+strconv.FormatInt(id, 10))
}

// parsePoints reads points typed the Vietnamese way ("9,5") or with a dot.
func parsePoints(s, field string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	v, err := strconv.ParseFloat(s, 64)
	if s == "" || err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, apperr.New(apperr.Invalid, field, T("vi", "eval.err.points"), T("en", "eval.err.points"))
	}
	return v, nil
}
