// Package portal is what the agency's public portal shows besides its news
// (issue #15, items 3 and 5): the public catalogue of administrative
// procedures (thủ tục hành chính) with each procedure's record, and the
// transparency page (công khai) with the official period report (Biểu
// II.06a/VPCP/KSTT) by month, the QĐ 766/QĐ-TTg scores, the apology letters
// (form 04, TT 03/2025/TT-VPCP) and the public-investment disclosure of
// Luật Đầu tư công 58/2024/QH15 Art 15. Every figure is read from the same
// rollups as the internal statistics (dossier_daily, dossier_step_daily,
// disbursement_year); nothing here is typed in.
package portal

import (
	"congvu/internal/calendar"
	"congvu/internal/dashboard"
	"congvu/internal/dossier"
	"congvu/internal/investment"
)

// RecordMonths is how far back a procedure's record looks: the last 12
// months, today included.
const RecordMonths = 12

// RecordPeriod is the period of a procedure's record ending today: from
// the same day 12 months ago (the day after it) to today.
func RecordPeriod(today calendar.Date) (from, to calendar.Date) {
	t := today.Time().AddDate(0, -RecordMonths, 1)
	return calendar.DateOf(t), today
}

// Record is a procedure's record over a period: the dossiers received
// (online and in person, as Biểu II.06a counts them), those resolved by
// timeliness, and the working time spent in its steps.
type Record struct {
	Received int
	dashboard.Dossiers
	// WorkMS is the working time, in milliseconds, of the steps passed in
	// the period (dossier_step_daily); divided by the dossiers resolved it
	// is the average working time of a dossier.
	WorkMS int64
}

// Add sums two records.
func (r Record) Add(o Record) Record {
	return Record{Received: r.Received + o.Received, Dossiers: r.Dossiers.Add(o.Dossiers), WorkMS: r.WorkMS + o.WorkMS}
}

// HasResolved reports whether any dossier was resolved in the period, so
// that a share and an average mean something.
func (r Record) HasResolved() bool { return r.Resolved() > 0 }

// AvgWorkingDays is the average working time of a resolved dossier in
// working days of 8 hours (calendar.WorkingDay); 0 when none was resolved.
func (r Record) AvgWorkingDays() float64 {
	if r.Resolved() == 0 {
		return 0
	}
	return float64(r.WorkMS) / float64(r.Resolved()) / float64(calendar.WorkingDay.Milliseconds())
}

// Procedure is one procedure of the public catalogue: the version in
// force and its record over the last 12 months.
type Procedure struct {
	dossier.Procedure
	Record Record
}

// Query asks for a page of the public catalogue.
type Query struct {
	AgencyID int64
	On       calendar.Date // the day the versions are in force
	Field    string        // lĩnh vực, "" for every field
	Level    dossier.Level // 0 for every level
	Search   string        // every word, folded, in the code, name and field
	Page     int           // from 1
	Offset   int           // when set, the rows skipped instead of Page's
	PerPage  int
}

// Month is one month of the transparency page: the official report of the
// month and the ratings given in it.
type Month struct {
	Month   dashboard.Month
	Report  dossier.Report
	Ratings dashboard.Ratings
}

// Transparency is the transparency page of an agency for a year, up to
// its last day or today if sooner.
type Transparency struct {
	AgencyID int64
	Year     int
	From, To calendar.Date
	Months   []Month
	// Total is the report of the whole period (not the sum of the months:
	// the carried-over and open dossiers are those at its ends).
	Total   dossier.Report
	Ratings dashboard.Ratings
	// Apologies is the apology letters (form 04) issued in the period.
	Apologies int
	// Procedures is each procedure's record over the period, by code.
	Procedures []ProcedureLine
	// Projects is the public-investment disclosure of the register.
	Projects      []Project
	ProjectsTotal int
	Month         int // the month the disbursement figures stand at
}

// ProcedureLine is a procedure's line on the transparency page.
type ProcedureLine struct {
	Code, Name string
	Record     Record
}

// ProgressScore is QĐ 766's progress-and-results points of the period
// (dossier.Report.ProgressScore, as the statistics page shows it).
func (t Transparency) ProgressScore() float64 { return t.Total.ProgressScore() }

// SatisfactionScore is QĐ 766's satisfaction points of the period
// (dashboard.Ratings.Score, as the dashboard shows it).
func (t Transparency) SatisfactionScore() float64 { return t.Ratings.Score() }

// Project is one project of the public-investment disclosure (Luật
// 58/2024 Art 15): its scale and total investment, time and place, the
// year's capital plans and the disbursement to the month. Only projects
// past their investment decision are disclosed (PublicPhases).
type Project struct {
	Code, Name   string
	InvestorName string
	Group        investment.Group
	Band         investment.Band
	Phase        investment.Phase
	Commune      string
	StartYear    int
	EndYear      int
	Total        int64 // tổng mức đầu tư, đồng
	investment.Totals
}

// PublicPhases are the phases of a project whose investment decision has
// been approved: preparation projects (chủ trương, not yet decided) are
// not disclosed.
var PublicPhases = []investment.Phase{investment.PhaseImplementation, investment.PhaseCompleted, investment.PhaseSettled}
