package api

import (
	"encoding/json"
	"net/http"

	"congvu/internal/audit"
	"congvu/internal/auth"
)

// auditEventResponse is one entry of the journal (nhật ký).
type auditEventResponse struct {
	Seq        int64           `json:"seq"`
	At         string          `json:"at" api:"format=date-time"`
	ActorID    *int64          `json:"actor_id" doc:"null for congvu itself or its operator"`
	Actor      string          `json:"actor"`
	ObjectType string          `json:"object_type"`
	ObjectID   string          `json:"object_id"`
	Action     string          `json:"action"`
	Payload    json.RawMessage `json:"payload" doc:"what changed and why, as recorded"`
	PrevHash   string          `json:"prev_hash"`
	Hash       string          `json:"hash" doc:"SHA-256 over every column of the event and prev_hash: the chain congvu audit verify checks"`
}

// toAuditEventResponse converts a journal event to the wire.
func toAuditEventResponse(e audit.Event) auditEventResponse {
	out := auditEventResponse{Seq: e.Seq, At: instant(e.At), Actor: e.Actor, ObjectType: e.ObjectType,
		ObjectID: e.ObjectID, Action: e.Action, PrevHash: e.PrevHash, Hash: e.Hash}
	if e.ActorID != 0 {
		id := e.ActorID
		out.ActorID = &id
	}
	if json.Valid([]byte(e.Payload)) {
		out.Payload = json.RawMessage(e.Payload)
	} else {
		out.Payload, _ = json.Marshal(e.Payload) // a payload recorded as plain text
	}
	return out
}

func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request) error {
	var f audit.Filter
	var err error
	if f.ObjectType, err = queryText(r, "object_type", 40); err != nil {
		return err
	}
	if f.ObjectID, err = queryText(r, "object_id", 100); err != nil {
		return err
	}
	if f.Limit, err = queryInt(r, "limit", defaultLimit, 1, maxLimit); err != nil {
		return err
	}
	if f.BeforeSeq, err = queryID(r, "before"); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if err := s.authorize(subj, t, auth.ViewAudit, subj.AgencyID); err != nil {
		return err
	}
	// An agency reads its own journal: the events that concern it (its
	// people's, and the system's on its objects), not those of no agency.
	f.AgencyIDs = t.Lineage(subj.AgencyID)
	events, err := s.deps.Store.FindAuditEvents(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]auditEventResponse, 0, len(events))
	for _, e := range events {
		out = append(out, toAuditEventResponse(e))
	}
	return writeJSON(w, http.StatusOK, out)
}
