package api

import (
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// unitResponse is a unit (đơn vị) on the wire.
type unitResponse struct {
	ID           int64   `json:"id"`
	AgencyID     int64   `json:"agency_id" doc:"the agency (cơ quan) the unit belongs to; its own id for an agency"`
	ParentID     *int64  `json:"parent_id" doc:"null for a top-level unit"`
	Kind         string  `json:"kind" api:"enum=agency|division|desk|center"`
	Code         string  `json:"code" doc:"electronic identifier CCC.BB.AA.Hnn (QĐ 20/2020/QĐ-TTg); may be empty for divisions"`
	Name         string  `json:"name"`
	ShortName    string  `json:"short_name"`
	ValidFrom    string  `json:"valid_from" api:"format=date"`
	ValidTo      *string `json:"valid_to" api:"format=date" doc:"the last day of validity; null while the unit exists"`
	Current      bool    `json:"current"`
	Successors   []int64 `json:"successors" doc:"units that carry on this unit's work after a restructuring"`
	Predecessors []int64 `json:"predecessors" doc:"units whose work this unit carries on"`
}

// unitRef names a unit in another unit's history.
type unitRef struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	ValidFrom string  `json:"valid_from" api:"format=date"`
	ValidTo   *string `json:"valid_to" api:"format=date"`
}

// unitDetailResponse is one unit with its history spelled out.
type unitDetailResponse struct {
	unitResponse
	SuccessorUnits    []unitRef `json:"successor_units"`
	PredecessorUnits  []unitRef `json:"predecessor_units"`
	CurrentSuccessors []unitRef `json:"current_successors" doc:"the units existing now that carry on this unit's work (itself when current)"`
}

// unitCreateRequest is the body of POST /api/v1/units.
type unitCreateRequest struct {
	ParentID  *int64 `json:"parent_id" api:"required" doc:"the unit above; the API does not create top-level units"`
	Kind      string `json:"kind" api:"required,enum=agency|division|desk|center"`
	Code      string `json:"code" api:"max=20" doc:"electronic identifier CCC.BB.AA.Hnn, required for an agency"`
	Name      string `json:"name" api:"required,min=2,max=200"`
	ShortName string `json:"short_name" api:"max=40"`
	ValidFrom string `json:"valid_from" api:"required,format=date"`
}

var unitKinds = []string{string(org.KindAgency), string(org.KindDivision), string(org.KindDesk), string(org.KindCenter)}

// Validate checks the request's shape; the domain checks the rest.
func (q *unitCreateRequest) Validate() error {
	var err error
	if q.ParentID == nil {
		return apperr.Invalidf("parent_id", "thiếu parent_id (bắt buộc): đơn vị cấp cao nhất chỉ được tạo bằng lệnh congvu",
			"parent_id is required: top-level units are created with the congvu command only")
	}
	if err := optionalID("parent_id", q.ParentID); err != nil {
		return err
	}
	if err := oneOf("kind", q.Kind, unitKinds...); err != nil {
		return err
	}
	if q.Code, err = apperr.Text("code", q.Code, 0, 20); err != nil {
		return err
	}
	if q.Name, err = apperr.Text("name", q.Name, 2, 200); err != nil {
		return err
	}
	if q.ShortName, err = apperr.Text("short_name", q.ShortName, 0, 40); err != nil {
		return err
	}
	q.ValidFrom, err = requireDate("valid_from", q.ValidFrom)
	return err
}

// toNewUnit converts the request to the domain's.
func (q unitCreateRequest) toNewUnit() org.NewUnit {
	return org.NewUnit{ParentID: q.ParentID, Kind: org.UnitKind(q.Kind), Code: q.Code, Name: q.Name, ShortName: q.ShortName, ValidFrom: q.ValidFrom}
}

// toUnitResponse converts a domain unit to the wire.
func toUnitResponse(u org.Unit) unitResponse {
	return unitResponse{ID: u.ID, AgencyID: u.AgencyID, ParentID: u.ParentID, Kind: string(u.Kind), Code: u.Code,
		Name: u.Name, ShortName: u.ShortName, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo, Current: u.Current(),
		Successors: nonNil(u.Successors), Predecessors: nonNil(u.Predecessors)}
}

// toUnitDetailResponse converts a unit with the tree it belongs to.
func toUnitDetailResponse(u org.Unit, t *org.Tree) unitDetailResponse {
	refs := func(ids []int64) []unitRef {
		out := []unitRef{}
		for _, id := range ids {
			if v, ok := t.Unit(id); ok {
				out = append(out, unitRef{ID: v.ID, Name: v.Name, ValidFrom: v.ValidFrom, ValidTo: v.ValidTo})
			}
		}
		return out
	}
	return unitDetailResponse{unitResponse: toUnitResponse(u), SuccessorUnits: refs(u.Successors),
		PredecessorUnits: refs(u.Predecessors), CurrentSuccessors: refs(t.CurrentSuccessors(u.ID))}
}

// nonNil makes an empty list render as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// actorOf is who the journal records for a request.
func actorOf(s *auth.Subject) audit.Actor {
	return audit.Actor{PersonID: s.PersonID, Name: s.Name, AgencyID: s.AgencyID}
}

func (s *Server) handleUnitList(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	var f org.UnitFilter
	if f.IncludeOld, err = queryBool(r, "include_old"); err != nil {
		return err
	}
	if f.ValidOn, err = queryDate(r, "valid_on"); err != nil {
		return err
	}
	parent, err := queryID(r, "parent_id")
	if err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.authorize(subj, t, auth.ViewOrg, subj.AgencyID); err != nil {
		return err
	}
	if parent != 0 {
		if _, err := knownUnit(t, "parent_id", parent); err != nil {
			return err
		}
		if err := s.authorize(subj, t, auth.ViewOrg, parent); err != nil {
			return err
		}
		f.ParentID = &parent
	}
	units, err := s.deps.Store.FindUnits(r.Context(), f)
	if err != nil {
		return err
	}
	out := []unitResponse{}
	for _, u := range units {
		if s.can(subj, t, auth.ViewOrg, u.ID) {
			out = append(out, toUnitResponse(u))
		}
	}
	return writeJSON(w, http.StatusOK, pageOf(out, pg))
}

func (s *Server) handleUnitView(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	u, ok := t.Unit(id)
	if !ok {
		return apperr.NotFoundf("Không tìm thấy đơn vị số %d", "unit %d not found", id)
	}
	if err := s.authorize(subjectOf(r), t, auth.ViewOrg, u.ID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toUnitDetailResponse(u, t))
}

func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) error {
	var q unitCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if _, err := knownUnit(t, "parent_id", *q.ParentID); err != nil {
		return err
	}
	if err := s.authorize(subj, t, auth.ManageOrg, *q.ParentID); err != nil {
		return err
	}
	u, err := s.deps.Store.CreateUnit(r.Context(), actorOf(subj), q.toNewUnit())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	return writeJSON(w, http.StatusCreated, toUnitResponse(u))
}
