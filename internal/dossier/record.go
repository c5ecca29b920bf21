package dossier

import (
	"time"

	"congvu/internal/calendar"
)

// Record is a dossier as congvu keeps it: who filed it for which procedure
// version, what they handed in, and its history. State is derived from
// Events by Replay and is never stored on its own.
type Record struct {
	ID         int64
	Code       string
	AgencyID   int64
	LeadUnitID int64 // the unit answerable for it in statistics
	Procedure  Procedure
	Applicant  Applicant
	Channel    Channel
	Documents  []Document // the papers received
	Sets       int        // number of sets received
	Events     []Event
	State      State
	Rating     *Rating
	CreatedAt  time.Time
	// ProjectID is the investment project an appraisal dossier is about
	// (investment.Project), 0 for a one-stop dossier.
	ProjectID int64
}

// Rating is the applicant's satisfaction with a returned result, given once
// (QĐ 766/QĐ-TTg, satisfaction indicators).
type Rating struct {
	Score   Satisfaction
	Comment string
	At      time.Time
}

// Satisfaction is how satisfied the applicant says they are.
type Satisfaction int

// The three answers the national portal asks for.
const (
	Satisfied    Satisfaction = 1 // Hài lòng
	Acceptable   Satisfaction = 2 // Bình thường
	Dissatisfied Satisfaction = 3 // Không hài lòng
)

var satisfactionLabels = map[Satisfaction][2]string{
	Satisfied:    {"Hài lòng", "Satisfied"},
	Acceptable:   {"Bình thường", "Acceptable"},
	Dissatisfied: {"Không hài lòng", "Dissatisfied"},
}

// Valid reports whether s is one of the three answers.
func (s Satisfaction) Valid() bool { _, ok := satisfactionLabels[s]; return ok }

// Label names the answer in "vi" or "en".
func (s Satisfaction) Label(lang string) string { return label(satisfactionLabels, s, lang) }

// Filter selects dossiers for lists, queues and drill-downs. Zero fields do
// not filter.
type Filter struct {
	AgencyID    int64
	UnitIDs     []int64 // the dossier is now with one of these units
	LeadUnitIDs []int64 // the dossier is answerable to one of these units (statistics)
	HandlerID   int64   // the dossier is now with this person
	Open        bool    // received and neither finished nor closed
	DueBefore   time.Time
	Query       string // every word, diacritic-insensitive, in code, applicant (name, ID number, phone) and procedure
	Procedure   string
	Statuses    []Status     // now in one of these national status codes
	ReceivedOn  [2]time.Time // received at or after [0], before [1] (zero: unbounded)
	Figure      Figure       // a figure of the period report, with From/To
	From, To    time.Time
	Limit       int
	Offset      int

	// The lists' filters (FindDossierPage; list.go).
	DueOn     [2]time.Time // statutory due at or after [0], before [1] (zero: unbounded)
	Overdue   bool         // open, past its statutory due and not paused before it
	DueSoon   bool         // open, not paused, due after now and at most 24 hours away (DueSoon)
	HandledBy int64        // this person recorded an action on it (hồ sơ tôi đã xử lý)
	After     string       // the cursor of the page before (Page.Next); empty: the first page
	Now       time.Time    // when Overdue and DueSoon are judged; zero: the store's clock
	SkipTotal bool         // the caller needs no Page.Total (an export's later pages)
}

// Figure names one cell of the period report (Biểu II.06a), for the
// drill-down to the dossiers behind it.
type Figure string

// The figures of the report.
const (
	FigReceivedOnline Figure = "received_online"
	FigReceivedDirect Figure = "received_direct"
	FigCarriedOver    Figure = "carried_over"
	FigResolvedEarly  Figure = "resolved_early"
	FigResolvedOnTime Figure = "resolved_on_time"
	FigResolvedLate   Figure = "resolved_late"
	FigOpenWithin     Figure = "in_progress_within"
	FigOpenOverdue    Figure = "in_progress_overdue"
	FigWithdrawn      Figure = "withdrawn"
)

// Figures lists the figures in report order.
var Figures = []Figure{FigReceivedOnline, FigReceivedDirect, FigCarriedOver, FigResolvedEarly, FigResolvedOnTime,
	FigResolvedLate, FigOpenWithin, FigOpenOverdue, FigWithdrawn}

// Intake is a dossier as it is received at the desk (or filed online).
type Intake struct {
	AgencyID      int64 // the receiving agency
	UnitID        int64 // the receiving unit (the desk); 0 for an online filing
	ProcedureCode string
	Applicant     Applicant
	Channel       Channel
	Documents     []Document
	Sets          int
	// ReceivedAt is when the dossier was received, for a paper record
	// entered afterwards; zero means now. Never in the future.
	ReceivedAt time.Time
	Note       string
	// ProjectID links an appraisal to its project; 0 for none.
	ProjectID int64
	// Limit is the dossier's own time limit when linked data fixes one (an
	// appraisal's, from its project's group); nil: the procedure's.
	Limit *calendar.Limit
}

// Summary is a dossier as lists show it: queues, search results and the
// dossiers behind a statistic.
type Summary struct {
	Code          string
	ProcedureCode string
	ProcedureName string
	ApplicantName string
	Status        Status
	Channel       Channel
	ReceivedAt    time.Time
	StatutoryDue  time.Time
	AppointedDue  time.Time
	PausedAt      *time.Time
	CurrentUnitID int64
	HandlerID     int64
	LeadUnitID    int64
	CompletedAt   time.Time
	Result        Result
	Version       int
}

// ProcedureFilter selects procedures of the catalogue.
type ProcedureFilter struct {
	AgencyID int64
	On       calendar.Date // the versions in force that day (zero: today)
	Query    string        // diacritic-insensitive search in code, name and field
	Field    string
}
