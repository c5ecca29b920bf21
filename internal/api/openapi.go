package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// openAPIDocument is the OpenAPI 3.1 description of this API.
type openAPIDocument map[string]any

// apiDescription states the conventions every operation follows.
const apiDescription = `The JSON API of congvu.

Authentication: an API token (Authorization: Bearer cvu_...) or the browser session cookie congvu_session; ` +
	`with the cookie, POST, PUT, PATCH and DELETE must carry the session's CSRF token (GET /api/v1/me) in X-CSRF-Token, or get 403. ` +
	`Without a credential every operation but this document answers 401.

Errors: {"error":{"code","message","field","allowed"}} with code one of invalid (400, or 413 for a body over 1 MiB, ` +
	`415 for a Content-Type other than application/json), unauthorized (401), forbidden (403), not_found (404), conflict (409), ` +
	`rate_limited (429), internal (500). The message is in Vietnamese unless the request asks for English ` +
	`(Accept-Language: en, ?lang=en, or the congvu_lang cookie); field names the body field, query parameter or header concerned.

Request bodies: a JSON object in UTF-8; unknown fields, values of the wrong type and data after the object are refused, naming the field.

Lists: a plain JSON array. ?limit= (default 50, at most 500) and ?offset= (default 0) select a page; a page shorter ` +
	`than limit is the last. The audit journal pages backwards with ?before=<seq>.

Dates: "YYYY-MM-DD". Instants: RFC 3339 with the +07:00 offset of Vietnam.`

var pathParam = regexp.MustCompile(`\{([a-zA-Z_][a-zA-Z0-9_]*)(\.\.\.)?\}`)

// buildOpenAPI generates the document from the route list.
func buildOpenAPI(routes []route) []byte {
	sc := &schemas{defs: map[string]any{}}
	errRef := sc.ref(reflect.TypeFor[errorResponse](), false)
	paths := map[string]any{}
	for _, rt := range routes {
		item, _ := paths[rt.Pattern].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[rt.Pattern] = item
		}
		item[strings.ToLower(rt.Method)] = operation(sc, rt, errRef)
	}
	doc := openAPIDocument{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "congvu API",
			"version":     "1",
			"description": apiDescription,
		},
		// A relative URL: the API is served under /api/v1 of whatever host
		// and scheme serve this document (--base-url), so clients resolve
		// the paths against where they fetched it.
		"servers": []any{map[string]any{"url": "/", "description": "the congvu server that serves this document"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": sc.defs,
			"securitySchemes": map[string]any{
				"bearerAuth": map[string]any{"type": "http", "scheme": "bearer", "description": "an API token made with `congvu token create`"},
				"cookieAuth": map[string]any{"type": "apiKey", "in": "cookie", "name": "congvu_session", "description": "the browser session; unsafe methods also need X-CSRF-Token"},
			},
		},
		"security": []any{map[string]any{"bearerAuth": []string{}}, map[string]any{"cookieAuth": []string{}}},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("api: the OpenAPI document does not encode: " + err.Error()) // a programming error, caught by the tests
	}
	return b
}

