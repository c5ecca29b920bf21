package api

import (
	"fmt"
	"net/http"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// restructuringRequest is the body of POST /api/v1/restructurings: some
// units end the day before effective_on and others carry on their work.
type restructuringRequest struct {
	Kind        string                 `json:"kind" api:"required,enum=merge|split|rename" doc:"merge (hợp nhất, sáp nhập), split (chia tách) or rename (đổi tên)"`
	EffectiveOn string                 `json:"effective_on" api:"required,format=date" doc:"the first day of the new organisation"`
	Decision    string                 `json:"decision" api:"max=300" doc:"the decision that ordered it, e.g. Quyết định số 123/QĐ-UBND ngày 28/02/2025"`
	Note        string                 `json:"note" api:"max=2000"`
	Sources     []int64                `json:"sources" api:"required" doc:"the units that end"`
	Into        []int64                `json:"into" doc:"existing units that carry on (a merge into an existing unit)"`
	NewUnits    []restructuringNewUnit `json:"new_units" doc:"units created by the restructuring, valid from effective_on"`
}

// restructuringNewUnit is a unit a restructuring creates.
type restructuringNewUnit struct {
	ParentID  *int64 `json:"parent_id" api:"required"`
	Kind      string `json:"kind" api:"required,enum=agency|division|desk|center"`
	Code      string `json:"code" api:"max=20"`
	Name      string `json:"name" api:"required,min=2,max=200"`
	ShortName string `json:"short_name" api:"max=40"`
}

// Validate checks the request's shape; the domain checks it against the
// organisation.
func (q *restructuringRequest) Validate() error {
	var err error
	if err := oneOf("kind", q.Kind, string(org.Merge), string(org.Split), string(org.Rename)); err != nil {
		return err
	}
	if q.EffectiveOn, err = requireDate("effective_on", q.EffectiveOn); err != nil {
		return err
	}
	if q.Decision, err = apperr.Text("decision", q.Decision, 0, 300); err != nil {
		return err
	}
	if q.Note, err = apperr.Text("note", q.Note, 0, 2000); err != nil {
		return err
	}
	if len(q.Sources) == 0 {
		return apperr.Invalidf("sources", "thiếu sources: cần ít nhất một đơn vị kết thúc", "sources is required: at least one unit that ends")
	}
	for i, id := range q.Sources {
		if err := requireID(fmt.Sprintf("sources[%d]", i), id); err != nil {
			return err
		}
	}
	for i, id := range q.Into {
		if err := requireID(fmt.Sprintf("into[%d]", i), id); err != nil {
			return err
		}
	}
	for i := range q.NewUnits {
		if err := q.NewUnits[i].validate(fmt.Sprintf("new_units[%d].", i)); err != nil {
			return err
		}
	}
	return nil
}

func (n *restructuringNewUnit) validate(prefix string) error {
	var err error
	if n.ParentID == nil {
		return apperr.Invalidf(prefix+"parent_id", "thiếu %sparent_id (bắt buộc)", "%sparent_id is required", prefix)
	}
	if err := optionalID(prefix+"parent_id", n.ParentID); err != nil {
		return err
	}
	if err := oneOf(prefix+"kind", n.Kind, unitKinds...); err != nil {
		return err
	}
	if n.Code, err = apperr.Text(prefix+"code", n.Code, 0, 20); err != nil {
		return err
	}
	if n.Name, err = apperr.Text(prefix+"name", n.Name, 2, 200); err != nil {
		return err
	}
	n.ShortName, err = apperr.Text(prefix+"short_name", n.ShortName, 0, 40)
	return err
}

// toRestructuring converts the request to the domain's.
func (q restructuringRequest) toRestructuring() org.Restructuring {
	r := org.Restructuring{Kind: org.RestructuringKind(q.Kind), EffectiveOn: q.EffectiveOn, Decision: q.Decision,
		Note: q.Note, Sources: q.Sources, Into: q.Into}
	for _, n := range q.NewUnits {
		r.NewUnits = append(r.NewUnits, org.NewUnit{ParentID: n.ParentID, Kind: org.UnitKind(n.Kind), Code: n.Code,
			Name: n.Name, ShortName: n.ShortName, ValidFrom: q.EffectiveOn})
	}
	return r
}

// units lists every unit the restructuring touches, with the field that
// names it, for the permission check.
func (q restructuringRequest) units() (fields []string, ids []int64) {
	for i, id := range q.Sources {
		fields, ids = append(fields, fmt.Sprintf("sources[%d]", i)), append(ids, id)
	}
	for i, id := range q.Into {
		fields, ids = append(fields, fmt.Sprintf("into[%d]", i)), append(ids, id)
	}
	for i, n := range q.NewUnits {
		fields, ids = append(fields, fmt.Sprintf("new_units[%d].parent_id", i)), append(ids, *n.ParentID)
	}
	return fields, ids
}

func (s *Server) handleRestructuringCreate(w http.ResponseWriter, r *http.Request) error {
	var q restructuringRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	fields, ids := q.units()
	for i, id := range ids {
		if _, err := knownUnit(t, fields[i], id); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if err := s.authorize(subj, t, auth.ManageOrg, id); err != nil {
			return err
		}
	}
	id, err := s.deps.Store.Restructure(r.Context(), actorOf(subj), q.toRestructuring())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, createdResponse{ID: id})
}
