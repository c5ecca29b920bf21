// Package notify names what congvu tells people about (thông báo) and
// decides, as pure rules, which dossier events notify whom and which kinds
// a person also receives by e-mail. The in-app inbox always gets every
// notification; e-mail is the person's choice per kind (Settings).
//
// Dossier notifications follow the one-stop mechanism's hand-offs (NĐ
// 118/2025/NĐ-CP, the process-control slip): the receiver of a forwarded
// dossier, the handler of a dossier whose supplement arrived, and the
// handler (and, once late, the head) of a dossier due within 24 working
// hours ("sắp đến hạn", DOMAIN.md §1.4) or overdue.
package notify

import "slices"

// Kind is an e-mail choice: one kind of notification or a small family of
// them (Of maps a notification's stored kind to it).
type Kind string

// The kinds a person may choose to receive by e-mail.
const (
	DossierForwarded  Kind = "dossier_forwarded"  // a dossier was forwarded to me or my unit
	DossierSupplement Kind = "dossier_supplement" // the applicant's supplement was received
	DossierReturned   Kind = "dossier_returned"   // a dossier was returned to me or my unit for rework
	DossierDueSoon    Kind = "dossier_due_soon"   // due within 24 working hours
	DossierOverdue    Kind = "dossier_overdue"    // past its due instant
	TaskAssigned      Kind = "task_assigned"      // a task was assigned to me
	TaskDue           Kind = "task_due"           // a task is due soon or today
	TaskOverdue       Kind = "task_overdue"       // a task is overdue
	TaskReturned      Kind = "task_returned"      // a result was returned for rework
	TaskUpdate        Kind = "task_update"        // any other event of a task (obstacle, extension, submit, accept, ...)
	Digest            Kind = "digest"             // the heads' daily digest
)

// Kinds lists the kinds in the order the settings page shows them.
var Kinds = []Kind{DossierForwarded, DossierSupplement, DossierReturned, DossierDueSoon, DossierOverdue,
	TaskAssigned, TaskDue, TaskOverdue, TaskReturned, TaskUpdate, Digest}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Dossier reports whether k is about dossiers.
func (k Kind) Dossier() bool {
	switch k {
	case DossierForwarded, DossierSupplement, DossierReturned, DossierDueSoon, DossierOverdue:
		return true
	}
	return false
}

// Of is the e-mail kind of a notification stored with kind stored: the
// dossier kinds and "digest" are themselves; the task jobs' kinds
// ("task_assigned", "due_soon", "due_today", "overdue" and the work
// actions) fall into the task families.
func Of(stored string) Kind {
	switch k := Kind(stored); {
	case k.Valid():
		return k
	}
	switch stored {
	case "due_soon", "due_today":
		return TaskDue
	case "overdue":
		return TaskOverdue
	case "return":
		return TaskReturned
	}
	return TaskUpdate
}
