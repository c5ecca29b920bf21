package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/investment"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/review"
	"congvu/internal/work"
)

//go:embed templates/*.html
var templateFS embed.FS

// layoutFiles are parsed into every page: the frame and the shared pieces.
var layoutFiles = []string{"templates/layout.html", "templates/partials.html", "templates/cards.html", "templates/bell.html", "templates/files.html",
	"templates/appraisal.html", "templates/lessons_box.html"}

// parseTemplates parses each page template together with the layout, once,
// at start-up.
func parseTemplates(funcs template.FuncMap) (map[string]*template.Template, error) {
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, layoutFiles...)
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		if slices.Contains(layoutFiles, f) {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return pages, nil
}

// NavItem is one link of the navigation bar.
type NavItem struct {
	Href    string
	Label   string
	Current bool
	// Key is the link's keyboard shortcut (accesskey), shown beside it.
	Key string
	// Title is the link's tooltip: how to use its shortcut.
	Title string
	// Items are a group's pages (nav_groups.go); a group has no Href.
	Items []NavItem
}

// BasePage is what every page shows around its content: who is logged in,
// in which language, the CSRF token for its forms, the navigation their
// roles allow and a message left by the previous action.
type BasePage struct {
	Lang   string
	Title  string
	User   *auth.Subject
	CSRF   string
	Flash  string
	Nav    []NavItem
	Agency string // the name of the user's agency, for the header
	// Path is the page's own address, for the language switch to return to.
	Path string
	// Unread is the user's unread notifications, for the bell (bell.go).
	Unread int
	// Site is the site's counts, shown in the footer of the public pages
	// (news_public.go); nil elsewhere.
	Site *SiteStats
	tree *org.Tree
}

// T translates a catalogue key into the page's language.
func (b *BasePage) T(key string, args ...any) string { return T(b.Lang, key, args...) }

// UnitName names a unit (short of the whole path).
func (b *BasePage) UnitName(id int64) string {
	if b.tree == nil {
		return ""
	}
	if u, ok := b.tree.Unit(id); ok {
		return u.Name
	}
	return fmt.Sprintf("#%d", id)
}

// ParentName names a unit's parent, "" for a top-level unit; it tells
// apart units of the same name ("Văn phòng") in different agencies.
func (b *BasePage) ParentName(u org.Unit) string {
	if u.ParentID == nil {
		return ""
	}
	return b.UnitName(*u.ParentID)
}

// Other is the language the switch offers.
func (b *BasePage) Other() string {
	if b.Lang == "en" {
		return "vi"
	}
	return "en"
}

// base builds the BasePage of a request: it loads the organisation tree
// (for names and permissions), takes the flash message and builds the
// navigation for the user's roles.
func (s *Server) base(w http.ResponseWriter, r *http.Request, titleKey string) (BasePage, error) {
	b := BasePage{Lang: httpx.Lang(r), User: httpx.SubjectFrom(r.Context())}
	b.Title = b.T(titleKey)
	if r.Method == http.MethodGet {
		b.Path = r.URL.RequestURI()
	} else {
		b.Path = r.URL.Path
	}
	if sess := httpx.SessionFrom(r.Context()); sess != nil {
		b.CSRF = sess.CSRFToken
	}
	b.Flash = s.takeFlash(w, r, b.Lang)
	if b.User == nil {
		// The portal's pages: the news and the dossier lookup.
		b.Nav = s.publicNav(&b, r.URL.Path)
		return b, nil
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return b, err
	}
	b.tree = tree
	b.Agency = agencyName(tree, b.User)
	b.Nav = s.nav(r.Context(), &b, r.URL.Path)
	return b, nil
}

// agencyName is the nearest agency above the user's home unit.
func agencyName(t *org.Tree, u *auth.Subject) string {
	for _, unit := range t.Path(u.PrimaryUnit()) {
		if unit.Kind == org.KindAgency {
			return unit.Name
		}
	}
	if a, ok := t.Unit(u.AgencyID); ok {
		return a.Name
	}
	return ""
}

