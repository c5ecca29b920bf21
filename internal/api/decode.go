package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"congvu/internal/apperr"
)

// maxBody is the largest request body accepted (1 MiB); larger ones get 413.
const maxBody = 1 << 20

// validator is a request type: it checks and normalises itself once decoded,
// returning an apperr.Invalid error naming the field.
type validator interface{ Validate() error }

// decodeJSON reads a request body into dst and validates it. Every refusal
// is an "invalid" error naming what is wrong, in Vietnamese and English:
//   - Content-Type other than application/json (charset utf-8 if given): 415, field Content-Type;
//   - a body over 1 MiB: 413, field body;
//   - an empty body, invalid UTF-8, malformed JSON (with its line and column),
//     a value that is not an object, or data after the object: 400, field body;
//   - an unknown field: 400 naming it; a value of the wrong type: 400 naming
//     the field (dotted for nested ones, e.g. new_units.name);
//   - then dst.Validate: missing, over-long or malformed fields, 400 naming them.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst validator) error {
	if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return withStatus(http.StatusRequestEntityTooLarge, apperr.Invalidf("body",
				"nội dung yêu cầu quá lớn: tối đa %d byte", "the request body is too large: at most %d bytes", maxBody))
		}
		return apperr.Invalidf("body", "không đọc được nội dung yêu cầu", "could not read the request body")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return apperr.Invalidf("body", "thiếu nội dung yêu cầu (cần một đối tượng JSON)", "the request body is empty (a JSON object is expected)")
	}
	if !utf8.Valid(b) {
		line, col := position(b, invalidUTF8At(b))
		return apperr.Invalidf("body", "nội dung yêu cầu không phải UTF-8 hợp lệ (dòng %d, cột %d)",
			"the request body is not valid UTF-8 (line %d, column %d)", line, col)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return apperr.Invalidf("body", "có dữ liệu thừa sau đối tượng JSON", "unexpected data after the JSON object")
	}
	return dst.Validate()
}

// checkContentType accepts application/json, with charset utf-8 if a
// charset is given.
func checkContentType(ct string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		if cs, ok := params["charset"]; !ok || strings.EqualFold(cs, "utf-8") {
			return nil
		}
	}
	if ct == "" {
		ct = "(không có / none)"
	}
	return withStatus(http.StatusUnsupportedMediaType, apperr.Invalidf("Content-Type",
		"kiểu nội dung %s không được hỗ trợ: cần application/json", "content type %s is not supported: use application/json", ct))
}

// jsonError turns a decoding failure into an error naming the field or the
// position.
func jsonError(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(b, int(syn.Offset))
		return apperr.Invalidf("body", "JSON sai cú pháp ở dòng %d, cột %d (byte %d)",
			"malformed JSON at line %d, column %d (byte %d)", line, col, syn.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Invalidf("body", "JSON bị cắt cụt: thiếu phần cuối", "malformed JSON: it ends too early")
	case errors.As(err, &typ):
		got := jsonKind(typ.Value)
		if typ.Field == "" {
			return apperr.New(apperr.Invalid, "body",
				fmt.Sprintf("nội dung yêu cầu phải là một đối tượng JSON, không phải %s", got[0]),
				fmt.Sprintf("the request body must be a JSON object, not %s", got[1]))
		}
		want := jsonType(typ.Type.Kind())
		return apperr.New(apperr.Invalid, typ.Field,
			fmt.Sprintf("trường %s phải là %s, không phải %s", typ.Field, want[0], got[0]),
			fmt.Sprintf("field %s must be %s, not %s", typ.Field, want[1], got[1]))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		field := name
		if field == "" {
			field = "body" // an empty key names no field
		}
		return apperr.Invalidf(field, "trường không được hỗ trợ: %q", "unknown field: %q", name)
	}
	return apperr.Invalidf("body", "JSON không hợp lệ: %v", "invalid JSON: %v", err)
}

// jsonType names, in Vietnamese and English, the JSON type a Go kind expects.
func jsonType(k reflect.Kind) [2]string {
	switch k {
	case reflect.String:
		return [2]string{"chuỗi ký tự", "a string"}
	case reflect.Bool:
		return [2]string{"true hoặc false", "true or false"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return [2]string{"số nguyên", "an integer"}
	case reflect.Float32, reflect.Float64:
		return [2]string{"số", "a number"}
	case reflect.Slice, reflect.Array:
		return [2]string{"mảng", "an array"}
	}
	return [2]string{"đối tượng", "an object"}
}

// jsonKind names, in Vietnamese and English, what the client sent, from
// json.UnmarshalTypeError.Value ("string", "number", "number 1.5", "bool",
// "array", "object").
func jsonKind(v string) [2]string {
	kind, detail, _ := strings.Cut(v, " ")
	names := map[string][2]string{
		"string": {"chuỗi ký tự", "a string"}, "number": {"số", "a number"}, "bool": {"true/false", "a boolean"},
		"array": {"mảng", "an array"}, "object": {"đối tượng", "an object"}, "null": {"null", "null"},
	}
	n, ok := names[kind]
	if !ok {
		return [2]string{v, v}
	}
	if detail != "" {
		n[0] += " " + detail
		n[1] += " " + detail
	}
	return n
}

// invalidUTF8At returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// position converts a byte offset into a 1-based line and column.
func position(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}
