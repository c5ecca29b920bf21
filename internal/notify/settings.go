package notify

import (
	"congvu/internal/apperr"
)

// Settings are a person's e-mail choices: for each kind, whether it also
// goes by e-mail. A kind not in the map takes its default (Default).
type Settings map[Kind]bool

// Default is whether a kind goes by e-mail before the person chooses:
// every kind does, as every notification did before the choice existed.
func Default(Kind) bool { return true }

// Email reports whether notifications of the stored kind go by e-mail.
func (s Settings) Email(stored string) bool {
	k := Of(stored)
	if v, ok := s[k]; ok {
		return v
	}
	return Default(k)
}

// Full returns every kind with its value, defaults filled in.
func (s Settings) Full() Settings {
	out := make(Settings, len(Kinds))
	for _, k := range Kinds {
		v, ok := s[k]
		if !ok {
			v = Default(k)
		}
		out[k] = v
	}
	return out
}

// Validate refuses an unknown kind, naming it.
// Errors: apperr.Invalid with the field "email.<kind>".
func (s Settings) Validate() error {
	for k := range s {
		if !k.Valid() {
			return apperr.Invalidf("email."+string(k), "loại thông báo không có: %q", "unknown notification kind %q", string(k))
		}
	}
	return nil
}
