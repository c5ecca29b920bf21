package demo

import (
	"context"
	"fmt"

	"congvu/internal/org"
)

// Electronic identifiers (mã định danh điện tử) in the QCVN 102:2016/BTTTT
// form that QĐ 20/2020/QĐ-TTg keeps: the last group names the province
// (level 1), the group before it a department (level 2), then a division
// (level 3). The department numbers 15 and 13 are illustrative.
const (
	// ProvinceCode is the People's Committee of Bắc Ninh, 000.00.00.Hnn.
	// UNVERIFIED (DOMAIN.md): H27 follows Bắc Ninh's statistical code 27,
	// but the Hnn groups are numbered apart from those codes, and public
	// configuration files suggest that H27 may be Hà Tĩnh's. Check it
	// against the province's decision on identifiers before using it in
	// anything that connects to national systems.
	ProvinceCode = "000.00.00.H27"

	planningCode = "000.00.15.H27" // Sở Kế hoạch và Đầu tư (illustrative)
	// financeCode is the Department of Finance's, before and after the
	// merger: the successor keeps the name and the identifier, which the
	// store allows because it ends the sources before creating the successor.
	financeCode = "000.00.13.H27"
)

// Unit keys, as the staff table and the restructurings refer to units.
const (
	uProvince = "province"
	uPlanning = "khdt" // Sở Kế hoạch và Đầu tư, ended 28/02/2025
	uFinOld   = "tc"   // Sở Tài chính before the merger, ended 28/02/2025
	uFinance  = "stc"  // Sở Tài chính after the merger
)

// unitSpec is a division or desk to create under an agency.
type unitSpec struct {
	key   string
	kind  org.UnitKind
	name  string
	short string
	from  string // YYYY-MM-DD
}

// NĐ 13/2008/NĐ-CP reorganised the provincial departments in 2008; the
// one-stop desks took their present form under NĐ 61/2018/NĐ-CP from
// 21/06/2018.
const (
	agencyFrom = "2008-01-01"
	deskFrom   = "2018-06-21"
)

// planningDivisions are the divisions of Sở Kế hoạch và Đầu tư named in
// DOMAIN.md §5, and its one-stop desk.
var planningDivisions = []unitSpec{
	{"khdt.vp", org.KindDivision, "Văn phòng", "VP", agencyFrom},
	{"khdt.tt", org.KindDivision, "Thanh tra", "TT", agencyFrom},
	{"khdt.thqh", org.KindDivision, "Phòng Tổng hợp – Quy hoạch", "TH-QH", agencyFrom},
	{"khdt.ktn", org.KindDivision, "Phòng Kinh tế ngành", "KTN", agencyFrom},
	{"khdt.kgvx", org.KindDivision, "Phòng Khoa giáo – Văn xã", "KGVX", agencyFrom},
	{"khdt.dt", org.KindDivision, "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư", "ĐT-TĐ&GSĐT", agencyFrom},
	{"khdt.ktdn", org.KindDivision, "Phòng Kinh tế đối ngoại", "KTĐN", agencyFrom},
	{"khdt.dkkd", org.KindDivision, "Phòng Đăng ký kinh doanh", "ĐKKD", agencyFrom},
	{"khdt.motcua", org.KindDesk, "Bộ phận Tiếp nhận và Trả kết quả", "Một cửa", deskFrom},
}

// financeDivisions are a few divisions of the old Sở Tài chính, enough to
// show two departments' divisions side by side after the merger.
var financeDivisions = []unitSpec{
	{"tc.vp", org.KindDivision, "Văn phòng", "VP", agencyFrom},
	{"tc.qlns", org.KindDivision, "Phòng Quản lý ngân sách", "QLNS", agencyFrom},
	{"tc.tcdt", org.KindDivision, "Phòng Tài chính đầu tư", "TCĐT", agencyFrom},
}

// createUnits creates the province, the two departments as they stood
// before 2025, and their divisions.
func (s *seeder) createUnits(ctx context.Context) error {
	// Bắc Ninh was re-established on 01/01/1997 when Hà Bắc was split.
	if err := s.createUnit(ctx, uProvince, org.NewUnit{Kind: org.KindAgency, Code: ProvinceCode,
		Name: "UBND tỉnh Bắc Ninh", ShortName: "UBND tỉnh", ValidFrom: "1997-01-01"}); err != nil {
		return err
	}
	province := s.units[uProvince]
	agencies := []struct {
		key, code, name, short string
		divisions              []unitSpec
	}{
		{uPlanning, planningCode, "Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh", "Sở KH&ĐT", planningDivisions},
		{uFinOld, financeCode, "Sở Tài chính tỉnh Bắc Ninh", "Sở TC", financeDivisions},
	}
	for _, a := range agencies {
		if err := s.createUnit(ctx, a.key, org.NewUnit{ParentID: &province, Kind: org.KindAgency, Code: a.code,
			Name: a.name, ShortName: a.short, ValidFrom: agencyFrom}); err != nil {
			return err
		}
		parent := s.units[a.key]
		for _, d := range a.divisions {
			if err := s.createUnit(ctx, d.key, org.NewUnit{ParentID: &parent, Kind: d.kind,
				Name: d.name, ShortName: d.short, ValidFrom: d.from}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *seeder) createUnit(ctx context.Context, key string, n org.NewUnit) error {
	u, err := s.db.CreateUnit(ctx, actor, n)
	if err != nil {
		return fmt.Errorf("create unit %q: %w", n.Name, err)
	}
	s.units[key] = u.ID
	return nil
}
