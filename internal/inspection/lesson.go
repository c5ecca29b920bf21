package inspection

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/fold"
)

// LinkKind is what a lesson is about.
type LinkKind string

// The kinds of record a lesson links to.
const (
	LinkTask       LinkKind = "task"
	LinkDossier    LinkKind = "dossier"
	LinkProcedure  LinkKind = "procedure"
	LinkInspection LinkKind = "inspection"
	LinkProject    LinkKind = "project"
)

var linkLabels = map[LinkKind][2]string{
	LinkTask:       {"Nhiệm vụ", "Task"},
	LinkDossier:    {"Hồ sơ", "Dossier"},
	LinkProcedure:  {"Thủ tục hành chính", "Procedure"},
	LinkInspection: {"Cuộc kiểm tra", "Inspection"},
	LinkProject:    {"Dự án", "Project"},
}

// LinkKinds lists the kinds in the order a form offers them.
var LinkKinds = []LinkKind{LinkDossier, LinkProcedure, LinkTask, LinkProject, LinkInspection}

// Valid reports whether k is one of the kinds.
func (k LinkKind) Valid() bool { _, ok := linkLabels[k]; return ok }

// Label names the kind in "vi" or "en".
func (k LinkKind) Label(lang string) string { return pick(linkLabels[k], lang) }

// Lesson is one lesson learned (bài học kinh nghiệm): what happened, its
// cause, the lesson and the action taken, about one record. The keys
// ProcedureCode, PlanID and InvestorID are resolved from the record when
// the lesson is written, so that it shows where it matters next time: on
// a dossier of the same procedure, a task of the same plan, a project of
// the same investor.
type Lesson struct {
	ID       int64
	AgencyID int64
	Kind     LinkKind
	Ref      string // the dossier's or project's code, the procedure's code, the task's or inspection's number
	RefID    int64
	RefTitle string // what the record is called, as it was when written

	What   string // sự việc
	Cause  string // nguyên nhân
	Lesson string // bài học
	Action string // biện pháp, hành động

	ProcedureCode string
	PlanID        int64
	InvestorID    int64

	ByID   int64
	ByName string
	At     time.Time
}

// Validate checks a lesson as written: its link, and the four texts (what
// happened and the lesson required).
func (l *Lesson) Validate() error {
	if l.Kind == "" {
		return apperr.Invalidf("kind", "chọn loại hồ sơ, việc liên quan", "choose what the lesson is about")
	}
	if !l.Kind.Valid() {
		return apperr.Invalidf("kind", "loại hồ sơ liên kết không hợp lệ: %q", "unknown link kind %q", string(l.Kind))
	}
	l.Ref = strings.TrimSpace(l.Ref)
	if l.Ref == "" {
		return apperr.Invalidf("ref", "cần mã hồ sơ, nhiệm vụ, thủ tục, dự án hoặc cuộc kiểm tra liên quan", "the linked record is required")
	}
	var err error
	if l.What, err = apperr.Text("what", l.What, 5, 2000); err != nil {
		return err
	}
	if l.Cause, err = apperr.Text("cause", l.Cause, 0, 2000); err != nil {
		return err
	}
	if l.Lesson, err = apperr.Text("lesson", l.Lesson, 5, 2000); err != nil {
		return err
	}
	if l.Action, err = apperr.Text("action", l.Action, 0, 2000); err != nil {
		return err
	}
	return nil
}

// SearchText is what a search without diacritics looks in: the four texts,
// the record's reference and title, folded (internal/fold).
func (l Lesson) SearchText() string {
	return fold.String(strings.Join([]string{l.Ref, l.RefTitle, l.What, l.Cause, l.Lesson, l.Action}, " "))
}
