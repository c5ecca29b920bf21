package web

import (
	"math"
	"net/http"
	"strconv"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/investment"
)

// The target disbursement curve (đường mục tiêu giải ngân): no law fixes
// it, so it is data an administrator of the register's agency sets, by
// effective year, and the page says it is not verified (DOMAIN.md §0).

// CurvePage is the page /disbursement/curve.
type CurvePage struct {
	BasePage
	Curves  []investment.Curve
	InForce investment.Curve
	MayEdit bool
	Form    *Form
	Months  []int
}

// Pct writes a target in basis points as a percentage.
func (p *CurvePage) Pct(bp int) string { return fmtDecimal(float64(bp)/100) + "%" }

var curveFields = func() []string {
	f := []string{"effective_year", "against"}
	for m := 1; m <= 12; m++ {
		f = append(f, "target_"+strconv.Itoa(m))
	}
	return f
}()

func (s *Server) handleCurve(w http.ResponseWriter, r *http.Request) error {
	return s.curvePage(w, r, http.StatusOK, nil)
}

func (s *Server) curvePage(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "curve.title")
	if err != nil {
		return err
	}
	reg, err := httpx.RegisterAgency(r.Context(), s.deps.Store, b.User)
	if err != nil {
		return err
	}
	if err := s.authorizeBoard(&b, reg); err != nil {
		return err
	}
	p := &CurvePage{BasePage: b, MayEdit: s.deps.Policy.Can(b.User, b.tree, investment.PermCurve, auth.Resource{UnitID: reg})}
	if p.Curves, err = s.deps.Store.DisbursementCurves(r.Context(), reg); err != nil {
		return err
	}
	year := s.deps.Now().In(vn).Year()
	p.InForce = investment.CurveFor(p.Curves, year)
	for m := 1; m <= 12; m++ {
		p.Months = append(p.Months, m)
	}
	if f == nil {
		f = newForm(nil, curveFields...)
		f.Values.Set("effective_year", strconv.Itoa(year))
		f.Values.Set("against", string(p.InForce.Against))
		for m := 1; m <= 12; m++ {
			f.Values.Set("target_"+strconv.Itoa(m), fmtDecimal(float64(p.InForce.Targets[m-1])/100))
		}
	}
	p.Form = f
	return s.render(w, status, "disbursement_curve", p)
}

func (s *Server) handleCurveSet(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	reg, err := httpx.RegisterAgency(r.Context(), s.deps.Store, sub)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, tree, investment.PermCurve, auth.Resource{UnitID: reg}); err != nil {
		return err
	}
	f := newForm(r.PostForm, curveFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.curvePage(w, r, httpx.Status(err), f)
	}
	c := investment.Curve{Against: investment.Denominator(f.Get("against"))}
	if c.EffectiveYear, err = formInt(f, "effective_year", "money.err.year"); err != nil {
		return fail(err)
	}
	for m := 1; m <= 12; m++ {
		field := "target_" + strconv.Itoa(m)
		v, err := parseDecimal(f.Get(field))
		if err != nil {
			return fail(invalid(field, "curve.err.target"))
		}
		c.Targets[m-1] = int(math.Round(v * 100))
	}
	if err := s.deps.Store.SetDisbursementCurve(r.Context(), actor(sub), reg, c); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.curve.set", strconv.Itoa(c.EffectiveYear))
	return redirect(w, r, "/disbursement/curve")
}
