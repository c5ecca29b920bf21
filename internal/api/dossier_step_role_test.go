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

// TestStepRoleAPI: at the head's approval step the official of the unit
// gets a 403 naming the step and the role; the head takes it.
func TestStepRoleAPI(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
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
	runDossierSteps(t, f, mux, map[string]string{}, []dossierStep{
		{name: "intake", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intake, status: 201, save: "H"},
		{name: "desk to the official", method: "POST", path: ev, who: "clerk", body: event("forward", oct(1, 10, 0), to(f.official)), status: 200},
		{name: "official to the head", method: "POST", path: ev, who: "official", body: event("forward", oct(5, 10, 0), to(f.head)), status: 200},
		{name: "official at the head's step", method: "POST", path: ev, who: "official",
			body: event("forward", oct(6, 10, 0), fmt.Sprintf(`"to_person_id":%d`, f.clerk.ID)), status: 403,
			want: []string{`"code":"forbidden"`, `Bước “Trưởng phòng phê duyệt” do Trưởng phòng (hoặc cấp trên) thực hiện`}},
		{name: "the head", method: "POST", path: ev, who: "head",
			body: event("forward", oct(6, 10, 0), fmt.Sprintf(`"to_person_id":%d`, f.clerk.ID)), status: 200},
	})
}
