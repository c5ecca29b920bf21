package httpx

import (
	"context"
	"time"

	"congvu/internal/audit"
	"congvu/internal/file"
	"congvu/internal/news"
	"congvu/internal/store"
)

// NewsStore is what the portal's news pages and API need (store/news.go).
type NewsStore interface {
	news.Sink
	Article(ctx context.Context, id int64) (news.Article, error)
	PublicArticle(ctx context.Context, slug string, now time.Time) (news.Article, error)
	Articles(ctx context.Context, q store.ArticleQuery) ([]news.Article, int, error)
	CreateArticle(ctx context.Context, actor audit.Actor, agencyID int64, d news.Draft, authorize func(news.Draft) error) (news.Article, error)
	UpdateArticle(ctx context.Context, actor audit.Actor, id, version int64, d news.Draft, authorize func(old news.Article, d news.Draft) error) (news.Article, error)
	ArticleEvent(ctx context.Context, actor audit.Actor, id int64, e news.Event, authorize func(news.Article) error) (news.Article, error)
	// The articles' images (store/news_image.go).
	AddArticleImage(ctx context.Context, actor audit.Actor, articleID int64, img news.Image, display, thumb file.File,
		cover bool, authorize func(news.Article) error) (news.Image, error)
	SetArticleCover(ctx context.Context, actor audit.Actor, articleID, imageID int64, authorize func(news.Article) error) (news.Article, error)
	ArticleImages(ctx context.Context, articleID int64) ([]news.Image, error)
	ArticleImage(ctx context.Context, id int64) (news.Image, error)
	ImageToServe(ctx context.Context, id int64, thumb bool) (news.Image, news.Article, file.File, error)
	// The portal's statistics.
	TopArticles(ctx context.Context, agencyID int64, n int) ([]news.Article, error)
	DailyVisits(ctx context.Context, from, to string) (map[string]int64, error)
}

// NewsCounter returns the deps' counter of views and visits, or a new one
// over the store when none was given (a test's server; the binary's
// serve command makes one, runs its flushes and flushes it on stop).
func (d *Deps) NewsCounter() *news.Counter {
	if d.Counter == nil && d.Store != nil { // a server without a store only describes itself (the OpenAPI document)
		now := d.Now
		if now == nil {
			now = time.Now
		}
		d.Counter = news.NewCounter(d.Store, now)
		// The stored totals, so that the first page shows them: an empty
		// flush reads them back. A store that fails here fails the first
		// page's count too, which logs it.
		_ = d.Counter.Flush(context.Background())
	}
	return d.Counter
}
