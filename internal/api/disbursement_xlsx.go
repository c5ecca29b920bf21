package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/report"
)

// The disbursement workbooks (NĐ 85/2025/NĐ-CP Art 49, TT 37/2025/TT-BTC):
// the import template, the import itself (all or nothing, with a dry run
// that lists every wrong cell), the export of a month's figures with the
// stats' filters, the monthly report Biểu 01a/TTKHN as XLSX and PDF, the
// ranking of investors and the investors late with their report.

// disb is the store's disbursement side and the caller.
func (s *Server) disb(r *http.Request) (httpx.DisbStore, httpx.DisbCaller, error) {
	ds, err := httpx.Disb(s.deps.Store)
	if err != nil {
		return nil, httpx.DisbCaller{}, err
	}
	c, err := httpx.NewDisbCaller(r.Context(), ds, s.deps.Policy)
	return ds, c, err
}

// The investor's staff, whom the matrix's places do not hold (an investor
// is its own agency): tested in disbursement_xlsx_test.go.
const (
	disbInvestorReport = "also an investor's staff (role investor in their investor's own unit), for their own projects only; each row is checked on its project (CanReportProject)"
	disbInvestorView   = "also an investor's staff, for their own investor only (CanViewDisbursement)"
)

func (s *Server) disbursementXLSXRoutes() []route {
	month := []param{
		{"year", "integer", "the plan year; the year of last month when absent"},
		{"month", "integer", "the month reported, 1 to 12; last month when absent"},
	}
	filters := append(append([]param{}, month...),
		param{"investor", "integer", "only this investor's projects (an investor's staff: their own, by default)"},
		param{"source", "string", "only this capital source: central, provincial, commune, oda or other"},
		param{"project", "string", "only this project, by its code"})
	report := access.May("investment.report", "head deputy_head official: home").Note(disbInvestorReport)
	view := access.May("investment.view", "director deputy_director inspector admin head deputy_head official: home").Note(disbInvestorView)
	dept := access.May("investment.view", "director deputy_director inspector admin head deputy_head official: home").Note("the department's staff only, never an investor's")
	return []route{
		{Method: "GET", Pattern: "/api/v1/disbursements/template.xlsx", ID: "getDisbursementTemplate", Tag: "disbursement",
			Access: report, Query: month, Download: true, Status: http.StatusOK, Handle: s.handleDisbTemplate,
			Summary: "The monthly disbursement import template (XLSX): Vietnamese headers, a sheet of the capital sources; for an investor's staff, one row per project and source they owe for the month."},
		{Method: "POST", Pattern: "/api/v1/disbursements/import", ID: "importDisbursementsXLSX", Tag: "disbursement",
			Access: report, RawBody: xlsxType, Response: disbImportResponse{}, Status: http.StatusOK, Handle: s.handleDisbImport,
			Query: []param{{"dry_run", "boolean", "1 or true: check every row and record nothing"}},
			Summary: "Import a month's disbursement workbook (body: the .xlsx file, Content-Type " + xlsxType + ", at most 10 MiB), all or nothing, " +
				"each row judged as POST /api/v1/projects/{code}/disbursements judges one. With dry_run=1 nothing is recorded. " +
				"A wrong sheet is a 400 whose error.rows lists every wrong cell: {row, column, message}."},
		{Method: "GET", Pattern: "/api/v1/disbursements/export.xlsx", ID: "exportDisbursementsXLSX", Tag: "disbursement",
			Access: view, Query: filters, Download: true, Status: http.StatusOK, Handle: s.handleDisbExport,
			Summary: "A month's disbursement per project and source (XLSX) with the filters of GET /api/v1/stats/disbursement; its first six columns are the import's."},
		{Method: "GET", Pattern: "/api/v1/reports/disbursement/01a.xlsx", ID: "getForm01aXLSX", Tag: "disbursement",
			Access: view, Query: filters, Download: true, Status: http.StatusOK, Handle: s.handleForm01a("xlsx"),
			Summary: "The monthly report Biểu 01a/TTKHN (TT 37/2025/TT-BTC) as XLSX: per capital source and project, the year's two plans, the cumulative actual, the estimate and the rates. Its layout is not verified against the circular."},
		{Method: "GET", Pattern: "/api/v1/reports/disbursement/01a.pdf", ID: "getForm01aPDF", Tag: "disbursement",
			Access: view, Query: filters, Download: true, Status: http.StatusOK, Handle: s.handleForm01a("pdf"),
			Summary: "Biểu 01a/TTKHN as a PDF on A4 landscape (layout not verified against the circular)."},
		{Method: "GET", Pattern: "/api/v1/stats/disbursement/ranking", ID: "getInvestorRanking", Tag: "disbursement",
			Access: dept, Query: append(append([]param{}, month...), param{"by", "string", "pm or local (default): the plan the rate divides by"}),
			Response: []rankResponse{}, Status: http.StatusOK, Handle: s.handleRanking,
			Summary: "The register's investors ranked by cumulative disbursement rate at the end of the month against the plan chosen (the department's staff)."},
		{Method: "GET", Pattern: "/api/v1/stats/disbursement/late", ID: "listLateInvestors", Tag: "disbursement",
			Access: dept, Query: month, Response: []lateInvestorResponse{}, Status: http.StatusOK, Handle: s.handleDisbursementLate,
			Summary: "The investors that have not reported the month: a project and source with a plan and no figure. Late from 00:00 on the 15th of the next month (calendar days, Vietnam)."},
	}
}

