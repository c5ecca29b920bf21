package investment

import "congvu/internal/apperr"

// label picks the Vietnamese or English half of a pair.
func label(l [2]string, ok bool, raw, lang string) string {
	if !ok {
		return raw
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Source is a capital source of a project's total investment (nguồn vốn),
// as the annual plans and the disbursement reports of TT 37/2025/TT-BTC
// count them.
type Source string

// The capital sources.
const (
	SourceCentral    Source = "central"    // Ngân sách trung ương
	SourceProvincial Source = "provincial" // Ngân sách tỉnh
	SourceCommune    Source = "commune"    // Ngân sách xã
	SourceODA        Source = "oda"        // Vốn ODA và vốn vay ưu đãi
	SourceOther      Source = "other"      // Nguồn khác
)

// Sources lists every source in display order.
var Sources = []Source{SourceCentral, SourceProvincial, SourceCommune, SourceODA, SourceOther}

var sourceLabels = map[Source][2]string{
	SourceCentral:    {"Ngân sách trung ương", "Central budget"},
	SourceProvincial: {"Ngân sách tỉnh", "Provincial budget"},
	SourceCommune:    {"Ngân sách xã", "Commune budget"},
	SourceODA:        {"Vốn ODA", "ODA"},
	SourceOther:      {"Nguồn khác", "Other sources"},
}

// Label names the source in "vi" or "en".
func (s Source) Label(lang string) string {
	l, ok := sourceLabels[s]
	return label(l, ok, string(s), lang)
}

// Valid reports whether s is a known source.
func (s Source) Valid() bool { _, ok := sourceLabels[s]; return ok }

// Public reports whether the source is public capital (vốn đầu tư công)
// for the national-important threshold of Luật 58/2024 Art 8: the budgets
// and ODA; "other" is counted as not public.
func (s Source) Public() bool { return s.Valid() && s != SourceOther }

// ParseSource checks a source name, naming field in the error.
func ParseSource(field, s string) (Source, error) {
	if Source(s).Valid() {
		return Source(s), nil
	}
	return "", apperr.Invalidf(field, "nguồn vốn không hợp lệ: %q (trung ương central, tỉnh provincial, xã commune, ODA oda, khác other)",
		"unknown capital source: %q (central, provincial, commune, oda, other)", s)
}

// Band is the sector band of Luật 58/2024/QH15 Art 9 (khoản 2 to 5), which
// sets the group thresholds of a project.
type Band string

// The sector bands.
const (
	BandK2 Band = "k2" // giao thông trọng điểm, điện, dầu khí, hóa chất, cơ khí, khai khoáng, nhà ở
	BandK3 Band = "k3" // giao thông khác, thủy lợi, cấp thoát nước, hạ tầng kỹ thuật, điện tử, vật liệu, bưu chính viễn thông
	BandK4 Band = "k4" // nông, lâm, thủy sản, vườn quốc gia, hạ tầng khu đô thị mới, công nghiệp khác
	BandK5 Band = "k5" // y tế, văn hóa, giáo dục, khoa học, công nghệ thông tin, môi trường, du lịch, dân dụng, còn lại
)

// Bands lists every band in order.
var Bands = []Band{BandK2, BandK3, BandK4, BandK5}

var bandLabels = map[Band][2]string{
	BandK2: {"Khoản 2: giao thông trọng điểm, điện, dầu khí, hóa chất, cơ khí, khai khoáng, nhà ở",
		"Band 2: major transport, power, oil and gas, chemicals, machinery, mining, housing"},
	BandK3: {"Khoản 3: giao thông khác, thủy lợi, cấp thoát nước, hạ tầng kỹ thuật, điện tử, vật liệu, viễn thông",
		"Band 3: other transport, irrigation, water, technical infrastructure, electronics, materials, telecom"},
	BandK4: {"Khoản 4: nông nghiệp, lâm nghiệp, thủy sản, vườn quốc gia, hạ tầng khu đô thị mới, công nghiệp khác",
		"Band 4: agriculture, forestry, aquaculture, national parks, new urban infrastructure, other industry"},
	BandK5: {"Khoản 5: y tế, văn hóa, giáo dục, khoa học, công nghệ thông tin, môi trường, du lịch, dân dụng và còn lại",
		"Band 5: health, culture, education, research, IT, environment, tourism, civil construction and the rest"},
}

var bandShort = map[Band][2]string{
	BandK2: {"k.2 – Giao thông trọng điểm, năng lượng", "k.2 – Major transport, energy"},
	BandK3: {"k.3 – Hạ tầng kỹ thuật, thủy lợi", "k.3 – Technical infrastructure, irrigation"},
	BandK4: {"k.4 – Nông nghiệp, đô thị mới", "k.4 – Agriculture, new urban areas"},
	BandK5: {"k.5 – Y tế, giáo dục, văn hóa, dân dụng", "k.5 – Health, education, culture, civil"},
}

// Label names the band in full (Art 9) in "vi" or "en".
func (b Band) Label(lang string) string { l, ok := bandLabels[b]; return label(l, ok, string(b), lang) }

// Short names the band briefly, for a filter or a table cell.
func (b Band) Short(lang string) string { l, ok := bandShort[b]; return label(l, ok, string(b), lang) }

// Valid reports whether b is a known band.
func (b Band) Valid() bool { _, ok := bandLabels[b]; return ok }

// ParseBand checks a band name ("k2".."k5"), naming field in the error.
func ParseBand(field, s string) (Band, error) {
	if Band(s).Valid() {
		return Band(s), nil
	}
	return "", apperr.Invalidf(field, "lĩnh vực không hợp lệ: %q (k2, k3, k4 hoặc k5 theo Điều 9 Luật Đầu tư công)",
		"unknown sector band: %q (k2, k3, k4 or k5 of Art 9 of the Law on Public Investment)", s)
}

// Group is the project group (nhóm dự án) of Luật 58/2024 Art 8–11.
type Group string

// The groups, largest first.
const (
	GroupNational Group = "national" // dự án quan trọng quốc gia
	GroupA        Group = "A"
	GroupB        Group = "B"
	GroupC        Group = "C"
)

// Groups lists every group, largest first.
var Groups = []Group{GroupNational, GroupA, GroupB, GroupC}

var groupLabels = map[Group][2]string{
	GroupNational: {"Quan trọng quốc gia", "National important"},
	GroupA:        {"Nhóm A", "Group A"},
	GroupB:        {"Nhóm B", "Group B"},
	GroupC:        {"Nhóm C", "Group C"},
}

// Label names the group in "vi" or "en".
func (g Group) Label(lang string) string {
	l, ok := groupLabels[g]
	return label(l, ok, string(g), lang)
}

// Valid reports whether g is a known group.
func (g Group) Valid() bool { _, ok := groupLabels[g]; return ok }

// ParseGroup checks a group name, naming field in the error.
func ParseGroup(field, s string) (Group, error) {
	if Group(s).Valid() {
		return Group(s), nil
	}
	return "", apperr.Invalidf(field, "nhóm dự án không hợp lệ: %q (national, A, B, C)", "unknown project group: %q (national, A, B, C)", s)
}

// Phase is where a project stands (giai đoạn).
type Phase string

// The phases, in order.
const (
	PhasePreparation    Phase = "preparation"    // chuẩn bị đầu tư
	PhaseImplementation Phase = "implementation" // thực hiện dự án
	PhaseCompleted      Phase = "completed"      // hoàn thành, đưa vào sử dụng
	PhaseSettled        Phase = "settled"        // đã quyết toán
)

// Phases lists every phase in order.
var Phases = []Phase{PhasePreparation, PhaseImplementation, PhaseCompleted, PhaseSettled}

var phaseLabels = map[Phase][2]string{
	PhasePreparation:    {"Chuẩn bị đầu tư", "Preparation"},
	PhaseImplementation: {"Thực hiện dự án", "Implementation"},
	PhaseCompleted:      {"Hoàn thành", "Completed"},
	PhaseSettled:        {"Đã quyết toán", "Settled"},
}

// Label names the phase in "vi" or "en".
func (p Phase) Label(lang string) string {
	l, ok := phaseLabels[p]
	return label(l, ok, string(p), lang)
}

// Valid reports whether p is a known phase.
func (p Phase) Valid() bool { _, ok := phaseLabels[p]; return ok }

// ParsePhase checks a phase name, naming field in the error.
func ParsePhase(field, s string) (Phase, error) {
	if Phase(s).Valid() {
		return Phase(s), nil
	}
	return "", apperr.Invalidf(field, "giai đoạn không hợp lệ: %q (preparation, implementation, completed, settled)",
		"unknown phase: %q (preparation, implementation, completed, settled)", s)
}

// InvestorKind says what kind of body an investor is.
type InvestorKind string

// The kinds of investor.
const (
	InvestorBoard      InvestorKind = "board"      // Ban quản lý dự án
	InvestorCommune    InvestorKind = "commune"    // UBND xã, phường
	InvestorDepartment InvestorKind = "department" // sở, ngành
	InvestorOther      InvestorKind = "other"      // đơn vị khác
)

// InvestorKinds lists every kind in display order.
var InvestorKinds = []InvestorKind{InvestorBoard, InvestorCommune, InvestorDepartment, InvestorOther}

var investorKindLabels = map[InvestorKind][2]string{
	InvestorBoard:      {"Ban quản lý dự án", "Project-management board"},
	InvestorCommune:    {"UBND xã, phường", "Commune or ward"},
	InvestorDepartment: {"Sở, ngành", "Department"},
	InvestorOther:      {"Đơn vị khác", "Other body"},
}

// Label names the kind in "vi" or "en".
func (k InvestorKind) Label(lang string) string {
	l, ok := investorKindLabels[k]
	return label(l, ok, string(k), lang)
}

// Valid reports whether k is a known kind.
func (k InvestorKind) Valid() bool { _, ok := investorKindLabels[k]; return ok }
