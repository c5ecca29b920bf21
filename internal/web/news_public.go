package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/news"
	"congvu/internal/store"
)

// The portal's public news (issue #15): the list by section with search
// and pages, the article with its count, the RSS feed and the sitemap.
// Opening a page counts a visit, and an article page a view (news.Counter:
// no cookie, bots and reloads filtered); the footer shows the site's counts.

// newsPerPage keeps a list page far under 100 KB.
const newsPerPage = 20

// SiteStats are the footer's counts ("Trực tuyến: N / Đã truy cập: N").
type SiteStats struct{ Online, Visits int64 }

// CategoryLink is one section of the list's tabs.
type CategoryLink struct {
	Href, Label string
	Current     bool
}

// NewsListPage is /tin-tuc.
type NewsListPage struct {
	BasePage
	Category   news.Category
	Categories []CategoryLink
	Query      string
	Articles   []news.Article
	Total      int
	PageNo     int
	PrevURL    string
	NextURL    string
}

// NewsArticlePage is /tin-tuc/{slug}.
type NewsArticlePage struct {
	BasePage
	Article   news.Article
	Body      template.HTML // news.RenderMarkdown: escaped text and the tags it writes
	Views     int64
	Canonical string
	Summary   string
	Section   CategoryLink
	Cover     *news.Image // og:image, when the article has a cover
}

// countHit counts the request's visit (and the article's view) and puts
// the site's counts into the page's footer. A failure to count never
// fails the page: the reader came to read.
func (s *Server) countHit(r *http.Request, b *BasePage, article int64) {
	c := s.deps.NewsCounter()
	if s.countOff { // the benchmark's baseline (news_bench_test.go)
		t := c.Site()
		b.Site = &SiteStats{Online: t.Online, Visits: t.Visits}
		return
	}
	if _, err := c.Hit(r.Context(), s.deps.ClientIP(r), r.UserAgent(), article); err != nil && s.deps.Log != nil {
		s.deps.Log.Warn("count a view", "err", err)
	}
	t := c.Site()
	b.Site = &SiteStats{Online: t.Online, Visits: t.Visits}
}

// absURL is the public address of path (the site's base address).
func (s *Server) absURL(path string) string {
	return strings.TrimRight(s.deps.Config.BaseURL, "/") + path
}

func (s *Server) handleNewsList(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "news.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &NewsListPage{Query: strings.TrimSpace(q.Get("q")), PageNo: 1}
	if c := q.Get("chuyen-muc"); c != "" {
		if p.Category, err = news.ParseCategory("chuyen-muc", c); err != nil {
			return err
		}
		b.Title = p.Category.Label(b.Lang)
	}
	if v := q.Get("trang"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			return apperr.Invalidf("trang", "số trang không hợp lệ: %q", "invalid page number: %q", v)
		}
		p.PageNo = n
	}
	if _, err := apperr.Text("q", p.Query, 0, 200); err != nil {
		return err
	}
	read := func(ctx context.Context, e *publicEntry) error {
		e.list, e.total, err = s.deps.Store.Articles(ctx, store.ArticleQuery{Public: true, Now: s.deps.Now(),
			Category: p.Category, Search: p.Query, Page: p.PageNo, PerPage: newsPerPage})
		e.ident = listIdent(e.list, e.total)
		return err
	}
	var e *publicEntry
	if p.Query == "" && p.PageNo <= publicListPages {
		e, err = s.keptRead(r.Context(), publicKey{cat: p.Category, page: p.PageNo}, read)
	} else {
		e = &publicEntry{}
		err = read(r.Context(), e)
	}
	if err != nil {
		return err
	}
	p.Articles, p.Total = slices.Clone(e.list), e.total // the kept list is shared: the views are added to a copy
	link := func(cat news.Category, page int) string {
		v := url.Values{}
		if cat != "" {
			v.Set("chuyen-muc", string(cat))
		}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		if page > 1 {
			v.Set("trang", strconv.Itoa(page))
		}
		if len(v) == 0 {
			return "/tin-tuc"
		}
		return "/tin-tuc?" + v.Encode()
	}
	p.Categories = append(p.Categories, CategoryLink{Href: link("", 1), Label: b.T("news.all"), Current: p.Category == ""})
	for _, c := range news.Categories {
		p.Categories = append(p.Categories, CategoryLink{Href: link(c, 1), Label: c.Label(b.Lang), Current: p.Category == c})
	}
	if p.PageNo > 1 {
		p.PrevURL = link(p.Category, p.PageNo-1)
	}
	if p.PageNo*newsPerPage < p.Total {
		p.NextURL = link(p.Category, p.PageNo+1)
	}
	for i := range p.Articles {
		p.Articles[i].Views += s.deps.NewsCounter().PendingViews(p.Articles[i].ID)
	}
	b.Nav = s.publicNav(&b, "/tin-tuc")
	s.countHit(r, &b, 0)
	p.BasePage = b
	if keepable(&b, link(p.Category, p.PageNo)) && p.Query == "" && p.PageNo <= publicListPages {
		values := make([]int64, 0, len(p.Articles)+2)
		for _, a := range p.Articles {
			values = append(values, a.Views)
		}
		values = append(values, b.Site.Online, b.Site.Visits)
		n := len(p.Articles)
		if ok, err := s.keptPage(w, r, e, b.Lang, values, func(slot func(int) int64) (string, any) {
			kp := *p
			kp.Articles = slices.Clone(p.Articles)
			for i := range kp.Articles {
				kp.Articles[i].Views = slot(i)
			}
			kp.Site = &SiteStats{Online: slot(n), Visits: slot(n + 1)}
			return "news_list", &kp
		}); ok || err != nil {
			return err
		}
	}
	return s.renderPublic(w, r, "news_list", p, "no-cache")
}

