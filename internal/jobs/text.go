package jobs

import (
	"fmt"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/notify"
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

func dueText(t time.Time) string { return t.In(calendar.VN).Format("15:04 02/01/2006") }

// dossierText is the title and body of a dossier notification: what
// happened, the code, the procedure, the applicant and the due instant.
func dossierText(k notify.Kind, rec dossier.Record, ev dossier.Event) (title, body string) {
	switch k {
	case notify.DossierForwarded:
		if ev.ToPersonID != 0 {
			title = "Hồ sơ được chuyển đến đồng chí xử lý: " + rec.Code
		} else {
			title = "Hồ sơ được chuyển đến đơn vị xử lý: " + rec.Code
		}
	case notify.DossierSupplement:
		title = "Hồ sơ đã được bổ sung, tiếp tục xử lý: " + rec.Code
	case notify.DossierReturned:
		title = "Hồ sơ bị trả lại để xử lý lại: " + rec.Code
	case notify.DossierDueSoon:
		title = "Hồ sơ sắp đến hạn (còn dưới 24 giờ làm việc): " + rec.Code
	case notify.DossierOverdue:
		title = "Hồ sơ đã quá hạn giải quyết: " + rec.Code
	default:
		title = "Hồ sơ " + rec.Code
	}
	body = fmt.Sprintf("Thủ tục: %s.\nNgười nộp: %s.\nHạn giải quyết: %s.", rec.Procedure.Name, rec.Applicant.Name, dueText(rec.State.StatutoryDue))
	if ev.Action == dossier.ReturnForRework {
		body += fmt.Sprintf("\nNgười trả lại: %s.\nLý do: %s", ev.ActorName, ev.Reason)
	}
	if ev.Note != "" {
		body += "\nGhi chú: " + ev.Note
	}
	return title, body
}
