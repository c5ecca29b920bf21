package demo

import (
	"context"
	"fmt"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// CatalogueFrom is the day the demo catalogue takes effect: NĐ 118/2025/NĐ-CP
// replaced NĐ 61/2018 and NĐ 107/2021 as the one-stop mechanism on
// 01/07/2025 (DOMAIN.md §0), the day the new Bắc Ninh began.
const CatalogueFrom = "2025-07-01"

// The fields (lĩnh vực) of the planning-and-investment procedures the merged
// Sở Tài chính carries out, as the national catalogue groups them.
const (
	fieldInvestment = "Đầu tư tại Việt Nam"
	fieldCompany    = "Thành lập và hoạt động của doanh nghiệp"
	fieldHousehold  = "Hộ kinh doanh"
	fieldCoop       = "Hợp tác xã"
	fieldBidding    = "Đấu thầu"
	fieldPublicInv  = "Đầu tư công"
)

// stepSpec is one step of a demo procedure, naming its unit by key.
type stepSpec struct {
	name   string
	unit   string // unit key; "" for any unit
	role   org.Role
	budget float64
}

// procSpec is one demo procedure. weight is how often the dossier generator
// picks it (dossiers.go), in relative terms.
//
// UNVERIFIED: the national codes below have the real form (1.xxxxxx,
// 2.xxxxxx) and follow the numbering of the planning-and-investment part of
// the national catalogue as far as we know it, but they have not been
// checked one by one against the catalogue Bắc Ninh published after
// 01/07/2025; neither have the internal step budgets, the after-15:00 flags
// nor the fees. The statutory times are the usual ones: business
// registration 3 working days (NĐ 168/2025), investment registration
// certificate 15 working days and its adjustment 10, certificate after a
// policy approval 5 (NĐ 31/2021 Art. 35), policy approval by the provincial
// committee 32 working days split as in QĐ 973/QĐ-UBND 2019 (DOMAIN.md §1.4).
// The bidding ones are in calendar days to show that kind of limit.
type procSpec struct {
	code, name, field string
	level             dossier.Level
	limit             float64
	calendarDays      bool
	after15h          bool
	fee               int64
	docs              []dossier.Document
	steps             []stepSpec
	weight            int
}

// Units of the demo that steps name.
const (
	uDesk      = "khdt.motcua" // the one-stop desk, carried over by the merger
	uBizReg    = "stc.dkkd"    // Phòng Đăng ký kinh doanh và Hộ kinh doanh (renamed 01/07/2025)
	uForeign   = "khdt.ktdn"   // Phòng Kinh tế đối ngoại
	uBidding   = "khdt.dt"     // Phòng Đấu thầu – Thẩm định và Giám sát đầu tư
	uSectorEco = "khdt.ktn"    // Phòng Kinh tế ngành
	uCultureSo = "khdt.kgvx"   // Phòng Khoa giáo – Văn xã
)

func doc(name string, c dossier.CopyKind, n int) dossier.Document {
	return dossier.Document{Name: name, Copy: c, Quantity: n}
}

// Steps of the usual chains. Each adds up to its limit.
func deskStep(b float64) stepSpec {
	return stepSpec{"Tiếp nhận hồ sơ tại Bộ phận một cửa", uDesk, org.RoleClerk, b}
}

// bizSteps: desk, the registration division's official, its head signs.
func bizSteps(limit float64, division string) []stepSpec {
	return []stepSpec{
		deskStep(0.5),
		{"Thẩm định hồ sơ", division, org.RoleOfficial, limit - 1},
		{"Phê duyệt, ký Giấy chứng nhận", division, org.RoleHead, 0.5},
	}
}

// investSteps: desk, the lead division, the department's leadership.
func investSteps(limit float64, division string) []stepSpec {
	lead := 1.0
	if limit >= 10 {
		lead = 2
	}
	return []stepSpec{
		deskStep(0.5),
		{"Thẩm định hồ sơ, dự thảo kết quả", division, org.RoleOfficial, limit - 0.5 - lead},
		{"Lãnh đạo Sở phê duyệt", uFinance, org.RoleDeputyDirector, lead},
	}
}

// Common papers.
var (
	dAppForm     = doc("Giấy đề nghị đăng ký doanh nghiệp", dossier.Original, 1)
	dCharter     = doc("Điều lệ công ty", dossier.Original, 1)
	dMembers     = doc("Danh sách thành viên", dossier.Original, 1)
	dShareholder = doc("Danh sách cổ đông sáng lập", dossier.Original, 1)
	dIDs         = doc("Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật", dossier.Photocopy, 1)
	dProxy       = doc("Văn bản ủy quyền cho người đi nộp hồ sơ (nếu có)", dossier.Original, 1)
	dNotice      = doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp", dossier.Original, 1)
	dDecision    = doc("Nghị quyết, quyết định của chủ sở hữu hoặc Hội đồng thành viên, Đại hội đồng cổ đông", dossier.Original, 1)
	dInvForm     = doc("Văn bản đề nghị thực hiện dự án đầu tư", dossier.Original, 1)
	dInvestorID  = doc("Tài liệu về tư cách pháp lý của nhà đầu tư", dossier.CertifiedCopy, 1)
	dFinance     = doc("Tài liệu chứng minh năng lực tài chính của nhà đầu tư", dossier.Photocopy, 1)
	dProposal    = doc("Đề xuất dự án đầu tư", dossier.Original, 4)
	dLand        = doc("Bản sao giấy tờ về quyền sử dụng đất hoặc đề xuất nhu cầu sử dụng đất", dossier.Photocopy, 1)
	dCertificate = doc("Giấy chứng nhận đăng ký đầu tư đã cấp", dossier.Photocopy, 1)
	dAdjustRep   = doc("Báo cáo tình hình triển khai dự án đến thời điểm đề nghị điều chỉnh", dossier.Original, 1)
	dHHForm      = doc("Giấy đề nghị đăng ký hộ kinh doanh", dossier.Original, 1)
	dCoopForm    = doc("Giấy đề nghị đăng ký hợp tác xã", dossier.Original, 1)
	dCoopCharter = doc("Điều lệ hợp tác xã", dossier.Original, 1)
	dCoopPlan    = doc("Phương án sản xuất, kinh doanh", dossier.Original, 1)
	dCoopMembers = doc("Danh sách thành viên, hội đồng quản trị, giám đốc, ban kiểm soát", dossier.Original, 1)
	dPlanReport  = doc("Tờ trình đề nghị phê duyệt kế hoạch lựa chọn nhà thầu", dossier.Original, 1)
	dPlanDocs    = doc("Quyết định phê duyệt dự án hoặc dự toán mua sắm và các văn bản pháp lý liên quan", dossier.Photocopy, 1)
	dComplaint   = doc("Văn bản kiến nghị của nhà thầu", dossier.Original, 1)
)

// legalBasis is the căn cứ pháp lý the public catalogue shows for the
// procedures of a field. UNVERIFIED: the laws and decrees are those the
// fields rest on (DOMAIN.md §0, §4), not each procedure's published list.
var legalBasis = map[string]string{
	fieldInvestment: "Luật Đầu tư số 61/2020/QH14\nNghị định số 31/2021/NĐ-CP",
	fieldCompany:    "Luật Doanh nghiệp số 59/2020/QH14\nNghị định số 168/2025/NĐ-CP",
	fieldHousehold:  "Luật Doanh nghiệp số 59/2020/QH14\nNghị định số 168/2025/NĐ-CP",
	fieldCoop:       "Luật Hợp tác xã số 17/2023/QH15",
	fieldBidding:    "Luật Đấu thầu số 22/2023/QH15\nNghị định số 214/2025/NĐ-CP",
	fieldPublicInv:  "Luật Đầu tư công số 58/2024/QH15\nNghị định số 85/2025/NĐ-CP",
}

// oneStopBasis is the one-stop mechanism every procedure is received under.
const oneStopBasis = "Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông"

// catalogue is the demo agency's procedures in the planning-and-investment
// field. See procSpec for what is illustrative.
var catalogue = []procSpec{
	// Đầu tư công, handled by Phòng Khoa giáo – Văn xã, the division of the
	// address in DOMAIN.md §5, so that its officials have dossiers too.
	// UNVERIFIED: code and time are illustrative.
	{"2.002399", "Thẩm định nguồn vốn và khả năng cân đối vốn dự án đầu tư công lĩnh vực giáo dục, y tế, văn hóa – xã hội", fieldPublicInv,
		dossier.LevelPartial, 15, false, false, 0,
		[]dossier.Document{doc("Tờ trình đề nghị thẩm định nguồn vốn và khả năng cân đối vốn", dossier.Original, 1),
			doc("Báo cáo đề xuất chủ trương đầu tư", dossier.Original, 1)}, bizSteps(15, uCultureSo), 6},
	// Thành lập và hoạt động của doanh nghiệp: 3 working days, fee 50.000 đ
	// (nothing when filed online), received after 15:00 counts from the next
	// working day.
	{"2.001610", "Đăng ký thành lập doanh nghiệp tư nhân", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dAppForm, dIDs, dProxy}, bizSteps(3, uBizReg), 40},
	{"2.002040", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dAppForm, dCharter, dIDs, dProxy}, bizSteps(3, uBizReg), 120},
	{"2.002041", "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dAppForm, dCharter, dMembers, dIDs, dProxy}, bizSteps(3, uBizReg), 60},
	{"2.002042", "Đăng ký thành lập công ty cổ phần", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dAppForm, dCharter, dShareholder, dIDs, dProxy}, bizSteps(3, uBizReg), 50},
	{"2.002043", "Đăng ký thành lập công ty hợp danh", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dAppForm, dCharter, dMembers, dIDs}, bizSteps(3, uBizReg), 2},
	{"1.005047", "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dNotice, dDecision, dProxy}, bizSteps(3, uBizReg), 70},
	{"1.005048", "Đăng ký thay đổi người đại diện theo pháp luật của công ty", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dNotice, dDecision, dIDs}, bizSteps(3, uBizReg), 45},
	{"1.005049", "Đăng ký thay đổi vốn điều lệ, tỷ lệ vốn góp", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{dNotice, dDecision, dMembers}, bizSteps(3, uBizReg), 55},
	{"2.001583", "Thông báo thay đổi ngành, nghề kinh doanh", fieldCompany, dossier.LevelFull, 3, false, true, 0,
		[]dossier.Document{dNotice, dDecision}, bizSteps(3, uBizReg), 65},
	{"2.002051", "Đăng ký hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{doc("Thông báo thành lập chi nhánh, văn phòng đại diện, địa điểm kinh doanh", dossier.Original, 1), dDecision, dIDs}, bizSteps(3, uBizReg), 40},
	{"1.005062", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", fieldCompany, dossier.LevelFull, 3, false, true, 0,
		[]dossier.Document{doc("Thông báo về việc tạm ngừng kinh doanh", dossier.Original, 1), dDecision}, bizSteps(3, uBizReg), 35},
	{"2.001199", "Đăng ký giải thể doanh nghiệp", fieldCompany, dossier.LevelPartial, 5, false, true, 0,
		[]dossier.Document{doc("Thông báo về việc giải thể doanh nghiệp", dossier.Original, 1),
			doc("Báo cáo thanh lý tài sản doanh nghiệp", dossier.Original, 1), dDecision}, bizSteps(5, uBizReg), 15},
	{"1.010028", "Cấp lại Giấy chứng nhận đăng ký doanh nghiệp", fieldCompany, dossier.LevelFull, 3, false, true, 50000,
		[]dossier.Document{doc("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký doanh nghiệp", dossier.Original, 1)}, bizSteps(3, uBizReg), 8},
	{"1.001612", "Hiệu đính thông tin đăng ký doanh nghiệp", fieldCompany, dossier.LevelFull, 3, false, false, 0,
		[]dossier.Document{doc("Giấy đề nghị hiệu đính thông tin", dossier.Original, 1)}, bizSteps(3, uBizReg), 6},

	// Hộ kinh doanh: with no district level since 01/07/2025, the demo has
	// the department register them (UNVERIFIED: the commune may do it).
	{"2.000575", "Đăng ký thành lập hộ kinh doanh", fieldHousehold, dossier.LevelFull, 3, false, true, 100000,
		[]dossier.Document{dHHForm, doc("Bản sao giấy tờ pháp lý của chủ hộ kinh doanh", dossier.Photocopy, 1)}, bizSteps(3, uBizReg), 60},
	{"2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", fieldHousehold, dossier.LevelFull, 3, false, true, 100000,
		[]dossier.Document{doc("Thông báo thay đổi nội dung đăng ký hộ kinh doanh", dossier.Original, 1)}, bizSteps(3, uBizReg), 30},
	{"2.000644", "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", fieldHousehold, dossier.LevelFull, 3, false, true, 0,
		[]dossier.Document{doc("Thông báo tạm ngừng kinh doanh của hộ kinh doanh", dossier.Original, 1)}, bizSteps(3, uBizReg), 12},
	{"2.000589", "Chấm dứt hoạt động hộ kinh doanh", fieldHousehold, dossier.LevelFull, 3, false, true, 0,
		[]dossier.Document{doc("Thông báo chấm dứt hoạt động hộ kinh doanh", dossier.Original, 1),
			doc("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh", dossier.Original, 1)}, bizSteps(3, uBizReg), 15},

	// Hợp tác xã.
	{"1.005125", "Đăng ký thành lập hợp tác xã", fieldCoop, dossier.LevelPartial, 5, false, true, 100000,
		[]dossier.Document{dCoopForm, dCoopCharter, dCoopPlan, dCoopMembers}, bizSteps(5, uBizReg), 6},
	{"1.005126", "Đăng ký thay đổi nội dung đăng ký hợp tác xã", fieldCoop, dossier.LevelPartial, 3, false, true, 100000,
		[]dossier.Document{doc("Giấy đề nghị đăng ký thay đổi nội dung đăng ký hợp tác xã", dossier.Original, 1), dDecision}, bizSteps(3, uBizReg), 5},
	{"1.005277", "Giải thể tự nguyện hợp tác xã", fieldCoop, dossier.LevelPartial, 5, false, false, 0,
		[]dossier.Document{doc("Thông báo về việc giải thể hợp tác xã", dossier.Original, 1), dDecision}, bizSteps(5, uBizReg), 2},

	// Đầu tư tại Việt Nam, handled by Phòng Kinh tế đối ngoại.
	{"1.009645", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư", fieldInvestment, dossier.LevelPartial, 15, false, false, 0,
		[]dossier.Document{dInvForm, dInvestorID, dFinance, dProposal, dLand}, investSteps(15, uForeign), 12},
	{"1.009646", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án thuộc diện chấp thuận chủ trương đầu tư", fieldInvestment, dossier.LevelPartial, 5, false, false, 0,
		[]dossier.Document{dInvForm, doc("Văn bản chấp thuận chủ trương đầu tư", dossier.CertifiedCopy, 1)}, investSteps(5, uForeign), 6},
	{"1.009647", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư", fieldInvestment, dossier.LevelPartial, 10, false, false, 0,
		[]dossier.Document{doc("Văn bản đề nghị điều chỉnh dự án đầu tư", dossier.Original, 1), dAdjustRep, dCertificate, dDecision}, investSteps(10, uForeign), 14},
	{"1.009644", "Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh", fieldInvestment, dossier.LevelPartial, 32, false, false, 0,
		[]dossier.Document{dInvForm, dInvestorID, dFinance, dProposal, dLand},
		[]stepSpec{
			deskStep(0.5),
			{"Chủ trì thẩm định hồ sơ dự án", uForeign, org.RoleOfficial, 9.5},
			{"Lấy ý kiến thẩm định của các sở, ngành liên quan, lập báo cáo thẩm định", uForeign, org.RoleHead, 15},
			// The committee decides; the division that submitted the file follows it:
			// a step names only the agency's own units (issue #11, finding 4).
			{"UBND tỉnh xem xét, chấp thuận chủ trương đầu tư", uForeign, org.RoleHead, 7},
		}, 3},
	{"1.009648", "Điều chỉnh chủ trương đầu tư thuộc thẩm quyền của Ủy ban nhân dân cấp tỉnh", fieldInvestment, dossier.LevelPartial, 25, false, false, 0,
		[]dossier.Document{doc("Văn bản đề nghị điều chỉnh chủ trương đầu tư", dossier.Original, 1), dAdjustRep, dProposal},
		[]stepSpec{
			deskStep(0.5),
			{"Chủ trì thẩm định hồ sơ điều chỉnh", uForeign, org.RoleOfficial, 7.5},
			{"Lấy ý kiến các sở, ngành liên quan, lập báo cáo thẩm định", uForeign, org.RoleHead, 12},
			// The committee decides; the division that submitted the file follows it:
			// a step names only the agency's own units (issue #11, finding 4).
			{"UBND tỉnh xem xét, quyết định điều chỉnh", uForeign, org.RoleHead, 5},
		}, 2},
	{"1.009650", "Cấp lại hoặc hiệu đính thông tin trên Giấy chứng nhận đăng ký đầu tư", fieldInvestment, dossier.LevelPartial, 5, false, false, 0,
		[]dossier.Document{doc("Văn bản đề nghị cấp lại hoặc hiệu đính Giấy chứng nhận đăng ký đầu tư", dossier.Original, 1)}, investSteps(5, uForeign), 3},
	{"1.009652", "Chuyển nhượng dự án đầu tư", fieldInvestment, dossier.LevelPartial, 10, false, false, 0,
		[]dossier.Document{doc("Văn bản đề nghị điều chỉnh dự án đầu tư", dossier.Original, 1),
			doc("Hợp đồng chuyển nhượng dự án đầu tư", dossier.CertifiedCopy, 1), dInvestorID, dCertificate}, investSteps(10, uForeign), 2},
	{"1.009663", "Đăng ký góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước ngoài", fieldInvestment, dossier.LevelPartial, 15, false, false, 0,
		[]dossier.Document{doc("Văn bản đăng ký góp vốn, mua cổ phần, mua phần vốn góp", dossier.Original, 1), dInvestorID,
			doc("Văn bản thỏa thuận nguyên tắc về việc góp vốn, mua cổ phần", dossier.Photocopy, 1)}, investSteps(15, uForeign), 8},
	{"1.009664", "Thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC", fieldInvestment, dossier.LevelPartial, 15, false, false, 0,
		[]dossier.Document{doc("Văn bản đăng ký thành lập văn phòng điều hành", dossier.Original, 1),
			doc("Quyết định bổ nhiệm người đứng đầu văn phòng điều hành", dossier.CertifiedCopy, 1),
			doc("Hợp đồng BCC", dossier.CertifiedCopy, 1)}, investSteps(15, uForeign), 1},
	{"1.009666", "Chấm dứt hoạt động dự án đầu tư", fieldInvestment, dossier.LevelPartial, 15, false, false, 0,
		[]dossier.Document{doc("Thông báo hoặc quyết định chấm dứt hoạt động dự án đầu tư", dossier.Original, 1), dCertificate}, investSteps(15, uSectorEco), 2},

	// Đấu thầu: in calendar days (UNVERIFIED under NĐ 214/2025; the law
	// leaves such appraisals to internal rules, DOMAIN.md §4).
	{"1.013012", "Thẩm định kế hoạch lựa chọn nhà thầu", fieldBidding, dossier.LevelInfo, 20, true, false, 0,
		[]dossier.Document{dPlanReport, dPlanDocs},
		[]stepSpec{
			deskStep(0.5),
			{"Thẩm định kế hoạch lựa chọn nhà thầu", uBidding, org.RoleOfficial, 9},
			{"Lãnh đạo Sở ký báo cáo thẩm định", uFinance, org.RoleDeputyDirector, 2},
		}, 10},
	{"1.013015", "Giải quyết kiến nghị về kết quả lựa chọn nhà thầu", fieldBidding, dossier.LevelInfo, 20, true, false, 0,
		[]dossier.Document{dComplaint, doc("Tài liệu chứng minh nội dung kiến nghị", dossier.Photocopy, 1)},
		[]stepSpec{
			deskStep(0.5),
			{"Xem xét, giải quyết kiến nghị", uBidding, org.RoleHead, 10},
			{"Lãnh đạo Sở ký văn bản trả lời", uFinance, org.RoleDeputyDirector, 2},
		}, 1},
}

