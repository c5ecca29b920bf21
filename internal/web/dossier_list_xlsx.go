package web

import (
	"bytes"
	"net/http"

	"congvu/internal/dossier"
	"congvu/internal/report"
)

// handleDossierListXLSX is /dossiers/export.xlsx: the list the same query
// shows on /dossiers (or, with list=handled, on /dossiers/handled), whole,
// as a workbook: at most report.MaxListExport dossiers, a longer list
// ending with a row that says so.
func (s *Server) handleDossierListXLSX(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "search.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermView); err != nil {
		return err
	}
	f, _, err := s.dossierFilter(r, &b)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("list") == "handled" {
		f.HandledBy = b.User.PersonID
	}
	f.After, f.Limit, f.SkipTotal = "", 500, true
	var rows []dossier.Summary
	more := false
	for {
		p, err := s.deps.Store.FindDossierPage(r.Context(), f)
		if err != nil {
			return err
		}
		rows = append(rows, p.Rows...)
		if p.Next == "" {
			break
		}
		if len(rows) >= report.MaxListExport {
			rows, more = rows[:report.MaxListExport], true
			break
		}
		f.After = p.Next
	}
	var buf bytes.Buffer
	unitName := func(id int64) string {
		if id == 0 {
			return ""
		}
		return b.UnitName(id)
	}
	if err := report.DossierList(&buf, b.Lang, rows, more, unitName); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="ho-so.xlsx"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}
