package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"congvu/internal/news"
	"congvu/internal/store"
)

// The portal's news of the demo (issue #15): about two hundred articles
// over the two years before now, in every section, with view counts that
// fall off with age as a portal's do, and the article of the seed's page:
// the address of Chi bộ 2, 26/11/2021 12:46, "Phòng KGVX.", 363 views, on a
// site visited 65,103,541 times.

// SeedVisits is the site's total on the seed's page.
const SeedVisits = 65103541

// SeedArticleTitle is the title of the seed's article in the demo.
const SeedArticleTitle = "Chi bộ 2 tham luận: làm việc có chương trình, kế hoạch cụ thể gắn với kiểm tra, tổng kết, rút kinh nghiệm"

// NewsStats is what SeedNews made.
type NewsStats struct{ Articles int }

var newsTopics = map[news.Category][]string{
	news.CatEvents: {"Hội nghị sơ kết công tác %s", "Đoàn công tác của Sở làm việc tại %s", "Tập huấn nghiệp vụ %s cho cán bộ",
		"Hội nghị triển khai nhiệm vụ %s", "Lễ ký kết chương trình phối hợp về %s"},
	news.CatNotices: {"Thông báo lịch tiếp công dân %s", "Thông báo tuyển dụng công chức %s", "Thông báo kết quả lựa chọn nhà thầu %s",
		"Thông báo nghỉ lễ và bố trí trực %s"},
	news.CatDirectives: {"Triển khai Chỉ thị về %s", "Kế hoạch thực hiện Nghị quyết về %s", "Hướng dẫn thực hiện %s"},
	news.CatInvestment: {"Tiến độ giải ngân vốn đầu tư công %s", "Kế hoạch đầu tư công trung hạn: %s", "Giám sát, đánh giá đầu tư %s",
		"Tháo gỡ vướng mắc giải phóng mặt bằng %s"},
	news.CatReform: {"Cải cách hành chính: %s", "Chuyển đổi số trong giải quyết thủ tục hành chính %s", "Nâng cao chỉ số hài lòng %s",
		"Một cửa liên thông: %s"},
}

var newsSubjects = []string{"quý I", "quý II", "6 tháng đầu năm", "quý III", "năm", "tháng cao điểm", "các dự án trọng điểm",
	"khu vực phía Nam tỉnh", "huyện Gia Bình", "thị xã Quế Võ", "thành phố Bắc Ninh", "lĩnh vực đầu tư", "lĩnh vực đấu thầu",
	"đăng ký kinh doanh", "các xã, phường", "doanh nghiệp nhỏ và vừa"}

