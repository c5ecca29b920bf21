package web

func init() {
	addMessages(map[string][2]string{
		"confirm.err.missing": {"Chưa xác nhận: hãy đánh dấu ô “Xác nhận” (trường confirm) rồi gửi lại; chưa có gì thay đổi",
			"Not confirmed: tick the “Confirm” box (field confirm) and send again; nothing has changed"},
	})
}
