package demo

import "congvu/internal/investment"

// The data of the demo's register of public-investment projects
// (investment_projects.go): the communes and wards of the new Bắc Ninh
// (Bắc Ninh and Bắc Giang merged on 01/07/2025, no district level), the
// investors with their staff, and the kinds of project each sector builds
// with the sizes such projects have. The group of a project is never
// here: the store computes it from the size and the band.

// communes are the wards (phường) and communes (xã) of the new province
// the demo builds in; the first part were Bắc Ninh's, the rest Bắc Giang's.
var communes = []string{
	"phường Kinh Bắc", "phường Võ Cường", "phường Vũ Ninh", "phường Hạp Lĩnh", "phường Nam Sơn",
	"phường Từ Sơn", "phường Tam Sơn", "phường Đồng Nguyên", "phường Phù Khê", "phường Thuận Thành",
	"phường Mão Điền", "phường Trạm Lộ", "phường Song Liễu", "phường Quế Võ", "phường Phương Liễu",
	"phường Nhân Hòa", "xã Yên Phong", "xã Văn Môn", "xã Tam Giang", "xã Yên Trung", "xã Tiên Du",
	"xã Liên Bão", "xã Phật Tích", "xã Gia Bình", "xã Nhân Thắng", "xã Đông Cứu", "xã Lương Tài",
	"xã Lâm Thao", "xã Trung Kênh", "xã Chi Lăng", "xã Phù Lãng",
	"phường Bắc Giang", "phường Đa Mai", "phường Tiền Phong", "phường Tân An", "phường Yên Dũng",
	"phường Cảnh Thụy", "phường Việt Yên", "phường Nếnh", "phường Tự Lạn", "phường Chũ",
	"phường Phượng Sơn", "xã Lục Nam", "xã Bắc Lũng", "xã Cẩm Lý", "xã Lục Ngạn", "xã Biên Sơn",
	"xã Sơn Động", "xã An Lạc", "xã Tây Yên Tử", "xã Yên Thế", "xã Bố Hạ", "xã Tân Yên", "xã Nhã Nam",
	"xã Hiệp Hòa", "xã Hoàng Vân", "xã Lạng Giang", "xã Kép", "xã Tiên Lục",
}

// Who builds what: the kind of investor a kind of project goes to.
const (
	invTransport   = "gt"   // Ban QLDA giao thông
	invCivil       = "dd"   // Ban QLDA dân dụng và công nghiệp
	invAgriculture = "nn"   // Ban QLDA nông nghiệp
	invHealth      = "yte"  // Sở Y tế
	invEducation   = "gddt" // Sở Giáo dục và Đào tạo
	invScience     = "khcn" // Sở Khoa học và Công nghệ
	invCulture     = "vhtt" // Sở Văn hóa, Thể thao và Du lịch
	invCommune     = "xa"   // the UBND of the commune it is built in
)

// demoInvestor is an investor of the register and its staff; login is
// the first staff account's, the second's adds ".kt" (the accountant, who
// enters the disbursement). pace is how fast its projects disburse against
// the target curve (1: on the curve); below 0.8 it lags.
type demoInvestor struct {
	key, name string
	short     string // how the console's list of logins names it
	kind      investment.InvestorKind
	commune   string // a commune's own UBND: where it is
	login     string
	staff     []demoStaffer
	pace      float64
}

type demoStaffer struct{ name, position string }

