package web

// The one-stop desk's strings added by issue #12: the receipt with the
// lookup secret, the intake shortcut, the step's role, the public
// timeline's supplement requests and the thanks after a rating.
func init() {
	addMessages(map[string][2]string{
		"nav.intake":             {"Tiếp nhận hồ sơ", "Receive a dossier"},
		"nav.shortcut":           {"Phím tắt: Alt+%s (Firefox: Alt+Shift+%[1]s)", "Shortcut: Alt+%s (Firefox: Alt+Shift+%[1]s)"},
		"receipt.print":          {"In giấy tiếp nhận kèm mã tra cứu", "Print the receipt with the lookup secret"},
		"receipt.print.hint":     {"Mã tra cứu chỉ in được lúc này: hệ thống không lưu mã, chỉ lưu dấu kiểm tra của mã.", "The lookup secret can be printed only now: it is not kept, only a check of it."},
		"receipt.reissue":        {"Cấp lại mã tra cứu", "Issue a new lookup secret"},
		"receipt.reissue.hint":   {"Giấy tiếp nhận in lại không có mã tra cứu (hệ thống không lưu mã). Nếu người nộp mất mã, cấp lại mã mới để in giấy tiếp nhận có mã; mã cũ sẽ hết hiệu lực và việc cấp lại được ghi nhật ký.", "A reprinted receipt has no lookup secret (it is not kept). If the applicant lost it, issue a new one to print a receipt with it; the old one stops working and the reissue is journalled."},
		"receipt.err.nosecret":   {"Thiếu mã tra cứu để in lên giấy tiếp nhận", "The lookup secret to print is missing"},
		"receipt.err.secret":     {"Mã tra cứu không đúng với hồ sơ này; hãy cấp lại mã tra cứu", "That is not this dossier's lookup secret; issue a new one"},
		"flash.dossier.secret":   {"Đã cấp lại mã tra cứu cho hồ sơ %s: %s — mã cũ không còn dùng được. Hãy in giấy tiếp nhận kèm mã mới.", "New lookup secret for dossier %s: %s — the old one no longer works. Print the receipt with the new one."},
		"dossier.step.role":      {"(do %s hoặc cấp trên thực hiện)", "(taken by a %s or above)"},
		"public.supplements":     {"Yêu cầu bổ sung hồ sơ", "Supplement requests"},
		"public.supplement.at":   {"Yêu cầu ngày %s", "Requested on %s"},
		"public.supplement.days": {"Thời hạn bổ sung: %d ngày làm việc", "To be supplied within %d working days"},
		"public.supplement.done": {"Đã nhận bổ sung ngày %s", "Supplement received on %s"},
		"public.supplement.wait": {"Đang chờ bổ sung", "Waiting for the supplement"},
		"public.rated.thanks":    {"Cảm ơn ông/bà đã đánh giá việc giải quyết hồ sơ. Ý kiến của ông/bà đã được ghi nhận: %s.", "Thank you for rating how your dossier was handled. Your answer was recorded: %s."},
	})
}
