package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/httpx"
	"congvu/internal/news"
)

// The articles' images: an editor uploads one (multipart, with its
// description), resized on the server to the page's width and a
// thumbnail; the cover is one of them. The public reads them at their
// page addresses once the article is published.

func (s *Server) newsImageRoutes() []route {
	write := access.May("news.write", newsWriteGrants)
	return []route{
		{Method: "POST", Pattern: "/api/v1/articles/{id}/images", ID: "uploadArticleImage", Tag: "articles",
			Access: write.Note("while the article is not published (news.CanEditImages)"),
			Summary: "Add an image to an article (multipart/form-data): the field \"image\" (JPEG or PNG, its type decided from its bytes, 415 otherwise; at most 10 MB, 413; " +
				"at most 40 megapixels, read from its header before it is decoded, 413), \"alt\" its description (required, 400), \"cover\" true to make it the cover. " +
				"It is re-encoded at 1,200 pixels wide at most and as a 400-pixel thumbnail; its url is public once the article is published. Journalled.",
			Multipart: []formPart{
				{Name: "image", Type: "binary", Required: true, Doc: "the image: JPEG or PNG"},
				{Name: "alt", Type: "string", Required: true, Doc: "what the image shows (read to a blind reader), at most 250 characters"},
				{Name: "cover", Type: "boolean", Doc: "make it the article's cover (its thumbnail in the news list, og:image of its page)"},
			},
			Response: articleImageResponse{}, Status: http.StatusCreated, Handle: s.handleArticleImageUpload},
		{Method: "PUT", Pattern: "/api/v1/articles/{id}/cover", ID: "setArticleCover", Tag: "articles",
			Access:  write.Note("while the article is not published (news.CanEditImages)"),
			Summary: "Choose the article's cover among its images (image_id 0: none). Journalled.",
			Request: coverRequest{}, Response: articleResponse{}, Status: http.StatusOK, Handle: s.handleArticleCover},
	}
}

// articleImageResponse is an article's image.
type articleImageResponse struct {
	ID              int64  `json:"id"`
	ArticleID       int64  `json:"article_id"`
	Alt             string `json:"alt"`
	URL             string `json:"url" doc:"the display size (1,200 pixels wide at most); public once the article is published"`
	ThumbnailURL    string `json:"thumbnail_url" doc:"the 400-pixel thumbnail"`
	Markdown        string `json:"markdown" doc:"what to put in the body to show it"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
	Cover           bool   `json:"cover"`
}

// coverRequest is the body of PUT /api/v1/articles/{id}/cover.
type coverRequest struct {
	ImageID int64 `json:"image_id" doc:"one of the article's images; 0 for no cover"`
}

// Validate checks the id's sign; the store checks it is the article's.
func (q *coverRequest) Validate() error {
	if q.ImageID < 0 {
		return apperr.Invalidf("image_id", "image_id: mã số ảnh của bài, hoặc 0 để bỏ ảnh đại diện", "image_id: an image of the article, or 0 for none")
	}
	return nil
}

func (s *Server) absolute(path string) string {
	return strings.TrimRight(s.deps.Config.BaseURL, "/") + path
}

func (s *Server) handleArticleImageUpload(w http.ResponseWriter, r *http.Request) error {
	a, err := s.articleOf(r)
	if err != nil {
		return err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return withStatus(http.StatusUnsupportedMediaType, apperr.Invalidf("Content-Type",
			"Content-Type phải là multipart/form-data, có ảnh trong trường \"image\"", "the Content-Type must be multipart/form-data, with the image in the field \"image\""))
	}
	max := s.deps.MaxImageBytes()
	r.Body = http.MaxBytesReader(w, r.Body, max+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return apperr.Invalidf("body", "Nội dung không phải multipart/form-data hợp lệ: %v", "the body is not valid multipart/form-data: %v", err)
	}
	up := httpx.ImageUpload{}
	tooLarge := news.ErrImageTooLarge(max)
	for {
		p, err := mr.NextPart()
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return tooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return apperr.Invalidf("body", "Nội dung multipart không đọc được: %v", "the multipart body cannot be read: %v", err)
		}
		var buf bytes.Buffer
		limit := int64(4 << 10)
		if p.FormName() == "image" {
			limit = max
		}
		n, err := io.Copy(&buf, io.LimitReader(p, limit+1))
		p.Close()
		switch {
		case errors.As(err, &tooBig) || (p.FormName() == "image" && n > limit):
			return tooLarge
		case err != nil:
			return apperr.Invalidf("body", "Nội dung multipart không đọc được: %v", "the multipart body cannot be read: %v", err)
		case n > limit:
			return apperr.Invalidf(p.FormName(), "Trường %q quá dài", "the field %q is too long", p.FormName())
		}
		switch p.FormName() {
		case "image":
			if up.Body == nil {
				up.Name, up.Body = p.FileName(), bytes.NewReader(buf.Bytes())
			}
		case "alt":
			up.Alt = buf.String()
		case "cover":
			up.Cover = buf.String() == "true" || buf.String() == "1"
		}
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	img, err := s.deps.SaveArticleImage(r.Context(), subj, a.ID, up, func(a news.Article) error {
		return news.CanEditImages(subj, t, s.deps.Policy, a)
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, articleImageResponse{ID: img.ID, ArticleID: img.ArticleID, Alt: img.Alt,
		URL: s.absolute(img.URL()), ThumbnailURL: s.absolute(img.ThumbURL()), Markdown: img.Markdown(),
		Width: img.Width, Height: img.Height, ThumbnailWidth: img.ThumbWidth, ThumbnailHeight: img.ThumbHeight, Cover: up.Cover})
}

func (s *Server) handleArticleCover(w http.ResponseWriter, r *http.Request) error {
	old, err := s.articleOf(r)
	if err != nil {
		return err
	}
	var q coverRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	a, err := s.deps.Store.SetArticleCover(r.Context(), actorOf(subj), old.ID, q.ImageID, func(a news.Article) error {
		return news.CanEditImages(subj, t, s.deps.Policy, a)
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.toArticle(a))
}
