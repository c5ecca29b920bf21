package web

import (
	"bytes"
	"fmt"
	"net/http"

	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/report"
	"congvu/internal/store"
)

// The monthly report of TT 37/2025/TT-BTC (Biểu 01a/TTKHN) as a page with
// its XLSX and PDF, the export of a month's figures, the ranking of
// investors and the investors late with their report (the 15th rule of
// investment.LateMonth).

// Form01aPage is the monthly report's page.
type Form01aPage struct {
	BasePage
	Period   investment.Period
	Due      string // dd/mm/yyyy
	Form     investment.Form01a
	Query    string // the filters, for the download links
	Late     []store.LateInvestor
	LateNow  bool // the due date has passed
	Director bool // sees the late investors
}

func (s *Server) handleForm01a(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "disb.01a.title")
	if err != nil {
		return err
	}
	ds, c, f, err := s.disbFiltered(r)
	if err != nil {
		return err
	}
	form, _, _, err := c.Form01a(r.Context(), ds, f)
	if err != nil {
		return err
	}
	p := &Form01aPage{BasePage: b, Period: form.Period, Form: form, Due: form.Period.Due().Format("02/01/2006"),
		Query: r.URL.RawQuery}
	// The late investors are the department's to see.
	if c.Department() == nil {
		p.Director = true
		if p.Late, err = ds.LateInvestors(r.Context(), f.AgencyID, form.Period); err != nil {
			return err
		}
		p.LateNow = !s.deps.Now().Before(form.Period.Due())
	}
	return s.render(w, http.StatusOK, "disbursement_01a", p)
}

// disbFiltered is the store, the caller and the filters they asked for.
func (s *Server) disbFiltered(r *http.Request) (httpx.DisbStore, httpx.DisbCaller, investment.StatsFilter, error) {
	ds, c, err := s.disb(r.Context())
	if err != nil {
		return nil, c, investment.StatsFilter{}, err
	}
	f, err := c.DisbFilter(r.Context(), ds, r.URL.Query(), s.deps.Now())
	return ds, c, f, err
}

// handleForm01aFile sends Biểu 01a as XLSX or PDF.
func (s *Server) handleForm01aFile(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ds, c, f, err := s.disbFiltered(r)
		if err != nil {
			return err
		}
		form, agency, unit, err := c.Form01a(r.Context(), ds, f)
		if err != nil {
			return err
		}
		head := report.Form01aHead{Agency: agency, Unit: unit, Place: "Bắc Ninh", IssuedAt: s.deps.Now()}
		var buf bytes.Buffer
		name := fmt.Sprintf("bieu-01a-%04d-%02d", f.Year, f.Month)
		if format == "pdf" {
			if err := report.WriteForm01aPDF(&buf, head, form); err != nil {
				return err
			}
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Disposition", `inline; filename="`+name+`.pdf"`)
			_, err = w.Write(buf.Bytes())
			return err
		}
		if err := report.WriteForm01aXLSX(&buf, head, form); err != nil {
			return err
		}
		return sendXLSX(w, name+".xlsx", buf.Bytes())
	}
}

// handleDisbExport sends the month's figures with the stats' filters.
func (s *Server) handleDisbExport(w http.ResponseWriter, r *http.Request) error {
	ds, _, f, err := s.disbFiltered(r)
	if err != nil {
		return err
	}
	lines, err := ds.DisbursementLines(r.Context(), f)
	if err != nil {
		return err
	}
	rows := make([]report.DisbursementExportRow, len(lines))
	for i, l := range lines {
		rows[i] = report.DisbursementExportRow{Project: l.ProjectCode, ProjectName: l.ProjectName, Investor: l.InvestorName,
			Source: l.Source, Year: f.Year, Month: f.Month, Totals: l.Totals}
	}
	var buf bytes.Buffer
	if err := report.WriteDisbursementTable(&buf, rows); err != nil {
		return err
	}
	return sendXLSX(w, fmt.Sprintf("giai-ngan-%04d-%02d.xlsx", f.Year, f.Month), buf.Bytes())
}

// RankingPage ranks the investors.
type RankingPage struct {
	BasePage
	Period investment.Period
	By     investment.Denominator
	Ranks  []investment.InvestorRank
}

// handleRanking ranks the register's investors for a month (the
// department's staff: investment.view on the register).
func (s *Server) handleRanking(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "disb.rank.title")
	if err != nil {
		return err
	}
	ds, c, err := s.disb(r.Context())
	if err != nil {
		return err
	}
	if err := c.Department(); err != nil {
		return err
	}
	p, err := httpx.DisbPeriod(r.URL.Query(), s.deps.Now())
	if err != nil {
		return err
	}
	by := investment.ParseDenominator(r.URL.Query().Get("by"))
	ranks, err := ds.InvestorRanking(r.Context(), investment.StatsFilter{AgencyID: c.Register, Year: p.Year, Month: p.Month}, by)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "disbursement_ranking", &RankingPage{BasePage: b, Period: p, By: by, Ranks: ranks})
}

// pctText writes v over plan in percent, "40,5%"; "–" without a plan.
func pctText(v, plan int64) string {
	if plan <= 0 {
		return "–"
	}
	return fmtDecimal(float64(int64(float64(v)/float64(plan)*1000+0.5))/10) + "%"
}

// Pct is pctText for the template.
func (p *RankingPage) Pct(v, plan int64) string { return pctText(v, plan) }

// Cells are a line's six figures as the page shows them.
func (p *Form01aPage) Cells(t investment.Totals) []string {
	return []string{fmtNum(t.AssignedByPM) + " đ", fmtNum(t.AllocatedLocally) + " đ", fmtNum(t.CumulativeActual) + " đ",
		pctText(t.CumulativeActual, t.AssignedByPM), pctText(t.CumulativeActual, t.AllocatedLocally), fmtNum(t.EstimateNext) + " đ"}
}

// SourceLabel names a source in the page's language.
func (p *Form01aPage) SourceLabel(s investment.Source) string { return s.Label(p.Lang) }
