package web

import (
	"net/http"
	"strconv"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
)

// The rule sets of evaluation, oldest first, with the parts DOMAIN.md marks
// UNVERIFIED said plainly; the agency's administrator adds a version (the
// formula's weights, the split of the common points, the quota) in force
// from a date. Evaluations keep the version they began under.

// RulesPage lists the rule sets.
type RulesPage struct {
	BasePage
	Sets    []evaluation.RuleSet
	Current evaluation.RuleSet
	CanEdit bool
	Form    *Form
	Items   []evaluation.Item // of a leader's formula
	// StaffItems are those of a member of staff's.
	StaffItems []evaluation.Item
}

// ItemLabel names an item.
func (p *RulesPage) ItemLabel(i evaluation.Item) string { return evaluation.ItemLabel(i, p.Lang) }

// CritLabel names a criterion.
func (p *RulesPage) CritLabel(k string) string { return evaluation.CriterionLabel(k, p.Lang) }

// Weight is the current weight of an item in a formula, for the form.
func (p *RulesPage) Weight(leader bool, i evaluation.Item) string {
	name := "staff_" + string(i)
	if leader {
		name = "leader_" + string(i)
	}
	if v := p.Form.Get(name); v != "" || p.Form.Failed() {
		return v
	}
	for _, w := range p.Current.Formula(leader) {
		if w.Item == i {
			return fmtDecimal(w.Weight)
		}
	}
	return "0"
}

// Val is a form value or the current rules' value.
func (p *RulesPage) Val(name, current string) string {
	if v := p.Form.Get(name); v != "" || p.Form.Failed() {
		return v
	}
	return current
}

// Dec writes a number for a form.
func (p *RulesPage) Dec(v float64) string { return fmtDecimal(v) }

var ruleFields = []string{"version", "effective_from", "quota_percent", "common", "staff", "leaders", "common.politics", "common.capacity", "common.innovation"}

func (s *Server) handleEvalRules(w http.ResponseWriter, r *http.Request) error {
	return s.evalRules(w, r, http.StatusOK, nil)
}

func (s *Server) evalRules(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "eval.title.rules")
	if err != nil {
		return err
	}
	if err := holdsRole(&b, staffRoles...); err != nil {
		return err
	}
	sets, err := s.deps.Store.EvaluationRuleSets(r.Context(), b.User.AgencyID)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil, ruleFields...)
	}
	cur, _ := evaluation.InForce(sets, calendar.DateOf(s.deps.Now()))
	if cur.Scheme != evaluation.SchemeND335 {
		cur = evaluation.ND335()
	}
	p := &RulesPage{BasePage: b, Sets: sets, Current: cur, Form: f,
		CanEdit:    s.deps.Policy.Can(b.User, b.tree, evaluation.ManageRules, auth.Resource{UnitID: b.User.AgencyID}),
		Items:      []evaluation.Item{evaluation.ItemQuantity, evaluation.ItemQuality, evaluation.ItemProgress, evaluation.ItemUnit, evaluation.ItemOrganise, evaluation.ItemSolidarity},
		StaffItems: []evaluation.Item{evaluation.ItemQuantity, evaluation.ItemQuality, evaluation.ItemProgress}}
	return s.render(w, status, "evaluation_rules", p)
}

// handleEvalRulesSave adds a version of the rules to the user's agency.
func (s *Server) handleEvalRulesSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, tree, evaluation.ManageRules, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	f := newForm(r.PostForm, ruleFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.evalRules(w, r, statusOf(err), f)
	}
	rs := evaluation.ND335()
	rs.Version = f.Get("version")
	rs.Unverified = append([]string{"agency"}, rs.Unverified...)
	d, err := calendar.ParseDate(f.Get("effective_from"))
	if err != nil {
		return fail(invalid("effective_from", "eval.err.date"))
	}
	rs.EffectiveFrom = d
	if rs.QuotaPercent, err = strconv.Atoi(f.Get("quota_percent")); err != nil {
		return fail(invalid("quota_percent", "eval.err.points"))
	}
	for i := range rs.Common {
		if rs.Common[i].Max, err = parsePoints(f.Get("common_"+rs.Common[i].Key), "common."+rs.Common[i].Key); err != nil {
			return fail(err)
		}
	}
	read := func(prefix, field string, items []evaluation.Weighted) ([]evaluation.Weighted, error) {
		var out []evaluation.Weighted
		for _, w := range items {
			raw := f.Get(prefix + string(w.Item))
			if raw == "" {
				continue // an item left blank is not in the formula
			}
			v, err := parsePoints(raw, field)
			if err != nil {
				return nil, err
			}
			if v != 0 {
				out = append(out, evaluation.Weighted{Item: w.Item, Weight: v})
			}
		}
		return out, nil
	}
	if rs.Staff, err = read("staff_", "staff", rs.Staff); err != nil { // the items of evaluation.ND335's formulas
		return fail(err)
	}
	if rs.Leaders, err = read("leader_", "leaders", rs.Leaders); err != nil {
		return fail(err)
	}
	if err := s.deps.Store.SaveEvaluationRules(r.Context(), actor(sub), sub.AgencyID, rs); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.eval.rules", rs.Version)
	return redirect(w, r, "/evaluations/rules")
}
