package investment

import (
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

func pkg(id int64, name string, price int64) Package {
	return Package{ID: id, PackageInput: PackageInput{Name: name, Price: price, Source: SourceProvincial, Form: FormOpenBidding,
		Method: MethodOneStageOneEnvelope, Online: true, Start: StartPeriod{Year: 2026, Quarter: 2}, Contract: ContractLumpSum, DurationDays: 180}}
}

// wantErr checks err: nil when code is "", else an *apperr.Error with the
// code and the field.
func wantErr(t *testing.T, err error, code apperr.Code, field string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if e := apperr.As(err); e == nil || e.Code != code || e.Field != field {
		t.Fatalf("got %v, want %s on %q", err, code, field)
	}
}

func TestSavingsRate(t *testing.T) {
	for _, c := range []struct {
		price, winning int64
		want           float64
	}{
		{1_000_000_000, 950_000_000, 0.05},
		{1_000_000_000, 1_000_000_000, 0},
		{3, 2, 1.0 / 3},
		{0, 0, 0},
		{12_345_678_900, 11_111_111_010, 0.1},
	} {
		if got := SavingsRate(c.price, c.winning); got-c.want > 1e-9 || c.want-got > 1e-9 {
			t.Errorf("SavingsRate(%d, %d) = %v, want %v", c.price, c.winning, got, c.want)
		}
	}
}

func TestCheckPlanTotal(t *testing.T) {
	for _, c := range []struct {
		total, project int64
		ok             bool
		text           string
	}{
		{1_000_000, 1_000_000, true, ""},
		{999_999, 1_000_000, true, ""},
		{1_234_567, 1_000_000, false, "Tổng giá các gói thầu (1.234.567 đ) vượt tổng mức đầu tư của dự án (1.000.000 đ)"},
		{85_000_000_001, 85_000_000_000, false, "(85.000.000.001 đ)"},
	} {
		err := CheckPlanTotal("packages", c.total, c.project)
		if (err == nil) != c.ok {
			t.Fatalf("CheckPlanTotal(%d, %d) = %v, want ok %v", c.total, c.project, err, c.ok)
		}
		if err != nil {
			e := apperr.As(err)
			if e == nil || e.Code != apperr.Invalid || e.Field != "packages" || !strings.Contains(e.VI, c.text) {
				t.Errorf("CheckPlanTotal(%d, %d) = %#v, want field packages and %q", c.total, c.project, e, c.text)
			}
		}
	}
}

func TestMoney(t *testing.T) {
	for n, want := range map[int64]string{0: "0 đ", 999: "999 đ", 1000: "1.000 đ", 1234567: "1.234.567 đ", -1234: "-1.234 đ"} {
		if got := Money(n); got != want {
			t.Errorf("Money(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNextVersion(t *testing.T) {
	today := calendar.Date{Year: 2026, Month: 6, Day: 1}
	dec := func(date string) Decision {
		return Decision{Number: "12/QĐ-UBND", Date: date, Signer: "Nguyễn Văn A"}
	}
	draft := []Package{pkg(1, "Xây lắp", 600), pkg(2, "Tư vấn giám sát", 40)}
	v1, err := NextVersion(nil, draft, dec("2026-03-02"), 1000, today)
	if err != nil || v1.No != 1 || v1.Kind != VersionApproval || v1.Total != 640 {
		t.Fatalf("first version = %+v, %v", v1, err)
	}
	changed := []Package{pkg(1, "Xây lắp", 650), pkg(2, "Tư vấn giám sát", 40)}
	for _, c := range []struct {
		name  string
		prev  []PlanVersion
		draft []Package
		d     Decision
		total int64
		code  apperr.Code
		field string
		no    int
	}{
		{"adjusted", []PlanVersion{v1}, changed, dec("2026-04-01"), 1000, "", "", 2},
		{"a package added", []PlanVersion{v1}, append(draft[:2:2], pkg(3, "Thiết bị", 10)), dec("2026-04-01"), 1000, "", "", 2},
		{"unchanged", []PlanVersion{v1}, draft, dec("2026-04-01"), 1000, apperr.Conflict, "", 0},
		{"empty", nil, nil, dec("2026-04-01"), 1000, apperr.Conflict, "", 0},
		{"over the total", nil, draft, dec("2026-04-01"), 639, apperr.Invalid, "packages", 0},
		{"before the last version", []PlanVersion{v1}, changed, dec("2026-03-01"), 1000, apperr.Invalid, "decision.date", 0},
		{"in the future", nil, draft, dec("2026-06-02"), 1000, apperr.Invalid, "decision.date", 0},
		{"no number", nil, draft, Decision{Date: "2026-04-01", Signer: "A"}, 1000, apperr.Invalid, "decision.number", 0},
		{"no signer", nil, draft, Decision{Number: "1", Date: "2026-04-01"}, 1000, apperr.Invalid, "decision.signer", 0},
		{"bad date", nil, draft, dec("2026-02-30"), 1000, apperr.Invalid, "decision.date", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := NextVersion(c.prev, c.draft, c.d, c.total, today)
			if c.code == "" {
				if err != nil || v.No != c.no || v.Kind != VersionAdjustment {
					t.Fatalf("got %+v, %v; want version %d", v, err, c.no)
				}
				return
			}
			e := apperr.As(err)
			if e == nil || e.Code != c.code || e.Field != c.field {
				t.Fatalf("got %v, want %s on %q", err, c.code, c.field)
			}
		})
	}
}

func TestValidateResult(t *testing.T) {
	today := calendar.Date{Year: 2026, Month: 6, Day: 1}
	approved := pkg(1, "Xây lắp", 1_000_000)
	approved.InVersion = 1
	done := approved
	done.Result = &SelectionResult{Winner: "X"}
	ok := SelectionResult{Winner: "Công ty TNHH Xây dựng Kinh Bắc", WinningPrice: 950_000, Decision: Decision{Number: "5/QĐ-BQL", Date: "2026-05-20", Signer: "Trần B"}}
	with := func(f func(*SelectionResult)) SelectionResult { r := ok; f(&r); return r }
	for _, c := range []struct {
		name  string
		p     Package
		r     SelectionResult
		code  apperr.Code
		field string
	}{
		{"fine", approved, ok, "", ""},
		{"at the package price", approved, with(func(r *SelectionResult) { r.WinningPrice = 1_000_000 }), "", ""},
		{"draft package", pkg(1, "Xây lắp", 1_000_000), ok, apperr.Conflict, ""},
		{"result twice", done, ok, apperr.Conflict, ""},
		{"no winner", approved, with(func(r *SelectionResult) { r.Winner = " " }), apperr.Invalid, "winner"},
		{"zero price", approved, with(func(r *SelectionResult) { r.WinningPrice = 0 }), apperr.Invalid, "winning_price"},
		{"above the price", approved, with(func(r *SelectionResult) { r.WinningPrice = 1_000_001 }), apperr.Invalid, "winning_price"},
		{"future decision", approved, with(func(r *SelectionResult) { r.Decision.Date = "2026-06-02" }), apperr.Invalid, "decision.date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateResult(c.p, &c.r, today)
			wantErr(t, err, c.code, c.field)
		})
	}
}

func TestPackageValidate(t *testing.T) {
	good := pkg(0, "Gói 01: Xây lắp", 5_000_000_000).PackageInput
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for field, f := range map[string]func(*PackageInput){
		"name":          func(p *PackageInput) { p.Name = "  " },
		"price":         func(p *PackageInput) { p.Price = -1 },
		"source":        func(p *PackageInput) { p.Source = "bank" },
		"form":          func(p *PackageInput) { p.Form = "lottery" },
		"method":        func(p *PackageInput) { p.Method = "3s3e" },
		"start":         func(p *PackageInput) { p.Start = StartPeriod{Year: 2026, Month: 3, Quarter: 1} },
		"contract_type": func(p *PackageInput) { p.Contract = "" },
		"duration_days": func(p *PackageInput) { p.DurationDays = 0 },
	} {
		p := good
		f(&p)
		if e := apperr.As(p.Validate()); e == nil || e.Field != field {
			t.Errorf("%s: got %v", field, e)
		}
	}
}

func TestParseStartPeriod(t *testing.T) {
	for in, want := range map[string]string{"2026-03": "Tháng 3/2026", "2026-Q2": "Quý II/2026", "2027-q4": "Quý IV/2027", "2026-12": "Tháng 12/2026"} {
		p, err := ParseStartPeriod("start", in)
		if err != nil || p.Label("vi") != want {
			t.Errorf("ParseStartPeriod(%q) = %v (%q), %v; want %q", in, p, p.Label("vi"), err, want)
		}
		if q, err := ParseStartPeriod("start", p.String()); err != nil || q != p {
			t.Errorf("round trip of %q: %v, %v", in, q, err)
		}
	}
	for _, in := range []string{"", "2026", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "26-03", "2026-3", "abcd-01", "2026-Q", "1999-01"} {
		if _, err := ParseStartPeriod("start", in); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("ParseStartPeriod(%q) = %v, want invalid", in, err)
		}
	}
}

func FuzzParseStartPeriod(f *testing.F) {
	for _, s := range []string{"2026-03", "2026-Q2", "2026-q1", "", "2026-", "-Q1", "2026-Q１", "２026-03"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseStartPeriod("start", s)
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if q, err := ParseStartPeriod("start", p.String()); err != nil || q != p {
			t.Fatalf("%q → %v → %v, %v", s, p, q, err)
		}
	})
}
