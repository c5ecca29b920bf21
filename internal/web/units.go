package web

import (
	"net/http"
	"slices"
	"sort"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// UnitNode is a current unit with its current children, for the tree.
type UnitNode struct {
	Unit     org.Unit
	Children []*UnitNode
}

// UnitsPage shows the organisation: the current tree, ended units with
// their successors, and the restructurings that ended them.
type UnitsPage struct {
	BasePage
	Rows           []UnitRow
	Ended          []org.Unit
	Restructurings []org.Restructuring
	CanManage      bool
	late           func(unit int64) bool
}

// SeesLate reports whether the user may see who is late in unit (and its
// people's figures from there).
func (p *UnitsPage) SeesLate(unit int64) bool { return p.late != nil && p.late(unit) }

// UnitOption is a unit in a select box, indented by depth.
type UnitOption struct {
	ID    int64
	Label string
}

// KindOption is a unit kind in a select box.
type KindOption struct {
	Value org.UnitKind
	Label string
}

// actor is who the journal records for the request's user.
func actor(sub *auth.Subject) audit.Actor {
	return audit.Actor{PersonID: sub.PersonID, Name: sub.Name, AgencyID: sub.AgencyID}
}

// authorize checks an action for the request's user against the page's tree.
func (s *Server) authorize(b *BasePage, a auth.Action, unitID int64) error {
	return s.deps.Policy.Authorize(b.User, b.tree, a, auth.Resource{UnitID: unitID})
}

func (s *Server) handleUnits(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "units.title")
	if err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ViewOrg, agencyOf(b.tree, b.User)); err != nil {
		return err
	}
	// The organisation chart is the user's agency's, as the API's list is
	// (issue #11): another agency's units, even those under the user's
	// own, are not shown.
	sees := func(id int64) bool {
		return s.deps.Policy.Can(b.User, b.tree, auth.ViewOrg, auth.Resource{UnitID: id})
	}
	p := &UnitsPage{BasePage: b, CanManage: s.deps.Policy.Can(b.User, b.tree, auth.ManageOrg, auth.Resource{})}
	p.late = func(unit int64) bool {
		return s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: unit})
	}
	for _, row := range unitRows(b.tree) {
		if sees(row.Unit.ID) {
			p.Rows = append(p.Rows, row)
		}
	}
	for _, u := range b.tree.Units() {
		if !u.Current() && sees(u.ID) {
			p.Ended = append(p.Ended, u)
		}
	}
	sort.Slice(p.Ended, func(i, j int) bool {
		if *p.Ended[i].ValidTo != *p.Ended[j].ValidTo {
			return *p.Ended[i].ValidTo > *p.Ended[j].ValidTo
		}
		return p.Ended[i].ID < p.Ended[j].ID
	})
	all, err := s.admin.FindRestructurings(r.Context())
	if err != nil {
		return err
	}
	for _, rs := range all {
		if slices.ContainsFunc(rs.Sources, sees) || slices.ContainsFunc(rs.Into, sees) {
			p.Restructurings = append(p.Restructurings, rs)
		}
	}
	return s.render(w, http.StatusOK, "units", p)
}

// currentTree arranges the current units under their current parents.
func currentTree(t *org.Tree) []*UnitNode {
	var build func(id int64) *UnitNode
	build = func(id int64) *UnitNode {
		u, _ := t.Unit(id)
		n := &UnitNode{Unit: u}
		for _, c := range sortedIDs(t.Children(id)) {
			if cu, ok := t.Unit(c); ok && cu.Current() {
				n.Children = append(n.Children, build(c))
			}
		}
		return n
	}
	var roots []*UnitNode
	var ids []int64
	for _, u := range t.Units() {
		if !u.Current() {
			continue
		}
		if u.ParentID == nil {
			ids = append(ids, u.ID)
		} else if p, ok := t.Unit(*u.ParentID); !ok || !p.Current() {
			ids = append(ids, u.ID)
		}
	}
	for _, id := range sortedIDs(ids) {
		roots = append(roots, build(id))
	}
	return roots
}

