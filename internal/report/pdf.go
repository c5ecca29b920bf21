package report

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"rsc.io/qr"

	"congvu/internal/dossier"
)

// fonts holds Liberation Serif (SIL Open Font License, see fonts/OFL.txt),
// metric compatible with Times New Roman.
//
//go:embed fonts/*.ttf
var fonts embed.FS

const family = "serif"

// Layout of the A5 forms, in millimetres and points.
const (
	lineH    = 4.6 // body line height
	bodySize = 10  // body font size
)

// page is one PDF document being laid out.
type page struct {
	pdf         *fpdf.Fpdf
	left, right float64 // margins
	width       float64 // usable width
	// size and lh are the body font size and line height: bodySize and
	// lineH, or less for a form shrunk to fit its one page (WriteReceipt).
	size, lh float64
}

// newPage starts a document on paper "A5" or "A4" ("P" or "L"), with the
// fonts loaded, the metadata set and a footer naming the form and its
// circular.
func newPage(paper, orientation, title string, created time.Time, footer string) (*page, error) {
	// ISO sizes in millimetres: fpdf's own "A5" is 148.5 mm wide.
	size := fpdf.SizeType{Wd: 148, Ht: 210}
	if paper == "A4" {
		size = fpdf.SizeType{Wd: 210, Ht: 297}
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm", Size: size})
	for _, f := range []struct{ style, file string }{
		{"", "LiberationSerif-Regular.ttf"},
		{"B", "LiberationSerif-Bold.ttf"},
		{"I", "LiberationSerif-Italic.ttf"},
	} {
		b, err := fonts.ReadFile("fonts/" + f.file)
		if err != nil {
			return nil, fmt.Errorf("report: font %s: %w", f.file, err)
		}
		pdf.AddUTF8FontFromBytes(family, f.style, b)
	}
	left, top, right := 14.0, 9.0, 10.0
	if paper == "A4" {
		left, top, right = 10, 10, 10
	}
	pdf.SetMargins(left, top, right)
	pdf.SetAutoPageBreak(true, 12)
	pdf.SetCellMargin(1)
	pdf.SetTitle(nfc(title), true)
	pdf.SetAuthor("congvu", true)
	pdf.SetCreator("congvu", true)
	pdf.SetProducer("congvu", true)
	pdf.SetLang("vi-VN")
	pdf.SetCatalogSort(true)
	if created.IsZero() {
		created = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	// fpdf writes the date without an offset: it is Vietnam's wall clock.
	pdf.SetCreationDate(vn(created))
	pdf.SetModificationDate(vn(created))
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-9)
		pdf.SetFont(family, "I", 7)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 4, nfc(footer), "", 0, "L", false, 0, "")
		pdf.SetX(left)
		pdf.CellFormat(0, 4, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	w, _ := pdf.GetPageSize()
	return &page{pdf: pdf, left: left, right: right, width: w - left - right, size: bodySize, lh: lineH}, pdf.Error()
}

// finish writes the document out.
func (p *page) finish(w io.Writer) error {
	if err := p.pdf.Error(); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	if err := p.pdf.Output(w); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	return nil
}

func (p *page) font(style string, size float64) { p.pdf.SetFont(family, style, size) }

// fit sets the largest size up to max at which s fits in w.
func (p *page) fit(style string, max float64, s string, w float64) {
	for size := max; size > 6; size -= 0.25 {
		p.font(style, size)
		if p.pdf.GetStringWidth(s)+2 <= w {
			return
		}
	}
}

// fitLines sets the largest size from max down to min at which s wraps
// into at most n lines of width w, and returns those lines; below min it
// keeps min and the lines it takes. A long name or address then shrinks
// within its cell rather than pushing a one-page form onto a second page.
func (p *page) fitLines(style string, max, min float64, s string, w float64, n int) []string {
	s = nfc(s)
	var lines []string
	for size := max; size >= min; size -= 0.25 {
		p.font(style, size)
		lines = p.pdf.SplitText(s, w-2)
		if len(lines) <= n {
			return lines
		}
	}
	return lines
}

// bodyLines sets the type of an issuing body's name in the header (10 pt,
// down to 8.5 to stay on one line) and wraps it in capitals into lines of
// width w, never inside the place name that ends it ("… TỈNH BẮC NINH"):
// the province or city after its last "tỉnh" or "thành phố" is one word.
func (p *page) bodyLines(style, name string, w float64) []string {
	s := upper(name)
	for size := 10.0; size >= 8.5; size -= 0.25 {
		p.font(style, size)
		if p.pdf.GetStringWidth(s)+2 <= w {
			return []string{s}
		}
	}
	p.font(style, 10)
	words := strings.Fields(s)
	for _, marker := range []string{"TỈNH", "THÀNH PHỐ"} {
		if i := strings.LastIndex(s, " "+marker+" "); i >= 0 {
			words = append(strings.Fields(s[:i]), strings.TrimSpace(s[i:]))
			break
		}
	}
	var lines []string
	cur := ""
	for _, wd := range words {
		next := strings.TrimSpace(cur + " " + wd)
		if cur != "" && p.pdf.GetStringWidth(next)+2 > w {
			lines = append(lines, cur)
			next = wd
		}
		cur = next
	}
	return append(lines, cur)
}

// header draws the top of an administrative document: the issuing body at
// the left (authority, unit in bold, a short rule, the number) and the
// national motto at the right (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập -
// Tự do - Hạnh phúc underlined), then, when dated, the place and date line.
func (p *page) header(d FormData, leftW float64, dated bool) {
	pdf := p.pdf
	top := pdf.GetY()
	x := p.left
	rightX := x + leftW + 2
	rightW := p.width - leftW - 2

	// Left: the issuing body, the authority above the unit unless they are
	// one (the book of a whole agency), each kept to as few lines as fit
	// without breaking a place name ("BẮC NINH").
	pdf.SetXY(x, top)
	unit := or(d.Unit)
	if d.Agency != "" && !strings.EqualFold(strings.TrimSpace(nfc(d.Agency)), strings.TrimSpace(nfc(unit))) {
		for _, l := range p.bodyLines("", d.Agency, leftW) {
			pdf.SetX(x)
			pdf.CellFormat(leftW, 4.5, l, "", 2, "C", false, 0, "")
		}
	}
	for _, l := range p.bodyLines("B", unit, leftW) {
		pdf.SetX(x)
		pdf.CellFormat(leftW, 4.5, l, "", 2, "C", false, 0, "")
	}
	y := pdf.GetY() + 0.8
	pdf.SetLineWidth(0.25)
	pdf.Line(x+leftW/2-10, y, x+leftW/2+10, y)
	leftEnd := y + 1.5

	// Right: the national motto.
	pdf.SetXY(rightX, top)
	const motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	p.fit("B", 10, motto, rightW)
	pdf.CellFormat(rightW, 4.5, motto, "", 2, "C", false, 0, "")
	const independence = "Độc lập - Tự do - Hạnh phúc"
	p.font("B", 10.5)
	pdf.CellFormat(rightW, 4.8, independence, "", 2, "C", false, 0, "")
	sw := pdf.GetStringWidth(independence)
	y = pdf.GetY() + 0.2
	pdf.Line(rightX+(rightW-sw)/2, y, rightX+(rightW+sw)/2, y)
	rightEnd := y + 1.5

	// The number under the body, the date line under the motto, on one line.
	y = max(leftEnd, rightEnd) + 0.5
	if !dated {
		pdf.SetY(y + 2)
		return
	}
	pdf.SetXY(x, y)
	p.font("", 10)
	num := "Số: " + strings.TrimSpace(d.Number)
	if strings.TrimSpace(d.Number) == "" {
		num = "Số: " + blank
	}
	pdf.CellFormat(leftW, 5, nfc(num), "", 0, "C", false, 0, "")
	pdf.SetXY(rightX, y)
	p.fit("I", 10.5, dateLine(d.Place, d.issued()), rightW)
	pdf.CellFormat(rightW, 5, nfc(dateLine(d.Place, d.issued())), "", 1, "C", false, 0, "")
	pdf.SetY(pdf.GetY() + 3)
}

// title prints the form's title in bold capitals, centred, then optional
// lines in regular type below it.
func (p *page) title(t string, sub ...string) {
	p.pdf.SetX(p.left)
	p.font("B", 12.5)
	p.pdf.MultiCell(p.width, 6, upper(t), "", "C", false)
	for _, s := range sub {
		if s == "" {
			continue
		}
		p.pdf.SetX(p.left)
		p.font("", p.size)
		p.pdf.MultiCell(p.width, p.lh, nfc(s), "", "C", false)
	}
	p.pdf.Ln(2)
}

// span is a run of text in one style, for lines mixing labels and values.
type span struct {
	style, text string
}

// line writes spans one after the other, wrapping at the right margin, and
// ends the line.
func (p *page) line(spans ...span) {
	p.pdf.SetX(p.left)
	for _, s := range spans {
		p.font(s.style, p.size)
		p.pdf.Write(p.lh, nfc(s.text))
	}
	p.pdf.Ln(p.lh)
}

// field writes "label: value" with the value in the given style.
func (p *page) field(label, value, style string) {
	p.line(span{"", label + ": "}, span{style, or(value)})
}

// para writes a justified paragraph over the full width.
func (p *page) para(style, text string) {
	p.pdf.SetX(p.left)
	p.font(style, p.size)
	p.pdf.MultiCell(p.width, p.lh, nfc(text), "", "J", false)
}

// list writes a numbered list, each item indented under its number.
func (p *page) list(items []string) {
	if len(items) == 0 {
		p.para("", blank)
		return
	}
	for i, it := range items {
		n := fmt.Sprintf("%d.", i+1)
		p.pdf.SetX(p.left + 4)
		p.font("", p.size)
		p.pdf.CellFormat(6, p.lh, n, "", 0, "L", false, 0, "")
		p.pdf.MultiCell(p.width-10, p.lh, nfc(it), "", "J", false)
	}
}

// column is one column of a table.
type column struct {
	head  string
	width float64
	align string // "L", "C", "R"
}

// table draws a ruled table with a bold shaded header repeated on each
// page; cells wrap within their column and "\n" breaks a line.
func (p *page) table(cols []column, rows [][]string, size float64, numbered bool) {
	pdf := p.pdf
	lh := size * 0.45
	_, pageH := pdf.GetPageSize()
	_, bottom := pdf.GetAutoPageBreak()
	limit := pageH - bottom

	heights := func(cells []string, style string) ([][]string, float64) {
		p.font(style, size)
		var lines [][]string
		n := 1
		for i, c := range cols {
			txt := ""
			if i < len(cells) {
				txt = nfc(cells[i])
			}
			var ls []string
			for _, part := range strings.Split(txt, "\n") {
				sp := pdf.SplitText(part, c.width)
				if len(sp) == 0 {
					sp = []string{""}
				}
				ls = append(ls, sp...)
			}
			lines = append(lines, ls)
			n = max(n, len(ls))
		}
		return lines, float64(n)*lh + 1.6
	}
	draw := func(lines [][]string, h float64, style string, fill bool, center bool) {
		p.font(style, size)
		x, y := p.left, pdf.GetY()
		for i, c := range cols {
			if fill {
				pdf.SetFillColor(235, 235, 235)
				pdf.Rect(x, y, c.width, h, "FD")
			} else {
				pdf.Rect(x, y, c.width, h, "D")
			}
			align := c.align
			if center {
				align = "C"
			}
			top := y + 0.8
			if center {
				top = y + (h-float64(len(lines[i]))*lh)/2
			}
			for j, l := range lines[i] {
				pdf.SetXY(x, top+float64(j)*lh)
				pdf.CellFormat(c.width, lh, l, "", 0, align, false, 0, "")
			}
			x += c.width
		}
		pdf.SetXY(p.left, y+h)
	}
	head := make([]string, len(cols))
	nums := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.head
		nums[i] = fmt.Sprintf("(%d)", i+1)
	}
	headLines, headH := heights(head, "B")
	numLines, numH := heights(nums, "I")
	drawHead := func() {
		pdf.SetLineWidth(0.2)
		draw(headLines, headH, "B", true, true)
		if numbered {
			draw(numLines, numH, "I", false, true)
		}
	}
	pdf.SetAutoPageBreak(false, bottom)
	defer pdf.SetAutoPageBreak(true, bottom)
	if pdf.GetY()+headH+numH+lh*2 > limit {
		pdf.AddPage()
	}
	drawHead()
	for _, r := range rows {
		lines, h := heights(r, "")
		if pdf.GetY()+h > limit {
			pdf.AddPage()
			drawHead()
		}
		draw(lines, h, "", false, false)
	}
	pdf.Ln(1.5)
}

