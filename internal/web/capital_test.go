package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// hasFieldError reports whether the page shows an error on the field
// whose input has id (the "field has-error" box around its label).
func hasFieldError(body, id string) bool {
	return strings.Contains(body, `<div class="field has-error"><label for="`+id+`"`)
}

// TestCapitalReportRefusals: an investor's staff member's month is
// refused, with the field named, the right status and nothing written,
// for every wrong amount or month; the right one is recorded with
// Vietnamese-typed money; the same month again is a 409; another
// investor's project is not found.
func TestCapitalReportRefusals(t *testing.T) {
	m := newMoneyApp(t)
	u := m.login(t, "chudautu")
	year, month := strconv.Itoa(m.year), strconv.Itoa(m.month)
	futureYear, futureMonth := year, strconv.Itoa(m.month+1)
	if m.month == 12 {
		futureYear, futureMonth = strconv.Itoa(m.year+1), "1"
	}
	report := func(y, mo, actual, estimate string) url.Values {
		return url.Values{"year": {y}, "month": {mo}, "source": {"provincial"}, "cumulative_actual": {actual}, "estimate_next": {estimate}}
	}
	path := "/projects/BN-0011/capital/disbursements"
	if res := u.do("GET", "/projects/BN-0011/capital", nil, false); res.status != http.StatusOK {
		t.Fatalf("the capital page before any report: status %d", res.status)
	}
	for _, c := range []struct {
		name   string
		form   url.Values
		status int
		input  string // the id of the input marked
		want   []string
	}{
		{"negative", report(year, month, "-1.000.000", "0"), 400, "r-actual", []string{"âm"}},
		{"not whole đồng", report(year, month, "1.500.000,5", "0"), 400, "r-actual", []string{"Số tiền phải là số nguyên đồng"}},
		{"not a number", report(year, month, "một tỷ", "0"), 400, "r-actual", nil},
		{"empty estimate", report(year, month, "1.000.000", ""), 400, "r-estimate", nil},
		{"month in the future", report(futureYear, futureMonth, "1.000.000", "0"), 400, "r-month", []string{"chưa đến"}},
		{"month 13", report(year, "13", "1.000.000", "0"), 400, "r-month", []string{"Tháng 13 không hợp lệ"}},
		{"above the plan", report(year, month, "10.000.000.001 đ", "10.000.000.001"), 400, "r-actual",
			[]string{"Lũy kế giải ngân 10.000.000.001 đ vượt kế hoạch vốn địa phương phân bổ 10.000.000.000 đ"}},
		{"a source without a plan", url.Values{"year": {year}, "month": {month}, "source": {"oda"}, "cumulative_actual": {"1"}, "estimate_next": {"1"}},
			400, "r-source", []string{"chưa có kế hoạch vốn năm " + year + " nguồn Vốn ODA"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := u.do("POST", path, c.form, true)
			if res.status != c.status {
				t.Fatalf("status %d, want %d\n%s", res.status, c.status, res.body)
			}
			if !hasFieldError(res.body, c.input) {
				t.Errorf("the field %s is not marked:\n%s", c.input, res.body)
			}
			for _, w := range c.want {
				if !strings.Contains(res.body, w) {
					t.Errorf("%q not on the page", w)
				}
			}
			if n := m.figures(t, "BN-0011"); n != 0 {
				t.Errorf("%d figures written by a refused report", n)
			}
		})
	}

	// The right month, typed as people type money, is recorded.
	res := u.do("POST", path, report(year, month, "1.500.000.000", "2.000.000.000 đ"), true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("report: status %d\n%s", res.status, res.body)
	}
	page := u.do("GET", "/projects/BN-0011/capital", nil, false)
	if page.status != http.StatusOK {
		t.Fatalf("the capital page: status %d", page.status)
	}
	for _, w := range []string{"1.500.000.000 đ", "2.000.000.000 đ", "12,5%", "15%"} {
		if !strings.Contains(page.body, w) {
			t.Errorf("%q not on the capital page after the report", w)
		}
	}
	// The same month again is a conflict, naming the month and what stands.
	res = u.do("POST", path, report(year, month, "1.600.000.000", "2.000.000.000"), true)
	if res.status != http.StatusConflict || !hasFieldError(res.body, "r-month") || !strings.Contains(res.body, "đã được báo cáo (1.500.000.000 đ)") {
		t.Errorf("duplicate month: status %d\n%s", res.status, res.body)
	}
	if strings.Contains(res.body, "nguồn provincial") {
		t.Error("the duplicate's message names the source by its key")
	}
	if n := m.figures(t, "BN-0011"); n != 1 {
		t.Errorf("%d figures after a refused duplicate, want 1", n)
	}
	// A correction needs its reason; with it, it is recorded.
	corr := report(year, month, "1.600.000.000", "2.000.000.000")
	corr.Set("correction", "yes")
	if res := u.do("POST", path, corr, true); res.status != 400 || !hasFieldError(res.body, "r-reason") {
		t.Errorf("correction without a reason: status %d", res.status)
	}
	corr.Set("reason", "Số liệu Kho bạc đối chiếu lại")
	if res := u.do("POST", path, corr, true); res.status != http.StatusSeeOther {
		t.Errorf("correction: status %d\n%s", res.status, res.body)
	}
	// Another investor's project: not found, nothing written.
	if res := u.do("POST", "/projects/BN-0012/capital/disbursements", report(year, month, "1.000", "0"), true); res.status != http.StatusNotFound {
		t.Errorf("another investor's project: status %d", res.status)
	}
	if n := m.figures(t, "BN-0012"); n != 1 {
		t.Errorf("another investor's project has %d figures, want January's only", n)
	}
	// The investor plans nothing.
	if res := u.do("POST", "/projects/BN-0011/capital/plans", url.Values{"kind": {"annual"}, "year": {year}, "source": {"central"},
		"assigned_by_pm": {"1"}, "allocated_locally": {"1"}}, true); res.status != http.StatusForbidden {
		t.Errorf("an investor setting a plan: status %d", res.status)
	}
}

