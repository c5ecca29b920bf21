package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/evaluation"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestEvaluationScenarios walks a month's evaluation through the API, with
// every refusal issue #14 item 11 names (scores outside the scale, a
// wrong person, a head outside the unit, one's own approval, approval past
// the quota, another agency) answered 400/403/404/409 and nothing written.
func TestEvaluationScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newTaskFixture(t, db)
		f.addPerson(t, db, "officehead", f.office, org.RoleHead, "Đinh Văn Văn Phòng")
		deputy := f.addPerson(t, db, "deputy", f.office, org.RoleDeputyDirector, "Hà Văn Phó")
		// Task A done on time: 70 task points for the official.
		for _, s := range []struct {
			who org.Person
			ev  work.Event
		}{{f.official, work.Event{Action: work.ActionStart}}, {f.official, work.Event{Action: work.ActionSubmit, Note: "Báo cáo thẩm định"}}, {f.head, work.Event{Action: work.ActionAccept}}} {
			if _, _, err := db.RecordTaskEvent(ctx, audit.Actor{PersonID: s.who.ID}, f.taskA, 0, s.ev); err != nil {
				t.Fatal(err)
			}
		}
		a, _ := db.FindTaskByID(ctx, f.taskA)
		due := calendar.DateOf(a.Task.OriginalDeadline)
		period := fmt.Sprint(int(due.Month))
		// The director's own evaluation, assessed by the deputy, of a task the deputy assigned.
		days := 10.0
		if _, err := db.CreateTask(ctx, audit.Actor{PersonID: deputy.ID}, work.NewTask{AgencyID: f.agency.ID, Title: "Báo cáo tổng kết", Product: "Báo cáo",
			LeadUnitID: f.office.ID, LeadPersonID: f.director.ID, AssignerID: deputy.ID, Deadline: work.DeadlineSpec{WorkingDays: &days}}, nil); err != nil {
			t.Fatal(err)
		}
		dirEval, err := db.CreateEvaluation(ctx, sys, f.director.ID, work.MonthPeriod(due.Year, int(due.Month)), nil)
		if err != nil {
			t.Fatal(err)
		}
		if dirEval.Group != evaluation.GroupLeader {
			t.Fatalf("the director is a leader: %s", dirEval.Group)
		}

		p := auth.NewPolicy()
		work.RegisterPolicy(p)
		evaluation.RegisterPolicy(p)
		review.RegisterPolicy(p)
		s := New(httpx.Deps{Store: db, Policy: p, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: httpx.NewMetrics(), Now: time.Now})
		mux := http.NewServeMux()
		s.Register(mux)

		journal := func() int {
			evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "evaluation", Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(evs)
		}
		send := func(who, method, path, body string) (int, string) {
			rec := do(mux, call{method: method, path: path, body: body, token: f.tokens[who]})
			return rec.Code, rec.Body.String()
		}
		var id int64
		events := func() string { return fmt.Sprintf("/api/v1/evaluations/%d/events", id) }
		full := `"common":{"politics":10,"capacity":10,"innovation":10}`
		steps := []struct {
			name, who, method string
			path              func() string
			body              string
			status            int
			want              string
		}{
			{"open a year", "official", "POST", fixed("/api/v1/evaluations"), fmt.Sprintf(`{"year":%d,"period":"13"}`, due.Year), 400, `"field":"period"`},
			{"open", "official", "POST", fixed("/api/v1/evaluations"), fmt.Sprintf(`{"year":%d,"period":%q}`, due.Year, period), 201, `"state":"draft"`},
			{"open twice", "official", "POST", fixed("/api/v1/evaluations"), fmt.Sprintf(`{"year":%d,"period":%q}`, due.Year, period), 409, "Đã có phiếu đánh giá"},
			{"unknown action", "official", "POST", events, `{"action":"grade"}`, 400, `"field":"action"`},
			{"the head self-assesses for the official", "head", "POST", events, `{"action":"self_assess",` + full + `}`, 403, "Chỉ bản thân công chức"},
			{"points over the scale", "official", "POST", events, `{"action":"self_assess","common":{"politics":11,"capacity":10,"innovation":10}}`, 400, `"field":"common.politics"`},
			{"negative points", "official", "POST", events, `{"action":"self_assess","common":{"politics":-1,"capacity":10,"innovation":10}}`, 400, `"field":"common.politics"`},
			{"a criterion missing", "official", "POST", events, `{"action":"self_assess","common":{"politics":10}}`, 400, `"field":"common.capacity"`},
			{"approve a draft", "director", "POST", events, `{"action":"approve"}`, 409, "Chưa tự đánh giá"},
			{"self-assess", "official", "POST", events, `{"action":"self_assess",` + full + `}`, 200, `"grade":"HTXSNV"`},
			{"the official assesses themselves", "official", "POST", events, `{"action":"assess",` + full + `}`, 403, "Không ai được tự đánh giá"},
			{"a head outside the unit", "officehead", "POST", events, `{"action":"assess",` + full + `}`, 403, "không thuộc đơn vị của bạn"},
			{"a peer", "peer", "POST", events, `{"action":"assess",` + full + `}`, 403, "không thuộc đơn vị của bạn"},
			{"the inspector", "inspector", "POST", events, `{"action":"assess",` + full + `}`, 403, "forbidden"},
			{"another agency", "other", "POST", events, `{"action":"assess",` + full + `}`, 404, "not_found"},
			{"a sibling agency's head", "sibhead", "POST", events, `{"action":"assess",` + full + `}`, 404, "not_found"},
			{"stale version", "head", "POST", events, `{"action":"assess","version":1,` + full + `}`, 409, "phiên bản"},
			{"assess", "head", "POST", events, `{"action":"assess","common":{"politics":9,"capacity":9,"innovation":9}}`, 200, `"total":97`},
			{"the head approves", "head", "POST", events, `{"action":"approve"}`, 403, "Chỉ Giám đốc"},
			// 27 + 70 = 97, HTXSNV: 20% of 0 HTTNV approved allows none
			{"past the quota", "director", "POST", events, `{"action":"approve"}`, 409, "đã có 0 người Hoàn thành xuất sắc nhiệm vụ và 0 người Hoàn thành tốt nhiệm vụ"},
			{"still assessed", "official", "GET", func() string { return fmt.Sprintf("/api/v1/evaluations/%d", id) }, "", 200, `"state":"assessed"`},
			{"return without a reason", "director", "POST", events, `{"action":"return"}`, 400, `"field":"reason"`},
			{"return", "director", "POST", events, `{"action":"return","reason":"Đề nghị chấm lại tiêu chí đổi mới"}`, 200, `"state":"returned"`},
			{"self-assess again", "official", "POST", events, `{"action":"self_assess","common":{"politics":8,"capacity":8,"innovation":4}}`, 200, `"total":90`},
			{"assess again", "head", "POST", events, `{"action":"assess","common":{"politics":8,"capacity":8,"innovation":3}}`, 200, `"grade":"HTTNV"`},
			{"approve", "director", "POST", events, `{"action":"approve"}`, 200, `"state":"approved"`},
			{"approved is final", "director", "POST", events, `{"action":"return","reason":"Xem lại"}`, 409, "Đã phê duyệt"},
			{"list: the official's own", "official", "GET", fixed(fmt.Sprintf("/api/v1/evaluations?year=%d&period=%s", due.Year, period)), "", 200, `"grade":"HTTNV"`},
			{"list: another agency sees nothing", "other", "GET", fixed(fmt.Sprintf("/api/v1/evaluations?year=%d", due.Year)), "", 200, "[]"},
			{"list: bad period", "official", "GET", fixed(fmt.Sprintf("/api/v1/evaluations?year=%d&period=q9", due.Year)), "", 400, `"field":"period"`},
			{"view: another agency", "other", "GET", func() string { return fmt.Sprintf("/api/v1/evaluations/%d", id) }, "", 404, "not_found"},
			{"view: a peer", "peer", "GET", func() string { return fmt.Sprintf("/api/v1/evaluations/%d", id) }, "", 404, "not_found"},
			{"view: the inspector", "inspector", "GET", func() string { return fmt.Sprintf("/api/v1/evaluations/%d", id) }, "", 200, `"task_points":70`},
		}
		for _, st := range steps {
			before := journal()
			code, body := send(st.who, st.method, st.path(), st.body)
			if code != st.status || !strings.Contains(body, st.want) {
				t.Errorf("%s: %d %s, want %d with %q", st.name, code, body, st.status, st.want)
			}
			if st.status == 201 {
				var e struct{ ID int64 }
				_ = json.Unmarshal([]byte(body), &e)
				id = e.ID
			}
			if wrote := journal() - before; (code >= 400) != (wrote == 0) && st.method == "POST" {
				t.Errorf("%s: status %d, %d journal entries written", st.name, code, wrote)
			}
		}

		// The official's approved HTTNV month rates the year HTTNV, which
		// proposes Lao động tiên tiến; only the director reads and confirms
		// it, once; another agency's director sees none of it.
		emu := fixed(fmt.Sprintf("/api/v1/emulation?year=%d", due.Year))
		confirm := func(ids ...int64) string {
			b, _ := json.Marshal(map[string]any{"year": due.Year, "person_ids": ids})
			return string(b)
		}
		for _, st := range []struct {
			name, who, method string
			path              func() string
			body              string
			status            int
			want              string
		}{
			{"emulation: the official reads", "official", "GET", emu, "", 403, "forbidden"},
			{"emulation: the head reads", "head", "GET", emu, "", 403, "forbidden"},
			{"emulation: proposed", "director", "GET", emu, "", 200, fmt.Sprintf(`{"person_id":%d,"name":"%s","grade":"HTTNV","disciplined":false,"title":"lao_dong_tien_tien","title_label":"Lao động tiên tiến","confirmed_at":null}`, f.official.ID, f.official.FullName)},
			{"emulation: a bad year", "director", "GET", fixed("/api/v1/emulation?year=1800"), "", 400, `"field":"year"`},
			{"emulation: another agency", "other", "GET", emu, "", 403, "forbidden"},
			{"emulation: nobody chosen", "director", "POST", fixed("/api/v1/emulation"), confirm(), 400, `"field":"person_ids"`},
			{"emulation: someone not proposed", "director", "POST", fixed("/api/v1/emulation"), confirm(f.official.ID, f.stranger.ID), 400, `"field":"person_ids"`},
			{"emulation: the head confirms", "head", "POST", fixed("/api/v1/emulation"), confirm(f.official.ID), 403, "forbidden"},
			{"emulation: confirm", "director", "POST", fixed("/api/v1/emulation"), confirm(f.official.ID), 200, `"title":"lao_dong_tien_tien","title_label":"Lao động tiên tiến","confirmed_at":"`},
			{"emulation: twice", "director", "POST", fixed("/api/v1/emulation"), confirm(f.official.ID), 400, "đã được công nhận"},
		} {
			before, _ := db.EmulationTitles(ctx, f.agency.ID, due.Year)
			code, body := send(st.who, st.method, st.path(), st.body)
			if code != st.status || !strings.Contains(body, st.want) {
				t.Errorf("%s: %d %s, want %d with %q", st.name, code, body, st.status, st.want)
			}
			after, _ := db.EmulationTitles(ctx, f.agency.ID, due.Year)
			if wrote := len(after) - len(before); (st.name == "emulation: confirm") != (wrote == 1) {
				t.Errorf("%s: %d titles written", st.name, wrote)
			}
		}

		// The director may not approve their own evaluation.
		leader := `"hand":{"organise":100,"solidarity":100}`
		id = dirEval.ID
		for _, st := range []struct {
			name, who, body string
			status          int
			want            string
		}{
			{"the director self-assesses without the leader's items", "director", `{"action":"self_assess",` + full + `}`, 400, `"field":"hand.organise"`},
			{"the director self-assesses", "director", `{"action":"self_assess",` + full + `,` + leader + `}`, 200, `"state":"self_assessed"`},
			{"a head assesses a leader", "officehead", `{"action":"assess",` + full + `,` + leader + `}`, 403, "lãnh đạo Sở đánh giá"},
			{"the deputy assesses", "deputy", `{"action":"assess",` + full + `,` + leader + `}`, 200, `"state":"assessed"`},
			{"the director approves their own", "director", `{"action":"approve"}`, 403, "Không ai được phê duyệt phiếu đánh giá của chính mình"},
		} {
			before := journal()
			code, body := send(st.who, "POST", events(), st.body)
			if code != st.status || !strings.Contains(body, st.want) {
				t.Errorf("%s: %d %s, want %d with %q", st.name, code, body, st.status, st.want)
			}
			if wrote := journal() - before; (code >= 400) != (wrote == 0) {
				t.Errorf("%s: status %d, %d journal entries written", st.name, code, wrote)
			}
		}
	})
}

func fixed(p string) func() string { return func() string { return p } }
