package demo

import (
	"fmt"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/org"
)

// history builds one dossier's events, applying each to the state as it
// goes so that every decision (a late finish, an apology before the
// appointment) is taken against the real dues.
type history struct {
	g      *generator
	p      dossier.Procedure
	st     dossier.State
	events []dossier.Event
	// stopped is set once the next event would fall after now: the dossier
	// stays as it is, open.
	stopped bool
}

// add applies ev unless it falls after now; it reports whether it did.
func (h *history) add(ev dossier.Event) bool {
	if h.stopped || ev.At.After(h.g.now) {
		h.stopped = true
		return false
	}
	ev.RecordedAt = ev.At
	next, err := dossier.Apply(h.p, h.g.cal, h.st, ev, dossier.DefaultRules())
	if err != nil {
		// The plan is wrong, not the data: say which dossier.
		panic(fmt.Sprintf("demo: %s %s at %s: %v", h.p.Code, ev.Action, ev.At, err))
	}
	h.st = next
	h.events = append(h.events, ev)
	return true
}

// after returns t moved by a number of working days (fractions allowed).
func (h *history) after(t time.Time, days float64) time.Time {
	out, err := h.g.cal.AddWorkingDays(t, days)
	if err != nil {
		panic(fmt.Sprintf("demo: %v", err))
	}
	return out
}

// Reasons written on the forms.
var (
	supplementReasons = []string{
		"Bổ sung bản sao giấy tờ pháp lý của người đại diện theo pháp luật còn hiệu lực.",
		"Điều lệ chưa có đủ chữ ký của các thành viên; đề nghị hoàn thiện.",
		"Ngành, nghề kinh doanh chưa ghi theo mã ngành kinh tế Việt Nam; đề nghị sửa lại.",
		"Đề xuất dự án chưa nêu rõ tiến độ thực hiện và nhu cầu sử dụng đất; đề nghị bổ sung.",
		"Thiếu tài liệu chứng minh năng lực tài chính của nhà đầu tư.",
	}
	refuseReasons = []string{
		"Hồ sơ không thuộc thẩm quyền giải quyết của Sở Tài chính.",
		"Tên doanh nghiệp dự kiến đăng ký trùng với tên doanh nghiệp đã đăng ký.",
		"Hồ sơ nộp trực tuyến không có chữ ký số hợp lệ.",
	}
	apologyReasons = []string{
		"Cần thêm thời gian lấy ý kiến của các sở, ngành liên quan.",
		"Hệ thống thông tin quốc gia về đăng ký doanh nghiệp gián đoạn.",
		"Chuyên viên thụ lý đi công tác dài ngày; đã phân công người thay thế.",
	}
	stopReasons = []string{
		"Có văn bản của cơ quan có thẩm quyền đề nghị tạm dừng xem xét hồ sơ.",
		"Dự án đang bị thanh tra, kiểm tra; tạm dừng giải quyết đến khi có kết luận.",
	}
)

func (g *generator) one(list []string) string { return list[g.rnd.IntN(len(list))] }

// dossier makes one dossier filed at t0.
func (g *generator) dossier(t0 time.Time) dossier.Record {
	p := g.pick()
	h := &history{g: g, p: p}
	app := g.applicant(p)
	clerk := g.handler(g.desk, org.RoleClerk)
	rec := dossier.Record{Procedure: dossier.Procedure{Code: p.Code}, Applicant: app, Documents: p.Documents, Sets: 1}
	if g.rnd.Float64() < g.onlineShare(p, t0) {
		rec.Channel = dossier.ChannelOnline
		h.add(dossier.Event{Action: dossier.SubmitOnline, At: t0, ActorName: app.Name, Channel: dossier.ChannelOnline})
		switch x := g.rnd.Float64(); {
		case x < 0.025:
			h.add(dossier.Event{Action: dossier.Refuse, At: h.after(t0, g.uniform(0.1, 1)), ActorID: clerk.id, ActorName: clerk.name,
				UnitID: g.desk, Reason: g.one(refuseReasons)})
			return h.record(rec)
		case x < 0.035:
			h.add(dossier.Event{Action: dossier.Withdraw, At: h.after(t0, g.uniform(0.05, 0.5)), ActorName: app.Name,
				Note: "Công dân đề nghị rút hồ sơ nộp trực tuyến."})
			return h.record(rec)
		}
		h.add(dossier.Event{Action: dossier.Accept, At: h.after(t0, g.uniform(0.03, 0.6)), ActorID: clerk.id, ActorName: clerk.name, UnitID: g.desk})
	} else {
		rec.Channel = dossier.ChannelDirect
		if g.rnd.Float64() < 0.08 {
			rec.Channel = dossier.ChannelPostal
		}
		h.add(dossier.Event{Action: dossier.Receive, At: t0, ActorID: clerk.id, ActorName: clerk.name, UnitID: g.desk, Channel: rec.Channel})
	}
	h.process(clerk, app)
	return h.record(rec)
}

