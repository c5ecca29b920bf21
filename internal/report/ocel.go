package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// The OCEL object types and the qualifiers of the relationships the log
// carries.
const (
	ocelDossier   = "dossier"
	ocelProcedure = "procedure"
	ocelUnit      = "unit"
	ocelPerson    = "person"
	ocelApplicant = "applicant"
)

// ocelEpoch is the time of attribute values that hold from the start.
const ocelEpoch = "1970-01-01T00:00:00Z"

// Wire types of OCEL 2.0 JSON (https://www.ocel-standard.org, JSON format).
type (
	ocelType struct {
		Name       string          `json:"name"`
		Attributes []ocelTypeField `json:"attributes"`
	}
	ocelTypeField struct {
		Name string `json:"name"`
		Type string `json:"type"` // string, time, integer, float, boolean
	}
	ocelRelationship struct {
		ObjectID  string `json:"objectId"`
		Qualifier string `json:"qualifier"`
	}
	ocelObjectAttr struct {
		Name  string `json:"name"`
		Time  string `json:"time"`
		Value any    `json:"value"`
	}
	ocelEventAttr struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	}
	ocelObject struct {
		ID            string             `json:"id"`
		Type          string             `json:"type"`
		Attributes    []ocelObjectAttr   `json:"attributes"`
		Relationships []ocelRelationship `json:"relationships,omitempty"`
	}
	ocelEvent struct {
		ID            string             `json:"id"`
		Type          string             `json:"type"`
		Time          string             `json:"time"`
		Attributes    []ocelEventAttr    `json:"attributes"`
		Relationships []ocelRelationship `json:"relationships"`
	}
)

// OCELWriter streams an object-centric event log in OCEL 2.0 JSON. Object
// types: dossier, procedure, unit, person, applicant; one event type per
// activity. Each event relates to its dossier ("dossier"), its procedure
// ("procedure"), its applicant ("applicant"), the acting unit ("unit") and
// the acting person ("resource"); each dossier to its procedure
// ("procedure") and applicant ("filed by"). Events are written as they
// come; only the objects and the event types are kept until Close, which
// writes them after the events (JSON members have no order, so the
// document is the same).
type OCELWriter struct {
	w       *bufio.Writer
	err     error
	n       int // events written
	objects []ocelObject
	seen    map[string]int // object id → index in objects
	types   []string
	typeSet map[string]bool
}

// NewOCELWriter starts the log.
func NewOCELWriter(w io.Writer) *OCELWriter {
	o := &OCELWriter{w: bufio.NewWriter(w), seen: map[string]int{}, typeSet: map[string]bool{}}
	_, o.err = o.w.WriteString("{\n\"events\": [")
	return o
}

// object registers an object once and returns its id.
func (o *OCELWriter) object(typ, key, name string, attrs ...ocelObjectAttr) string {
	id := typ + ":" + key
	if _, ok := o.seen[id]; !ok {
		if attrs == nil {
			attrs = []ocelObjectAttr{}
		}
		if name != "" {
			attrs = append(attrs, ocelObjectAttr{"name", ocelEpoch, nfc(name)})
		}
		o.seen[id] = len(o.objects)
		o.objects = append(o.objects, ocelObject{ID: id, Type: typ, Attributes: attrs})
	}
	return id
}

