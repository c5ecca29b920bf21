package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/file/filetest"
	"congvu/internal/review"
)

// reviewMatrixCases are the permission matrix's requests of the period
// reviews and the discipline pages: a review and a violation with its
// evidence in the own unit for the reads, a fresh review or person per row
// for the writes.
func reviewMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	get := func(path string) func(testing.TB, who) req {
		return func(testing.TB, who) req { return req{Path: path} }
	}
	rv := f.NewReview(t)
	one := fmt.Sprintf("/reviews/%d", rv.ID)
	p := f.NewPerson(t, false)
	up, err := s.deps.SaveUpload(context.Background(), &auth.Subject{PersonID: p.ID, AgencyID: f.Agency.ID, Name: p.FullName}, "Biên bản.pdf", bytes.NewReader(filetest.PDF(t)))
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.DB.RecordViolation(context.Background(), audit.System("matrix"), review.Violation{AgencyID: f.Agency.ID, PersonID: p.ID, UnitID: f.OwnUnit.ID,
		Checklist: "ct09", ItemCode: "CT09-01", On: calendar.Date{Year: 2026, Month: time.March, Day: 2}, Severity: review.Reminder, EvidenceID: up.ID},
		func(review.Violation) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	pdf := filetest.PDF(t)
	return map[string]matrixCase{
		"GET /reviews":           {build: get("/reviews?year=2026")},
		"GET /reviews/{id}":      {build: get(one)},
		"GET /reviews/{id}/docx": {build: get(one + "/docx")},
		"GET /reviews/{id}/pdf":  {build: get(one + "/pdf")},
		"POST /reviews": {build: func(testing.TB, who) req {
			kind, year, index := f.ReviewPeriod()
			return req{Path: "/reviews", Form: url.Values{"unit_id": {fmt.Sprint(f.OwnUnit.ID)}, "year": {fmt.Sprint(year)}, "period": {fmt.Sprintf("%s-%d", kind, index)}}}
		}},
		"POST /reviews/{id}": {build: func(t testing.TB, _ who) req {
			fresh := f.NewReview(t)
			return req{Path: fmt.Sprintf("/reviews/%d", fresh.ID), Form: url.Values{"results": {"Hoàn thành các nhiệm vụ."}, "number": {"2/BC-QLNS"}}}
		}},
		"POST /reviews/{id}/issue": {build: func(t testing.TB, _ who) req {
			fresh := f.NewReview(t)
			return req{Path: fmt.Sprintf("/reviews/%d/issue", fresh.ID), Form: url.Values{}}
		}},
		"GET /violations":               {build: get("/violations?from=01/01/2026&to=31/12/2026")},
		"GET /violations/{id}/evidence": {build: get(fmt.Sprintf("/violations/%d/evidence", v.ID))},
		"POST /violations": {build: func(t testing.TB, id who) req {
			target := f.NewPerson(t, false)
			fields := map[string]string{"person_id": fmt.Sprint(target.ID), "item": "ct09|CT09-02", "on": "02/03/2026", "severity": "reminder", "note": "Làm việc riêng"}
			if id.CSRF != "" {
				fields["csrf"] = id.CSRF
			}
			body, ct := multipartForm(t, fields, "file", "Biên bản.pdf", pdf)
			return req{Path: "/violations", Body: body, ContentType: ct}
		}},
		"GET /checklists": {build: get("/checklists")},
		"POST /checklists": {build: func(testing.TB, who) req {
			return req{Path: "/checklists", Form: url.Values{"key": {"qd733"}, "basis": {"Quyết định số 733/QĐ-TTg ngày 14/06/2019"}, "from": {"01/01/2026"},
				"items": {"QD733-01 | Trang phục gọn gàng\nQD733-02 | Giao tiếp lịch sự"}}}
		}},
		"GET /emulation": {build: get("/emulation?year=2026")},
		// Nobody is proposed in the fixture: the director's request gets past
		// the permission to the refusal of an empty choice.
		"POST /emulation": {allowed: func(rec *httptest.ResponseRecorder) bool {
			return rec.Code == http.StatusBadRequest && strings.Contains(rec.Body.String(), "Chưa chọn người nào")
		}, build: func(testing.TB, who) req { return req{Path: "/emulation", Form: url.Values{"year": {"2026"}}} }},
	}
}
