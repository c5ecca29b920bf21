package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"congvu/internal/config"
	"congvu/internal/dossier"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
)

// The online filing of the demo's procedure 2.002399 (two documents, level
// partial) through /nop-ho-so/{code}, as a browser without JavaScript
// sends it: the form's challenge met with the proof of work (or the
// question), one file per document.

const filingCode = "2.002399"

var (
	challengeRe = regexp.MustCompile(`name="challenge" value="([^"]+)"`)
	questionRe  = regexp.MustCompile(`<label for="f-answer">([^<]+?) <span`)
	doneCodeRe  = regexp.MustCompile(`id="done-code">([^<]+)<`)
	doneSecRe   = regexp.MustCompile(`id="done-secret">([^<]+)<`)
)

// filingPart is one file of a filing.
type filingPart struct {
	field, name string
	data        []byte
}

// filingReq is one filing: from a client address (X-Forwarded-For behind
// the trusted proxy), the challenge met by the nonce unless answer is set
// ("wrong" spoils it, "token" sends a forged token).
type filingReq struct {
	client string
	email  string
	phone  string
	parts  []filingPart
	answer string
}

// uniquePDF is a PDF whose bytes are the case's own.
func uniquePDF(t testing.TB, tag string) []byte {
	return append(filetest.PDF(t), []byte("\n% "+tag+"\n")...)
}

