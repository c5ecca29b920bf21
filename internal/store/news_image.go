package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/file"
	"congvu/internal/news"
)

// The articles' images (news_images: migration 0049). Their two sizes
// are files of the file store, whose blobs are written before AddArticleImage.

const imageColumns = "i.id, i.article_id, i.display_file, i.thumb_file, i.alt, i.width, i.height, i.thumb_width, i.thumb_height, i.orig_width, i.orig_height, i.name, i.created_by, i.created_at"

func scanImage(sc interface{ Scan(...any) error }) (news.Image, error) {
	var i news.Image
	var at int64
	err := sc.Scan(&i.ID, &i.ArticleID, &i.DisplayFile, &i.ThumbFile, &i.Alt, &i.Width, &i.Height, &i.ThumbWidth, &i.ThumbHeight,
		&i.OrigWidth, &i.OrigHeight, &i.Name, &i.CreatedBy, &at)
	i.CreatedAt = FromMicro(at)
	return i, err
}

func imageNotFound() error {
	return apperr.NotFoundf("Không tìm thấy ảnh", "image not found")
}

// insertFile writes a file's row within tx, journalled as an upload.
func insertFile(tx *Tx, actor audit.Actor, f file.File) (file.File, error) {
	f.UploadedAt = tx.Now.Truncate(time.Microsecond)
	id, err := tx.InsertID(`INSERT INTO files (sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, f.SHA256, f.Name, f.Size, f.ContentType, f.AgencyID, f.UploadedBy, Micro(f.UploadedAt))
	if err != nil {
		return f, fmt.Errorf("insert file: %w", err)
	}
	f.ID = id
	return f, tx.Audit(actor, "file", id, "upload", map[string]any{"name": f.Name, "sha256": f.SHA256, "size": f.Size, "content_type": f.ContentType})
}

// AddArticleImage records an image of an article whose two sizes' blobs
// are stored already: their file rows, the image and, when cover is set,
// the article's cover, in one transaction journalled ("article", id,
// "add_image"). authorize decides with the locked article
// (news.CanEditImages). Errors: apperr.NotFound, apperr.Forbidden,
// apperr.Conflict; nothing is written on any.
func (db *DB) AddArticleImage(ctx context.Context, actor audit.Actor, articleID int64, img news.Image, display, thumb file.File,
	cover bool, authorize func(news.Article) error) (news.Image, error) {
	err := db.InTx(ctx, func(tx *Tx) error {
		a, err := lockArticle(tx, articleID)
		if err != nil {
			return err
		}
		if err := authorize(a); err != nil {
			return err
		}
		display.AgencyID, thumb.AgencyID = a.AgencyID, a.AgencyID
		if display, err = insertFile(tx, actor, display); err != nil {
			return err
		}
		if thumb, err = insertFile(tx, actor, thumb); err != nil {
			return err
		}
		img.ArticleID, img.DisplayFile, img.ThumbFile, img.CreatedBy = a.ID, display.ID, thumb.ID, actor.PersonID
		img.CreatedAt = tx.Now.Truncate(time.Microsecond)
		img.ID, err = tx.InsertID(`INSERT INTO news_images (article_id, display_file, thumb_file, alt, width, height, thumb_width, thumb_height, orig_width, orig_height, name, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, img.ArticleID, img.DisplayFile, img.ThumbFile, img.Alt, img.Width, img.Height,
			img.ThumbWidth, img.ThumbHeight, img.OrigWidth, img.OrigHeight, img.Name, img.CreatedBy, Micro(img.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert image: %w", err)
		}
		if cover {
			if err := setCover(tx, a, img.ID); err != nil {
				return err
			}
		}
		return tx.AuditFor(a.AgencyID, actor, "article", a.ID, "add_image", map[string]any{"image_id": img.ID, "alt": img.Alt,
			"name": img.Name, "width": img.OrigWidth, "height": img.OrigHeight, "cover": cover})
	})
	return img, err
}

func setCover(tx *Tx, a news.Article, imageID int64) error {
	var cover any
	if imageID != 0 {
		cover = imageID
	}
	return tx.WriteOne(articleChanged(), "article cover", "UPDATE news_articles SET cover_image_id = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
		cover, a.Version+1, Micro(tx.Now), a.ID, a.Version)
}

