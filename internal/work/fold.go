package work

import (
	"fmt"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// fold checks ev's fields against the task and records it: the state and
// the derived lists change, the event is appended. The transition and the
// actor have been checked (Apply) or are trusted (Replay). It returns the
// event as recorded, with defaults filled in (the obstacle resolved, the
// deadline granted, the review exempted), so that a stored event says
// everything without its context.
func (h *TaskWithHistory) fold(ev Event) (Event, error) {
	t := &h.Task
	var err error
	switch ev.Action {
	case ActionStart:
		ev.Note, err = apperr.Text("note", ev.Note, 0, 2000)

	case ActionReportProgress:
		ev, err = h.progress(ev)

	case ActionRaiseObstacle:
		if ev.Note, err = apperr.Text("note", ev.Note, 3, 2000); err == nil {
			h.Obstacles = append(h.Obstacles, Obstacle{ID: ev.Seq, Text: ev.Note, RaisedBy: ev.ActorID, RaisedAt: ev.At})
		}

	case ActionResolveObstacle:
		ev, err = h.resolve(ev)

	case ActionEscalate:
		i := h.openObstacle(ev.Ref)
		switch {
		case i < 0:
			err = apperr.Invalidf("ref", "không có vướng mắc đang mở số %d", "no open obstacle #%d", ev.Ref)
		case ev.Level != h.Obstacles[i].EscalationLevel+1 || ev.Level > MaxEscalationLevel:
			err = apperr.Conflictf("Vướng mắc đã ở cấp xử lý %d", "The obstacle is already at escalation level %d", h.Obstacles[i].EscalationLevel)
		default:
			h.Obstacles[i].EscalationLevel, h.Obstacles[i].EscalatedAt = ev.Level, ptr(ev.At)
		}

	case ActionRequestExtension:
		ev, err = h.requestExtension(ev)

	case ActionDecideExtension:
		ev, err = h.decideExtension(ev)

	case ActionSubmit:
		if ev.Note, err = apperr.Text("note", ev.Note, 3, 2000); err != nil {
			break
		}
		if ev.Attachments, err = attachments(ev.Attachments); err == nil {
			h.Submissions = append(h.Submissions, Submission{Seq: ev.Seq, At: ev.At, ByID: ev.ActorID, Note: ev.Note, Attachments: ev.Attachments})
		}

	case ActionAccept, ActionReturn:
		sub := h.Submissions[len(h.Submissions)-1] // submitted implies one
		r := Review{Seq: ev.Seq, At: ev.At, Passed: ev.Action == ActionAccept, ReviewerID: ev.ActorID, SubmissionSeq: sub.Seq}
		if r.Passed {
			ev.Note, err = apperr.Text("note", ev.Note, 0, 2000)
			h.CompletedAt, t.Progress = ptr(sub.At), 100
		} else {
			ev.Reason, err = apperr.Text("reason", ev.Reason, 3, 2000)
		}
		r.Reason = ev.Reason
		if err == nil {
			h.Reviews = append(h.Reviews, r)
		}

	case ActionCancel:
		if ev.Reason, err = apperr.Text("reason", ev.Reason, 3, 1000); err == nil {
			h.CancelledAt = ptr(ev.At)
		}

	case ActionConfirmCause:
		ev, err = h.confirmCause(ev)
	}
	if err != nil {
		return ev, err
	}
	if ev.Action != ActionResolveObstacle { // resolve decides its own state
		t.State = next(t.State, ev.Action)
	}
	t.Version++
	h.Events = append(h.Events, ev)
	return ev, nil
}

func (h *TaskWithHistory) progress(ev Event) (Event, error) {
	t := &h.Task
	var err error
	if ev.Note, err = apperr.Text("note", ev.Note, 0, 4000); err != nil {
		return ev, err
	}
	if ev.Attachments, err = attachments(ev.Attachments); err != nil {
		return ev, err
	}
	if ev.Reason, err = apperr.Text("reason", ev.Reason, 0, 1000); err != nil {
		return ev, err
	}
	if ev.Percent == nil && ev.Note == "" && len(ev.Attachments) == 0 && len(ev.Ticks) == 0 {
		return ev, apperr.Invalidf("note", "báo cáo tiến độ trống: cần nội dung, tỷ lệ hoàn thành hoặc tài liệu",
			"empty progress report: give a narrative, a percentage or an attachment")
	}
	for _, i := range ev.Ticks {
		if i < 0 || i >= len(t.Checklist) {
			return ev, apperr.Invalidf("ticks", "không có bước số %d", "no checklist item %d", i)
		}
	}
	if p := ev.Percent; p != nil {
		if *p < 0 || *p > 100 {
			return ev, apperr.Invalidf("percent", "tỷ lệ hoàn thành phải từ 0 đến 100", "the percentage must be 0–100")
		}
		if *p < t.Progress && ev.Reason == "" {
			return ev, apperr.Invalidf("reason", "tỷ lệ hoàn thành giảm từ %d%% xuống %d%%: cần nêu lý do",
				"the percentage goes down from %d%% to %d%%: give the reason", t.Progress, *p)
		}
		t.Progress = *p
	}
	for _, i := range ev.Ticks {
		t.Checklist[i].Done = true
	}
	return ev, nil
}

func (h *TaskWithHistory) resolve(ev Event) (Event, error) {
	var err error
	if ev.Note, err = apperr.Text("note", ev.Note, 3, 2000); err != nil {
		return ev, err
	}
	open := h.OpenObstacles()
	if ev.Ref == 0 && len(open) == 1 {
		ev.Ref = open[0].ID
	}
	i := h.openObstacle(ev.Ref)
	if i < 0 {
		if ev.Ref == 0 {
			return ev, apperr.Invalidf("ref", "có %d vướng mắc đang mở: chọn vướng mắc đã được tháo gỡ", "%d obstacles are open: say which one is resolved", len(open))
		}
		return ev, apperr.Invalidf("ref", "không có vướng mắc đang mở số %d", "no open obstacle #%d", ev.Ref)
	}
	o := &h.Obstacles[i]
	o.ResolvedAt, o.ResolvedBy, o.Resolution = ptr(ev.At), ev.ActorID, ev.Note
	if len(open) == 1 {
		h.Task.State = StateInProgress
	}
	return ev, nil
}

func (h *TaskWithHistory) requestExtension(ev Event) (Event, error) {
	var err error
	if x, ok := h.PendingExtension(); ok {
		return ev, apperr.Conflictf("Đã có đề nghị gia hạn (số %d) đang chờ quyết định", "An extension request (#%d) is already awaiting a decision", x.Seq)
	}
	if ev.Deadline == nil {
		return ev, apperr.Invalidf("deadline", "thiếu hạn đề nghị", "the proposed deadline is required")
	}
	if !ev.Deadline.After(h.Task.Deadline) {
		return ev, apperr.Invalidf("deadline", "hạn đề nghị phải sau hạn hiện tại", "the proposed deadline must be after the current one")
	}
	if ev.Reason, err = apperr.Text("reason", ev.Reason, 3, 1000); err != nil {
		return ev, err
	}
	ev.Deadline = ptr(ev.Deadline.UTC())
	h.Extensions = append(h.Extensions, Extension{Seq: ev.Seq, RequestedAt: ev.At, RequestedBy: ev.ActorID,
		Reason: ev.Reason, Previous: h.Task.Deadline, Proposed: *ev.Deadline})
	return ev, nil
}

func (h *TaskWithHistory) decideExtension(ev Event) (Event, error) {
	var err error
	x, ok := h.PendingExtension()
	if !ok {
		return ev, apperr.Conflictf("Không có đề nghị gia hạn nào đang chờ quyết định", "No extension request is awaiting a decision")
	}
	if ev.Ref != 0 && ev.Ref != x.Seq {
		return ev, apperr.Invalidf("ref", "đề nghị gia hạn đang chờ là số %d, không phải %d", "the pending request is #%d, not #%d", x.Seq, ev.Ref)
	}
	ev.Ref = x.Seq
	if ev.Approved == nil {
		return ev, apperr.Invalidf("approved", "cần chọn đồng ý hoặc không đồng ý gia hạn", "say whether the extension is approved")
	}
	if ev.Reason, err = apperr.Text("reason", ev.Reason, 0, 1000); err != nil {
		return ev, err
	}
	if !*ev.Approved {
		ev.Deadline = nil
	} else if ev.Deadline == nil {
		ev.Deadline = ptr(x.Proposed)
	}
	if *ev.Approved && !ev.Deadline.After(h.Task.Deadline) {
		return ev, apperr.Invalidf("deadline", "hạn mới phải sau hạn hiện tại", "the new deadline must be after the current one")
	}
	for i := range h.Extensions {
		if h.Extensions[i].Seq != x.Seq {
			continue
		}
		e := &h.Extensions[i]
		e.Decided, e.DecidedAt, e.DecidedBy, e.Approved, e.Decision = true, ptr(ev.At), ev.ActorID, *ev.Approved, ev.Reason
		if e.Approved {
			ev.Deadline = ptr(ev.Deadline.UTC())
			e.Granted, h.Task.Deadline = *ev.Deadline, *ev.Deadline
		}
	}
	return ev, nil
}

func (h *TaskWithHistory) confirmCause(ev Event) (Event, error) {
	var err error
	if ev.Reason, err = apperr.Text("reason", ev.Reason, 3, 1000); err != nil {
		return ev, err
	}
	x := Exemption{Seq: ev.Seq, Kind: ev.Kind, ConfirmedBy: ev.ActorID, As: ev.As, At: ev.At, Reason: ev.Reason}
	switch ev.Kind {
	case ExemptDelay:
		if h.DelayExempted() {
			return ev, apperr.Conflictf("Nguyên nhân khách quan của việc chậm đã được xác nhận", "An objective cause for the delay is already confirmed")
		}
		if h.TimelinessAt(ev.At) != Late {
			return ev, apperr.Conflictf("Nhiệm vụ không chậm so với hạn ban đầu (%s)", "The task is not late against its original deadline (%s)",
				h.Task.OriginalDeadline.In(calendar.VN).Format("15:04 02/01/2006"))
		}
	case ExemptReview:
		if ev.Ref == 0 {
			for _, r := range h.Reviews {
				if !r.Passed && !h.reviewExempted(r.Seq) {
					ev.Ref = r.Seq
				}
			}
		}
		found := false
		for _, r := range h.Reviews {
			found = found || (!r.Passed && r.Seq == ev.Ref && !h.reviewExempted(r.Seq))
		}
		if !found {
			return ev, apperr.Conflictf("Không có lần trả lại nào (chưa được xác nhận) để xác nhận nguyên nhân khách quan",
				"There is no failed review (not yet exempted) to confirm an objective cause for")
		}
		x.ReviewSeq = ev.Ref
	default:
		return ev, apperr.Invalidf("kind", "loại xác nhận phải là %q (chậm tiến độ) hoặc %q (chất lượng)",
			"the kind must be %q (delay) or %q (review)", string(ExemptDelay), string(ExemptReview))
	}
	h.Exemptions = append(h.Exemptions, x)
	return ev, nil
}

// openObstacle returns the index of the open obstacle with the given ID, or -1.
func (h *TaskWithHistory) openObstacle(id int64) int {
	for i, o := range h.Obstacles {
		if o.ID == id && o.Open() {
			return i
		}
	}
	return -1
}

// attachments checks file names: at most 20, each 1–255 characters.
func attachments(names []string) ([]string, error) {
	if len(names) > 20 {
		return nil, apperr.Invalidf("attachments", "quá nhiều tệp đính kèm: %d, tối đa 20", "too many attachments: %d, at most 20", len(names))
	}
	out := make([]string, 0, len(names))
	for i, n := range names {
		s, err := apperr.Text(fmt.Sprintf("attachments[%d]", i), n, 1, 255)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func ptr[T any](v T) *T { return &v }
