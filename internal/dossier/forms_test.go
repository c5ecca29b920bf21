package dossier

import "testing"

func TestFormSetFor(t *testing.T) {
	old := FormSetFor(date("2025-09-14"))
	if old.ID != "TT01/2018" || len(old.Forms) != 6 {
		t.Fatalf("14/09/2025: %s with %d forms", old.ID, len(old.Forms))
	}
	cur := FormSetFor(date("2025-09-15"))
	if cur.ID != "TT03/2025" || len(cur.Forms) != 7 {
		t.Fatalf("15/09/2025: %s with %d forms", cur.ID, len(cur.Forms))
	}
	if f := cur.Forms[4]; f.Code() != "05" || f.Title != "Thông báo dừng giải quyết hồ sơ" || f.Purpose != PurposeStop {
		t.Errorf("TT 03/2025 form 05 = %+v", f)
	}
	if FormSetFor(date("2010-01-01")).ID != "TT01/2018" || FormSetFor(date("2030-01-01")).ID != "TT03/2025" {
		t.Error("dates outside the sets")
	}
	for _, c := range []struct {
		set    FormSet
		action Action
		number int // 0: no form
	}{
		{old, Receive, 1}, {old, Accept, 1}, {old, RequestSupplement, 2}, {old, Refuse, 3}, {old, Apologize, 4},
		{old, Stop, 0}, {old, Forward, 0},
		{cur, Receive, 1}, {cur, Accept, 1}, {cur, RequestSupplement, 2}, {cur, Refuse, 3}, {cur, Apologize, 4},
		{cur, Stop, 5}, {cur, Complete, 0},
	} {
		f, ok := c.set.ForAction(c.action)
		if ok != (c.number != 0) || f.Number != c.number {
			t.Errorf("%s %s: form %d, %v; want %d", c.set.ID, c.action, f.Number, ok, c.number)
		}
	}
	for _, c := range []struct {
		set        FormSet
		slip, book int
	}{{old, 5, 6}, {cur, 6, 7}} {
		slip, _ := c.set.ForPurpose(PurposeSlip)
		book, _ := c.set.ForPurpose(PurposeBook)
		if slip.Number != c.slip || book.Number != c.book || slip.Paper != "A5" || book.Paper != "A4" {
			t.Errorf("%s: slip %+v book %+v", c.set.ID, slip, book)
		}
	}
	for _, fs := range FormSets() {
		for i, f := range fs.Forms {
			if f.Number != i+1 || f.Title == "" || f.TitleEN == "" {
				t.Errorf("%s form %d: %+v", fs.ID, i, f)
			}
		}
	}
	if a, _ := old.ForPurpose(PurposeApology); a.Title != "Phiếu xin lỗi và hẹn lại ngày trả kết quả" {
		t.Errorf("TT 01/2018 form 04 = %q", a.Title)
	}
}
