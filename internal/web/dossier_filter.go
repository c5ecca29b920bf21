package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// DossierFilterForm is the filter form of the dossier lists (/dossiers and
// /dossiers/handled): the values typed, and the choices of its selects.
type DossierFilterForm struct {
	Query, Status, Procedure, Unit, Handler string
	ReceivedFrom, ReceivedTo                string // as typed, dd/mm/yyyy
	DueFrom, DueTo                          string
	Overdue, DueSoon                        bool

	Statuses   []dossier.Status
	Procedures []dossier.Procedure
	Units      []org.Unit
	People     []org.Person
}

// Any reports whether a filter other than the search words is set, for
// the form to start open.
func (f DossierFilterForm) Any() bool {
	return f.Status != "" || f.Procedure != "" || f.Unit != "" || f.Handler != "" || f.ReceivedFrom != "" ||
		f.ReceivedTo != "" || f.DueFrom != "" || f.DueTo != "" || f.Overdue || f.DueSoon
}

// DossierPager is a list page's place in its list: the total and the
// addresses of the next page, the first page and the export.
type DossierPager struct {
	Total       int
	TotalCapped bool
	Next, First string
	Export      string
}

// dossierFilter reads the list's filters from the query string into the
// store's filter and the form that shows them again. A bad value is an
// invalid error naming the field.
func (s *Server) dossierFilter(r *http.Request, b *BasePage) (dossier.Filter, DossierFilterForm, error) {
	q := r.URL.Query()
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	form := DossierFilterForm{Query: get("q"), Status: get("status"), Procedure: get("procedure"), Unit: get("unit"), Handler: get("handler"),
		ReceivedFrom: get("received_from"), ReceivedTo: get("received_to"), DueFrom: get("due_from"), DueTo: get("due_to"),
		Overdue: get("overdue") != "", DueSoon: get("due_soon") != "", Statuses: dossier.Statuses}
	agency := agencyOf(b.tree, b.User)
	f := dossier.Filter{AgencyID: agency, Query: form.Query, Procedure: form.Procedure, Overdue: form.Overdue, DueSoon: form.DueSoon,
		After: get("after"), Limit: 50, Now: s.deps.Now()}
	if len([]rune(form.Query)) > 200 {
		return f, form, apperr.Invalidf("q", "Từ khóa tìm kiếm dài quá 200 ký tự", "the search is longer than 200 characters")
	}
	if form.Status != "" {
		n, err := strconv.Atoi(form.Status)
		if err != nil || n < int(dossier.StatusRegistered) || n > int(dossier.StatusReturned) {
			return f, form, apperr.Invalidf("status", "Trạng thái %q không có trong danh sách", "status %q is not in the list", form.Status)
		}
		f.Statuses = []dossier.Status{dossier.Status(n)}
	}
	id := func(field, v string) (int64, error) {
		if v == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return 0, apperr.Invalidf(field, "Giá trị %q của ô %s không hợp lệ", "%q is not a valid %s", v, field)
		}
		return n, nil
	}
	unit, err := id("unit", form.Unit)
	if err != nil {
		return f, form, err
	}
	if f.HandlerID, err = id("handler", form.Handler); err != nil {
		return f, form, err
	}
	if f.ReceivedOn, err = dayRange("received_from", form.ReceivedFrom, "received_to", form.ReceivedTo); err != nil {
		return f, form, err
	}
	if f.DueOn, err = dayRange("due_from", form.DueFrom, "due_to", form.DueTo); err != nil {
		return f, form, err
	}
	// What the user may view: the whole agency, or the dossiers answerable
	// to the units below their grants.
	if !s.deps.Policy.Can(b.User, b.tree, dossier.PermView, auth.Resource{UnitID: agency}) {
		var own []int64
		for _, g := range b.User.Grants {
			own = append(own, g.UnitID)
		}
		f.LeadUnitIDs = b.tree.AgencySubtree(own...)
	}
	if unit != 0 {
		if _, ok := b.tree.Unit(unit); !ok || !b.tree.WithinAgency(unit, agency) {
			return f, form, apperr.Invalidf("unit", "Không có đơn vị này trong cơ quan", "there is no such unit in the agency")
		}
		f.UnitIDs = []int64{unit}
	}
	return f, form, nil
}