// record finishes the dossier.
func (h *history) record(rec dossier.Record) dossier.Record {
	rec.Events = h.events
	return rec
}

// process takes a received dossier through its steps to the result.
func (h *history) process(clerk person, app dossier.Applicant) {
	g := h.g
	late := g.rnd.Float64() < 0.085
	supplement := g.rnd.Float64() < 0.10
	withdraw := g.rnd.Float64() < 0.01
	stop := g.rnd.Float64() < 0.006
	// The step where something happens: the first after the desk.
	troubleStep := min(1, len(h.p.Steps)-1)
	cur := clerk
	for i := range h.p.Steps {
		if h.stopped {
			return
		}
		step := h.p.Steps[i]
		start := h.st.LastAt
		spend := step.Budget * g.uniform(0.2, 0.85)
		if i == troubleStep {
			if supplement {
				t := h.after(start, spend*g.uniform(0.2, 0.6))
				if !h.add(dossier.Event{Action: dossier.RequestSupplement, At: t, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i),
					Reason: g.one(supplementReasons), SupplementDays: 10}) {
					return
				}
				back := h.after(t, g.uniform(0.5, 9))
				if g.rnd.Float64() < 0.1 {
					h.add(dossier.Event{Action: dossier.Withdraw, At: back, ActorName: app.Name, Note: "Không bổ sung được hồ sơ; xin rút."})
					return
				}
				if !h.add(dossier.Event{Action: dossier.ReceiveSupplement, At: back, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i)}) {
					return
				}
				start = back
			}
			if stop {
				t := h.after(start, spend*0.3)
				if !h.add(dossier.Event{Action: dossier.Stop, At: t, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i), Reason: g.one(stopReasons)}) {
					return
				}
				if g.rnd.Float64() < 0.4 {
					return // still stopped
				}
				back := h.after(t, g.uniform(3, 20))
				if !h.add(dossier.Event{Action: dossier.Resume, At: back, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i)}) {
					return
				}
				start = back
			}
			if withdraw {
				h.add(dossier.Event{Action: dossier.Withdraw, At: h.after(start, spend*0.5), ActorName: app.Name, Note: "Tổ chức, cá nhân xin rút hồ sơ."})
				return
			}
		}
		end := h.after(start, spend)
		if i == len(h.p.Steps)-1 {
			if late {
				// An apology and a new appointment, made before the appointment.
				if g.rnd.Float64() < 0.5 {
					t := h.after(start, 0.1)
					if t.Before(h.st.AppointedDue) {
						nd := h.after(h.st.AppointedDue, g.uniform(2, 6))
						if !h.add(dossier.Event{Action: dossier.Apologize, At: t, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i),
							Reason: g.one(apologyReasons), NewDue: &nd}) {
							return
						}
					}
				}
				if d := h.after(h.st.StatutoryDue, g.uniform(1, 5)); d.After(end) {
					end = d
				}
			}
			back := g.handler(g.desk, org.RoleClerk)
			if !h.add(dossier.Event{Action: dossier.Complete, At: end, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i),
				ToPersonID: back.id, ToPersonName: back.name}) {
				return
			}
			wait := g.uniform(0.05, 2.5)
			if h.st.Channel == dossier.ChannelOnline {
				wait = g.uniform(0.01, 0.3) // the result goes back electronically
			}
			h.add(dossier.Event{Action: dossier.ReturnResult, At: h.after(end, wait), ActorID: back.id, ActorName: back.name, UnitID: g.desk})
			return
		}
		next := h.p.Steps[i+1]
		to := g.handler(next.UnitID, next.Role)
		if !h.add(dossier.Event{Action: dossier.Forward, At: end, ActorID: cur.id, ActorName: cur.name, UnitID: h.unitOf(i),
			ToUnitID: next.UnitID, ToPersonID: to.id, ToPersonName: to.name}) {
			return
		}
		cur = to
	}
}

// unitOf is the unit holding step i.
func (h *history) unitOf(i int) int64 {
	if i < len(h.st.Steps) && h.st.Steps[i].UnitID != 0 {
		return h.st.Steps[i].UnitID
	}
	return h.p.Steps[i].UnitID
}