// disbImportResponse says what an import did.
type disbImportResponse struct {
	Rows     int  `json:"rows" doc:"rows read"`
	Imported int  `json:"imported" doc:"figures recorded; 0 in a dry run"`
	DryRun   bool `json:"dry_run"`
}

// rankResponse is one investor of the ranking.
type rankResponse struct {
	Rank             int      `json:"rank" doc:"1 for the best; equal rates share a rank; 0 without a plan on the denominator"`
	InvestorID       int64    `json:"investor_id"`
	Name             string   `json:"name"`
	AssignedByPM     int64    `json:"assigned_by_pm"`
	AllocatedLocally int64    `json:"allocated_locally"`
	CumulativeActual int64    `json:"cumulative_actual"`
	RateVsPM         *float64 `json:"rate_vs_pm" doc:"a fraction, 0.4 for 40%; null without a plan"`
	RateVsLocal      *float64 `json:"rate_vs_local" doc:"a fraction; null without a plan"`
}

// lateInvestorResponse is an investor late with its report.
type lateInvestorResponse struct {
	InvestorID int64  `json:"investor_id"`
	Name       string `json:"name"`
	Missing    int    `json:"missing" doc:"figures (project × source) not reported"`
	Due        string `json:"due" api:"format=date-time" doc:"00:00 in Vietnam on the 15th of the next month"`
	Late       bool   `json:"late" doc:"the due instant has passed"`
}

func (s *Server) handleDisbTemplate(w http.ResponseWriter, r *http.Request) error {
	ds, c, err := s.disb(r)
	if err != nil {
		return err
	}
	if err := c.MayReport(); err != nil {
		return err
	}
	p, err := httpx.DisbPeriod(r.URL.Query(), s.deps.Now())
	if err != nil {
		return err
	}
	owed, err := c.Owed(r.Context(), ds, p)
	if err != nil {
		return err
	}
	rows := make([]report.TemplateRow, len(owed))
	for i, l := range owed {
		rows[i] = report.TemplateRow{Project: l.ProjectCode, Source: l.Source, Year: p.Year, Month: p.Month}
	}
	var buf bytes.Buffer
	if err := report.WriteDisbursementTemplate(&buf, rows); err != nil {
		return err
	}
	attachment(w, xlsxType, fmt.Sprintf("mau-giai-ngan-%04d-%02d.xlsx", p.Year, p.Month))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}

func (s *Server) handleDisbImport(w http.ResponseWriter, r *http.Request) error {
	ds, c, err := s.disb(r)
	if err != nil {
		return err
	}
	if err := c.MayReport(); err != nil {
		return err
	}
	dry := false
	switch v := r.URL.Query().Get("dry_run"); v {
	case "", "0", "false":
	case "1", "true":
		dry = true
	default:
		return apperr.Invalidf("dry_run", "dry_run chỉ nhận 1 hoặc 0, không phải %q", "dry_run takes 1 or 0, not %q", v)
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != xlsxType {
		return withStatus(http.StatusUnsupportedMediaType, apperr.Invalidf("Content-Type",
			"cần gửi tệp Excel với Content-Type %s", "send the workbook with Content-Type %s", xlsxType))
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWorkbook))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return withStatus(http.StatusRequestEntityTooLarge, apperr.Invalidf("body",
				"tệp quá lớn: tối đa %d byte", "the file is too large: at most %d bytes", maxWorkbook))
		}
		return apperr.Invalidf("body", "không đọc được tệp gửi lên", "cannot read the uploaded file")
	}
	cells, err := report.ReadTable(bytes.NewReader(body), "")
	if err != nil {
		return err
	}
	lines, err := investment.ParseDisbursementSheet(cells)
	if err != nil {
		var se *investment.SheetError
		if errors.As(err, &se) {
			return apperr.New(apperr.Invalid, "body", se.VI, se.EN)
		}
		return err
	}
	rep := c.Reporter()
	bad := investment.MarkDuplicates(lines)
	rows := investment.FigureRows(lines)
	if len(rows) > 0 {
		if dry || bad > 0 {
			err = ds.CheckDisbursements(r.Context(), rep, rows)
		} else {
			_, err = ds.RecordDisbursements(r.Context(), rep, rows)
		}
		var be *investment.BatchError
		switch {
		case errors.As(err, &be):
			bad = investment.CellErrors(lines, be)
		case err != nil:
			return err
		}
	}
	if bad > 0 {
		return writeJSON(w, http.StatusBadRequest, disbImportError(httpx.Lang(r), lines, bad))
	}
	out := disbImportResponse{Rows: len(lines), DryRun: dry}
	if !dry {
		out.Imported = len(lines)
	}
	return writeJSON(w, http.StatusOK, out)
}

