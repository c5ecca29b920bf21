package web

import (
	"net/http"
	"strings"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// RestructurePage is the form to merge, split or rename units.
type RestructurePage struct {
	BasePage
	Form  *Form
	Units []UnitOption
	Kinds []KindOption
}

var restructureFields = []string{"kind", "sources", "into", "name", "code", "unit_kind", "parent_id", "effective_on", "decision", "note"}

func (s *Server) restructureForm(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "restructure.title")
	if err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ManageOrg, 0); err != nil {
		return err
	}
	return s.render(w, status, "restructure", &RestructurePage{BasePage: b, Form: f, Units: agencyUnitOptions(b.tree, b.User), Kinds: kindOptions(b.Lang)})
}

func (s *Server) handleRestructureForm(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, restructureFields...)
	f.Values.Set("kind", string(org.Merge))
	return s.restructureForm(w, r, http.StatusOK, f)
}

// handleRestructure applies a merge, split or rename. New units (one name
// per line) go under the chosen parent, or under the first source's parent,
// with the first source's kind unless another is chosen.
func (s *Server) handleRestructure(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	lang := httpx.Lang(r)
	f := newForm(r.PostForm, restructureFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, lang)
		return s.restructureForm(w, r, httpx.Status(err), f)
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	rs := org.Restructuring{Kind: org.RestructuringKind(f.Get("kind")), EffectiveOn: f.Get("effective_on"),
		Decision: f.Get("decision"), Note: f.Get("note")}
	if rs.Sources, err = f.Int64s("sources"); err != nil {
		return fail(err)
	}
	if len(rs.Sources) == 0 {
		return fail(invalid("sources", "restructure.err.sources"))
	}
	if f.Get("into") != "" {
		into, err := f.Int64("into")
		if err != nil {
			return fail(err)
		}
		rs.Into = []int64{into}
	}
	first, ok := tree.Unit(rs.Sources[0])
	if !ok {
		return fail(invalid("sources", "err.choose"))
	}
	parent, kind := first.ParentID, first.Kind
	if f.Get("parent_id") != "" {
		id, err := f.Int64("parent_id")
		if err != nil {
			return fail(err)
		}
		parent = &id
	}
	if k := f.Get("unit_kind"); k != "" {
		kind = org.UnitKind(k)
	}
	var names []string
	for _, line := range strings.Split(f.Get("name"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			names = append(names, line)
		}
	}
	for _, n := range names {
		nu := org.NewUnit{ParentID: parent, Kind: kind, Name: n}
		if len(names) == 1 {
			nu.Code = f.Get("code")
		}
		rs.NewUnits = append(rs.NewUnits, nu)
	}
	for _, id := range append(append([]int64{}, rs.Sources...), rs.Into...) {
		if err := s.deps.Policy.Authorize(sub, tree, auth.ManageOrg, auth.Resource{UnitID: id}); err != nil {
			return err
		}
	}
	if _, err := s.deps.Store.Restructure(r.Context(), actor(sub), rs); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.restructured")
	return redirect(w, r, "/units")
}
