package api

import (
	"context"
	"net/http"
	"sort"
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
var dossierQueues = []string{"mine", "unit", "late", "due_soon", "all"}

func (s *Server) handleDossierList(w http.ResponseWriter, r *http.Request) error {
	subj := subjectOf(r)
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	queue := strings.TrimSpace(r.URL.Query().Get("queue"))
	if queue == "" {
		queue = "mine"
	}
	if err := oneOf("queue", queue, dossierQueues...); err != nil {
		return err
	}
	f := dossier.Filter{AgencyID: subj.AgencyID}
	if f.Query, err = queryText(r, "q", 200); err != nil {
		return err
	}
	unitID, err := queryID(r, "unit_id")
	if err != nil {
		return err
	}
	if f.Statuses, err = queryStatuses(r, "status"); err != nil {
		return err
	}
	if f.ReceivedOn, err = queryDays(r, "received_from", "received_to"); err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	out := []dossierSummaryResponse{}
	if subj.AgencyID <= 0 {
		return writeJSON(w, http.StatusOK, out)
	}
	// What the caller may view: the whole agency, or the units below their grants.
	if !s.can(subj, t, dossier.PermView, subj.AgencyID) {
		f.UnitIDs = s.grantSubtrees(subj, t, dossier.PermView)
		if len(f.UnitIDs) == 0 {
			return writeJSON(w, http.StatusOK, out)
		}
	}
	if unitID != 0 {
		if _, err := knownUnit(t, "unit_id", unitID); err != nil {
			return err
		}
		if err := s.authorize(subj, t, dossier.PermView, unitID); err != nil {
			return err
		}
		f.UnitIDs = []int64{unitID}
	}
	now := s.deps.Now()
	var keep func(dossier.Summary) bool
	switch queue {
	case "mine":
		f.HandlerID, f.Open = subj.PersonID, true
	case "unit":
		f.Open = true
		if unitID == 0 {
			f.UnitIDs = intersectUnits(f.UnitIDs, s.grantSubtrees(subj, t, ""))
			if len(f.UnitIDs) == 0 {
				return writeJSON(w, http.StatusOK, out)
			}
		}
	case "late":
		f.Open, f.DueBefore = true, now
		keep = func(d dossier.Summary) bool { return !(d.PausedAt != nil && d.PausedAt.Before(d.StatutoryDue)) }
	case "due_soon":
		f.Open, f.DueBefore = true, now.Add(24*time.Hour)
		keep = func(d dossier.Summary) bool { return d.PausedAt == nil && d.StatutoryDue.After(now) }
	}
	list, err := s.findSortedByDue(r.Context(), f, keep, pg)
	if err != nil {
		return err
	}
	lang := httpx.Lang(r)
	for _, d := range list {
		out = append(out, toSummaryResponse(d, now, lang))
	}
	return writeJSON(w, http.StatusOK, out)
}

// findSortedByDue returns one page of the dossiers f selects that keep
// accepts, ordered by statutory due (dossiers without one last). The store
// orders open dossiers by due itself; searches and closed dossiers it orders
// newest first, and it cannot filter on pauses, so those are gathered in
// batches (at most maxGathered) and sorted here.
func (s *Server) findSortedByDue(ctx context.Context, f dossier.Filter, keep func(dossier.Summary) bool, pg page) ([]dossier.Summary, error) {
	if keep == nil && f.Open && f.Query == "" {
		f.Limit, f.Offset = pg.limit, pg.offset
		return s.deps.Store.FindDossiers(ctx, f)
	}
	const batch, maxGathered = 500, 20_000
	var all []dossier.Summary
	for off := 0; off < maxGathered; off += batch {
		f.Limit, f.Offset = batch, off
		part, err := s.deps.Store.FindDossiers(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, d := range part {
			if keep == nil || keep(d) {
				all = append(all, d)
			}
		}
		if len(part) < batch {
			break
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i].StatutoryDue, all[j].StatutoryDue
		if a.IsZero() != b.IsZero() {
			return b.IsZero()
		}
		if !a.Equal(b) {
			return a.Before(b)
		}
		return all[i].Code < all[j].Code
	})
	return pageOf(all, pg), nil
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