// SetArticleCover makes image (one of the article's; 0: none) the
// article's cover, journalled ("article", id, "set_cover"). authorize
// decides with the locked article (news.CanEditImages). Errors:
// apperr.NotFound, apperr.Forbidden, apperr.Conflict, apperr.Invalid for
// an image of another article.
func (db *DB) SetArticleCover(ctx context.Context, actor audit.Actor, articleID, imageID int64, authorize func(news.Article) error) (news.Article, error) {
	var out news.Article
	err := db.InTx(ctx, func(tx *Tx) error {
		a, err := lockArticle(tx, articleID)
		if err != nil {
			return err
		}
		if err := authorize(a); err != nil {
			return err
		}
		if imageID != 0 {
			var owner int64
			err := tx.QueryRow("SELECT article_id FROM news_images WHERE id = ?", imageID).Scan(&owner)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != a.ID) {
				return apperr.Invalidf("image_id", "Ảnh số %d không thuộc bài này", "Image %d is not one of this article's", imageID)
			}
			if err != nil {
				return fmt.Errorf("find image: %w", err)
			}
		}
		if err := setCover(tx, a, imageID); err != nil {
			return err
		}
		a.CoverImageID, a.Version, a.UpdatedAt = imageID, a.Version+1, tx.Now
		out = a
		return tx.AuditFor(a.AgencyID, actor, "article", a.ID, "set_cover", map[string]any{"image_id": imageID})
	})
	return out, err
}

// ArticleImages lists an article's images, oldest first.
func (db *DB) ArticleImages(ctx context.Context, articleID int64) ([]news.Image, error) {
	rows, err := db.query(ctx, "SELECT "+imageColumns+" FROM news_images i WHERE i.article_id = ? ORDER BY i.id", articleID)
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	return collectRows(rows, scanImage)
}

// ArticleImage returns one image. Errors: apperr.NotFound.
func (db *DB) ArticleImage(ctx context.Context, id int64) (news.Image, error) {
	i, err := scanImage(db.queryRow(ctx, "SELECT "+imageColumns+" FROM news_images i WHERE i.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return i, imageNotFound()
	}
	return i, err
}

// ImageToServe reads, in one query, an image with its article (without
// the body) and the file of the size asked for (the thumbnail when thumb
// is set), for its public address. Errors: apperr.NotFound.
func (db *DB) ImageToServe(ctx context.Context, id int64, thumb bool) (news.Image, news.Article, file.File, error) {
	col := "i.display_file"
	if thumb {
		col = "i.thumb_file"
	}
	var i news.Image
	var a news.Article
	var f file.File
	var status string
	var publishedAt sql.NullInt64
	var iat, fat int64
	err := db.queryRow(ctx, "SELECT i.id, i.article_id, i.alt, i.width, i.height, i.thumb_width, i.thumb_height, i.created_at, "+
		"a.agency_id, a.unit_id, a.slug, a.status, a.published_at, "+fileColumns+
		" FROM news_images i JOIN news_articles a ON a.id = i.article_id JOIN files f ON f.id = "+col+" WHERE i.id = ?", id).Scan(
		&i.ID, &i.ArticleID, &i.Alt, &i.Width, &i.Height, &i.ThumbWidth, &i.ThumbHeight, &iat,
		&a.AgencyID, &a.UnitID, &a.Slug, &status, &publishedAt,
		&f.ID, &f.SHA256, &f.Name, &f.Size, &f.ContentType, &f.AgencyID, &f.UploadedBy, &fat)
	if errors.Is(err, sql.ErrNoRows) {
		return i, a, f, imageNotFound()
	}
	if err != nil {
		return i, a, f, fmt.Errorf("image %d: %w", id, err)
	}
	a.ID, a.Status = i.ArticleID, news.Status(status)
	if publishedAt.Valid {
		a.PublishedAt = FromMicro(publishedAt.Int64)
	}
	i.CreatedAt, f.UploadedAt = FromMicro(iat), FromMicro(fat)
	return i, a, f, nil
}

// TopArticles are the agency's n published articles read most, by their
// stored views.
func (db *DB) TopArticles(ctx context.Context, agencyID int64, n int) ([]news.Article, error) {
	rows, err := db.query(ctx, "SELECT "+listColumns+" FROM news_articles WHERE agency_id = ? AND status = ? ORDER BY views DESC, id DESC LIMIT ?",
		agencyID, string(news.StatusPublished), n)
	if err != nil {
		return nil, fmt.Errorf("top articles: %w", err)
	}
	return collectRows(rows, scanArticle)
}

// SeedDailyVisits sets the visits of days (YYYY-MM-DD): the demo's
// history of the portal before congvu counted it.
func (db *DB) SeedDailyVisits(ctx context.Context, days map[string]int64) error {
	return db.InTx(ctx, func(tx *Tx) error {
		for d, n := range days {
			if err := tx.Write("seed daily visits", `INSERT INTO site_visits_daily (day, visits) VALUES (?, ?)
				ON CONFLICT (day) DO UPDATE SET visits = excluded.visits`, d, n); err != nil {
				return err
			}
		}
		return nil
	})
}
