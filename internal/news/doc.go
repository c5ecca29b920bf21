// Package news is the agency portal's news (tin bài): the categories, an
// article with its title, summary, Markdown body, writing unit and author,
// the editorial workflow (draft → submitted → published → unpublished),
// scheduled publishing, Vietnamese slugs, the safe Markdown renderer, and
// the cookieless view and visitor counts shown on every public page
// ("Số lượt xem", "Trực tuyến", "Đã truy cập").
//
// The package is pure of HTTP and SQL: the store keeps articles and the
// counts' totals (a Sink), the web and api packages serve them. Errors are
// *apperr.Error: Invalid (400) naming the field, Forbidden (403) saying who
// may act, Conflict (409) naming the state and the actions allowed in it.
package news
