package web

// The strings of the online filing (filing.go) and its mark in the desk's
// queue (filing_queue.go).
func init() {
	addMessages(map[string][2]string{
		"filing.title":        {"Nộp hồ sơ trực tuyến", "File a dossier online"},
		"filing.code":         {"Mã thủ tục", "Procedure code"},
		"filing.field":        {"Lĩnh vực", "Field"},
		"filing.intro":        {"Điền thông tin người nộp, đính kèm mỗi giấy tờ một tệp và gửi. Bộ phận một cửa sẽ xem và tiếp nhận hồ sơ; thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận.", "Fill in the applicant, attach one file per document and send. The one-stop desk checks and accepts the dossier; the time limit runs from its acceptance."},
		"filing.email.hint":   {"Mã hồ sơ và mã tra cứu được gửi tới địa chỉ này.", "The dossier's code and lookup secret are sent to this address."},
		"filing.docs":         {"Thành phần hồ sơ", "Documents"},
		"filing.docs.hint":    {"Mỗi giấy tờ một tệp PDF, JPEG hoặc PNG, tối đa %d MB mỗi tệp. Loại tệp được xét theo nội dung.", "One PDF, JPEG or PNG file per document, at most %d MB each. The type is judged by the content."},
		"filing.check":        {"Kiểm tra chống gửi tự động", "Check against automated filing"},
		"filing.check.hint":   {"Viết câu trả lời bằng số, ví dụ 12.", "Write the answer in figures, e.g. 12."},
		"filing.check.auto":   {"Trình duyệt đang tự kiểm tra…", "Your browser is doing the check…"},
		"filing.check.done":   {"Trình duyệt đã kiểm tra xong; không cần trả lời câu hỏi.", "Your browser has done the check; no need to answer the question."},
		"filing.submit":       {"Nộp hồ sơ", "File the dossier"},
		"filing.ratelimited":  {"Bạn đã gửi quá nhiều hồ sơ trong thời gian ngắn; vui lòng thử lại sau ít phút", "Too many filings in a short time; please try again in a few minutes"},
		"filing.err.docs":     {"Hồ sơ chưa đủ giấy tờ: xem các mục được đánh dấu bên dưới.", "The dossier lacks documents: see the marked items below."},
		"filing.err.again":    {"Vì lý do an toàn, vui lòng chọn lại các tệp trước khi gửi lại.", "For safety, please choose the files again before sending again."},
		"filing.done.title":   {"Đã nộp hồ sơ", "Dossier filed"},
		"filing.done.lead":    {"Hồ sơ đã được gửi tới bộ phận một cửa", "The dossier has been sent to the one-stop desk"},
		"filing.done.proc":    {"Thủ tục: %s", "Procedure: %s"},
		"filing.secret":       {"Mã tra cứu", "Lookup secret"},
		"filing.done.status":  {"Mới đăng ký — chờ tiếp nhận", "Registered — waiting for acceptance"},
		"filing.done.keep":    {"Hãy ghi lại mã hồ sơ và mã tra cứu: mã tra cứu chỉ hiển thị một lần và cần giữ kín.", "Write down the dossier's code and the lookup secret: the secret is shown only once and must be kept private."},
		"filing.done.mail":    {"Một thư có hai mã này đã được gửi tới %s.", "An e-mail with both has been sent to %s."},
		"filing.done.lookup":  {"Tra cứu hồ sơ", "Track the dossier"},
		"queue.online":        {"Nộp trực tuyến — chờ tiếp nhận", "Filed online — waiting for acceptance"},
		"queue.online.empty":  {"Không có hồ sơ trực tuyến nào chờ tiếp nhận.", "No online dossier is waiting for acceptance."},
		"dossier.online.wait": {"Nộp trực tuyến — chờ tiếp nhận", "Filed online — waiting for acceptance"},
	})
}
