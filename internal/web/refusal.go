package web

import (
	"congvu/internal/apperr"
	"congvu/internal/auth"
)

// refusedAction is the Forbidden error for an action the user holds
// nowhere, saying in words what is refused and who may do it; the action's
// own name ("dossier.stats") is for the code, never for the page.
func refusedAction(a auth.Action) error {
	key := "perm." + string(a)
	if !known(key) {
		key = "perm.any"
	}
	return apperr.New(apperr.Forbidden, "", T("vi", key), T("en", key))
}
