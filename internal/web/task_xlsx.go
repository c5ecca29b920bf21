package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"

	"congvu/internal/calendar"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Task lists as Excel workbooks: a template to fill in (the columns, one
// example row and a second sheet explaining each column in Vietnamese),
// and the export of a list with the filters of the page. The first
// columns of the export are the template's, so that an exported list,
// edited, can be imported again as new tasks.

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// taskSheet is the name of the sheet of tasks.
const taskSheet = "Nhiệm vụ"

// taskColumn is one column of the task sheet.
type taskColumn struct {
	Key     string // the import's name for it, in error messages
	Head    string // the header, in Vietnamese as the agency writes it
	Help    string // what to write, for the explanation sheet
	Example any
}

// taskColumns are the template's columns, in order.
var taskColumns = []taskColumn{
	{"title", "Tên nhiệm vụ", "Bắt buộc. Nội dung công việc được giao, từ 3 đến 300 ký tự.", "Xây dựng báo cáo tình hình thực hiện kế hoạch đầu tư công quý II"},
	{"description", "Nội dung, yêu cầu", "Không bắt buộc. Yêu cầu cụ thể về nội dung, chất lượng.", "Tổng hợp số liệu giải ngân của các chủ đầu tư; nêu khó khăn, vướng mắc và kiến nghị."},
	{"product", "Sản phẩm đầu ra", "Sản phẩm phải nộp (tờ trình, báo cáo...). Để trống thì lấy theo tên nhiệm vụ.", "Báo cáo trình UBND tỉnh"},
	{"lead_person", "Người chủ trì", "Bắt buộc. Tên đăng nhập hoặc họ và tên đầy đủ của người chịu trách nhiệm chính, đang công tác tại cơ quan.", "chuyenvien"},
	{"lead_unit", "Đơn vị chủ trì", "Không bắt buộc. Tên hoặc mã đơn vị; để trống thì lấy đơn vị của người chủ trì.", ""},
	{"coordinators", "Đơn vị phối hợp", "Không bắt buộc. Tên các đơn vị phối hợp, cách nhau bằng dấu chấm phẩy (;).", "Phòng Tổng hợp – Quy hoạch"},
	{"deadline", "Hạn hoàn thành", "Ngày hết hạn, dạng dd/mm/yyyy (hạn là cuối giờ làm việc ngày đó). Điền cột này HOẶC cột số ngày làm việc.", calendar.Date{Year: 2026, Month: 6, Day: 30}},
	{"working_days", "Số ngày làm việc", "Thời hạn tính bằng số ngày làm việc kể từ khi giao (có thể là 0,5). Điền cột này HOẶC cột hạn hoàn thành.", ""},
	{"priority", "Mức độ ưu tiên", "Không bắt buộc: thấp, bình thường (mặc định), cao hoặc hỏa tốc.", "cao"},
	{"key", "Trọng điểm", "Ghi \"x\" nếu là nhiệm vụ trọng điểm.", "x"},
	{"weight", "Hệ số quy đổi", "Không bắt buộc. Số đơn vị công việc chuẩn theo NĐ 335/2025/NĐ-CP, lớn hơn 0 và không quá 10; mặc định 1.", 1.5},
	{"plan", "Mã kế hoạch", "Không bắt buộc. Số của kế hoạch công tác mà nhiệm vụ thực hiện (xem trên trang Kế hoạch).", ""},
	{"checklist", "Các bước thực hiện", "Không bắt buộc. Các bước, cách nhau bằng dấu chấm phẩy (;); tối đa 50 bước.", "Thu thập số liệu; Dự thảo báo cáo; Trình lãnh đạo phòng"},
}

// exportColumns follow the template's in an export.
var exportColumns = []string{"Số nhiệm vụ", "Trạng thái", "Tiến độ (%)", "Người giao", "Ngày giao", "Hạn ban đầu", "Ngày hoàn thành"}

func taskHeaders() []string {
	out := make([]string, len(taskColumns))
	for i, c := range taskColumns {
		out[i] = c.Head
	}
	return out
}

// handleTaskTemplate sends the template to fill in.
func (s *Server) handleTaskTemplate(w http.ResponseWriter, r *http.Request) error {
	example := make([]any, len(taskColumns))
	for i, c := range taskColumns {
		example[i] = c.Example
	}
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, taskSheet, taskHeaders(), [][]any{example}); err != nil {
		return err
	}
	help := [][]any{}
	for _, c := range taskColumns {
		help = append(help, []any{c.Head, c.Help})
	}
	out, err := addHelpSheet(buf.Bytes(), "Hướng dẫn", []string{"Cột", "Cách ghi"}, help)
	if err != nil {
		return err
	}
	return sendXLSX(w, "mau-danh-sach-nhiem-vu.xlsx", out)
}

