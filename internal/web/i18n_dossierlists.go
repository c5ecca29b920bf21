package web

// The dossier lists' filters, pages, export and "dossiers I handled".
func init() {
	addMessages(map[string][2]string{
		"handled.title":       {"Hồ sơ tôi đã xử lý", "Dossiers I handled"},
		"handled.heading":     {"Hồ sơ bạn đã tiếp nhận, chuyển, xử lý hoặc trình", "Dossiers you received, forwarded, handled or submitted"},
		"handled.intro":       {"Mọi hồ sơ bạn đã thao tác, mới nhất lên trước, trong phạm vi bạn được xem.", "Every dossier you acted on, newest first, as far as you may view it."},
		"lists.search.hint":   {"Gõ đủ các từ, thứ tự nào cũng được, có dấu hay không dấu: “an nguyen” tìm được “Nguyễn Văn An”. Tìm trong mã hồ sơ, tên người nộp, số giấy tờ, số điện thoại và tên thủ tục.", "Type all the words, in any order, diacritics optional: “an nguyen” finds “Nguyễn Văn An”. Searches the code, applicant name, ID number, phone and procedure."},
		"lists.filters":       {"Lọc thêm", "More filters"},
		"lists.filtered":      {"Hồ sơ theo bộ lọc", "Dossiers matching the filters"},
		"lists.any":           {"Tất cả", "Any"},
		"lists.unit":          {"Đơn vị đang xử lý", "Unit handling it"},
		"lists.handler":       {"Người đang xử lý", "Person handling it"},
		"lists.received.from": {"Tiếp nhận từ ngày", "Received from"},
		"lists.received.to":   {"Tiếp nhận đến ngày", "Received until"},
		"lists.due.from":      {"Hạn xử lý từ ngày", "Due from"},
		"lists.due.to":        {"Hạn xử lý đến ngày", "Due until"},
		"lists.overdue":       {"Chỉ hồ sơ quá hạn", "Late dossiers only"},
		"lists.soon":          {"Chỉ hồ sơ sắp đến hạn (trong 24 giờ)", "Due within 24 hours only"},
		"lists.more.than":     {"hơn %s", "more than %s"},
		"lists.export":        {"Xuất danh sách ra Excel", "Export the list to Excel"},
		"lists.pages":         {"Các trang của danh sách", "Pages of the list"},
		"lists.first":         {"Trang đầu", "First page"},
		"lists.next":          {"Trang sau", "Next page"},
	})
}
