package review

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"congvu/internal/apperr"
)

// Status is where a review stands: a draft the head edits, or issued and
// locked.
type Status string

// The two statuses.
const (
	Draft  Status = "draft"
	Issued Status = "issued"
)

// Count is one line of a figures table: a label and its number.
type Count struct {
	Label string `json:"label"`
	Value int    `json:"value"`
}

// LateItem is a task or dossier finished (or still open) past its due
// date, with the cause recorded for it.
type LateItem struct {
	Kind  string `json:"kind"` // "task" or "dossier"
	Ref   string `json:"ref"`  // the dossier's code or the task's title
	Due   string `json:"due"`  // dd/mm/yyyy
	Days  int    `json:"days"` // working days late
	Cause string `json:"cause"`
}

// Figures are the parts of a review drafted from the records at the time
// of drafting, kept as they were so an issued review does not move when
// the records do. Inspections and Lessons stay empty until those
// capabilities record something for the unit and period (the hook: the
// drafter fills them when the store has them; the document shows a section
// only when it is not empty).
type Figures struct {
	TasksAssigned   int        `json:"tasks_assigned"`
	TasksDone       int        `json:"tasks_done"`
	TasksOnTime     int        `json:"tasks_on_time"`
	TasksLate       int        `json:"tasks_late"`
	TasksOpen       int        `json:"tasks_open"`
	DossiersTotal   int        `json:"dossiers_total"`
	DossiersOnTime  int        `json:"dossiers_on_time"` // resolved early or on time
	DossiersLate    int        `json:"dossiers_late"`
	DossiersOpen    int        `json:"dossiers_open"`
	Obstacles       int        `json:"obstacles"`
	ObstaclesSolved int        `json:"obstacles_solved"`
	Extensions      int        `json:"extensions"`
	Late            []LateItem `json:"late,omitempty"`
	Inspections     []Count    `json:"inspections,omitempty"`
	Lessons         []string   `json:"lessons,omitempty"`
}

// Narrative is what the head writes.
type Narrative struct {
	Results      string `json:"results"`      // kết quả đạt được
	Shortcomings string `json:"shortcomings"` // tồn tại, hạn chế và nguyên nhân
	Lessons      string `json:"lessons"`      // bài học kinh nghiệm
	NextTasks    string `json:"next_tasks"`   // nhiệm vụ kỳ tới
}

// Limit on each narrative section, in runes.
const narrativeMax = 20000

// Validate checks each section's length.
func (n Narrative) Validate() error {
	for _, f := range []struct{ field, s string }{
		{"results", n.Results}, {"shortcomings", n.Shortcomings},
		{"lessons", n.Lessons}, {"next_tasks", n.NextTasks},
	} {
		if len([]rune(f.s)) > narrativeMax {
			return apperr.Invalidf(f.field, "Phần viết quá dài (tối đa %d ký tự)", "Section too long (at most %d characters)", narrativeMax)
		}
	}
	return nil
}

// Review is one báo cáo sơ kết or tổng kết of a unit.
type Review struct {
	ID         int64     `json:"id"`
	AgencyID   int64     `json:"agency_id"`
	UnitID     int64     `json:"unit_id"`
	UnitName   string    `json:"unit_name"`
	Period     Period    `json:"period"`
	Number     string    `json:"number"` // số, ký hiệu, e.g. "12/BC-VP"
	Recipients []string  `json:"recipients"`
	Signer     string    `json:"signer"`
	SignerRole string    `json:"signer_role"` // "TRƯỞNG PHÒNG"
	Figures    Figures   `json:"figures"`
	Narrative  Narrative `json:"narrative"`
	Status     Status    `json:"status"`
	IssuedAt   time.Time `json:"issued_at,omitzero"`
	SHA256     string    `json:"sha256,omitempty"` // of the issued DOCX
}

// Edit replaces the narrative and the header fields of a draft; an issued
// review is locked (apperr.Conflict).
func (r *Review) Edit(n Narrative, number, signer string, recipients []string) error {
	if r.Status == Issued {
		return apperr.Conflictf("Báo cáo đã ban hành, không sửa được", "The review has been issued and cannot be edited")
	}
	if err := n.Validate(); err != nil {
		return err
	}
	if len([]rune(number)) > 50 {
		return apperr.Invalidf("number", "Số, ký hiệu quá dài", "Number too long")
	}
	if len(recipients) > 30 {
		return apperr.Invalidf("recipients", "Quá nhiều nơi nhận (tối đa 30)", "Too many recipients (at most 30)")
	}
	r.Narrative, r.Number, r.Signer, r.Recipients = n, number, signer, recipients
	return nil
}

// Issue locks the review at now with the SHA-256 of the issued document.
// It needs a number and the results section; an issued review cannot be
// issued again (apperr.Conflict).
func (r *Review) Issue(now time.Time, doc []byte) error {
	if r.Status == Issued {
		return apperr.Conflictf("Báo cáo đã ban hành", "The review has already been issued")
	}
	if r.Number == "" {
		return apperr.Invalidf("number", "Cần số, ký hiệu trước khi ban hành", "A number is needed before issuing")
	}
	if r.Narrative.Results == "" {
		return apperr.Invalidf("results", "Cần viết phần kết quả đạt được trước khi ban hành", "The results section is needed before issuing")
	}
	sum := sha256.Sum256(doc)
	r.Status, r.IssuedAt, r.SHA256 = Issued, now.UTC(), hex.EncodeToString(sum[:])
	return nil
}

// CanWrite says whether a head whose subtree is the given set of units may
// draft or edit a review of unit: only within their own subtree (a head
// writes no review of another unit; apperr.Forbidden).
func CanWrite(subtree map[int64]bool, unit int64) error {
	if !subtree[unit] {
		return apperr.Forbiddenf("Chỉ lập báo cáo cho đơn vị mình phụ trách", "You may only write reviews of your own unit")
	}
	return nil
}
