package store

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/fold"
	"congvu/internal/org"
	"congvu/internal/report"
)

// The catalogue sheet: how an agency's procedures travel as an Excel
// workbook (export, edit, import). One sheet, CatalogueSheet; a header row;
// then ONE ROW PER PROCEDURE VERSION with these columns, in this order:
//
//	A code            national code, 1.xxxxxx
//	B name            the procedure's name
//	C field           lĩnh vực, e.g. "Đầu tư tại Việt Nam" (may be empty)
//	D level           mức độ: "Toàn trình", "Một phần", "Cung cấp thông tin" (or 3, 2, 1)
//	E limit           thời hạn giải quyết: a number, decimal comma or point ("0,5")
//	F unit            "ngày làm việc" (working days) or "ngày" (calendar days)
//	G after_15h       "có" / "không": received after 15:00 counts from the next working day
//	H fee             phí, lệ phí in đồng, digits (dots or spaces as thousands separators allowed)
//	I effective_from  dd/mm/yyyy (an Excel date shown so, or text)
//	J documents       one paper per line: "name | copy kind | quantity", the kind
//	                  as on form 01 ("Bản chính", "Bản sao có chứng thực", "Bản sao",
//	                  "Bản điện tử") or its code (original, certified_copy, ...)
//	K steps           one step per line: "name | unit | role | budget", the unit by
//	                  short name, full name or id among the current units, "" for
//	                  any; the role a code (clerk, official, head, ...), a
//	                  Vietnamese label or ""; the budget in working days
//
// Importing creates a new version of each row's procedure (the store numbers
// it); a row is checked whole and every wrong cell is reported with its row
// and column (CatalogueError), and nothing is imported unless every row is
// right.
const CatalogueSheet = "Danh mục thủ tục"

// catalogueColumns are the column keys, in sheet order, and the headers.
var catalogueColumns = []struct{ key, header string }{
	{"code", "Mã thủ tục (code)"},
	{"name", "Tên thủ tục (name)"},
	{"field", "Lĩnh vực (field)"},
	{"level", "Mức độ (level)"},
	{"limit", "Thời hạn (time limit)"},
	{"unit", "Đơn vị tính (unit)"},
	{"after_15h", "Nhận sau 15 giờ tính từ ngày làm việc tiếp theo (after 15:00)"},
	{"fee", "Phí, lệ phí - đồng (fee)"},
	{"effective_from", "Hiệu lực từ (effective from)"},
	{"documents", "Thành phần hồ sơ: tên | loại bản | số lượng (documents)"},
	{"steps", "Quy trình: tên bước | đơn vị | vai trò | số ngày (steps)"},
}

// RowError is one wrong cell of an imported sheet.
type RowError struct {
	Row    int    // the sheet's row number, the header being row 1
	Column string // the column key: code, name, ..., steps
	VI, EN string
}

// CatalogueError lists every wrong cell of an import. It wraps an
// apperr.Invalid whose message names the first few, so that code that
// knows only apperr still shows something useful.
type CatalogueError struct {
	Rows []RowError
	err  *apperr.Error
}

func (e *CatalogueError) Error() string { return e.err.Error() }

// Unwrap gives the apperr.Invalid.
func (e *CatalogueError) Unwrap() error { return e.err }

func newCatalogueError(rows []RowError) *CatalogueError {
	var vi, en []string
	for i, r := range rows {
		if i == 3 {
			vi = append(vi, fmt.Sprintf("và %d lỗi khác", len(rows)-3))
			en = append(en, fmt.Sprintf("and %d more", len(rows)-3))
			break
		}
		vi = append(vi, fmt.Sprintf("dòng %d, cột %s: %s", r.Row, r.Column, r.VI))
		en = append(en, fmt.Sprintf("row %d, column %s: %s", r.Row, r.Column, r.EN))
	}
	return &CatalogueError{Rows: rows, err: apperr.New(apperr.Invalid, "file",
		fmt.Sprintf("Bảng tính có %d lỗi, chưa nhập thủ tục nào: %s", len(rows), strings.Join(vi, "; ")),
		fmt.Sprintf("the sheet has %d errors and nothing was imported: %s", len(rows), strings.Join(en, "; ")))}
}

