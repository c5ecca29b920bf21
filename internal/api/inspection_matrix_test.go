package api

import (
	"fmt"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/calendar"
)

func init() {
	requestSeeds["createAgencyInspection"] = []string{
		`{"title":"Kiểm tra việc giải quyết hồ sơ quý I năm 2026","subject":"dossier","unit_ids":[12],"from":"2026-01-01","to":"2026-03-31","sample_size":20,"seed":"20260401"}`,
		`{"title":"Kiểm tra thực hiện nhiệm vụ","subject":"task","unit_ids":[12,13],"from":"2026-01-01","to":"2026-06-30","sample_size":10,"members":[41,42],"plan_id":3}`,
		`{"title":"Kiểm tra","subject":"unit","unit_ids":[],"from":"2026-13-01","to":"x","sample_size":0,"seed":"-1"}`,
		`{"title":"Kiểm tra dự án","subject":"project","unit_ids":[5],"from":"2026-01-01","to":"2026-12-31","sample_size":201,"seed":"18446744073709551616"}`,
	}
	requestSeeds["createAgencyInspectionFinding"] = []string{
		`{"ref_id":1204,"text":"Hồ sơ trễ hạn không có văn bản xin lỗi","severity":"major"}`,
		`{"text":"Một số phiếu kiểm soát ghi thiếu người nhận"}`,
		`{"text":"x","severity":"grave"}`,
	}
	requestSeeds["createAgencyInspectionRecommendation"] = []string{
		`{"text":"Chấn chỉnh việc xin lỗi, hẹn lại khi trễ hạn","owner_person_id":17,"due":"2026-05-15","finding_id":3}`,
		`{"text":"Rà soát quy trình nội bộ","owner_person_id":17,"owner_unit_id":12,"due":"2026-06-30"}`,
		`{"text":"Rà","owner_person_id":0,"due":"15/05/2026"}`,
	}
	requestSeeds["createLesson"] = []string{
		`{"kind":"dossier","ref":"000.00.15.H27-260302-0001","what":"Trả kết quả trễ 2 ngày","cause":"Chờ ý kiến phối hợp","lesson":"Hỏi ý kiến song song ngay khi nhận hồ sơ","action":"Sửa quy trình nội bộ"}`,
		`{"kind":"procedure","ref":"1.009645","what":"Nhiều hồ sơ phải bổ sung","lesson":"Hướng dẫn thành phần hồ sơ trên cổng"}`,
		`{"kind":"task","ref":"#12","what":"x","lesson":""}`,
		`{"kind":"unit","ref":"","what":"Không","lesson":"Không"}`,
	}
}

// inspectionMatrixCases are the permission matrix's requests of the
// agency's inspections and lessons: an inspection of the own unit's tasks
// led by inspector@own, a lesson about a dossier of the own unit.
func inspectionMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	body := func(path string, b func() string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path, ContentType: "application/json", Body: b()} }
	}
	in := f.NewInspection(t)
	team := accesstest.Target{Parties: accesstest.InspectionParties}
	lesson := f.NewLesson(t)
	doss := f.NewDossier(t)
	owner := f.NewPerson(t, false)
	today := calendar.DateOf(time.Now())
	due := today.AddDays(30).String()
	base := fmt.Sprintf("/api/v1/inspections/%d", in.ID)
	return map[string]matrixCase{
		"GET /api/v1/inspections": {marker: in.Title, build: get("/api/v1/inspections")},
		"POST /api/v1/inspections": {build: body("/api/v1/inspections", func() string {
			return fmt.Sprintf(`{"title":"Kiểm tra nhiệm vụ số %d","subject":"task","unit_ids":[%d],"from":"%d-01-01","to":"%s","sample_size":2,"seed":"11"}`,
				f.Unique(), f.OwnUnit.ID, today.Year, today)
		})},
		"GET /api/v1/inspections/{id}": {build: get(base)},
		"POST /api/v1/inspections/{id}/findings": {target: team, build: body(base+"/findings", func() string {
			return fmt.Sprintf(`{"text":"Phát hiện số %d: nhiệm vụ chưa báo cáo tiến độ"}`, f.Unique())
		})},
		"POST /api/v1/inspections/{id}/recommendations": {target: team, build: body(base+"/recommendations", func() string {
			return fmt.Sprintf(`{"text":"Kiến nghị số %d: báo cáo tiến độ hằng tuần","owner_person_id":%d,"owner_unit_id":%d,"due":%q}`,
				f.Unique(), owner.ID, f.OwnUnit.ID, due)
		})},
		"GET /api/v1/lessons": {marker: lesson, build: get("/api/v1/lessons")},
		"POST /api/v1/lessons": {build: body("/api/v1/lessons", func() string {
			return fmt.Sprintf(`{"kind":"dossier","ref":%q,"what":"Sự việc số %d","lesson":"Bài học rút ra cho lần sau"}`, doss.Code, f.Unique())
		})},
	}
}
