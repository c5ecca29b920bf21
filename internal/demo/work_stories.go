package demo

import (
	"math/rand/v2"
	"strings"
	"time"

	"congvu/internal/fold"
	"congvu/internal/store"
	"congvu/internal/work"
)

// story is how a demo task's year went; storySteps writes it as actions.
type story int

const (
	storyOnTime           story = iota // started, reported, submitted before the deadline, accepted
	storyEarly                         // done well before the deadline
	storyLate                          // submitted days after the deadline, accepted
	storyReturned                      // returned for rework once, then accepted
	storyObstacle                      // an obstacle raised and resolved on the way
	storyExtension                     // an extension approved; done within it, late against the original deadline
	storyExtensionRefused              // an extension refused; done late
	storyExemptDelay                   // done late for an objective cause the assigner confirmed
	storyExemptReview                  // returned for a cause outside the lead's control, confirmed
	storyOpenLate                      // in progress and past the deadline today
	storyBlocked                       // an obstacle nobody has resolved yet
	storySubmitted                     // submitted, awaiting the assigner's review
	storyCancelled                     // withdrawn by the assigner
	storyAssigned                      // not started yet (deadline ahead)
	storyInProgress                    // under way (deadline ahead)
)

// pastStories and futureStories are the mixes for tasks whose deadline has
// passed and for those still ahead, as weights out of 100.
var (
	pastStories = []struct {
		s story
		w int
	}{
		{storyOnTime, 30}, {storyEarly, 8}, {storyLate, 12}, {storyReturned, 12}, {storyObstacle, 8},
		{storyExtension, 6}, {storyExtensionRefused, 3}, {storyExemptDelay, 5}, {storyExemptReview, 3},
		{storyOpenLate, 6}, {storyBlocked, 3}, {storySubmitted, 2}, {storyCancelled, 2},
	}
	futureStories = []struct {
		s story
		w int
	}{
		{storyAssigned, 20}, {storyInProgress, 40}, {storyBlocked, 8}, {storySubmitted, 14}, {storyEarly, 18},
	}
)

func drawStory(rng *rand.Rand, past bool) story {
	mix := futureStories
	if past {
		mix = pastStories
	}
	r := rng.IntN(100)
	for _, m := range mix {
		if r < m.w {
			return m.s
		}
		r -= m.w
	}
	return mix[0].s
}

