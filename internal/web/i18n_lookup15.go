package web

// The strings of the applicant's online services on the lookup page
// (public_online.go) and of the procedure's online delivery flag.
func init() {
	addMessages(map[string][2]string{
		"lookup15.sup.title":  {"Nộp giấy tờ bổ sung trực tuyến", "Send the missing documents online"},
		"lookup15.sup.hint":   {"Chọn bản quét hoặc ảnh chụp các giấy tờ được yêu cầu ở trên: tệp PDF, JPEG hoặc PNG, tối đa %d MB mỗi tệp, tối đa 10 tệp. Khi nhận được, hồ sơ tiếp tục được giải quyết.", "Choose the scans or photos of the documents asked for above: PDF, JPEG or PNG files, at most %d MB each, at most 10 files. Once received, the dossier is handled again."},
		"lookup15.sup.files":  {"Tệp giấy tờ bổ sung", "Documents"},
		"lookup15.sup.note":   {"Ghi chú cho cán bộ (không bắt buộc)", "A note for the official (optional)"},
		"lookup15.sup.submit": {"Nộp bổ sung", "Send the documents"},
		"lookup15.sup.thanks": {"Đã nhận giấy tờ bổ sung của bạn. Hồ sơ tiếp tục được giải quyết; cán bộ thụ lý đã được thông báo.", "Your documents were received. The dossier is being handled again; the official in charge was told."},
		"lookup15.res.title":  {"Kết quả giải quyết", "The result"},
		"lookup15.res.hint":   {"Liên kết tải về có hiệu lực trong 15 phút; sau đó, hãy tra cứu lại để nhận liên kết mới.", "The download links work for 15 minutes; after that, look the dossier up again for new ones."},

		"lookup15.proc.online_result":     {"Trả kết quả trực tuyến", "Result delivered online"},
		"lookup15.proc.online_result.yes": {"Có: người nộp tải kết quả trên trang tra cứu hồ sơ", "Yes: the applicant downloads it from the lookup page"},
		"lookup15.proc.online_result.no":  {"Không: nhận kết quả tại Bộ phận tiếp nhận và trả kết quả", "No: collected at the desk"},
	})
}
