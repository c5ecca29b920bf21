package api

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// schemas builds JSON Schemas (the dialect of OpenAPI 3.1) for the request
// and response types by reflection, so that the document cannot drift from
// the types the handlers decode and encode. Struct tags say what reflection
// cannot see:
//
//	json:"name,omitempty"  the property name; omitempty means "may be absent"
//	api:"required,format=date,enum=a|b,min=2,max=200"
//	doc:"a sentence for the reader"
//
// In a request type a property is required when tagged api:"required"; in a
// response type, whenever it is not omitempty (it is always present).
type schemas struct {
	defs map[string]any
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// ref returns the schema for a Go type, registering named structs under
// components/schemas.
func (sc *schemas) ref(t reflect.Type, request bool) map[string]any {
	if t == rawMessageType {
		return map[string]any{"description": "any JSON value"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(sc.ref(t.Elem(), request))
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": sc.ref(t.Elem(), request)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": sc.ref(t.Elem(), request)}
	case reflect.Struct:
		name := schemaName(t)
		if _, ok := sc.defs[name]; !ok {
			sc.defs[name] = nil // guards against recursion
			sc.defs[name] = sc.object(t, request)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// object describes a struct's JSON properties, inlining embedded structs.
func (sc *schemas) object(t reflect.Type, request bool) map[string]any {
	props := map[string]any{}
	required := []string{}
	sc.fields(t, request, props, &required)
	out := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		out["required"] = required
	}
	if request {
		out["additionalProperties"] = false // unknown fields are refused
	}
	return out
}

func (sc *schemas) fields(t reflect.Type, request bool, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			sc.fields(f.Type, request, props, required)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p := sc.ref(f.Type, request)
		tags := apiTags(f.Tag.Get("api"))
		if d := f.Tag.Get("doc"); d != "" {
			p = withKey(p, "description", d)
		}
		if v := tags["format"]; v != "" {
			p = withKey(p, "format", v)
		}
		if v := tags["enum"]; v != "" {
			p = withKey(p, "enum", strings.Split(v, "|"))
		}
		for _, k := range []string{"min", "max"} {
			if n, err := strconv.Atoi(tags[k]); err == nil {
				p = withKey(p, map[string]string{"min": "minLength", "max": "maxLength"}[k], n)
			}
		}
		props[name] = p
		_, isRequired := tags["required"]
		if request && isRequired || !request && !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}

// apiTags parses api:"required,format=date,enum=a|b".
func apiTags(tag string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(tag, ",") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out[k] = v
	}
	return out
}

// withKey adds a keyword to a schema; a $ref is wrapped, since a reference
// takes no siblings in the readers that follow OpenAPI 3.0.
func withKey(s map[string]any, k string, v any) map[string]any {
	if _, ok := s["$ref"]; ok && k != "description" {
		s = map[string]any{"allOf": []any{s}}
	}
	s[k] = v
	return s
}

// nullable lets a schema also be null.
func nullable(s map[string]any) map[string]any {
	if t, ok := s["type"].(string); ok {
		s["type"] = []string{t, "null"}
		return s
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

// schemaName is a Go type's name with a capital, as OpenAPI readers expect:
// unitCreateRequest becomes UnitCreateRequest.
func schemaName(t reflect.Type) string {
	r := []rune(t.Name())
	if len(r) == 0 {
		return "Object"
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
