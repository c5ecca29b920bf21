package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/fold"
	"congvu/internal/news"
)

// articleColumns are read by scanArticle; the lists leave the body out
// (listColumns) since a page of twenty summaries needs none.
const (
	articleColumns = "id, agency_id, unit_id, category, slug, title, summary, body, writer_unit, author, author_id, status, publish_at, published_at, views, version, created_at, updated_at, cover_image_id"
	listColumns    = "id, agency_id, unit_id, category, slug, title, summary, '', writer_unit, author, author_id, status, publish_at, published_at, views, version, created_at, updated_at, cover_image_id"
)

func scanArticle(sc interface{ Scan(...any) error }) (news.Article, error) {
	var a news.Article
	var cat, status string
	var publishAt, publishedAt sql.NullInt64
	var created, updated int64
	var cover sql.NullInt64
	err := sc.Scan(&a.ID, &a.AgencyID, &a.UnitID, &cat, &a.Slug, &a.Title, &a.Summary, &a.Body, &a.WriterUnit, &a.Author, &a.AuthorID,
		&status, &publishAt, &publishedAt, &a.Views, &a.Version, &created, &updated, &cover)
	a.CoverImageID = cover.Int64
	a.Category, a.Status = news.Category(cat), news.Status(status)
	if publishAt.Valid {
		a.PublishAt = FromMicro(publishAt.Int64)
	}
	if publishedAt.Valid {
		a.PublishedAt = FromMicro(publishedAt.Int64)
	}
	a.CreatedAt, a.UpdatedAt = FromMicro(created), FromMicro(updated)
	return a, err
}

func microOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return Micro(t)
}

func articleSearchText(d news.Draft) string {
	return fold.String(d.Title + " " + d.Summary + " " + news.PlainText(d.Body) + " " + d.WriterUnit + " " + d.Author)
}

func articleNotFound() error {
	return apperr.NotFoundf("Không tìm thấy bài viết", "article not found")
}

func articleChanged() error {
	return apperr.Conflictf("Bài viết đã được người khác thay đổi; hãy tải lại trang", "The article has changed; reload it")
}

