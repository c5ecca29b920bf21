package report

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"congvu/internal/dossier"
)

// LogEvent is one event of an event log for process mining: an action taken
// on a dossier, when, by whom and in which unit. It is the input of the XES
// and OCEL writers; build it from dossier events with LogEvents or from
// stored rows by hand.
type LogEvent struct {
	// ID identifies the event in OCEL; empty numbers the events in order.
	ID       string
	CaseID   string // the dossier code
	Activity string // the action, "forward"
	At       time.Time
	// Resource is the name of who acted; ResourceID a stable identifier
	// (empty uses the name). Both empty for the applicant on the portal.
	Resource, ResourceID string
	// Group is the name of the unit that acted; GroupID a stable
	// identifier (empty uses the name).
	Group, GroupID string
	ProcedureCode  string
	ProcedureName  string
	// Applicant identifies who filed the dossier without saying who: a
	// keyed hash of the ID number (ApplicantKey), never the name, which two
	// people share, nor the number itself. Empty leaves the applicant out.
	Applicant string
}

// ApplicantKey is the OCEL identifier of an applicant: HMAC-SHA256 under
// key of the ID number (số định danh, mã số thuế), so that two people of
// one name stay two objects and the export does not carry the number. An
// unkeyed hash of a 12-digit number is undone in minutes by trying them
// all; under a key the exporter keeps (a fresh one per export), it is not.
// Without an ID number the dossier's code stands in: one applicant per
// dossier, never two people merged.
func ApplicantKey(key []byte, idNumber, code string) string {
	m := hmac.New(sha256.New, key)
	if id := strings.ToUpper(strings.Join(strings.Fields(idNumber), "")); id != "" {
		m.Write([]byte("id:" + id))
	} else {
		m.Write([]byte("dossier:" + code))
	}
	return hex.EncodeToString(m.Sum(nil))[:24]
}

// Trace is the events of one dossier, for XES.
type Trace struct {
	CaseID        string
	ProcedureCode string
	ProcedureName string
	Events        []LogEvent
}

// LogEvents turns a dossier's history into log events: the activity is the
// action's code ("forward"), the resource the actor's name as recorded, the
// group the acting unit named by unitName (which may be nil).
func LogEvents(code string, p dossier.Procedure, events []dossier.Event, unitName func(id int64) string) []LogEvent {
	out := make([]LogEvent, 0, len(events))
	for i, ev := range events {
		le := LogEvent{
			ID:            code + "#" + strconv.Itoa(i+1),
			CaseID:        code,
			Activity:      string(ev.Action),
			At:            ev.At,
			Resource:      ev.ActorName,
			ProcedureCode: p.Code,
			ProcedureName: p.Name,
		}
		if ev.Seq > 0 {
			le.ID = code + "#" + strconv.Itoa(ev.Seq)
		}
		if ev.ActorID != 0 {
			le.ResourceID = strconv.FormatInt(ev.ActorID, 10)
		}
		if ev.UnitID != 0 {
			le.GroupID = strconv.FormatInt(ev.UnitID, 10)
			if unitName != nil {
				le.Group = unitName(ev.UnitID)
			}
		}
		out = append(out, le)
	}
	return out
}

// logTime formats an instant as xs:dateTime with Vietnam's offset and
// milliseconds: 2026-03-02T08:15:00.000+07:00.
func logTime(t time.Time) string { return vn(t).Format("2006-01-02T15:04:05.000-07:00") }
