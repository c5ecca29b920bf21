package dossier

import (
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Person names someone taking part in a hand-off: a member of staff, or the
// applicant's representative when ID is 0.
type Person struct {
	ID   int64
	Name string
}

// Event is one entry of a dossier's history: an action, who took it and when.
// The history is append-only; the current State is derived from it by Replay.
type Event struct {
	// Seq numbers the events of a dossier from 1. In Apply, 0 means "the
	// next one"; any other value must be State.Version+1 (a Conflict
	// otherwise), which is how two clerks acting at once are told apart.
	Seq    int
	Action Action
	// At is when the action really happened: a paper hand-off may be entered
	// later, and it is At that the clock counts.
	At time.Time
	// RecordedAt is when the event was entered (the server's now). At may
	// not be after it.
	RecordedAt time.Time
	ActorID    int64  // the member of staff acting; 0 for the applicant on the portal
	ActorName  string // kept as written at the time, for the slip
	UnitID     int64  // the unit acting
	// ToUnitID, ToPersonID and ToPersonName name who receives the dossier:
	// on forward, the next step's unit and handler (ToUnitID may be 0 when
	// the step fixes the unit); on complete, optionally the desk clerk the
	// result goes back to.
	ToUnitID     int64
	ToPersonID   int64
	ToPersonName string
	// Channel is how the dossier came in, on receive (direct by default, or
	// postal); submit_online is always online.
	Channel Channel
	Note    string
	// Reason is required where the form must state one (Action.NeedsReason):
	// the refusal, the list of papers to add, the cause of a delay, the
	// ground for stopping.
	Reason string
	// NewDue is the new appointment of an apology (form 04); required then,
	// and only then.
	NewDue *time.Time
	// SupplementDays is the applicant's deadline for a supplement, in working
	// days (0 = none); only on request_supplement. It does not move the
	// dossier's own due.
	SupplementDays int
	// ToStep is, on return_for_rework only, the index of the earlier step
	// the dossier goes back to; 0 means the previous step. The store
	// records the step actually reached, so that the history says it.
	ToStep int
	// Branches are, on consult only, the units asked and each one's time
	// (branch.go).
	Branches []BranchAsk
	// Verdict is the gist of an answer_consultation (agree, disagree) or
	// of an appraisal_report (agree, conditional, disagree).
	Verdict Verdict
	// FileID is the file (internal/file) an answer or a report carries; 0
	// for none.
	FileID int64
	// ExtendDays is, on extend only, how long the extension is, in the
	// unit of the dossier's time limit.
	ExtendDays float64
	// Limit is, on receive or accept only, the dossier's own time limit
	// when data linked to it fixes one (an appraisal's, from its project's
	// group); nil means the procedure's.
	Limit *calendar.Limit
}

// check validates what can be told from the event alone, and trims its texts.
func (ev *Event) check() error {
	var err error
	if !ev.Action.Valid() {
		return apperr.Invalidf("action", "thao tác không hợp lệ: %q", "unknown action: %q", string(ev.Action))
	}
	if ev.At.IsZero() {
		return apperr.Invalidf("at", "thiếu thời điểm thực hiện", "the time of the action is required")
	}
	if ev.RecordedAt.IsZero() {
		return apperr.Invalidf("recorded_at", "thiếu thời điểm ghi nhận", "the time of recording is required")
	}
	if ev.At.After(ev.RecordedAt) {
		return apperr.Invalidf("at", "thời điểm thực hiện %s ở tương lai", "the time of the action, %s, is in the future", stamp(ev.At))
	}
	if ev.ActorName, err = apperr.Text("actor_name", ev.ActorName, 0, 200); err != nil {
		return err
	}
	if ev.ToPersonName, err = apperr.Text("to_person_name", ev.ToPersonName, 0, 200); err != nil {
		return err
	}
	if ev.Note, err = apperr.Text("note", ev.Note, 0, 2000); err != nil {
		return err
	}
	if ev.Reason, err = apperr.Text("reason", ev.Reason, 0, 4000); err != nil {
		return err
	}
	if ev.Reason == "" && ev.Action == ReturnForRework {
		return apperr.New(apperr.Invalid, "reason", "Cần nêu rõ lý do trả lại hồ sơ để xử lý lại",
			"A reason is required to return the dossier for rework")
	}
	if ev.Reason == "" && ev.Action.NeedsReason() {
		return apperr.New(apperr.Invalid, "reason", "Cần nêu rõ lý do để "+ev.Action.Label("vi"),
			"A reason is required to "+ev.Action.Label("en"))
	}
	if (ev.NewDue != nil) != (ev.Action == Apologize) {
		if ev.NewDue == nil {
			return apperr.Invalidf("new_due", "thư xin lỗi phải hẹn lại ngày trả kết quả", "an apology needs a new appointment")
		}
		return apperr.Invalidf("new_due", "chỉ thư xin lỗi mới hẹn lại ngày trả kết quả", "only an apology sets a new appointment")
	}
	if ev.SupplementDays < 0 || ev.SupplementDays > 366 || ev.SupplementDays > 0 && ev.Action != RequestSupplement {
		return apperr.Invalidf("supplement_days", "thời hạn bổ sung không hợp lệ", "invalid supplement deadline")
	}
	if ev.ToStep < 0 || ev.ToStep != 0 && ev.Action != ReturnForRework {
		return apperr.Invalidf("to_step", "bước trả lại không hợp lệ", "invalid step to return to")
	}
	if err := ev.checkBranchEvent(); err != nil {
		return err
	}
	if ev.ToUnitID < 0 {
		return apperr.Invalidf("to_unit_id", "đơn vị nhận không hợp lệ", "invalid receiving unit")
	}
	switch {
	case ev.Action == SubmitOnline:
		if ev.Channel != "" && ev.Channel != ChannelOnline {
			return apperr.Invalidf("channel", "hồ sơ nộp trực tuyến", "an online filing comes online")
		}
		ev.Channel = ChannelOnline
	case ev.Action == Receive:
		if ev.Channel == "" {
			ev.Channel = ChannelDirect
		}
		if ev.Channel != ChannelDirect && ev.Channel != ChannelPostal {
			return apperr.Invalidf("channel", "tiếp nhận tại quầy là trực tiếp hoặc qua bưu chính",
				"the desk receives in person or by post")
		}
	case ev.Channel != "":
		return apperr.Invalidf("channel", "chỉ khi tiếp nhận mới ghi kênh nộp", "only an intake records a channel")
	}
	return nil
}

// stamp formats an instant as on the forms: "hh:mm dd/mm/yyyy", in Vietnam.
func stamp(t time.Time) string { return t.In(calendar.VN).Format("15:04 02/01/2006") }
