package dossier

import "congvu/internal/apperr"

// NotFound is the answer for a dossier code that names nothing, and
// equally for a dossier the caller may not see: a 403 there would tell
// that the dossier exists.
func NotFound(code string) error {
	return apperr.NotFoundf("Không tìm thấy hồ sơ %s", "dossier %s not found", code)
}

// Hide turns the refusal to view a dossier (Forbidden from CanView) into
// NotFound(code); any other error is returned as it is.
func Hide(err error, code string) error {
	if apperr.Is(err, apperr.Forbidden) {
		return NotFound(code)
	}
	return err
}
