package api

import (
	"net/http"

	"congvu/internal/access"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
)

// Who is late (ai đang trễ hạn), as JSON: the dossiers past their
// statutory due and the tasks past their deadline now, per unit and per
// person, under a unit within its agency — the director's /late page for
// scripts and dashboards. Who may read it is dossier.stats on the unit, as
// for the page (issue #12).

func (s *Server) lateRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/late", ID: "getLateWork", Tag: "stats",
			Access: access.May("dossier.stats", statsGrants),
			Summary: "Who is late now under a unit (dossier.stats on it): the open dossiers past their statutory due, by the unit and handler they sit with, " +
				"and the open tasks whose deadline's day is over, by their lead unit and lead person; units and people with late work, most late first. " +
				"The units counted stop at the agency's boundary.",
			Query:    []param{{"unit", "integer", "the unit looked at; the first of the caller's own units they may read figures of when absent"}},
			Response: lateResponse{}, Status: http.StatusOK, Handle: s.handleLate},
	}
}

// lateResponse is the late work under one unit.
type lateResponse struct {
	UnitID   int64             `json:"unit_id"`
	UnitName string            `json:"unit_name"`
	Dossiers int               `json:"dossiers" doc:"open dossiers past their statutory due, in all"`
	Tasks    int               `json:"tasks" doc:"open tasks past their deadline, in all"`
	Units    []lateRowResponse `json:"units" doc:"units with late work, most late first"`
	People   []lateRowResponse `json:"people" doc:"people with late work, most late first"`
}

// lateRowResponse is one unit's or one person's late work.
type lateRowResponse struct {
	UnitID   int64  `json:"unit_id"`
	PersonID int64  `json:"person_id,omitempty" doc:"set on a person's row"`
	Name     string `json:"name" doc:"the unit's name, or the person's full name"`
	Dossiers int    `json:"dossiers"`
	Tasks    int    `json:"tasks"`
	Total    int    `json:"total" doc:"dossiers + tasks, the row's rank"`
}

func toLateRows(rows []httpx.LateRow) []lateRowResponse {
	out := make([]lateRowResponse, len(rows))
	for i, r := range rows {
		out[i] = lateRowResponse{UnitID: r.UnitID, PersonID: r.PersonID, Name: r.Name, Dossiers: r.Dossiers, Tasks: r.Tasks, Total: r.Total()}
	}
	return out
}

func (s *Server) handleLate(w http.ResponseWriter, r *http.Request) error {
	unit, err := queryID(r, "unit")
	if err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if unit == 0 {
		unit = subj.AgencyID
		for _, g := range subj.Grants {
			if u, ok := t.Unit(g.UnitID); ok && u.Current() && s.deps.Policy.Can(subj, t, dossier.PermStats, auth.Resource{UnitID: g.UnitID}) {
				unit = g.UnitID
				break
			}
		}
	}
	u, err := knownUnit(t, "unit", unit)
	if err != nil {
		return err
	}
	if err := s.authorize(subj, t, dossier.PermStats, unit); err != nil {
		return err
	}
	board, err := s.deps.LateBoard(r.Context(), t, unit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, lateResponse{UnitID: unit, UnitName: u.Name, Dossiers: board.Dossiers, Tasks: board.Tasks,
		Units: toLateRows(board.Units), People: toLateRows(board.People)})
}
