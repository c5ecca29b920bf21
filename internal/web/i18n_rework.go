package web

// Strings of the return for rework (trả lại để xử lý lại, issue #12).
func init() {
	addMessages(map[string][2]string{
		"notify.kind.dossier_returned":         {"Hồ sơ bị trả lại", "Returned for rework"},
		"notify.email.dossier_returned":        {"Hồ sơ bị trả lại cho tôi hoặc đơn vị tôi để xử lý lại", "A dossier is returned to me or my unit for rework"},
		"audit.act.dossier.return_for_rework":  {"Trả lại để xử lý lại", "Returned for rework"},
		"flash.dossier.done.return_for_rework": {"Đã trả lại hồ sơ %s để xử lý lại.", "Dossier %s returned for rework."},
	})
}