// storySteps draws a story for the task and writes its actions, each at an
// instant between the assignment and now, in order. An open task whose
// deadline passed long ago is rare in a working department: such a draw is
// done late instead. Steps that would fall after now are left out, which
// leaves a shorter history that is still valid (every prefix of one is).
func storySteps(rng *rand.Rand, n work.NewTask, deadline, now time.Time) []store.TaskStep {
	lead, assigner := work.Actor{PersonID: n.LeadPersonID}, work.Actor{PersonID: n.AssignerID}
	past := deadline.Before(now)
	s := drawStory(rng, past)
	if past && now.Sub(deadline) > 75*24*time.Hour && (s == storyOpenLate || s == storyBlocked || s == storySubmitted) {
		s = storyLate
	}
	t0 := n.AssignedAt
	span := deadline.Sub(t0)
	at := func(frac float64) time.Time { return t0.Add(time.Duration(frac * float64(span))) }
	after := func(days int) time.Time { return deadline.Add(time.Duration(days)*24*time.Hour - 3*time.Hour) }
	day := 24 * time.Hour
	pct := func(p int) *int { return &p }
	yes, no := true, false

	var steps []store.TaskStep
	add := func(by work.Actor, when time.Time, ev work.Event) {
		steps = append(steps, store.TaskStep{Event: ev, Actor: by, At: when})
	}
	progress := func(when time.Time, p int) {
		add(lead, when, work.Event{Action: work.ActionReportProgress, Percent: pct(p),
			Note: progressNotes[rng.IntN(len(progressNotes))]})
	}
	start := func() { add(lead, at(0.08), work.Event{Action: work.ActionStart}) }
	submit := func(when time.Time) {
		add(lead, when, work.Event{Action: work.ActionSubmit, Note: "Trình " + n.Product, Attachments: []string{productFile(n.Product)}})
	}
	accept := func(when time.Time) {
		add(assigner, when, work.Event{Action: work.ActionAccept, Note: acceptNotes[rng.IntN(len(acceptNotes))]})
	}
	giveBack := func(when time.Time) {
		add(assigner, when, work.Event{Action: work.ActionReturn, Reason: returnReasons[rng.IntN(len(returnReasons))]})
	}
	late := 2 + rng.IntN(12)

	switch s {
	case storyAssigned:
	case storyInProgress:
		start()
		progress(at(0.3), 20+5*rng.IntN(8))
	case storyOnTime:
		start()
		progress(at(0.5), 50+5*rng.IntN(6))
		submit(at(0.85 + 0.1*rng.Float64()))
		accept(at(0.97).Add(day))
	case storyEarly:
		start()
		progress(at(0.3), 60)
		submit(at(0.55))
		accept(at(0.6))
	case storyLate:
		start()
		progress(at(0.6), 40+5*rng.IntN(6))
		submit(after(late))
		accept(after(late + 1))
	case storyReturned, storyExemptReview:
		start()
		progress(at(0.5), 70)
		submit(at(0.75))
		giveBack(at(0.8))
		if s == storyExemptReview {
			add(assigner, at(0.82), work.Event{Action: work.ActionConfirmCause, Kind: work.ExemptReview,
				Reason: "Văn bản hướng dẫn của Bộ Tài chính thay đổi trong thời gian thực hiện"})
		}
		submit(at(0.95))
		accept(at(0.98))
	case storyObstacle:
		start()
		add(lead, at(0.3), work.Event{Action: work.ActionRaiseObstacle, Note: obstacleNotes[rng.IntN(len(obstacleNotes))]})
		add(assigner, at(0.4), work.Event{Action: work.ActionResolveObstacle, Note: "Đã làm việc với đơn vị liên quan, thống nhất cung cấp trong tuần"})
		progress(at(0.6), 70)
		submit(at(0.92))
		accept(at(0.96))
	case storyExtension:
		start()
		progress(at(0.5), 50)
		ext := deadline.Add(time.Duration(10+rng.IntN(10)) * day)
		add(lead, at(0.7), work.Event{Action: work.ActionRequestExtension, Deadline: &ext, Reason: "Chờ các sở, ngành gửi ý kiến tham gia"})
		add(assigner, at(0.75), work.Event{Action: work.ActionDecideExtension, Approved: &yes, Reason: "Đồng ý gia hạn"})
		submit(after(5))
		accept(after(6))
	case storyExtensionRefused:
		start()
		ext := deadline.Add(15 * day)
		add(lead, at(0.7), work.Event{Action: work.ActionRequestExtension, Deadline: &ext, Reason: "Khối lượng hồ sơ lớn"})
		add(assigner, at(0.75), work.Event{Action: work.ActionDecideExtension, Approved: &no, Reason: "Nhiệm vụ cần báo cáo UBND tỉnh đúng hạn"})
		submit(after(late))
		accept(after(late + 1))
	case storyExemptDelay:
		start()
		add(lead, at(0.5), work.Event{Action: work.ActionRaiseObstacle, Note: "Chưa có ý kiến thẩm định nguồn vốn của Bộ Tài chính"})
		add(assigner, at(0.9), work.Event{Action: work.ActionResolveObstacle, Note: "Bộ Tài chính đã có văn bản trả lời"})
		submit(after(late))
		accept(after(late + 1))
		add(assigner, after(late+2), work.Event{Action: work.ActionConfirmCause, Kind: work.ExemptDelay,
			Reason: "Chậm do chờ ý kiến của Bộ Tài chính, nguyên nhân khách quan"})
	case storyOpenLate:
		start()
		progress(at(0.5), 40+5*rng.IntN(8))
	case storyBlocked:
		start()
		progress(at(0.4), 30)
		add(lead, at(0.6), work.Event{Action: work.ActionRaiseObstacle, Note: obstacleNotes[rng.IntN(len(obstacleNotes))]})
	case storySubmitted:
		start()
		progress(at(0.5), 80)
		if past {
			submit(after(1))
		} else {
			submit(at(0.7))
		}
	case storyCancelled:
		start()
		add(assigner, at(0.4), work.Event{Action: work.ActionCancel, Reason: "UBND tỉnh đã giao nhiệm vụ cho sở, ngành khác chủ trì"})
	}

	// In order, after the assignment, not after now.
	out := steps[:0]
	prev := t0
	for _, st := range steps {
		if !st.At.After(prev) {
			st.At = prev.Add(17 * time.Minute)
		}
		if st.At.After(now.Add(-time.Minute)) {
			break
		}
		prev = st.At
		out = append(out, st)
	}
	return out
}

var progressNotes = []string{
	"Đã thu thập số liệu của các sở, ngành và UBND cấp huyện",
	"Đã hoàn thành dự thảo, đang lấy ý kiến các phòng",
	"Đã tổng hợp ý kiến góp ý, đang hoàn thiện",
	"Đã làm việc với chủ đầu tư, đang rà soát hồ sơ",
}

var acceptNotes = []string{"Đạt yêu cầu", "Đạt yêu cầu, trình Lãnh đạo Sở ký ban hành", "Nội dung đầy đủ, đúng thời hạn"}

var returnReasons = []string{
	"Số liệu giải ngân chưa khớp với Kho bạc Nhà nước, đề nghị rà soát lại",
	"Thiếu ý kiến của Sở Xây dựng về thiết kế cơ sở",
	"Cần bổ sung phân tích nguyên nhân và giải pháp",
	"Dự thảo chưa đúng thể thức văn bản theo Nghị định 30/2020/NĐ-CP",
}

var obstacleNotes = []string{
	"Chủ đầu tư chưa gửi báo cáo tình hình thực hiện",
	"Chưa nhận được ý kiến của Sở Xây dựng và Sở Nông nghiệp và Môi trường",
	"Hồ sơ dự án thiếu quyết định phê duyệt chủ trương đầu tư",
	"Phần mềm quản lý ngân sách của Kho bạc chưa kết xuất được số liệu",
}

// productFile names the file a product is submitted as: its first words
// without diacritics ("Báo cáo tình hình giải ngân" → bao-cao-tinh-hinh.docx).
func productFile(product string) string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(fold.String(product))) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w != "" && len(words) < 4 {
			words = append(words, w)
		}
	}
	return strings.Join(words, "-") + ".docx"
}
