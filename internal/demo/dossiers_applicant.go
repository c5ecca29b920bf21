package demo

import (
	"fmt"

	"congvu/internal/dossier"
)

// Invented applicants: citizens with names in the proportions of northern
// family names, and firms with names of the usual shape. Any likeness to a
// real firm is chance.
var (
	familyNames = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Ngô", "Đặng", "Bùi", "Dương", "Đinh", "Lý", "Trịnh"}
	middleNames = []string{"Văn", "Văn", "Thị", "Thị", "Đức", "Minh", "Quang", "Thu", "Thanh", "Hữu", "Ngọc", "Xuân"}
	givenNames  = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tú", "Tuấn", "Vân", "Yến"}
	firmWords   = []string{"Kinh Bắc", "Quan Họ", "Đông Hồ", "Từ Sơn", "Yên Phong", "Thuận Thành", "Tiên Du", "Quế Võ", "Lục Ngạn", "Việt Yên", "Hiệp Hòa", "Sông Cầu", "Đình Bảng", "Phù Lãng"}
	firmTrades  = []string{"Thương mại và Dịch vụ", "Xây dựng", "Điện tử", "Cơ khí chính xác", "Vận tải", "Nông sản", "Đồ gỗ mỹ nghệ", "Công nghệ", "Dệt may", "Logistics", "Vật liệu xây dựng", "Thực phẩm"}
	firmForms   = []string{"Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Hợp tác xã"}
	wards       = []string{"phường Kinh Bắc", "phường Võ Cường", "phường Từ Sơn", "phường Đồng Nguyên", "xã Yên Phong", "xã Tiên Du", "phường Quế Võ", "phường Bắc Giang", "xã Lục Nam", "phường Việt Yên"}
	streets     = []string{"Lý Thái Tổ", "Trần Hưng Đạo", "Nguyễn Gia Thiều", "Ngô Gia Tự", "Lê Thái Tổ", "Hoàng Quốc Việt", "Minh Khai", "Nguyễn Trãi"}
)

// applicant invents who files a dossier: a firm for company, cooperative
// and investment procedures, a citizen for a household business.
func (g *generator) applicant(p dossier.Procedure) dossier.Applicant {
	r := g.rnd
	addr := fmt.Sprintf("Số %d, đường %s, %s, tỉnh Bắc Ninh", 1+r.IntN(250), g.one(streets), g.one(wards))
	phone := fmt.Sprintf("09%08d", r.IntN(100000000))
	person := g.one(familyNames) + " " + g.one(middleNames) + " " + g.one(givenNames)
	if p.Field == fieldHousehold || p.Field == fieldCompany && r.IntN(5) == 0 {
		return dossier.Applicant{Name: person, IDNumber: fmt.Sprintf("027%09d", r.IntN(1000000000)), Phone: phone, Address: addr}
	}
	form := g.one(firmForms)
	if p.Field == fieldCoop {
		form = "Hợp tác xã"
	} else if form == "Hợp tác xã" {
		form = "Công ty TNHH"
	}
	name := form + " " + g.one(firmTrades) + " " + g.one(firmWords)
	if p.Field == fieldInvestment && r.IntN(2) == 0 {
		name += " Việt Nam"
	}
	return dossier.Applicant{Name: name, IDNumber: fmt.Sprintf("23%08d", r.IntN(100000000)), Phone: phone, Address: addr, Organization: true}
}