var demoInvestors = []demoInvestor{
	{key: invTransport, name: "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Bắc Ninh", kind: investment.InvestorBoard,
		login: "cdt.giaothong", short: "Ban QLDA giao thông", pace: 1.08, staff: []demoStaffer{{"Nguyễn Văn Khải", "Phó Giám đốc Ban"}, {"Trần Thị Ngọc Mai", "Kế toán"}}},
	{key: invCivil, name: "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh Bắc Ninh", kind: investment.InvestorBoard,
		login: "cdt.dandung", short: "Ban QLDA dân dụng và công nghiệp", pace: 0.97, staff: []demoStaffer{{"Lê Quang Vinh", "Trưởng phòng Kế hoạch – Kỹ thuật"}, {"Đỗ Thị Hằng", "Kế toán"}}},
	{key: invAgriculture, name: "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh Bắc Ninh", kind: investment.InvestorBoard,
		login: "cdt.nongnghiep", short: "Ban QLDA nông nghiệp", pace: 0.62, staff: []demoStaffer{{"Hoàng Minh Tuấn", "Phó Giám đốc Ban"}}},
	{key: invHealth, name: "Sở Y tế tỉnh Bắc Ninh", kind: investment.InvestorDepartment,
		login: "cdt.yte", short: "Sở Y tế", pace: 0.9, staff: []demoStaffer{{"Phạm Thu Trang", "Chuyên viên Phòng Kế hoạch – Tài chính"}}},
	{key: invEducation, name: "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh", kind: investment.InvestorDepartment,
		login: "cdt.giaoduc", short: "Sở Giáo dục và Đào tạo", pace: 1.12, staff: []demoStaffer{{"Vũ Đức Thắng", "Phó Trưởng phòng Kế hoạch – Tài chính"}}},
	{key: invScience, name: "Sở Khoa học và Công nghệ tỉnh Bắc Ninh", kind: investment.InvestorDepartment,
		login: "cdt.khcn", short: "Sở Khoa học và Công nghệ", pace: 0.55, staff: []demoStaffer{{"Ngô Thị Lan Anh", "Chuyên viên Phòng Chuyển đổi số"}, {"Bùi Văn Hiếu", "Kế toán"}}},
	{key: invCulture, name: "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Ninh", kind: investment.InvestorDepartment,
		login: "cdt.vanhoa", short: "Sở Văn hóa, Thể thao và Du lịch", pace: 1.0, staff: []demoStaffer{{"Đinh Thị Thu Hà", "Chuyên viên Văn phòng Sở"}}},
	{key: invCommune, name: "UBND phường Từ Sơn", kind: investment.InvestorCommune, commune: "phường Từ Sơn",
		login: "cdt.tuson", short: "UBND phường Từ Sơn", pace: 1.15, staff: []demoStaffer{{"Nguyễn Thị Thanh Hương", "Công chức Tài chính – Kế toán"}, {"Lê Văn Cường", "Công chức Địa chính – Xây dựng"}}},
	{key: invCommune, name: "UBND phường Bắc Giang", kind: investment.InvestorCommune, commune: "phường Bắc Giang",
		login: "cdt.bacgiang", short: "UBND phường Bắc Giang", pace: 1.02, staff: []demoStaffer{{"Trịnh Văn Nam", "Công chức Tài chính – Kế toán"}}},
	{key: invCommune, name: "UBND xã Yên Phong", kind: investment.InvestorCommune, commune: "xã Yên Phong",
		login: "cdt.yenphong", short: "UBND xã Yên Phong", pace: 0.95, staff: []demoStaffer{{"Phan Thị Bích", "Công chức Tài chính – Kế toán"}}},
	{key: invCommune, name: "UBND xã Gia Bình", kind: investment.InvestorCommune, commune: "xã Gia Bình",
		login: "cdt.giabinh", short: "UBND xã Gia Bình", pace: 0.7, staff: []demoStaffer{{"Đặng Văn Toàn", "Công chức Tài chính – Kế toán"}}},
	{key: invCommune, name: "UBND xã Lục Ngạn", kind: investment.InvestorCommune, commune: "xã Lục Ngạn",
		login: "cdt.lucngan", short: "UBND xã Lục Ngạn", pace: 0.88, staff: []demoStaffer{{"Hà Thị Nhung", "Công chức Tài chính – Kế toán"}}},
	{key: invCommune, name: "UBND xã Sơn Động", kind: investment.InvestorCommune, commune: "xã Sơn Động",
		login: "cdt.sondong", short: "UBND xã Sơn Động", pace: 0.5, staff: []demoStaffer{{"Chu Văn Sơn", "Công chức Tài chính – Kế toán"}}},
}

// projectKind is a kind of project: its name (%s the commune, with its
// xã/phường), band, investor, the size range in billion đồng and how its
// capital is split by source.
type projectKind struct {
	name     string
	band     investment.Band
	investor string
	min, max float64 // tỷ đồng
	split    splitKind
	weight   int // how many of the register's projects are of the kind, relatively
}

// splitKind says how a kind of project is funded.
type splitKind int

const (
	splitProvincial splitKind = iota // provincial budget, some with central support
	splitCentral                     // central and provincial budgets
	splitCommune                     // commune budget with the province's support
	splitODA                         // an ODA loan with provincial counterpart funds
	splitOther                       // provincial budget and other capital (land use fees of the area)
)

