package dossier

import "strconv"

// Status is a dossier's status, numbered as on the national public-service
// portal (Cổng Dịch vụ công quốc gia) so that figures exchanged with it line
// up [practice, DOMAIN.md §1.2]. The zero Status means "no dossier yet".
type Status int

// The national status codes 1–10.
const (
	StatusNone       Status = 0  // no event yet
	StatusRegistered Status = 1  // Mới đăng ký: filed online, not yet accepted
	StatusReceived   Status = 2  // Được tiếp nhận
	StatusRefused    Status = 3  // Không được tiếp nhận
	StatusProcessing Status = 4  // Đang xử lý
	StatusSupplement Status = 5  // Yêu cầu bổ sung giấy tờ
	StatusPayment    Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawn  Status = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped    Status = 8  // Dừng xử lý
	StatusResolved   Status = 9  // Đã xử lý xong
	StatusReturned   Status = 10 // Đã trả kết quả
	firstStatus             = StatusRegistered
	lastStatus              = StatusReturned
)

// Statuses lists the ten national statuses in order.
var Statuses = []Status{StatusRegistered, StatusReceived, StatusRefused, StatusProcessing, StatusSupplement,
	StatusPayment, StatusWithdrawn, StatusStopped, StatusResolved, StatusReturned}

var statusLabels = map[Status][2]string{
	StatusNone:       {"Chưa có hồ sơ", "No dossier"},
	StatusRegistered: {"Mới đăng ký", "Filed online"},
	StatusReceived:   {"Được tiếp nhận", "Received"},
	StatusRefused:    {"Không được tiếp nhận", "Refused"},
	StatusProcessing: {"Đang xử lý", "In progress"},
	StatusSupplement: {"Yêu cầu bổ sung giấy tờ", "Supplement requested"},
	StatusPayment:    {"Yêu cầu thực hiện nghĩa vụ tài chính", "Payment requested"},
	StatusWithdrawn:  {"Công dân yêu cầu rút hồ sơ", "Withdrawn by the applicant"},
	StatusStopped:    {"Dừng xử lý", "Stopped"},
	StatusResolved:   {"Đã xử lý xong", "Resolved"},
	StatusReturned:   {"Đã trả kết quả", "Result returned"},
}

// Valid reports whether s is one of the national codes 1–10.
func (s Status) Valid() bool { return s >= firstStatus && s <= lastStatus }

// Label names the status in "vi" or "en".
func (s Status) Label(lang string) string {
	if l := label(statusLabels, s, lang); l != "" {
		return l
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Paused reports whether the clock is stopped in this status: supplement
// requested (5), payment requested (6), stopped (8).
func (s Status) Paused() bool {
	return s == StatusSupplement || s == StatusPayment || s == StatusStopped
}

// Terminal reports whether no action can follow: refused (3), withdrawn (7),
// result returned (10).
func (s Status) Terminal() bool {
	return s == StatusRefused || s == StatusWithdrawn || s == StatusReturned
}

// Open reports whether the dossier has been received and is not finished:
// statuses 2, 4, 5, 6 and 8.
func (s Status) Open() bool {
	switch s {
	case StatusReceived, StatusProcessing, StatusSupplement, StatusPayment, StatusStopped:
		return true
	}
	return false
}

// Group is a statistics group of statuses (nhóm trạng thái thống kê).
type Group int

// The statistics groups of DOMAIN.md §1.2.
const (
	GroupInProgress  Group = iota + 1 // {2, 4}
	GroupResolved                     // {9, 10}
	GroupWithdrawn                    // {7}
	GroupSupplement                   // {5}
	GroupStopped                      // {6, 8}
	GroupNotReceived                  // {1, 3}: left out of the counts
)

var groupLabels = map[Group][2]string{
	GroupInProgress:  {"Đang giải quyết", "In progress"},
	GroupResolved:    {"Đã giải quyết", "Resolved"},
	GroupWithdrawn:   {"Rút hồ sơ", "Withdrawn"},
	GroupSupplement:  {"Chờ bổ sung", "Awaiting supplement"},
	GroupStopped:     {"Tạm dừng", "Stopped"},
	GroupNotReceived: {"Chưa tiếp nhận", "Not received"},
}

// Label names the group in "vi" or "en".
func (g Group) Label(lang string) string { return label(groupLabels, g, lang) }

// Group returns the statistics group of a status, or 0 for StatusNone and
// unknown codes.
func (s Status) Group() Group {
	switch s {
	case StatusReceived, StatusProcessing:
		return GroupInProgress
	case StatusResolved, StatusReturned:
		return GroupResolved
	case StatusWithdrawn:
		return GroupWithdrawn
	case StatusSupplement:
		return GroupSupplement
	case StatusPayment, StatusStopped:
		return GroupStopped
	case StatusRegistered, StatusRefused:
		return GroupNotReceived
	}
	return 0
}

// OnlineCapStatuses are the statuses in which an online dossier counts
// against its applicant's cap of open online filings (issue 15 item 4):
// waiting at the desk (1) or accepted and not yet finished; a refused,
// withdrawn, resolved or returned one no longer does.
var OnlineCapStatuses = []Status{StatusRegistered, StatusReceived, StatusProcessing, StatusSupplement, StatusPayment, StatusStopped}
