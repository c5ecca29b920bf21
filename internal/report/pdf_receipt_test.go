package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pageCount counts the pages of a PDF written by fpdf.
func pageCount(pdf []byte) int {
	return len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(pdf, -1))
}

// writeOut keeps a PDF for pdftotext and pdftoppm, under CONGVU_REPORT_OUT
// when set (to look at it) or the test's directory.
func writeOut(t *testing.T, name string, b []byte) string {
	t.Helper()
	dir := t.TempDir()
	if out := os.Getenv("CONGVU_REPORT_OUT"); out != "" {
		dir = out
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReceiptPrintsTheSecret: the receipt printed at intake carries the
// lookup secret beside the code; a reprint, which has no secret, says where
// to get a new one instead of printing nothing.
func TestReceiptPrintsTheSecret(t *testing.T) {
	for id, received := range regimes {
		d := sample(received)
		d.LookupSecret = "ABCD-EFGH-JKMN-P"
		var with, without bytes.Buffer
		if err := WriteReceipt(&with, d); err != nil {
			t.Fatal(err)
		}
		d.LookupSecret = ""
		if err := WriteReceipt(&without, d); err != nil {
			t.Fatal(err)
		}
		text, ok := pdftotext(t, writeOut(t, strings.ReplaceAll(id, "/", "-")+"-receipt-secret.pdf", with.Bytes()))
		if !ok {
			return
		}
		if !strings.Contains(text, "Mã tra cứu: ABCD-EFGH-JKMN-P") {
			t.Errorf("%s: the receipt lacks the secret:\n%s", id, text)
		}
		text, _ = pdftotext(t, writeOut(t, strings.ReplaceAll(id, "/", "-")+"-receipt-reprint.pdf", without.Bytes()))
		if strings.Contains(text, "ABCD") || !strings.Contains(text, "cấp lại mã tra cứu") {
			t.Errorf("%s: the reprint should say how to get a new secret:\n%s", id, text)
		}
	}
}

// TestReceiptFitsOnePage: a long applicant name (an organisation's full
// name) and a long address keep the receipt on one A5 page.
func TestReceiptFitsOnePage(t *testing.T) {
	for id, received := range regimes {
		d := sample(received)
		d.LookupSecret = "ABCD-EFGH-JKMN-P"
		d.Applicant.Name = "Công ty Trách nhiệm hữu hạn Một thành viên Đầu tư Phát triển Hạ tầng Khu công nghiệp và Đô thị Kinh Bắc – Chi nhánh tỉnh Bắc Ninh"
		d.Applicant.Address = "Lô CN-05, Khu công nghiệp Quế Võ mở rộng, phường Phương Liễu, thị xã Quế Võ cũ, nay là phường Quế Võ, tỉnh Bắc Ninh"
		var buf bytes.Buffer
		if err := WriteReceipt(&buf, d); err != nil {
			t.Fatal(err)
		}
		if n := pageCount(buf.Bytes()); n != 1 {
			t.Errorf("%s: the receipt of a long name takes %d pages", id, n)
		}
		path := writeOut(t, strings.ReplaceAll(id, "/", "-")+"-receipt-long.pdf", buf.Bytes())
		text, ok := pdftotext(t, path)
		if !ok {
			continue
		}
		for _, s := range []string{"Công ty Trách nhiệm hữu hạn", "Chi nhánh tỉnh Bắc Ninh", "Mã tra cứu: ABCD-EFGH-JKMN-P", "Trang 1/1"} {
			if !strings.Contains(text, s) {
				t.Errorf("%s: lacks %q:\n%s", id, s, text)
			}
		}
	}
}