// disbImportError is the 400 of an import with wrong rows, every wrong
// cell listed as the catalogue import lists them.
func disbImportError(lang string, lines []investment.ImportLine, bad int) catalogueErrorResponse {
	out := catalogueErrorResponse{Error: catalogueErrorDetail{errorDetail: errorDetail{Code: string(apperr.Invalid), Field: "body",
		Message: fmt.Sprintf("%d dòng có lỗi; chưa số liệu nào được ghi nhận", bad)}}}
	if lang == "en" {
		out.Error.Message = fmt.Sprintf("%d rows have errors; nothing was recorded", bad)
	}
	for _, l := range lines {
		for _, e := range l.Errors {
			msg := e.VI
			if lang == "en" {
				msg = e.EN
			}
			out.Error.Rows = append(out.Error.Rows, catalogueRowError{Row: e.Row, Column: e.Column, Message: msg})
		}
	}
	return out
}

// disbFiltered is the store, the caller and the filters they asked for.
func (s *Server) disbFiltered(r *http.Request) (httpx.DisbStore, httpx.DisbCaller, investment.StatsFilter, error) {
	ds, c, err := s.disb(r)
	if err != nil {
		return nil, c, investment.StatsFilter{}, err
	}
	f, err := c.DisbFilter(r.Context(), ds, r.URL.Query(), s.deps.Now())
	return ds, c, f, err
}

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
	attachment(w, xlsxType, fmt.Sprintf("giai-ngan-%04d-%02d.xlsx", f.Year, f.Month))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}

func (s *Server) handleForm01a(format string) handlerFunc {
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
		name := fmt.Sprintf("bieu-01a-%04d-%02d.%s", f.Year, f.Month, format)
		if format == "pdf" {
			err = report.WriteForm01aPDF(&buf, head, form)
			attachment(w, "application/pdf", name)
		} else {
			err = report.WriteForm01aXLSX(&buf, head, form)
			attachment(w, xlsxType, name)
		}
		if err != nil {
			w.Header().Del("Content-Disposition")
			return err
		}
		w.WriteHeader(http.StatusOK)
		_, err = w.Write(buf.Bytes())
		return err
	}
}

func (s *Server) handleRanking(w http.ResponseWriter, r *http.Request) error {
	ds, c, err := s.disb(r)
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
	var by investment.Denominator
	switch v := r.URL.Query().Get("by"); v {
	case "", "local", "pm":
		by = investment.ParseDenominator(v)
	default:
		return apperr.Invalidf("by", "by chỉ nhận pm hoặc local, không phải %q", "by takes pm or local, not %q", v)
	}
	ranks, err := ds.InvestorRanking(r.Context(), investment.StatsFilter{AgencyID: c.Register, Year: p.Year, Month: p.Month}, by)
	if err != nil {
		return err
	}
	out := make([]rankResponse, len(ranks))
	for i, k := range ranks {
		out[i] = rankResponse{Rank: k.Rank, InvestorID: k.InvestorID, Name: k.Name, AssignedByPM: k.AssignedByPM,
			AllocatedLocally: k.AllocatedLocally, CumulativeActual: k.CumulativeActual}
		if k.AssignedByPM > 0 {
			v := k.RateVsPM()
			out[i].RateVsPM = &v
		}
		if k.AllocatedLocally > 0 {
			v := k.RateVsLocal()
			out[i].RateVsLocal = &v
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleDisbursementLate(w http.ResponseWriter, r *http.Request) error {
	ds, c, err := s.disb(r)
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
	late, err := ds.LateInvestors(r.Context(), c.Register, p)
	if err != nil {
		return err
	}
	due := p.Due()
	out := make([]lateInvestorResponse, len(late))
	for i, l := range late {
		out[i] = lateInvestorResponse{InvestorID: l.InvestorID, Name: l.Name, Missing: l.Missing, Due: due.UTC().Format("2006-01-02T15:04:05Z"), Late: !s.deps.Now().Before(due)}
	}
	return writeJSON(w, http.StatusOK, out)
}
