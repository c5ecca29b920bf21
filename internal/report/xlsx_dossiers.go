package report

import (
	"io"

	"congvu/internal/dossier"
)

// MaxListExport is the most dossiers one list export writes. A list longer
// than that ends with a row saying so, never silently short: the caller
// narrows the filter (a month, a unit, a procedure) and exports again.
const MaxListExport = 100_000

// DossierList writes a list of dossiers (a queue, a search, "dossiers I
// handled") as an XLSX sheet in lang ("vi" or "en"): code, procedure,
// applicant, status, received, due, current unit and result, with dates as
// real Excel dates. more reports that the list went on past the rows
// given; unitName names a unit by id.
func DossierList(w io.Writer, lang string, rows []dossier.Summary, more bool, unitName func(int64) string) error {
	vi := lang != "en"
	pick := func(v, e string) string {
		if vi {
			return v
		}
		return e
	}
	headers := []string{pick("Mã hồ sơ", "Code"), pick("Mã thủ tục", "Procedure code"), pick("Thủ tục", "Procedure"),
		pick("Người nộp", "Applicant"), pick("Trạng thái", "Status"), pick("Ngày tiếp nhận", "Received"),
		pick("Hạn xử lý", "Due"), pick("Đơn vị đang xử lý", "Current unit"), pick("Kết quả", "Result")}
	out := make([][]any, 0, len(rows)+1)
	for _, d := range rows {
		out = append(out, []any{d.Code, d.ProcedureCode, d.ProcedureName, d.ApplicantName, d.Status.Label(lang),
			timeOrNil(d.ReceivedAt), timeOrNil(d.StatutoryDue), unitName(d.CurrentUnitID), d.Result.Label(lang)})
	}
	if more {
		out = append(out, []any{pick("Danh sách còn tiếp: chỉ xuất 100.000 hồ sơ đầu; hãy lọc hẹp hơn rồi xuất lại",
			"The list goes on: only its first 100,000 dossiers are exported; narrow the filter and export again")})
	}
	return WriteTable(w, pick("Hồ sơ", "Dossiers"), headers, out)
}

func timeOrNil(t interface{ IsZero() bool }) any {
	if t.IsZero() {
		return nil
	}
	return t
}
