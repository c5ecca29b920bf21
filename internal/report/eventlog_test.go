package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"congvu/internal/dossier"
)

// smallLog is one dossier received, forwarded and completed, and a second
// filed online by the applicant.
func smallLog() []Trace {
	p := dossier.Procedure{Code: "1.009645", Name: "Quyết định chủ trương đầu tư"}
	units := map[int64]string{1: "Trung tâm Phục vụ hành chính công", 2: "Ban Quản lý các khu công nghiệp"}
	evs := []dossier.Event{
		{Seq: 1, Action: dossier.Receive, At: at(2026, time.March, 2, 8, 15), ActorID: 7, ActorName: "Trần Văn Đức", UnitID: 1},
		{Seq: 2, Action: dossier.Forward, At: at(2026, time.March, 2, 14, 30), ActorID: 7, ActorName: "Trần Văn Đức", UnitID: 1},
		{Seq: 3, Action: dossier.Complete, At: at(2026, time.March, 18, 9, 5), ActorID: 9, ActorName: "Lê Thị Mai", UnitID: 2},
	}
	a := Trace{CaseID: "H05-260302-0042", ProcedureCode: p.Code, ProcedureName: p.Name,
		Events: LogEvents("H05-260302-0042", p, evs, func(id int64) string { return units[id] })}
	b := Trace{CaseID: "H05-260303-0001", ProcedureCode: p.Code, ProcedureName: p.Name,
		Events: LogEvents("H05-260303-0001", p, []dossier.Event{{Action: dossier.SubmitOnline, At: at(2026, time.March, 3, 21, 0)}}, nil)}
	return []Trace{a, b}
}

// The XES structure, as encoding/xml reads it back.
type (
	xesAttr struct {
		XMLName xml.Name
		Key     string `xml:"key,attr"`
		Value   string `xml:"value,attr"`
	}
	xesEvent struct {
		Attrs []xesAttr `xml:",any"`
	}
	xesTrace struct {
		Attrs  []xesAttr  `xml:",any"`
		Events []xesEvent `xml:"event"`
	}
	xesLog struct {
		XMLName    xml.Name `xml:"http://www.xes-standard.org/ log"`
		Version    string   `xml:"xes.version,attr"`
		Extensions []struct {
			Name   string `xml:"name,attr"`
			Prefix string `xml:"prefix,attr"`
			URI    string `xml:"uri,attr"`
		} `xml:"extension"`
		Globals []struct {
			Scope string    `xml:"scope,attr"`
			Attrs []xesAttr `xml:",any"`
		} `xml:"global"`
		Classifiers []struct {
			Name string `xml:"name,attr"`
			Keys string `xml:"keys,attr"`
		} `xml:"classifier"`
		Traces []xesTrace `xml:"trace"`
	}
)

func attrs(as []xesAttr) map[string]string {
	m := map[string]string{}
	for _, a := range as {
		m[a.XMLName.Local+" "+a.Key] = a.Value
	}
	return m
}