// signer is one signature block.
type signer struct {
	title, hint, name string
}

// signatures draws one or two signature blocks side by side: the title in
// bold capitals, the hint in italics, room to sign, the name in bold. A
// single block stands at the right, as the signer of a letter does. The
// room of the right-hand block holds the placeholder of the organisation's
// digital signature, where the seal goes on paper (NĐ 30/2020/NĐ-CP, Phụ
// lục I): an electronic copy of the form carries it there.
func (p *page) signatures(left *signer, right signer) {
	pdf := p.pdf
	const room = 16.0
	need := 2*p.lh + 4.5 + room + 2
	_, pageH := pdf.GetPageSize()
	if _, bottom := pdf.GetAutoPageBreak(); pdf.GetY()+need > pageH-bottom {
		pdf.AddPage()
	}
	pdf.Ln(1.5)
	y := pdf.GetY()
	half := p.width / 2
	block := func(x float64, s signer) float64 {
		pdf.SetXY(x, y)
		p.font("B", p.size)
		pdf.MultiCell(half, p.lh, upper(s.title), "", "C", false)
		pdf.SetX(x)
		p.font("I", 9.5)
		pdf.MultiCell(half, 4.2, nfc(s.hint), "", "C", false)
		roomY := pdf.GetY()
		pdf.SetXY(x, roomY+room)
		// A long name (an organisation's) shrinks to two lines at most.
		for _, l := range p.fitLines("B", p.size, 7.5, s.name, half, 2) {
			pdf.SetX(x)
			pdf.CellFormat(half, p.lh-0.6, l, "", 2, "C", false, 0, "")
		}
		return roomY
	}
	end := y
	if left != nil {
		block(p.left, *left)
		end = pdf.GetY()
	}
	roomY := block(p.left+half, right)
	end = max(end, pdf.GetY())
	p.eSignature(p.left+half+(half-46)/2, roomY+2.5, 46)
	pdf.SetY(end + 1)
}