// WriteEvent writes one event and records the objects it touches.
func (o *OCELWriter) WriteEvent(e LogEvent) error {
	if o.err != nil {
		return o.err
	}
	o.n++
	ev := ocelEvent{ID: e.ID, Type: e.Activity, Time: vn(e.At).Format("2006-01-02T15:04:05-07:00"),
		Attributes: []ocelEventAttr{}, Relationships: []ocelRelationship{}}
	if ev.ID == "" {
		ev.ID = "e" + strconv.Itoa(o.n)
	}
	if !o.typeSet[e.Activity] {
		o.typeSet[e.Activity] = true
		o.types = append(o.types, e.Activity)
	}
	d := o.object(ocelDossier, e.CaseID, "")
	ev.Relationships = append(ev.Relationships, ocelRelationship{d, "dossier"})
	// Every event refers to the procedure and the applicant too: pm4py
	// keeps only the objects some event refers to, and flattening on the
	// procedure or the applicant is a question the log must answer.
	var p, a string
	if e.ProcedureCode != "" {
		p = o.object(ocelProcedure, e.ProcedureCode, e.ProcedureName,
			ocelObjectAttr{"code", ocelEpoch, e.ProcedureCode})
		ev.Relationships = append(ev.Relationships, ocelRelationship{p, "procedure"})
	}
	if e.Applicant != "" {
		a = o.object(ocelApplicant, e.Applicant, "")
		ev.Relationships = append(ev.Relationships, ocelRelationship{a, "applicant"})
	}
	if obj := &o.objects[o.seen[d]]; len(obj.Relationships) == 0 {
		if p != "" {
			obj.Relationships = append(obj.Relationships, ocelRelationship{p, "procedure"})
		}
		if a != "" {
			obj.Relationships = append(obj.Relationships, ocelRelationship{a, "filed by"})
		}
	}
	if key := firstOf(e.GroupID, e.Group); key != "" {
		ev.Relationships = append(ev.Relationships, ocelRelationship{o.object(ocelUnit, key, e.Group), "unit"})
	}
	// Staff are keyed by their id. One who acted without an id is the
	// applicant (on the portal): the applicant object, not a name.
	switch {
	case e.ResourceID != "":
		ev.Relationships = append(ev.Relationships, ocelRelationship{o.object(ocelPerson, e.ResourceID, e.Resource), "resource"})
	case a != "" && e.Resource != "":
		ev.Relationships = append(ev.Relationships, ocelRelationship{a, "resource"})
	case e.Resource != "":
		ev.Relationships = append(ev.Relationships, ocelRelationship{o.object(ocelPerson, e.Resource, e.Resource), "resource"})
	}
	b, err := json.Marshal(ev)
	if err != nil {
		o.err = fmt.Errorf("report: ocel: %w", err)
		return o.err
	}
	sep := ",\n"
	if o.n == 1 {
		sep = "\n"
	}
	if _, err := o.w.WriteString(sep); err != nil {
		o.err = fmt.Errorf("report: ocel: %w", err)
		return o.err
	}
	if _, err := o.w.Write(b); err != nil {
		o.err = fmt.Errorf("report: ocel: %w", err)
	}
	return o.err
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Close writes the objects, the object types and the event types, ends the
// document and flushes it; it does not close the underlying writer.
func (o *OCELWriter) Close() error {
	if o.err != nil {
		return o.err
	}
	name := []ocelTypeField{{"name", "string"}}
	objectTypes := []ocelType{
		{ocelDossier, []ocelTypeField{}},
		{ocelProcedure, []ocelTypeField{{"code", "string"}, {"name", "string"}}},
		{ocelUnit, name},
		{ocelPerson, name},
		{ocelApplicant, []ocelTypeField{}},
	}
	eventTypes := make([]ocelType, len(o.types))
	for i, t := range o.types {
		eventTypes[i] = ocelType{t, []ocelTypeField{}}
	}
	if o.objects == nil {
		o.objects = []ocelObject{}
	}
	tail := []struct {
		key string
		v   any
	}{{"objects", o.objects}, {"objectTypes", objectTypes}, {"eventTypes", eventTypes}}
	if _, err := o.w.WriteString("\n]"); err != nil {
		return fmt.Errorf("report: ocel: %w", err)
	}
	for _, t := range tail {
		b, err := json.Marshal(t.v)
		if err != nil {
			return fmt.Errorf("report: ocel: %w", err)
		}
		if _, err := fmt.Fprintf(o.w, ",\n%q: %s", t.key, b); err != nil {
			return fmt.Errorf("report: ocel: %w", err)
		}
	}
	if _, err := o.w.WriteString("\n}\n"); err != nil {
		return fmt.Errorf("report: ocel: %w", err)
	}
	if err := o.w.Flush(); err != nil {
		return fmt.Errorf("report: ocel: %w", err)
	}
	return nil
}

// WriteOCEL writes a whole log of events; see OCELWriter to stream.
func WriteOCEL(w io.Writer, events []LogEvent) error {
	o := NewOCELWriter(w)
	for _, e := range events {
		if err := o.WriteEvent(e); err != nil {
			return err
		}
	}
	return o.Close()
}
