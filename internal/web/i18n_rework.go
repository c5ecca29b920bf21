package web

// Strings of the return for rework (trả lại để xử lý lại, issue #12).
func init() {
	addMessages(map[string][2]string{
		"notify.kind.dossier_returned":         {"Hồ sơ bị trả lại", "Returned for rework"},
		"notify.email.dossier_returned":        {"Hồ sơ bị trả lại cho tôi hoặc đơn vị tôi để xử lý lại", "A dossier is returned to me or my unit for rework"},
		"audit.act.dossier.return_for_rework":  {"Trả lại để xử lý lại", "Returned for rework"},
		"flash.dossier.done.return_for_rework": {"Đã trả lại hồ sơ %s để xử lý lại.", "Dossier %s returned for rework."},
		"dossier.reason.return_for_rework":     {"Lý do trả lại và việc cần xử lý lại", "Why it is returned and what to redo"},
		"rework.tostep":                        {"Trả lại cho bước", "Return to the step"},
		"rework.step":                          {"Bước %d: %s", "Step %d: %s"},
		"rework.step.handler":                  {"Bước %d: %s — %s", "Step %d: %s — %s"},
		"rework.hint": {"Hồ sơ trở về bước đã chọn và người đã xử lý bước đó được thông báo. Thời hạn giải quyết vẫn tính tiếp, không thay đổi.",
			"The dossier goes back to the chosen step and whoever handled it is told. The processing deadline keeps running and does not change."},
		"rework.err.step": {"Bước trả lại không hợp lệ", "Invalid step to return to"},
	})
}
