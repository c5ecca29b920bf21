package web

// The strings of the file store's pieces (files.go, templates/files.html).
func init() {
	addMessages(map[string][2]string{
		"files.title":              {"Tệp đính kèm", "Attached files"},
		"files.none":               {"Chưa có tệp đính kèm.", "No files attached yet."},
		"files.name":               {"Tên tệp", "File"},
		"files.size":               {"Dung lượng", "Size"},
		"files.type":               {"Loại", "Type"},
		"files.slot":               {"Là", "What it is"},
		"files.download":           {"Tải về", "Download"},
		"files.preview":            {"Xem", "View"},
		"files.remove":             {"Gỡ tệp", "Remove"},
		"files.remove.confirm":     {"Gỡ tệp này khỏi hồ sơ? Việc gỡ được ghi vào lịch sử hồ sơ.", "Remove this file from the record? The removal is kept in the record's history."},
		"files.removed":            {"Đã gỡ lúc %s", "Removed at %s"},
		"files.add":                {"Đính kèm tệp", "Attach a file"},
		"files.choose":             {"Chọn tệp", "Choose a file"},
		"files.hint":               {"PDF, JPEG, PNG, DOCX, XLSX, ODT hoặc ODS; tối đa %d MB mỗi tệp.", "PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS; at most %d MB per file."},
		"files.submit":             {"Tải lên", "Upload"},
		"files.scan":               {"Bản quét", "Scan"},
		"files.scan.of":            {"Bản quét: %s", "Scan of %s"},
		"files.slot.doc":           {"Bản quét: %s", "Scan: %s"},
		"files.slot.docn":          {"Bản quét giấy tờ thứ %d", "Scan of document %d"},
		"files.slot.result":        {"Kết quả giải quyết", "Result"},
		"files.slot.supplement":    {"Giấy tờ bổ sung", "Supplement"},
		"files.slot.decision":      {"Quyết định", "Decision"},
		"files.slot.report":        {"Báo cáo tiến độ", "Progress report"},
		"files.slot.product":       {"Sản phẩm", "Product"},
		"files.slot.evidence":      {"Minh chứng", "Evidence"},
		"files.err.task":           {"Chỉ người chủ trì hoặc người giao nhiệm vụ mới được đính kèm hay gỡ tệp của nhiệm vụ", "Only the task's lead or its assigner may attach or remove its files"},
		"files.slot.evidence.of":   {"Minh chứng: %s", "Evidence: %s"},
		"files.err.none":           {"Chưa chọn tệp để tải lên", "Choose a file to upload"},
		"files.err.form_too_large": {"Biểu mẫu quá lớn: tối đa %d tệp, mỗi tệp %d MB", "The form is too large: at most %d files of %d MB each"},
		"flash.file.attached":      {"Đã đính kèm tệp %s.", "File %s attached."},
		"flash.file.removed":       {"Đã gỡ tệp %s khỏi hồ sơ.", "File %s removed."},
	})
}
