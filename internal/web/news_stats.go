package web

import (
	"html/template"
	"net/http"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/news"
	"congvu/internal/web/chart"
)

// The portal's statistics (/articles/stats): the visits of each day of
// the last 30 or 90 days (site_visits_daily, which the counter's flushes
// add to) and the most-read articles (their stored views), as SVG charts
// drawn on the server, each with its table. For the agency's leadership,
// who publish, and its administrator (news.PermStats).

// topArticles is how many of the most-read articles the page shows.
const topArticles = 10

// ArticleStatsPage is /articles/stats.
type ArticleStatsPage struct {
	BasePage
	Days        int
	Periods     []int
	Visits      []DayVisits
	Total       int64
	VisitsChart template.HTML
	Top         []TopArticle
	TopChart    template.HTML
}

// TopArticle is one of the most-read articles with its rank (from 1).
type TopArticle struct {
	Rank int
	news.Article
}

// DayVisits is one day's visits.
type DayVisits struct {
	Day    time.Time
	Visits int64
}

func (s *Server) handleArticleStats(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "articles.stats")
	if err != nil {
		return err
	}
	if err := news.CanSeeStats(b.User, b.tree, s.deps.Policy, b.User.AgencyID); err != nil {
		return err
	}
	p := &ArticleStatsPage{Days: 30, Periods: []int{30, 90}}
	switch v := r.URL.Query().Get("days"); v {
	case "", "30":
	case "90":
		p.Days = 90
	default:
		return apperr.Invalidf("days", "Khoảng thời gian không hợp lệ: %q (30 hoặc 90 ngày)", "Invalid period: %q (30 or 90 days)", v)
	}
	now := s.deps.Now().In(calendar.VN)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, calendar.VN)
	from := today.AddDate(0, 0, -(p.Days - 1))
	daily, err := s.deps.Store.DailyVisits(r.Context(), from.Format("2006-01-02"), today.Format("2006-01-02"))
	if err != nil {
		return err
	}
	// Today's visits not yet flushed are the counter's: added, so that the
	// page agrees with the footer's total.
	pending := s.deps.NewsCounter().PendingVisits()
	labels := make([]string, 0, p.Days)
	values := make([]float64, 0, p.Days)
	for d := from; !d.After(today); d = d.AddDate(0, 0, 1) {
		n := daily[d.Format("2006-01-02")]
		if d.Equal(today) {
			n += pending
		}
		p.Visits = append(p.Visits, DayVisits{Day: d, Visits: n})
		p.Total += n
		label := ""
		if i := len(labels); i%7 == 0 || d.Equal(today) && p.Days <= 30 {
			label = d.Format("02/01")
		}
		labels = append(labels, label)
		values = append(values, float64(n))
	}
	p.VisitsChart = template.HTML(chart.Line{Title: b.T("stats.news.visits.chart", p.Days), Desc: b.T("stats.news.visits.desc"),
		XLabels: labels, Series: []chart.Series{{Name: b.T("news.visits"), Values: values}},
		YFormat: func(v float64) string { return fmtNum(int64(v)) }}.SVG())

	top, err := s.deps.Store.TopArticles(r.Context(), b.User.AgencyID, topArticles)
	if err != nil {
		return err
	}
	var ranks []string
	var views []int
	for i, a := range top {
		a.Views += s.deps.NewsCounter().PendingViews(a.ID)
		p.Top = append(p.Top, TopArticle{Rank: i + 1, Article: a})
		ranks = append(ranks, fmtNum(i+1))
		views = append(views, int(a.Views))
	}
	p.TopChart = template.HTML(chart.Bars{Title: b.T("stats.news.top.chart"), Desc: b.T("stats.news.top.desc"), Labels: ranks,
		Stacks: []chart.Stack{{Name: b.T("news.views"), Values: views}}}.SVG())
	p.BasePage = b
	return s.render(w, http.StatusOK, "article_stats", p)
}
