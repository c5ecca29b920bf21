package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestOCELApplicants: two applicants of one name are two objects, keyed by
// a keyed hash of their ID numbers, which the export does not carry; every
// object is referred to by some event (pm4py drops the others), and the
// document validates against the OCEL 2.0 JSON schema (testdata, from the
// specification): pm4py is not installable here and no Go or npm OCEL
// validator is at hand, so a JSON Schema validator checks it.
func TestOCELApplicants(t *testing.T) {
	key := []byte("a key of the export, 32 bytes...")
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	var events []LogEvent
	for i, id := range []string{"001203004567", "027190001234"} {
		code := []string{"H05-260302-0001", "H05-260302-0002"}[i]
		app := ApplicantKey(key, id, code)
		events = append(events,
			LogEvent{CaseID: code, Activity: "submit_online", At: at, Resource: "Nguyễn Văn An", ProcedureCode: "1.009645", ProcedureName: "Thủ tục", Applicant: app},
			LogEvent{CaseID: code, Activity: "accept", At: at.Add(time.Hour), Resource: "Trần Thị Bình", ResourceID: "7", GroupID: "2", Group: "Bộ phận một cửa",
				ProcedureCode: "1.009645", ProcedureName: "Thủ tục", Applicant: app})
	}
	if ApplicantKey(key, "001 203 004 567", "x") != ApplicantKey(key, "001203004567", "y") {
		t.Error("the key depends on the spacing of the ID number or on the dossier")
	}
	if ApplicantKey(key, "", "A") == ApplicantKey(key, "", "B") {
		t.Error("two dossiers without ID number share an applicant")
	}
	if ApplicantKey([]byte("another key"), "001203004567", "") == ApplicantKey(key, "001203004567", "") {
		t.Error("the hash does not depend on the key")
	}
	var buf bytes.Buffer
	if err := WriteOCEL(&buf, events); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"001203004567", "027190001234", "Nguyễn Văn An"} {
		if strings.Contains(out, s) {
			t.Errorf("the export carries %q", s)
		}
	}
	validateOCELSchema(t, out)
	var doc ocelDoc
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	referred := map[string]bool{}
	for _, e := range doc.Events {
		if e.ID == "" || e.Type == "" || e.Attributes == nil || e.Relationships == nil {
			t.Errorf("event %+v lacks a required member", e)
		}
		for _, r := range e.Relationships {
			if r.ObjectID == "" || r.Qualifier == "" {
				t.Errorf("event %s relationship %+v", e.ID, r)
			}
			referred[r.ObjectID] = true
		}
	}
	applicants := 0
	for _, o := range doc.Objects {
		if !referred[o.ID] {
			t.Errorf("no event refers to object %s (%s)", o.ID, o.Type)
		}
		if o.Type == "applicant" {
			applicants++
		}
	}
	if applicants != 2 {
		t.Errorf("%d applicant objects, want 2 (two people of one name)", applicants)
	}
}

// validateOCELSchema fails the test unless doc validates against the
// OCEL 2.0 JSON schema (ocelSchemaError).
func validateOCELSchema(t *testing.T, doc string) {
	t.Helper()
	if err := ocelSchemaError(doc); err != nil {
		t.Errorf("not a valid OCEL 2.0 document: %v", err)
	}
}

// ocelSchemaError validates an OCEL document against the OCEL 2.0 JSON
// schema of the specification (testdata/ocel20-schema-json.json), with the
// date-time formats asserted.
func ocelSchemaError(doc string) error {
	f, err := os.Open("testdata/ocel20-schema-json.json")
	if err != nil {
		return err
	}
	defer f.Close()
	schema, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("ocel20-schema-json.json", schema); err != nil {
		return err
	}
	sch, err := c.Compile("ocel20-schema-json.json")
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestOCELSchemaCatchesMistakes: the schema check can fail, and the
// writer's documents (the small log too) pass it.
func TestOCELSchemaCatchesMistakes(t *testing.T) {
	for _, bad := range []string{
		`{"events": [], "objects": [], "objectTypes": []}`,
		`{"events": [{"id": "e1", "type": "receive", "time": "hôm qua"}], "objects": [], "objectTypes": [], "eventTypes": []}`,
		`{"events": [], "objects": [{"id": "o1", "type": "x", "attributes": [{"name": "n", "value": "v"}]}], "objectTypes": [], "eventTypes": []}`,
	} {
		if ocelSchemaError(bad) == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
	var events []LogEvent
	for _, tr := range smallLog() {
		events = append(events, tr.Events...)
	}
	var buf bytes.Buffer
	if err := WriteOCEL(&buf, events); err != nil {
		t.Fatal(err)
	}
	validateOCELSchema(t, buf.String())
	buf.Reset()
	if err := WriteOCEL(&buf, nil); err != nil {
		t.Fatal(err)
	}
	validateOCELSchema(t, buf.String())
}
