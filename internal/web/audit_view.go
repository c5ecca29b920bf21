package web

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/work"
)

// The journal stores each event's object type, action and payload as the
// code names them ("account", "login", {"person_id":41}); the pages show
// them in the user's language: "Tài khoản giamdoc", "Đăng nhập", a list
// of the fields with their labels, dates as dd/mm/yyyy HH:MM, and names
// of people and units instead of their ids.

// AuditRow is one journal event as a page shows it.
type AuditRow struct {
	audit.Event
	Object string
	Verb   string
	Fields []AuditField
}

// AuditField is one changed field: its label and its value in words.
type AuditField struct{ Label, Value string }

// personKeys and unitKeys are the payload fields that hold the id of a
// person or a unit, shown by name.
var (
	personKeys = map[string]bool{"person_id": true, "from": true, "to": true, "lead_person_id": true, "assigner_id": true}
	unitKeys   = map[string]bool{"unit_id": true, "lead_unit_id": true, "owner_unit_id": true, "agency_id": true, "sources": true, "successors": true, "into": true}
)

// auditOrder is the order of the fields a reader expects.
var auditOrder = []string{"title", "name", "full_name", "code", "from", "to", "person_id", "login", "role", "position", "unit_id",
	"lead_unit_id", "lead_person_id", "assigner_id", "starts_at", "ends_at", "valid_from", "valid_to", "effective_on", "effective_from",
	"at", "due", "deadline", "status", "state", "reason", "note"}

// actorRe is the id the journal keeps after an actor's name, "(#12)".
var actorRe = regexp.MustCompile(`\s*\(#\d+\)$`)

// auditRows turns events into rows; people are named from one query over
// the viewer's agencies, units from the tree the page already holds.
func (s *Server) auditRows(ctx context.Context, b *BasePage, events []audit.Event, agencies []int64) []AuditRow {
	names := map[int64]string{}
	if len(events) > 0 {
		if people, err := s.deps.Store.FindPeople(ctx, org.PersonFilter{AgencyIDs: agencies}); err == nil {
			for _, p := range people {
				names[p.ID] = p.FullName
			}
		}
	}
	rows := make([]AuditRow, len(events))
	for i, e := range events {
		rows[i] = AuditRow{Event: e, Object: auditObject(b, names, e), Verb: auditVerb(b.Lang, e.ObjectType, e.Action)}
		if n := names[e.ActorID]; n != "" && e.ActorID > 0 {
			rows[i].Actor = n
		} else {
			rows[i].Actor = actorRe.ReplaceAllString(e.Actor, "")
		}
		rows[i].Fields = auditFields(b, names, e.Payload)
	}
	return rows
}

// auditVerb names an action: first as the object type's own ("accept" of
// a task is nghiệm thu, of a dossier chấp nhận), then as any object's.
func auditVerb(lang, typ, action string) string {
	for _, k := range []string{"audit.act." + typ + "." + action, "audit.act." + action} {
		if known(k) {
			return T(lang, k)
		}
	}
	return T(lang, "audit.act.other")
}

// auditObject names the object: its kind, and its name where the page
// knows it.
func auditObject(b *BasePage, names map[int64]string, e audit.Event) string {
	kind := T(b.Lang, "audit.obj.other")
	if k := "audit.type." + e.ObjectType; known(k) {
		kind = T(b.Lang, k)
	} else if k := "audit.obj." + e.ObjectType; known(k) {
		kind = T(b.Lang, k)
	}
	id, _ := strconv.ParseInt(e.ObjectID, 10, 64)
	switch {
	case e.ObjectID == "":
		return kind
	case e.ObjectType == "person" && names[id] != "":
		return kind + " " + names[id]
	case (e.ObjectType == "unit" || e.ObjectType == "office_hours" || e.ObjectType == "agency_days_off") && id > 0:
		return kind + " " + b.UnitName(id)
	case e.ObjectType == "task" || e.ObjectType == "plan" || e.ObjectType == "delegation" || e.ObjectType == "restructuring":
		return kind + " " + T(b.Lang, "audit.obj.no", e.ObjectID)
	case e.ObjectID == "settings":
		return kind
	}
	return kind + " " + e.ObjectID
}

// auditFields lists a payload's fields in words, in a stable order.
func auditFields(b *BasePage, names map[int64]string, payload string) []AuditField {
	var m map[string]any
	if payload == "" || json.Unmarshal([]byte(payload), &m) != nil {
		return nil
	}
	return fieldsOf(b, names, m)
}

func fieldsOf(b *BasePage, names map[int64]string, m map[string]any) []AuditField {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// Who and what first, then when, then the rest by name.
	rank := func(k string) int {
		if i := slices.Index(auditOrder, snake(k)); i >= 0 {
			return i
		}
		return len(auditOrder)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ri, rj := rank(keys[i]), rank(keys[j]); ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	var out []AuditField
	for _, k := range keys {
		key := snake(k)
		v := auditValue(b, names, key, m[k])
		if v == "" {
			continue
		}
		label := T(b.Lang, "audit.field.other")
		if l := "audit.field." + key; known(l) {
			label = T(b.Lang, l)
		}
		out = append(out, AuditField{Label: label, Value: v})
	}
	return out
}

// auditValue writes one value: names for ids, dates dd/mm/yyyy, numbers
// the Vietnamese way, yes or no, lists joined; empty for nothing.
func auditValue(b *BasePage, names map[int64]string, key string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return T(b.Lang, "audit.yes")
		}
		return T(b.Lang, "audit.no")
	case float64:
		id := int64(x)
		switch {
		case personKeys[key] && names[id] != "":
			return names[id]
		case unitKeys[key] && float64(id) == x:
			return b.UnitName(id)
		case key == "status":
			return dossier.Status(id).Label(b.Lang)
		}
		return fmtDecimal(x)
	case string:
		return auditText(b, key, x)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s := auditValue(b, names, key, e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		parts := []string{}
		for _, f := range fieldsOf(b, names, x) {
			parts = append(parts, f.Label+": "+f.Value)
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}

// auditText writes a string value: a date or an instant in Vietnam's
// way, a coded value (a role, a state, a unit of time) in words, a JSON
// object (a task event's fields) as its fields.
func auditText(b *BasePage, key, s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if t.IsZero() {
			return ""
		}
		return fmtDate(t) + " " + fmtTime(t)
	}
	if t, err := time.Parse(org.DateLayout, s); err == nil {
		return t.Format("02/01/2006")
	}
	switch key {
	case "role":
		return org.Role(s).Label(b.Lang)
	case "state":
		return work.State(s).Label(b.Lang)
	case "kind":
		return org.UnitKind(s).Label(b.Lang)
	case "unit", "priority", "as":
		if k := "audit.val." + s; known(k) {
			return T(b.Lang, k)
		}
	case "fields":
		var m map[string]any
		if json.Unmarshal([]byte(s), &m) == nil {
			return auditValue(b, nil, key, m)
		}
	}
	return s
}

// snake turns a Go field name into the payload's style: "ValidFrom" →
// "valid_from", "PersonID" → "person_id".
func snake(k string) string {
	if strings.ToLower(k) == k {
		return k
	}
	var sb strings.Builder
	rs := []rune(k)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
				sb.WriteByte('_')
			}
			sb.WriteRune(unicode.ToLower(r))
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
