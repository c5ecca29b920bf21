package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// Card is one block of the home page. A later module adds its own by
// appending a cardFunc to defaultCards and defining the template
// "card-<Name>" in templates/cards.html.
type Card struct {
	Name  string // the template "card-<Name>" draws it
	Title string
	Wide  bool
	Data  any
	Page  *BasePage // for translations and names inside the card
}

// cardFunc returns the card a user should see, or nil when it is not for them.
type cardFunc func(ctx context.Context, h *homeCtx) (*Card, error)

// homeCtx is what a card is built from.
type homeCtx struct {
	s   *Server
	b   *BasePage
	sub *auth.Subject
	now time.Time
}

func (h *homeCtx) can(a auth.Action) bool {
	return h.s.deps.Policy.Can(h.sub, h.b.tree, a, auth.Resource{})
}

// defaultCards are the foundation's cards, in the order they appear.
func defaultCards() []cardFunc {
	return []cardFunc{profileCard, tasksCard, queueCard, unitDossiersCard, overviewCard, lateCard, divisionCard, journalCard, adminCard}
}

// HomePage is the page after login.
type HomePage struct {
	BasePage
	Cards []*Card
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "home.title")
	if err != nil {
		return err
	}
	p := &HomePage{BasePage: b}
	h := &homeCtx{s: s, b: &p.BasePage, sub: b.User, now: s.deps.Now()}
	for _, f := range s.cards {
		c, err := f(r.Context(), h)
		if err != nil {
			return err
		}
		if c != nil {
			c.Page = &p.BasePage
			p.Cards = append(p.Cards, c)
		}
	}
	return s.render(w, http.StatusOK, "home", p)
}

// renderCard is the template function "card": it draws a card with its
// own template, chosen by name.
func (s *Server) renderCard(c *Card) (template.HTML, error) {
	var buf bytes.Buffer
	if err := s.pages["home"].ExecuteTemplate(&buf, "card-"+c.Name, c); err != nil {
		return "", fmt.Errorf("card %s: %w", c.Name, err)
	}
	return template.HTML(buf.String()), nil
}

// Acting is a delegation the user acts under: "Đang quyền Giám đốc thay ...".
type Acting struct {
	Roles string
	From  string
	Until time.Time
}

// Profile is the user's own card: name, roles in units, acting powers.
type Profile struct {
	Person org.Person
	Acting []Acting
}

func profileCard(ctx context.Context, h *homeCtx) (*Card, error) {
	st := h.s.deps.Store
	p, err := st.FindPersonByID(ctx, h.sub.PersonID)
	if err != nil {
		return nil, err
	}
	dels, err := st.ActiveDelegationsTo(ctx, h.sub.PersonID)
	if err != nil {
		return nil, err
	}
	prof := Profile{Person: p}
	for _, d := range dels {
		from, err := st.FindPersonByID(ctx, d.FromPersonID)
		if err != nil {
			return nil, err
		}
		roles := ""
		for _, m := range from.Memberships {
			if roles != "" {
				roles += ", "
			}
			roles += m.Role.Label(h.b.Lang)
		}
		prof.Acting = append(prof.Acting, Acting{Roles: roles, From: from.FullName, Until: d.EndsAt})
	}
	return &Card{Name: "profile", Title: h.b.T("home.profile"), Data: prof}, nil
}

// Overview is the director's view of the agency.
type Overview struct {
	Units, Staff int
	Recent       []audit.Event
	Rows         []AuditRow // Recent in words (audit_view.go)
}

func overviewCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if !h.sub.Has(org.RoleDirector) && !h.sub.Has(org.RoleDeputyDirector) {
		return nil, nil
	}
	var o Overview
	for _, u := range h.b.tree.Units() {
		if u.Current() {
			o.Units++
		}
	}
	var err error
	if o.Staff, err = h.s.admin.CountPeople(ctx, true); err != nil {
		return nil, err
	}
	if h.can(auth.ViewAudit) {
		f := audit.Filter{Limit: 8, AgencyIDs: h.b.tree.Lineage(agencyOf(h.b.tree, h.b.User))}
		if o.Recent, err = h.s.deps.Store.FindAuditEvents(ctx, f); err != nil {
			return nil, err
		}
		o.Rows = h.s.auditRows(ctx, h.b, o.Recent, f.AgencyIDs)
	}
	return &Card{Name: "overview", Title: h.b.T("home.overview"), Wide: true, Data: o}, nil
}

// Division is a head's view of their division's staff.
type Division struct {
	UnitID int64
	People []org.Person
}

func divisionCard(ctx context.Context, h *homeCtx) (*Card, error) {
	var unit int64
	for _, g := range h.sub.Grants {
		if g.ViaPersonID == 0 && (g.Role == org.RoleHead || g.Role == org.RoleDeputyHead) {
			unit = g.UnitID
			break
		}
	}
	if unit == 0 {
		return nil, nil
	}
	people, err := h.s.deps.Store.FindPeople(ctx, org.PersonFilter{UnitID: &unit, Subtree: true, OnlyActive: true, Limit: 200})
	if err != nil {
		return nil, err
	}
	return &Card{Name: "division", Title: h.b.T("home.division", h.b.UnitName(unit)), Wide: true, Data: Division{UnitID: unit, People: people}}, nil
}

func journalCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if !h.sub.Has(org.RoleInspector) || !h.can(auth.ViewAudit) {
		return nil, nil
	}
	return &Card{Name: "journal", Title: h.b.T("home.journal")}, nil
}

func adminCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if !h.can(auth.ManageOrg) && !h.can(auth.ManageAccounts) {
		return nil, nil
	}
	return &Card{Name: "admin", Title: h.b.T("home.admin")}, nil
}
