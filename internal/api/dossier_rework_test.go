package api

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestReturnForReworkAPI: at the head's approval step the official gets a
// 403, an empty reason a 400 naming it, a step that is not earlier a 400;
// the head returns the dossier to the official's step, which the answer
// and the dossier then show, and the official may act on it again.
func TestReturnForReworkAPI(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := storetest.New(t, engine, store.Options{})
			f := newDossierFixture(t, db)
			_, mux := newDossierServer(t, db, nil)
			_, err := db.CreateProcedureVersion(context.Background(), sys, dossier.Procedure{
				Code: "1.009646", Name: "Thẩm định có bước Trưởng phòng duyệt", Field: "Đấu thầu",
				Level: dossier.LevelPartial, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays},
				Steps: []dossier.Step{
					{Name: "Tiếp nhận hồ sơ", UnitID: f.desk.ID, Role: org.RoleClerk, Budget: 0.5},
					{Name: "Thẩm định", UnitID: f.bidding.ID, Role: org.RoleOfficial, Budget: 13},
					{Name: "Trưởng phòng phê duyệt", UnitID: f.bidding.ID, Role: org.RoleHead, Budget: 1},
					{Name: "Trả kết quả", UnitID: f.desk.ID, Role: org.RoleClerk, Budget: 0.5},
				},
				EffectiveFrom: calendar.Date{Year: 2025, Month: time.January, Day: 1}, AgencyID: f.agency.ID,
			})
			if err != nil {
				t.Fatal(err)
			}
			intake := fmt.Sprintf(`{"procedure_code":"1.009646","applicant":{"name":"Nguyễn Văn An","id_number":"001203004567"},"channel":"direct","received_at":%q,"sets":1}`, oct(1, 8, 0))
			to := func(p org.Person) string { return fmt.Sprintf(`"to_unit_id":%d,"to_person_id":%d`, f.bidding.ID, p.ID) }
			ev := "/api/v1/dossiers/{H}/events"
			reason := `"reason":"Thiếu ý kiến của Phòng Tài chính"`
			runDossierSteps(t, f, mux, map[string]string{}, []dossierStep{
				{name: "intake", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intake, status: 201, save: "H"},
				{name: "desk to the official", method: "POST", path: ev, who: "clerk", body: event("forward", oct(1, 10, 0), to(f.official)), status: 200},
				{name: "nothing to return to at the first processing step", method: "POST", path: ev, who: "official",
					body: event("return_for_rework", oct(2, 10, 0), reason), status: 409, want: []string{`"code":"conflict"`}},
				{name: "official to the head", method: "POST", path: ev, who: "official", body: event("forward", oct(5, 10, 0), to(f.head)), status: 200,
					want: []string{`"allowed_actions":[`, `"return_for_rework"`}},
				{name: "official at the head's step", method: "POST", path: ev, who: "official",
					body: event("return_for_rework", oct(6, 10, 0), reason), status: 403,
					want: []string{`"code":"forbidden"`, `Bước “Trưởng phòng phê duyệt” do Trưởng phòng (hoặc cấp trên) thực hiện`}},
				{name: "another agency", method: "POST", path: ev, who: "other", body: event("return_for_rework", oct(6, 10, 0), reason), status: 404},
				{name: "empty reason", method: "POST", path: ev, who: "head", body: event("return_for_rework", oct(6, 10, 0), `"reason":"  "`), status: 400,
					want: []string{`"field":"reason"`, `lý do`}},
				{name: "not an earlier step", method: "POST", path: ev, who: "head", body: event("return_for_rework", oct(6, 10, 0), reason+`,"to_step":2`), status: 400,
					want: []string{`"field":"to_step"`}},
				{name: "negative step", method: "POST", path: ev, who: "head", body: event("return_for_rework", oct(6, 10, 0), reason+`,"to_step":-1`), status: 400,
					want: []string{`"field":"to_step"`}},
				{name: "the head returns it", method: "POST", path: ev, who: "head", body: event("return_for_rework", oct(6, 10, 0), reason), status: 200,
					want: []string{`"status_code":4`, `"current_step":1`, `"due_at":"2026-10-22T08:00:00+07:00"`, `"action":"return_for_rework"`,
						`"to_step":1`, fmt.Sprintf(`"to_person_id":%d`, f.official.ID), `"reason":"Thiếu ý kiến của Phòng Tài chính"`}},
				{name: "the dossier shows it", method: "GET", path: "/api/v1/dossiers/{H}", who: "official", status: 200,
					want: []string{`"current_step":{"index":1`, `"action_label":"trả lại để xử lý lại"`}},
				{name: "the official forwards again", method: "POST", path: ev, who: "official", body: event("forward", oct(7, 10, 0), to(f.head)), status: 200},
			})
		})
	}
}
