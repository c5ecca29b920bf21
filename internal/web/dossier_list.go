package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// DossierListPage is a list of dossiers: the user's queue, a head's unit
// overview, a search, or the dossiers behind a statistic.
type DossierListPage struct {
	BasePage
	Kind     string // "queue", "unit", "search", "figure"
	Intro    string
	Sections []DossierSection
	Query    string
	Back     string // the statistics page a drill-down came from
	Action   string // where the filter form goes: /dossiers or /dossiers/handled
	Filter   *DossierFilterForm
	Pager    *DossierPager
}

// DossierSection is one table of the list page.
type DossierSection struct {
	ID, Title, Empty string
	Rows             []DossierRow
	Pager            *DossierPager // a paged list's total and links; nil for a short list shown whole
}

// Count is the number of dossiers of the section.
func (d DossierSection) Count() int { return len(d.Rows) }

// queueLimit bounds one queue; a desk with more open dossiers than this
// needs the search.
const queueLimit = 200

// myQueue is the open dossiers with the user, most urgent first; for a
// clerk also the dossiers waiting at their desk.
func (s *Server) myQueue(ctx context.Context, tree *org.Tree, sub *auth.Subject) ([]dossier.Summary, error) {
	list, err := s.deps.Store.FindDossiers(ctx, dossier.Filter{HandlerID: sub.PersonID, Open: true, Limit: queueLimit})
	if err != nil {
		return nil, err
	}
	if desk := deskOf(tree, sub, 0); desk != 0 {
		more, err := s.deps.Store.FindDossiers(ctx, dossier.Filter{UnitIDs: []int64{desk}, Open: true, Limit: queueLimit})
		if err != nil {
			return nil, err
		}
		list = mergeSummaries(list, more)
	}
	return list, nil
}

// awaitingReturn is the dossiers of the user's agency that are resolved
// (status 9) and wait at the desk for the result to be handed over, newest
// first. It read the newest 500 dossiers and kept the
// resolved ones, so a result waiting behind 500 newer dossiers was never
// listed; the status filter reads them all.
func (s *Server) awaitingReturn(ctx context.Context, agency int64) ([]dossier.Summary, error) {
	p, err := s.deps.Store.FindDossierPage(ctx, dossier.Filter{AgencyID: agency, Statuses: []dossier.Status{dossier.StatusResolved}, Limit: 500, SkipTotal: true})
	return p.Rows, err
}

// mergeSummaries adds to a the dossiers of b it lacks, keeping the order by due.
func mergeSummaries(a, b []dossier.Summary) []dossier.Summary {
	for _, x := range b {
		if !slices.ContainsFunc(a, func(y dossier.Summary) bool { return y.Code == x.Code }) {
			a = append(a, x)
		}
	}
	slices.SortStableFunc(a, func(x, y dossier.Summary) int { return x.StatutoryDue.Compare(y.StatutoryDue) })
	return a
}

func (s *Server) handleDossierQueue(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "queue.title")
	if err != nil {
		return err
	}
	can := func(a auth.Action) bool { return s.canSomewhere(b.User, b.tree, a) }
	if !can(dossier.PermIntake) && !can(dossier.PermHandle) && !can(dossier.PermView) {
		return s.authorizeSomewhere(&b, dossier.PermHandle)
	}
	agency := agencyOf(b.tree, b.User)
	list, err := s.myQueue(r.Context(), b.tree, b.User)
	if err != nil {
		return err
	}
	rows, err := s.dossierRows(r.Context(), b.Lang, agency, list)
	if err != nil {
		return err
	}
	p := &DossierListPage{BasePage: b, Kind: "queue", Intro: b.T("queue.intro"),
		Sections: []DossierSection{{ID: "queue", Title: b.T("queue.mine"), Empty: b.T("queue.empty"), Rows: rows}}}
	if can(dossier.PermIntake) {
		done, err := s.awaitingReturn(r.Context(), agency)
		if err != nil {
			return err
		}
		rows, err := s.dossierRows(r.Context(), b.Lang, agency, done)
		if err != nil {
			return err
		}
		p.Sections = append(p.Sections, DossierSection{ID: "return", Title: b.T("queue.return"), Empty: b.T("queue.return.empty"), Rows: rows})
	}
	return s.render(w, http.StatusOK, "dossier_list", p)
}

