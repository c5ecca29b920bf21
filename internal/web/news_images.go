package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/blob"
	"congvu/internal/httpx"
	"congvu/internal/news"
)

// The articles' images: the editor uploads them on the article's page
// (multipart, with the description required), inserts one into the body
// (a button of the editor's form, which saves the text with the image's
// Markdown added at the end: no script needed) and chooses the cover. The
// public reads an image at /tin-tuc/anh/{id} (its display size) and
// /tin-tuc/anh/{id}/nho (its thumbnail) once its article is published;
// before, only the article's writers do, and everyone else gets 404.

// ImageRow is one image on the editor's page.
type ImageRow struct {
	news.Image
	Cover bool
}

// articleImageRows lists an article's images for its editor.
func (s *Server) articleImageRows(r *http.Request, a *news.Article) ([]ImageRow, error) {
	imgs, err := s.deps.Store.ArticleImages(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	out := make([]ImageRow, 0, len(imgs))
	for _, i := range imgs {
		out = append(out, ImageRow{Image: i, Cover: i.ID == a.CoverImageID})
	}
	return out, nil
}

// handleArticleImageUpload adds an image to the article (field "image",
// its description "alt", "cover" to make it the cover). A refusal shows
// the editor's page again with the message at the upload form.
func (s *Server) handleArticleImageUpload(w http.ResponseWriter, r *http.Request) error {
	a, tree, err := s.staffArticle(r)
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(r.Context())
	if err := news.CanEditImages(sub, tree, s.deps.Policy, a); err != nil {
		return err
	}
	up := httpx.ImageUpload{Alt: r.PostFormValue("alt"), Cover: r.PostFormValue("cover") == "1"}
	if fh := formFile(r, "image"); fh != nil {
		f, err := fh.Open()
		if err != nil {
			return fmt.Errorf("open uploaded image: %w", err)
		}
		defer f.Close()
		up.Name, up.Body = fh.Filename, f
	}
	_, err = s.deps.SaveArticleImage(r.Context(), sub, a.ID, up, func(a news.Article) error {
		return news.CanEditImages(sub, tree, s.deps.Policy, a)
	})
	if err != nil {
		if !formFailure(err) && apperr.CodeOf(err) != apperr.TooLarge && apperr.CodeOf(err) != apperr.Unsupported {
			return err
		}
		f := s.articleEditForm(a)
		img := newForm(r.PostForm, "alt")
		img.SetError(err, httpx.Lang(r))
		return s.articleFormWith(w, r, httpx.Status(err), f, &a, img)
	}
	s.flash(w, "flash.articles.image")
	http.Redirect(w, r, "/articles/"+strconv.FormatInt(a.ID, 10)+"#anh", http.StatusSeeOther)
	return nil
}

// handleArticleCover sets (or, with image_id 0, clears) the cover.
func (s *Server) handleArticleCover(w http.ResponseWriter, r *http.Request) error {
	a, tree, err := s.staffArticle(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	id, err := strconv.ParseInt(r.PostForm.Get("image_id"), 10, 64)
	if err != nil || id < 0 {
		return apperr.Invalidf("image_id", "Hãy chọn một ảnh", "Choose an image")
	}
	sub := httpx.SubjectFrom(r.Context())
	if _, err := s.deps.Store.SetArticleCover(r.Context(), actor(sub), a.ID, id, func(a news.Article) error {
		return news.CanEditImages(sub, tree, s.deps.Policy, a)
	}); err != nil {
		return err
	}
	s.flash(w, "flash.articles.cover")
	http.Redirect(w, r, "/articles/"+strconv.FormatInt(a.ID, 10)+"#anh", http.StatusSeeOther)
	return nil
}

// handleArticleImageInsert is the "Chèn" button of an image, inside the
// editor's form: the text as the editor has it is saved with the
// image's Markdown added at the end of the body.
func (s *Server) handleArticleImageInsert(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.staffArticle(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("image"), 10, 64)
	if err != nil || id <= 0 {
		return apperr.NotFoundf("Không tìm thấy ảnh", "image not found")
	}
	img, err := s.deps.Store.ArticleImage(r.Context(), id)
	if err != nil {
		return err
	}
	if img.ArticleID != a.ID {
		return apperr.NotFoundf("Không tìm thấy ảnh", "image not found")
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	body := r.PostForm.Get("body")
	if body != "" {
		body += "\n\n"
	}
	r.PostForm.Set("body", body+img.Markdown())
	return s.handleArticleUpdate(w, r)
}

// articleEditForm is the editor's form filled from the article.
func (s *Server) articleEditForm(a news.Article) *Form {
	f := newForm(nil, articleFields...)
	f.Values.Set("unit_id", strconv.FormatInt(a.UnitID, 10))
	f.Values.Set("category", string(a.Category))
	f.Values.Set("title", a.Title)
	f.Values.Set("summary", a.Summary)
	f.Values.Set("body", a.Body)
	f.Values.Set("writer_unit", a.WriterUnit)
	f.Values.Set("author", a.Author)
	f.Values.Set("version", strconv.FormatInt(a.Version, 10))
	if !a.PublishAt.IsZero() {
		f.Values.Set("publish_at", fmtInstant(a.PublishAt))
	}
	return f
}

// Cache-Control of an image: a published article's is the same bytes
// for ever at its address (an image never changes, a new upload is a new
// id), so browsers and proxies keep it a year; a draft's is its writers'
// own, revalidated each time.
const (
	imagePublicCache  = "public, max-age=31536000, immutable"
	imagePrivateCache = "private, no-cache"
)

// newsImage serves an image's display size, or its thumbnail.
func (s *Server) newsImage(thumb bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		notFound := apperr.NotFoundf("Không tìm thấy ảnh", "image not found")
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			return notFound
		}
		_, a, f, err := s.deps.Store.ImageToServe(r.Context(), id, thumb)
		if err != nil {
			return err
		}
		cache := imagePublicCache
		if !a.Visible(s.deps.Now()) {
			sub := httpx.SubjectFrom(r.Context())
			if sub == nil {
				return notFound
			}
			tree, err := s.deps.Store.Tree(r.Context())
			if err != nil {
				return err
			}
			if news.CanWrite(sub, tree, s.deps.Policy, a.UnitID) != nil {
				return notFound
			}
			cache = imagePrivateCache
		}
		if s.deps.Files == nil {
			return apperr.New(apperr.Internal, "", "Chưa cấu hình nơi lưu tệp", "No file store is configured")
		}
		rc, err := s.deps.Files.Open(r.Context(), f.SHA256)
		if errors.Is(err, blob.ErrNotFound) {
			return fmt.Errorf("image %d: blob %s is missing", id, f.SHA256)
		}
		if err != nil {
			return err
		}
		defer rc.Close()
		h := w.Header()
		h.Set("Content-Type", f.ContentType)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		h.Set("Cache-Control", cache)
		h.Set("ETag", `"`+f.SHA256+`"`)
		http.ServeContent(w, r, "", f.UploadedAt, rc)
		return nil
	}
}
