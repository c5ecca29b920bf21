package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/news"
	"congvu/internal/store"
)

// The portal's news (issue #15): the public list and article with their
// view counts (reading them here is not a view: only opening the page
// counts), the site's counts, and the editors' writes and workflow.

// Grants of the news routes, as news.RegisterPolicy states them.
const newsWriteGrants = "official head deputy_head: subtree; director deputy_director: agency"

func (s *Server) newsRoutes() []route {
	write := access.May("news.write", newsWriteGrants)
	return []route{
		{Method: "GET", Pattern: "/api/v1/public/articles", ID: "listPublicArticles", Tag: "public",
			Access:  access.Public(),
			Summary: "The portal's published articles, newest first, without a credential: each with its slug, the url of its page and its view count. Reading this list counts no view.",
			Query: append([]param{
				{"category", "string", "one section: tin-tuc-su-kien, thong-bao, van-ban-chi-dao, dau-tu-cong, cai-cach-hanh-chinh"},
				{"q", "string", "search in titles, summaries and bodies, diacritic-insensitive"},
			}, pageParams...),
			Response: []publicArticleResponse{}, Status: http.StatusOK, Handle: s.handlePublicArticles},
		{Method: "GET", Pattern: "/api/v1/public/articles/{slug}", ID: "getPublicArticle", Tag: "public",
			Access:   access.Public(),
			Summary:  "One published article by its slug, with its body (Markdown, and the sanitised HTML the page shows) and its view count; a draft, a scheduled or an unpublished article is 404. Reading it here counts no view: opening its page does.",
			Response: publicArticleResponse{}, Status: http.StatusOK, Handle: s.handlePublicArticle},
		{Method: "GET", Pattern: "/api/v1/public/site-stats", ID: "getSiteStats", Tag: "public",
			Access:   access.Public(),
			Summary:  "The site's counts: visitors online now (distinct in the last five minutes) and the total of visits, as the footer of the portal shows them.",
			Response: siteStatsResponse{}, Status: http.StatusOK, Handle: s.handleSiteStats},
		{Method: "POST", Pattern: "/api/v1/articles", ID: "createArticle", Tag: "articles",
			Access:  write.Note("the target is the writing unit in the body"),
			Summary: "Write a draft article for a unit (its officials and heads, or the agency's directors). Every image needs its description: ![mô tả](địa chỉ).",
			Request: articleRequest{}, Response: articleResponse{}, Status: http.StatusCreated, Handle: s.handleArticleCreate},
		{Method: "PUT", Pattern: "/api/v1/articles/{id}", ID: "updateArticle", Tag: "articles",
			Access:  write.Note("a draft of the own unit"),
			Summary: "Replace an article's text (not while it is published: 409; unpublish first). With version, a stale one is 409.",
			Request: articleRequest{}, Response: articleResponse{}, Status: http.StatusOK, Handle: s.handleArticleUpdate},
		{Method: "POST", Pattern: "/api/v1/articles/{id}/events", ID: "articleEvent", Tag: "articles",
			Access:  write.Note("checked with submit of a fresh draft; publish and unpublish need news.publish (director deputy_director: agency), news.CanAct"),
			Summary: "A workflow action: submit (the writers), publish and unpublish (the editor-in-chief: the agency's directors). Publishing an article with a later publish_at shows it from then.",
			Request: articleEventRequest{}, Response: articleResponse{}, Status: http.StatusOK, Handle: s.handleArticleEvent},
	}
}

type publicArticleResponse struct {
	ID            int64          `json:"id"`
	Slug          string         `json:"slug"`
	URL           string         `json:"url" doc:"the address of the article's page"`
	Title         string         `json:"title"`
	Summary       string         `json:"summary"`
	Category      string         `json:"category"`
	CategoryLabel bilingualLabel `json:"category_label"`
	WriterUnit    string         `json:"writer_unit" doc:"the byline's unit as printed, e.g. Phòng KGVX."`
	Author        string         `json:"author"`
	PublishedAt   string         `json:"published_at" api:"format=date-time"`
	Views         int64          `json:"views" doc:"Số lượt xem: the page's openings, bots and reloads within 30 minutes left out"`
	CoverThumbURL *string        `json:"cover_thumbnail_url" doc:"the 400-pixel thumbnail of the article's cover; null when it has none"`
	CoverURL      *string        `json:"cover_url" doc:"the cover at the page's display size (og:image); null when it has none"`
	Body          *string        `json:"body,omitempty" doc:"the single article only: Markdown"`
	BodyHTML      *string        `json:"body_html,omitempty" doc:"the single article only: the sanitised HTML the page shows"`
}

