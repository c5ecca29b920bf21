package file

import (
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
)

// The kinds of record a file is attached to; each has its own read policy,
// the record's own (see CanRead).
const (
	KindDossier = "dossier" // RecordID: the dossier's code
	KindTask    = "task"    // RecordID: the task's id
	KindPlan    = "plan"    // RecordID: the plan's id (evidence of a target's actual)
	// KindProject: a public-investment project (internal/investment);
	// RecordID: the project's id. Its decisions, reports and the other
	// modules' documents about it (appraisal reports, supervision reports).
	KindProject = "project"
)

// Slots say what a file is to its record: which checklist line of a
// dossier it is the scan of, or that it is the result, a supplement, a
// decision, a task's report or product, a target's evidence.
const (
	SlotResult     = "result"     // the dossier's result document (kết quả)
	SlotSupplement = "supplement" // a document brought to complete it (bổ sung)
	SlotDecision   = "decision"   // a decision document (quyết định)
	SlotReport     = "report"     // a task's progress report (báo cáo tiến độ)
	SlotProduct    = "product"    // a task's product (sản phẩm)
	SlotEvidence   = "evidence"   // a plan target's evidence (minh chứng), "evidence:<target id>"
	SlotConclusion = "conclusion" // an inspection's conclusion (kết luận kiểm tra)
	slotChecklist  = "doc:"       // "doc:<n>": the scan of the n-th document received (from 1)
)

// ChecklistSlot is the slot of the scan of the n-th document (from 1) in
// a dossier's checklist.
func ChecklistSlot(n int) string { return slotChecklist + strconv.Itoa(n) }

// ChecklistLine is the line (from 1) a checklist slot names, 0 for any other slot.
func ChecklistLine(slot string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(slot, slotChecklist))
	if !strings.HasPrefix(slot, slotChecklist) || err != nil {
		return 0
	}
	return n
}

// Link is a file's place in a record. Removing a file from a record ends
// its link (RemovedAt), journalled; the link stays, so that the record's
// history still says which file it held and who took it away.
type Link struct {
	ID         int64
	FileID     int64
	Kind       string
	RecordID   string
	Slot       string
	AttachedBy int64
	AttachedAt time.Time
	RemovedBy  int64
	RemovedAt  *time.Time
	File       File // the file, when the link was read with it
}

// Live says whether the file is still attached.
func (l Link) Live() bool { return l.RemovedAt == nil }

// ValidateSlot checks a slot for a kind of record: a dossier takes
// checklist lines, the result, supplements and decisions; a task its
// reports and products; a plan its targets' evidence.
func ValidateSlot(kind, slot string) error {
	ok := false
	switch kind {
	case KindDossier:
		ok = ChecklistLine(slot) > 0 || slot == SlotResult || slot == SlotSupplement || slot == SlotDecision
	case KindTask:
		ok = slot == SlotReport || slot == SlotProduct || slot == SlotDecision
	case KindPlan:
		ok = slot == SlotEvidence || strings.HasPrefix(slot, SlotEvidence+":") || slot == SlotDecision
	case KindProject:
		ok = slot == SlotDecision || slot == SlotReport || slot == SlotResult || slot == SlotEvidence || strings.HasPrefix(slot, SlotEvidence+":") || slot == SlotConclusion
	default:
		return apperr.Invalidf("kind", "Loại hồ sơ đính kèm không hợp lệ: %q", "Unknown kind of record: %q", kind)
	}
	if slot == "" {
		return apperr.Invalidf("slot", "Vui lòng chọn tệp này là gì (bản quét, kết quả, quyết định…)", "Please choose what this file is (a scan, the result, a decision…)")
	}
	if !ok {
		return apperr.Invalidf("slot", "Vị trí đính kèm không hợp lệ: %q", "Not a place for a file on this record: %q", slot)
	}
	return nil
}