func sortedIDs(ids []int64) []int64 {
	out := append([]int64(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// UnitRow is a current unit at its depth in the tree, for a flat listing.
type UnitRow struct {
	Unit  org.Unit
	Depth int
}

// unitRows lists the current units depth first.
func unitRows(t *org.Tree) []UnitRow {
	var out []UnitRow
	var walk func(n *UnitNode, depth int)
	walk = func(n *UnitNode, depth int) {
		out = append(out, UnitRow{Unit: n.Unit, Depth: min(depth, 6)})
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	for _, r := range currentTree(t) {
		walk(r, 0)
	}
	return out
}

// unitOptions lists the current units depth first, indented.
func unitOptions(t *org.Tree) []UnitOption {
	rows := unitRows(t)
	out := make([]UnitOption, len(rows))
	for i, r := range rows {
		label := r.Unit.Name
		if r.Unit.Code != "" {
			label += " (" + r.Unit.Code + ")"
		}
		out[i] = UnitOption{ID: r.Unit.ID, Label: strings.Repeat("\u00a0\u00a0\u00a0", r.Depth) + label}
	}
	return out
}

func kindOptions(lang string) []KindOption {
	var out []KindOption
	for _, k := range []org.UnitKind{org.KindDivision, org.KindDesk, org.KindCenter, org.KindAgency} {
		out = append(out, KindOption{Value: k, Label: k.Label(lang)})
	}
	return out
}

// UnitFormPage is the form to create a unit.
type UnitFormPage struct {
	BasePage
	Form  *Form
	Units []UnitOption
	Kinds []KindOption
}

var unitFields = []string{"parent_id", "kind", "code", "name", "short_name", "valid_from"}

func (s *Server) unitForm(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "unit.new.title")
	if err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ManageOrg, 0); err != nil {
		return err
	}
	return s.render(w, status, "unit_new", &UnitFormPage{BasePage: b, Form: f, Units: agencyUnitOptions(b.tree, b.User), Kinds: kindOptions(b.Lang)})
}

func (s *Server) handleUnitNew(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, unitFields...)
	f.Values.Set("valid_from", todayISO(s.deps.Now()))
	f.Values.Set("kind", string(org.KindDivision))
	if p := r.URL.Query().Get("parent"); p != "" {
		f.Values.Set("parent_id", p)
	}
	return s.unitForm(w, r, http.StatusOK, f)
}

func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, unitFields...)
	n := org.NewUnit{Kind: org.UnitKind(f.Get("kind")), Code: f.Get("code"), Name: f.Get("name"),
		ShortName: f.Get("short_name"), ValidFrom: f.Get("valid_from")}
	var parent int64
	if f.Get("parent_id") != "" {
		id, err := f.Int64("parent_id")
		if err != nil {
			f.SetError(err, httpx.Lang(r))
			return s.unitForm(w, r, http.StatusBadRequest, f)
		}
		n.ParentID, parent = &id, id
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	if parent == 0 {
		// A unit without a parent is a new top-level agency: no agency's
		// administrator holds a grant over it (a policy check on unit 0 would
		// read "anywhere"). Bad input is still answered first, field by field.
		if err := n.Validate(); err != nil {
			f.SetError(err, httpx.Lang(r))
			return s.unitForm(w, r, httpx.Status(err), f)
		}
		return apperr.Forbiddenf("Chỉ người vận hành hệ thống mới tạo được cơ quan không trực thuộc đơn vị nào",
			"Only the system operator may create an agency that belongs to no unit")
	}
	if err := s.deps.Policy.Authorize(sub, tree, auth.ManageOrg, auth.Resource{UnitID: parent}); err != nil {
		return err
	}
	u, err := s.deps.Store.CreateUnit(r.Context(), actor(sub), n)
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.unitForm(w, r, httpx.Status(err), f)
	}
	s.flash(w, "flash.unit.created", u.Name)
	return redirect(w, r, "/units")
}