type siteStatsResponse struct {
	Online      int64 `json:"online" doc:"Trực tuyến: distinct visitors in the last five minutes"`
	TotalVisits int64 `json:"total_visits" doc:"Đã truy cập: visits since the site opened"`
}

type articleResponse struct {
	ID          int64          `json:"id"`
	Slug        string         `json:"slug"`
	URL         string         `json:"url"`
	UnitID      int64          `json:"unit_id"`
	Category    string         `json:"category"`
	Title       string         `json:"title"`
	Summary     string         `json:"summary"`
	Body        string         `json:"body"`
	WriterUnit  string         `json:"writer_unit"`
	Author      string         `json:"author"`
	Status      string         `json:"status" api:"enum=draft|submitted|published|unpublished"`
	StatusLabel bilingualLabel `json:"status_label"`
	PublishAt   *string        `json:"publish_at" api:"format=date-time"`
	PublishedAt *string        `json:"published_at" api:"format=date-time"`
	Views       int64          `json:"views"`
	Version     int64          `json:"version"`
	CoverImage  int64          `json:"cover_image_id" doc:"the cover among the article's images (PUT /api/v1/articles/{id}/cover); 0 for none"`
}

// articleRequest is the body of POST and PUT /api/v1/articles.
type articleRequest struct {
	UnitID     int64  `json:"unit_id" api:"required" doc:"the unit the article is written for"`
	Category   string `json:"category" api:"required,enum=tin-tuc-su-kien|thong-bao|van-ban-chi-dao|dau-tu-cong|cai-cach-hanh-chinh"`
	Title      string `json:"title" api:"required,min=5,max=300"`
	Summary    string `json:"summary" api:"max=1000"`
	Body       string `json:"body" api:"required" doc:"Markdown: ## sections, **bold**, *italic*, - lists, [links](https://…), ![description](image address)"`
	WriterUnit string `json:"writer_unit" api:"required,max=120" doc:"e.g. Phòng KGVX."`
	Author     string `json:"author" api:"max=120"`
	PublishAt  string `json:"publish_at" api:"format=date-time" doc:"scheduled publishing: shown from this time once published"`
	Version    int64  `json:"version" doc:"PUT: the version read; a stale one is 409"`

	publishAt time.Time
}

// Validate checks the request's shape; news.Draft.Check the rest.
func (q *articleRequest) Validate() error {
	if err := requireID("unit_id", q.UnitID); err != nil {
		return err
	}
	if q.PublishAt != "" {
		t, err := time.Parse(time.RFC3339, q.PublishAt)
		if err != nil {
			return apperr.Invalidf("publish_at", "publish_at phải là thời điểm RFC 3339, ví dụ 2026-12-03T08:00:00+07:00", "publish_at must be an RFC 3339 instant, e.g. 2026-12-03T08:00:00+07:00")
		}
		q.publishAt = t
	}
	_, err := q.draft().Check()
	return err
}

func (q articleRequest) draft() news.Draft {
	return news.Draft{UnitID: q.UnitID, Category: q.Category, Title: q.Title, Summary: q.Summary, Body: q.Body,
		WriterUnit: q.WriterUnit, Author: q.Author, PublishAt: q.publishAt}
}

type articleEventRequest struct {
	Action string `json:"action" api:"required,enum=submit|publish|unpublish"`
}

// Validate checks the action.
func (q *articleEventRequest) Validate() error {
	_, err := news.ParseEvent("action", q.Action)
	return err
}

func (s *Server) articleURL(slug string) string {
	return strings.TrimRight(s.deps.Config.BaseURL, "/") + "/tin-tuc/" + slug
}

func (s *Server) toPublicArticle(a news.Article, full bool) publicArticleResponse {
	out := publicArticleResponse{ID: a.ID, Slug: a.Slug, URL: s.articleURL(a.Slug), Title: a.Title, Summary: a.Summary,
		Category: string(a.Category), CategoryLabel: bilingualLabel{VI: a.Category.Label("vi"), EN: a.Category.Label("en")},
		WriterUnit: a.WriterUnit, Author: a.Author, PublishedAt: instant(a.PublishedAt),
		Views: a.Views + s.deps.NewsCounter().PendingViews(a.ID)}
	if a.CoverImageID != 0 {
		img := news.Image{ID: a.CoverImageID}
		thumb, disp := s.absolute(img.ThumbURL()), s.absolute(img.URL())
		out.CoverThumbURL, out.CoverURL = &thumb, &disp
	}
	if full {
		html := news.RenderMarkdown(a.Body)
		out.Body, out.BodyHTML = &a.Body, &html
	}
	return out
}

