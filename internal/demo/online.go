package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"congvu/internal/blob"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/fold"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
)

// The online filings waiting at the desk (issue 15 item 9): a few
// applicants filed on the portal with a PDF per document, status 1 (Mới
// đăng ký), for the clerk to accept or refuse. Their secrets are not kept:
// a demo user who wants to follow one reissues it at the desk.
var onlineFilings = []struct {
	proc, name, id, phone, email, address string
}{
	{"2.002399", "Trường Trung học phổ thông Hàn Thuyên", "2300112233", "0222 3854 123", "c3hanthuyen@example.vn", "Phường Suối Hoa, thành phố Bắc Ninh"},
	{"2.001610", "Nguyễn Thị Hoa", "027190001234", "0912 111 222", "hoa.nguyen@example.vn", "Xã Phù Chẩn, thành phố Từ Sơn"},
	{"2.000575", "Trần Văn Hùng", "027085004321", "0987 333 444", "hung.tran@example.vn", "Thị trấn Chờ, huyện Yên Phong"},
}

// SeedOnlineFilings files the demo's online dossiers through the store as
// the portal does (store.FileDossierOnline), their PDFs kept in files
// first. It returns how many were filed.
func SeedOnlineFilings(ctx context.Context, db *store.DB, files blob.Store) (int, error) {
	units, err := db.FindUnits(ctx, org.UnitFilter{})
	if err != nil {
		return 0, err
	}
	var agency int64
	for _, u := range units {
		if u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
			agency = u.ID
		}
	}
	if agency == 0 {
		return 0, fmt.Errorf("demo online filings: no Sở Tài chính tỉnh Bắc Ninh: run demo.Seed first")
	}
	n := 0
	for _, of := range onlineFilings {
		procs, err := db.FindOnlineProcedures(ctx, of.proc)
		if err != nil {
			return n, fmt.Errorf("demo online filing %s: %w", of.proc, err)
		}
		p := procs[0]
		f := store.OnlineFiling{Intake: dossier.Intake{AgencyID: p.AgencyID, ProcedureCode: p.Code, Sets: 1,
			Applicant: dossier.Applicant{Name: of.name, IDNumber: of.id, Phone: of.phone, Email: of.email, Address: of.address,
				Organization: strings.HasPrefix(of.name, "Trường")}}}
		for i, d := range p.Documents {
			data := demoPDF(d.Name + " — " + of.name)
			sum := sha256.Sum256(data)
			hexSum := hex.EncodeToString(sum[:])
			if err := files.Put(ctx, hexSum, bytes.NewReader(data), int64(len(data))); err != nil {
				return n, fmt.Errorf("demo online filing: store a file: %w", err)
			}
			name := news.Slug(d.Name) + ".pdf"
			f.Files = append(f.Files, file.File{SHA256: hexSum, Name: name, Size: int64(len(data)), ContentType: file.PDF})
			f.Lines = append(f.Lines, i+1)
			f.Intake.Documents = append(f.Intake.Documents, dossier.Document{Name: d.Name, Copy: dossier.Electronic, Quantity: 1})
		}
		if _, _, err := db.FileDossierOnline(ctx, f); err != nil {
			return n, fmt.Errorf("demo online filing %s: %w", of.proc, err)
		}
		n++
	}
	return n, nil
}

// demoPDF is a one-page PDF showing title (in ASCII: the standard fonts
// have no Vietnamese letters).
func demoPDF(title string) []byte {
	text := strings.NewReplacer("(", "", ")", "", "\\", "").Replace(fold.String(title))
	stream := fmt.Sprintf("BT /F1 14 Tf 50 780 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
