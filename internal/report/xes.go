package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The standard XES extensions the log declares (IEEE 1849-2016).
var xesExtensions = []struct{ name, prefix, uri string }{
	{"Concept", "concept", "http://www.xes-standard.org/concept.xesext"},
	{"Time", "time", "http://www.xes-standard.org/time.xesext"},
	{"Organizational", "org", "http://www.xes-standard.org/org.xesext"},
	{"Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"},
}

// XESWriter streams an XES event log (IEEE 1849-2016): one trace per
// dossier (concept:name = the dossier code, with the procedure's code and
// name), events with concept:name, time:timestamp, org:resource,
// lifecycle:transition "complete" and, when known, org:group. Traces are
// written as they come, so a log of millions of events never sits in
// memory. Call Close to end the log.
type XESWriter struct {
	w   *bufio.Writer
	err error
}

// NewXESWriter writes the log's head: the extensions, the global attributes
// of traces and events, the classifiers and the log's name.
func NewXESWriter(w io.Writer, name string) (*XESWriter, error) {
	x := &XESWriter{w: bufio.NewWriter(w)}
	x.printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	x.printf("<log xes.version=\"1849-2016\" xes.features=\"\" xmlns=\"http://www.xes-standard.org/\">\n")
	for _, e := range xesExtensions {
		x.printf("  <extension name=\"%s\" prefix=\"%s\" uri=\"%s\"/>\n", e.name, e.prefix, e.uri)
	}
	x.printf("  <global scope=\"trace\">\n")
	x.attr(2, "string", "concept:name", "UNKNOWN")
	x.printf("  </global>\n  <global scope=\"event\">\n")
	x.attr(2, "string", "concept:name", "UNKNOWN")
	x.attr(2, "date", "time:timestamp", "1970-01-01T00:00:00.000+00:00")
	x.attr(2, "string", "lifecycle:transition", "complete")
	x.printf("  </global>\n")
	x.printf("  <classifier name=\"Activity\" keys=\"concept:name\"/>\n")
	x.printf("  <classifier name=\"Activity and lifecycle\" keys=\"concept:name lifecycle:transition\"/>\n")
	x.printf("  <classifier name=\"Resource\" keys=\"org:resource\"/>\n")
	x.attr(1, "string", "concept:name", name)
	x.attr(1, "string", "lifecycle:model", "standard")
	return x, x.err
}

func (x *XESWriter) printf(format string, args ...any) {
	if x.err == nil {
		_, x.err = fmt.Fprintf(x.w, format, args...)
	}
}

// attr writes one attribute element, its value escaped.
func (x *XESWriter) attr(depth int, typ, key, value string) {
	if x.err != nil {
		return
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(nfc(value)))
	x.printf("%s<%s key=\"%s\" value=\"%s\"/>\n", strings.Repeat("  ", depth), typ, key, b.String())
}

// WriteTrace writes one dossier's trace with its events, in the order
// given.
func (x *XESWriter) WriteTrace(t Trace) error {
	x.printf("  <trace>\n")
	x.attr(2, "string", "concept:name", t.CaseID)
	if t.ProcedureCode != "" {
		x.attr(2, "string", "procedureCode", t.ProcedureCode)
	}
	if t.ProcedureName != "" {
		x.attr(2, "string", "procedureName", t.ProcedureName)
	}
	for _, e := range t.Events {
		x.printf("    <event>\n")
		x.attr(3, "string", "concept:name", e.Activity)
		x.attr(3, "date", "time:timestamp", logTime(e.At))
		if e.Resource != "" {
			x.attr(3, "string", "org:resource", e.Resource)
		}
		if e.Group != "" {
			x.attr(3, "string", "org:group", e.Group)
		}
		x.attr(3, "string", "lifecycle:transition", "complete")
		x.printf("    </event>\n")
	}
	x.printf("  </trace>\n")
	if x.err != nil {
		return fmt.Errorf("report: xes: %w", x.err)
	}
	return nil
}

// Close ends the log and flushes it; it does not close the underlying
// writer.
func (x *XESWriter) Close() error {
	x.printf("</log>\n")
	if x.err == nil {
		x.err = x.w.Flush()
	}
	if x.err != nil {
		return fmt.Errorf("report: xes: %w", x.err)
	}
	return nil
}

// WriteXES writes a whole log of traces; see XESWriter to stream.
func WriteXES(w io.Writer, name string, traces []Trace) error {
	x, err := NewXESWriter(w, name)
	if err != nil {
		return fmt.Errorf("report: xes: %w", err)
	}
	for _, t := range traces {
		if err := x.WriteTrace(t); err != nil {
			return err
		}
	}
	return x.Close()
}
