package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// The staff queues (danh sách hồ sơ cần xử lý), most urgent first.

// dossierQueues are the values of ?queue=.
var dossierQueues = []string{"mine", "unit", "late", "due_soon", "handled", "all"}

// Paging: the list pages by cursor (?after= the X-Next-Cursor of the page
// before), each page read in index order whatever its depth; the first
// page's headers say how many dossiers the whole list holds
// (X-Total-Count, counted up to 1,000; X-Total-Capped: true when there
// are more).

func (s *Server) handleDossierList(w http.ResponseWriter, r *http.Request) error {
	f, ok, err := s.dossierListFilter(r)
	if err != nil {
		return err
	}
	out := []dossierSummaryResponse{}
	if !ok {
		w.Header().Set("X-Total-Count", "0")
		return writeJSON(w, http.StatusOK, out)
	}
	p, err := s.deps.Store.FindDossierPage(r.Context(), f)
	if err != nil {
		return err
	}
	now, lang := s.deps.Now(), httpx.Lang(r)
	for _, d := range p.Rows {
		out = append(out, toSummaryResponse(d, now, lang))
	}
	if !f.SkipTotal {
		w.Header().Set("X-Total-Count", strconv.Itoa(p.Total))
		if p.TotalCapped {
			w.Header().Set("X-Total-Capped", "true")
		}
	}
	if p.Next != "" {
		w.Header().Set("X-Next-Cursor", p.Next)
		q := r.URL.Query()
		q.Set("after", p.Next)
		w.Header().Set("Link", "<"+r.URL.Path+"?"+q.Encode()+`>; rel="next"`)
	}
	return writeJSON(w, http.StatusOK, out)
}

// dossierListFilter reads the list's parameters into the filter of the
// dossiers the caller may view; ok is false when the caller may view none.
func (s *Server) dossierListFilter(r *http.Request) (f dossier.Filter, ok bool, err error) {
	subj := subjectOf(r)
	q := r.URL.Query()
	if f.Limit, err = queryInt(r, "limit", defaultLimit, 1, maxLimit); err != nil {
		return f, false, err
	}
	if q.Get("offset") != "" && q.Get("offset") != "0" {
		return f, false, apperr.Invalidf("offset", "danh sách hồ sơ phân trang bằng after (giá trị X-Next-Cursor của trang trước), không bằng offset",
			"the dossier list pages with after (the X-Next-Cursor of the page before), not offset")
	}
	// The total is counted with the first page; the pages after it
	// continue a list whose size the caller has.
	f.After = strings.TrimSpace(q.Get("after"))
	f.SkipTotal = f.After != ""
	queue := strings.TrimSpace(q.Get("queue"))
	if queue == "" {
		queue = "mine"
	}
	if err := oneOf("queue", queue, dossierQueues...); err != nil {
		return f, false, err
	}
	f.AgencyID, f.Now = subj.AgencyID, s.deps.Now()
	if f.Query, err = queryText(r, "q", 200); err != nil {
		return f, false, err
	}
	if f.Procedure, err = queryText(r, "procedure", 50); err != nil {
		return f, false, err
	}
	unitID, err := queryID(r, "unit_id")
	if err != nil {
		return f, false, err
	}
	handler, err := queryID(r, "handler_id")
	if err != nil {
		return f, false, err
	}
	if f.Statuses, err = queryStatuses(r, "status"); err != nil {
		return f, false, err
	}
	if f.ReceivedOn, err = queryDays(r, "received_from", "received_to"); err != nil {
		return f, false, err
	}
	if f.DueOn, err = queryDays(r, "due_from", "due_to"); err != nil {
		return f, false, err
	}
	if f.Overdue, err = queryBool(r, "overdue"); err != nil {
		return f, false, err
	}
	if f.DueSoon, err = queryBool(r, "due_soon"); err != nil {
		return f, false, err
	}
	t, err := s.tree(r)
	if err != nil {
		return f, false, err
	}
	if subj.AgencyID <= 0 {
		return f, false, nil
	}
	// What the caller may view: the whole agency, or the units below their grants.
	if !s.can(subj, t, dossier.PermView, subj.AgencyID) {
		f.UnitIDs = s.grantSubtrees(subj, t, dossier.PermView)
		if len(f.UnitIDs) == 0 {
			return f, false, nil
		}
	}
	if unitID != 0 {
		if _, err := knownUnit(t, "unit_id", unitID); err != nil {
			return f, false, err
		}
		if err := s.authorize(subj, t, dossier.PermView, unitID); err != nil {
			return f, false, err
		}
		f.UnitIDs = []int64{unitID}
	}
	f.HandlerID = handler
	switch queue {
	case "mine":
		f.HandlerID, f.Open = subj.PersonID, true
	case "unit":
		f.Open = true
		if unitID == 0 {
			f.UnitIDs = intersectUnits(f.UnitIDs, s.grantSubtrees(subj, t, ""))
			if len(f.UnitIDs) == 0 {
				return f, false, nil
			}
		}
	case "late":
		f.Overdue = true
	case "due_soon":
		f.DueSoon = true
	case "handled":
		f.HandledBy = subj.PersonID
	}
	return f, true, nil
}

// grantSubtrees returns the units at or below the units where the subject
// holds a grant (with permission perm there, when perm is not empty),
// within the subject's agency.
func (s *Server) grantSubtrees(subj *auth.Subject, t *org.Tree, perm auth.Action) []int64 {
	var roots []int64
	for _, g := range subj.Grants {
		if g.UnitID == 0 || !t.WithinAgency(g.UnitID, subj.AgencyID) {
			continue
		}
		if perm != "" && !s.can(subj, t, perm, g.UnitID) {
			continue
		}
		roots = append(roots, g.UnitID)
	}
	var out []int64
	for _, u := range t.Units() {
		for _, root := range roots {
			if t.WithinAgency(u.ID, root) {
				out = append(out, u.ID)
				break
			}
		}
	}
	return out
}

// intersectUnits keeps the ids of b that are in a; a nil a means "no limit".
func intersectUnits(a, b []int64) []int64 {
	if a == nil {
		return b
	}
	in := map[int64]bool{}
	for _, id := range a {
		in[id] = true
	}
	out := []int64{}
	for _, id := range b {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}

// queryStatuses reads a comma-separated list of national status codes.
func queryStatuses(r *http.Request, name string) ([]dossier.Status, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return nil, nil
	}
	var out []dossier.Status
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < int(dossier.StatusRegistered) || n > int(dossier.StatusReturned) {
			return nil, apperr.Invalidf(name, "tham số %s phải là các mã trạng thái từ 1 đến 10, cách nhau bởi dấu phẩy, không phải %q",
				"parameter %s must be status codes from 1 to 10 separated by commas, not %q", name, s)
		}
		out = append(out, dossier.Status(n))
	}
	return out, nil
}

// queryDays reads an optional range of days, both included, as the
// instants [start of the first day, start of the day after the last).
func queryDays(r *http.Request, fromName, toName string) ([2]time.Time, error) {
	var out [2]time.Time
	for i, name := range []string{fromName, toName} {
		d, ok, err := queryDay(r, name)
		if err != nil {
			return out, err
		}
		if ok {
			out[i] = d.AddDays(i).Time() // the day after the last
		}
	}
	if !out[0].IsZero() && !out[1].IsZero() && !out[1].After(out[0]) {
		return out, apperr.Invalidf(toName, "ngày %s phải từ ngày %s trở đi", "%s must not be before %s", toName, fromName)
	}
	return out, nil
}
