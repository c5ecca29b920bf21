package report

import (
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// at builds an instant in Vietnam.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.VN)
}

// sample returns the data of a dossier received on the given day: a
// citizen with a full Vietnamese name, a procedure of the Bắc Ninh
// catalogue, three papers, a slip whose second step was late.
func sample(received time.Time) FormData {
	day := func(n int, h, m int) time.Time {
		t := received.AddDate(0, 0, n)
		return time.Date(t.Year(), t.Month(), t.Day(), h, m, 0, 0, calendar.VN)
	}
	return FormData{
		Agency:        "UBND tỉnh Bắc Ninh",
		Unit:          "Trung tâm Phục vụ hành chính công",
		Number:        "125/TNHS",
		Place:         "Bắc Ninh",
		IssuedAt:      received,
		Code:          "000.00.06.H05-260302-0042",
		Applicant:     dossier.Applicant{Name: "Nguyễn Thị Hương Giang", IDNumber: "027190001234", Phone: "0912345678", Address: "Số 12 đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh", Email: "giang.nth@example.vn"},
		ProcedureCode: "1.009645",
		ProcedureName: "Quyết định chủ trương đầu tư của UBND cấp tỉnh",
		Documents: []DocumentLine{
			{"Văn bản đề nghị thực hiện dự án đầu tư", dossier.Original, 1},
			{"Bản sao giấy tờ pháp lý của nhà đầu tư", dossier.CertifiedCopy, 2},
			{"Đề xuất dự án đầu tư gồm các nội dung: tên dự án, mục tiêu, quy mô, vốn đầu tư, địa điểm, tiến độ thực hiện", dossier.Original, 1},
		},
		Sets:            1,
		StatutoryTime:   "32 ngày làm việc",
		ReceivedAt:      received,
		AppointedAt:     day(44, 16, 0),
		CollectAt:       "Quầy số 5, Trung tâm Phục vụ hành chính công tỉnh",
		Fee:             1234567,
		FeeMethod:       "đã nộp tiền mặt tại quầy",
		BookNo:          "03",
		BookSeq:         "0042",
		Officer:         "Trần Văn Đức",
		OfficerPhone:    "0222 3822 123",
		LookupURL:       "https://dichvucong.bacninh.gov.vn/tra-cuu?ma=000.00.06.H05-260302-0042",
		Items:           []string{"Bản sao có chứng thực giấy chứng nhận đăng ký doanh nghiệp", "Báo cáo năng lực tài chính của nhà đầu tư trong hai năm gần nhất"},
		Reason:          "Hồ sơ chưa đủ thành phần theo quy định tại khoản 1 Điều 33 Luật Đầu tư",
		SupplementDays:  5,
		NewAppointedAt:  day(50, 16, 0),
		ProcedureInfoAt: "Cổng Dịch vụ công quốc gia",
		LeadBody:        "Ban Quản lý các khu công nghiệp",
		CoBodies:        "Sở Tài chính; Sở Nông nghiệp và Môi trường",
		Slip: []dossier.SlipRow{
			{Body: "Bộ phận tiếp nhận và trả kết quả", HandedAt: day(0, 14, 30), Giver: "Trần Văn Đức", Receiver: "Lê Thị Mai", Result: dossier.OnTime, ResultLabel: "Đúng hạn"},
			{Body: "Ban Quản lý các khu công nghiệp", HandedAt: day(16, 9, 5), Giver: "Lê Thị Mai", Receiver: "Phạm Quốc Bảo", Result: dossier.Late, ResultLabel: "Quá hạn", Note: "Chờ ý kiến Sở Tài chính"},
			{Body: "UBND tỉnh", HandedAt: day(21, 10, 0), Giver: "Phạm Quốc Bảo", Receiver: "Trần Văn Đức", Result: dossier.Early, ResultLabel: "Trước hạn"},
		},
		SignerName: "Trần Văn Đức",
	}
}

// regimes are intake instants under each form set.
var regimes = map[string]time.Time{
	"TT01/2018": at(2025, time.March, 3, 8, 15),
	"TT03/2025": at(2026, time.March, 2, 8, 15),
}

func dateOf(t time.Time) calendar.Date { return calendar.DateOf(t) }
