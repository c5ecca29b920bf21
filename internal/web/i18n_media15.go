package web

// The strings of the articles' images (news_images.go) and the portal's
// statistics (news_stats.go).
func init() {
	addMessages(map[string][2]string{
		"flash.articles.image":       {"Đã tải ảnh lên.", "The image is uploaded."},
		"flash.articles.cover":       {"Đã lưu ảnh đại diện.", "The cover is saved."},
		"articles.img.title":         {"Ảnh của bài", "The article's images"},
		"articles.img.none":          {"Bài chưa có ảnh.", "No images yet."},
		"articles.img.save_first":    {"Lưu bản nháp trước, rồi thêm ảnh vào bài.", "Save the draft first, then add images."},
		"articles.img.is_cover":      {"Ảnh đại diện", "Cover"},
		"articles.img.markdown":      {"Mã để chép vào nội dung", "Markdown to copy into the body"},
		"articles.img.cover":         {"Ảnh đại diện (hiện ở danh sách tin và khi chia sẻ bài)", "Cover (shown in the news list and when the article is shared)"},
		"articles.img.no_cover":      {"Không có ảnh đại diện", "No cover"},
		"articles.img.cover.save":    {"Lưu ảnh đại diện", "Save the cover"},
		"articles.img.add":           {"Thêm ảnh", "Add an image"},
		"articles.img.file":          {"Tệp ảnh", "Image file"},
		"articles.img.file.hint":     {"JPEG hoặc PNG, tối đa %d MB; ảnh được thu nhỏ còn 1.200 điểm ảnh chiều ngang và có ảnh nhỏ 400 điểm ảnh.", "JPEG or PNG, at most %d MB; it is resized to 1,200 pixels wide, with a 400-pixel thumbnail."},
		"articles.img.alt":           {"Mô tả ảnh", "Description"},
		"articles.img.alt.hint":      {"Bắt buộc: ảnh cho thấy gì, ví dụ “Toàn cảnh hội nghị sơ kết”. Người khiếm thị nghe mô tả này.", "Required: what the image shows. A blind reader hears it."},
		"articles.img.as_cover":      {"Dùng làm ảnh đại diện của bài", "Use as the article's cover"},
		"articles.img.upload":        {"Tải ảnh lên", "Upload the image"},
		"articles.img.save_hint":     {"Lưu nội dung bài trước khi tải ảnh hoặc đổi ảnh đại diện: phần đang sửa chưa lưu sẽ không được giữ.", "Save the text before uploading or changing the cover: unsaved edits are not kept."},
		"articles.img.locked":        {"Bài đang đăng: gỡ bài để thêm ảnh hoặc đổi ảnh đại diện.", "The article is published: unpublish it to add images or change its cover."},
		"articles.img.insert.legend": {"Chèn ảnh vào nội dung", "Insert an image into the body"},
		"articles.img.insert.hint":   {"Nút “Chèn” lưu bài và thêm ảnh vào cuối nội dung; có thể chép mã ảnh ở mục “Ảnh của bài” vào chỗ khác.", "“Insert” saves the article with the image added at the end of the body; or copy the image's Markdown from “The article's images” to another place."},
		"articles.img.insert":        {"Chèn", "Insert"},
		"articles.stats":             {"Thống kê cổng thông tin", "Portal statistics"},
		"nav.portal_stats":           {"Thống kê cổng", "Portal statistics"},
		"stats.news.period":          {"Khoảng thời gian", "Period"},
		"stats.news.last":            {"%d ngày gần nhất", "Last %d days"},
		"stats.news.visits":          {"Lượt truy cập theo ngày, %d ngày gần nhất", "Visits by day, last %d days"},
		"stats.news.visits.chart":    {"Lượt truy cập theo ngày trong %d ngày", "Visits by day over %d days"},
		"stats.news.visits.desc":     {"Số lượt truy cập cổng thông tin mỗi ngày; bảng bên dưới ghi từng ngày.", "The portal's visits each day; the table below lists every day."},
		"stats.news.total":           {"Tổng số lượt truy cập trong kỳ", "Visits in the period"},
		"stats.news.table":           {"Xem bảng số liệu từng ngày", "Show the figures of each day"},
		"stats.news.day":             {"Ngày", "Day"},
		"stats.news.top":             {"Bài được đọc nhiều nhất", "Most-read articles"},
		"stats.news.top.chart":       {"Mười bài được đọc nhiều nhất", "The ten most-read articles"},
		"stats.news.top.desc":        {"Số lượt xem của các bài đang đăng, xếp theo thứ hạng; tên bài ở bảng bên dưới.", "The views of the published articles by rank; their titles are in the table below."},
		"stats.news.rank":            {"Hạng", "Rank"},
	})
}