func (s *Server) toArticle(a news.Article) articleResponse {
	out := articleResponse{ID: a.ID, Slug: a.Slug, URL: s.articleURL(a.Slug), UnitID: a.UnitID, Category: string(a.Category), Title: a.Title,
		Summary: a.Summary, Body: a.Body, WriterUnit: a.WriterUnit, Author: a.Author, Status: string(a.Status),
		StatusLabel: bilingualLabel{VI: a.Status.Label("vi"), EN: a.Status.Label("en")}, Views: a.Views + s.deps.NewsCounter().PendingViews(a.ID), Version: a.Version, CoverImage: a.CoverImageID}
	if !a.PublishAt.IsZero() {
		v := instant(a.PublishAt)
		out.PublishAt = &v
	}
	if !a.PublishedAt.IsZero() {
		v := instant(a.PublishedAt)
		out.PublishedAt = &v
	}
	return out
}

func (s *Server) handlePublicArticles(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	q := store.ArticleQuery{Public: true, Now: s.deps.Now(), PerPage: pg.limit, Offset: pg.offset}
	if c := r.URL.Query().Get("category"); c != "" {
		if q.Category, err = news.ParseCategory("category", c); err != nil {
			return err
		}
	}
	if q.Search, err = apperr.Text("q", r.URL.Query().Get("q"), 0, 200); err != nil {
		return err
	}
	list, _, err := s.deps.Store.Articles(r.Context(), q)
	if err != nil {
		return err
	}
	out := make([]publicArticleResponse, 0, len(list))
	for _, a := range list {
		out = append(out, s.toPublicArticle(a, false))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePublicArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.deps.Store.PublicArticle(r.Context(), r.PathValue("slug"), s.deps.Now())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.toPublicArticle(a, true))
}

func (s *Server) handleSiteStats(w http.ResponseWriter, r *http.Request) error {
	t := s.deps.NewsCounter().Site()
	return writeJSON(w, http.StatusOK, siteStatsResponse{Online: t.Online, TotalVisits: t.Visits})
}

func (s *Server) handleArticleCreate(w http.ResponseWriter, r *http.Request) error {
	var q articleRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	u, err := knownUnit(t, "unit_id", q.UnitID)
	if err != nil {
		return err
	}
	a, err := s.deps.Store.CreateArticle(r.Context(), actorOf(subj), u.AgencyID, q.draft(), func(d news.Draft) error {
		return news.CanWrite(subj, t, s.deps.Policy, d.UnitID)
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/articles/"+strconv.FormatInt(a.ID, 10))
	return writeJSON(w, http.StatusCreated, s.toArticle(a))
}

// articleOf reads the path's article for its editors: another agency's
// (or one the caller has no role near) is 404, one of a unit the caller
// does not write for 403.
func (s *Server) articleOf(r *http.Request) (news.Article, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Article{}, apperr.NotFoundf("Không tìm thấy bài viết", "article not found")
	}
	return s.deps.Store.Article(r.Context(), id)
}

func (s *Server) handleArticleUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.articleOf(r)
	if err != nil {
		return err
	}
	var q articleRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	if _, err := knownUnit(t, "unit_id", q.UnitID); err != nil {
		return err
	}
	a, err := s.deps.Store.UpdateArticle(r.Context(), actorOf(subj), old.ID, q.Version, q.draft(), func(old news.Article, d news.Draft) error {
		if err := news.CanWrite(subj, t, s.deps.Policy, old.UnitID); err != nil {
			return err
		}
		if !t.SameAgency(d.UnitID, old.AgencyID) {
			return apperr.Invalidf("unit_id", "đơn vị viết bài phải thuộc cơ quan của bài", "the writing unit must belong to the article's agency")
		}
		return news.CanWrite(subj, t, s.deps.Policy, d.UnitID)
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.toArticle(a))
}

func (s *Server) handleArticleEvent(w http.ResponseWriter, r *http.Request) error {
	old, err := s.articleOf(r)
	if err != nil {
		return err
	}
	var q articleEventRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	e := news.Event(q.Action)
	a, err := s.deps.Store.ArticleEvent(r.Context(), actorOf(subj), old.ID, e, func(a news.Article) error {
		return news.CanAct(subj, t, s.deps.Policy, a, e)
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.toArticle(a))
}
