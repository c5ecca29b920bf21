package accesstest

import (
	"slices"

	"congvu/internal/access"
)

// Class is what kind of answer a request gets, which is what the matrix
// compares (not the exact status):
//
//	allow  2xx, or a redirect that is not to the login page: the request
//	       was carried out (every request carries a valid body, so that
//	       authorisation is what decides; a 400, 409 or 422 is never
//	       counted as allowed)
//	deny   403 or 404: refused, or not shown to the caller (404 is how a
//	       dossier or task one may not see is answered); also 400 where the
//	       case says the body's target is looked up in the caller's own
//	       agency (Case.Deny400)
//	login  401 from the API, or a redirect to /login from the web
//	hidden a list answered (2xx) without the target in it, for a rule
//	       that Shows its items to fewer people than may ask
//
// Any other status is its own class ("status 500") and never matches.
type Class string

// The classes.
const (
	Allow Class = "allow"
	Deny  Class = "deny"
	Login Class = "login"
	// Hidden: a list served without the target (Case.Marker absent).
	Hidden Class = "hidden"
)

// Target describes what a case's request acts on, as far as the rule
// needs: the unit it belongs to and the identities in a relation to it.
type Target struct {
	// AtDesk: the target's unit is the desk of the agency (receiving a
	// dossier), not the own unit.
	AtDesk bool
	// Parties maps a relation ("lead", "recipient", "self") to the key of
	// the identity in it, e.g. "official@own".
	Parties map[string]string
}

// Expect is the class rule gives id on a target under the correct rules of
// issue #11: a grant never reaches across an agency boundary, so from the
// parent or a sibling agency only Home grants (the caller's own agency)
// and relations apply, and System grants (national data) only from the
// parent, the top unit of the tree.
func Expect(rule access.Rule, id *Identity, tg Target) Class {
	c := expect(rule, id, tg)
	if items, ok := rule.Items(); ok && c == Allow && expect(items, id, tg) != Allow {
		return Hidden
	}
	return c
}

func expect(rule access.Rule, id *Identity, tg Target) Class {
	switch {
	case rule.IsPublic():
		return Allow
	case id.Anonymous():
		return Login
	case rule.IsLogin():
		return Allow
	}
	for _, rel := range rule.Relations() {
		if k, ok := tg.Parties[rel]; ok && k == id.Key() {
			return Allow
		}
	}
	for _, g := range rule.Grants() {
		if !slices.Contains(g.Roles, id.Role) {
			continue
		}
		switch g.Scope {
		case access.Home:
			return Allow
		case access.System:
			// National data: only from a top unit of the tree (UBND tỉnh,
			// the parent place), never from inside an agency.
			if id.Place == Parent {
				return Allow
			}
		case access.Agency:
			if id.Place == Own || id.Place == Other || id.Place == Top {
				return Allow
			}
		case access.Subtree:
			// The units above the target within its agency: the agency top,
			// and the own unit itself unless the target is at the desk.
			if id.Place == Top || id.Place == Own && !tg.AtDesk {
				return Allow
			}
		}
	}
	return Deny
}
