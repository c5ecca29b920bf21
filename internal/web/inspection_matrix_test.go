package web

import (
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/inspection"
)

// inspectionMatrixCases are the permission matrix's requests of the
// inspection pages and the lessons: reads and the team's writes on one
// inspection of the own unit's tasks led by inspector@own; each plan in a
// year of its own; each conclusion on a fresh inspection with nothing
// left to assess by hand (a sample of projects would be all by hand, so a
// fresh inspection is concluded after its manual items are filled).
func inspectionMatrixCases(t *testing.T, f *accesstest.Fixture) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	form := func(path string, v func() url.Values) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path, Form: v()} }
	}
	in := f.NewInspection(t)
	team := accesstest.Target{Parties: accesstest.InspectionParties}
	lesson := f.NewLesson(t)
	doss := f.NewDossier(t)
	owner := f.NewPerson(t, false)
	today := calendar.DateOf(time.Now())
	base := fmt.Sprintf("/inspections/%d", in.ID)
	year := 2040
	itemOf := func(t testing.TB) string {
		got, err := f.DB.FindInspection(t.Context(), in.ID)
		if err != nil || len(got.Items) == 0 {
			t.Fatalf("inspection %d: %v", in.ID, err)
		}
		return strconv.FormatInt(got.Items[0].RefID, 10)
	}
	return map[string]matrixCase{
		"GET /inspections": {build: get("/inspections")},
		"POST /inspections/plans": {build: form("/inspections/plans", func() url.Values {
			year++
			return url.Values{"year": {strconv.Itoa(year)}, "plan_title": {fmt.Sprintf("Kế hoạch kiểm tra năm %d", year)}}
		})},
		"POST /inspections": {build: form("/inspections", func() url.Values {
			return url.Values{"title": {fmt.Sprintf("Kiểm tra nhiệm vụ số %d", f.Unique())}, "subject": {"task"}, "unit_ids": {strconv.FormatInt(f.OwnUnit.ID, 10)},
				"from": {fmt.Sprintf("01/01/%d", today.Year)}, "to": {today.DMY()}, "sample_size": {"2"}, "seed": {"5"}}
		})},
		"GET /inspections/{id}":                 {build: get(base)},
		"GET /inspections/{id}/conclusion.pdf":  {build: get(base + "/conclusion.pdf")},
		"GET /inspections/{id}/conclusion.docx": {build: get(base + "/conclusion.docx")},
		"POST /inspections/{id}/checks": {target: team, build: func(t testing.TB, _ who) req {
			return req{Path: base + "/checks", Form: url.Values{"ref_id": {itemOf(t)}, "code": {"product_as_required"}, "verdict": {"pass"}}}
		}},
		"POST /inspections/{id}/findings": {target: team, build: form(base+"/findings", func() url.Values {
			return url.Values{"finding_text": {fmt.Sprintf("Phát hiện số %d: chưa báo cáo tiến độ", f.Unique())}, "severity": {"minor"}}
		})},
		"POST /inspections/{id}/recommendations": {target: team, build: form(base+"/recommendations", func() url.Values {
			return url.Values{"rec_text": {fmt.Sprintf("Kiến nghị số %d", f.Unique())}, "owner_person_id": {strconv.FormatInt(owner.ID, 10)}, "due": {today.AddDays(30).DMY()}}
		})},
		"POST /inspections/{id}/conclusion": {target: team, build: func(t testing.TB, _ who) req {
			fresh := f.NewInspection(t)
			got, err := f.DB.FindInspection(t.Context(), fresh.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range got.Items {
				for _, c := range it.Checks {
					if c.Manual {
						if _, err := f.DB.RecordInspectionCheck(t.Context(), audit.System("matrix"), fresh.ID, func(inspection.Inspection) error { return nil }, it.RefID, c.Code, "pass", ""); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			return req{Path: fmt.Sprintf("/inspections/%d/conclusion", fresh.ID), Form: url.Values{"number": {fmt.Sprintf("%d/KL-TTr", f.Unique())},
				"on": {today.DMY()}, "signer": {"Trưởng đoàn kiểm tra"}, "conclusion_text": {"Đơn vị chấp hành quy trình."}}}
		}},
		"GET /lessons": {marker: lesson, build: get("/lessons")},
		"POST /lessons": {build: form("/lessons", func() url.Values {
			return url.Values{"kind": {"dossier"}, "ref": {doss.Code}, "what": {fmt.Sprintf("Sự việc số %d", f.Unique())}, "lesson": {"Bài học rút ra cho lần sau"}}
		})},
	}
}