func (s *Server) handleNewsArticle(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	e, err := s.keptRead(r.Context(), publicKey{slug: slug}, func(ctx context.Context, e *publicEntry) error {
		var err error
		if e.article, err = s.deps.Store.PublicArticle(ctx, slug, s.deps.Now()); err != nil {
			return err
		}
		e.ident = articleIdent(e.article)
		if e.article.CoverImageID != 0 {
			img, err := s.deps.Store.ArticleImage(ctx, e.article.CoverImageID)
			if err != nil {
				return err
			}
			e.cover = &img
		}
		return nil
	})
	if err != nil {
		return err
	}
	a := e.article
	b, err := s.base(w, r, "news.title")
	if err != nil {
		return err
	}
	b.Title = a.Title
	b.Nav = s.publicNav(&b, "/tin-tuc")
	s.countHit(r, &b, a.ID)
	summary := a.Summary
	if summary == "" {
		summary = news.PlainText(a.Body)
		if rs := []rune(summary); len(rs) > 200 {
			summary = string(rs[:200]) + "…"
		}
	}
	cover := e.cover
	page := func(b BasePage, views int64) *NewsArticlePage {
		return &NewsArticlePage{BasePage: b, Article: a, Body: s.articleHTML(a), Cover: cover,
			Views: views, Canonical: s.absURL("/tin-tuc/" + a.Slug), Summary: summary,
			Section: CategoryLink{Href: "/tin-tuc?chuyen-muc=" + string(a.Category), Label: a.Category.Label(b.Lang)}}
	}
	views := a.Views + s.deps.NewsCounter().PendingViews(a.ID)
	if keepable(&b, "/tin-tuc/"+a.Slug) {
		if ok, err := s.keptPage(w, r, e, b.Lang, []int64{views, b.Site.Online, b.Site.Visits}, func(slot func(int) int64) (string, any) {
			kb := b
			kb.Site = &SiteStats{Online: slot(1), Visits: slot(2)}
			return "news_article", page(kb, slot(0))
		}); ok || err != nil {
			return err
		}
	}
	return s.renderPublic(w, r, "news_article", page(b, views), "no-cache")
}

// publicNav is the portal's navigation: the news, the procedures, the
// transparency page, the lookup, and the
// staff's way in (their home once logged in).
func (s *Server) publicNav(b *BasePage, current string) []NavItem {
	items := []NavItem{{Href: "/tin-tuc", Label: b.T("news.title")}, {Href: "/thu-tuc", Label: b.T("portal.procedures")},
		{Href: "/cong-khai", Label: b.T("portal.transparency")}, {Href: "/tra-cuu", Label: b.T("nav.lookup")}}
	if b.User != nil {
		items = append(items, NavItem{Href: "/", Label: b.T("nav.home")})
	} else {
		items = append(items, NavItem{Href: "/login", Label: b.T("news.staff")})
	}
	for i := range items {
		items[i].Current = items[i].Href == current
	}
	return items
}

