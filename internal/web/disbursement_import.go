package web

import (
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/report"
)

// Importing a month's disbursement from the template (NĐ 85/2025/NĐ-CP Art
// 49, TT 37/2025/TT-BTC): upload, a preview of every row with its errors
// (row, column, message), then — only when every row is right — a
// confirmation that records them all in one transaction. As with the task
// import (task_import.go), the preview carries the rows back signed, and
// the confirmation judges them again from scratch.

// disb is the store's disbursement side and the caller.
func (s *Server) disb(ctx context.Context) (httpx.DisbStore, httpx.DisbCaller, error) {
	ds, err := httpx.Disb(s.deps.Store)
	if err != nil {
		return nil, httpx.DisbCaller{}, err
	}
	c, err := httpx.NewDisbCaller(ctx, ds, s.deps.Policy)
	return ds, c, err
}

// DisbImportPage is the upload form, or the preview of a workbook.
type DisbImportPage struct {
	BasePage
	Error   string
	Rows    []DisbImportRow // the rows with errors, then the first right ones
	Total   int             // rows read
	Errors  int             // rows with errors
	Hidden  int             // right rows not shown
	Headers []string
	Data    string // the rows as JSON, for the confirmation
	Sig     string
}

// DisbImportRow is one row as the preview shows it.
type DisbImportRow struct {
	investment.ImportLine
	Source string
	Errors []ImportError
}

// previewShown is how many right rows the preview lists below the wrong ones.
const previewShown = 100

func (s *Server) disbImportPage(w http.ResponseWriter, r *http.Request, status int, p *DisbImportPage) error {
	b, err := s.base(w, r, "disb.import.title")
	if err != nil {
		return err
	}
	_, c, err := s.disb(r.Context())
	if err != nil {
		return err
	}
	if err := c.MayReport(); err != nil {
		return err
	}
	p.BasePage = b
	for _, col := range investment.ImportColumns {
		p.Headers = append(p.Headers, col.Head)
	}
	return s.render(w, status, "disbursement_import", p)
}

func (s *Server) handleDisbImportForm(w http.ResponseWriter, r *http.Request) error {
	return s.disbImportPage(w, r, http.StatusOK, &DisbImportPage{})
}

// handleDisbImportPreview reads an uploaded workbook and shows every row.
func (s *Server) handleDisbImportPreview(w http.ResponseWriter, r *http.Request) error {
	lang := httpx.Lang(r)
	file, _, err := r.FormFile("file")
	if err != nil {
		return s.disbImportPage(w, r, http.StatusBadRequest, &DisbImportPage{Error: T(lang, "disb.import.nofile")})
	}
	defer file.Close()
	cells, err := report.ReadTable(file, "")
	if err != nil {
		if e := apperr.As(err); e != nil {
			return s.disbImportPage(w, r, http.StatusBadRequest, &DisbImportPage{Error: e.Message(lang)})
		}
		return err
	}
	p, _, err := s.disbJudge(r, cells)
	if err != nil || p.Errors > 0 {
		return s.disbShow(w, r, p, err)
	}
	data, err := json.Marshal(cells)
	if err != nil {
		return err
	}
	p.Data = string(data)
	p.Sig = s.importSig(r, p.Data)
	return s.disbImportPage(w, r, http.StatusOK, p)
}

// disbShow shows a preview with errors (400), or a sheet-wide error.
func (s *Server) disbShow(w http.ResponseWriter, r *http.Request, p *DisbImportPage, err error) error {
	if err != nil {
		if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
			return s.disbImportPage(w, r, http.StatusBadRequest, &DisbImportPage{Error: e.Message(httpx.Lang(r))})
		}
		return err
	}
	return s.disbImportPage(w, r, http.StatusBadRequest, p)
}

// disbJudge reads and judges the rows: the cells, the duplicates within
// the file, then the batch as the store would record it. It returns the
// preview and the batch.
func (s *Server) disbJudge(r *http.Request, cells [][]string) (*DisbImportPage, []investment.FigureRow, error) {
	lang := httpx.Lang(r)
	lines, err := investment.ParseDisbursementSheet(cells)
	if err != nil {
		var se *investment.SheetError
		if errors.As(err, &se) {
			return nil, nil, apperr.New(apperr.Invalid, "file", se.VI, se.EN)
		}
		return nil, nil, err
	}
	bad := investment.MarkDuplicates(lines)
	rows := investment.FigureRows(lines)
	if len(rows) > 0 {
		ds, c, err := s.disb(r.Context())
		if err != nil {
			return nil, nil, err
		}
		err = ds.CheckDisbursements(r.Context(), c.Reporter(), rows)
		var be *investment.BatchError
		switch {
		case errors.As(err, &be):
			bad = investment.CellErrors(lines, be)
		case err != nil:
			return nil, nil, err
		}
	}
	p := &DisbImportPage{Total: len(lines), Errors: bad}
	var good []DisbImportRow
	for _, l := range lines {
		row := DisbImportRow{ImportLine: l, Source: l.Source.Label(lang)}
		for _, e := range l.Errors {
			msg := e.VI
			if lang == "en" {
				msg = e.EN
			}
			row.Errors = append(row.Errors, ImportError{Row: e.Row, Column: investment.ImportHead(e.Column), Message: msg})
		}
		if len(row.Errors) > 0 {
			p.Rows = append(p.Rows, row)
		} else if len(good) < previewShown {
			good = append(good, row)
		} else {
			p.Hidden++
		}
	}
	p.Rows = append(p.Rows, good...)
	return p, rows, nil
}

// handleDisbImportConfirm records the rows of a preview, all or none.
func (s *Server) handleDisbImportConfirm(w http.ResponseWriter, r *http.Request) error {
	if _, c, err := s.disb(r.Context()); err != nil {
		return err
	} else if err := c.MayReport(); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	data := r.PostForm.Get("rows")
	if !hmac.Equal([]byte(r.PostForm.Get("sig")), []byte(s.importSig(r, data))) {
		return invalid("rows", "tasks.import.badsig")
	}
	var cells [][]string
	if err := json.Unmarshal([]byte(data), &cells); err != nil {
		return invalid("rows", "tasks.import.badsig")
	}
	p, rows, err := s.disbJudge(r, cells)
	if err != nil || p.Errors > 0 {
		return s.disbShow(w, r, p, err) // something changed since the preview: show it again
	}
	ds, c, err := s.disb(r.Context())
	if err != nil {
		return err
	}
	figs, err := ds.RecordDisbursements(r.Context(), c.Reporter(), rows)
	var be *investment.BatchError
	if errors.As(err, &be) { // recorded by someone else in between
		p, _, err := s.disbJudge(r, cells)
		return s.disbShow(w, r, p, err)
	}
	if err != nil {
		return err
	}
	s.flash(w, "flash.disb.imported", strconv.Itoa(len(figs)))
	return redirect(w, r, "/investment/disbursements/import")
}

// handleDisbTemplate sends the import template, filled with the lines the
// caller reports (their investor's, or every line for the department's
// staff) for the month asked (last month by default), amounts left blank.
func (s *Server) handleDisbTemplate(w http.ResponseWriter, r *http.Request) error {
	ds, c, err := s.disb(r.Context())
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
	return sendXLSX(w, fmt.Sprintf("mau-giai-ngan-%04d-%02d.xlsx", p.Year, p.Month), buf.Bytes())
}

// XLSXType is the media type the file input accepts.
func (p *DisbImportPage) XLSXType() string { return xlsxType }
