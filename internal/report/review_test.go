package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"congvu/internal/review"
)

func sampleReview(status review.Status) review.Review {
	return review.Review{
		UnitName: "Phòng Khoa giáo – Văn xã", Period: review.Period{Kind: review.Quarter, Year: 2026, Index: 1},
		Number: "12/BC-KGVX", Recipients: []string{"Ban Giám đốc Sở (để b/c);", "Lưu: VT, KGVX."},
		Signer: "Trần Văn Hùng", SignerRole: "Trưởng phòng",
		Figures: review.Figures{TasksAssigned: 20, TasksDone: 16, TasksOnTime: 14, TasksLate: 2, TasksOpen: 4,
			DossiersTotal: 120, DossiersOnTime: 110, DossiersLate: 5, DossiersOpen: 5, Obstacles: 3, ObstaclesSolved: 2, Extensions: 1,
			Late: []review.LateItem{{Kind: "dossier", Ref: "000.00.20.H03-260105-0007", Due: "12/02/2026", Days: 3, Cause: "Chờ ý kiến cơ quan phối hợp"}}},
		Narrative: review.Narrative{Results: "Hoàn thành 87,5% nhiệm vụ đúng hạn.\nGiải quyết hồ sơ & phản ánh <kịp thời>.",
			Shortcomings: "Còn 2 nhiệm vụ quá hạn do thiếu nhân lực.", NextTasks: "Tập trung giải quyết hồ sơ tồn."},
		Status: status, IssuedAt: time.Date(2026, 4, 3, 2, 0, 0, 0, time.UTC),
	}
}

// docxText opens a DOCX, checks each XML part is well formed, and returns
// the text of word/document.xml.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var text strings.Builder
	seen := map[string]bool{}
	for _, f := range z.File {
		seen[f.Name] = true
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", f.Name, err)
			}
			if cd, ok := tok.(xml.CharData); ok && f.Name == "word/document.xml" {
				text.Write(cd)
			}
		}
		rc.Close()
	}
	for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if !seen[p] {
			t.Errorf("no part %s", p)
		}
	}
	return text.String()
}

// TestReviewDOCX: the issued quarterly review is a well-formed package
// with the parts of an administrative report in order, the head's text
// escaped, the same bytes on every run; a draft says so above the title.
func TestReviewDOCX(t *testing.T) {
	d := ReviewDocument(sampleReview(review.Issued), "UBND tỉnh Bắc Ninh", "Bắc Ninh")
	var a, b bytes.Buffer
	if err := WriteReviewDOCX(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteReviewDOCX(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same review differ: its SHA-256 would not be reproducible")
	}
	text := docxText(t, a.Bytes())
	order := []string{"UBND TỈNH BẮC NINH", "PHÒNG KHOA GIÁO – VĂN XÃ", "Số: 12/BC-KGVX", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc", "Bắc Ninh, ngày 03 tháng 4 năm 2026", "BÁO CÁO", "Sơ kết công tác quý I năm 2026",
		"Nhiệm vụ hoàn thành đúng hạn", "87,5%", "Chờ ý kiến cơ quan phối hợp", "Giải quyết hồ sơ & phản ánh <kịp thời>.",
		"III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "Nơi nhận:", "- Lưu: VT, KGVX.", "TRƯỞNG PHÒNG", "Trần Văn Hùng"}
	at := 0
	for _, w := range order {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q missing or out of order after offset %d:\n%s", w, at, text)
		}
		at += i + len(w)
	}
	if strings.Contains(text, "DỰ THẢO") || strings.Contains(text, "Kết quả kiểm tra") {
		t.Error("an issued review without inspections says DỰ THẢO or has an inspections section")
	}

	r := sampleReview(review.Draft)
	r.Figures.Inspections = []review.Count{{Label: "Phát hiện qua kiểm tra", Value: 4}}
	r.Figures.Lessons = []string{"Lấy ý kiến phối hợp song song"}
	var c bytes.Buffer
	if err := WriteReviewDOCX(&c, ReviewDocument(r, "UBND tỉnh Bắc Ninh", "Bắc Ninh")); err != nil {
		t.Fatal(err)
	}
	text = docxText(t, c.Bytes())
	for _, w := range []string{"DỰ THẢO", "Kết quả kiểm tra", "Phát hiện qua kiểm tra", "Lấy ý kiến phối hợp song song"} {
		if !strings.Contains(text, w) {
			t.Errorf("the draft with inspections and lessons lacks %q", w)
		}
	}
	path := writeOut(t, "bao-cao-so-ket.docx", a.Bytes())
	libreOfficeOpens(t, path, "Sơ kết công tác quý I năm 2026")
}

// libreOfficeOpens converts the DOCX to PDF with LibreOffice headless and
// checks the text survived: the proof that a word processor opens it.
func libreOfficeOpens(t *testing.T, path, want string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CONGVU_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("soffice not found and CONGVU_REQUIRE_LIBREOFFICE=1: apt-get install libreoffice-writer")
		}
		t.Log("soffice not found (apt-get install libreoffice-writer): LibreOffice check skipped")
		return
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+filepath.Join(out, "profile"), "--headless", "--convert-to", "pdf", "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(path), ".docx")+".pdf")
	if text, ok := pdftotext(t, pdf); ok && !strings.Contains(text, want) {
		t.Errorf("LibreOffice's PDF lacks %q:\n%s", want, text)
	}
}

// TestReviewPDF: the PDF carries the same parts, on A4.
func TestReviewPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteReviewPDF(&buf, ReviewDocument(sampleReview(review.Issued), "UBND tỉnh Bắc Ninh", "Bắc Ninh")); err != nil {
		t.Fatal(err)
	}
	if w, h := pageSize(t, buf.Bytes()); w < 209 || w > 211 || h < 296 || h > 298 {
		t.Errorf("page %v × %v mm, want A4", w, h)
	}
	text, ok := pdftotext(t, writeOut(t, "bao-cao-so-ket.pdf", buf.Bytes()))
	if !ok {
		return
	}
	for _, w := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-KGVX", "Bắc Ninh, ngày 03 tháng 4 năm 2026",
		"BÁO CÁO", "Sơ kết công tác quý I năm 2026", "87,5%", "Chờ ý kiến cơ quan phối hợp", "Nơi nhận:", "TRƯỞNG PHÒNG", "Trần Văn Hùng"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
}
