package work

import "time"

// Event is one change to a task: who did what, when and why. A task's
// history is its list of events; everything else about its progress is
// derived from them by Replay. Apply stamps Seq, At, ActorID and As; the
// caller fills Action and the fields that action uses:
//
//	report_progress          Percent (optional), Note (narrative), Attachments, Ticks; Reason when Percent goes down
//	raise_obstacle           Note (the obstacle)
//	resolve_obstacle         Ref (the obstacle; may be 0 when only one is open), Note (the resolution)
//	escalate                 Ref (the obstacle), Level (1 or 2)
//	request_extension        Deadline (proposed), Reason
//	decide_extension         Approved, Deadline (granted; defaults to the proposed), Reason (optional)
//	submit                   Note (the result, sản phẩm delivered), Attachments
//	accept                   Note (optional)
//	return                   Reason
//	cancel                   Reason
//	confirm_objective_cause  Kind, Reason, Ref (for kind review: the return; may be 0 for the latest)
type Event struct {
	Seq     int64     // 1, 2, 3, ... within the task
	Action  Action    //
	At      time.Time // when it was recorded (UTC)
	ActorID int64     // the person; 0 for congvu itself (escalation)
	As      Capacity  // the part the actor acted in, as Apply established it

	Note        string   // narrative, obstacle, resolution or result description
	Reason      string   // why: return, cancel, extension, a lower percentage, an objective cause
	Percent     *int     // report_progress: the new percentage, 0–100
	Attachments []string // names of attached files (stored elsewhere)
	Ticks       []int    // report_progress: indices of checklist items now done

	Ref      int64      // the Seq of the event this one answers (obstacle, return)
	Level    int        // escalate: the new escalation level
	Deadline *time.Time // request_extension: proposed; decide_extension: granted
	Approved *bool      // decide_extension
	Kind     ExemptionKind
}

// Capacity is the part a person plays in a task, which decides what they
// may do to it (see Apply).
type Capacity string

// The capacities.
const (
	AsLead        Capacity = "lead"        // người chủ trì
	AsCoordinator Capacity = "coordinator" // người phối hợp
	AsAssigner    Capacity = "assigner"    // người giao việc
	AsSuperior    Capacity = "superior"    // cấp trên của người giao việc
	AsSystem      Capacity = "system"      // congvu itself
)

// Obstacle is a khó khăn, vướng mắc raised on a task. ID is the Seq of the
// event that raised it.
type Obstacle struct {
	ID              int64
	Text            string
	RaisedBy        int64
	RaisedAt        time.Time
	ResolvedAt      *time.Time
	ResolvedBy      int64
	Resolution      string
	EscalationLevel int // 0 none, 1 the assigner, 2 the assigner's superior
	EscalatedAt     *time.Time
}

// Open reports whether the obstacle is unresolved.
func (o Obstacle) Open() bool { return o.ResolvedAt == nil }

// Extension is a request to move the deadline (đề nghị gia hạn) and the
// assigner's decision on it. An approved extension moves Task.Deadline,
// never Task.OriginalDeadline.
type Extension struct {
	Seq         int64 // of the request
	RequestedAt time.Time
	RequestedBy int64
	Reason      string
	Previous    time.Time // the deadline when requested
	Proposed    time.Time
	Decided     bool
	DecidedAt   *time.Time
	DecidedBy   int64
	Approved    bool
	Granted     time.Time // the new deadline, when approved
	Decision    string    // the assigner's reason, if given
}

// Submission is a result handed in for review (trình kết quả).
type Submission struct {
	Seq         int64
	At          time.Time
	ByID        int64
	Note        string
	Attachments []string
}

// Review is the assigner's quality review of a submission: accepted
// (Passed) or returned for rework, which counts as a failed quality review
// under NĐ 335/2025.
type Review struct {
	Seq           int64
	At            time.Time
	Passed        bool
	Reason        string
	ReviewerID    int64
	SubmissionSeq int64
}

// ExemptionKind is what an objective-cause exemption covers.
type ExemptionKind string

// The kinds of exemption.
const (
	ExemptDelay  ExemptionKind = "delay"  // the task's delay past its original deadline
	ExemptReview ExemptionKind = "review" // one failed quality review
)

// Exemption records that the competent person (the assigner or the
// assigner's superior) confirmed an objective cause (nguyên nhân khách
// quan) for a delay or a failed review, so that NĐ 335/2025 deducts nothing
// for it. Who confirmed it, in what capacity and why are kept.
type Exemption struct {
	Seq         int64
	Kind        ExemptionKind
	ConfirmedBy int64
	As          Capacity
	At          time.Time
	Reason      string
	ReviewSeq   int64 // for kind review: the Seq of the return
}

// TaskWithHistory is a task with its events and everything derived from
// them: what Replay returns, what Apply takes and gives back, and what the
// evaluation figures are computed from.
type TaskWithHistory struct {
	Task        Task
	Events      []Event
	Obstacles   []Obstacle
	Extensions  []Extension
	Submissions []Submission
	Reviews     []Review
	Exemptions  []Exemption
	// CompletedAt is the instant of the submission that was accepted: the
	// official delivered then, and the time the assigner took to review is
	// not theirs to answer for. Nil until accepted.
	CompletedAt *time.Time
	CancelledAt *time.Time
}

// OpenObstacles returns the obstacles not yet resolved.
func (h TaskWithHistory) OpenObstacles() []Obstacle {
	var out []Obstacle
	for _, o := range h.Obstacles {
		if o.Open() {
			out = append(out, o)
		}
	}
	return out
}

// PendingExtension returns the extension request awaiting a decision.
func (h TaskWithHistory) PendingExtension() (Extension, bool) {
	for _, x := range h.Extensions {
		if !x.Decided {
			return x, true
		}
	}
	return Extension{}, false
}

// FailedReviews returns the number of returns, and how many of them an
// objective cause exempts.
func (h TaskWithHistory) FailedReviews() (failed, exempted int) {
	for _, r := range h.Reviews {
		if !r.Passed {
			failed++
			if h.reviewExempted(r.Seq) {
				exempted++
			}
		}
	}
	return failed, exempted
}

// DelayExempted reports whether an objective cause was confirmed for the
// task's delay.
func (h TaskWithHistory) DelayExempted() bool {
	for _, x := range h.Exemptions {
		if x.Kind == ExemptDelay {
			return true
		}
	}
	return false
}

func (h TaskWithHistory) reviewExempted(seq int64) bool {
	for _, x := range h.Exemptions {
		if x.Kind == ExemptReview && x.ReviewSeq == seq {
			return true
		}
	}
	return false
}