// dayRange reads a range of days typed dd/mm/yyyy (or yyyy-mm-dd), both
// included, as the instants [start of the first, start of the day after
// the last).
func dayRange(fromName, from, toName, to string) ([2]time.Time, error) {
	var out [2]time.Time
	for i, v := range []struct{ name, s string }{{fromName, from}, {toName, to}} {
		if v.s == "" {
			continue
		}
		iso, err := org.ParseDate(v.name, v.s)
		if err != nil {
			return out, err
		}
		d, err := calendar.ParseDate(iso)
		if err != nil {
			return out, apperr.Invalidf(v.name, "Ngày %q không hợp lệ", "%q is not a valid day", v.s)
		}
		out[i] = d.AddDays(i).Time()
	}
	if !out[0].IsZero() && !out[1].IsZero() && !out[1].After(out[0]) {
		return out, apperr.Invalidf(toName, "Ngày cuối phải từ ngày đầu trở đi", "the last day must not be before the first")
	}
	return out, nil
}

// fillChoices loads the selects of the filter form: the agency's
// procedures, units and people.
func (s *Server) fillChoices(r *http.Request, b *BasePage, form *DossierFilterForm) error {
	agency := agencyOf(b.tree, b.User)
	var err error
	if form.Procedures, err = s.deps.Store.FindProcedures(r.Context(), dossier.ProcedureFilter{AgencyID: agency}); err != nil {
		return err
	}
	for _, u := range b.tree.Units() {
		if u.Current() && b.tree.WithinAgency(u.ID, agency) {
			form.Units = append(form.Units, u)
		}
	}
	form.People, err = s.deps.Store.FindPeople(r.Context(), org.PersonFilter{AgencyIDs: []int64{agency}, OnlyActive: true, Limit: 1000})
	return err
}

// sectionPager is pager for one section of a page of several, whose
// cursor and total are after_<id> and total_<id>; such a page has no
// export.
func sectionPager(r *http.Request, base, id string, p dossier.Page) DossierPager {
	q := r.URL.Query()
	q.Del("after_" + id)
	q.Del("total_" + id)
	out := DossierPager{Total: p.Total, TotalCapped: p.TotalCapped}
	if r.URL.Query().Get("after_"+id) != "" {
		out.First = base + "?" + q.Encode()
	}
	if p.Next != "" {
		total := strconv.Itoa(p.Total)
		if p.TotalCapped {
			total += "+"
		}
		q.Set("after_"+id, p.Next)
		q.Set("total_"+id, total)
		out.Next = base + "?" + q.Encode()
	}
	return out
}

// pager makes the page's links: the same query with the next cursor, and
// without any for the first page and the export.
func pager(r *http.Request, base string, p dossier.Page) DossierPager {
	q := r.URL.Query()
	q.Del("after")
	q.Del("total")
	first := base + "?" + q.Encode()
	out := DossierPager{Total: p.Total, TotalCapped: p.TotalCapped, Export: base + "/export.xlsx?" + q.Encode()}
	if strings.HasSuffix(base, "/handled") {
		out.Export = "/dossiers/export.xlsx?" + withList(q, "handled")
	}
	if r.URL.Query().Get("after") != "" {
		out.First = first
	}
	if p.Next != "" {
		total := strconv.Itoa(p.Total)
		if p.TotalCapped {
			total += "+"
		}
		q.Set("after", p.Next)
		q.Set("total", total)
		out.Next = base + "?" + q.Encode()
	}
	return out
}

func withList(q url.Values, list string) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("list", list)
	return c.Encode()
}