// file posts a filing and returns the answer.
func (a *app) file(t *testing.T, code string, fr filingReq) response {
	t.Helper()
	u := a.anonymous(t)
	get := func() response {
		req, _ := http.NewRequest("GET", a.srv.URL+"/nop-ho-so/"+code, nil)
		req.Header.Set("X-Forwarded-For", fr.client)
		res, err := u.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return response{status: res.StatusCode, header: res.Header, body: string(b)}
	}
	page := get()
	if page.status != http.StatusOK {
		t.Fatalf("GET the form: %d\n%s", page.status, page.body)
	}
	csrf, ch := csrfRe.FindStringSubmatch(page.body), challengeRe.FindStringSubmatch(page.body)
	if csrf == nil || ch == nil {
		t.Fatalf("the form lacks its CSRF token or challenge:\n%s", page.body)
	}
	fields := map[string]string{"csrf": csrf[1], "challenge": ch[1], "name": "Nguyễn Văn An", "id_number": "001085012345",
		"phone": fr.phone, "email": fr.email, "address": "Số 1 Lý Thái Tổ, Bắc Ninh"}
	switch fr.answer {
	case "":
		fields["nonce"] = httpx.SolveChallenge(ch[1], httpx.ChallengeBits)
	case "right":
		q := questionRe.FindStringSubmatch(page.body)
		if q == nil {
			t.Fatalf("no question on the form")
		}
		fields["answer"] = fmt.Sprint(sumOf(t, q[1]))
	case "token":
		fields["challenge"] = strings.Replace(ch[1], "v1.", "v1.9", 1)
		fields["nonce"] = "1"
	default:
		fields["answer"] = fr.answer
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for _, p := range fr.parts {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.field, p.name))
		h.Set("Content-Type", "application/octet-stream")
		pw, _ := w.CreatePart(h)
		pw.Write(p.data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", a.srv.URL+"/nop-ho-so/"+code, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-Forwarded-For", fr.client)
	res, err := u.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

// sumOf answers the form's question ("Bảy cộng năm bằng mấy?").
func sumOf(t *testing.T, q string) int {
	words := map[string]int{"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
	f := strings.Fields(strings.ToLower(strings.TrimSuffix(q, " bằng mấy?")))
	if len(f) != 3 || f[1] != "cộng" {
		t.Fatalf("unexpected question %q", q)
	}
	return words[f[0]] + words[f[2]]
}

// filingApp is the demo behind a trusted proxy (each case its own client
// address, so that the rate limit is each's own) with a cap of 1 open
// online dossier per contact and a 1 MB limit per file.
func filingApp(t *testing.T) *app {
	cfg := config.Config{TrustedProxies: "127.0.0.1", FileMaxMB: 1, OnlineOpenMax: 1}
	var err error
	if cfg.Proxies, err = config.ParsePrefixes(cfg.TrustedProxies); err != nil {
		t.Fatal(err)
	}
	return newAppWith(t, cfg)
}

// counts are the online dossiers waiting and the files' contents.
func (a *app) filingCounts(t *testing.T) (dossiers, files int) {
	t.Helper()
	p, err := a.db.FindDossierPage(context.Background(), dossier.Filter{Statuses: []dossier.Status{dossier.StatusRegistered}})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := a.db.FileSums(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p.Total, len(sums)
}

func TestFilingOnline(t *testing.T) {
	a := filingApp(t)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 200)...)
	big := append(filetest.PDF(t), bytes.Repeat([]byte("0"), 1<<20+10)...)
	two := func(tag string) []filingPart {
		return []filingPart{{"doc_1", "to-trinh.pdf", uniquePDF(t, tag+"1")}, {"doc_2", "bao-cao.pdf", uniquePDF(t, tag+"2")}}
	}
	for i, tc := range []struct {
		name   string
		code   string
		req    filingReq
		status int
		want   string // in the answer
		writes int    // files written
	}{
		{"two PDFs", filingCode, filingReq{email: "an@example.vn", parts: two("ok")}, http.StatusOK, "id=\"done-secret\"", 2},
		{"a PNG named .pdf is taken as the PNG it is", filingCode, filingReq{email: "binh@example.vn",
			parts: []filingPart{{"doc_1", "anh.pdf", filetest.PNG(t)}, {"doc_2", "bao-cao.jpg", filetest.JPEG(t)}}}, http.StatusOK, "id=\"done-code\"", 2},
		{"the question instead of the proof of work", filingCode, filingReq{email: "chi@example.vn", parts: two("q"), answer: "right"}, http.StatusOK, "id=\"done-code\"", 2},
		{"an EXE named .pdf", filingCode, filingReq{email: "dung@example.vn",
			parts: []filingPart{{"doc_1", "to-trinh.pdf", exe}, {"doc_2", "bao-cao.pdf", uniquePDF(t, "exe")}}}, http.StatusUnsupportedMediaType, "chỉ nhận PDF, JPEG hoặc PNG", 0},
		{"a zip", filingCode, filingReq{email: "dung@example.vn",
			parts: []filingPart{{"doc_1", "ho-so.zip", filetest.Zip(t, "a.txt", "xin chào")}, {"doc_2", "bao-cao.pdf", uniquePDF(t, "zip")}}}, http.StatusUnsupportedMediaType, "không được chấp nhận", 0},
		{"a DOCX is not for online filing", filingCode, filingReq{email: "dung@example.vn",
			parts: []filingPart{{"doc_1", "to-trinh.docx", filetest.DOCX(t)}, {"doc_2", "bao-cao.pdf", uniquePDF(t, "docx")}}}, http.StatusUnsupportedMediaType, "PDF, JPEG hoặc PNG", 0},
		{"too large", filingCode, filingReq{email: "dung@example.vn",
			parts: []filingPart{{"doc_1", "to-trinh.pdf", big}, {"doc_2", "bao-cao.pdf", uniquePDF(t, "big")}}}, http.StatusRequestEntityTooLarge, "quá lớn: tối đa 1 MB", 0},
		{"a required document missing", filingCode, filingReq{email: "dung@example.vn",
			parts: []filingPart{{"doc_1", "to-trinh.pdf", uniquePDF(t, "miss")}, {"doc_2", "", nil}}}, http.StatusBadRequest, "Thiếu giấy tờ bắt buộc: Báo cáo đề xuất chủ trương đầu tư", 0},
		{"a wrong answer", filingCode, filingReq{email: "dung@example.vn", parts: two("wrong"), answer: "1000"}, http.StatusBadRequest, "Câu trả lời kiểm tra chưa đúng", 0},
		{"a forged challenge", filingCode, filingReq{email: "dung@example.vn", parts: two("forged"), answer: "token"}, http.StatusBadRequest, "không hợp lệ", 0},
		{"over the cap of the e-mail address", filingCode, filingReq{email: "an@example.vn", parts: two("cap")}, http.StatusConflict, "Đã có 1 hồ sơ nộp trực tuyến đang giải quyết với thư điện tử này", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.client = fmt.Sprintf("198.51.100.%d", i+1)
			if tc.req.phone == "" {
				tc.req.phone = fmt.Sprintf("0912 345 %03d", i)
			}
			d0, f0 := a.filingCounts(t)
			res := a.file(t, tc.code, tc.req)
			if res.status != tc.status || !strings.Contains(res.body, tc.want) {
				t.Fatalf("status %d (want %d), want %q in:\n%s", res.status, tc.status, tc.want, res.body)
			}
			d1, f1 := a.filingCounts(t)
			wantD := 0
			if tc.writes > 0 {
				wantD = 1
			}
			if d1-d0 != wantD || f1-f0 != tc.writes {
				t.Errorf("written: %d dossiers and %d files, want %d and %d", d1-d0, f1-f0, wantD, tc.writes)
			}
			if tc.status == http.StatusOK {
				code, sec := doneCodeRe.FindStringSubmatch(res.body), doneSecRe.FindStringSubmatch(res.body)
				if code == nil || sec == nil {
					t.Fatal("no code or secret on the page")
				}
				rec, err := a.db.LookupDossier(context.Background(), code[1], sec[1])
				if err != nil {
					t.Fatalf("look up %s with the secret shown: %v", code[1], err)
				}
				if rec.State.Status != dossier.StatusRegistered || rec.Channel != dossier.ChannelOnline || len(rec.Documents) != 2 {
					t.Errorf("dossier: status %d, channel %s, %d documents", rec.State.Status, rec.Channel, len(rec.Documents))
				}
				links, err := a.db.FindFileLinks(context.Background(), "dossier", rec.Code)
				if err != nil || len(links) != 2 || links[0].Slot != "doc:1" || links[1].Slot != "doc:2" {
					t.Errorf("links %+v, %v", links, err)
				}
			}
		})
	}
}

