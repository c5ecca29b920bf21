package dossier

import (
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

func TestProcedureValidate(t *testing.T) {
	for _, p := range []Procedure{proc15(), bacNinh()} {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	cases := []struct {
		name  string
		edit  func(p *Procedure)
		field string
		vi    string
	}{
		{"code format", func(p *Procedure) { p.Code = "1.00964" }, "code", ""},
		{"code letters", func(p *Procedure) { p.Code = "A.009645" }, "code", ""},
		{"short name", func(p *Procedure) { p.Name = "ab" }, "name", ""},
		{"zero limit", func(p *Procedure) { p.Limit.Value = 0 }, "limit", ""},
		{"limit unit", func(p *Procedure) { p.Limit.Unit = 0 }, "limit", ""},
		{"level", func(p *Procedure) { p.Level = 0 }, "level", ""},
		{"fee", func(p *Procedure) { p.Fee = -1 }, "fee", ""},
		{"no steps", func(p *Procedure) { p.Steps = nil }, "steps", ""},
		{"zero budget", func(p *Procedure) { p.Steps[1].Budget = 0 }, "steps[1].budget", ""},
		{"bad role", func(p *Procedure) { p.Steps[0].Role = "boss" }, "steps[0].role", ""},
		{"document copy", func(p *Procedure) { p.Documents[0].Copy = "scan" }, "documents[0].copy", ""},
		{"document quantity", func(p *Procedure) { p.Documents[0].Quantity = 0 }, "documents[0].quantity", ""},
		{"version", func(p *Procedure) { p.Version = 0 }, "version", ""},
		{"effective from", func(p *Procedure) { p.EffectiveFrom = calendar.Date{} }, "effective_from", ""},
		{"budgets short of the limit", func(p *Procedure) { p.Steps[3].Budget = 6.5 }, "steps",
			"tổng thời gian các bước 31,5 ngày khác thời hạn giải quyết 32 ngày"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := bacNinh()
			p.Documents = []Document{{Name: "Văn bản đề nghị", Copy: Original, Quantity: 1}}
			c.edit(&p)
			err := p.Validate()
			e := apperr.As(err)
			if e == nil || e.Code != apperr.Invalid || e.Field != c.field {
				t.Fatalf("err = %v, want invalid %s", err, c.field)
			}
			if c.vi != "" && e.VI != c.vi {
				t.Errorf("VI = %q, want %q (EN %q)", e.VI, c.vi, e.EN)
			}
		})
	}
	// Budgets of a tenth of a day add up exactly.
	p := bacNinh()
	p.Limit.Value = 1
	p.Steps = []Step{{Name: "Một", Budget: 0.1}, {Name: "Hai", Budget: 0.2}, {Name: "Ba", Budget: 0.7}}
	if err := p.Validate(); err != nil {
		t.Errorf("0.1 + 0.2 + 0.7: %v", err)
	}
	if LevelFull.Label("vi") != "Toàn trình" || LevelPartial.Label("vi") != "Một phần" || CertifiedCopy.Label("en") != "Certified copy" {
		t.Error("labels")
	}
}

func TestPickVersion(t *testing.T) {
	v := func(n int, from string) Procedure {
		p := proc15()
		p.Version, p.EffectiveFrom = n, date(from)
		return p
	}
	versions := []Procedure{v(2, "2025-07-01"), v(1, "2024-01-01"), v(3, "2026-01-01"), v(4, "2026-01-01")}
	for _, c := range []struct {
		on   string
		want int
	}{
		{"2024-01-01", 1}, {"2025-06-30", 1}, {"2025-07-01", 2}, {"2025-12-31", 2}, {"2026-01-01", 4}, {"2030-01-01", 4},
	} {
		got, err := PickVersion(versions, date(c.on))
		if err != nil || got.Version != c.want {
			t.Errorf("PickVersion(%s) = %d, %v; want %d", c.on, got.Version, err, c.want)
		}
	}
	_, err := PickVersion(versions, date("2023-12-31"))
	wantCode(t, err, apperr.NotFound)
}
