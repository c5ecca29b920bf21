package file_test

import (
	"bytes"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
)

func TestSniff(t *testing.T) {
	docxNoPart := filetest.Zip(t, "[Content_Types].xml", `<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	cases := []struct {
		name string
		data []byte
		want string // "" for refused
	}{
		{"pdf from the report package", filetest.PDF(t), file.PDF},
		{"png", filetest.PNG(t), file.PNG},
		{"jpeg", filetest.JPEG(t), file.JPEG},
		{"xlsx from excelize", filetest.XLSX(t), file.XLSX},
		{"docx", filetest.DOCX(t), file.DOCX},
		{"odt", filetest.ODT(t), file.ODT},
		{"ods", filetest.ODS(t), file.ODS},
		{"html", []byte("<!DOCTYPE html><script>alert(1)</script>"), ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"plain text", []byte("Đơn đề nghị"), ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), ""},
		{"a plain zip", filetest.Zip(t, "a.txt", "x"), ""},
		{"an odp presentation", filetest.Zip(t, "mimetype", "application/vnd.oasis.opendocument.presentation"), ""},
		{"a pptx-like manifest", filetest.Zip(t, "[Content_Types].xml", "presentationml.presentation.main+xml", "ppt/x.xml", "x"), ""},
		{"a docx manifest without its part", docxNoPart, ""},
		{"a broken zip", []byte("PK\x03\x04garbage"), ""},
		{"one byte", []byte{0x25}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := file.Sniff(bytes.NewReader(c.data), int64(len(c.data)))
			if c.want == "" {
				if !apperr.Is(err, apperr.Unsupported) {
					t.Fatalf("Sniff = %q, %v; want refused as unsupported", got, err)
				}
				if msg := apperr.As(err).Message("vi"); msg == "" || !bytes.Contains([]byte(msg), []byte("PDF")) {
					t.Errorf("message %q should name the accepted types", msg)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Sniff = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"Đơn đề nghị.pdf":           "Đơn đề nghị.pdf",
		`C:\Users\An\Giấy phép.pdf`: "Giấy phép.pdf",
		"../../etc/passwd":          "passwd",
		"a\"b\x00c\n.pdf":           "abc.pdf",
		"   ":                       "tep",
		"..":                        "tep",
		"bad\xffutf8.png":           "badutf8.png",
	} {
		if got := file.CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanRead(t *testing.T) {
	f := file.File{ID: 7, UploadedBy: 1}
	deny := func(file.Link) error { return file.NotFound(7) }
	allow := func(file.Link) error { return nil }
	attached := []file.Link{{Kind: file.KindDossier, RecordID: "X"}}
	cases := []struct {
		name   string
		person int64
		links  []file.Link
		may    func(file.Link) error
		ok     bool
	}{
		{"the uploader, not attached", 1, nil, deny, true},
		{"someone else, not attached", 2, nil, allow, false},
		{"nobody, not attached", 0, nil, allow, false},
		{"attached, the record readable", 2, attached, allow, true},
		{"attached, the record hidden", 2, attached, deny, false},
		{"attached, the uploader but the record hidden", 1, attached, deny, false},
	}
	for _, c := range cases {
		err := file.CanRead(c.person, f, c.links, c.may)
		if (err == nil) != c.ok {
			t.Errorf("%s: CanRead = %v, want ok=%v", c.name, err, c.ok)
		}
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s: refused with %v, want not found", c.name, err)
		}
	}
	if err := file.CanAttach(1, f, attached, deny); err != nil {
		t.Errorf("the uploader may attach their file to a second record: %v", err)
	}
}

func TestValidateSlot(t *testing.T) {
	ok := [][2]string{{"dossier", "doc:1"}, {"dossier", "result"}, {"dossier", "supplement"}, {"task", "report"}, {"task", "product"}, {"plan", "evidence:3"}}
	bad := [][2]string{{"dossier", "doc:0"}, {"dossier", "doc:x"}, {"dossier", "report"}, {"task", "result"}, {"nothing", "result"}}
	for _, c := range ok {
		if err := file.ValidateSlot(c[0], c[1]); err != nil {
			t.Errorf("ValidateSlot(%q, %q) = %v", c[0], c[1], err)
		}
	}
	for _, c := range bad {
		if err := file.ValidateSlot(c[0], c[1]); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("ValidateSlot(%q, %q) = %v, want invalid", c[0], c[1], err)
		}
	}
}
