package demo

import (
	"context"
	"fmt"
	"strings"

	"congvu/internal/fold"
	"congvu/internal/org"
)

// staffer is one member of staff in the demo. The names are invented, in
// the proportions of family names found in northern Vietnam.
type staffer struct {
	key      string // set for the people the accounts and delegation refer to
	name     string
	unit     string // unit key
	role     org.Role
	position string // the title as written on documents
}

// Staff keys used by accounts.go and the delegation.
const (
	sDirector  = "director"
	sDeputy    = "deputy"
	sAdmin     = "admin"
	sKGVXHead  = "kgvx.head"
	sOfficial  = "kgvx.official"
	sClerk     = "clerk"
	sInspector = "inspector"
	sOperator  = "operator"
	// The appraisal demo (investment_appraisal.go): the bidding and
	// appraisal division's official and head, and the staff of two
	// divisions it consults.
	sDTOfficial   = "dt.official"
	sDTHead       = "dt.head"
	sKTNOfficial  = "ktn.official"
	sTCDTOfficial = "tcdt.official"
)

// operator keeps what every agency of the province shares, such as the
// national holiday table (issue #11, finding 3). The role counts only in
// the top unit of the tree, so the operator sits in the province's
// committee, not in a department, and is not one of its forty staff.
var operator = staffer{sOperator, "Lương Văn Vận", uProvince, org.RoleOperator, "Chuyên viên vận hành hệ thống"}

// provinceDomain is the committee's e-mail domain.
const provinceDomain = "bacninh.gov.vn"

// staff lists the 40 people as they stood before the merger. The
// leadership sits in the agency itself, so the merger moves them; the
// others sit in divisions, which the merger moves whole.
var staff = []staffer{
	// Sở Kế hoạch và Đầu tư: ban giám đốc.
	{sDirector, "Nguyễn Văn Thắng", uPlanning, org.RoleDirector, "Giám đốc Sở"},
	{sDeputy, "Trần Thị Thu Hà", uPlanning, org.RoleDeputyDirector, "Phó Giám đốc Sở"},
	{"", "Lê Minh Tuấn", uPlanning, org.RoleDeputyDirector, "Phó Giám đốc Sở"},
	// Văn phòng.
	{"", "Phạm Thị Lan Anh", "khdt.vp", org.RoleHead, "Chánh Văn phòng"},
	{"", "Hoàng Đức Mạnh", "khdt.vp", org.RoleDeputyHead, "Phó Chánh Văn phòng"},
	{sAdmin, "Vũ Quang Huy", "khdt.vp", org.RoleAdmin, "Chuyên viên công nghệ thông tin"},
	{"", "Đặng Thị Hồng Nhung", "khdt.vp", org.RoleOfficial, "Chuyên viên"},
	// Thanh tra.
	{"", "Bùi Văn Khải", "khdt.tt", org.RoleHead, "Chánh Thanh tra"},
	{sInspector, "Đỗ Thị Phương", "khdt.tt", org.RoleInspector, "Thanh tra viên"},
	{"", "Ngô Quốc Bảo", "khdt.tt", org.RoleInspector, "Thanh tra viên"},
	// Phòng Tổng hợp – Quy hoạch.
	{"", "Dương Văn Long", "khdt.thqh", org.RoleHead, "Trưởng phòng Tổng hợp – Quy hoạch"},
	{"", "Đinh Thị Mai", "khdt.thqh", org.RoleDeputyHead, "Phó Trưởng phòng Tổng hợp – Quy hoạch"},
	{"", "Nguyễn Thị Thanh Hương", "khdt.thqh", org.RoleOfficial, "Chuyên viên"},
	{"", "Trịnh Văn Đức", "khdt.thqh", org.RoleOfficial, "Chuyên viên"},
	// Phòng Kinh tế ngành.
	{"", "Lý Văn Sơn", "khdt.ktn", org.RoleHead, "Trưởng phòng Kinh tế ngành"},
	{sKTNOfficial, "Nguyễn Thị Ngọc Lan", "khdt.ktn", org.RoleDeputyHead, "Phó Trưởng phòng Kinh tế ngành"},
	{"", "Phan Văn Hải", "khdt.ktn", org.RoleOfficial, "Chuyên viên"},
	// Phòng Khoa giáo – Văn xã, the division that wrote the address of DOMAIN.md §5.
	{sKGVXHead, "Trần Văn Hùng", "khdt.kgvx", org.RoleHead, "Trưởng phòng Khoa giáo – Văn xã"},
	{"", "Lê Thị Thúy", "khdt.kgvx", org.RoleDeputyHead, "Phó Trưởng phòng Khoa giáo – Văn xã"},
	{sOfficial, "Nguyễn Thị Minh Nguyệt", "khdt.kgvx", org.RoleOfficial, "Chuyên viên"},
	{"", "Vương Đình Khoa", "khdt.kgvx", org.RoleOfficial, "Chuyên viên"},
	// Phòng Đấu thầu – Thẩm định và Giám sát đầu tư.
	{sDTHead, "Phạm Văn Dũng", "khdt.dt", org.RoleHead, "Trưởng phòng Đấu thầu – Thẩm định và Giám sát đầu tư"},
	{"", "Hà Thị Thanh Tâm", "khdt.dt", org.RoleDeputyHead, "Phó Trưởng phòng Đấu thầu – Thẩm định và Giám sát đầu tư"},
	{sDTOfficial, "Cao Minh Trí", "khdt.dt", org.RoleOfficial, "Chuyên viên"},
	{"", "Lương Thị Hạnh", "khdt.dt", org.RoleOfficial, "Chuyên viên"},
	// Phòng Kinh tế đối ngoại.
	{"", "Tạ Quang Vinh", "khdt.ktdn", org.RoleHead, "Trưởng phòng Kinh tế đối ngoại"},
	{"", "Nguyễn Hoàng Yến", "khdt.ktdn", org.RoleOfficial, "Chuyên viên"},
	// Phòng Đăng ký kinh doanh.
	{"", "Đào Văn Toàn", "khdt.dkkd", org.RoleHead, "Trưởng phòng Đăng ký kinh doanh"},
	{"", "Hoàng Thị Kim Oanh", "khdt.dkkd", org.RoleDeputyHead, "Phó Trưởng phòng Đăng ký kinh doanh"},
	{"", "Chu Văn Tiến", "khdt.dkkd", org.RoleOfficial, "Chuyên viên"},
	// Bộ phận Tiếp nhận và Trả kết quả.
	{sClerk, "Nguyễn Thị Hằng", "khdt.motcua", org.RoleClerk, "Công chức tiếp nhận và trả kết quả"},
	{"", "Trần Thị Bích Ngọc", "khdt.motcua", org.RoleClerk, "Công chức tiếp nhận và trả kết quả"},
	{"", "Lê Văn Quyết", "khdt.motcua", org.RoleClerk, "Công chức tiếp nhận và trả kết quả"},
	// Sở Tài chính before the merger: its deputy director becomes the new
	// department's third deputy.
	{"", "Vũ Thị Hải Yến", uFinOld, org.RoleDeputyDirector, "Phó Giám đốc Sở"},
	{"", "Mai Thị Thu Trang", "tc.vp", org.RoleOfficial, "Chuyên viên"},
	{"", "Đỗ Văn Cường", "tc.qlns", org.RoleHead, "Trưởng phòng Quản lý ngân sách"},
	{"", "Kiều Thị Loan", "tc.qlns", org.RoleOfficial, "Chuyên viên"},
	{"", "Bùi Thị Huyền", "tc.tcdt", org.RoleHead, "Trưởng phòng Tài chính đầu tư"},
	{"", "Ngô Văn Thành", "tc.tcdt", org.RoleDeputyHead, "Phó Trưởng phòng Tài chính đầu tư"},
	{sTCDTOfficial, "Đặng Quang Minh", "tc.tcdt", org.RoleOfficial, "Chuyên viên"},
}

