package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/org"
	"congvu/internal/work"
)

// TaskGenOptions tune GenerateTasks.
type TaskGenOptions struct {
	N        int       // tasks to generate
	Now      time.Time // the end of the generated history (default: the store's clock)
	Years    int       // how far back the assignments go (default 2)
	Seed     uint64    // the same seed gives the same tasks on the same organisation
	AgencyID int64     // 0: the current agency with the most staff in divisions
	Batch    int       // tasks per transaction (TaskBulkOptions.Batch)
	Progress func(TaskBulkStats)
}

// taskGenDivision is a current division of the agency with its staff.
type taskGenDivision struct {
	id     int64
	head   int64   // the head, else a deputy head; 0: none
	leads  []int64 // officials, clerks and deputy heads: people who lead tasks
	people []int64 // everyone in it
}

// GenerateTasks loads n synthetic tasks through the bulk loader, spread
// over the agency's current divisions and staff: most are assigned by the
// division's head to an official or deputy head of the division (some by a
// director to a head), a third have a coordinating division (half with a
// named person), some have a checklist. Assignments are spread over the
// last Years years, deadlines are 3–60 working days later on the agency's
// calendar, and each task's history matches a state drawn from a realistic
// mix — older tasks are mostly done, recent ones often still open — with
// every step applied by work.Apply as the person whose part it is. The
// same seed on the same organisation gives the same tasks.
func (db *DB) GenerateTasks(ctx context.Context, actor audit.Actor, opt TaskGenOptions) (TaskBulkStats, error) {
	if opt.N <= 0 {
		return TaskBulkStats{}, apperr.Invalidf("n", "số nhiệm vụ phải dương", "the number of tasks must be positive")
	}
	now := opt.Now
	if now.IsZero() {
		now = db.now()
	}
	years := opt.Years
	if years <= 0 {
		years = 2
	}
	agency, divs, directors, err := db.taskGenOrg(ctx, opt.AgencyID)
	if err != nil {
		return TaskBulkStats{}, err
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	l := db.NewTaskBulkLoader(ctx, actor, TaskBulkOptions{Batch: opt.Batch, Progress: opt.Progress})
	span := now.AddDate(-years, 0, 0)
	spanSec := now.Sub(span).Seconds() - 86400 // nothing assigned in the last day
	for i := 0; i < opt.N; i++ {
		assigned := span.Add(time.Duration(rng.Float64() * spanSec * float64(time.Second)))
		n, err := genTask(rng, i, agency, divs, directors, assigned)
		if err != nil {
			l.Close()
			return TaskBulkStats{}, err
		}
		if err := l.Add(n, genSteps(rng, n, now)); err != nil {
			l.Close()
			return TaskBulkStats{}, fmt.Errorf("generated task %d: %w", i+1, err)
		}
	}
	return l.Close()
}

// taskGenOrg reads the agency's current divisions with their staff, and its
// directors.
func (db *DB) taskGenOrg(ctx context.Context, agencyID int64) (int64, []taskGenDivision, []int64, error) {
	tree, err := db.Tree(ctx)
	if err != nil {
		return 0, nil, nil, err
	}
	ms, err := db.CurrentMemberships(ctx, agencyID)
	if err != nil {
		return 0, nil, nil, err
	}
	byUnit := map[int64]*taskGenDivision{}
	staff := map[int64]int{} // agency -> people in its divisions
	directors := map[int64][]int64{}
	sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
	for _, m := range ms {
		u, ok := tree.Unit(m.UnitID)
		if !ok || !u.Current() {
			continue
		}
		switch m.Role {
		case org.RoleDirector, org.RoleDeputyDirector:
			directors[u.AgencyID] = append(directors[u.AgencyID], m.PersonID)
			continue
		}
		if u.Kind != org.KindDivision && u.Kind != org.KindDesk {
			continue
		}
		d := byUnit[u.ID]
		if d == nil {
			d = &taskGenDivision{id: u.ID}
			byUnit[u.ID] = d
		}
		d.people = append(d.people, m.PersonID)
		staff[u.AgencyID]++
		switch m.Role {
		case org.RoleHead:
			d.head = m.PersonID
		case org.RoleDeputyHead:
			if d.head == 0 {
				d.head = m.PersonID
			}
			d.leads = append(d.leads, m.PersonID)
		case org.RoleOfficial, org.RoleClerk:
			d.leads = append(d.leads, m.PersonID)
		}
	}
	if agencyID == 0 {
		for a, n := range staff {
			if n > staff[agencyID] || (n == staff[agencyID] && a < agencyID) {
				agencyID = a
			}
		}
	}
	var divs []taskGenDivision
	for _, d := range byUnit {
		u, _ := tree.Unit(d.id)
		// A division leads tasks when someone can assign them (its head or
		// a director) and someone other than the assigner can lead them.
		if u.AgencyID != agencyID || len(d.leads) == 0 || (d.head == 0 && len(directors[agencyID]) == 0) {
			continue
		}
		if d.head == 0 {
			d.head = directors[agencyID][0]
		}
		d.leads = withoutID(d.leads, d.head)
		if len(d.leads) > 0 {
			divs = append(divs, *d)
		}
	}
	if len(divs) == 0 {
		return 0, nil, nil, apperr.Invalidf("agency_id", "cơ quan không có phòng nào có người giao việc và người thực hiện",
			"the agency has no division with someone to assign tasks and someone to lead them")
	}
	sort.Slice(divs, func(i, j int) bool { return divs[i].id < divs[j].id })
	return agencyID, divs, directors[agencyID], nil
}

func withoutID(ids []int64, drop int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id != drop {
			out = append(out, id)
		}
	}
	return out
}

