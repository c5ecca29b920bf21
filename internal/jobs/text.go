package jobs

import (
	"fmt"

	"congvu/internal/calendar"
	"congvu/internal/work"
)

// The texts of notifications, in Vietnamese (the inbox's language).

func deadlineText(t work.Task) string {
	return t.Deadline.In(calendar.VN).Format("15:04 02/01/2006")
}

func reminderText(k work.ReminderKind, t work.Task) (title, body string) {
	switch k {
	case work.DueSoon:
		title = "Nhiệm vụ sắp đến hạn: " + t.Title
	case work.DueToday:
		title = "Nhiệm vụ đến hạn hôm nay: " + t.Title
	default:
		title = "Nhiệm vụ đã quá hạn: " + t.Title
	}
	return title, fmt.Sprintf("Hạn hoàn thành: %s. Sản phẩm: %s. Tiến độ đã báo cáo: %d%%.", deadlineText(t), t.Product, t.Progress)
}

func eventText(kind string, t work.Task, ev *work.Event) (title, body string) {
	body = "Hạn hoàn thành: " + deadlineText(t) + "."
	switch work.Action(kind) {
	case work.ActionRaiseObstacle:
		title = "Nhiệm vụ gặp vướng mắc: " + t.Title
	case work.ActionEscalate:
		title = "Vướng mắc chưa được tháo gỡ, chuyển lên cấp trên: " + t.Title
	case work.ActionResolveObstacle:
		title = "Vướng mắc đã được tháo gỡ: " + t.Title
	case work.ActionRequestExtension:
		title = "Đề nghị gia hạn nhiệm vụ: " + t.Title
	case work.ActionDecideExtension:
		title = "Đã có quyết định về đề nghị gia hạn: " + t.Title
	case work.ActionSubmit:
		title = "Nhiệm vụ đã trình kết quả, chờ nghiệm thu: " + t.Title
	case work.ActionAccept:
		title = "Kết quả nhiệm vụ đã được nghiệm thu: " + t.Title
	case work.ActionReturn:
		title = "Kết quả nhiệm vụ bị trả lại để làm lại: " + t.Title
	case work.ActionCancel:
		title = "Nhiệm vụ đã bị hủy: " + t.Title
	case work.ActionConfirmCause:
		title = "Đã xác nhận nguyên nhân khách quan: " + t.Title
	default:
		title = "Đồng chí được giao nhiệm vụ: " + t.Title
		body = fmt.Sprintf("Sản phẩm: %s. %s", t.Product, body)
	}
	if ev != nil {
		switch {
		case ev.Note != "":
			body += "\n" + ev.Note
		case ev.Reason != "":
			body += "\nLý do: " + ev.Reason
		}
	}
	return title, body
}
