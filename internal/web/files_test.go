package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/config"
	"congvu/internal/file/filetest"
)

// upload posts a multipart form with the session's CSRF token and one file.
func (u *user) uploadForm(path string, fields url.Values, fileField, name string, data []byte) response {
	u.t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fields = cloneValues(fields)
	fields.Set("csrf", u.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	p, _ := w.CreateFormFile(fileField, name)
	p.Write(data)
	w.Close()
	req, _ := http.NewRequest("POST", u.app.srv.URL+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	res, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

var fileHrefRe = regexp.MustCompile(`href="/files/(\d+)" class="file-download"`)

// TestIntakeScans: a scan of the wrong type refuses the intake form with a
// Vietnamese message (415) and receives nothing; a PDF scan is received with
// the dossier and listed on its page; the file is read as the dossier is
// (the director may, an official of a unit it never reached may not); the
// desk attaches a result and removes it, both in the dossier's history.
func TestIntakeScans(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	before := clerk.do("GET", "/dossiers/queue", nil, false).body

	bad := clerk.uploadForm("/dossiers", intakeForm("Trần Văn Bảo"), "scan0", "trang.html", []byte("<html><script>alert(1)</script></html>"))
	if bad.status != http.StatusUnsupportedMediaType || !strings.Contains(bad.body, "trang.html: Loại tệp không được chấp nhận") {
		t.Fatalf("an html scan: %d %s", bad.status, excerpt(bad.body, "Loại tệp"))
	}
	if after := clerk.do("GET", "/dossiers/queue", nil, false).body; strings.Count(after, "Trần Văn Bảo") != strings.Count(before, "Trần Văn Bảo") {
		t.Errorf("a refused form received a dossier")
	}

	pdf := filetest.PDF(t)
	res := clerk.uploadForm("/dossiers", intakeForm("Trần Văn Bảo"), "scan0", "Văn bản đề nghị.pdf", pdf)
	if res.status != http.StatusSeeOther {
		t.Fatalf("intake with a scan: %d %s", res.status, excerpt(res.body, "error"))
	}
	page := clerk.do("GET", res.header.Get("Location"), nil, false)
	m := fileHrefRe.FindStringSubmatch(page.body)
	if m == nil || !strings.Contains(page.body, "Văn bản đề nghị.pdf") || !strings.Contains(page.body, "Bản quét: "+fixtureDocs[0]) {
		t.Fatalf("the dossier's page lists no scan: %s", excerpt(page.body, "Tệp đính kèm"))
	}
	href := "/files/" + m[1]
	for login, want := range map[string]int{"motcua": 200, "giamdoc": 200, "chuyenvien": 404} {
		u := clerk
		if login != "motcua" {
			u = a.login(t, login)
		}
		got := u.do("GET", href, nil, false)
		if got.status != want {
			t.Errorf("%s downloads the scan: %d, want %d", login, got.status, want)
		}
		if want == 200 && (got.body != string(pdf) || got.header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(got.header.Get("Content-Disposition"), "attachment;")) {
			t.Errorf("%s: the download's bytes or headers: %v", login, got.header)
		}
	}
	if got := clerk.do("GET", href+"?inline=1", nil, false); !strings.HasPrefix(got.header.Get("Content-Disposition"), "inline;") {
		t.Errorf("preview: %v", got.header)
	}

	code := strings.TrimPrefix(res.header.Get("Location"), "/dossiers/")
	up := clerk.uploadForm("/dossiers/"+code+"/files", url.Values{"slot": {"result"}}, "file", "Kết quả.png", filetest.PNG(t))
	if up.status != http.StatusSeeOther {
		t.Fatalf("attach a result: %d %s", up.status, excerpt(up.body, "error"))
	}
	page = clerk.do("GET", "/dossiers/"+code, nil, false)
	rm := regexp.MustCompile(`action="(/dossiers/[^"]+/files/\d+/remove)"`).FindAllStringSubmatch(page.body, -1)
	confirmed := regexp.MustCompile(`action="/dossiers/[^"]+/files/\d+/remove" class="inline">\s*<input type="hidden" name="csrf"[^>]*>\s*<label class="choice confirm-inline"[^>]*><input type="checkbox" name="confirm" value="yes" required>`)
	if len(rm) != 2 || !strings.Contains(page.body, "Kết quả giải quyết") || len(confirmed.FindAllString(page.body, -1)) != 2 {
		t.Fatalf("two files, each with a confirmed removal: %d %s", len(rm), excerpt(page.body, "Tệp đính kèm"))
	}
	if got := clerk.do("POST", rm[1][1], confirmYes, true); got.status != http.StatusSeeOther {
		t.Fatalf("remove: %d", got.status)
	}
	page = clerk.do("GET", "/dossiers/"+code, nil, false)
	if !strings.Contains(page.body, "<s>Kết quả.png</s>") || !strings.Contains(page.body, "Đã gỡ lúc") {
		t.Errorf("the removed file stays listed, struck out: %s", excerpt(page.body, "Kết quả.png"))
	}
	if official := a.login(t, "chuyenvien"); official.uploadForm("/dossiers/"+code+"/files", url.Values{"slot": {"result"}}, "file", "x.png", filetest.PNG(t)).status != 404 {
		t.Errorf("an official of another unit attached a file")
	}
	evs, err := a.db.FindAuditEvents(t.Context(), audit.Filter{ObjectType: "dossier", ObjectID: code})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range evs {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); !strings.Contains(got, "remove_file attach_file attach_file") {
		t.Errorf("the dossier's journal: %s", got)
	}
}

// excerpt is the part of a page around want, for a failure's message.
func excerpt(body, want string) string {
	i := strings.Index(body, want)
	if i < 0 {
		if len(body) > 400 {
			return body[:400]
		}
		return body
	}
	return body[max(0, i-200):min(len(body), i+400)]
}

// TestUploadLimits: a file over --file-max-mb is refused with 413 and a
// Vietnamese message; a page that takes no file keeps the small form limit
// even for a multipart body.
func TestUploadLimits(t *testing.T) {
	a := newAppWith(t, config.Config{FileMaxMB: 1})
	addFixtureProcedure(t, a)
	clerk := a.login(t, "motcua")
	big := append(filetest.PNG(t), make([]byte, 1<<20)...)
	res := clerk.uploadForm("/dossiers", intakeForm("Lê Thị Cúc"), "scan0", "ảnh lớn.png", big)
	if res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.body, "Tệp quá lớn: tối đa 1 MB") {
		t.Errorf("a scan over the limit: %d %s", res.status, excerpt(res.body, "quá lớn"))
	}
	if res := clerk.uploadForm("/calendar/hours", url.Values{}, "file", "x.png", make([]byte, 2<<20)); res.status != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MB multipart body to a page that takes no file: %d", res.status)
	}
}