var projectKinds = []projectKind{
	// Transport (k.2 major roads and bridges, k.3 other roads).
	{"Nâng cấp, mở rộng Quốc lộ 17 đoạn qua %s", investment.BandK2, invTransport, 280, 1400, splitCentral, 4},
	{"Cầu vượt sông Cầu kết nối %s", investment.BandK2, invTransport, 250, 1800, splitCentral, 3},
	{"Cải tạo, nâng cấp đường tỉnh 295 đoạn qua %s", investment.BandK3, invTransport, 60, 480, splitProvincial, 10},
	{"Đường giao thông kết nối %s với khu công nghiệp", investment.BandK3, invTransport, 40, 350, splitProvincial, 8},
	{"Đường liên xã trung tâm %s", investment.BandK3, invCommune, 8, 45, splitCommune, 14},
	// Irrigation, water supply, drainage, technical infrastructure (k.3).
	{"Kiên cố hóa kênh tưới trạm bơm %s", investment.BandK3, invAgriculture, 15, 120, splitProvincial, 10},
	{"Nạo vét, kè bờ sông Thương đoạn qua %s", investment.BandK3, invAgriculture, 60, 320, splitCentral, 5},
	{"Trạm bơm tiêu úng %s", investment.BandK3, invAgriculture, 45, 260, splitODA, 4},
	{"Hệ thống cấp nước sạch tập trung %s", investment.BandK3, invAgriculture, 20, 140, splitODA, 5},
	{"Hệ thống thoát nước và xử lý nước thải %s", investment.BandK3, invCivil, 80, 600, splitODA, 3},
	// Agriculture and new urban areas (k.4).
	{"Hạ tầng vùng sản xuất nông nghiệp ứng dụng công nghệ cao %s", investment.BandK4, invAgriculture, 25, 180, splitProvincial, 5},
	{"Hạ tầng kỹ thuật khu dân cư mới %s", investment.BandK4, invCommune, 20, 150, splitOther, 6},
	{"Hạ tầng kỹ thuật cụm công nghiệp %s", investment.BandK4, invCivil, 90, 400, splitOther, 3},
	// Health, education, culture, IT, civil works (k.5).
	{"Trường Mầm non %s", investment.BandK5, invCommune, 8, 35, splitCommune, 16},
	{"Nhà lớp học 3 tầng Trường Tiểu học %s", investment.BandK5, invCommune, 6, 25, splitCommune, 16},
	{"Trường Trung học cơ sở %s (xây mới)", investment.BandK5, invCommune, 25, 80, splitCommune, 10},
	{"Trường Trung học phổ thông %s (mở rộng)", investment.BandK5, invEducation, 40, 140, splitProvincial, 8},
	{"Mua sắm thiết bị dạy học tối thiểu các trường %s", investment.BandK5, invEducation, 5, 30, splitProvincial, 5},
	{"Trạm y tế %s", investment.BandK5, invCommune, 4, 12, splitCommune, 12},
	{"Trung tâm Y tế khu vực %s", investment.BandK5, invCivil, 70, 350, splitCentral, 5},
	{"Mua sắm trang thiết bị y tế Trung tâm Y tế khu vực %s", investment.BandK5, invHealth, 15, 110, splitProvincial, 5},
	{"Trụ sở làm việc Đảng ủy – HĐND – UBND %s", investment.BandK5, invCommune, 15, 60, splitCommune, 14},
	{"Nhà văn hóa trung tâm và sân thể thao %s", investment.BandK5, invCommune, 5, 25, splitCommune, 10},
	{"Tu bổ, tôn tạo di tích quốc gia đặc biệt tại %s", investment.BandK5, invCulture, 20, 160, splitProvincial, 5},
	{"Chuyển đổi số và trung tâm phục vụ hành chính công %s", investment.BandK5, invScience, 5, 30, splitProvincial, 8},
	{"Hệ thống camera giám sát an ninh, trật tự và giao thông %s", investment.BandK5, invScience, 15, 120, splitProvincial, 4},
	{"Khu xử lý chất thải rắn sinh hoạt %s", investment.BandK5, invCivil, 60, 450, splitOther, 3},
}

// flagship projects come first in the register (their codes sort first):
// the province's largest, and the three in preparation that the demo's
// appraisals are about (SeedAppraisals uses the first three codes).
var flagships = []struct {
	name     string
	band     investment.Band
	investor string
	commune  string
	billions float64
	split    splitKind
	start    int // 0: the year after now's (in preparation)
	years    int
	special  bool
}{
	{"Đường trục kết nối Quốc lộ 18 với Quốc lộ 3 mới", investment.BandK2, invTransport, "xã Yên Phong", 5200, splitCentral, 0, 5, false},
	{"Bệnh viện Đa khoa tỉnh Bắc Ninh, cơ sở 2", investment.BandK5, invCivil, "phường Bắc Giang", 850, splitCentral, 0, 4, false},
	{"Trường THPT Yên Phong số 3", investment.BandK5, invEducation, "xã Yên Phong", 60, splitProvincial, 0, 2, false},
	{"Đường Vành đai 4 – Vùng Thủ đô, đoạn qua tỉnh Bắc Ninh", investment.BandK2, invTransport, "phường Thuận Thành", 6900, splitCentral, 2023, 5, false},
	{"Hạ tầng kỹ thuật Khu công nghệ cao tỉnh Bắc Ninh", investment.BandK4, invCivil, "phường Việt Yên", 1350, splitOther, 2025, 5, true},
	{"Bệnh viện Sản – Nhi tỉnh Bắc Ninh (giai đoạn 2)", investment.BandK5, invCivil, "phường Võ Cường", 1720, splitCentral, 2024, 4, false},
	{"Nền tảng dữ liệu số dùng chung và Trung tâm dữ liệu tỉnh Bắc Ninh", investment.BandK5, invScience, "phường Kinh Bắc", 380, splitProvincial, 2025, 3, false},
	{"Nâng cấp đê tả sông Cầu kết hợp đường giao thông", investment.BandK3, invAgriculture, "phường Đa Mai", 1180, splitODA, 2024, 4, false},
}
