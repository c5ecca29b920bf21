package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"congvu/internal/calendar"
	"congvu/internal/review"
)

// demoReviewID drafts, as the head of Phòng Khoa giáo – Văn xã, the
// division's review of the first quarter, with its results written, for
// the accessibility walk.
func demoReviewID(t testing.TB, a *app) string {
	t.Helper()
	head := a.login(t, "truongphong.kgvx")
	res := head.do("POST", "/reviews", url.Values{"unit_id": {a.unit(t, "Phòng Khoa giáo – Văn xã")}, "year": {strconv.Itoa(time.Now().In(calendar.VN).Year())},
		"period": {"quarter-1"}, "number": {"5/BC-KGVX"}}, true)
	m := reviewPathRe.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("draft a review: %d\n%s", res.status, res.body)
	}
	res = head.do("POST", "/reviews/"+m[1], url.Values{"results": {"Hoàn thành các nhiệm vụ đến hạn trong quý."}, "number": {"5/BC-KGVX"},
		"recipients": {"Ban Giám đốc Sở;\nLưu: VT."}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("write the review: %d\n%s", res.status, res.body)
	}
	return m[1]
}

var reviewPathRe = regexp.MustCompile(`/reviews/(\d+)$`)

// TestReviewBrowser: in Chromium the head of a division drafts this
// quarter's review from the records, writes the results, issues it and
// downloads the DOCX, which is the file whose SHA-256 was locked; the page
// offers no edit any more, and an edit sent anyway is refused (409) with
// nothing changed.
func TestReviewBrowser(t *testing.T) {
	ctx, problems := newBrowser(t)
	a := newApp(t)
	base := a.srv.URL
	b := newBrowserSession(t, ctx)
	do, shot, text := b.do, b.shot, b.text
	now := time.Now().In(calendar.VN)
	quarter := (int(now.Month())-1)/3 + 1

	b.logIn(base, "truongphong.kgvx", a.passwords["truongphong.kgvx"])
	do("the menu", menu("/reviews"), visible("#review-draft"))
	text("#h-draft", "Lập dự thảo báo cáo")
	do("choose the quarter", chromedp.SetValue(chromedp.CSS("#f-period"), fmt.Sprintf("quarter-%d", quarter)))
	do("draft", click(`#review-draft button`), visible("#review-figures"))
	text("h1", "Sơ kết công tác quý", strconv.Itoa(now.Year()))
	text("#review-state", "Dự thảo")
	text("#review-inspections", "Chưa có kết quả kiểm tra")
	shot("r1-drafted")

	results := "Phòng hoàn thành các nhiệm vụ đến hạn trong quý.\nCác vướng mắc được báo cáo kịp thời."
	do("write the results", chromedp.SendKeys(chromedp.CSS("#f-results"), results),
		chromedp.SendKeys(chromedp.CSS("#f-lessons"), "Báo cáo vướng mắc ngay khi phát sinh."),
		chromedp.SendKeys(chromedp.CSS("#f-number"), "21/BC-KGVX"))
	do("save", click(`#review-edit button`), visible(".flash"))
	text(".flash", "Đã lưu dự thảo")
	do("issue", click(`#review-issue button`), visible(".flash"))
	text(".flash", "Đã ban hành báo cáo số 21/BC-KGVX")
	state := text("#review-state", "Đã ban hành", "SHA-256")
	shot("r2-issued")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#review-edit, #review-issue").length`)); err != nil || n != 0 {
		t.Errorf("the issued review still offers its forms: %d %v", n, err)
	}

	// The DOCX, fetched by the page's own link with the session.
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("#dl-docx").href).then(async r => {
		const b = new Uint8Array(await r.arrayBuffer()); let s = ""; for (const x of b) s += String.fromCharCode(x);
		return r.status + " " + (r.headers.get("Content-Disposition") || "") + " " + btoa(s); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(raw, " ", 4)
	if len(parts) != 4 || parts[0] != "200" || !strings.Contains(parts[2], ".docx") {
		t.Fatalf("download: %.200s", raw)
	}
	doc, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(doc)
	if !strings.Contains(state, hex.EncodeToString(sum[:])) {
		t.Errorf("the DOCX downloaded is not the one locked: %s", state)
	}
	z, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	var body string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			body = buf.String()
		}
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "21/BC-KGVX", "Phòng hoàn thành các nhiệm vụ đến hạn trong quý."} {
		if !strings.Contains(body, want) {
			t.Errorf("the DOCX lacks %q", want)
		}
	}
	if dir := os.Getenv("CONGVU_SCREENSHOT_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "review.docx"), doc, 0o644)
	}

	// An edit sent anyway is refused and changes nothing.
	path, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	m := reviewPathRe.FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("not on a review: %s", path)
	}
	head := a.login(t, "truongphong.kgvx")
	res := head.do("POST", "/reviews/"+m[1], url.Values{"results": {"Sửa sau khi ban hành"}, "number": {"21/BC-KGVX"}}, true)
	if res.status != http.StatusConflict || !strings.Contains(res.body, "đã ban hành, không sửa được") {
		t.Errorf("an edit after the issue: %d", res.status)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	if rv, err := a.db.FindReview(context.Background(), id); err != nil || rv.Status != review.Issued || !strings.HasPrefix(rv.Narrative.Results, "Phòng hoàn thành") {
		t.Errorf("the refused edit changed the review: %v %+v", err, rv.Narrative)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser problems: %v", p)
	}
}
