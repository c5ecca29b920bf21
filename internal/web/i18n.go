package web

import "fmt"

// T returns the message for key in lang ("vi" or "en"), formatted with args
// (fmt verbs). A missing key shows itself, so that it is noticed; a test
// checks that every key the templates use exists in both languages.
func T(lang, key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	s := m[0]
	if lang == "en" {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// known reports whether key is in the catalogue.
func known(key string) bool { _, ok := catalogue[key]; return ok }

// catalogue holds every string of the interface: key → {Vietnamese, English}.
// Keys are grouped by page; Vietnamese is written with its diacritics in
// precomposed (NFC) form.
var catalogue = map[string][2]string{
	// Frame.
	"app.name":        {"Công vụ", "Công vụ"},
	"layout.skip":     {"Chuyển đến nội dung chính", "Skip to main content"},
	"layout.language": {"Ngôn ngữ", "Language"},
	"layout.logout":   {"Đăng xuất", "Log out"},
	"layout.nav":      {"Điều hướng chính", "Main navigation"},
	"layout.footer":   {"Hệ thống quản lý công việc và hồ sơ hành chính — trách nhiệm, khoa học, đổi mới.", "Work and administrative dossier management — responsible, scientific, innovative."},
	"nav.home":        {"Trang chủ", "Home"},
	"nav.units":       {"Đơn vị", "Units"},
	"nav.people":      {"Cán bộ", "Staff"},
	"nav.delegations": {"Ủy quyền", "Delegations"},
	"nav.audit":       {"Nhật ký", "Journal"},
	"pager.label":     {"Phân trang", "Pages"},
	"pager.prev":      {"Trang trước", "Previous"},
	"pager.next":      {"Trang sau", "Next"},
	"pager.page":      {"Trang %d", "Page %d"},

	// Forms and errors.
	"form.create":    {"Tạo mới", "Create"},
	"form.cancel":    {"Hủy", "Cancel"},
	"form.choose":    {"— Chọn —", "— Choose —"},
	"form.date.hint": {"Ngày theo dạng dd/mm/yyyy", "Date as dd/mm/yyyy"},
	"err.choose":     {"Vui lòng chọn một giá trị trong danh sách", "Please choose a value from the list"},
	"err.form":       {"Không đọc được biểu mẫu", "The form could not be read"},
	"err.lang":       {"Ngôn ngữ không được hỗ trợ", "Unsupported language"},
	"err.notfound":   {"Không tìm thấy trang hoặc đối tượng yêu cầu", "The page or object was not found"},
	"err.internal":   {"Đã có lỗi hệ thống. Lỗi đã được ghi lại; vui lòng thử lại sau.", "Something went wrong on our side. It has been logged; please try again later."},
	"err.home":       {"Về trang chủ", "Back to the home page"},
	"err.title.400":  {"Yêu cầu không hợp lệ", "Invalid request"},
	"err.title.403":  {"Không có quyền truy cập", "Access denied"},
	"err.title.404":  {"Không tìm thấy", "Not found"},
	"err.title.409":  {"Xung đột dữ liệu", "Conflict"},
	"err.title.429":  {"Quá nhiều yêu cầu", "Too many requests"},
	"err.title.500":  {"Lỗi hệ thống", "Internal error"},

	// Flash messages after an action.
	"flash.loggedout":          {"Bạn đã đăng xuất.", "You have logged out."},
	"flash.unit.created":       {"Đã tạo đơn vị “%s”.", "Unit “%s” created."},
	"flash.restructured":       {"Đã ghi nhận việc sắp xếp đơn vị.", "The restructuring has been recorded."},
	"flash.person.created":     {"Đã thêm cán bộ %s.", "%s has been added."},
	"flash.membership.added":   {"Đã thêm vị trí công tác.", "The position has been added."},
	"flash.membership.ended":   {"Đã kết thúc vị trí công tác.", "The position has been ended."},
	"flash.password.reset":     {"Đã đặt lại mật khẩu cho tài khoản %s; các phiên đăng nhập cũ đã kết thúc.", "The password of %s has been reset; its sessions have ended."},
	"flash.delegation.created": {"Đã ghi nhận ủy quyền của %s.", "The delegation from %s has been recorded."},

	// Login.
	"login.title":       {"Đăng nhập", "Log in"},
	"login.intro":       {"Đăng nhập bằng tài khoản do quản trị hệ thống cấp.", "Log in with the account the administrator gave you."},
	"login.login":       {"Tên đăng nhập", "Login"},
	"login.password":    {"Mật khẩu", "Password"},
	"login.submit":      {"Đăng nhập", "Log in"},
	"login.ratelimited": {"Có quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng chờ một phút rồi thử lại.", "Too many login attempts from this address. Please wait a minute and try again."},

	// Home.
	"home.title":        {"Trang chủ", "Home"},
	"home.welcome":      {"Xin chào, %s", "Welcome, %s"},
	"home.profile":      {"Thông tin của tôi", "My profile"},
	"home.roles":        {"Vai trò và đơn vị", "Roles and units"},
	"home.noroles":      {"Chưa được phân công vào đơn vị nào.", "Not assigned to any unit."},
	"home.acting":       {"Đang quyền %s thay %s", "Acting as %s for %s"},
	"home.until":        {"đến %s", "until %s"},
	"home.overview":     {"Tổng quan cơ quan", "Agency overview"},
	"home.units":        {"đơn vị đang hoạt động", "current units"},
	"home.staff":        {"cán bộ, công chức", "staff"},
	"home.recent":       {"Hoạt động gần đây", "Recent activity"},
	"home.division":     {"Cán bộ %s", "Staff of %s"},
	"home.division.all": {"Xem danh sách đầy đủ", "See the full list"},
	"home.journal":      {"Thanh tra, kiểm tra", "Inspection"},
	"home.journal.text": {"Nhật ký hệ thống ghi lại mọi thay đổi, có chuỗi mã băm để phát hiện sửa đổi trái phép.", "The journal records every change, chained with hashes so that tampering is detected."},
	"home.journal.open": {"Mở nhật ký hệ thống", "Open the journal"},
	"home.admin":        {"Quản trị hệ thống", "Administration"},

	// Units.
	"units.title":          {"Cơ cấu tổ chức", "Organisation"},
	"units.current":        {"Đơn vị đang hoạt động", "Current units"},
	"units.ended":          {"Đơn vị đã kết thúc", "Ended units"},
	"units.noended":        {"Chưa có đơn vị nào kết thúc.", "No unit has ended."},
	"units.since":          {"từ %s", "since %s"},
	"units.staff":          {"Cán bộ", "Staff"},
	"units.under":          {"thuộc %s", "under %s"},
	"units.addchild":       {"Thêm đơn vị trực thuộc", "Add a sub-unit"},
	"units.validity":       {"Thời gian hiệu lực", "Validity"},
	"units.successors":     {"Đơn vị kế thừa", "Successors"},
	"units.restructurings": {"Lịch sử sắp xếp", "Restructuring history"},
	"unit.new.title":       {"Thêm đơn vị", "New unit"},
	"unit.parent":          {"Đơn vị cấp trên", "Parent unit"},
	"unit.noparent":        {"(Không có — cơ quan cấp cao nhất)", "(None — a top-level agency)"},
	"unit.kind":            {"Loại đơn vị", "Kind"},
	"unit.name":            {"Tên đơn vị", "Name"},
	"unit.short":           {"Tên viết tắt", "Short name"},
	"unit.code":            {"Mã định danh điện tử", "Electronic identifier"},
	"unit.code.hint":       {"Dạng CCC.BB.AA.Hnn (QĐ 20/2020/QĐ-TTg); bắt buộc với cơ quan", "Form CCC.BB.AA.Hnn (QĐ 20/2020/QĐ-TTg); required for an agency"},
	"unit.from":            {"Ngày bắt đầu hoạt động", "Valid from"},

	// Restructuring.
	"restructure.title":         {"Sắp xếp đơn vị", "Restructure units"},
	"restructure.intro":         {"Hợp nhất, chia tách hoặc đổi tên: các đơn vị cũ kết thúc vào ngày trước ngày hiệu lực, đơn vị kế thừa tiếp nhận cán bộ và đơn vị trực thuộc.", "Merge, split or rename: the old units end the day before the effective date, and their successor takes over their staff and sub-units."},
	"restructure.kind":          {"Hình thức", "Kind"},
	"restructure.kind.merge":    {"Hợp nhất, sáp nhập", "Merge"},
	"restructure.kind.split":    {"Chia tách", "Split"},
	"restructure.kind.rename":   {"Đổi tên", "Rename"},
	"restructure.sources":       {"Đơn vị kết thúc", "Units that end"},
	"restructure.sources.hint":  {"Giữ phím Ctrl (hoặc Cmd) để chọn nhiều đơn vị", "Hold Ctrl (or Cmd) to choose several"},
	"restructure.into":          {"Sáp nhập vào đơn vị hiện có", "Merge into an existing unit"},
	"restructure.into.none":     {"(Không — tạo đơn vị mới)", "(None — create a new unit)"},
	"restructure.names":         {"Tên đơn vị mới", "New unit names"},
	"restructure.names.hint":    {"Mỗi dòng một đơn vị", "One unit per line"},
	"restructure.code.hint":     {"Chỉ dùng khi tạo đúng một đơn vị mới", "Only when exactly one new unit is created"},
	"restructure.newkind":       {"Loại đơn vị mới", "Kind of the new units"},
	"restructure.parent":        {"Đơn vị cấp trên của đơn vị mới", "Parent of the new units"},
	"restructure.same":          {"(Như đơn vị kết thúc đầu tiên)", "(As the first unit that ends)"},
	"restructure.effective":     {"Ngày có hiệu lực", "Effective date"},
	"restructure.decision":      {"Quyết định", "Decision"},
	"restructure.decision.hint": {"Ví dụ: Quyết định số 16/QĐ-UBND ngày 28/02/2025", "E.g. Quyết định số 16/QĐ-UBND ngày 28/02/2025"},
	"restructure.note":          {"Ghi chú", "Note"},
	"restructure.submit":        {"Ghi nhận sắp xếp", "Record the restructuring"},
	"restructure.err.sources":   {"Chọn ít nhất một đơn vị kết thúc", "Choose at least one unit that ends"},

	// People.
	"people.title":           {"Danh sách cán bộ", "Staff directory"},
	"people.search":          {"Tìm theo tên", "Search by name"},
	"people.search.hint":     {"Có thể gõ không dấu, ví dụ: nguyen van", "Diacritics optional, e.g. nguyen van"},
	"people.allunits":        {"Tất cả đơn vị", "All units"},
	"people.subtree":         {"Gồm cả đơn vị trực thuộc", "Include sub-units"},
	"people.filter":          {"Lọc", "Filter"},
	"people.none":            {"Không có cán bộ nào phù hợp.", "Nobody matches."},
	"person.title":           {"Cán bộ", "Staff member"},
	"person.new.title":       {"Thêm cán bộ", "New staff member"},
	"person.details":         {"Thông tin cá nhân", "Personal details"},
	"person.name":            {"Họ và tên", "Full name"},
	"person.email":           {"Thư điện tử", "E-mail"},
	"person.phone":           {"Điện thoại", "Phone"},
	"person.unit":            {"Đơn vị", "Unit"},
	"person.role":            {"Vai trò", "Role"},
	"person.position":        {"Chức danh", "Position"},
	"person.position.hint":   {"Như ghi trên văn bản, ví dụ: Trưởng phòng Đấu thầu", "As written on documents, e.g. Trưởng phòng Đấu thầu"},
	"person.from":            {"Từ ngày", "From"},
	"person.firstmembership": {"Vị trí công tác đầu tiên", "First position"},
	"person.account":         {"Tài khoản đăng nhập", "Login account"},
	"person.login":           {"Tên đăng nhập", "Login"},
	"person.password":        {"Mật khẩu", "Password"},
	"person.newpassword":     {"Mật khẩu mới", "New password"},
	"person.password.hint":   {"Ít nhất 10 ký tự", "At least 10 characters"},
	"person.inactive":        {"Đã nghỉ", "Inactive"},
	"person.noaccount":       {"Chưa có tài khoản đăng nhập", "No login account"},
	"person.memberships":     {"Quá trình công tác", "Positions held"},
	"person.nomemberships":   {"Chưa có vị trí công tác.", "No position yet."},
	"person.now":             {"nay", "now"},
	"person.end":             {"Kết thúc", "End"},
	"person.lastday":         {"Ngày làm việc cuối cùng", "Last day"},
	"person.addmembership":   {"Thêm vị trí công tác", "Add a position"},
	"person.resetpw":         {"Đặt lại mật khẩu", "Reset the password"},

	// Delegations.
	"delegations.title":    {"Ủy quyền", "Delegations"},
	"delegations.intro":    {"Trong thời gian ủy quyền, người được ủy quyền giữ các vai trò của người ủy quyền tại đơn vị của họ (quyền Giám đốc, quyền Trưởng phòng...).", "While a delegation lasts, the delegate holds the delegator's roles in their units (acting director, acting head...)."},
	"delegations.new":      {"Ủy quyền mới", "New delegation"},
	"delegations.from":     {"Người ủy quyền", "Delegator"},
	"delegations.to":       {"Người được ủy quyền", "Delegate"},
	"delegations.start":    {"Từ ngày", "From"},
	"delegations.end":      {"Đến hết ngày", "Until the end of"},
	"delegations.end.hint": {"Ủy quyền hết hiệu lực vào cuối ngày này", "The delegation ends at the end of this day"},
	"delegations.reason":   {"Lý do", "Reason"},
	"delegations.submit":   {"Ghi nhận ủy quyền", "Record the delegation"},
	"delegations.list":     {"Các ủy quyền gần đây", "Recent delegations"},
	"delegations.period":   {"Thời gian", "Period"},
	"delegations.status":   {"Trạng thái", "Status"},
	"delegations.active":   {"Đang hiệu lực", "In force"},
	"delegations.inactive": {"Không hiệu lực", "Not in force"},
	"delegations.revoked":  {"Đã thu hồi", "Revoked"},
	"delegations.none":     {"Chưa có ủy quyền nào.", "No delegation yet."},

	// Audit journal.
	"audit.title":              {"Nhật ký hệ thống", "Audit journal"},
	"audit.intro":              {"Mọi thay đổi được ghi lại theo thứ tự, mỗi bản ghi nối với bản ghi trước bằng mã băm SHA-256.", "Every change is recorded in order, each entry chained to the previous one with SHA-256."},
	"audit.type":               {"Loại đối tượng", "Object type"},
	"audit.alltypes":           {"Tất cả", "All"},
	"audit.type.unit":          {"Đơn vị", "Unit"},
	"audit.type.restructuring": {"Sắp xếp đơn vị", "Restructuring"},
	"audit.type.person":        {"Cán bộ", "Person"},
	"audit.type.account":       {"Tài khoản", "Account"},
	"audit.type.delegation":    {"Ủy quyền", "Delegation"},
	"audit.verify":             {"Kiểm tra tính toàn vẹn", "Verify the chain"},
	"audit.ok":                 {"Chuỗi nhật ký toàn vẹn: %s bản ghi đã được kiểm tra.", "The journal holds: %s entries checked."},
	"audit.broken":             {"Chuỗi nhật ký bị phá vỡ tại bản ghi số %d: %s", "The journal is broken at entry %d: %s"},
	"audit.at":                 {"Thời điểm", "When"},
	"audit.actor":              {"Người thực hiện", "Who"},
	"audit.object":             {"Đối tượng", "Object"},
	"audit.action":             {"Thao tác", "Action"},
	"audit.payload":            {"Nội dung", "Details"},
	"audit.none":               {"Chưa có bản ghi nào.", "No entries."},
	"audit.older":              {"Cũ hơn", "Older"},
}
