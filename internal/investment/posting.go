package investment

import (
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Posting on the national e-procurement system (Hệ thống mạng đấu thầu
// quốc gia): the approved plan, each adjustment and each selection result
// is posted within 5 working days of its issue (Luật Đấu thầu 22/2023/QH15
// Art 8.4). Each is tracked as a PostingDoc with its due date on the
// agency's working-time calendar, the day it was posted, and an alert when
// the due date is near or past.

// DMY writes a date as the UI does, dd/mm/yyyy.
func DMY(d calendar.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year) }

// PostingWorkingDays is the time Art 8.4 gives to post a document.
const PostingWorkingDays = 5

// PostingSoonWorkingDays is how many working days before its due date a
// document not posted yet is flagged as due soon (the alert).
const PostingSoonWorkingDays = 2

// PostingKind says what a posted document is.
type PostingKind string

// The documents posted.
const (
	PostPlan       PostingKind = "plan"       // the approved KHLCNT
	PostAdjustment PostingKind = "adjustment" // an adjusted KHLCNT
	PostResult     PostingKind = "result"     // a selection result
)

// Label names the kind of document in "vi" or "en".
func (k PostingKind) Label(lang string) string {
	l := map[PostingKind][2]string{
		PostPlan:       {"KHLCNT được phê duyệt", "Approved selection plan"},
		PostAdjustment: {"KHLCNT điều chỉnh", "Adjusted selection plan"},
		PostResult:     {"Kết quả lựa chọn nhà thầu", "Selection result"},
	}[k]
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// WorkingDays is what the posting deadline needs of a calendar
// (calendar.Calendar has it).
type WorkingDays interface {
	IsWorkingDay(calendar.Date) bool
}

// PostingDue is the last day to post a document issued on issued: the
// fifth working day after it (the day of issue does not count, as a
// period in days starts the next day, Civil Code 2015 Art 147), so that a
// plan approved on a Thursday before a holiday is due after the holiday.
func PostingDue(cal WorkingDays, issued calendar.Date) calendar.Date {
	return addWorkingDays(cal, issued, PostingWorkingDays)
}

// addWorkingDays returns the n-th working day after d.
func addWorkingDays(cal WorkingDays, d calendar.Date, n int) calendar.Date {
	for n > 0 {
		d = d.AddDays(1)
		if cal.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// workingDaysBetween counts the working days after from up to and
// including to (0 when to is not after from).
func workingDaysBetween(cal WorkingDays, from, to calendar.Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// PostingDoc is one document to post: which project, what it is (the
// version number for a plan, the package for a result), when it was issued
// and is due, and when it was posted.
type PostingDoc struct {
	ID        int64
	ProjectID int64
	Kind      PostingKind
	VersionNo int   // for a plan or an adjustment
	PackageID int64 // for a result
	Issued    calendar.Date
	Due       calendar.Date
	Posted    *calendar.Date
	PostedBy  int64
	PostedAt  *time.Time
}

// PostingState is where a document stands against its deadline.
type PostingState string

// The posting states.
const (
	PostingPending    PostingState = "pending"     // not posted, not due soon
	PostingDueSoon    PostingState = "due_soon"    // not posted, due within PostingSoonWorkingDays
	PostingOverdue    PostingState = "overdue"     // not posted, past its due date
	PostingOnTime     PostingState = "on_time"     // posted by the due date
	PostingPostedLate PostingState = "posted_late" // posted after the due date
)

// Label names the state in "vi" or "en".
func (s PostingState) Label(lang string) string {
	l := map[PostingState][2]string{
		PostingPending:    {"Chưa đăng tải", "Not posted yet"},
		PostingDueSoon:    {"Sắp hết hạn đăng tải", "Posting due soon"},
		PostingOverdue:    {"Quá hạn đăng tải", "Posting overdue"},
		PostingOnTime:     {"Đã đăng tải đúng hạn", "Posted on time"},
		PostingPostedLate: {"Đăng tải muộn", "Posted late"},
	}[s]
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Late reports whether the state is a missed deadline (posted late or overdue).
func (s PostingState) Late() bool { return s == PostingOverdue || s == PostingPostedLate }

// State says where d stands on today.
func (d PostingDoc) State(cal WorkingDays, today calendar.Date) PostingState {
	switch {
	case d.Posted != nil && d.Posted.After(d.Due):
		return PostingPostedLate
	case d.Posted != nil:
		return PostingOnTime
	case today.After(d.Due):
		return PostingOverdue
	case workingDaysBetween(cal, today, d.Due) <= PostingSoonWorkingDays:
		return PostingDueSoon
	}
	return PostingPending
}

// ValidatePosted checks the day a document was posted: not before it was
// issued, not after today, and only once. Errors: apperr.Invalid on
// posted_on, apperr.Conflict when posted already.
func ValidatePosted(d PostingDoc, posted, today calendar.Date) error {
	switch {
	case d.Posted != nil:
		return apperr.Conflictf("Văn bản này đã được ghi nhận đăng tải ngày %s", "This document was recorded as posted on %s", DMY(*d.Posted))
	case posted.Validate() != nil:
		return apperr.Invalidf("posted_on", "Vui lòng nhập ngày đăng tải (dd/mm/yyyy)", "Please enter the posting date (dd/mm/yyyy)")
	case posted.Before(d.Issued):
		return apperr.Invalidf("posted_on", "Ngày đăng tải (%s) trước ngày ban hành văn bản (%s)", "The posting date (%s) is before the document's issue (%s)", DMY(posted), DMY(d.Issued))
	case posted.After(today):
		return apperr.Invalidf("posted_on", "Ngày đăng tải (%s) sau ngày hôm nay (%s)", "The posting date (%s) is after today (%s)", DMY(posted), DMY(today))
	}
	return nil
}
