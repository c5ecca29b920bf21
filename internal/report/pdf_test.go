package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
)

// pdftotext returns the text of a PDF file with runs of white space made
// single spaces, or skips the check when poppler-utils is missing (unless
// CONGVU_REQUIRE_PDFTOOLS=1).
func pdftotext(t *testing.T, path string) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CONGVU_REQUIRE_PDFTOOLS") == "1" {
			t.Fatalf("pdftotext not found and CONGVU_REQUIRE_PDFTOOLS=1: install poppler-utils")
		}
		t.Logf("pdftotext not found (apt-get install poppler-utils): text checks skipped")
		return "", false
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " "), true
}

var mediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

// pageSize returns the first page's size in millimetres, from its MediaBox.
func pageSize(t *testing.T, pdf []byte) (w, h float64) {
	t.Helper()
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no MediaBox in the PDF")
	}
	pt := func(b []byte) float64 {
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			t.Fatal(err)
		}
		return v * 25.4 / 72
	}
	return pt(m[1]), pt(m[2])
}

func near(a, b float64) bool { return a-b < 0.2 && b-a < 0.2 }

func TestFormsUnderBothRegimes(t *testing.T) {
	dir := t.TempDir()
	if out := os.Getenv("CONGVU_REPORT_OUT"); out != "" {
		dir = out // keep the files to look at them
	}
	for id, received := range regimes {
		fs := dossier.FormSetFor(dateOf(received))
		if fs.ID != id {
			t.Fatalf("intake %v: form set %s, want %s", received, fs.ID, id)
		}
		for _, f := range fs.Forms {
			if f.Purpose == dossier.PurposeBook {
				continue
			}
			t.Run(id+"/"+string(f.Purpose), func(t *testing.T) {
				d := sample(received)
				var buf bytes.Buffer
				if err := WriteForm(&buf, f.Purpose, d); err != nil {
					t.Fatal(err)
				}
				b := buf.Bytes()
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Fatalf("output starts %q", b[:min(10, len(b))])
				}
				if w, h := pageSize(t, b); !near(w, 148) || !near(h, 210) {
					t.Errorf("page %.1f×%.1f mm, want A5 148×210", w, h)
				}
				if !bytes.Contains(b, []byte("/Author (congvu)")) && !bytes.Contains(b, []byte("/Author (\xfe\xff")) {
					t.Errorf("no Author in the info dictionary")
				}
				path := filepath.Join(dir, strings.ReplaceAll(id, "/", "-")+"-"+f.Code()+"-"+string(f.Purpose)+".pdf")
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				text, ok := pdftotext(t, path)
				if !ok {
					return
				}
				want := []string{upper(f.Title), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
					"UBND TỈNH BẮC NINH", d.Code, "Chữ ký số của cơ quan", "Mẫu số " + f.Code(), fs.Basis}
				switch f.Purpose {
				case dossier.PurposeReceipt:
					want = append(want, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", d.Applicant.Name,
						"08:15 "+dmy(received), "1.234.567 đồng", "Quyển số: 03", "Số thứ tự: 0042",
						"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", "Bản sao có chứng thực",
						"Bắc Ninh, ngày "+vn(received).Format("02")+" tháng 3 năm", "Trần Văn Đức")
				case dossier.PurposeSupplement:
					want = append(want, d.Applicant.Name, d.Items[1], "trong 5 ngày làm việc", "0222 3822 123")
				case dossier.PurposeRefusal:
					want = append(want, d.Applicant.Name, d.Reason, "NGƯỜI NỘP HỒ SƠ")
				case dossier.PurposeApology:
					want = append(want, "Kính gửi: "+d.Applicant.Name, d.Reason, stamp(d.NewAppointedAt), "THỦ TRƯỞNG CƠ QUAN")
				case dossier.PurposeStop:
					want = append(want, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", d.Reason)
				case dossier.PurposeSlip:
					want = append(want, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", d.Applicant.Name,
						"Quá hạn", "Đúng hạn", "Trước hạn", "Người giao: Lê Thị Mai", "Người nhận: Phạm Quốc Bảo",
						stamp(d.Slip[1].HandedAt), "Ban Quản lý các khu công nghiệp")
				}
				for _, s := range want {
					if !strings.Contains(text, s) {
						t.Errorf("text lacks %q\n%s", s, text)
					}
				}
			})
		}
	}
}

