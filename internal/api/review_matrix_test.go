package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/org"
)

func init() {
	requestSeeds["createReview"] = []string{
		`{"unit_id":12,"kind":"quarter","year":2026,"index":1,"number":"15/BC-KGVX","recipients":["Ban Giám đốc Sở (để b/c);","Lưu: VT."]}`,
		`{"unit_id":12,"kind":"year","year":2026,"index":0,"signer":"Nguyễn Văn An","signer_role":"TRƯỞNG PHÒNG"}`,
		`{"unit_id":12,"kind":"week","year":2026,"index":1}`,
		`{"unit_id":0,"kind":"month","year":1999,"index":13}`,
	}
	requestSeeds["createReviewEvent"] = []string{
		`{"action":"edit","results":"Hoàn thành 12/14 nhiệm vụ.\nGiải quyết đúng hạn 98% hồ sơ.","number":"15/BC-KGVX"}`,
		`{"action":"edit","shortcomings":"Còn 2 nhiệm vụ chậm.","lessons":"Báo cáo vướng mắc sớm.","next_tasks":"Kế hoạch quý II.","recipients":["Lưu: VT."]}`,
		`{"action":"issue"}`,
		`{"action":"issue","results":"x"}`,
		`{"action":"publish"}`,
	}
	requestSeeds["createViolation"] = []string{
		`{"person_id":7,"checklist":"ct09","item":"CT09-01","on":"2026-03-02","severity":"reminder","note":"Đi muộn 45 phút"}`,
		`{"person_id":7,"checklist":"qd733","item":"QD733-01","on":"2026-03-02","severity":"discipline","evidence_file_id":3}`,
		`{"person_id":7,"checklist":"ct09","item":"CT09-99","on":"02/03/2026","severity":"warning"}`,
		`{"person_id":-1,"checklist":"","item":"","on":"2026-02-30","severity":"reminder","evidence_file_id":0}`,
	}
	requestSeeds["confirmEmulation"] = []string{
		`{"year":2026,"person_ids":[7,8]}`,
		`{"year":2026,"person_ids":[]}`,
		`{"year":1800,"person_ids":[-1]}`,
	}
	requestSeeds["createChecklist"] = []string{
		`{"key":"ct09","basis":"Chỉ thị số 09/CT-UBND ngày 27/09/2016","from":"2026-01-01","items":[{"code":"CT09-01","text":"Chấp hành thời giờ làm việc"}]}`,
		`{"key":"noi-quy","basis":"Nội quy cơ quan","from":"2026-07-01","items":[{"code":"NQ-01","text":"Đeo thẻ"},{"code":"NQ-02","text":"Giữ vệ sinh"}]}`,
		`{"key":"CT 09","basis":"x","from":"2026-13-01","items":[]}`,
		`{"key":"ct09","basis":"Chỉ thị","from":"2026-01-01","items":[{"code":"A","text":"x"},{"code":"A","text":"y"}]}`,
	}
}

// reviewMatrixCases are the permission matrix's requests of the period
// reviews, violations and checklists: a review and a violation of the own
// unit for the reads, a fresh review or person per row for the writes.
func reviewMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	rv := f.NewReview(t)
	v := f.NewViolation(t)
	one := fmt.Sprintf("/api/v1/reviews/%d", rv.ID)
	return map[string]matrixCase{
		"GET /api/v1/reviews":           {marker: fmt.Sprintf(`"id":%d,`, rv.ID), build: get("/api/v1/reviews")},
		"GET /api/v1/reviews/{id}":      {build: get(one)},
		"GET /api/v1/reviews/{id}/docx": {build: get(one + "/docx")},
		"GET /api/v1/reviews/{id}/pdf":  {build: get(one + "/pdf")},
		"POST /api/v1/reviews": {build: func(testing.TB, who) req {
			kind, year, index := f.ReviewPeriod()
			return req{Path: "/api/v1/reviews", ContentType: "application/json",
				Body: fmt.Sprintf(`{"unit_id":%d,"kind":%q,"year":%d,"index":%d}`, f.OwnUnit.ID, kind, year, index)}
		}},
		"POST /api/v1/reviews/{id}/events": {build: func(t testing.TB, _ who) req {
			fresh := f.NewReview(t)
			return req{Path: fmt.Sprintf("/api/v1/reviews/%d/events", fresh.ID), ContentType: "application/json",
				Body: `{"action":"edit","results":"Hoàn thành các nhiệm vụ được giao đúng hạn."}`}
		}},
		"GET /api/v1/violations": {marker: fmt.Sprintf(`"id":%d,`, v.ID), build: get("/api/v1/violations?from=2026-01-01&to=2026-12-31")},
		"POST /api/v1/violations": {build: func(t testing.TB, _ who) req {
			p := f.NewPerson(t, false)
			return req{Path: "/api/v1/violations", ContentType: "application/json",
				Body: fmt.Sprintf(`{"person_id":%d,"checklist":"ct09","item":"CT09-01","on":"2026-03-02","severity":"reminder","note":"Đi muộn"}`, p.ID)}
		}},
		"GET /api/v1/emulation": {build: get("/api/v1/emulation?year=2026")},
		// Nobody is proposed in the fixture: the director's request gets past
		// the permission to the refusal of a person not proposed.
		"POST /api/v1/emulation": {allowed: func(rec *httptest.ResponseRecorder) bool {
			return rec.Code == http.StatusBadRequest && strings.Contains(rec.Body.String(), "không có trong danh sách đề nghị")
		}, build: func(testing.TB, who) req {
			return req{Path: "/api/v1/emulation", ContentType: "application/json", Body: fmt.Sprintf(`{"year":2026,"person_ids":[%d]}`, f.Who(org.RoleOfficial, accesstest.Own).Person.ID)}
		}},
		"GET /api/v1/checklists": {build: get("/api/v1/checklists")},
		"POST /api/v1/checklists": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/checklists", ContentType: "application/json",
				Body: `{"key":"ct09","basis":"Chỉ thị số 09/CT-UBND ngày 27/09/2016 của Chủ tịch UBND tỉnh Bắc Ninh","from":"2026-01-01","items":[{"code":"CT09-01","text":"Chấp hành thời giờ làm việc"}]}`}
		}},
	}
}
