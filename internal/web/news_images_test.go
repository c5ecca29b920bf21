package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/news"
)

// testPNG is a w × h picture.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x), 80, uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG is a PNG header declaring w × h pixels and nothing after it.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

var articlePathRe = regexp.MustCompile(`^/articles/(\d+)$`)

// newDraft writes a draft as the official and returns its id.
func newDraft(t *testing.T, writer *user, title string) string {
	t.Helper()
	form := writer.do("GET", "/articles/new", nil, false)
	m := regexp.MustCompile(`<option value="([0-9]+)"`).FindStringSubmatch(form.body)
	if m == nil {
		t.Fatalf("the form: %d", form.status)
	}
	res := writer.do("POST", "/articles", url.Values{"unit_id": {m[1]}, "category": {"tin-tuc-su-kien"}, "title": {title},
		"body": {"Mở đầu bài viết."}, "writer_unit": {"Phòng KGVX."}}, true)
	id := articlePathRe.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || id == nil {
		t.Fatalf("create: %d\n%.2000s", res.status, res.body)
	}
	return id[1]
}

// TestArticleImages: bad uploads are refused with their status and a
// Vietnamese message, writing nothing; an image is resized and listed
// with its Markdown; "Chèn" saves it into the body; it is 404 to the
// public while the article is a draft (its writers see it) and cached for
// a year once published, with its thumbnail in the list and og:image.
func TestArticleImages(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	writer, chief := a.login(t, "chuyenvien"), a.login(t, "giamdoc")
	id := newDraft(t, writer, "Hội nghị sơ kết công tác sáu tháng đầu năm")
	page := "/articles/" + id
	artID, _ := strconv.ParseInt(id, 10, 64)
	counts := func() (int, int) {
		imgs, err := a.db.ArticleImages(ctx, artID)
		if err != nil {
			t.Fatal(err)
		}
		sums, err := a.db.FileSums(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(imgs), len(sums)
	}
	_, files0 := counts()
	big := append(testPNG(t, 10, 10), bytes.Repeat([]byte{0}, news.MaxImageBytes)...)
	for _, c := range []struct {
		name, alt, file string
		data            []byte
		status          int
		want            string
	}{
		{"not an image", "Ảnh hội nghị", "hoi-nghi.png", []byte("%PDF-1.7\n1 0 obj\n"), http.StatusUnsupportedMediaType, "Ảnh phải là tệp JPEG hoặc PNG"},
		{"too large", "Ảnh hội nghị", "lon.png", big, http.StatusRequestEntityTooLarge, "Ảnh quá lớn: tối đa 10 MB"},
		{"a decompression bomb", "Ảnh hội nghị", "bom.png", bombPNG(60000, 60000), http.StatusRequestEntityTooLarge, "60000 × 60000 điểm ảnh"},
		{"no description", "  ", "hoi-nghi.png", testPNG(t, 50, 20), http.StatusBadRequest, "Thiếu mô tả ảnh"},
	} {
		res := writer.uploadForm(page+"/images", url.Values{"alt": {c.alt}}, "image", c.file, c.data)
		if res.status != c.status || !strings.Contains(res.body, c.want) {
			t.Errorf("%s: %d, want %d with %q\n%.1500s", c.name, res.status, c.status, c.want, res.body)
		}
		if n, fs := counts(); n != 0 || fs != files0 {
			t.Errorf("%s wrote %d images, %d files", c.name, n, fs-files0)
		}
	}

	res := writer.uploadForm(page+"/images", url.Values{"alt": {"Toàn cảnh hội nghị sơ kết"}, "cover": {"1"}}, "image", "Hội nghị.png", testPNG(t, 1600, 800))
	if res.status != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%.2000s", res.status, res.body)
	}
	imgs, err := a.db.ArticleImages(ctx, artID)
	if err != nil || len(imgs) != 1 {
		t.Fatalf("images: %v %v", imgs, err)
	}
	img := imgs[0]
	if img.Width != 1200 || img.Height != 600 || img.ThumbWidth != 400 || img.ThumbHeight != 200 {
		t.Errorf("sizes %+v", img)
	}
	edit := writer.do("GET", page, nil, false)
	for _, want := range []string{img.Markdown(), `id="img-insert-` + strconv.FormatInt(img.ID, 10), `alt="Toàn cảnh hội nghị sơ kết"`, "Ảnh đại diện"} {
		if !strings.Contains(edit.body, want) {
			t.Errorf("the editor's page lacks %q", want)
		}
	}
	// The draft's image: its writer sees it, the public does not.
	if res := writer.do("GET", img.URL(), nil, false); res.status != 200 || res.header.Get("Cache-Control") != "private, no-cache" {
		t.Errorf("the writer reads the draft's image: %d %q", res.status, res.header.Get("Cache-Control"))
	}
	if res, _ := a.getAs(t, img.URL(), chrome, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("the public reads a draft's image: %d, want 404", res.StatusCode)
	}

	// "Chèn": the form as typed, with the image's Markdown at the end.
	fields := url.Values{"unit_id": {regexp.MustCompile(`<option value="([0-9]+)" selected`).FindStringSubmatch(edit.body)[1]}, "category": {"tin-tuc-su-kien"},
		"title": {"Hội nghị sơ kết công tác sáu tháng đầu năm"}, "body": {"Mở đầu bài viết, đã sửa."}, "writer_unit": {"Phòng KGVX."},
		"version": {regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(edit.body)[1]}}
	if res := writer.do("POST", page+"/images/"+strconv.FormatInt(img.ID, 10)+"/insert", fields, true); res.status != http.StatusSeeOther {
		t.Fatalf("insert: %d\n%.2000s", res.status, res.body)
	}
	art, err := a.db.Article(ctx, artID)
	if err != nil || art.Body != "Mở đầu bài viết, đã sửa.\n\n"+img.Markdown() || art.CoverImageID != img.ID {
		t.Fatalf("after insert: %q cover %d, %v", art.Body, art.CoverImageID, err)
	}

	if res := writer.do("POST", page+"/events", url.Values{"action": {"submit"}}, true); res.status != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.status)
	}
	if res := chief.do("POST", page+"/events", url.Values{"action": {"publish"}}, true); res.status != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.status)
	}
	res2, body := a.getAs(t, img.URL(), chrome, "")
	if res2.StatusCode != 200 || res2.Header.Get("Content-Type") != "image/png" || !strings.Contains(res2.Header.Get("Cache-Control"), "max-age=31536000") ||
		res2.Header.Get("ETag") == "" {
		t.Fatalf("the published image: %d %v", res2.StatusCode, res2.Header)
	}
	if cfg, _, err := image.DecodeConfig(strings.NewReader(body)); err != nil || cfg.Width != 1200 {
		t.Errorf("the display size: %d (%v)", cfg.Width, err)
	}
	if res, _ := a.getAs(t, img.URL(), chrome, res2.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	if res, body := a.getAs(t, img.ThumbURL(), chrome, ""); res.StatusCode != 200 {
		t.Errorf("the thumbnail: %d", res.StatusCode)
	} else if cfg, _, _ := image.DecodeConfig(strings.NewReader(body)); cfg.Width != 400 {
		t.Errorf("the thumbnail is %d wide", cfg.Width)
	}
	_, body = a.getAs(t, "/tin-tuc/"+art.Slug, chrome, "")
	for _, want := range []string{`<img src="` + img.URL() + `" alt="Toàn cảnh hội nghị sơ kết"`, `property="og:image" content="`, `property="og:image:alt" content="Toàn cảnh hội nghị sơ kết"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the public page lacks %q", want)
		}
	}
	if _, body := a.getAs(t, "/tin-tuc", chrome, ""); !strings.Contains(body, `src="`+img.ThumbURL()+`"`) {
		t.Errorf("the news list lacks the cover's thumbnail")
	}
	// Published: no new image, no new cover, until it is taken down.
	if res := writer.uploadForm(page+"/images", url.Values{"alt": {"Ảnh thêm"}}, "image", "them.png", testPNG(t, 30, 30)); res.status != http.StatusConflict {
		t.Errorf("an image for a published article: %d, want 409", res.status)
	}
	if res := writer.do("POST", page+"/cover", url.Values{"image_id": {"0"}}, true); res.status != http.StatusConflict {
		t.Errorf("the cover of a published article: %d, want 409", res.status)
	}
	// Whoever does not write for the unit is refused: the clerk.
	if res := a.login(t, "motcua").uploadForm(page+"/images", url.Values{"alt": {"x"}}, "image", "x.png", testPNG(t, 5, 5)); res.status != http.StatusForbidden {
		t.Errorf("the clerk uploading: %d, want 403", res.status)
	}
}

// TestArticleStats: the leadership and the administrator see the visits
// by day and the most-read articles as SVG charts with their tables;
// a writer does not; a bad period is a 400 naming it.
func TestArticleStats(t *testing.T) {
	a := newApp(t)
	addNewsWorld(t, a)
	for _, c := range []struct {
		login, path string
		status      int
		want        []string
	}{
		{"giamdoc", "/articles/stats", 200, []string{"Thống kê cổng thông tin", `<svg`, `role="img"`, "Lượt truy cập theo ngày, 30 ngày gần nhất", "Bài được đọc nhiều nhất", `id="top-table"`}},
		{"giamdoc", "/articles/stats?days=90", 200, []string{"90 ngày gần nhất"}},
		{"admin", "/articles/stats", 200, []string{`id="visits-table"`}},
		{"giamdoc", "/articles/stats?days=7", 400, []string{"Khoảng thời gian không hợp lệ"}},
		{"chuyenvien", "/articles/stats", 403, []string{"thống kê cổng thông tin"}},
	} {
		res := a.login(t, c.login).do("GET", c.path, nil, false)
		if res.status != c.status {
			t.Errorf("%s %s: %d, want %d", c.login, c.path, res.status, c.status)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(res.body, w) {
				t.Errorf("%s %s lacks %q", c.login, c.path, w)
			}
		}
	}
	// The most-read article heads the table.
	res := a.login(t, "giamdoc").do("GET", "/articles/stats", nil, false)
	rows := regexp.MustCompile(`<td class="num">([0-9.]+)</td></tr>`).FindAllStringSubmatch(res.body[strings.Index(res.body, `id="top-table"`):], -1)
	if len(rows) != 10 {
		t.Fatalf("%d most-read rows", len(rows))
	}
	n := func(s string) int { v, _ := strconv.Atoi(strings.ReplaceAll(s, ".", "")); return v }
	for i := 1; i < len(rows); i++ {
		if n(rows[i][1]) > n(rows[i-1][1]) {
			t.Errorf("row %d has %s views, more than the row above (%s)", i+1, rows[i][1], rows[i-1][1])
		}
	}
}
