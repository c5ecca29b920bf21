package web

import (
	"net/http"
	"slices"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// ProceduresPage is the catalogue of administrative procedures (danh mục
// thủ tục hành chính) the user's agency carries out, in the versions in
// force today, with a diacritic-insensitive search.
type ProceduresPage struct {
	BasePage
	Query      string
	Procedures []dossier.Procedure
	CanIntake  bool
}

// ProcLimit writes a procedure's processing time.
func (b *BasePage) ProcLimit(l calendar.Limit) string { return limitText(b.Lang, l) }

// ProcDays writes a step's budget in working days.
func (b *BasePage) ProcDays(v float64) string { return fmtDays(b.Lang, v) }

// Dong writes an amount in đồng.
func (b *BasePage) Dong(v int64) string { return money(v) }

func (s *Server) handleProcedures(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "proc.title")
	if err != nil {
		return err
	}
	agency := agencyOf(b.tree, b.User)
	if err := s.authorize(&b, auth.ViewOrg, agency); err != nil { // as the API's catalogue: the agency's staff
		return err
	}
	q := r.URL.Query().Get("q")
	p := &ProceduresPage{BasePage: b, Query: q,
		CanIntake: s.canSomewhere(b.User, b.tree, dossier.PermIntake)}
	if p.Procedures, err = s.deps.Store.FindProcedures(r.Context(), dossier.ProcedureFilter{AgencyID: agency, Query: q}); err != nil {
		return err
	}
	if r.Header.Get("HX-Request") == "true" {
		return s.renderPart(w, "procedures", "procedure-list", p)
	}
	return s.render(w, http.StatusOK, "procedures", p)
}

// ProcedurePage is one procedure with all its versions, the one in force
// today first.
type ProcedurePage struct {
	BasePage
	Current   dossier.Procedure
	Versions  []dossier.Procedure // newest first
	CanIntake bool
}

func (s *Server) handleProcedureView(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if !dossier.ValidProcedureCode(code) {
		return notFound()
	}
	b, err := s.base(w, r, "proc.title")
	if err != nil {
		return err
	}
	agency := agencyOf(b.tree, b.User)
	if err := s.authorize(&b, auth.ViewOrg, agency); err != nil {
		return err
	}
	versions, err := s.deps.Store.FindProcedureVersions(r.Context(), agency, code)
	if err != nil {
		return err
	}
	cur, err := dossier.PickVersion(versions, calendar.DateOf(s.deps.Now()))
	if apperr.CodeOf(err) == apperr.NotFound {
		cur, err = versions[0], nil // only future versions: show the first
	}
	if err != nil {
		return err
	}
	slices.Reverse(versions)
	b.Title = cur.Name
	return s.render(w, http.StatusOK, "procedure", &ProcedurePage{BasePage: b, Current: cur, Versions: versions,
		CanIntake: s.canSomewhere(b.User, b.tree, dossier.PermIntake)})
}
