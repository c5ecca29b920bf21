package api

import (
	"bytes"
	"net/http"

	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/report"
)

// handleDossierListXLSX is GET /api/v1/dossiers/export.xlsx: the list
// handleDossierList pages through, whole, with the same parameters and the
// same visibility, as a spreadsheet (at most report.MaxListExport rows; a
// longer list ends with a row that says so).
func (s *Server) handleDossierListXLSX(w http.ResponseWriter, r *http.Request) error {
	f, ok, err := s.dossierListFilter(r)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	var rows []dossier.Summary
	more := false
	for ok {
		f.Limit = 500
		p, err := s.deps.Store.FindDossierPage(r.Context(), f)
		if err != nil {
			return err
		}
		rows, f.SkipTotal = append(rows, p.Rows...), true
		if p.Next == "" {
			break
		}
		if len(rows) >= report.MaxListExport {
			rows, more = rows[:report.MaxListExport], true
			break
		}
		f.After = p.Next
	}
	unitName := func(id int64) string {
		if u, ok := t.Unit(id); ok {
			return u.Name
		}
		return ""
	}
	var buf bytes.Buffer
	if err := report.DossierList(&buf, httpx.Lang(r), rows, more, unitName); err != nil {
		return err
	}
	attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ho-so.xlsx")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}