func TestApologyTitleFollowsTheRegime(t *testing.T) {
	titles := map[string]string{
		"TT01/2018": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"TT03/2025": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
	}
	for id, received := range regimes {
		path := filepath.Join(t.TempDir(), "apology.pdf")
		var buf bytes.Buffer
		if err := WriteApology(&buf, sample(received)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		text, ok := pdftotext(t, path)
		if !ok {
			return
		}
		if !strings.Contains(text, titles[id]) {
			t.Errorf("%s: apology lacks %q", id, titles[id])
		}
		other := titles["TT01/2018"]
		if id == "TT01/2018" {
			other = titles["TT03/2025"]
		}
		if strings.Contains(text, other) {
			t.Errorf("%s: apology carries the other regime's title %q", id, other)
		}
	}
}

func TestStopNoticeNeedsTT03(t *testing.T) {
	err := WriteStopNotice(&bytes.Buffer{}, sample(regimes["TT01/2018"]))
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("stop notice under TT 01/2018: %v, want invalid", err)
	}
	if err := WriteStopNotice(&bytes.Buffer{}, sample(regimes["TT03/2025"])); err != nil {
		t.Fatalf("stop notice under TT 03/2025: %v", err)
	}
	// An explicit form set wins over the intake date.
	d := sample(regimes["TT03/2025"])
	d.FormSet = dossier.FormSets()[0]
	if err := WriteForm(&bytes.Buffer{}, dossier.PurposeStop, d); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("stop notice with the TT 01/2018 set: %v, want invalid", err)
	}
	if err := WriteForm(&bytes.Buffer{}, dossier.PurposeBook, d); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("WriteForm(book): %v, want invalid (the book has rows of its own)", err)
	}
}

func TestReceiptCarriesTheQRCode(t *testing.T) {
	d := sample(regimes["TT03/2025"])
	var with, without bytes.Buffer
	if err := WriteReceipt(&with, d); err != nil {
		t.Fatal(err)
	}
	d.LookupURL = ""
	if err := WriteReceipt(&without, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(with.Bytes(), []byte("/Subtype /Image")) {
		t.Error("receipt with a lookup URL has no image")
	}
	if bytes.Contains(without.Bytes(), []byte("/Subtype /Image")) {
		t.Error("receipt without a lookup URL has an image")
	}
}

func TestPDFIsDeterministic(t *testing.T) {
	d := sample(regimes["TT03/2025"])
	var a, b bytes.Buffer
	if err := WriteReceipt(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteReceipt(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two receipts of the same data differ")
	}
	if !bytes.Contains(a.Bytes(), []byte("/CreationDate (D:20260302081500)")) {
		i := bytes.Index(a.Bytes(), []byte("/CreationDate"))
		t.Errorf("creation date not taken from the data: %q", a.Bytes()[i:i+50])
	}
}

func TestTrackingBook(t *testing.T) {
	dir := t.TempDir()
	if out := os.Getenv("CONGVU_REPORT_OUT"); out != "" {
		dir = out
	}
	for id, received := range regimes {
		head := sample(received)
		var rows []BookRow
		for i := range 30 {
			d := sample(received.AddDate(0, 0, i))
			rows = append(rows, BookRow{Code: d.Code, Procedure: d.ProcedureName, Sets: 1,
				Applicant: d.Applicant.Name, Address: d.Applicant.Address, Phone: d.Applicant.Phone,
				LeadBody: d.LeadBody, ReceivedAt: d.ReceivedAt, AppointedAt: d.AppointedAt,
				TransferredAt: d.Slip[0].HandedAt, ResultBackAt: d.Slip[2].HandedAt, Note: "Đúng hạn"})
		}
		var buf bytes.Buffer
		if err := WriteTrackingBook(&buf, head, rows); err != nil {
			t.Fatal(err)
		}
		if w, h := pageSize(t, buf.Bytes()); !near(w, 297) || !near(h, 210) {
			t.Errorf("%s: page %.1f×%.1f mm, want A4 landscape 297×210", id, w, h)
		}
		path := filepath.Join(dir, strings.ReplaceAll(id, "/", "-")+"-book.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		text, ok := pdftotext(t, path)
		if !ok {
			continue
		}
		fs := dossier.FormSetFor(dateOf(received))
		f, _ := fs.ForPurpose(dossier.PurposeBook)
		for _, s := range []string{"SỔ THEO DÕI HỒ SƠ", "Mẫu số " + f.Code(), "Quyển số: 03", "Nguyễn Thị Hương Giang",
			"Trả kết quả cho tổ chức, cá nhân", "Trang 2/"} {
			if !strings.Contains(text, s) {
				t.Errorf("%s: book lacks %q", id, s)
			}
		}
	}
}
