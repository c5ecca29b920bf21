package dossier

import "time"

// StepRecord is the time accounting of one step of one dossier: one row of
// the process-control slip (phiếu kiểm soát quá trình giải quyết hồ sơ).
type StepRecord struct {
	Index  int
	Name   string
	UnitID int64 // the unit that handles the step (chosen on forward when the procedure leaves it open)
	// Handler is who took the dossier in at the start of the step: the
	// receiving clerk for the first step, the forward's receiver after.
	Handler   Person
	StartedAt time.Time
	EndedAt   time.Time // zero while the step is open
	// Giver and Receiver are the two sides of the hand-off that ended the
	// step: who handed the dossier on and who took it.
	Giver, Receiver Person
	Budget          float64       // working days, from the procedure
	Spent           time.Duration // working time from start to end, pauses excluded; set when the step ends
	Paused          time.Duration // working time paused during the step
	// Due is the step's own due instant: its start plus its budget in
	// working time plus the pauses within it. The first step counts from
	// where the dossier's clock starts (the next opening, or the next
	// working day under the after-15:00 rule).
	Due time.Time
	// Result compares the END date with the due date (trước / đúng / quá
	// hạn); ResultNone while the step is open.
	Result Result
	Note   string // the note of the hand-off that ended the step
}

// Done reports whether the step has ended.
func (r StepRecord) Done() bool { return !r.EndedAt.IsZero() }

// SlipRow is one printed row of the process-control slip (form 05 of TT
// 01/2018, form 06 of TT 03/2025): the body that held the dossier, when and
// between whom it was handed on, and the result of the step.
type SlipRow struct {
	Body     string    // tên cơ quan, bộ phận: the step's name
	UnitID   int64     // the unit behind the body
	HandedAt time.Time // thời gian giao, nhận hồ sơ; zero while the step is open
	Giver    string    // người giao
	Receiver string    // người nhận
	Result   Result
	// ResultLabel is "Trước hạn", "Đúng hạn" or "Quá hạn", empty while open.
	ResultLabel string
	Note        string // ghi chú
}

// Slip returns the rows of the process-control slip: one per step reached,
// in order. The first row is the desk handing the dossier to the handling
// unit; the last, once the dossier is complete, the last body handing the
// result back to the desk. The open step, if any, is the last row with no
// hand-off yet.
func Slip(s State) []SlipRow {
	var rows []SlipRow
	for _, r := range s.Steps {
		if r.StartedAt.IsZero() {
			break
		}
		rows = append(rows, SlipRow{Body: r.Name, UnitID: r.UnitID, HandedAt: r.EndedAt,
			Giver: r.Giver.Name, Receiver: r.Receiver.Name, Result: r.Result,
			ResultLabel: r.Result.Label("vi"), Note: r.Note})
	}
	return rows
}

// PublicSlip is what the public lookup shows of the slip: the rows up to
// the step holding the dossier. A return for rework is internal to the
// agency (the applicant is not told of it, and the public timeline does
// not show it), so the rows of the steps it was returned from, which keep
// their earlier pass until the dossier reaches them again, are left out.
func PublicSlip(s State) []SlipRow {
	rows := Slip(s)
	if s.CurrentStep+1 < len(rows) {
		rows = rows[:s.CurrentStep+1]
	}
	return rows
}
