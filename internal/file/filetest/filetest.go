// Package filetest makes small real files of every type the file store
// accepts, and some it refuses, for the tests of any package: a PDF the
// report package writes, a PNG and a JPEG from the standard library, an XLSX
// from excelize, and DOCX, ODT and ODS built as the zips they are.
package filetest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/textproto"
	"testing"

	"github.com/xuri/excelize/v2"

	"congvu/internal/report"
)

// PDF is a receipt (form 01) as congvu prints it.
func PDF(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteReceipt(&b, report.FormData{}); err != nil {
		t.Fatalf("pdf: %v", err)
	}
	return b.Bytes()
}

func img() image.Image {
	m := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		m.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	return m
}

// PNG is an 8×8 image.
func PNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// JPEG is an 8×8 photograph.
func JPEG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// XLSX is a workbook of one cell.
func XLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "Chỉ tiêu")
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Zip builds an archive of the given entries, in order (names and
// contents alternate), the first stored uncompressed as ODF wants its
// mimetype.
func Zip(t testing.TB, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i+1 < len(entries); i += 2 {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		w, err := z.CreateHeader(&zip.FileHeader{Name: entries[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

// DOCX is a Word document of one paragraph.
func DOCX(t testing.TB) []byte {
	return Zip(t, "[Content_Types].xml", contentTypes,
		"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>`)
}

// ODT is an OpenDocument text.
func ODT(t testing.TB) []byte {
	return Zip(t, "mimetype", "application/vnd.oasis.opendocument.text",
		"content.xml", `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`,
		"META-INF/manifest.xml", `<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`)
}

// ODS is an OpenDocument spreadsheet.
func ODS(t testing.TB) []byte {
	return Zip(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml", `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`)
}

// Multipart is a multipart/form-data body with fields and data as the file
// name in fileField, as a browser or a client sends an upload.
func Multipart(t testing.TB, fields map[string]string, fileField, name string, data []byte) (body, contentType string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, fileField, name))
	h.Set("Content-Type", "application/octet-stream")
	p, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	p.Write(data)
	w.Close()
	return b.String(), w.FormDataContentType()
}