// procedure builds the domain procedure of a spec with the seeded units.
func (p procSpec) procedure(units map[string]int64, agencyID int64, from calendar.Date) dossier.Procedure {
	unit := calendar.WorkingDays
	if p.calendarDays {
		unit = calendar.CalendarDays
	}
	out := dossier.Procedure{Code: p.code, Name: p.name, Field: p.field, Level: p.level,
		Limit: calendar.Limit{Value: p.limit, Unit: unit, After15h: p.after15h}, Fee: p.fee,
		Documents: append([]dossier.Document(nil), p.docs...), Version: 1, EffectiveFrom: from, AgencyID: agencyID,
		LegalBasis: legalBasis[p.field] + "\n" + oneStopBasis}
	for _, s := range p.steps {
		out.Steps = append(out.Steps, dossier.Step{Name: s.name, UnitID: units[s.unit], Role: s.role, Budget: s.budget})
	}
	return out
}

// createProcedures adds the catalogue to the merged department, each
// procedure through CreateProcedureVersion as an administrator would.
func (s *seeder) createProcedures(ctx context.Context) error {
	from, err := calendar.ParseDate(CatalogueFrom)
	if err != nil {
		return err
	}
	for _, spec := range catalogue {
		if _, err := s.db.CreateProcedureVersion(ctx, actor, spec.procedure(s.units, s.units[uFinance], from)); err != nil {
			return fmt.Errorf("create procedure %s: %w", spec.code, err)
		}
	}
	return nil
}