func TestXES(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXES(&buf, "congvu <test> & co", smallLog()); err != nil {
		t.Fatal(err)
	}
	var log xesLog
	if err := xml.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if log.Version != "1849-2016" {
		t.Errorf("xes.version %q", log.Version)
	}
	uris := map[string]string{}
	for _, e := range log.Extensions {
		uris[e.Prefix] = e.URI
	}
	for prefix, uri := range map[string]string{"concept": "http://www.xes-standard.org/concept.xesext",
		"time": "http://www.xes-standard.org/time.xesext", "org": "http://www.xes-standard.org/org.xesext",
		"lifecycle": "http://www.xes-standard.org/lifecycle.xesext"} {
		if uris[prefix] != uri {
			t.Errorf("extension %s = %q, want %q", prefix, uris[prefix], uri)
		}
	}
	if len(log.Globals) != 2 || len(log.Classifiers) == 0 || log.Classifiers[0].Keys != "concept:name" {
		t.Errorf("globals %+v, classifiers %+v", log.Globals, log.Classifiers)
	}
	if len(log.Traces) != 2 {
		t.Fatalf("%d traces, want 2", len(log.Traces))
	}
	tr := attrs(log.Traces[0].Attrs)
	if tr["string concept:name"] != "H05-260302-0042" || tr["string procedureCode"] != "1.009645" ||
		tr["string procedureName"] != "Quyết định chủ trương đầu tư" {
		t.Errorf("trace attributes %v", tr)
	}
	if len(log.Traces[0].Events) != 3 {
		t.Fatalf("%d events, want 3", len(log.Traces[0].Events))
	}
	ev := attrs(log.Traces[0].Events[2].Attrs)
	want := map[string]string{
		"string concept:name": "complete", "date time:timestamp": "2026-03-18T09:05:00.000+07:00",
		"string org:resource": "Lê Thị Mai", "string org:group": "Ban Quản lý các khu công nghiệp",
		"string lifecycle:transition": "complete",
	}
	for k, v := range want {
		if ev[k] != v {
			t.Errorf("event %s = %q, want %q", k, ev[k], v)
		}
	}
	if ts, err := time.Parse(time.RFC3339, ev["date time:timestamp"]); err != nil || !ts.Equal(at(2026, time.March, 18, 9, 5)) {
		t.Errorf("timestamp %q: %v", ev["date time:timestamp"], err)
	}
	// The portal filing has no resource and no group.
	online := attrs(log.Traces[1].Events[0].Attrs)
	if _, ok := online["string org:resource"]; ok {
		t.Errorf("online filing has a resource: %v", online)
	}
	if !strings.Contains(buf.String(), `value="congvu &lt;test&gt; &amp; co"`) {
		t.Error("log name not escaped")
	}
}