// Article returns an article by id, whatever its state. Errors: apperr.NotFound.
func (db *DB) Article(ctx context.Context, id int64) (news.Article, error) {
	a, err := scanArticle(db.queryRow(ctx, "SELECT "+articleColumns+" FROM news_articles WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, articleNotFound()
	}
	return a, err
}

// PublicArticle returns the article at slug if the public sees it at now
// (published, its time reached). Errors: apperr.NotFound otherwise, so
// that a draft's address says nothing.
func (db *DB) PublicArticle(ctx context.Context, slug string, now time.Time) (news.Article, error) {
	a, err := scanArticle(db.queryRow(ctx, "SELECT "+articleColumns+" FROM news_articles WHERE slug = ? AND status = ? AND published_at <= ?",
		slug, string(news.StatusPublished), Micro(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return a, articleNotFound()
	}
	return a, err
}

// ArticleQuery selects a page of articles.
type ArticleQuery struct {
	Category news.Category // "" for every section
	Search   string        // folded and matched anywhere in the text
	Page     int           // from 1
	Offset   int           // when set, the rows skipped instead of Page's
	PerPage  int
	// Public lists what the public sees at Now, newest first; otherwise
	// AgencyID's articles in every state, last changed first.
	Public   bool
	Now      time.Time
	AgencyID int64
	Status   news.Status // staff lists: "" for every state
}

// Articles returns a page of articles without their bodies, and how many
// match in all.
func (db *DB) Articles(ctx context.Context, q ArticleQuery) ([]news.Article, int, error) {
	var where []string
	var args []any
	if q.Public {
		where = append(where, "status = ?", "published_at <= ?")
		args = append(args, string(news.StatusPublished), Micro(q.Now))
	} else {
		where = append(where, "agency_id = ?")
		args = append(args, q.AgencyID)
		if q.Status != "" {
			where = append(where, "status = ?")
			args = append(args, string(q.Status))
		}
	}
	if q.Category != "" {
		where = append(where, "category = ?")
		args = append(args, string(q.Category))
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		where = append(where, `search_text LIKE ? ESCAPE '\'`)
		args = append(args, likeFold(s))
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := db.queryRow(ctx, "SELECT COUNT(*) FROM news_articles"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count articles: %w", err)
	}
	if q.PerPage <= 0 {
		q.PerPage = 20
	}
	if q.Page < 1 {
		q.Page = 1
	}
	order := " ORDER BY published_at DESC, id DESC"
	if !q.Public {
		order = " ORDER BY updated_at DESC, id DESC"
	}
	offset := (q.Page - 1) * q.PerPage
	if q.Offset > 0 {
		offset = q.Offset
	}
	rows, err := db.query(ctx, "SELECT "+listColumns+" FROM news_articles"+cond+order+" LIMIT ? OFFSET ?",
		append(args, q.PerPage, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	out, err := collectRows(rows, scanArticle)
	return out, total, err
}

// CreateArticle stores a new draft of agencyID after checking it
// (news.Draft.Check) and authorize (news.CanWrite on its unit). Its slug
// is the title's, or the title's with the article's number when another
// article has it. Errors: apperr.Invalid, apperr.Forbidden; nothing is
// written on any.
func (db *DB) CreateArticle(ctx context.Context, actor audit.Actor, agencyID int64, d news.Draft, authorize func(news.Draft) error) (news.Article, error) {
	d, err := d.Check()
	if err != nil {
		return news.Article{}, err
	}
	if err := authorize(d); err != nil {
		return news.Article{}, err
	}
	var out news.Article
	err = db.InTx(ctx, func(tx *Tx) error {
		slug := news.Slug(d.Title)
		var taken int
		if err := tx.QueryRow("SELECT COUNT(*) FROM news_articles WHERE slug = ?", slug).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			slug = fmt.Sprintf("tmp-%d-%s", tx.Now.UnixNano(), slug)
		}
		id, err := tx.InsertID(`INSERT INTO news_articles (agency_id, unit_id, category, slug, title, summary, body, writer_unit, author, author_id, status, publish_at, views, search_text, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1, ?, ?)`,
			agencyID, d.UnitID, d.Category, slug, d.Title, d.Summary, d.Body, d.WriterUnit, d.Author, actor.PersonID, string(news.StatusDraft),
			microOrNull(d.PublishAt), articleSearchText(d), Micro(tx.Now), Micro(tx.Now))
		if err != nil {
			return fmt.Errorf("insert article: %w", err)
		}
		if taken > 0 {
			slug = news.SlugWithID(d.Title, id)
			if err := tx.Write("article slug", "UPDATE news_articles SET slug = ? WHERE id = ?", slug, id); err != nil {
				return err
			}
		}
		out = news.Article{ID: id, AgencyID: agencyID, UnitID: d.UnitID, Category: news.Category(d.Category), Title: d.Title, Slug: slug,
			Summary: d.Summary, Body: d.Body, WriterUnit: d.WriterUnit, Author: d.Author, AuthorID: actor.PersonID, Status: news.StatusDraft,
			PublishAt: d.PublishAt, Version: 1, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		return tx.AuditFor(agencyID, actor, "article", id, "create", map[string]any{"title": d.Title, "category": d.Category})
	})
	return out, err
}

// lockArticle reads an article under a lock of its row.
func lockArticle(tx *Tx, id int64) (news.Article, error) {
	a, err := scanArticle(tx.QueryRow("SELECT "+articleColumns+" FROM news_articles WHERE id = ?"+tx.ForUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, articleNotFound()
	}
	return a, err
}

// UpdateArticle replaces an article's text. version is the one the editor
// read (0: do not check). authorize decides with the locked article (and
// the new unit). A published article is refused (unpublish it first). Its
// address stays. Errors: apperr.Invalid, apperr.Forbidden,
// apperr.NotFound, apperr.Conflict; nothing is written on any.
func (db *DB) UpdateArticle(ctx context.Context, actor audit.Actor, id, version int64, d news.Draft, authorize func(old news.Article, d news.Draft) error) (news.Article, error) {
	d, err := d.Check()
	if err != nil {
		return news.Article{}, err
	}
	var out news.Article
	err = db.InTx(ctx, func(tx *Tx) error {
		a, err := lockArticle(tx, id)
		if err != nil {
			return err
		}
		if err := authorize(a, d); err != nil {
			return err
		}
		if version != 0 && version != a.Version {
			return articleChanged()
		}
		if !a.Status.Editable() {
			return apperr.Conflictf("Bài đang đăng trên cổng: hãy gỡ bài trước khi sửa", "The article is published: unpublish it before editing")
		}
		a.UnitID, a.Category, a.Title, a.Summary, a.Body, a.WriterUnit, a.Author, a.PublishAt =
			d.UnitID, news.Category(d.Category), d.Title, d.Summary, d.Body, d.WriterUnit, d.Author, d.PublishAt
		if err := tx.WriteOne(articleChanged(), "update article", `UPDATE news_articles SET unit_id = ?, category = ?, title = ?, summary = ?, body = ?, writer_unit = ?, author = ?,
			publish_at = ?, search_text = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
			a.UnitID, d.Category, a.Title, a.Summary, a.Body, a.WriterUnit, a.Author, microOrNull(a.PublishAt), articleSearchText(d), a.Version+1, Micro(tx.Now), id, a.Version); err != nil {
			return err
		}
		a.Version++
		a.UpdatedAt = tx.Now
		out = a
		return tx.AuditFor(a.AgencyID, actor, "article", id, "edit", map[string]any{"title": a.Title})
	})
	return out, err
}

// ArticleEvent takes a workflow action (news.Apply) on an article under a
// lock of its row; authorize decides with the locked article (news.CanAct).
// Errors: apperr.NotFound, apperr.Forbidden, apperr.Conflict.
func (db *DB) ArticleEvent(ctx context.Context, actor audit.Actor, id int64, e news.Event, authorize func(news.Article) error) (news.Article, error) {
	var out news.Article
	err := db.InTx(ctx, func(tx *Tx) error {
		a, err := lockArticle(tx, id)
		if err != nil {
			return err
		}
		if err := authorize(a); err != nil {
			return err
		}
		b, err := news.Apply(a, e, tx.Now)
		if err != nil {
			return err
		}
		if err := tx.WriteOne(articleChanged(), "article "+string(e), "UPDATE news_articles SET status = ?, published_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
			string(b.Status), microOrNull(b.PublishedAt), b.Version+1, Micro(tx.Now), id, a.Version); err != nil {
			return err
		}
		b.Version++
		out = b
		return tx.AuditFor(a.AgencyID, actor, "article", id, string(e), map[string]any{"status": string(b.Status)})
	})
	return out, err
}

// SeedArticle writes an article as it stands (the demo's history: its
// state, dates and views), bypassing the workflow.
func (db *DB) SeedArticle(ctx context.Context, a news.Article) (news.Article, error) {
	d := news.Draft{UnitID: a.UnitID, Category: string(a.Category), Title: a.Title, Summary: a.Summary, Body: a.Body, WriterUnit: a.WriterUnit, Author: a.Author}
	if a.Slug == "" {
		a.Slug = news.Slug(a.Title)
	}
	err := db.InTx(ctx, func(tx *Tx) error {
		id, err := tx.InsertID(`INSERT INTO news_articles (agency_id, unit_id, category, slug, title, summary, body, writer_unit, author, author_id, status, publish_at, published_at, views, search_text, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			a.AgencyID, a.UnitID, string(a.Category), a.Slug, a.Title, a.Summary, a.Body, a.WriterUnit, a.Author, a.AuthorID, string(a.Status),
			microOrNull(a.PublishAt), microOrNull(a.PublishedAt), a.Views, articleSearchText(d), Micro(a.CreatedAt), Micro(a.CreatedAt))
		a.ID = id
		tx.changed |= invNews // not journalled, but the public pages must see it
		return err
	})
	return a, err
}

// SetSiteVisits sets the site's total (the demo's history before congvu).
func (db *DB) SetSiteVisits(ctx context.Context, n int64) error {
	return db.InTx(ctx, func(tx *Tx) error {
		return tx.Write("site visits", `INSERT INTO site_counters (name, value) VALUES ('visits', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, n)
	})
}

// The counts (news.Sink).

// AddCounts adds a counter's delta in one transaction: views and visits
// are added to what is stored (so the flushes of several nodes add up,
// none overwrites another's), the visitors seen are kept with their last
// time, those older than the repeat window dropped, and the totals read
// back: the visitors of the last five minutes over every node, and the
// visits.
func (db *DB) AddCounts(ctx context.Context, d news.Delta, now time.Time) (news.Totals, error) {
	var t news.Totals
	err := db.InTx(ctx, func(tx *Tx) error {
		if len(d.Views) > 0 {
			tx.changed |= invNews // the stored views the public pages show
		}
		for id, n := range d.Views {
			if err := tx.Write("add views", "UPDATE news_articles SET views = views + ? WHERE id = ?", n, id); err != nil {
				return err
			}
		}
		if d.Visits > 0 {
			if err := tx.Write("add visits", `INSERT INTO site_counters (name, value) VALUES ('visits', ?)
				ON CONFLICT (name) DO UPDATE SET value = site_counters.value + excluded.value`, d.Visits); err != nil {
				return err
			}
			if err := tx.Write("add daily visits", `INSERT INTO site_visits_daily (day, visits) VALUES (?, ?)
				ON CONFLICT (day) DO UPDATE SET visits = site_visits_daily.visits + excluded.visits`, vnDay(now), d.Visits); err != nil {
				return err
			}
		}
		for v, at := range d.Seen {
			if err := tx.Write("visitor seen", `INSERT INTO site_presence (visitor, seen_at) VALUES (?, ?)
				ON CONFLICT (visitor) DO UPDATE SET seen_at = CASE WHEN excluded.seen_at > site_presence.seen_at THEN excluded.seen_at ELSE site_presence.seen_at END`,
				v[:], Micro(at)); err != nil {
				return err
			}
		}
		if err := tx.Write("forget visitors", "DELETE FROM site_presence WHERE seen_at < ?", Micro(now.Add(-news.RepeatWindow))); err != nil {
			return err
		}
		if err := tx.QueryRow("SELECT COUNT(*) FROM site_presence WHERE seen_at > ?", Micro(now.Add(-news.OnlineWindow))).Scan(&t.Online); err != nil {
			return fmt.Errorf("online: %w", err)
		}
		var visits sql.NullInt64
		if err := tx.QueryRow("SELECT MAX(value) FROM site_counters WHERE name = 'visits'").Scan(&visits); err != nil {
			return fmt.Errorf("visits: %w", err)
		}
		t.Visits = visits.Int64
		return nil
	})
	return t, err
}

func vnDay(t time.Time) string {
	return t.In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02")
}

// DailySalt returns the salt of day (YYYY-MM-DD), made by the first node
// that asks, and drops the salts of the days before: a visitor's hash of
// yesterday can no longer be made again.
func (db *DB) DailySalt(ctx context.Context, day string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	var salt []byte
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := tx.Write("new salt", "INSERT INTO site_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING", day, fresh); err != nil {
			return err
		}
		if err := tx.Write("old salts", "DELETE FROM site_salts WHERE day < ?", day); err != nil {
			return err
		}
		return tx.QueryRow("SELECT salt FROM site_salts WHERE day = ?", day).Scan(&salt)
	})
	return salt, err
}

// DailyVisits returns the visits per day from..to (YYYY-MM-DD).
func (db *DB) DailyVisits(ctx context.Context, from, to string) (map[string]int64, error) {
	rows, err := db.query(ctx, "SELECT day, visits FROM site_visits_daily WHERE day >= ? AND day <= ?", from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var d string
		var n int64
		if err := rows.Scan(&d, &n); err != nil {
			return nil, err
		}
		out[d] = n
	}
	return out, rows.Err()
}
