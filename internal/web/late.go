package web

import (
	"context"
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// Who is late (ai đang trễ hạn): the director's, the inspector's and each
// head's view of the dossiers and tasks late now, per unit and per person,
// each person linked to their monthly figures. Who may see it: dossier.stats
// on the unit (directors, deputy directors and inspectors over their
// agency, heads and deputy heads over their unit), whose grants are within
// task.view's, so both halves are theirs to see. The units counted stop at
// the agency's boundary (org.Tree.AgencySubtree): a committee's view does
// not count its departments'.

// LateRow is one unit's or one person's late work.
type LateRow = httpx.LateRow

// LateBoard is the late work under one unit.
type LateBoard = httpx.LateBoard

// LatePage is the page /late.
type LatePage struct {
	BasePage
	Board LateBoard
	Units []UnitOption // units the user may choose
}

func (s *Server) handleLate(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "late.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermStats); err != nil {
		return err
	}
	unit, units := s.lateUnit(&b)
	if v := r.URL.Query().Get("unit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return invalid("unit", "late.err.unit")
		}
		if _, ok := b.tree.Unit(id); !ok {
			return apperr.New(apperr.NotFound, "unit", T("vi", "late.err.nounit"), T("en", "late.err.nounit"))
		}
		if err := s.deps.Policy.Authorize(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: id}); err != nil {
			return err
		}
		unit = id
	}
	board, err := s.lateBoard(r.Context(), &b, unit)
	if err != nil {
		return err
	}
	p := &LatePage{BasePage: b, Board: board, Units: units}
	p.Title = b.T("late.h1", b.UnitName(unit))
	return s.render(w, http.StatusOK, "late", p)
}

// lateUnit is the unit a user's view of late work starts at — the first of
// their own units (the division a head leads, the agency of a director)
// that they may see — and the units they may choose from.
func (s *Server) lateUnit(b *BasePage) (int64, []UnitOption) {
	var units []UnitOption
	for _, o := range unitOptions(b.tree) {
		if s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: o.ID}) {
			units = append(units, o)
		}
	}
	for _, g := range b.User.Grants {
		if s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: g.UnitID}) {
			if u, ok := b.tree.Unit(g.UnitID); ok && u.Current() {
				return g.UnitID, units
			}
		}
	}
	if len(units) > 0 {
		return units[0].ID, units
	}
	return 0, units
}

// lateBoard counts the late work of unit and the units below it in its agency.
func (s *Server) lateBoard(ctx context.Context, b *BasePage, unit int64) (LateBoard, error) {
	return s.deps.LateBoard(ctx, b.tree, unit)
}

// LateCard is the home card of those who may see late work: the totals
// under their unit and the few units and people most late.
type LateCard struct {
	LateBoard
	More bool // there are more rows than the card shows
}

// lateCardRows is how many units and people the card lists.
const lateCardRows = 5

func lateCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermStats) {
		return nil, nil
	}
	if !h.sub.Has(org.RoleDirector) && !h.sub.Has(org.RoleDeputyDirector) && !h.sub.Has(org.RoleInspector) &&
		!h.sub.Has(org.RoleHead) && !h.sub.Has(org.RoleDeputyHead) {
		return nil, nil
	}
	unit, _ := h.s.lateUnit(h.b)
	if unit == 0 {
		return nil, nil
	}
	board, err := h.s.lateBoard(ctx, h.b, unit)
	if err != nil {
		return nil, err
	}
	c := LateCard{LateBoard: board, More: len(board.Units) > lateCardRows || len(board.People) > lateCardRows}
	c.Units = c.Units[:min(len(c.Units), lateCardRows)]
	c.People = c.People[:min(len(c.People), lateCardRows)]
	return &Card{Name: "late", Title: h.b.T("late.card", h.b.UnitName(unit)), Wide: true, Data: c}, nil
}