// A golden check of the smallest log: one trace, one event.
func TestXESGolden(t *testing.T) {
	var buf bytes.Buffer
	err := WriteXES(&buf, "congvu", []Trace{{CaseID: "X-1", Events: []LogEvent{
		{CaseID: "X-1", Activity: "receive", At: at(2026, time.March, 2, 8, 15), Resource: "Đức", Group: "Một cửa"}}}})
	if err != nil {
		t.Fatal(err)
	}
	const want = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <global scope="trace">
    <string key="concept:name" value="UNKNOWN"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="UNKNOWN"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000+00:00"/>
    <string key="lifecycle:transition" value="complete"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <classifier name="Activity and lifecycle" keys="concept:name lifecycle:transition"/>
  <classifier name="Resource" keys="org:resource"/>
  <string key="concept:name" value="congvu"/>
  <string key="lifecycle:model" value="standard"/>
  <trace>
    <string key="concept:name" value="X-1"/>
    <event>
      <string key="concept:name" value="receive"/>
      <date key="time:timestamp" value="2026-03-02T08:15:00.000+07:00"/>
      <string key="org:resource" value="Đức"/>
      <string key="org:group" value="Một cửa"/>
      <string key="lifecycle:transition" value="complete"/>
    </event>
  </trace>
</log>
`
	if got := buf.String(); got != want {
		t.Errorf("XES differs:\n%s", got)
	}
}

// The OCEL 2.0 JSON document, with the fields the schema requires.
type (
	ocelDoc struct {
		ObjectTypes []struct {
			Name       *string `json:"name"`
			Attributes []struct {
				Name string `json:"name"`
				Type string `json:"type"`
			} `json:"attributes"`
		} `json:"objectTypes"`
		EventTypes []struct {
			Name       *string           `json:"name"`
			Attributes []json.RawMessage `json:"attributes"`
		} `json:"eventTypes"`
		Objects []struct {
			ID         string `json:"id"`
			Type       string `json:"type"`
			Attributes []struct {
				Name  string `json:"name"`
				Time  string `json:"time"`
				Value any    `json:"value"`
			} `json:"attributes"`
			Relationships []ocelRelationship `json:"relationships"`
		} `json:"objects"`
		Events []struct {
			ID            string             `json:"id"`
			Type          string             `json:"type"`
			Time          string             `json:"time"`
			Attributes    []json.RawMessage  `json:"attributes"`
			Relationships []ocelRelationship `json:"relationships"`
		} `json:"events"`
	}
)

func TestOCEL(t *testing.T) {
	var events []LogEvent
	for _, tr := range smallLog() {
		events = append(events, tr.Events...)
	}
	var buf bytes.Buffer
	if err := WriteOCEL(&buf, events); err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	for _, k := range []string{"objectTypes", "eventTypes", "objects", "events"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q member", k)
		}
	}
	var doc ocelDoc
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	for _, ot := range doc.ObjectTypes {
		if ot.Name == nil || ot.Attributes == nil {
			t.Errorf("object type without name or attributes: %+v", ot)
			continue
		}
		types[*ot.Name] = true
		for _, a := range ot.Attributes {
			if a.Name == "" || a.Type != "string" {
				t.Errorf("object type %s attribute %+v", *ot.Name, a)
			}
		}
	}
	var eventTypes []string
	for _, et := range doc.EventTypes {
		if et.Name == nil || et.Attributes == nil {
			t.Errorf("event type without name or attributes")
			continue
		}
		eventTypes = append(eventTypes, *et.Name)
	}
	if strings.Join(eventTypes, ",") != "receive,forward,complete,submit_online" {
		t.Errorf("event types %v", eventTypes)
	}
	objects := map[string]string{}
	for _, o := range doc.Objects {
		if !types[o.Type] {
			t.Errorf("object %s of undeclared type %q", o.ID, o.Type)
		}
		objects[o.ID] = o.Type
		for _, a := range o.Attributes {
			if _, err := time.Parse(time.RFC3339, a.Time); err != nil || a.Name == "" {
				t.Errorf("object %s attribute %+v", o.ID, a)
			}
		}
	}
	want := map[string]string{"dossier:H05-260302-0042": "dossier", "dossier:H05-260303-0001": "dossier",
		"procedure:1.009645": "procedure", "unit:1": "unit", "unit:2": "unit", "person:7": "person", "person:9": "person"}
	if len(objects) != len(want) {
		t.Errorf("objects %v, want %v", objects, want)
	}
	for id, typ := range want {
		if objects[id] != typ {
			t.Errorf("object %s: type %q, want %q", id, objects[id], typ)
		}
	}
	if len(doc.Events) != 4 {
		t.Fatalf("%d events, want 4", len(doc.Events))
	}
	ids := map[string]bool{}
	for _, e := range doc.Events {
		if ids[e.ID] {
			t.Errorf("event id %s twice", e.ID)
		}
		ids[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Time); err != nil {
			t.Errorf("event %s time %q: %v", e.ID, e.Time, err)
		}
		if e.Attributes == nil || e.Relationships == nil {
			t.Errorf("event %s lacks attributes or relationships", e.ID)
		}
		for _, r := range e.Relationships {
			if objects[r.ObjectID] == "" {
				t.Errorf("event %s relates to unknown object %s", e.ID, r.ObjectID)
			}
		}
	}
	third := doc.Events[2]
	if third.ID != "H05-260302-0042#3" || third.Type != "complete" || third.Time != "2026-03-18T09:05:00+07:00" {
		t.Errorf("third event %+v", third)
	}
	rels := map[string]string{}
	for _, r := range third.Relationships {
		rels[r.Qualifier] = r.ObjectID
	}
	if rels["dossier"] != "dossier:H05-260302-0042" || rels["unit"] != "unit:2" || rels["resource"] != "person:9" {
		t.Errorf("third event relationships %v", rels)
	}
	if online := doc.Events[3]; len(online.Relationships) != 2 || online.Relationships[1].ObjectID != "procedure:1.009645" {
		t.Errorf("online filing relationships %v, want the dossier and its procedure", online.Relationships)
	}
	for _, o := range doc.Objects {
		if o.ID == "dossier:H05-260302-0042" && (len(o.Relationships) != 1 || o.Relationships[0].ObjectID != "procedure:1.009645") {
			t.Errorf("dossier relationships %v", o.Relationships)
		}
	}
}

func TestOCELEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteOCEL(&buf, nil); err != nil {
		t.Fatal(err)
	}
	var doc ocelDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if doc.Objects == nil || doc.Events == nil || len(doc.EventTypes) != 0 {
		t.Errorf("empty log %s", buf.String())
	}
}
