package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/file/filetest"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestArticleImagesAPI: bad uploads are refused with their status and
// write nothing; an image is stored at its two sizes and becomes the
// cover; the public list gives the cover's thumbnail once published.
func TestArticleImagesAPI(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	news.RegisterPolicy(s.deps.Policy)
	official, director := f.Who(org.RoleOfficial, accesstest.Own), f.Who(org.RoleDirector, accesstest.Own)
	rec := do(mux, call{method: "POST", path: "/api/v1/articles", token: official.Token,
		body: fmt.Sprintf(`{"unit_id":%d,"category":"tin-tuc-su-kien","title":"Hội nghị sơ kết công tác","body":"Nội dung.","writer_unit":"Phòng KGVX."}`, f.OwnUnit.ID)})
	var a articleResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || rec.Code != 201 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	path := fmt.Sprintf("/api/v1/articles/%d/images", a.ID)
	wide := image.NewRGBA(image.Rect(0, 0, 1800, 900))
	var big bytes.Buffer
	png.Encode(&big, wide)
	upload := func(fields map[string]string, name string, data []byte) (int, string) {
		body, ct := filetest.Multipart(t, fields, "image", name, data)
		rec := do(mux, call{method: "POST", path: path, body: body, token: official.Token, header: map[string]string{"Content-Type": ct}})
		return rec.Code, rec.Body.String()
	}
	for _, c := range []struct {
		name   string
		fields map[string]string
		data   []byte
		status int
		field  string
	}{
		{"no description", map[string]string{}, big.Bytes(), 400, "alt"},
		{"a PDF", map[string]string{"alt": "Ảnh"}, filetest.PDF(t), 415, "image"},
		{"too large", map[string]string{"alt": "Ảnh"}, append(big.Bytes(), make([]byte, news.MaxImageBytes)...), 413, "image"},
	} {
		if code, body := upload(c.fields, "anh.png", c.data); code != c.status || !strings.Contains(body, `"field":"`+c.field+`"`) {
			t.Errorf("%s: %d %s, want %d naming %s", c.name, code, body, c.status, c.field)
		}
	}
	if rec := do(mux, call{method: "POST", path: path, body: `{"alt":"x"}`, token: official.Token}); rec.Code != 415 {
		t.Errorf("a JSON body: %d, want 415", rec.Code)
	}
	if imgs, _ := db.ArticleImages(t.Context(), a.ID); len(imgs) != 0 {
		t.Fatalf("refusals wrote %d images", len(imgs))
	}
	code, body := upload(map[string]string{"alt": "Toàn cảnh hội nghị", "cover": "true"}, "hoi-nghi.png", big.Bytes())
	var img articleImageResponse
	if err := json.Unmarshal([]byte(body), &img); err != nil || code != 201 {
		t.Fatalf("upload: %d %s", code, body)
	}
	if img.Width != 1200 || img.Height != 600 || img.ThumbnailWidth != 400 || img.ThumbnailHeight != 200 || !img.Cover ||
		!strings.HasSuffix(img.ThumbnailURL, fmt.Sprintf("/tin-tuc/anh/%d/nho", img.ID)) || img.Markdown != fmt.Sprintf("![Toàn cảnh hội nghị](/tin-tuc/anh/%d)", img.ID) {
		t.Fatalf("image %+v", img)
	}
	events := fmt.Sprintf("/api/v1/articles/%d/events", a.ID)
	do(mux, call{method: "POST", path: events, body: `{"action":"submit"}`, token: official.Token})
	if rec := do(mux, call{method: "POST", path: events, body: `{"action":"publish"}`, token: director.Token}); rec.Code != 200 {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	rec = do(mux, call{method: "GET", path: "/api/v1/public/articles"})
	var list []publicArticleResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 1 || list[0].CoverThumbURL == nil || *list[0].CoverThumbURL != img.ThumbnailURL {
		t.Fatalf("public list: %s", rec.Body)
	}
	// Published: the cover is not changed until it is taken down.
	if rec := do(mux, call{method: "PUT", path: fmt.Sprintf("/api/v1/articles/%d/cover", a.ID), body: `{"image_id":0}`, token: official.Token}); rec.Code != 409 {
		t.Fatalf("the cover of a published article: %d", rec.Code)
	}
}