// A procedure that is only information cannot be filed: the page says so
// and has no form, and a post is refused.
func TestFilingNotOnline(t *testing.T) {
	a := newApp(t)
	u := a.anonymous(t)
	res := u.do("GET", "/nop-ho-so/1.013015", nil, false)
	if res.status != http.StatusOK || !strings.Contains(res.body, "chưa nhận hồ sơ trực tuyến") || strings.Contains(res.body, `id="filing"`) {
		t.Errorf("information-only procedure: %d\n%s", res.status, res.body)
	}
	if res := u.do("GET", "/nop-ho-so/9.999999", nil, false); res.status != http.StatusNotFound {
		t.Errorf("unknown procedure: %d", res.status)
	}
}

// One client files at most httpx.FilingBurst times at once; the next gets
// 429 with Retry-After, and nothing is written.
func TestFilingRateLimit(t *testing.T) {
	a := filingApp(t)
	for i := 1; i <= httpx.FilingBurst; i++ {
		// Each a wrong answer: refused (400) but counted.
		if res := a.file(t, filingCode, filingReq{client: "203.0.113.9", email: "x@example.vn", phone: "0987654321", answer: "1000",
			parts: []filingPart{{"doc_1", "a.pdf", uniquePDF(t, fmt.Sprint(i))}}}); res.status != http.StatusBadRequest {
			t.Fatalf("filing %d: %d", i, res.status)
		}
	}
	d0, f0 := a.filingCounts(t)
	res := a.file(t, filingCode, filingReq{client: "203.0.113.9", email: "x@example.vn", phone: "0987654321",
		parts: []filingPart{{"doc_1", "a.pdf", uniquePDF(t, "r1")}, {"doc_2", "b.pdf", uniquePDF(t, "r2")}}})
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" || !strings.Contains(res.body, "quá nhiều hồ sơ") {
		t.Errorf("over the rate: %d, Retry-After %q\n%s", res.status, res.header.Get("Retry-After"), res.body)
	}
	if d1, f1 := a.filingCounts(t); d1 != d0 || f1 != f0 {
		t.Errorf("over the rate wrote %d dossiers, %d files", d1-d0, f1-f0)
	}
}

// The desk refuses an online dossier with a reason: status 3, form 03 to
// print, and the applicant's lookup shows it refused.
func TestFilingRefused(t *testing.T) {
	a := filingApp(t)
	res := a.file(t, filingCode, filingReq{client: "192.0.2.7", email: "refuse@example.vn", phone: "0977000111",
		parts: []filingPart{{"doc_1", "a.pdf", uniquePDF(t, "ref1")}, {"doc_2", "b.pdf", uniquePDF(t, "ref2")}}})
	code, sec := doneCodeRe.FindStringSubmatch(res.body), doneSecRe.FindStringSubmatch(res.body)
	if res.status != http.StatusOK || code == nil || sec == nil {
		t.Fatalf("filing: %d", res.status)
	}
	clerk := a.login(t, "motcua")
	rec, err := a.db.LookupDossier(context.Background(), code[1], sec[1])
	if err != nil {
		t.Fatal(err)
	}
	ev := clerk.do("POST", "/dossiers/"+code[1]+"/events", url.Values{"action": {"refuse"}, "version": {fmt.Sprint(rec.State.Version)},
		"reason": {"Tờ trình chưa có chữ ký của người đứng đầu đơn vị"}, "confirm": {"yes"}}, true)
	if ev.status != http.StatusSeeOther {
		t.Fatalf("refuse: %d\n%s", ev.status, ev.body)
	}
	page := clerk.do("GET", "/dossiers/"+code[1], nil, false)
	for _, want := range []string{"Không được tiếp nhận", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "chưa có chữ ký"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the refused dossier's page lacks %q", want)
		}
	}
	if pdf := clerk.do("GET", "/dossiers/"+code[1]+"/forms/03.pdf", nil, false); pdf.status != http.StatusOK || !strings.HasPrefix(pdf.body, "%PDF-") {
		t.Errorf("form 03: %d", pdf.status)
	}
	if slip := clerk.do("GET", "/dossiers/"+code[1]+"/forms/01.pdf", nil, false); slip.status != http.StatusNotFound {
		t.Errorf("a receipt of a dossier never received: %d", slip.status)
	}
	if strings.Contains(page.body, `id="online-wait"`) {
		t.Error("a refused dossier is still marked waiting")
	}
	if rec, err := a.db.LookupDossier(context.Background(), code[1], sec[1]); err != nil || rec.State.Status != dossier.StatusRefused {
		t.Errorf("after refusal: %+v %v", rec.State.Status, err)
	}
}
