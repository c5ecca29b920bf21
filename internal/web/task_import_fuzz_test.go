package web_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/report"
	"congvu/internal/store"
)

// FuzzTaskImportPreview uploads any workbook to the task import, as the
// head of a division: sheets built from fuzzed cells (rows split on U+001E,
// cells on U+001F, the first row being the headers) and, with raw, the bytes
// themselves as the file. The preview answers 200 or 400 with a page, never
// a server error, and never imports anything.
func FuzzTaskImportPreview(f *testing.F) {
	heads := "Tên nhiệm vụ\x1fSản phẩm đầu ra\x1fNgười chủ trì\x1fĐơn vị phối hợp\x1fHạn hoàn thành\x1fSố ngày làm việc\x1fMức độ ưu tiên\x1fTrọng điểm\x1fHệ số quy đổi\x1fKế hoạch\x1fDanh sách việc"
	for _, rows := range []string{
		"Báo cáo công tác tháng\x1fBáo cáo\x1fchuyenvien\x1f\x1f13/03/2030\x1f\x1fcao\x1fx\x1f1",
		"Tổng hợp số liệu\x1fBáo cáo\x1fNguyen Thi Minh Nguyet\x1fPhòng Kinh tế ngành\x1f\x1f3\x1fbình thường\x1f\x1f1,5\x1f\x1fThu thập; Dự thảo",
		"Rà soát thủ tục\x1fDanh mục\x1fNgười Không Có\x1fPhòng lạ\x1f30/02/2026\x1f2\x1fgấp lắm\x1fcó lẽ\x1f-1\x1f99999999999999999999",
		"Việc\x1f\x1fchuyenvien\x1f\x1f\x1f1e308\x1f\x1f\x1fNaN\x1f0",
	} {
		f.Add(false, heads+"\x1e"+rows)
	}
	f.Add(false, "Tên nhiệm vụ\x1e")
	f.Add(false, "")
	f.Add(true, "not a workbook")
	f.Add(true, "PK\x03\x04\x14\x00\x00\x00\x08\x00")
	a := newApp(f)
	head := a.login(f, "truongphong.kgvx")
	count := func(t testing.TB) int {
		list, err := a.db.FindTasks(context.Background(), store.TaskFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	before := count(f)
	f.Fuzz(func(t *testing.T, raw bool, sheet string) {
		book := []byte(sheet)
		if !raw {
			var headers []string
			var rows [][]any
			for i, line := range strings.Split(sheet, "\x1e") {
				cells := strings.Split(line, "\x1f")
				if i == 0 {
					headers = cells
					continue
				}
				row := make([]any, len(cells))
				for j, c := range cells {
					row[j] = c
				}
				rows = append(rows, row)
			}
			var buf bytes.Buffer
			if err := report.WriteTable(&buf, "Nhiệm vụ", headers, rows); err != nil {
				return // not a sheet a workbook can hold (WriteTable's own checks)
			}
			book = buf.Bytes()
		}
		u := *head
		u.t = t
		res := u.upload("/tasks/import", book)
		if res.status != http.StatusOK && res.status != http.StatusBadRequest {
			t.Fatalf("preview of %q: status %d\n%s", sheet, res.status, res.body)
		}
		if n := count(t); n != before {
			t.Fatalf("preview of %q imported %d tasks", sheet, n-before)
		}
	})
}
