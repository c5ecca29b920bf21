package investment

import (
	"regexp"
	"strings"
	"time"

	"congvu/internal/apperr"
)

// Project is a public-investment project (dự án đầu tư công) as the
// department's register keeps it. Capital is the total investment by
// source in đồng and Total their sum; Group is computed from Band, the
// capital and Special by the thresholds of the law version GroupLaw
// (GroupOf), never typed.
type Project struct {
	ID             int64
	AgencyID       int64 // the department keeping the register
	Code           string
	Name           string
	InvestorID     int64
	ManagingUnitID int64 // the unit of the department that follows the project (the appraisal division, or the agency)
	Band           Band
	Commune        string // xã, phường of the new Bắc Ninh where it is built
	StartYear      int
	EndYear        int
	Phase          Phase
	Group          Group
	GroupLaw       string
	Capital        map[Source]int64
	Total          int64
	// Special: group A regardless of size (Luật 58/2024 Art 9.1:
	// industrial-zone, export-processing-zone or hi-tech-park
	// infrastructure, toxic or explosive production).
	Special   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Public is the project's public capital (all sources but "other"), which
// the national-important threshold counts.
func (p Project) Public() int64 {
	var n int64
	for s, v := range p.Capital {
		if s.Public() {
			n += v
		}
	}
	return n
}

// Decision is a decision document (quyết định): its number, date
// (YYYY-MM-DD), signer and, when attached, the file in the file store.
type Decision struct {
	Number string
	Date   string
	Signer string
	FileID int64
}

// Empty reports whether no decision is given.
func (d Decision) Empty() bool {
	return d.Number == "" && d.Date == "" && d.Signer == "" && d.FileID == 0
}

// validate checks a decision; with required, the number and the date must be there.
func (d *Decision) validate(required bool) error {
	var err error
	if d.Number, err = apperr.Text("decision.number", d.Number, 0, 60); err != nil {
		return err
	}
	if d.Signer, err = apperr.Text("decision.signer", d.Signer, 0, 120); err != nil {
		return err
	}
	d.Date = strings.TrimSpace(d.Date)
	if d.Date != "" && !validDate(d.Date) {
		return apperr.Invalidf("decision.date", "ngày quyết định không hợp lệ: %q", "decision date not valid: %q", d.Date)
	}
	if d.FileID < 0 {
		return apperr.Invalidf("decision.file_id", "tệp đính kèm không hợp lệ", "attached file not valid")
	}
	if (required || !d.Empty()) && d.Number == "" {
		return apperr.Invalidf("decision.number", "thiếu số quyết định", "the decision number is required")
	}
	if (required || !d.Empty()) && d.Date == "" {
		return apperr.Invalidf("decision.date", "thiếu ngày quyết định", "the decision date is required")
	}
	return nil
}

// NewProject is what it takes to add a project to the register.
type NewProject struct {
	AgencyID       int64
	Code           string
	Name           string
	InvestorID     int64
	ManagingUnitID int64 // 0: the agency itself
	Band           Band
	Commune        string
	StartYear      int
	EndYear        int
	Phase          Phase // preparation when empty
	Capital        map[Source]int64
	Special        bool
	Decision       Decision // the decision the project is registered by, optional
	Reason         string
}

var codeRe = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._/\-]{0,39}$`)

// Years a project may start or end in.
const (
	MinYear = 1990
	MaxYear = 2100
)

// Validate checks and normalises a new project: a code of letters,
// digits and . _ / - (at most 40), a name, a known investor, band and
// phase, years in order, capital from known sources, none negative, in
// total more than zero. Errors: apperr.Invalid naming the field.
func (n *NewProject) Validate() error {
	n.Code = strings.TrimSpace(n.Code)
	if !codeRe.MatchString(n.Code) {
		return apperr.Invalidf("code", "mã dự án không hợp lệ: %q (chữ, số và . _ / -, tối đa 40 ký tự)",
			"project code not valid: %q (letters, digits and . _ / -, at most 40)", n.Code)
	}
	var err error
	if n.Name, err = apperr.Text("name", n.Name, 3, 500); err != nil {
		return err
	}
	if n.InvestorID <= 0 {
		return apperr.Invalidf("investor_id", "thiếu chủ đầu tư", "the investor is required")
	}
	if !n.Band.Valid() {
		if _, err := ParseBand("sector_band", string(n.Band)); err != nil {
			return err
		}
	}
	if n.Commune, err = apperr.Text("commune", n.Commune, 0, 120); err != nil {
		return err
	}
	if err := checkYears(n.StartYear, n.EndYear); err != nil {
		return err
	}
	if n.Phase == "" {
		n.Phase = PhasePreparation
	}
	if _, err := ParsePhase("phase", string(n.Phase)); err != nil {
		return err
	}
	if err := CheckCapital("total_investment", n.Capital); err != nil {
		return err
	}
	if n.Reason, err = apperr.Text("reason", n.Reason, 0, 2000); err != nil {
		return err
	}
	return n.Decision.validate(false)
}

func checkYears(start, end int) error {
	if start < MinYear || start > MaxYear {
		return apperr.Invalidf("start_year", "năm khởi công không hợp lệ: %d", "start year not valid: %d", start)
	}
	if end < MinYear || end > MaxYear {
		return apperr.Invalidf("end_year", "năm hoàn thành không hợp lệ: %d", "end year not valid: %d", end)
	}
	if end < start {
		return apperr.Invalidf("end_year", "năm hoàn thành (%d) không được trước năm khởi công (%d)",
			"the end year (%d) may not be before the start year (%d)", end, start)
	}
	return nil
}

// CheckCapital checks a total investment by source: known sources, no
// negative amount, a sum above zero that does not overflow. The field of
// an amount is field.source (e.g. total_investment.central).
func CheckCapital(field string, c map[Source]int64) error {
	var sum int64
	for s, v := range c {
		if !s.Valid() {
			return apperr.Invalidf(field+"."+string(s), "nguồn vốn không hợp lệ: %q (central, provincial, commune, oda, other)",
				"unknown capital source: %q (central, provincial, commune, oda, other)", string(s))
		}
		if v < 0 {
			return apperr.Invalidf(field+"."+string(s), "số vốn không được âm", "an amount may not be negative")
		}
		if v > MaxAmount {
			return apperr.Invalidf(field+"."+string(s), "số vốn quá lớn", "the amount is too large")
		}
		sum += v
	}
	if sum <= 0 {
		return apperr.Invalidf(field, "tổng mức đầu tư phải lớn hơn 0", "the total investment must be more than zero")
	}
	return nil
}

// MaxAmount bounds one amount: 10 million billion đồng, far above any
// project and far below int64's overflow when five are added.
const MaxAmount int64 = 10_000_000 * Billion

// Sum adds a capital map.
func Sum(c map[Source]int64) int64 {
	var n int64
	for _, v := range c {
		n += v
	}
	return n
}

// Build makes the project n describes, with its group under the rules in
// force on the date `on` (the decision's date when there is one).
func (n NewProject) Build(sets []RuleSet, on string) (Project, error) {
	if n.Decision.Date != "" {
		on = n.Decision.Date
	}
	p := Project{AgencyID: n.AgencyID, Code: n.Code, Name: n.Name, InvestorID: n.InvestorID, ManagingUnitID: n.ManagingUnitID,
		Band: n.Band, Commune: n.Commune, StartYear: n.StartYear, EndYear: n.EndYear, Phase: n.Phase,
		Capital: cleanCapital(n.Capital), Special: n.Special}
	if p.ManagingUnitID == 0 {
		p.ManagingUnitID = n.AgencyID
	}
	p.Total = Sum(p.Capital)
	g, law, err := GroupOf(sets, on, p)
	if err != nil {
		return Project{}, err
	}
	p.Group, p.GroupLaw = g, law
	return p, nil
}

// cleanCapital copies a capital map without its zero amounts.
func cleanCapital(c map[Source]int64) map[Source]int64 {
	out := make(map[Source]int64, len(c))
	for s, v := range c {
		if v != 0 {
			out[s] = v
		}
	}
	return out
}

// CurveAt is a curve at a month of a plan year.
type CurveAt struct {
	Year, Month int
	Curve       Curve
}

// ProjectFilter selects projects of a register, in code order, a page at a
// time (keyset: After is the last code of the page before). Zero fields do
// not filter; Investors, when not nil, restricts the list to those
// investors' projects (what investor staff may see: an empty non-nil
// slice shows nothing).
type ProjectFilter struct {
	AgencyID   int64
	Investors  []int64
	InvestorID int64
	Group      Group
	Band       Band
	Commune    string
	Phase      Phase
	Query      string // every word, diacritic-insensitive, in code and name
	// Below, when set, keeps the projects below the target curve at its
	// month, as the disbursement board flags them.
	Below *CurveAt
	After string
	Limit int // 1..500, 50 by default
}
