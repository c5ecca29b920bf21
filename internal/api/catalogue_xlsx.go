package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/store"
)

// The procedure catalogue as an Excel workbook: exported for editing,
// imported back as new versions (store.CatalogueSheet documents the
// columns). An import is all or nothing; a wrong sheet is answered 400 with
// every wrong cell listed under error.rows.

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// maxWorkbook is the largest workbook accepted (10 MiB: a catalogue of a
// few hundred procedures takes well under 1 MiB).
const maxWorkbook = 10 << 20

func (s *Server) catalogueRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/procedures.xlsx", ID: "exportProceduresXLSX", Tag: "procedures",
			Access:  access.May("org.view", "staff: home").Note("the caller's agency's catalogue"),
			Summary: "Every version of the caller's agency's procedures as an XLSX attachment, one row per version (ViewOrg on the agency).",
			Status:  http.StatusOK, Handle: s.handleCatalogueExport},
		{Method: "POST", Pattern: "/api/v1/procedures/import", ID: "importProceduresXLSX", Tag: "procedures",
			Access: access.May("org.manage", "admin: home"),
			Summary: "Import a catalogue workbook (body: the .xlsx file, Content-Type " + xlsxType + ", at most 10 MiB) as new versions, " +
				"all or nothing (ManageOrg on the agency). A wrong sheet is a 400 whose error.rows lists every wrong cell: {row, column, message}.",
			Response: catalogueImportResponse{}, Status: http.StatusOK, RawBody: xlsxType, Handle: s.handleCatalogueImport},
	}
}

// catalogueImportResponse says how many versions were created.
type catalogueImportResponse struct {
	Imported int `json:"imported"`
}

// catalogueErrorResponse is the 400 of an import with wrong rows: the usual
// error, plus the rows.
type catalogueErrorResponse struct {
	Error catalogueErrorDetail `json:"error"`
}

type catalogueErrorDetail struct {
	errorDetail
	Rows []catalogueRowError `json:"rows"`
}

// catalogueRowError is one wrong cell.
type catalogueRowError struct {
	Row     int    `json:"row" doc:"the sheet's row number; the header is row 1"`
	Column  string `json:"column" doc:"code, name, field, level, limit, unit, after_15h, fee, effective_from, documents or steps"`
	Message string `json:"message"`
}

// catalogueStore is the part of *store.DB the catalogue workbook needs.
type catalogueStore interface {
	ExportCatalogueXLSX(ctx context.Context, agencyID int64, w io.Writer) (int, error)
	ImportCatalogueXLSX(ctx context.Context, actor audit.Actor, agencyID int64, r io.Reader) (int, error)
}

func (s *Server) catalogueStore() (catalogueStore, error) {
	cs, ok := s.deps.Store.(catalogueStore)
	if !ok {
		return nil, errors.New("api: the store cannot import or export the catalogue")
	}
	return cs, nil
}

// catalogueAgency authorises an action on the caller's own agency and returns it.
func (s *Server) catalogueAgency(r *http.Request, a auth.Action) (int64, error) {
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return 0, err
	}
	u, ok := t.Unit(subj.PrimaryUnit())
	if !ok {
		return 0, apperr.Forbiddenf("Bạn chưa thuộc đơn vị nào", "You belong to no unit")
	}
	return u.AgencyID, s.authorize(subj, t, a, u.AgencyID)
}

func (s *Server) handleCatalogueExport(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.catalogueAgency(r, auth.ViewOrg)
	if err != nil {
		return err
	}
	cs, err := s.catalogueStore()
	if err != nil {
		return err
	}
	// Built first, so that a failure is still a JSON error.
	var buf bytes.Buffer
	if _, err := cs.ExportCatalogueXLSX(r.Context(), agency, &buf); err != nil {
		return err
	}
	attachment(w, xlsxType, "danh-muc-thu-tuc.xlsx")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
	return nil
}

func (s *Server) handleCatalogueImport(w http.ResponseWriter, r *http.Request) error {
	agency, err := s.catalogueAgency(r, auth.ManageOrg)
	if err != nil {
		return err
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
	cs, err := s.catalogueStore()
	if err != nil {
		return err
	}
	n, err := cs.ImportCatalogueXLSX(r.Context(), actorOf(subjectOf(r)), agency, bytes.NewReader(body))
	var ce *store.CatalogueError
	if errors.As(err, &ce) {
		lang := httpx.Lang(r)
		e := apperr.As(err)
		out := catalogueErrorResponse{Error: catalogueErrorDetail{
			errorDetail: errorDetail{Code: string(e.Code), Message: e.Message(lang), Field: e.Field},
			Rows:        make([]catalogueRowError, len(ce.Rows))}}
		for i, row := range ce.Rows {
			msg := row.VI
			if lang == "en" {
				msg = row.EN
			}
			out.Error.Rows[i] = catalogueRowError{Row: row.Row, Column: row.Column, Message: msg}
		}
		return writeJSON(w, http.StatusBadRequest, out)
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, catalogueImportResponse{Imported: n})
}
