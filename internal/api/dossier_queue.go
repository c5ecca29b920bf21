package api

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

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
		if g.UnitID == 0 || !t.Within(g.UnitID, subj.AgencyID) {
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
			if t.Within(u.ID, root) {
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