// eSignature draws, w wide at (x, y), the labelled placeholder for the
// organisation's digital signature, which the electronic copy of a form
// carries (TT 01/2018/TT-VPCP, TT 03/2025/TT-VPCP; NĐ 30/2020/NĐ-CP).
func (p *page) eSignature(x, y, w float64) {
	pdf := p.pdf
	const h = 11.0
	pdf.SetDrawColor(130, 130, 130)
	pdf.SetTextColor(90, 90, 90)
	pdf.SetDashPattern([]float64{1, 1}, 0)
	pdf.SetLineWidth(0.2)
	pdf.Rect(x, y, w, h, "D")
	pdf.SetDashPattern([]float64{}, 0)
	pdf.SetXY(x, y+1.5)
	p.font("B", 8.5)
	pdf.CellFormat(w, 4, "Chữ ký số của cơ quan", "", 2, "C", false, 0, "")
	p.font("I", 7.5)
	pdf.CellFormat(w, 3.5, "(trên bản điện tử của phiếu này)", "", 2, "C", false, 0, "")
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
}

// eSignatureHere draws the digital-signature placeholder in the flow, at
// the right, for a form without signature blocks (the process-control slip).
func (p *page) eSignatureHere() {
	pdf := p.pdf
	_, pageH := pdf.GetPageSize()
	if _, bottom := pdf.GetAutoPageBreak(); pdf.GetY()+14 > pageH-bottom {
		pdf.AddPage()
	}
	y := pdf.GetY() + 1
	p.eSignature(p.left+p.width-58, y, 58)
	pdf.SetY(y + 13)
}

// qrCode draws a QR code of text, size mm square, at (x, y).
func (p *page) qrCode(text string, x, y, size float64) error {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return fmt.Errorf("report: qr code: %w", err)
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.pdf.RegisterImageOptionsReader("qr", opt, bytes.NewReader(c.PNG()))
	p.pdf.ImageOptions("qr", x, y, size, size, false, opt, 0, "")
	return nil
}

// footerFor names a form under its circular, for the page footer.
func footerFor(fs dossier.FormSet, f dossier.Form) string {
	return fmt.Sprintf("Mẫu số %s — %s", f.Code(), fs.Basis)
}