// unitRisk is the open dossiers of the units a head or director oversees,
// split into late and due soon.
func (s *Server) unitRisk(ctx context.Context, lang string, tree *org.Tree, sub *auth.Subject) (late, soon []DossierRow, err error) {
	units := leadUnits(sub)
	if len(units) == 0 {
		return nil, nil, nil
	}
	list, err := s.deps.Store.FindDossiers(ctx, dossier.Filter{UnitIDs: tree.AgencySubtree(units...), Open: true, Limit: 500})
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.dossierRows(ctx, lang, agencyOf(tree, sub), list)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		switch {
		case r.Late:
			late = append(late, r)
		case r.Soon:
			soon = append(soon, r)
		}
	}
	return late, soon, nil
}

func (s *Server) handleDossierUnit(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "unitq.title")
	if err != nil {
		return err
	}
	units := leadUnits(b.User)
	if len(units) == 0 {
		return forbidden("unitq.forbidden")
	}
	late, soon, err := s.unitRisk(r.Context(), b.Lang, b.tree, b.User)
	if err != nil {
		return err
	}
	names := ""
	for i, u := range units {
		if i > 0 {
			names += ", "
		}
		names += b.UnitName(u)
	}
	p := &DossierListPage{BasePage: b, Kind: "unit", Intro: b.T("unitq.intro", names), Sections: []DossierSection{
		{ID: "late", Title: b.T("unitq.late"), Empty: b.T("unitq.late.none"), Rows: late},
		{ID: "soon", Title: b.T("unitq.soon"), Empty: b.T("unitq.soon.none"), Rows: soon},
	}}
	return s.render(w, http.StatusOK, "dossier_list", p)
}

// handleDossierSearch is /dossiers: every dossier the user may view,
// newest first, searched (every word typed, in any order, without
// diacritics, over code, applicant name, ID number, phone and procedure)
// and filtered as the API's list is, a page of 50 at a time with the whole
// list's total. Staff who may read every dossier of the agency list all of
// it; others the dossiers answerable to their units.
func (s *Server) handleDossierSearch(w http.ResponseWriter, r *http.Request) error {
	return s.dossierListPage(w, r, "search.title", "/dossiers", false)
}

// handleDossierHandled is /dossiers/handled, "Hồ sơ tôi đã xử lý": the
// dossiers the user recorded an action on (received, forwarded, asked a
// supplement of, approved...), newest first, with the same filters.
func (s *Server) handleDossierHandled(w http.ResponseWriter, r *http.Request) error {
	return s.dossierListPage(w, r, "handled.title", "/dossiers/handled", true)
}

func (s *Server) dossierListPage(w http.ResponseWriter, r *http.Request, title, action string, handled bool) error {
	b, err := s.base(w, r, title)
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermView); err != nil {
		return err
	}
	f, form, err := s.dossierFilter(r, &b)
	if err != nil {
		return err
	}
	if handled {
		f.HandledBy = b.User.PersonID
	}
	// The total is counted with the first page and carried along in the
	// links to the next ones (total=), which only show it.
	f.SkipTotal = f.After != ""
	page, err := s.deps.Store.FindDossierPage(r.Context(), f)
	if err != nil {
		return err
	}
	if f.SkipTotal {
		t := r.URL.Query().Get("total")
		page.TotalCapped = strings.HasSuffix(t, "+")
		page.Total, _ = strconv.Atoi(strings.TrimSuffix(t, "+"))
	}
	rows, err := s.dossierRows(r.Context(), b.Lang, f.AgencyID, page.Rows)
	if err != nil {
		return err
	}
	if err := s.fillChoices(r, &b, &form); err != nil {
		return err
	}
	heading := b.T("search.latest")
	switch {
	case handled:
		heading = b.T("handled.heading")
	case form.Query != "":
		heading = b.T("search.results", form.Query)
	case form.Any():
		heading = b.T("lists.filtered")
	}
	pg := pager(r, action, page)
	p := &DossierListPage{BasePage: b, Kind: "search", Query: form.Query, Action: action, Filter: &form, Pager: &pg,
		Sections: []DossierSection{{ID: "results", Title: heading, Empty: b.T("search.none"), Rows: rows, Pager: &pg}}}
	if handled {
		p.Intro = b.T("handled.intro")
	}
	if r.Header.Get("HX-Request") == "true" {
		return s.renderPart(w, "dossier_list", "dossier-sections", p)
	}
	return s.render(w, http.StatusOK, "dossier_list", p)
}