// TestCapitalPlanRefusals: the director's plan and extension forms refuse
// wrong input with the field named and nothing written.
func TestCapitalPlanRefusals(t *testing.T) {
	m := newMoneyApp(t)
	u := m.login(t, "giamdoc")
	year, next := strconv.Itoa(m.year), strconv.Itoa(m.year+1)
	today := "01/01/" + year
	plan := func(y, pm, local, number string) url.Values {
		return url.Values{"kind": {"annual"}, "year": {y}, "source": {"provincial"}, "assigned_by_pm": {pm}, "allocated_locally": {local},
			"decision_number": {number}, "decision_date": {today}, "decision_signer": {"Chủ tịch UBND tỉnh"}}
	}
	before := m.plans(t, "BN-0011")
	for _, c := range []struct {
		name   string
		form   url.Values
		status int
		input  string
		want   string
	}{
		{"negative", plan(year, "-5.000.000", "1", "1/QĐ"), 400, "p-pm", "âm"},
		{"not whole đồng", plan(year, "12.000.000.000", "10.000.000.000,25", "1/QĐ"), 400, "p-local", "Số tiền phải là số nguyên đồng"},
		{"an adjustment without its decision", plan(year, "15.000.000.000", "10.000.000.000", ""), 400, "p-dn", "số quyết định"},
		{"a closed year", plan(strconv.Itoa(m.year-2), "1.000.000", "1.000.000", "1/QĐ"), 409, "p-year", "đã khóa"},
		{"a bad decision date", func() url.Values {
			v := plan(year, "15.000.000.000", "10.000.000.000", "1/QĐ")
			v.Set("decision_date", "31/02/"+year)
			return v
		}(),
			400, "p-dd", "Ngày không hợp lệ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := u.do("POST", "/projects/BN-0011/capital/plans", c.form, true)
			if res.status != c.status || !hasFieldError(res.body, c.input) || !strings.Contains(res.body, c.want) {
				t.Errorf("status %d (want %d), field %s marked %v, %q on the page %v\n%s", res.status, c.status, c.input,
					hasFieldError(res.body, c.input), c.want, strings.Contains(res.body, c.want), res.body)
			}
			if got := m.plans(t, "BN-0011"); strings.Join(got, ";") != strings.Join(before, ";") {
				t.Errorf("plans changed by a refused form: %v, were %v", got, before)
			}
		})
	}
	ext := func(until string) url.Values {
		return url.Values{"year": {year}, "until": {until}, "decision_number": {"88/QĐ-UBND"}, "decision_date": {today}, "decision_signer": {"Chủ tịch UBND tỉnh"}}
	}
	for _, c := range []struct{ name, until, want string }{
		{"past 31 December of the next year", "15/01/" + strconv.Itoa(m.year+2), "đến hết ngày 31/12/" + next},
		{"not after 31 January", "31/01/" + next, "phải sau hạn giải ngân thông thường 31/01/" + next},
		{"not a date", "30/02/" + next, "Ngày không hợp lệ"},
	} {
		t.Run("extension "+c.name, func(t *testing.T) {
			res := u.do("POST", "/projects/BN-0011/capital/extensions", ext(c.until), true)
			if res.status != 400 || !hasFieldError(res.body, "x-until") || !strings.Contains(res.body, c.want) {
				t.Errorf("status %d, %q on the page %v\n%s", res.status, c.want, strings.Contains(res.body, c.want), res.body)
			}
		})
	}
	page := u.do("GET", "/projects/BN-0011/capital", nil, false)
	if strings.Contains(page.body, `id="capital-extensions"`) {
		t.Error("a refused extension is shown")
	}
}

