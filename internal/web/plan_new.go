package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
	"congvu/internal/work"
)

// The form creating a plan: its period (a year, a quarter or a month), the
// owner unit, the source document it implements and its targets, several
// rows of name, unit of measure, target value and how actuals add up.

// planTargetRows is how many blank target rows the form offers.
const planTargetRows = 5

// PlanTargetRow is one row of targets in the form.
type PlanTargetRow struct {
	I                         int
	Name, UOM, Value, Sum     string
	NameErr, UOMErr, ValueErr string
}

// PlanFormPage is the form to create a plan.
type PlanFormPage struct {
	BasePage
	Form     *Form
	Units    []UnitOption
	Targets  []PlanTargetRow
	Kinds    []string // the kinds of period
	Quarters []string
}

var planFields = []string{"title", "owner_unit_id", "period_kind", "year", "quarter", "month",
	"source_number", "source_date", "source_issuer", "source_title", "targets"}

// planErrorFields maps the domain's field names to the form's.
var planErrorFields = map[string]string{
	"period.year": "year", "period.quarter": "quarter", "period.month": "month", "period.kind": "period_kind",
	"source.number": "source_number", "source.date": "source_date", "source.issuer": "source_issuer", "source.title": "source_title",
}

func (s *Server) planForm(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "plan.new.title")
	if err != nil {
		return err
	}
	if !s.canSomewhere(b.User, b.tree, work.CreateTask) {
		return forbidden("plan.err.create")
	}
	p := &PlanFormPage{BasePage: b, Form: f, Units: s.creatableUnits(&b),
		Kinds: []string{string(work.PeriodYear), string(work.PeriodQuarter), string(work.PeriodMonth)}, Quarters: []string{"1", "2", "3", "4"}}
	n := max(planTargetRows, len(f.Values["target_name"]))
	for i := range n {
		at := func(k string) string {
			if vs := f.Values[k]; i < len(vs) {
				return vs[i]
			}
			return ""
		}
		row := PlanTargetRow{I: i, Name: at("target_name"), UOM: at("target_uom"), Value: at("target_value"), Sum: at("target_sum"),
			NameErr: f.Err(fmt.Sprintf("targets[%d].name", i)), UOMErr: f.Err(fmt.Sprintf("targets[%d].unit_of_measure", i)),
			ValueErr: f.Err(fmt.Sprintf("targets[%d].target_value", i))}
		p.Targets = append(p.Targets, row)
	}
	return s.render(w, status, "plan_new", p)
}

// creatableUnits are the units the user may create plans and tasks for.
func (s *Server) creatableUnits(b *BasePage) []UnitOption {
	var out []UnitOption
	for _, o := range agencyUnitOptions(b.tree, b.User) {
		if s.canOnUnit(b, work.CreateTask, o.ID) {
			out = append(out, o)
		}
	}
	return out
}

func (s *Server) handlePlanNew(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, planFields...)
	now := s.deps.Now().In(vn)
	f.Values.Set("period_kind", string(work.PeriodQuarter))
	f.Values.Set("year", strconv.Itoa(now.Year()))
	f.Values.Set("quarter", strconv.Itoa((int(now.Month())+2)/3))
	f.Values.Set("month", strconv.Itoa(int(now.Month())))
	return s.planForm(w, r, http.StatusOK, f)
}

func (s *Server) handlePlanCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	lang := httpx.Lang(r)
	fields := append([]string{}, planFields...)
	for i := range len(r.PostForm["target_name"]) {
		for _, k := range []string{"name", "unit_of_measure", "target_value"} {
			fields = append(fields, fmt.Sprintf("targets[%d].%s", i, k))
		}
	}
	f := newForm(r.PostForm, fields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		if e := apperr.As(err); e != nil {
			if to, ok := planErrorFields[e.Field]; ok {
				e.Field = to
			}
		}
		f.SetError(err, lang)
		return s.planForm(w, r, httpx.Status(err), f)
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	unit, err := f.Int64("owner_unit_id")
	if err != nil {
		return fail(err)
	}
	u, ok := tree.Unit(unit)
	if !ok {
		return fail(invalid("owner_unit_id", "err.choose"))
	}
	b := &BasePage{User: sub, tree: tree}
	if err := s.authorize(b, work.CreateTask, unit); err != nil {
		return err
	}
	p, err := planFromForm(f, u.AgencyID)
	if err != nil {
		return fail(err)
	}
	p, err = s.deps.Store.CreatePlan(r.Context(), actor(sub), p)
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.plan.created", p.Title)
	return redirect(w, r, "/plans/"+strconv.FormatInt(p.ID, 10))
}

// planFromForm reads the plan the form describes; the domain validates it.
func planFromForm(f *Form, agency int64) (work.Plan, error) {
	unit, _ := f.Int64("owner_unit_id")
	p := work.Plan{AgencyID: agency, OwnerUnitID: unit, Title: f.Get("title"), Period: work.Period{Kind: work.PeriodKind(f.Get("period_kind"))}}
	num := func(field string) (int, error) {
		v, err := strconv.Atoi(f.Get(field))
		if err != nil {
			return 0, invalid(field, "plan.err.whole")
		}
		return v, nil
	}
	var err error
	if p.Period.Year, err = num("year"); err != nil {
		return p, err
	}
	switch p.Period.Kind {
	case work.PeriodQuarter:
		if p.Period.Quarter, err = num("quarter"); err != nil {
			return p, err
		}
	case work.PeriodMonth:
		if p.Period.Month, err = num("month"); err != nil {
			return p, err
		}
	}
	p.Source = work.SourceDocument{Number: f.Get("source_number"), Issuer: f.Get("source_issuer"), Title: f.Get("source_title")}
	if v := f.Get("source_date"); v != "" {
		if p.Source.Date, err = parseTaskDate("source_date", v); err != nil {
			return p, err
		}
	}
	var rows []int // the form's row of each target
	for i, name := range f.Values["target_name"] {
		at := func(k string) string {
			if vs := f.Values[k]; i < len(vs) {
				return vs[i]
			}
			return ""
		}
		uom, value := at("target_uom"), at("target_value")
		if name == "" && uom == "" && value == "" {
			continue // a blank row
		}
		t := work.Target{Name: name, UnitOfMeasure: uom, Sum: at("target_sum") == "sum"}
		if t.TargetValue, err = parseNumber(fmt.Sprintf("targets[%d].target_value", i), value); err != nil {
			return p, err
		}
		p.Targets = append(p.Targets, t)
		rows = append(rows, i)
	}
	err = p.Validate()
	if e := apperr.As(err); e != nil {
		var k int
		if n, _ := fmt.Sscanf(e.Field, "targets[%d]", &k); n == 1 && k < len(rows) {
			e.Field = fmt.Sprintf("targets[%d]", rows[k]) + e.Field[strings.Index(e.Field, "]")+1:]
		}
	}
	return p, err
}
