package report

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// rawText is pdftotext's text with its lines, or "" without poppler-utils
// (pdftotext says whether that is allowed).
func rawText(t *testing.T, path string) (string, bool) {
	t.Helper()
	if _, ok := pdftotext(t, path); !ok {
		return "", false
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out), true
}

// TestTrackingBookHeader: the book of a whole agency names the agency once
// (its issuing body and its unit are the same), and a place name such as
// "BẮC NINH" is never broken across lines in the header.
func TestTrackingBookHeader(t *testing.T) {
	for _, c := range []struct{ name, agency, unit string }{
		{"whole-agency", "Sở Tài chính tỉnh Bắc Ninh", "Sở Tài chính tỉnh Bắc Ninh"},
		{"division", "Sở Tài chính tỉnh Bắc Ninh", "Phòng Kinh tế đối ngoại và Quản lý đầu tư nước ngoài tỉnh Bắc Ninh"},
		{"receipt-agency", "Ủy ban nhân dân tỉnh Bắc Ninh", "Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh"},
	} {
		head := sample(regimes["TT03/2025"])
		head.Agency, head.Unit = c.agency, c.unit
		var buf bytes.Buffer
		if err := WriteTrackingBook(&buf, head, nil); err != nil {
			t.Fatal(err)
		}
		text, ok := rawText(t, writeOut(t, "book-header-"+c.name+".pdf", buf.Bytes()))
		if !ok {
			return
		}
		if c.agency == c.unit {
			if n := strings.Count(text, "SỞ TÀI CHÍNH"); n != 1 {
				t.Errorf("%s: the agency is printed %d times:\n%s", c.name, n, text)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasSuffix(line, "BẮC") || strings.HasPrefix(line, "NINH") {
				t.Errorf("%s: \"BẮC NINH\" broken across lines:\n%s", c.name, text)
			}
		}
		// The receipt's narrower header keeps the place together too.
		d := sample(regimes["TT03/2025"])
		d.Agency, d.Unit = c.agency, c.unit
		buf.Reset()
		if err := WriteReceipt(&buf, d); err != nil {
			t.Fatal(err)
		}
		text, _ = rawText(t, writeOut(t, "receipt-header-"+c.name+".pdf", buf.Bytes()))
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasSuffix(line, "BẮC") || strings.HasPrefix(line, "NINH") {
				t.Errorf("%s receipt: \"BẮC NINH\" broken across lines:\n%s", c.name, text)
			}
		}
	}
}
