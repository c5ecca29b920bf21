package report

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"
)

// WriteReviewDOCX writes d as an Office Open XML document (ISO/IEC 29500,
// WordprocessingML) with the standard library only: A4 portrait, margins
// of NĐ 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm),
// Times New Roman 14, the header as a borderless two-column table, the
// figures as ruled tables, the recipients beside the signature. The zip's
// times come from d.IssuedAt, so the same review gives the same bytes (and
// the same SHA-256).
func WriteReviewDOCX(w io.Writer, d ReviewDoc) error {
	stamp := d.IssuedAt
	if stamp.IsZero() || stamp.Year() < 1980 {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	z := zip.NewWriter(w)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", reviewDocumentXML(d)},
	} {
		f, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: stamp.UTC()})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return err
		}
	}
	return z.Close()
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="60" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

// run is a piece of text in one format: bold, italic, underlined, size in
// points (0: the default 14).
type run struct {
	text    string
	b, i, u bool
	size    float64
}

func (r run) xml(sb *strings.Builder) {
	sb.WriteString("<w:r><w:rPr>")
	if r.b {
		sb.WriteString("<w:b/><w:bCs/>")
	}
	if r.i {
		sb.WriteString("<w:i/><w:iCs/>")
	}
	if r.u {
		sb.WriteString(`<w:u w:val="single"/>`)
	}
	if r.size > 0 {
		hp := itoa(int(r.size * 2))
		sb.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/>`)
	}
	sb.WriteString(`</w:rPr><w:t xml:space="preserve">`)
	xml.EscapeText(sb, []byte(nfc(r.text)))
	sb.WriteString("</w:t></w:r>")
}

// para writes a paragraph: align is "center", "both" (justified), "left";
// indent the first line's indent in twips; after the space after, in twips.
func para(sb *strings.Builder, align string, indent, after int, runs ...run) {
	sb.WriteString(`<w:p><w:pPr><w:spacing w:after="` + itoa(after) + `"/>`)
	if indent > 0 {
		sb.WriteString(`<w:ind w:firstLine="` + itoa(indent) + `"/>`)
	}
	sb.WriteString(`<w:jc w:val="` + align + `"/></w:pPr>`)
	for _, r := range runs {
		r.xml(sb)
	}
	sb.WriteString("</w:p>")
}

// table opens a table of the given column widths (twips), ruled or not,
// moved indent twips from the left margin.
func table(sb *strings.Builder, widths []int, ruled bool, indent int) {
	total := 0
	for _, w := range widths {
		total += w
	}
	sb.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(total) + `" w:type="dxa"/><w:tblInd w:w="` + itoa(indent) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>`)
	border := "nil"
	if ruled {
		border = "single"
	}
	sb.WriteString("<w:tblBorders>")
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		sb.WriteString(`<w:` + side + ` w:val="` + border + `" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	sb.WriteString(`</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		sb.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	sb.WriteString("</w:tblGrid>")
}

// cell opens a cell of width w (twips); the caller writes its paragraphs
// and closes it with "</w:tc>".
func cell(sb *strings.Builder, w int) {
	sb.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/></w:tcPr>`)
}

// Text width of an A4 page with margins of 30 mm and 15 mm, in twips.
const docxWidth = 11906 - 1701 - 850

func reviewDocumentXML(d ReviewDoc) string {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)

	// The header: issuing body and number | national motto and date line.
	// The header is wider than the text by 300 twips at the left, so that
	// the national motto holds on one line at 12 points.
	left, right := 3600, docxWidth+300-3600
	table(&sb, []int{left, right}, false, -300)
	sb.WriteString("<w:tr>")
	cell(&sb, left)
	if d.Agency != "" && !strings.EqualFold(d.Agency, d.Unit) {
		para(&sb, "center", 0, 0, run{text: upper(d.Agency), size: 12})
	}
	para(&sb, "center", 0, 120, run{text: upper(or(d.Unit)), b: true, u: true, size: 12})
	num := strings.TrimSpace(d.Number)
	if num == "" {
		num = blank
	}
	para(&sb, "center", 0, 0, run{text: "Số: " + num, size: 13})
	sb.WriteString("</w:tc>")
	cell(&sb, right)
	para(&sb, "center", 0, 0, run{text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b: true, size: 12})
	para(&sb, "center", 0, 120, run{text: "Độc lập - Tự do - Hạnh phúc", b: true, u: true, size: 13})
	para(&sb, "center", 0, 0, run{text: dateLine(d.Place, d.IssuedAt), i: true, size: 14})
	sb.WriteString("</w:tc></w:tr></w:tbl>")

	// The title.
	para(&sb, "center", 0, 0, run{text: " "})
	if d.Draft {
		para(&sb, "center", 0, 0, run{text: "DỰ THẢO", b: true, size: 12})
	}
	kind := d.Kind
	if kind == "" {
		kind = "Báo cáo"
	}
	para(&sb, "center", 0, 0, run{text: upper(kind), b: true})
	para(&sb, "center", 0, 240, run{text: d.Title, b: true})

	// The body.
	for _, s := range d.Sections {
		para(&sb, "both", 567, 60, run{text: s.Heading, b: true})
		for _, p := range s.Paras {
			para(&sb, "both", 567, 60, run{text: p})
		}
		if len(s.Head) > 0 {
			widths := columnWidths(len(s.Head))
			table(&sb, widths, true, 0)
			row := func(cells []string, bold bool) {
				sb.WriteString("<w:tr>")
				for i, c := range cells {
					cell(&sb, widths[i])
					align := "center"
					if i == 0 || (len(cells) == 5 && (i == 1 || i == 4)) {
						align = "left"
					}
					para(&sb, align, 0, 0, run{text: c, b: bold, size: 12})
					sb.WriteString("</w:tc>")
				}
				sb.WriteString("</w:tr>")
			}
			row(s.Head, true)
			for _, r := range s.Rows {
				row(r, false)
			}
			sb.WriteString("</w:tbl>")
			para(&sb, "left", 0, 60, run{text: " ", size: 6})
		}
	}

	// The recipients and the signature.
	left = 4300
	right = docxWidth - left
	// One row that is never split: the signature stays with the recipients.
	table(&sb, []int{left, right}, false, 0)
	sb.WriteString("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
	cell(&sb, left)
	para(&sb, "left", 0, 0, run{text: "Nơi nhận:", b: true, i: true, size: 12})
	for _, r := range d.Recipients {
		para(&sb, "left", 0, 0, run{text: "- " + r, size: 11})
	}
	sb.WriteString("</w:tc>")
	cell(&sb, right)
	para(&sb, "center", 0, 0, run{text: upper(d.SignerRole), b: true})
	para(&sb, "center", 0, 1200, run{text: "(Ký, ghi rõ họ tên)", i: true, size: 12})
	para(&sb, "center", 0, 0, run{text: or(d.Signer), b: true})
	sb.WriteString("</w:tc></w:tr></w:tbl>")

	sb.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return sb.String()
}

// columnWidths shares the text width among a figures table's columns: the
// first (the label) wide, the others even; five columns are the late
// items, whose reference and cause take the room.
func columnWidths(n int) []int {
	if n == 5 {
		return []int{1300, 2900, 1400, 1300, docxWidth - 6900}
	}
	first := docxWidth / 2
	out := []int{first}
	for i := 1; i < n; i++ {
		out = append(out, (docxWidth-first)/(n-1))
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
