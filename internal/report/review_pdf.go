package report

import "io"

// WriteReviewPDF writes d on A4 portrait with the same parts as the DOCX:
// the header of an administrative document, "BÁO CÁO" and the title, the
// sections with their tables, the recipients at the left of the signature.
func WriteReviewPDF(w io.Writer, d ReviewDoc) error { return writeAdminPDF(w, d, "Báo cáo") }

// writeAdminPDF writes an administrative document of a kind ("Báo cáo",
// "Kết luận kiểm tra") laid out as ReviewDoc says.
func writeAdminPDF(w io.Writer, d ReviewDoc, kind string) error {
	p, err := newPage("A4", "P", kind+" "+d.Title, d.IssuedAt, kind+" "+d.Title)
	if err != nil {
		return err
	}
	p.header(FormData{Agency: d.Agency, Unit: d.Unit, Number: d.Number, Place: d.Place, IssuedAt: d.IssuedAt}, 80, true)
	if d.Draft {
		p.title("Dự thảo")
	}
	p.title(kind, d.Title)
	for _, s := range d.Sections {
		p.para("B", s.Heading)
		for _, t := range s.Paras {
			p.para("", t)
		}
		if len(s.Head) > 0 {
			cols := make([]column, len(s.Head))
			for i, h := range s.Head {
				cols[i] = column{h, (p.width - 95) / float64(len(s.Head)-1), "C"}
			}
			cols[0].width, cols[0].align = 95, "L"
			if len(s.Head) == 5 {
				ws := []float64{22, 60, 24, 24, p.width - 130}
				for i := range cols {
					cols[i].width = ws[i]
				}
				cols[1].align, cols[4].align = "L", "L"
			}
			p.table(cols, s.Rows, 9, false)
		}
		p.pdf.Ln(1)
	}

	// The recipients at the left, beside the signature at the right.
	pdf := p.pdf
	_, pageH := pdf.GetPageSize()
	if _, bottom := pdf.GetAutoPageBreak(); pdf.GetY()+45 > pageH-bottom {
		pdf.AddPage()
	}
	y := pdf.GetY()
	half := p.width / 2
	pdf.SetXY(p.left, y+1.5)
	p.font("B", 10)
	pdf.CellFormat(half, 5, "Nơi nhận:", "", 2, "L", false, 0, "")
	p.font("", 9)
	for _, r := range d.Recipients {
		pdf.SetX(p.left)
		pdf.MultiCell(half, 4.2, nfc("- "+r), "", "L", false)
	}
	end := pdf.GetY()
	pdf.SetY(y)
	p.signatures(nil, signer{title: d.SignerRole, hint: "(Ký, ghi rõ họ tên)", name: d.Signer})
	pdf.SetY(max(end, pdf.GetY()))
	return p.finish(w)
}