// renderPublic renders a public page with an ETag of its bytes, answering
// 304 when the browser has them. Article and list pages are "no-cache":
// the browser keeps them but asks each time, since each opening counts.
func (s *Server) renderPublic(w http.ResponseWriter, r *http.Request, name string, page any, cache string) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", page); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return writeCached(w, r, "text/html; charset=utf-8", cache, buf.Bytes())
}

// writeCached writes body with its ETag and Cache-Control, or 304.
func writeCached(w http.ResponseWriter, r *http.Request, contentType, cache string, body []byte) error {
	sum := sha256.Sum256(body)
	return writeTagged(w, r, contentType, cache, `"`+base64.RawURLEncoding.EncodeToString(sum[:12])+`"`, body)
}

// writeTagged is writeCached with the ETag given.
func writeTagged(w http.ResponseWriter, r *http.Request, contentType, cache, etag string, body []byte) error {
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", cache)
	h.Set("Vary", "Cookie, Accept-Language")
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, err := w.Write(body)
	return err
}

// The feed and the sitemap.

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Category    string `xml:"category"`
	Description string `xml:"description"`
}

// feedSize is the feed's latest articles.
const feedSize = 30

func (s *Server) handleNewsFeed(w http.ResponseWriter, r *http.Request) error {
	list, _, err := s.deps.Store.Articles(r.Context(), store.ArticleQuery{Public: true, Now: s.deps.Now(), PerPage: feedSize})
	if err != nil {
		return err
	}
	f := rssFeed{Version: "2.0", Channel: rssChannel{Title: T("vi", "news.feed.title"), Link: s.absURL("/tin-tuc"),
		Description: T("vi", "news.feed.desc"), Language: "vi"}}
	for _, a := range list {
		u := s.absURL("/tin-tuc/" + a.Slug)
		f.Channel.Items = append(f.Channel.Items, rssItem{Title: a.Title, Link: u, GUID: u, PubDate: a.PublishedAt.Format(time.RFC1123Z),
			Category: a.Category.Label("vi"), Description: a.Summary})
	}
	return writeXML(w, r, "application/rss+xml; charset=utf-8", f)
}

type sitemap struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapMax is the protocol's limit of addresses in one sitemap.
const sitemapMax = 50000

func (s *Server) handleSitemap(w http.ResponseWriter, r *http.Request) error {
	list, _, err := s.deps.Store.Articles(r.Context(), store.ArticleQuery{Public: true, Now: s.deps.Now(), PerPage: sitemapMax - 10})
	if err != nil {
		return err
	}
	m := sitemap{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	m.URLs = append(m.URLs, sitemapURL{Loc: s.absURL("/tin-tuc")}, sitemapURL{Loc: s.absURL("/tra-cuu")})
	for _, c := range news.Categories {
		m.URLs = append(m.URLs, sitemapURL{Loc: s.absURL("/tin-tuc?chuyen-muc=" + string(c))})
	}
	for _, a := range list {
		m.URLs = append(m.URLs, sitemapURL{Loc: s.absURL("/tin-tuc/" + a.Slug), LastMod: a.UpdatedAt.Format("2006-01-02")})
	}
	return writeXML(w, r, "application/xml; charset=utf-8", m)
}

func writeXML(w http.ResponseWriter, r *http.Request, contentType string, v any) error {
	body, err := xml.Marshal(v)
	if err != nil {
		return err
	}
	return writeCached(w, r, contentType, "public, max-age=300", append([]byte(xml.Header), body...))
}

// renderedBody is an article's body as HTML, for the version it was
// rendered from.
type renderedBody struct {
	version int64
	html    template.HTML
}

// articleHTML renders an article's Markdown once per version: a third of
// an article page's time was the renderer (BENCHMARKS.md). One entry per
// article, replaced when it changes.
func (s *Server) articleHTML(a news.Article) template.HTML {
	if v, ok := s.bodies.Load(a.ID); ok && v.(renderedBody).version == a.Version {
		return v.(renderedBody).html
	}
	h := template.HTML(news.RenderMarkdown(a.Body)) // #nosec: the renderer escapes all text and writes only its own tags
	s.bodies.Store(a.ID, renderedBody{version: a.Version, html: h})
	return h
}
