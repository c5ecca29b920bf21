package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/work"
)

// divisionWork is what one division of the merged Sở Tài chính plans for a
// year and the tasks it is typically given: the work of the former Sở Kế
// hoạch và Đầu tư (planning, public investment, appraisal, bidding,
// business registration, ODA) and of the finance side (budget, investment
// finance, settlement of completed projects).
type divisionWork struct {
	division string // the current division's name
	short    string // for document numbers: "TH-QH" in 12/BC-TH-QH
	targets  []targetSpec
	tasks    []taskSpec
}

// targetSpec is a chỉ tiêu of the division's annual plan: a summed one
// reports a month's count, a level one the level reached so far, and both
// end the year near reach × value.
type targetSpec struct {
	name, uom string
	value     float64
	sum       bool
	reach     float64 // the share of the value the year ends at (0.7–1.1)
}

// taskSpec is a kind of task the division is given.
type taskSpec struct {
	title, product, description string
	days                        int // working days usually given
	checklist                   []string
}

var divisionWorks = []divisionWork{
	{division: "Phòng Tổng hợp – Quy hoạch", short: "TH-QH",
		targets: []targetSpec{
			{"Tỷ lệ giải ngân kế hoạch vốn đầu tư công của tỉnh", "%", 95, false, 0.92},
			{"Báo cáo kinh tế – xã hội định kỳ gửi UBND tỉnh đúng hạn", "báo cáo", 16, true, 1.0},
		},
		tasks: []taskSpec{
			{"Báo cáo tình hình kinh tế – xã hội tháng và nhiệm vụ, giải pháp tháng tới", "Báo cáo tình hình kinh tế – xã hội", "Tổng hợp số liệu của các sở, ngành, UBND cấp huyện; đánh giá các chỉ tiêu chủ yếu.", 6, []string{"Đề nghị các sở, ngành gửi số liệu", "Tổng hợp, dự thảo báo cáo", "Trình Lãnh đạo Sở"}},
			{"Tham mưu kế hoạch đầu tư công trung hạn giai đoạn 2026–2030", "Tờ trình UBND tỉnh về kế hoạch đầu tư công trung hạn", "Rà soát danh mục dự án, cân đối nguồn vốn theo Luật Đầu tư công.", 20, nil},
			{"Báo cáo tình hình giải ngân vốn đầu tư công quý", "Báo cáo giải ngân vốn đầu tư công", "Đối chiếu số liệu với Kho bạc Nhà nước tỉnh; nêu dự án giải ngân chậm và nguyên nhân.", 8, nil},
			{"Rà soát, điều chỉnh Quy hoạch tỉnh Bắc Ninh thời kỳ 2021–2030", "Báo cáo rà soát quy hoạch tỉnh", "Sau hợp nhất đơn vị hành chính, rà soát các phương án phát triển.", 25, nil},
		}},
	{division: "Phòng Kinh tế ngành", short: "KTN",
		targets: []targetSpec{
			{"Hồ sơ thẩm định chủ trương đầu tư dự án nhóm B, C", "hồ sơ", 36, true, 0.95},
			{"Tỷ lệ hồ sơ thẩm định đúng hạn", "%", 100, false, 0.9},
		},
		tasks: []taskSpec{
			{"Thẩm định báo cáo đề xuất chủ trương đầu tư dự án đường tỉnh 295C", "Báo cáo thẩm định chủ trương đầu tư", "Thẩm định nguồn vốn và khả năng cân đối vốn theo Luật Đầu tư công.", 15, []string{"Lấy ý kiến các sở, ngành", "Dự thảo báo cáo thẩm định", "Trình Hội đồng thẩm định"}},
			{"Thẩm định điều chỉnh dự án cải tạo, nâng cấp đê hữu Cầu", "Báo cáo thẩm định điều chỉnh dự án", "", 12, nil},
			{"Góp ý dự thảo kế hoạch phát triển công nghiệp hỗ trợ của Sở Công Thương", "Công văn góp ý", "", 5, nil},
			{"Kiểm tra tiến độ các dự án hạ tầng khu công nghiệp", "Biên bản kiểm tra", "", 10, nil},
		}},
	{division: "Phòng Khoa giáo – Văn xã", short: "KGVX",
		targets: []targetSpec{
			{"Dự án y tế, giáo dục được thẩm định chủ trương đầu tư", "dự án", 20, true, 0.85},
			{"Tỷ lệ giải ngân vốn các chương trình mục tiêu quốc gia", "%", 90, false, 0.8},
		},
		tasks: []taskSpec{
			{"Thẩm định chủ trương đầu tư dự án xây dựng Trường THPT Yên Phong số 3", "Báo cáo thẩm định chủ trương đầu tư", "", 15, nil},
			{"Báo cáo tình hình thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững", "Báo cáo tình hình thực hiện chương trình", "", 8, nil},
			{"Tham mưu phân bổ vốn sự nghiệp giáo dục và đào tạo năm sau", "Tờ trình UBND tỉnh về phân bổ vốn", "", 12, nil},
			{"Trả lời kiến nghị cử tri về đầu tư trạm y tế xã", "Công văn trả lời kiến nghị cử tri", "Theo Văn bản của Ban Dân nguyện, Ủy ban Thường vụ Quốc hội.", 7, nil},
		}},
	{division: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư", short: "ĐT",
		targets: []targetSpec{
			{"Kế hoạch lựa chọn nhà thầu được thẩm định", "hồ sơ", 60, true, 1.05},
			{"Báo cáo giám sát, đánh giá đầu tư 6 tháng và năm", "báo cáo", 2, true, 1.0},
		},
		tasks: []taskSpec{
			{"Thẩm định kế hoạch lựa chọn nhà thầu dự án cải tạo Bệnh viện Đa khoa tỉnh", "Báo cáo thẩm định kế hoạch lựa chọn nhà thầu", "Theo Luật Đấu thầu số 22/2023/QH15.", 10, []string{"Kiểm tra hồ sơ", "Dự thảo báo cáo thẩm định", "Trình phê duyệt"}},
			{"Tổng hợp báo cáo giám sát, đánh giá tổng thể đầu tư 6 tháng", "Báo cáo giám sát, đánh giá đầu tư", "", 15, nil},
			{"Kiểm tra công tác đấu thầu tại Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "Biên bản kiểm tra công tác đấu thầu", "", 12, nil},
			{"Giải quyết kiến nghị của nhà thầu về kết quả lựa chọn nhà thầu", "Văn bản giải quyết kiến nghị", "", 7, nil},
		}},
	{division: "Phòng Kinh tế đối ngoại", short: "KTĐN",
		targets: []targetSpec{
			{"Dự án FDI được cấp, điều chỉnh Giấy chứng nhận đăng ký đầu tư", "dự án", 120, true, 0.9},
		},
		tasks: []taskSpec{
			{"Báo cáo tình hình thu hút đầu tư trực tiếp nước ngoài quý", "Báo cáo thu hút FDI", "", 8, nil},
			{"Chuẩn bị hội nghị xúc tiến đầu tư tỉnh Bắc Ninh tại Hàn Quốc", "Kế hoạch tổ chức hội nghị xúc tiến đầu tư", "", 20, nil},
			{"Rà soát tình hình giải ngân các dự án ODA và vốn vay ưu đãi", "Báo cáo giải ngân vốn ODA", "", 10, nil},
		}},
	{division: "Phòng Đăng ký kinh doanh và Hộ kinh doanh", short: "ĐKKD",
		targets: []targetSpec{
			{"Doanh nghiệp thành lập mới", "doanh nghiệp", 2400, true, 0.97},
			{"Tỷ lệ hồ sơ đăng ký doanh nghiệp qua mạng", "%", 98, false, 0.99},
		},
		tasks: []taskSpec{
			{"Báo cáo tình hình đăng ký doanh nghiệp tháng", "Báo cáo tình hình đăng ký doanh nghiệp", "", 4, nil},
			{"Rà soát doanh nghiệp không hoạt động tại địa chỉ đăng ký", "Danh sách doanh nghiệp đề nghị thu hồi", "", 15, nil},
			{"Hướng dẫn đăng ký hộ kinh doanh sau sắp xếp đơn vị hành chính cấp xã", "Công văn hướng dẫn", "", 6, nil},
		}},
	{division: "Phòng Quản lý ngân sách", short: "QLNS",
		targets: []targetSpec{
			{"Tỷ lệ thu ngân sách nhà nước trên địa bàn so với dự toán", "%", 100, false, 1.08},
			{"Đơn vị dự toán được thẩm tra quyết toán năm", "đơn vị", 85, true, 0.9},
		},
		tasks: []taskSpec{
			{"Tham mưu dự toán thu, chi ngân sách địa phương năm sau", "Tờ trình UBND tỉnh về dự toán ngân sách", "", 20, []string{"Tổng hợp đề xuất của các đơn vị", "Cân đối thu, chi", "Dự thảo tờ trình"}},
			{"Thẩm tra quyết toán ngân sách năm của các sở, ngành", "Thông báo thẩm tra quyết toán", "", 15, nil},
			{"Báo cáo tình hình thu, chi ngân sách 6 tháng", "Báo cáo thu, chi ngân sách", "", 7, nil},
		}},
	{division: "Phòng Tài chính đầu tư", short: "TCĐT",
		targets: []targetSpec{
			{"Dự án hoàn thành được thẩm tra, phê duyệt quyết toán", "dự án", 150, true, 0.75},
			{"Giá trị vốn đầu tư công được thẩm tra quyết toán", "tỷ đồng", 3200, true, 0.8},
		},
		tasks: []taskSpec{
			{"Thẩm tra quyết toán dự án hoàn thành đường Vành đai 4 đoạn qua tỉnh", "Báo cáo thẩm tra quyết toán dự án hoàn thành", "Theo Nghị định 99/2021/NĐ-CP về quản lý, thanh toán, quyết toán dự án sử dụng vốn đầu tư công.", 20, nil},
			{"Đôn đốc chủ đầu tư lập hồ sơ quyết toán dự án chậm quyết toán", "Công văn đôn đốc", "", 5, nil},
			{"Báo cáo tình hình quyết toán vốn đầu tư công theo niên độ", "Báo cáo quyết toán vốn đầu tư công", "", 10, nil},
		}},
}

// plan is the division's annual plan of year y, with the actuals reported
// month by month up to the month before now's.
func (d divisionWork) plan(agency, unit int64, y int, now time.Time, rng *rand.Rand) work.Plan {
	p := work.Plan{AgencyID: agency, OwnerUnitID: unit, Period: work.YearPeriod(y),
		Title: fmt.Sprintf("Kế hoạch công tác năm %d của %s", y, d.division),
		Source: work.SourceDocument{Number: fmt.Sprintf("%d/KH-STC", 10+len(d.division)%40), Date: calendar.Date{Year: y, Month: time.January, Day: 8},
			Issuer: "Sở Tài chính tỉnh Bắc Ninh", Title: fmt.Sprintf("Kế hoạch thực hiện nhiệm vụ phát triển kinh tế – xã hội và dự toán ngân sách năm %d", y)}}
	months := 12
	if y == now.Year() {
		months = int(now.Month()) - 1
	} else if y > now.Year() {
		months = 0
	}
	for ti, ts := range d.targets {
		t := work.Target{Name: ts.name, UnitOfMeasure: ts.uom, TargetValue: ts.value, Sum: ts.sum}
		level := 0.0
		for m := 1; m <= months; m++ {
			var v float64
			if ts.sum {
				// A month's share with some spread; the year adds up to reach.
				v = ts.value * ts.reach / 12 * (0.7 + 0.6*rng.Float64())
				if ts.value >= 50 {
					v = float64(int(v + 0.5))
				} else {
					v = float64(int(v*10+0.5)) / 10
				}
			} else {
				// A level climbs to reach by December.
				level += ts.value * ts.reach / 12 * (0.6 + 0.8*rng.Float64())
				level = min(level, ts.value*ts.reach*float64(m)/12*1.15)
				v = float64(int(level*10+0.5)) / 10
			}
			end := calendar.Date{Year: y, Month: time.Month(m), Day: 1}.AddDays(32)
			end = calendar.Date{Year: end.Year, Month: end.Month, Day: 1}.AddDays(-1)
			t.Actuals = append(t.Actuals, work.Actual{Label: fmt.Sprintf("Tháng %d/%d", m, y), Date: end, Value: v,
				Evidence: fmt.Sprintf("Báo cáo số %d/BC-%s ngày %02d/%02d/%d", 20+m*7+ti, d.short, end.Day, m, y)})
		}
		p.Targets = append(p.Targets, t)
	}
	return p
}