// CatalogueRows writes procedures as the sheet's rows (without the header).
// Units are named by short name when that is unambiguous among the current
// units, else by id.
func CatalogueRows(tree *org.Tree, procs []dossier.Procedure) [][]any {
	byShort := map[string]int{}
	for _, u := range tree.Units() {
		if u.Current() && u.ShortName != "" {
			byShort[fold.String(u.ShortName)]++
		}
	}
	unitRef := func(id int64) string {
		if id == 0 {
			return ""
		}
		if u, ok := tree.Unit(id); ok && u.ShortName != "" && byShort[fold.String(u.ShortName)] == 1 {
			return u.ShortName
		}
		return strconv.FormatInt(id, 10)
	}
	rows := make([][]any, 0, len(procs))
	for _, p := range procs {
		unit := "ngày làm việc"
		if p.Limit.Unit == calendar.CalendarDays {
			unit = "ngày"
		}
		after := "không"
		if p.Limit.After15h {
			after = "có"
		}
		var docs, steps []string
		for _, d := range p.Documents {
			docs = append(docs, fmt.Sprintf("%s | %s | %d", d.Name, d.Copy.Label("vi"), d.Quantity))
		}
		for _, s := range p.Steps {
			steps = append(steps, fmt.Sprintf("%s | %s | %s | %s", s.Name, unitRef(s.UnitID), string(s.Role), decimal(s.Budget)))
		}
		rows = append(rows, []any{p.Code, p.Name, p.Field, p.Level.Label("vi"), p.Limit.Value, unit, after, report.Money(p.Fee),
			p.EffectiveFrom, strings.Join(docs, "\n"), strings.Join(steps, "\n")})
	}
	return rows
}

