package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/blob"
	"congvu/internal/calendar"
	"congvu/internal/demo"
	"congvu/internal/news"
	"congvu/internal/store"
	"congvu/internal/work"
)

// longEmail is an address longer than a phone is wide, with no place to
// break it but anywhere.
const longEmail = "nguyen.thi.thanh.huyen.phong.kinh.te.nganh.so.tai.chinh@bacninh.gov.vn"

// layoutWorld is the demo agency with something on every page: generated
// dossiers, one dossier at the desk with its lookup secret, a plan with
// tasks (which fill the official's inbox), and a person with a long e-mail.
type layoutWorld struct {
	a                     *app
	code, secret          string // a dossier the desk has just received
	planID, taskID        string
	submittedID           string // a task the official has submitted to the head
	longPersonID, selfID  string // the person with the long e-mail; the official
	evalID                string // the official's evaluation (draft)
	procedure, figureName string
	projectCode           string // a project with a selection plan and reports (addSelectionWorld)
	inspID                string // an inspection of five dossiers with a finding and a recommendation (addInspectionWorld)
	reviewID              string // the demo's issued quarterly review (demoReviewID)
	articleSlug           string // the seed's article on the portal (demo.SeedNews)
	draftID               string // a draft article of Phòng KGVX.
}

var planPathRe = regexp.MustCompile(`^/plans/(\d+)$`)

func newLayoutWorld(t *testing.T) *layoutWorld {
	t.Helper()
	a := newApp(t)
	addFixtureProcedure(t, a)
	if _, err := demo.GenerateDossiers(context.Background(), a.db, demo.DossierOptions{N: 40, Now: time.Now(), Seed: 7}); err != nil {
		t.Fatal(err)
	}
	w := &layoutWorld{a: a, procedure: fixtureProc, figureName: "received_direct", selfID: a.person(t, "Nguyễn Thị Minh Nguyệt")}
	clerk := a.login(t, "motcua")
	w.code, w.secret = receive(t, clerk, "Công ty Trách nhiệm hữu hạn Thương mại và Dịch vụ Kỹ thuật Bắc Ninh")

	head := a.login(t, "truongphong.kgvx")
	kgvx := a.unit(t, "Phòng Khoa giáo – Văn xã")
	res := head.do("POST", "/plans", url.Values{"title": {"Kế hoạch công tác năm 2026 của Phòng Khoa giáo – Văn xã"},
		"owner_unit_id": {kgvx}, "period_kind": {"year"}, "year": {"2026"},
		"target_name": {"Thẩm định hồ sơ"}, "target_uom": {"hồ sơ"}, "target_value": {"40"}}, true)
	m := planPathRe.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("create plan: %d\n%s", res.status, res.body)
	}
	w.planID = m[1]
	w.reviewID = demoReviewID(t, a)
	due := time.Now().In(calendar.VN).AddDate(0, 0, 7).Format("2006-01-02")
	for i, title := range []string{"Báo cáo tình hình giải ngân vốn đầu tư công quý II năm 2026 trình Ủy ban nhân dân tỉnh",
		"Rà soát danh mục thủ tục hành chính"} {
		res := head.do("POST", "/tasks", url.Values{"title": {title}, "product": {"Báo cáo " + title}, "plan_id": {w.planID},
			"lead_person_id": {w.selfID}, "deadline_kind": {"date"}, "deadline_date": {due}, "priority": {"normal"},
			"weight": {"1"}, "checklist": {"Thu thập số liệu\nDự thảo báo cáo"}}, true)
		m := taskPathRe.FindStringSubmatch(res.header.Get("Location"))
		if res.status != http.StatusSeeOther || m == nil {
			t.Fatalf("create task %d: %d\n%s", i, res.status, res.body)
		}
		if i == 0 {
			w.taskID = m[1]
		} else {
			w.submittedID = m[1]
		}
		// What the task jobs would have put in the official's inbox.
		self, _ := strconv.ParseInt(w.selfID, 10, 64)
		if _, err := a.db.CreateNotification(context.Background(), store.Notification{PersonID: self, Kind: "task_assigned",
			Title: "Nhiệm vụ mới: " + title, Body: "Hạn hoàn thành: " + due, Link: "/tasks/" + m[1]}, ""); err != nil {
			t.Fatal(err)
		}
	}

	// The official's evaluation of the month the tasks fall due in (draft).
	self, _ := strconv.ParseInt(w.selfID, 10, 64)
	dueOn, _ := calendar.ParseDate(due)
	ev, err := a.db.CreateEvaluation(context.Background(), audit.System("test"), self, work.MonthPeriod(dueOn.Year, int(dueOn.Month)), nil)
	if err != nil {
		t.Fatal(err)
	}
	w.evalID = strconv.FormatInt(ev.ID, 10)

	lead := a.login(t, "chuyenvien")
	taskAct(t, lead, w.submittedID, "start", http.StatusSeeOther)
	taskAct(t, lead, w.submittedID, "submit", http.StatusSeeOther, "note", "Đã rà soát 42 thủ tục, đề xuất bãi bỏ 3")

	admin := a.login(t, "admin")
	res = admin.do("POST", "/people", url.Values{"full_name": {"Nguyễn Thị Thanh Huyền"}, "email": {longEmail},
		"unit_id": {a.unit(t, "Phòng Kinh tế ngành")}, "role": {"official"}, "position": {"Chuyên viên"},
		"valid_from": {"2026-01-05"}, "login": {"huyen.ktn"}, "password": {"mat-khau-du-dai-lam"}}, true)
	if res.status != http.StatusSeeOther {
		t.Fatalf("create person: %d\n%s", res.status, res.body)
	}
	w.longPersonID = regexp.MustCompile(`\d+$`).FindString(res.header.Get("Location"))
	w.projectCode = addSelectionWorld(t, a)
	addRegroupingAdjustment(t, a, w.projectCode)
	w.inspID = addInspectionWorld(t, a, w.code)
	addMoneyWorld(t, a, w.projectCode)
	w.articleSlug, w.draftID = addNewsWorld(t, a)
	return w
}

// addNewsWorld seeds the portal's news and returns the seed article's
// slug and a draft of Phòng KGVX.
func addNewsWorld(t *testing.T, a *app) (string, string) {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.SeedNews(ctx, a.db, time.Now()); err != nil {
		t.Fatal(err)
	}
	// The covers go where the test server keeps its files: with no
	// configuration, cli.NewHandler's openFiles uses this directory.
	files, err := blob.NewLocal(filepath.Join(os.TempDir(), "congvu-files"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedNewsCovers(ctx, a.db, files, time.Now()); err != nil {
		t.Fatal(err)
	}
	kgvx, _ := strconv.ParseInt(a.unit(t, "Phòng Khoa giáo – Văn xã"), 10, 64)
	agency, _ := strconv.ParseInt(a.unit(t, "Sở Tài chính tỉnh Bắc Ninh"), 10, 64)
	drafts, _, err := a.db.Articles(ctx, store.ArticleQuery{AgencyID: agency, Status: news.StatusDraft})
	if err != nil || len(drafts) == 0 || drafts[0].UnitID != kgvx {
		t.Fatalf("no draft of the demo: %v", err)
	}
	return news.Slug(demo.SeedArticleTitle), strconv.FormatInt(drafts[0].ID, 10)
}