// TestCurveRefusals: the curve form refuses a target that is not a
// percentage, above 100% or going down, naming the month; the director
// may not set it.
func TestCurveRefusals(t *testing.T) {
	m := newMoneyApp(t)
	u := m.login(t, "admin")
	curve := func(targets ...string) url.Values {
		v := url.Values{"effective_year": {strconv.Itoa(m.year)}, "against": {"pm"}}
		for i, x := range targets {
			v.Set("target_"+strconv.Itoa(i+1), x)
		}
		return v
	}
	good := []string{"3", "7", "12", "17", "23", "30", "38", "46", "55", "65", "80", "95"}
	with := func(i int, x string) []string { c := append([]string{}, good...); c[i] = x; return c }
	for _, c := range []struct {
		name, input, want string
		targets           []string
	}{
		{"not a number", "f-target_3", "Vui lòng nhập tỷ lệ phần trăm", with(2, "mười")},
		{"above 100%", "f-target_12", "Mục tiêu tháng 12 phải từ 0% đến 100%", with(11, "120")},
		{"going down", "f-target_7", "Mục tiêu tháng 7 không được thấp hơn tháng 6", with(6, "25")},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := u.do("POST", "/disbursement/curve", curve(c.targets...), true)
			if res.status != 400 || !hasFieldError(res.body, c.input) || !strings.Contains(res.body, c.want) {
				t.Errorf("status %d, %q on the page %v\n%s", res.status, c.want, strings.Contains(res.body, c.want), res.body)
			}
		})
	}
	if cs, err := m.db.DisbursementCurves(t.Context(), m.agency); err != nil || len(cs) != 0 {
		t.Errorf("curves after refused forms: %v %v", cs, err)
	}
	if res := m.login(t, "giamdoc").do("POST", "/disbursement/curve", curve(good...), true); res.status != http.StatusForbidden {
		t.Errorf("the director setting the curve: status %d", res.status)
	}
}

// TestBoardRefusals: the board's filters refuse what is not one of their
// choices with a 400 naming the field; an investor's staff member does
// not see the board.
func TestBoardRefusals(t *testing.T) {
	m := newMoneyApp(t)
	u := m.login(t, "giamdoc")
	for _, q := range []string{"month=13", "month=x", "year=1999", "investor=abc", "source=gold", "sector_band=k9"} {
		if res := u.do("GET", "/disbursement?"+q, nil, false); res.status != http.StatusBadRequest {
			t.Errorf("/disbursement?%s: status %d", q, res.status)
		}
	}
	if res := u.do("GET", "/projects/BN-0011/capital?year=20x6", nil, false); res.status != http.StatusBadRequest {
		t.Errorf("capital ?year=20x6: status %d", res.status)
	}
	inv := m.login(t, "chudautu")
	for _, p := range []string{"/disbursement", "/disbursement/curve"} {
		if res := inv.do("GET", p, nil, false); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
			t.Errorf("an investor's staff member on %s: status %d", p, res.status)
		}
	}
	if res := inv.do("GET", "/", nil, false); strings.Contains(res.body, `href="/disbursement"`) {
		t.Error("an investor's staff member has the board in the menu")
	}
	if res := u.do("GET", "/", nil, false); !strings.Contains(res.body, `href="/disbursement"`) {
		t.Error("the director has no board in the menu")
	}
}
