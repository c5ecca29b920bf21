package web

import "congvu/internal/access"

// Grants of the news pages, as news.RegisterPolicy states them.
const (
	newsWriteGrants = "official head deputy_head: subtree; director deputy_director: agency"
	newsWriters     = "official head deputy_head director deputy_director: home"
	newsStatsGrants = "director deputy_director admin: home"
)

// newsPages are the portal's public news and the editorial pages.
func (s *Server) newsPages() []page {
	write := access.May("news.write", newsWriteGrants)
	return []page{
		{"GET", "/tin-tuc", access.Public(), s.handleNewsList},
		{"GET", "/tin-tuc/rss.xml", access.Public(), s.handleNewsFeed},
		{"GET", "/tin-tuc/{slug}", access.Public(), s.handleNewsArticle},
		{"GET", "/sitemap.xml", access.Public(), s.handleSitemap},
		{"GET", "/tin-tuc/anh/{id}", access.Public().Note("an image of a published article; a draft's only to its writers (news.write), to others 404"), s.newsImage(false)},
		{"GET", "/tin-tuc/anh/{id}/nho", access.Public().Note("its thumbnail, as the image"), s.newsImage(true)},

		{"GET", "/articles", access.May("news.write", newsWriters).Note("the articles of the user's agency"), s.handleArticles},
		{"GET", "/articles/new", access.May("news.write", newsWriters), s.handleArticleNew},
		{"POST", "/articles", write.Note("the target is the writing unit in the form"), s.handleArticleCreate},
		{"GET", "/articles/{id}", write.Note("the article's writing unit; another agency's is 404"), s.handleArticleEdit},
		{"POST", "/articles/{id}", write.Note("a draft of the own unit"), s.handleArticleUpdate},
		{"POST", "/articles/{id}/images", write.Note("while the article is not published (news.CanEditImages)"), s.handleArticleImageUpload},
		{"POST", "/articles/{id}/images/{image}/insert", write.Note("a draft of the own unit: saves the form with the image's Markdown added"), s.handleArticleImageInsert},
		{"POST", "/articles/{id}/cover", write.Note("while the article is not published (news.CanEditImages)"), s.handleArticleCover},
		{"GET", "/articles/stats", access.May("news.stats", newsStatsGrants), s.handleArticleStats},
		{"POST", "/articles/{id}/events", write.Note("checked with submit of a fresh draft; publish and unpublish need news.publish (director deputy_director: agency), news.CanAct"), s.handleArticleEvent},
	}
}
