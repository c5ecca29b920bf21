// Package web is congvu's server-rendered HTML interface: the login page,
// the home page of each role, and the administration of the organisation
// (units and their restructurings, people, memberships, accounts,
// delegations) and of the audit journal.
//
// Pages are html/template files embedded in the binary and parsed at
// start-up, rendered from typed page structs that embed BasePage, into a
// buffer first so that a failing template never sends half a page. Every
// handler returns an error, turned into a page in one place (errors.go).
// Every string a user reads comes from the catalogue in i18n.go, in
// Vietnamese (the default) and English. Static files (one stylesheet and
// htmx) are served from the binary; the Content-Security-Policy forbids
// inline scripts and styles, so there are none.
package web

import (
	"context"
	"fmt"
	"html/template"
	"sync"
	"sync/atomic"

	"congvu/internal/audit"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// adminStore is what the administration pages need beyond httpx.Store;
// *store.DB implements it (internal/store/admin.go).
type adminStore interface {
	CreateUser(ctx context.Context, actor audit.Actor, p org.NewPerson, m org.NewMembership, login, password string) (org.Person, error)
	PersonMemberships(ctx context.Context, personID int64) ([]org.Membership, error)
	CountPeople(ctx context.Context, onlyActive bool) (int, error)
	FindRestructurings(ctx context.Context) ([]org.Restructuring, error)
	VerifyAuditAgainst(ctx context.Context, cps []audit.Checkpoint) (int64, error)
}

// Server serves the HTML pages.
type Server struct {
	// bodies caches the articles' rendered bodies (news_public.go).
	bodies sync.Map
	// kept is what the public news pages read, rendered (news_cache.go).
	kept  sync.Map
	keptN atomic.Int64 // about how many are kept (publicKeptMax)
	// countOff serves the public pages without counting: only the
	// benchmark's baseline sets it.
	countOff bool
	deps     httpx.Deps
	admin    adminStore
	pages    map[string]*template.Template
	static   staticFiles
	login    *httpx.RateLimiter
	cards    []cardFunc
}

// New builds the web server, parsing every template; a template error is
// reported here, at start-up, not on the first request.
func New(d httpx.Deps) (*Server, error) {
	admin, ok := d.Store.(adminStore)
	if !ok {
		return nil, fmt.Errorf("web: the store (%T) lacks the administration queries", d.Store)
	}
	st, err := loadStatic()
	if err != nil {
		return nil, err
	}
	s := &Server{
		deps:   d,
		admin:  admin,
		static: st,
		// Twenty login attempts per minute per address (an office behind one
		// NAT address logs in together at eight), on top of the
		// login and per-address throttles kept in the database (auth.LoginThrottle):
		// enough for a mistyping human, not for a script.
		login: httpx.NewRateLimiter(20, 20),
	}
	if s.deps.Now == nil {
		s.deps.Now = timeNow
	}
	s.deps.NewsCounter() // one counter for the server's life, before any request
	if s.deps.Filings == nil {
		s.deps.Filings = httpx.NewFilingLimiter()
	}
	if s.deps.Challenges == nil {
		s.deps.Challenges = httpx.NewChallenger(nil, s.deps.Now)
	}
	s.cards = defaultCards()
	if s.pages, err = parseTemplates(s.funcs()); err != nil {
		return nil, err
	}
	return s, nil
}