// SeedNews writes the demo's articles into the agency's portal and the
// site's total of visits. It does nothing when articles exist.
func SeedNews(ctx context.Context, db *store.DB, now time.Time) (NewsStats, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return NewsStats{}, err
	}
	var agency, kgvx int64
	for _, u := range tree.Units() {
		if u.Name == "Sở Tài chính tỉnh Bắc Ninh" && u.Current() {
			agency = u.ID
		}
	}
	for _, u := range tree.Units() {
		if u.Name == "Phòng Khoa giáo – Văn xã" && u.Current() && tree.Within(u.ID, agency) {
			kgvx = u.ID
		}
	}
	if agency == 0 || kgvx == 0 {
		return NewsStats{}, fmt.Errorf("demo news: run demo.Seed first")
	}
	if _, n, err := db.Articles(ctx, store.ArticleQuery{AgencyID: agency, PerPage: 1}); err != nil || n > 0 {
		return NewsStats{}, err
	}
	vn := time.FixedZone("ICT", 7*3600)
	seed := news.Article{AgencyID: agency, UnitID: kgvx, Category: news.CatEvents, Title: SeedArticleTitle,
		Summary: "Tham luận của Chi bộ 2 về phương pháp làm việc: có chương trình, kế hoạch cụ thể, chi tiết, gắn với kiểm tra, tổng kết, rút kinh nghiệm.",
		Body: "Làm việc phải có chương trình, kế hoạch cụ thể, chi tiết … gắn với kiểm tra, tổng kết, rút kinh nghiệm … để nắm được chất lượng, " +
			"tiến độ công việc … đồng thời phát hiện những khó khăn, vướng mắc cần được giải quyết.\n\n" +
			"## Những việc cần làm\n- Thực hiện nghiêm Chỉ thị 09/CT-UBND ngày 27/9/2016 của Chủ tịch UBND tỉnh về kỷ luật, kỷ cương hành chính.\n" +
			"- Hưởng ứng phong trào thi đua xây dựng văn hóa công sở giai đoạn 2019–2025 (Quyết định 733/QĐ-TTg ngày 14/6/2019).\n" +
			"- Tham mưu đúng Luật Đấu thầu, Luật Đầu tư công và kế hoạch phát triển kinh tế – xã hội của tỉnh.",
		WriterUnit: "Phòng KGVX.", Status: news.StatusPublished, PublishedAt: time.Date(2021, 11, 26, 12, 46, 0, 0, vn), Views: 363}
	seed.CreatedAt = seed.PublishedAt
	if _, err := db.SeedArticle(ctx, seed); err != nil {
		return NewsStats{}, fmt.Errorf("demo news: %w", err)
	}
	st := NewsStats{Articles: 1}
	r := rand.New(rand.NewPCG(15, 2021))
	units := []string{"Phòng KGVX.", "Văn phòng Sở.", "Phòng Tổng hợp – Quy hoạch.", "Phòng Đấu thầu – TĐ&GSĐT.", "Phòng Kinh tế ngành.", "Phòng ĐKKD."}
	authors := []string{"Nguyễn Thị Minh Nguyệt", "Trần Văn Hùng", "Lê Thu Trang", "Phạm Quốc Huy", ""}
	const n = 199
	start := now.AddDate(-2, 0, 0)
	span := now.Sub(start)
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(float64(span) * (float64(i) + r.Float64()) / n)).In(vn)
		at = time.Date(at.Year(), at.Month(), at.Day(), 7+r.IntN(10), r.IntN(60), 0, 0, vn)
		cat := news.Categories[r.IntN(len(news.Categories))]
		topics := newsTopics[cat]
		subject := newsSubjects[r.IntN(len(newsSubjects))]
		title := fmt.Sprintf(topics[r.IntN(len(topics))], subject) + fmt.Sprintf(" năm %d", at.Year())
		for seen[title] {
			title += " (tiếp theo)"
		}
		seen[title] = true
		// Views: a reader share falling off with age over the first months,
		// then a slow tail; log-normal around it, as portals see.
		ageDays := now.Sub(at).Hours() / 24
		base := 120 + 900*(1-math.Exp(-ageDays/45))
		views := int64(base * math.Exp(r.NormFloat64()*0.6))
		a := news.Article{AgencyID: agency, UnitID: kgvx, Category: cat, Title: title,
			Summary: fmt.Sprintf("%s, %s.", strings.TrimSuffix(title, fmt.Sprintf(" năm %d", at.Year())), at.Format("02/01/2006")),
			Body: fmt.Sprintf("Ngày %s, %s.\n\n## Nội dung chính\n- Đánh giá kết quả thực hiện %s.\n- Chỉ ra khó khăn, vướng mắc và giải pháp tháo gỡ.\n- Phân công nhiệm vụ cụ thể cho từng phòng, đơn vị.\n\nCác đơn vị được giao nhiệm vụ khẩn trương triển khai, báo cáo kết quả về Văn phòng Sở để tổng hợp.",
				at.Format("02/01/2006"), lowerFirst(title), subject),
			WriterUnit: units[r.IntN(len(units))], Author: authors[r.IntN(len(authors))], Status: news.StatusPublished,
			PublishedAt: at, Views: views, CreatedAt: at.Add(-time.Duration(1+r.IntN(48)) * time.Hour)}
		switch {
		case i == n-1: // scheduled for tomorrow morning
			a.PublishAt = time.Date(now.In(vn).Year(), now.In(vn).Month(), now.In(vn).Day()+1, 8, 0, 0, 0, vn)
			a.PublishedAt, a.Views, a.CreatedAt = a.PublishAt, 0, now.Add(-time.Hour)
		case i == n-2 || i == n-3: // waiting for the editor-in-chief
			a.Status, a.PublishedAt, a.Views, a.CreatedAt = news.StatusSubmitted, time.Time{}, 0, now.Add(-3*time.Hour)
		case i == n-4: // a draft
			a.Status, a.PublishedAt, a.Views, a.CreatedAt = news.StatusDraft, time.Time{}, 0, now.Add(-2*time.Hour)
		case i == n/2: // taken down after a correction
			a.Status = news.StatusUnpublished
		}
		if _, err := db.SeedArticle(ctx, a); err != nil {
			return st, fmt.Errorf("demo news: %w", err)
		}
		st.Articles++
	}
	return st, db.SetSiteVisits(ctx, SeedVisits)
}

// lowerFirst lower-cases the first letter (a title inside a sentence).
func lowerFirst(s string) string {
	for i, r := range s {
		if i == 0 {
			return strings.ToLower(string(r)) + s[len(string(r)):]
		}
	}
	return s
}