// operation describes one route.
func operation(sc *schemas, rt route, errRef map[string]any) map[string]any {
	op := map[string]any{"operationId": rt.ID, "summary": rt.Summary, "tags": []string{rt.Tag}}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.Pattern, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": pathParamSchema(m[1])})
	}
	for _, q := range rt.Query {
		params = append(params, map[string]any{"name": q.Name, "in": "query", "required": false,
			"description": q.Doc, "schema": paramSchema(q.Type)})
	}
	if !rt.Access.IsPublic() && !safeMethod(rt.Method) {
		params = append(params, map[string]any{"name": csrfHeader, "in": "header", "required": false,
			"description": "the session's CSRF token; required when authenticating with the session cookie", "schema": map[string]any{"type": "string"}})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if rt.Request != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": sc.ref(reflect.TypeOf(rt.Request), true)}}}
	}
	if rt.RawBody != "" {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			rt.RawBody: map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": rt.RawBody}}}}
	}
	if rt.Upload {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"multipart/form-data": map[string]any{"schema": map[string]any{"type": "object", "required": []string{"file"},
				"properties": map[string]any{"file": map[string]any{"type": "string", "format": "binary",
					"description": "the file: PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS, decided from its bytes"}}}}}}
	}
	if len(rt.Multipart) > 0 {
		props, req := map[string]any{}, []string{}
		for _, fp := range rt.Multipart {
			var sc map[string]any
			switch fp.Type {
			case "binary":
				sc = map[string]any{"type": "string", "format": "binary"}
			case "json":
				sc = map[string]any{"type": "string", "contentMediaType": "application/json"}
			case "boolean":
				sc = map[string]any{"type": "boolean"}
			default:
				sc = map[string]any{"type": "string"}
			}
			if fp.Array {
				sc = map[string]any{"type": "array", "items": sc}
			}
			sc["description"] = fp.Doc
			props[fp.Name] = sc
			if fp.Required {
				req = append(req, fp.Name)
			}
		}
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"multipart/form-data": map[string]any{"schema": map[string]any{"type": "object", "required": req, "properties": props}}}}
	}
	success := map[string]any{"description": http.StatusText(rt.Status)}
	if rt.Download {
		success["description"] = "the file's bytes, as an attachment (Content-Disposition with the name in filename*), X-Content-Type-Options: nosniff"
		success["content"] = map[string]any{"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
	}
	if rt.Response != nil {
		t := reflect.TypeOf(rt.Response)
		if t.Kind() == reflect.Slice {
			success["description"] = "a plain JSON array (a page of the list)"
		}
		success["content"] = map[string]any{"application/json": map[string]any{"schema": sc.ref(t, false)}}
	}
	responses := map[string]any{strconv.Itoa(rt.Status): success}
	errResp := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": errRef}}}
	}
	responses["500"] = errResp("internal error (logged; the message is generic)")
	if rt.Access.IsPublic() {
		op["security"] = []any{}
	} else {
		responses["401"] = errResp("no credential, or an invalid one")
		responses["403"] = errResp("not allowed, or a missing CSRF token with the session cookie")
	}
	if len(params) > 0 || rt.Request != nil {
		responses["400"] = errResp("invalid input; field names it")
	}
	if strings.Contains(rt.Pattern, "{") {
		responses["404"] = errResp("no such object")
	}
	if rt.Request != nil {
		responses["409"] = errResp("conflicts with existing data (e.g. an identifier in use)")
		responses["413"] = errResp("the body is over 1 MiB")
		responses["415"] = errResp("the Content-Type is not application/json")
	}
	if rt.RawBody != "" {
		responses["413"] = errResp("the file is too large")
		responses["415"] = errResp("the Content-Type is not " + rt.RawBody)
	}
	if rt.RateLimited {
		tm := errResp("too many requests from this client address; try again after Retry-After seconds")
		tm["headers"] = map[string]any{"Retry-After": map[string]any{
			"description": "how many seconds to wait before the next request is allowed",
			"schema":      map[string]any{"type": "integer", "minimum": 1}}}
		responses["429"] = tm
	}
	if rt.Upload {
		responses["400"] = errResp("no file in the field \"file\", or an empty one")
		responses["413"] = errResp("the file is over the size limit (--file-max-mb, 20 MB by default)")
		responses["415"] = errResp("the file's bytes are none of PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS")
	}
	if len(rt.Multipart) > 0 {
		responses["400"] = errResp("invalid input (field names it), as the summary says")
		responses["409"] = errResp("the record's state or a limit refuses it, as the summary says")
		responses["413"] = errResp("a file is over the size limit (--file-max-mb, 20 MB by default), or a picture over the pixel limit")
		responses["415"] = errResp("the body is not multipart/form-data, or a file's bytes are not of a type accepted here")
	}
	op["responses"] = responses
	return op
}

// pathParamSchema types a path parameter by its name: ids are integers,
// dossier codes, figures, dates and years have their own forms.
func pathParamSchema(name string) map[string]any {
	switch name {
	case "code":
		return map[string]any{"type": "string", "description": "a dossier code such as 000.00.15.H27-260302-0001, or a procedure code such as 1.009645"}
	case "figure":
		return map[string]any{"type": "string", "description": "a figure of the period report, e.g. resolved_late"}
	case "date":
		return map[string]any{"type": "string", "format": "date"}
	case "token":
		return map[string]any{"type": "string", "description": "a short-lived signed download link's token, as given by the operation that lists the files"}
	case "year":
		return map[string]any{"type": "integer", "minimum": 1900, "maximum": 2199}
	}
	return map[string]any{"type": "integer", "format": "int64", "minimum": 1}
}

func paramSchema(typ string) map[string]any {
	switch typ {
	case "date":
		return map[string]any{"type": "string", "format": "date"}
	case "integer":
		return map[string]any{"type": "integer", "format": "int64"}
	}
	return map[string]any{"type": typ}
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(s.openapi)
	return nil
}