// since gives each membership a start date between 2019 and 2023, so that
// the staff did not all arrive on one day; all fall before the merger.
var since = []string{"2019-07-01", "2020-01-02", "2021-03-15", "2022-10-03", "2023-05-04"}

// emailDomain is the merged department's, which the staff use today.
const emailDomain = "sotaichinh.bacninh.gov.vn"

// createStaff creates every person and their membership.
func (s *seeder) createStaff(ctx context.Context) error {
	taken := map[string]bool{}
	for i, p := range staff {
		agency := s.units[uPlanning]
		if p.unit == uFinOld || strings.HasPrefix(p.unit, uFinOld+".") {
			agency = s.units[uFinOld]
		}
		person, err := s.db.CreatePerson(ctx, actor, org.NewPerson{
			AgencyID: agency, FullName: p.name, Email: email(p.name, taken), Phone: phone(i),
		})
		if err != nil {
			return fmt.Errorf("create person %q: %w", p.name, err)
		}
		if _, err := s.db.AddMembership(ctx, actor, org.NewMembership{
			PersonID: person.ID, UnitID: s.units[p.unit], Role: p.role, Position: p.position, ValidFrom: since[i%len(since)],
		}); err != nil {
			return fmt.Errorf("place %q: %w", p.name, err)
		}
		if p.key != "" {
			s.people[p.key] = person.ID
		}
	}
	return s.createOperator(ctx)
}

// createOperator places the system operator in the province's committee.
func (s *seeder) createOperator(ctx context.Context) error {
	p := operator
	person, err := s.db.CreatePerson(ctx, actor, org.NewPerson{
		AgencyID: s.units[uProvince], FullName: p.name, Email: "van.luong@" + provinceDomain, Phone: phone(len(staff)),
	})
	if err != nil {
		return fmt.Errorf("create person %q: %w", p.name, err)
	}
	if _, err := s.db.AddMembership(ctx, actor, org.NewMembership{
		PersonID: person.ID, UnitID: s.units[p.unit], Role: p.role, Position: p.position, ValidFrom: since[0],
	}); err != nil {
		return fmt.Errorf("place %q: %w", p.name, err)
	}
	s.people[p.key] = person.ID
	return nil
}

// email writes given-name.family-name at the department's domain without
// diacritics ("Trần Văn Hùng" → hung.tran@...), numbering a repeat.
func email(fullName string, taken map[string]bool) string {
	words := strings.Fields(fold.String(fullName))
	local := words[len(words)-1] + "." + words[0]
	for n := 2; taken[local]; n++ {
		local = fmt.Sprintf("%s.%s%d", words[len(words)-1], words[0], n)
	}
	taken[local] = true
	return local + "@" + emailDomain
}

// phone makes up a mobile number from the person's position in the list.
func phone(i int) string {
	prefixes := []string{"0912", "0983", "0975", "0904", "0868", "0946", "0388", "0978"}
	return fmt.Sprintf("%s %03d %03d", prefixes[i%len(prefixes)], (137*i+211)%1000, (571*i+89)%1000)
}
