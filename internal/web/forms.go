package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"congvu/internal/apperr"
)

// Form is a submitted (or blank) form: the values typed, kept when the form
// is shown again, and the error message for each field.
type Form struct {
	Values url.Values
	Errors map[string]string
	// Error is a message about the form as a whole, or about a field the
	// form does not show.
	Error  string
	fields []string
}

// newForm starts a form with the fields it shows (for placing errors) and
// the values submitted (nil for a blank form), which it copies.
func newForm(values url.Values, fields ...string) *Form {
	own := url.Values{} // a copy: the form may drop values (passwords) the handler still needs
	for k, vs := range values {
		own[k] = append([]string(nil), vs...)
	}
	return &Form{Values: own, Errors: map[string]string{}, fields: fields}
}

// Get returns a field's value, trimmed.
func (f *Form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Has reports whether a multi-valued field (a multiple select) holds v.
func (f *Form) Has(name string, v any) bool {
	var s string
	switch x := v.(type) {
	case int64:
		s = strconv.FormatInt(x, 10)
	case string:
		s = x
	default:
		return false
	}
	return slices.Contains(f.Values[name], s)
}

// Err returns the message for a field, or "".
func (f *Form) Err(name string) string { return f.Errors[name] }

// Failed reports whether the form carries an error.
func (f *Form) Failed() bool { return f.Error != "" || len(f.Errors) > 0 }

// SetError places an error's message in the user's language next to its
// field, or at the top of the form when the field is not one it shows.
func (f *Form) SetError(err error, lang string) {
	e := apperr.As(err)
	if e == nil {
		return
	}
	if e.Field != "" && slices.Contains(f.fields, e.Field) {
		f.Errors[e.Field] = e.Message(lang)
		return
	}
	f.Error = e.Message(lang)
}

// Int64 parses an id field; missing or malformed gives an Invalid error
// naming the field, with the catalogue's message.
func (f *Form) Int64(name string) (int64, error) {
	v, err := strconv.ParseInt(f.Get(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, invalid(name, "err.choose")
	}
	return v, nil
}

// Int64s parses a multi-valued id field, ignoring blanks.
func (f *Form) Int64s(name string) ([]int64, error) {
	var out []int64
	for _, s := range f.Values[name] {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v <= 0 {
			return nil, invalid(name, "err.choose")
		}
		out = append(out, v)
	}
	return out, nil
}

// invalid builds an Invalid error about a field from a catalogue message.
func invalid(field, key string, args ...any) error {
	return apperr.New(apperr.Invalid, field, T("vi", key, args...), T("en", key, args...))
}

// formFailure reports whether err is one a form shows next to its fields
// (bad input, a duplicate) rather than an error page.
func formFailure(err error) bool {
	c := apperr.CodeOf(err)
	return c == apperr.Invalid || c == apperr.Conflict || c == apperr.TooLarge || c == apperr.Unsupported
}

// fieldView is what the "field" template needs to draw one labelled input.
type fieldView struct {
	Form     *Form
	Name     string
	Label    string
	Type     string
	Hint     string
	Required bool
}

// newField is the template function behind {{template "field" (field . "name" "Label" "text")}}.
// A trailing "required" marks the field required; a further string is a hint.
func newField(form *Form, name, label, typ string, opts ...string) fieldView {
	fv := fieldView{Form: form, Name: name, Label: label, Type: typ}
	for _, o := range opts {
		if o == "required" {
			fv.Required = true
		} else {
			fv.Hint = o
		}
	}
	return fv
}

// Err is the field's error message.
func (v fieldView) Err() string { return v.Form.Err(v.Name) }
