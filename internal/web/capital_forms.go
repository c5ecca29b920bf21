package web

import (
	"math"
	"net/http"
	"strconv"

	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/investment"
)

// The forms of the section "Kế hoạch vốn và giải ngân": a month's
// disbursement, a capital plan or its adjustment, an Art 72 extension.
// Each posts to its own address, calls one store function and, when it is
// refused, shows the section again with the message next to the field.

// formAmount reads an amount of đồng typed the Vietnamese way
// ("1.500.000.000", "1 500 000 000 đ"): a whole number, or an error naming
// the field. The domain refuses negative amounts with their figure.
func formAmount(f *Form, field string) (int64, error) {
	v, err := parseDecimal(f.Get(field))
	if err != nil {
		if ne, ok := err.(numberError); ok {
			return 0, invalid(field, ne.key)
		}
		return 0, invalid(field, "money.err.amount")
	}
	if v != math.Trunc(v) || math.Abs(v) > float64(investment.MaxAmount) {
		return 0, invalid(field, "money.err.whole")
	}
	return int64(v), nil
}

// formInt reads a whole number field.
func formInt(f *Form, field, key string) (int, error) {
	v, err := strconv.Atoi(f.Get(field))
	if err != nil {
		return 0, invalid(field, key)
	}
	return v, nil
}

// capitalFail shows the section again with err next to its field, or
// returns err for an error page (403, 404, ours).
func (s *Server) capitalFail(w http.ResponseWriter, r *http.Request, err error, year int, report, plan, ext *Form) error {
	if !formFailure(err) {
		return err
	}
	lang := httpx.Lang(r)
	for _, f := range []*Form{report, plan, ext} {
		if f != nil {
			f.SetError(err, lang)
		}
	}
	return s.capitalPage(w, r, httpx.Status(err), year, report, plan, ext)
}

func (s *Server) handleCapitalReport(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "money.title")
	if err != nil {
		return err
	}
	code := r.PathValue("code")
	_, _, reg, err := s.moneyProject(r.Context(), &b, code)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, reportFields...)
	year, _ := strconv.Atoi(f.Get("year"))
	fail := func(err error) error { return s.capitalFail(w, r, err, year, f, nil, nil) }
	in := investment.FigureInput{Source: investment.Source(f.Get("source")), Correction: f.Get("correction") == "yes", Reason: f.Get("reason")}
	if in.Year, err = formInt(f, "year", "money.err.year"); err != nil {
		return fail(err)
	}
	if in.Month, err = formInt(f, "month", "money.err.month"); err != nil {
		return fail(err)
	}
	if in.CumulativeActual, err = formAmount(f, "cumulative_actual"); err != nil {
		return fail(err)
	}
	if in.EstimateNext, err = formAmount(f, "estimate_next"); err != nil {
		return fail(err)
	}
	if _, err := s.deps.Store.RecordDisbursements(r.Context(), s.reporterOf(&b, reg), []investment.FigureRow{{Line: 1, ProjectCode: code, FigureInput: in}}); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.money.reported", strconv.Itoa(in.Month)+"/"+strconv.Itoa(in.Year))
	return redirect(w, r, "/projects/"+code+"/capital?year="+strconv.Itoa(in.Year))
}

func (s *Server) handleCapitalPlan(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "money.title")
	if err != nil {
		return err
	}
	code := r.PathValue("code")
	_, _, reg, err := s.moneyProject(r.Context(), &b, code)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, planFormFlds...)
	year, _ := strconv.Atoi(f.Get("year"))
	fail := func(err error) error { return s.capitalFail(w, r, err, year, nil, f, nil) }
	kind, err := investment.ParsePlanKind(f.Get("kind"))
	if err != nil {
		return fail(err)
	}
	in := investment.PlanInput{Kind: kind, Source: investment.Source(f.Get("source"))}
	if in.Year, err = formInt(f, "year", "money.err.year"); err != nil {
		return fail(err)
	}
	if in.AssignedByPM, err = formAmount(f, "assigned_by_pm"); err != nil {
		return fail(err)
	}
	if in.AllocatedLocally, err = formAmount(f, "allocated_locally"); err != nil {
		return fail(err)
	}
	if in.Decision, err = formDecision(f); err != nil {
		return fail(err)
	}
	if _, err := s.deps.Store.RecordCapitalPlan(r.Context(), s.reporterOf(&b, reg), code, in); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.money.planned", strconv.Itoa(in.Year))
	return redirect(w, r, "/projects/"+code+"/capital?year="+strconv.Itoa(in.Year))
}

// formDecision reads the decision fields: nil when all are blank.
func formDecision(f *Form) (*investment.Decision, error) {
	d := investment.Decision{Number: f.Get("decision_number"), Signer: f.Get("decision_signer")}
	if raw := f.Get("decision_date"); raw != "" {
		day, err := calendar.ParseDate(raw)
		if err != nil {
			return nil, invalid("decision_date", "money.err.date")
		}
		d.Date = day.String()
	}
	if d.Number == "" && d.Signer == "" && d.Date == "" {
		return nil, nil
	}
	return &d, nil
}

func (s *Server) handleCapitalExtension(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	b, err := s.base(w, r, "money.title")
	if err != nil {
		return err
	}
	code := r.PathValue("code")
	_, _, reg, err := s.moneyProject(r.Context(), &b, code)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm, extFields...)
	year, _ := strconv.Atoi(f.Get("year"))
	fail := func(err error) error { return s.capitalFail(w, r, err, year, nil, nil, f) }
	e := investment.Extension{}
	if e.Year, err = formInt(f, "year", "money.err.year"); err != nil {
		return fail(err)
	}
	if raw := f.Get("until"); raw != "" {
		if e.Until, err = calendar.ParseDate(raw); err != nil {
			return fail(invalid("until", "money.err.date"))
		}
	}
	d, err := formDecision(f)
	if err != nil {
		return fail(err)
	}
	if d != nil {
		e.Decision = *d
	}
	if err := s.deps.Store.RecordExtension(r.Context(), s.reporterOf(&b, reg), code, e); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.money.extended", strconv.Itoa(e.Year), investment.DMY(e.Until))
	return redirect(w, r, "/projects/"+code+"/capital?year="+strconv.Itoa(e.Year))
}
