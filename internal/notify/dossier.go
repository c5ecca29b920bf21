package notify

import (
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// DueSoonWindow is the working time before the due instant from which a
// dossier is "sắp đến hạn" (due soon): 24 working hours, three working
// days of 8 hours (DOMAIN.md §1.4).
const DueSoonWindow = 24 * time.Hour

// ForEvent is the notification a dossier event gives rise to: a forward
// tells the receiver, a received supplement tells the handler, a return
// for rework tells the handler of the earlier step it goes back to. Other
// events notify nobody (the desk and the applicant see them on the page).
func ForEvent(a dossier.Action) (Kind, bool) {
	switch a {
	case dossier.Forward:
		return DossierForwarded, true
	case dossier.ReceiveSupplement:
		return DossierSupplement, true
	case dossier.ReturnForRework:
		return DossierReturned, true
	}
	return "", false
}

// HandlerRoles are the roles of a unit that are told of a dossier sent to
// the unit without a named handler: those who may take it (dossier.handle
// on the unit).
var HandlerRoles = []org.Role{org.RoleOfficial, org.RoleHead, org.RoleDeputyHead}

// HeadRoles are told, beside the handler, when a dossier of their unit is
// overdue.
var HeadRoles = []org.Role{org.RoleHead, org.RoleDeputyHead}

// DueState says whether a dossier due at due is, at now, overdue or due
// within DueSoonWindow working hours on cal (the calendar of its agency).
// A paused dossier is neither: its due moves when it resumes.
func DueState(cal *calendar.Calendar, due, now time.Time, paused bool) (Kind, bool, error) {
	if paused || due.IsZero() {
		return "", false, nil
	}
	if !due.After(now) {
		return DossierOverdue, true, nil
	}
	left, err := cal.Between(now, due)
	if err != nil {
		return "", false, err
	}
	if left <= DueSoonWindow {
		return DossierDueSoon, true, nil
	}
	return "", false, nil
}

// Recipients lists, without duplicates, who is told: the named person when
// there is one, otherwise the current members of unit holding one of
// roles; plus, always, the members of unit holding one of extra (the heads
// of a late dossier's unit). members are current memberships.
func Recipients(named, unit int64, members []org.Membership, roles, extra []org.Role) []int64 {
	var out []int64
	seen := map[int64]bool{}
	add := func(id int64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	add(named)
	for _, m := range members {
		if m.UnitID != unit {
			continue
		}
		if (named == 0 && hasRole(roles, m.Role)) || hasRole(extra, m.Role) {
			add(m.PersonID)
		}
	}
	return out
}

func hasRole(roles []org.Role, r org.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
