package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

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

// The queue pages list every dossier of their sections, a page of 50 at a
// time with each section's total (counted up to dossier.TotalCap, then "hơn
// 1.000"); they stopped silently at 200 and 500 rows (issue #12). Each
// section pages on its own: its cursor and total ride in the link as
// after_<section> and total_<section>.

// queueFilters are the lists of the user's queue: the open dossiers with
// them and, for a clerk, those waiting at their desk, most urgent first.
func (s *Server) queueFilters(tree *org.Tree, sub *auth.Subject, now time.Time) []dossier.Filter {
	agency := agencyOf(tree, sub)
	fs := []dossier.Filter{{AgencyID: agency, HandlerID: sub.PersonID, Open: true, Now: now}}
	if desk := deskOf(tree, sub, 0); desk != 0 {
		fs = append(fs, dossier.Filter{AgencyID: agency, UnitIDs: []int64{desk}, Open: true, Now: now})
	}
	return fs
}

// returnFilter is the dossiers of the user's agency that are resolved
// (status 9) and wait at the desk for the result to be handed over, newest
// first.
func returnFilter(agency int64) dossier.Filter {
	return dossier.Filter{AgencyID: agency, Statuses: []dossier.Status{dossier.StatusResolved}}
}

// unitFilters are the late and the due-soon open dossiers now with the
// units a head or director oversees (the agency's, for who leads it).
func unitFilters(tree *org.Tree, sub *auth.Subject, now time.Time) (late, soon dossier.Filter) {
	agency := agencyOf(tree, sub)
	units := tree.AgencySubtree(leadUnits(sub)...)
	if slices.Contains(leadUnits(sub), agency) {
		units = nil // the whole agency: one index range, not one per unit
	}
	late = dossier.Filter{AgencyID: agency, UnitIDs: units, Overdue: true, Now: now}
	soon = dossier.Filter{AgencyID: agency, UnitIDs: units, DueSoon: true, Now: now}
	return late, soon
}

// queueSection reads one page of a section (its cursor after_<id>, its
// total counted with the first page and carried in total_<id> after).
func (s *Server) queueSection(r *http.Request, b *BasePage, base, id, title, empty string, read func(after string, skipTotal bool) (dossier.Page, error)) (DossierSection, error) {
	q := r.URL.Query()
	after := q.Get("after_" + id)
	page, err := read(after, after != "")
	if err != nil {
		return DossierSection{}, err
	}
	if after != "" {
		t := q.Get("total_" + id)
		page.TotalCapped = strings.HasSuffix(t, "+")
		page.Total, _ = strconv.Atoi(strings.TrimSuffix(t, "+"))
	}
	rows, err := s.dossierRows(r.Context(), b.Lang, agencyOf(b.tree, b.User), page.Rows)
	if err != nil {
		return DossierSection{}, err
	}
	pg := sectionPager(r, base, id, page)
	return DossierSection{ID: id, Title: title, Empty: empty, Rows: rows, Pager: &pg}, nil
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
	ctx := r.Context()
	fs := s.queueFilters(b.tree, b.User, s.deps.Now())
	mine, err := s.queueSection(r, &b, "/dossiers/queue", "queue", b.T("queue.mine"), b.T("queue.empty"), func(after string, skip bool) (dossier.Page, error) {
		return s.deps.Store.FindDossierQueue(ctx, fs, after, 50, skip)
	})
	if err != nil {
		return err
	}
	p := &DossierListPage{BasePage: b, Kind: "queue", Intro: b.T("queue.intro"), Sections: []DossierSection{mine}}
	if can(dossier.PermIntake) {
		// The online filings waiting at the desk (filing_queue.go), first:
		// the applicant's clock has not started until the desk accepts.
		online, err := s.onlineSection(r, &b)
		if err != nil {
			return err
		}
		p.Sections = append([]DossierSection{online}, p.Sections...)
		f := returnFilter(agencyOf(b.tree, b.User))
		done, err := s.queueSection(r, &b, "/dossiers/queue", "return", b.T("queue.return"), b.T("queue.return.empty"), func(after string, skip bool) (dossier.Page, error) {
			f.After, f.SkipTotal = after, skip
			return s.deps.Store.FindDossierPage(ctx, f)
		})
		if err != nil {
			return err
		}
		p.Sections = append(p.Sections, done)
	}
	return s.render(w, http.StatusOK, "dossier_list", p)
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
	names := ""
	for i, u := range units {
		if i > 0 {
			names += ", "
		}
		names += b.UnitName(u)
	}
	late, soon := unitFilters(b.tree, b.User, s.deps.Now())
	p := &DossierListPage{BasePage: b, Kind: "unit", Intro: b.T("unitq.intro", names)}
	for _, sec := range []struct {
		id, title, empty string
		f                dossier.Filter
	}{{"late", b.T("unitq.late"), b.T("unitq.late.none"), late}, {"soon", b.T("unitq.soon"), b.T("unitq.soon.none"), soon}} {
		part, err := s.queueSection(r, &b, "/dossiers/unit", sec.id, sec.title, sec.empty, func(after string, skip bool) (dossier.Page, error) {
			f := sec.f
			f.After, f.SkipTotal = after, skip
			return s.deps.Store.FindDossierPage(r.Context(), f)
		})
		if err != nil {
			return err
		}
		p.Sections = append(p.Sections, part)
	}
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