// addHelpSheet adds a sheet of explanations to a workbook written by
// report.WriteTable (which writes one sheet).
func addHelpSheet(book []byte, sheet string, headers []string, rows [][]any) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.NewSheet(sheet); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellValue(sheet, cell, h); err != nil {
			return nil, err
		}
		_ = f.SetCellStyle(sheet, cell, cell, bold)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return nil, err
			}
			_ = f.SetCellStyle(sheet, cell, cell, wrap)
		}
	}
	_ = f.SetColWidth(sheet, "A", "A", 22)
	_ = f.SetColWidth(sheet, "B", "B", 90)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// sendXLSX sends a workbook as a download.
func sendXLSX(w http.ResponseWriter, name string, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	_, err := w.Write(b)
	return err
}

// maxExportTasks is the longest list exported at once; a longer one is
// refused with a message, never cut short.
const maxExportTasks = 50_000

// handleTaskExport sends the list of the page's tab and filters, every
// page of it, as a workbook: the rows the pages show, in their order.
func (s *Server) handleTaskExport(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "tasks.title")
	if err != nil {
		return err
	}
	tq := s.readTaskQuery(&b, r.URL.Query())
	if tq.tab == "board" && len(tq.filter.UnitIDs) == 0 && tq.filter.AgencyID == 0 {
		return forbidden("tasks.board.none")
	}
	f := tq.filter
	if _, capped, err := s.countVisibleTasks(r.Context(), &b, f, maxExportTasks); err != nil {
		return err
	} else if capped {
		return invalid("", "tasks.export.toomany", fmtNum(maxExportTasks))
	}
	var list []store.TaskSummary
	f.Limit = 1000
	for {
		page, err := s.findVisibleTaskPage(r.Context(), &b, f)
		if err != nil {
			return err
		}
		list = append(list, page.Tasks...)
		if page.Next == nil {
			break
		}
		f.After = page.Next
	}
	rows, err := s.taskRows(r.Context(), b.Lang, list)
	if err != nil {
		return err
	}
	rows = keepDue(tq.tab, rows)
	n := s.names(r.Context())
	plans := map[int64]bool{}
	var out [][]any
	for _, row := range rows {
		t := row.Task
		lead := n.person(t.LeadPersonID)
		leadRef := lead.Login
		if leadRef == "" {
			leadRef = lead.FullName
		}
		var coords []string
		for _, c := range t.Coordinators {
			coords = append(coords, b.UnitName(c.UnitID))
		}
		var steps []string
		for _, c := range t.Checklist {
			steps = append(steps, c.Text)
		}
		key := ""
		if t.Key {
			key = "x"
		}
		var plan any
		if t.PlanID != nil {
			plan, plans[*t.PlanID] = *t.PlanID, true
		}
		var done any
		if row.CompletedAt != nil {
			done = *row.CompletedAt
		}
		out = append(out, []any{t.Title, t.Description, t.Product, leadRef, b.UnitName(t.LeadUnitID), strings.Join(coords, "; "),
			calendar.DateOf(t.Deadline), nil, priorityWord(t.Priority), key, t.Weight, plan, strings.Join(steps, "; "),
			t.ID, t.State.Label("vi"), t.Progress, row.AssignerName, t.AssignedAt, t.OriginalDeadline, done})
	}
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, taskSheet, append(taskHeaders(), exportColumns...), out); err != nil {
		return err
	}
	name := "danh-sach-nhiem-vu-" + s.deps.Now().In(vn).Format("20060102") + ".xlsx"
	return sendXLSX(w, name, buf.Bytes())
}

// priorityWords are the words of the Priority column, Vietnamese first.
var priorityWords = map[work.Priority][]string{
	work.PriorityLow:    {"thấp", "low"},
	work.PriorityNormal: {"bình thường", "normal", "trung bình"},
	work.PriorityHigh:   {"cao", "high"},
	work.PriorityUrgent: {"hỏa tốc", "urgent", "khẩn", "hoả tốc"},
}

func priorityWord(p work.Priority) string {
	if w, ok := priorityWords[p]; ok {
		return w[0]
	}
	return string(p)
}