// decimal writes a number of days with a decimal comma: 0.5 → "0,5".
func decimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// ParseCatalogueRows reads the sheet's rows (the header first) into
// procedures of agencyID. Every wrong cell of every row is collected; the
// error is then a *CatalogueError (apperr.Invalid) and no procedure is
// returned. Units in steps are looked up among the current units of tree.
func ParseCatalogueRows(tree *org.Tree, agencyID int64, rows [][]string) ([]dossier.Procedure, error) {
	if len(rows) == 0 {
		return nil, newCatalogueError([]RowError{{Row: 1, Column: "code", VI: "bảng tính trống", EN: "the sheet is empty"}})
	}
	units := unitIndex(tree, agencyID)
	var out []dossier.Procedure
	var errs []RowError
	for i, row := range rows[1:] {
		n := i + 2
		if blank(row) {
			continue
		}
		p, rowErrs := parseCatalogueRow(units, agencyID, n, row)
		if len(rowErrs) == 0 {
			if err := p.CheckStepUnits(tree); err != nil {
				e := apperr.As(err)
				rowErrs = append(rowErrs, RowError{Row: n, Column: "steps", VI: e.VI, EN: e.EN})
			}
		}
		errs = append(errs, rowErrs...)
		if len(rowErrs) == 0 {
			out = append(out, p)
		}
	}
	if len(errs) > 0 {
		return nil, newCatalogueError(errs)
	}
	if len(out) == 0 {
		return nil, newCatalogueError([]RowError{{Row: 2, Column: "code", VI: "không có dòng thủ tục nào", EN: "no procedure rows"}})
	}
	return out, nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// unitIndex maps folded short names, names and ids of the current units to
// ids; -1 marks an ambiguous name. The agency's own units come first: a
// name another agency also uses ("Văn phòng") means the agency's unit, and
// a name only another agency uses resolves to that unit so that
// dossier.Procedure.CheckStepUnits can say whose it is.
func unitIndex(tree *org.Tree, agencyID int64) map[string]int64 {
	build := func(own bool) map[string]int64 {
		m := map[string]int64{}
		put := func(k string, id int64) {
			if k == "" {
				return
			}
			if old, ok := m[k]; ok && old != id {
				m[k] = -1
				return
			}
			m[k] = id
		}
		for _, u := range tree.Units() {
			if !u.Current() || (u.AgencyID == agencyID) != own {
				continue
			}
			put(fold.String(u.ShortName), u.ID)
			put(fold.String(u.Name), u.ID)
			m[strconv.FormatInt(u.ID, 10)] = u.ID
		}
		return m
	}
	m := build(true)
	for k, id := range build(false) {
		if _, ok := m[k]; !ok {
			m[k] = id
		}
	}
	return m
}

// parseCatalogueRow reads one row; row is the sheet's row number.
func parseCatalogueRow(units map[string]int64, agencyID int64, row int, cells []string) (dossier.Procedure, []RowError) {
	var errs []RowError
	bad := func(col, vi, en string, args ...any) {
		errs = append(errs, RowError{Row: row, Column: col, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)})
	}
	cell := func(i int) string {
		if i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
	p := dossier.Procedure{AgencyID: agencyID, Version: 1, Code: cell(0), Name: cell(1), Field: cell(2)}
	// level
	switch lv := fold.String(cell(3)); lv {
	case "toan trinh", "3", "full":
		p.Level = dossier.LevelFull
	case "mot phan", "2", "partial":
		p.Level = dossier.LevelPartial
	case "cung cap thong tin", "1", "info":
		p.Level = dossier.LevelInfo
	default:
		bad("level", "mức độ %q không hợp lệ (Toàn trình, Một phần, Cung cấp thông tin)", "level %q is not one of Toàn trình, Một phần, Cung cấp thông tin", cell(3))
	}
	if v, ok := parseNumber(cell(4)); ok {
		p.Limit.Value = v
	} else {
		bad("limit", "thời hạn %q không phải là số", "time limit %q is not a number", cell(4))
	}
	switch fold.String(cell(5)) {
	case "ngay lam viec", "working_days", "working days":
		p.Limit.Unit = calendar.WorkingDays
	case "ngay", "ngay theo lich", "calendar_days", "calendar days":
		p.Limit.Unit = calendar.CalendarDays
	default:
		bad("unit", "đơn vị tính %q không hợp lệ (ngày làm việc hoặc ngày)", "unit %q is neither ngày làm việc nor ngày", cell(5))
	}
	switch fold.String(cell(6)) {
	case "co", "x", "yes", "true", "1":
		p.Limit.After15h = true
	case "khong", "", "no", "false", "0":
	default:
		bad("after_15h", "giá trị %q không hợp lệ (có hoặc không)", "%q is neither có nor không", cell(6))
	}
	if fee := strings.NewReplacer(".", "", " ", "", ",", "", "đ", "").Replace(cell(7)); fee != "" {
		if v, err := strconv.ParseInt(fee, 10, 64); err == nil && v >= 0 {
			p.Fee = v
		} else {
			bad("fee", "phí %q không phải số đồng hợp lệ", "fee %q is not a valid amount in đồng", cell(7))
		}
	}
	if d, err := parseDMY(cell(8)); err == nil {
		p.EffectiveFrom = d
	} else {
		bad("effective_from", "ngày hiệu lực %q không đúng dạng dd/mm/yyyy", "effective date %q is not dd/mm/yyyy", cell(8))
	}
	for i, line := range lines(cell(9)) {
		f := splitFields(line)
		if len(f) != 3 {
			bad("documents", "giấy tờ %d: cần 3 phần \"tên | loại bản | số lượng\"", "document %d: needs three parts \"name | copy kind | quantity\"", i+1)
			continue
		}
		d := dossier.Document{Name: f[0], Copy: copyKind(f[1])}
		if !d.Copy.Valid() {
			bad("documents", "giấy tờ %d: loại bản %q không hợp lệ", "document %d: unknown copy kind %q", i+1, f[1])
		}
		q, err := strconv.Atoi(f[2])
		if err != nil || q < 1 {
			bad("documents", "giấy tờ %d: số lượng %q không hợp lệ", "document %d: invalid quantity %q", i+1, f[2])
		}
		d.Quantity = q
		p.Documents = append(p.Documents, d)
	}
	for i, line := range lines(cell(10)) {
		f := splitFields(line)
		if len(f) != 4 {
			bad("steps", "bước %d: cần 4 phần \"tên | đơn vị | vai trò | số ngày\"", "step %d: needs four parts \"name | unit | role | budget\"", i+1)
			continue
		}
		s := dossier.Step{Name: f[0]}
		if f[1] != "" {
			id, ok := units[fold.String(f[1])]
			switch {
			case !ok:
				bad("steps", "bước %d: không có đơn vị đang hoạt động %q", "step %d: no current unit %q", i+1, f[1])
			case id < 0:
				bad("steps", "bước %d: có nhiều đơn vị tên %q; hãy ghi số hiệu đơn vị", "step %d: several units are called %q; give the unit's id", i+1, f[1])
			default:
				s.UnitID = id
			}
		}
		if r, ok := parseRole(f[2]); ok {
			s.Role = r
		} else {
			bad("steps", "bước %d: vai trò %q không hợp lệ", "step %d: unknown role %q", i+1, f[2])
		}
		if v, ok := parseNumber(f[3]); ok {
			s.Budget = v
		} else {
			bad("steps", "bước %d: số ngày %q không phải là số", "step %d: budget %q is not a number", i+1, f[3])
		}
		p.Steps = append(p.Steps, s)
	}
	if len(errs) > 0 {
		return p, errs
	}
	if err := p.Validate(); err != nil {
		e := apperr.As(err)
		if e == nil {
			e = apperr.Invalidf("", "%v", "%v", err)
		}
		col := e.Field
		if i := strings.IndexAny(col, "[."); i >= 0 {
			col = col[:i]
		}
		switch col {
		case "version", "":
			col = "code"
		}
		errs = append(errs, RowError{Row: row, Column: col, VI: e.VI, EN: e.EN})
	}
	return p, errs
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func splitFields(line string) []string {
	f := strings.Split(line, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// parseNumber reads "0,5", "0.5" or "15".
func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// parseDMY reads dd/mm/yyyy (or YYYY-MM-DD).
func parseDMY(s string) (calendar.Date, error) {
	if d, m, y, ok := splitDMY(s); ok {
		return calendar.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	}
	return calendar.ParseDate(s)
}

func splitDMY(s string) (d, m, y int, ok bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	var err1, err2, err3 error
	d, err1 = strconv.Atoi(parts[0])
	m, err2 = strconv.Atoi(parts[1])
	y, err3 = strconv.Atoi(parts[2])
	return d, m, y, err1 == nil && err2 == nil && err3 == nil
}

func copyKind(s string) dossier.CopyKind {
	for _, k := range []dossier.CopyKind{dossier.Original, dossier.CertifiedCopy, dossier.Photocopy, dossier.Electronic} {
		if s == string(k) || fold.String(s) == fold.String(k.Label("vi")) || fold.String(s) == fold.String(k.Label("en")) {
			return k
		}
	}
	return dossier.CopyKind(s)
}

func parseRole(s string) (org.Role, bool) {
	if s == "" {
		return "", true
	}
	for _, r := range []org.Role{org.RoleDirector, org.RoleDeputyDirector, org.RoleHead, org.RoleDeputyHead, org.RoleOfficial,
		org.RoleClerk, org.RoleInspector, org.RoleAdmin} {
		if s == string(r) || fold.String(s) == fold.String(r.Label("vi")) {
			return r, true
		}
	}
	return "", false
}

// ExportCatalogueXLSX writes every version of an agency's procedures as the
// catalogue sheet.
func (db *DB) ExportCatalogueXLSX(ctx context.Context, agencyID int64, w io.Writer) (int, error) {
	procs, err := db.FindCatalogue(ctx, agencyID)
	if err != nil {
		return 0, err
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		return 0, err
	}
	headers := make([]string, len(catalogueColumns))
	for i, c := range catalogueColumns {
		headers[i] = c.header
	}
	return len(procs), report.WriteTable(w, CatalogueSheet, headers, CatalogueRows(tree, procs))
}

// ImportCatalogueXLSX reads a catalogue workbook (its first sheet) and
// imports every row in one transaction; it returns how many versions were
// created. A wrong row makes it a *CatalogueError and imports nothing.
func (db *DB) ImportCatalogueXLSX(ctx context.Context, actor audit.Actor, agencyID int64, r io.Reader) (int, error) {
	rows, err := report.ReadTable(r, "")
	if err != nil {
		return 0, err
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		return 0, err
	}
	procs, err := ParseCatalogueRows(tree, agencyID, rows)
	if err != nil {
		return 0, err
	}
	if err := db.ImportProcedures(ctx, actor, agencyID, procs); err != nil {
		return 0, err
	}
	return len(procs), nil
}