// nav lists the pages the user's roles open, marking the current one.
func (s *Server) nav(ctx context.Context, b *BasePage, current string) []NavItem {
	items := []NavItem{{Href: "/", Label: b.T("nav.home")}}
	can := func(a auth.Action) bool { return s.deps.Policy.Can(b.User, b.tree, a, auth.Resource{}) }
	// One-stop dossiers.
	somewhere := func(a auth.Action) bool { return s.canSomewhere(b.User, b.tree, a) }
	if somewhere(dossier.PermIntake) || somewhere(dossier.PermHandle) || somewhere(dossier.PermView) {
		items = append(items, NavItem{Href: "/dossiers/queue", Label: b.T("nav.dossiers")}, NavItem{Href: "/procedures", Label: b.T("nav.procedures")})
	}
	if somewhere(dossier.PermIntake) { // the desk's first task, one key away
		items = append(items, NavItem{Href: "/dossiers/new", Label: b.T("nav.intake"), Key: "N", Title: b.T("nav.shortcut", "N")})
	}
	if somewhere(dossier.PermStats) {
		items = append(items, NavItem{Href: "/dashboard", Label: b.T("nav.dashboard")}, NavItem{Href: "/stats/dossiers", Label: b.T("nav.stats")})
	}
	// Plans and tasks, and the inbox with its unread count (inbox.go).
	if somewhere(work.ViewTask) {
		items = append(items, NavItem{Href: "/tasks", Label: b.T("nav.tasks")}, NavItem{Href: "/plans", Label: b.T("nav.plans")})
	}
	// The public-investment register: the department's staff, and an
	// investor's staff for their own projects (investment.RegisterPolicy).
	if investment.MayViewRegister(s.deps.Policy, b.User, b.tree) {
		items = append(items, NavItem{Href: "/projects", Label: b.T("nav.projects")})
	}
	items = append(items, s.moneyNav(ctx, b)...)
	if can(auth.ViewOrg) { // every member of staff is evaluated
		items = append(items, NavItem{Href: "/evaluations", Label: b.T("nav.evaluations")})
	}
	if can(inspection.View) {
		items = append(items, NavItem{Href: "/inspections", Label: b.T("nav.inspections")})
	}
	if can(inspection.ViewLessons) {
		items = append(items, NavItem{Href: "/lessons", Label: b.T("nav.lessons")})
	}
	if somewhere(review.View) || somewhere(review.RecordViolation) {
		items = append(items, NavItem{Href: "/reviews", Label: b.T("nav.reviews")})
	} else if can(review.ManageChecklists) { // the administrator keeps the checklists
		items = append(items, NavItem{Href: "/checklists", Label: b.T("nav.checklists")})
	}
	if somewhere(news.PermWrite) {
		items = append(items, NavItem{Href: "/articles", Label: b.T("nav.articles")})
	}
	if can(news.PermStats) {
		items = append(items, NavItem{Href: "/articles/stats", Label: b.T("nav.portal_stats")})
	}
	// The organisation last, before the inbox: set up once, seldom opened.
	if can(auth.ViewOrg) { // everyone may delegate their own roles
		items = append(items, NavItem{Href: "/units", Label: b.T("nav.units")}, NavItem{Href: "/people", Label: b.T("nav.people")},
			NavItem{Href: "/delegations", Label: b.T("nav.delegations")})
	}
	if can(auth.ViewCalendar) {
		items = append(items, NavItem{Href: "/calendar", Label: b.T("nav.calendar")})
	}
	if can(auth.ViewAudit) {
		items = append(items, NavItem{Href: "/audit", Label: b.T("nav.audit")})
	}
	items = append(items, NavItem{Href: "/inbox", Label: s.inboxLabel(ctx, b)})
	exact := false // a page of its own in the menu (/articles/stats) is current alone, not with its parent's (/articles)
	for _, it := range items {
		exact = exact || it.Href == current
	}
	for i := range items {
		h := items[i].Href
		items[i].Current = current == h || !exact && h != "/" && strings.HasPrefix(current, h+"/")
	}
	return groupNav(items, func(k string) string { return b.T(k) })
}

// render executes a page into a buffer and only then writes it, so that a
// template error becomes an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, page any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", page); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