var genTitles = []string{"Xây dựng báo cáo", "Tham mưu văn bản", "Thẩm định hồ sơ", "Rà soát quy định", "Tổng hợp số liệu",
	"Chuẩn bị hội nghị", "Kiểm tra việc thực hiện", "Trả lời kiến nghị", "Dự thảo kế hoạch", "Đánh giá kết quả"}
var genSubjects = []string{"đầu tư công", "ngân sách nhà nước", "đăng ký kinh doanh", "đấu thầu", "quy hoạch tỉnh",
	"kinh tế ngành", "văn hóa – xã hội", "hợp tác quốc tế", "cải cách hành chính", "chuyển đổi số"}
var genProducts = []string{"Báo cáo", "Tờ trình UBND tỉnh", "Công văn", "Kế hoạch", "Biên bản kiểm tra"}

// genTask draws the i-th task: who leads it, who assigns it, when and by
// when.
func genTask(rng *rand.Rand, i int, agency int64, divs []taskGenDivision, directors []int64, assigned time.Time) (work.NewTask, error) {
	d := divs[rng.IntN(len(divs))]
	lead, assigner := d.leads[rng.IntN(len(d.leads))], d.head
	if len(directors) > 0 && d.head != 0 && rng.IntN(10) == 0 && !containsID(directors, d.head) {
		// A director assigns to the head.
		lead, assigner = d.head, directors[rng.IntN(len(directors))]
	}
	if lead == assigner {
		return work.NewTask{}, fmt.Errorf("task generator: nobody to lead in unit %d", d.id)
	}
	subject := genSubjects[rng.IntN(len(genSubjects))]
	days := float64(3 + rng.IntN(58))
	pr := work.PriorityNormal
	switch r := rng.IntN(20); {
	case r == 0:
		pr = work.PriorityUrgent
	case r < 4:
		pr = work.PriorityHigh
	case r < 6:
		pr = work.PriorityLow
	}
	n := work.NewTask{
		AgencyID: agency, LeadUnitID: d.id, LeadPersonID: lead, AssignerID: assigner, AssignedAt: assigned,
		Title:       fmt.Sprintf("%s về %s (số %d)", genTitles[rng.IntN(len(genTitles))], subject, i+1),
		Product:     genProducts[rng.IntN(len(genProducts))] + " về " + subject,
		Description: "Nhiệm vụ sinh tự động để đo hiệu năng.",
		Deadline:    work.DeadlineSpec{WorkingDays: &days}, Priority: pr, Key: rng.IntN(10) == 0,
	}
	if rng.IntN(3) == 0 && len(divs) > 1 {
		o := divs[rng.IntN(len(divs))]
		if o.id != d.id {
			c := work.Coordination{UnitID: o.id}
			if rng.IntN(2) == 0 {
				p := o.people[rng.IntN(len(o.people))]
				if p != lead {
					c.PersonID = &p
				}
			}
			n.Coordinators = []work.Coordination{c}
		}
	}
	if rng.IntN(4) == 0 {
		n.Checklist = []string{"Thu thập tài liệu", "Dự thảo", "Lấy ý kiến, hoàn thiện"}
	}
	return n, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// genSteps draws the history of a task: a final state by age (older tasks
// mostly done, recent ones often open), then the actions that lead to it,
// at increasing instants between the assignment and now.
func genSteps(rng *rand.Rand, n work.NewTask, now time.Time) []TaskStep {
	lead, assigner := work.Actor{PersonID: n.LeadPersonID}, work.Actor{PersonID: n.AssignerID}
	age := now.Sub(n.AssignedAt)
	r := rng.IntN(1000)
	var final work.State
	if age > 90*24*time.Hour {
		switch {
		case r < 930:
			final = work.StateDone
		case r < 960:
			final = work.StateCancelled
		case r < 975:
			final = work.StateInProgress
		case r < 983:
			final = work.StateBlocked
		case r < 991:
			final = work.StateSubmitted
		default:
			final = work.StateReturned
		}
	} else {
		switch {
		case r < 400:
			final = work.StateDone
		case r < 650:
			final = work.StateInProgress
		case r < 750:
			final = work.StateAssigned
		case r < 840:
			final = work.StateSubmitted
		case r < 900:
			final = work.StateBlocked
		case r < 950:
			final = work.StateReturned
		default:
			final = work.StateCancelled
		}
	}
	pct := func(p int) *int { return &p }
	prog := func(p int) work.Event {
		return work.Event{Action: work.ActionReportProgress, Percent: pct(p), Note: fmt.Sprintf("Đã hoàn thành khoảng %d%% khối lượng", p)}
	}
	start := work.Event{Action: work.ActionStart}
	submit := work.Event{Action: work.ActionSubmit, Note: "Trình kết quả thực hiện nhiệm vụ", Attachments: []string{"ket-qua.pdf"}}
	type step struct {
		ev work.Event
		by work.Actor
	}
	var steps []step
	add := func(by work.Actor, evs ...work.Event) {
		for _, e := range evs {
			steps = append(steps, step{e, by})
		}
	}
	switch final {
	case work.StateAssigned:
	case work.StateInProgress:
		add(lead, start, prog(20+rng.IntN(50)))
	case work.StateBlocked:
		add(lead, start, prog(30), work.Event{Action: work.ActionRaiseObstacle, Note: "Chưa nhận được ý kiến của đơn vị phối hợp"})
	case work.StateSubmitted:
		add(lead, start, prog(50), prog(90), submit)
	case work.StateReturned:
		add(lead, start, prog(60), submit)
		add(assigner, work.Event{Action: work.ActionReturn, Reason: "Cần bổ sung số liệu"})
	case work.StateCancelled:
		if rng.IntN(2) == 0 {
			add(lead, start)
		}
		add(assigner, work.Event{Action: work.ActionCancel, Reason: "Không còn cần thiết do thay đổi chủ trương"})
	case work.StateDone:
		add(lead, start, prog(40+rng.IntN(20)))
		if rng.IntN(20) == 0 {
			add(lead, work.Event{Action: work.ActionRaiseObstacle, Note: "Thiếu hồ sơ gốc"})
			add(assigner, work.Event{Action: work.ActionResolveObstacle, Note: "Đã chỉ đạo cung cấp hồ sơ"})
		}
		add(lead, submit)
		if rng.IntN(10) == 0 {
			add(assigner, work.Event{Action: work.ActionReturn, Reason: "Cần chỉnh sửa theo góp ý"})
			add(lead, submit)
		}
		add(assigner, work.Event{Action: work.ActionAccept, Note: "Đạt yêu cầu"})
	}
	if len(steps) == 0 {
		return nil
	}
	// The work ends around the deadline for done tasks (a fifth late),
	// before now for the others; the steps are spread before that end.
	days := *n.Deadline.WorkingDays
	end := n.AssignedAt.Add(time.Duration(days * 1.4 * 24 * float64(time.Hour)))
	if final == work.StateDone && rng.IntN(5) == 0 {
		end = end.Add(time.Duration(1+rng.IntN(10)) * 24 * time.Hour)
	}
	if final != work.StateDone || end.After(now) {
		end = now.Add(-time.Duration(1+rng.IntN(3600)) * time.Second)
		if age > 90*24*time.Hour && final != work.StateDone {
			// An old open task stopped moving a while after it started.
			end = n.AssignedAt.Add(time.Duration(days * 24 * float64(time.Hour)))
		}
	}
	if !end.After(n.AssignedAt) {
		end = n.AssignedAt.Add(time.Minute)
	}
	out := make([]TaskStep, len(steps))
	gap := end.Sub(n.AssignedAt) / time.Duration(len(steps))
	at := n.AssignedAt
	for i, s := range steps {
		at = at.Add(time.Duration(rng.Int64N(int64(gap))) + time.Second)
		if at.After(now) {
			at = now
		}
		out[i] = TaskStep{Event: s.ev, Actor: s.by, At: at}
	}
	return out
}
