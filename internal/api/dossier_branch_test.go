package api

import (
	"context"
	"fmt"
	"testing"

	"congvu/internal/appraisal"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestParallelConsultationAPI: an investment-policy appraisal through the
// API: two units consulted at once; each answers as its own staff and no
// other unit or agency can; the dossier waits, then goes to the report;
// the extension is the head's and only once; refusals write nothing.
func TestParallelConsultationAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newDossierFixture(t, db)
		_, mux := newDossierServer(t, db, nil)
		ktn, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Kinh tế ngành", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		staff := func(who string, unit org.Unit, name string) org.Person {
			p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: name})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: unit.ID, Role: org.RoleOfficial, ValidFrom: "2020-01-01"}); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAccount(ctx, sys, p.ID, who, testPassword); err != nil {
				t.Fatal(err)
			}
			if f.tokens[who], err = db.CreateToken(ctx, sys, who, "thử nghiệm"); err != nil {
				t.Fatal(err)
			}
			return p
		}
		staff("ktn", ktn, "Bùi Văn Ngành")
		staff("office", f.office, "Tạ Thị Văn")
		p := appraisal.Policy.Procedure(f.agency.ID, f.desk.ID, f.bidding.ID, calendar.Date{Year: 2025, Month: 1, Day: 1})
		if _, err := db.CreateProcedureVersion(ctx, sys, p); err != nil {
			t.Fatal(err)
		}
		intake := fmt.Sprintf(`{"procedure_code":%q,"applicant":{"name":"Ban Quản lý dự án đầu tư xây dựng tỉnh","organization":true},"received_at":%q}`, p.Code, oct(1, 8, 0))
		self := fmt.Sprintf(`"to_unit_id":%d,"to_person_id":%d`, f.bidding.ID, f.official.ID)
		consult := fmt.Sprintf(`"branches":[{"unit_id":%d,"days":5},{"unit_id":%d,"days":3}]`, f.office.ID, ktn.ID)
		answer := func(verdict, unit string) string {
			return fmt.Sprintf(`"verdict":%q,"reason":"Ý kiến của đơn vị"%s`, verdict, unit)
		}
		ev := "/api/v1/dossiers/{A}/events"
		get := "/api/v1/dossiers/{A}"
		runDossierSteps(t, f, mux, map[string]string{}, []dossierStep{
			{name: "intake", method: "POST", path: "/api/v1/dossiers", who: "clerk", body: intake, status: 201, save: "A",
				want: []string{`"due_at":"2026-11-02T17:00:00+07:00"`}}, // 30 calendar days from 1/10 end Sat 31/10: the next working day
			{name: "desk to the division", method: "POST", path: ev, who: "clerk", body: event("forward", oct(1, 9, 0), self), status: 200},
			{name: "to the consultation", method: "POST", path: ev, who: "official", body: event("forward", oct(2, 8, 0), self), status: 200,
				want: []string{`"allowed_actions":["request_supplement","request_payment","stop","withdraw","return_for_rework","consult"`}},
			{name: "a unit of another agency is refused, nothing written", method: "POST", path: ev, who: "official",
				body: event("consult", oct(2, 9, 0), fmt.Sprintf(`"branches":[{"unit_id":%d,"days":5}]`, f.siblingDivision.ID)), status: 400,
				want: []string{`"field":"branches"`}},
			{name: "a bad time to answer", method: "POST", path: ev, who: "official",
				body: event("consult", oct(2, 9, 0), fmt.Sprintf(`"branches":[{"unit_id":%d,"days":0}]`, ktn.ID)), status: 400,
				want: []string{`"field":"branches[0].days"`}},
			{name: "consult two units", method: "POST", path: ev, who: "official", body: event("consult", oct(2, 9, 0), consult), status: 200,
				want: []string{`"version":4`, `"answer_consultation"`}},
			{name: "cannot go on while they have time", method: "POST", path: ev, who: "official", body: event("forward", oct(2, 10, 0), self), status: 409,
				want: []string{`chưa trả lời`}},
			{name: "a consulted unit may not answer for the other", method: "POST", path: ev, who: "office",
				body: event("answer_consultation", oct(2, 10, 0), answer("agree", fmt.Sprintf(`,"unit_id":%d`, ktn.ID))), status: 403},
			{name: "the handling unit does not answer", method: "POST", path: ev, who: "official",
				body: event("answer_consultation", oct(2, 10, 0), answer("agree", fmt.Sprintf(`,"unit_id":%d`, ktn.ID))), status: 403},
			{name: "another agency does not see it", method: "POST", path: ev, who: "sibhead",
				body: event("answer_consultation", oct(2, 10, 0), answer("agree", "")), status: 404},
			{name: "a verdict the answer does not take", method: "POST", path: ev, who: "office",
				body: event("answer_consultation", oct(2, 10, 0), answer("conditional", "")), status: 400, want: []string{`"field":"verdict"`}},
			{name: "nothing was written", method: "GET", path: get, who: "official", status: 200, want: []string{`"version":4`}},
			{name: "the office answers its own", method: "POST", path: ev, who: "office",
				body: event("answer_consultation", oct(2, 11, 0), answer("agree", "")), status: 200},
			{name: "the office cannot answer twice", method: "POST", path: ev, who: "office",
				body: event("answer_consultation", oct(2, 11, 30), answer("agree", fmt.Sprintf(`,"unit_id":%d`, f.office.ID))), status: 403},
			{name: "the owed list of the other unit", method: "GET", path: fmt.Sprintf("/api/v1/consultations?unit_id=%d", ktn.ID), who: "ktn", status: 200,
				want: []string{`"code":"{A}"`, fmt.Sprintf(`"unit_id":%d`, ktn.ID)}},
			{name: "the other answers", method: "POST", path: ev, who: "ktn",
				body: event("answer_consultation", oct(5, 9, 0), answer("disagree", "")), status: 200},
			{name: "to the report", method: "POST", path: ev, who: "official", body: event("forward", oct(5, 10, 0), self), status: 200},
			{name: "no report yet", method: "POST", path: ev, who: "official",
				body: event("forward", oct(5, 11, 0), fmt.Sprintf(`"to_unit_id":%d,"to_person_id":%d`, f.bidding.ID, f.head.ID)), status: 409},
			{name: "the report", method: "POST", path: ev, who: "official",
				body: event("appraisal_report", oct(6, 9, 0), `"verdict":"conditional","reason":"Đồng ý với điều kiện làm rõ nguồn vốn"`), status: 200},
			{name: "an official does not extend", method: "POST", path: ev, who: "official",
				body: event("extend", oct(6, 10, 0), `"extend_days":10,"reason":"Chờ ý kiến bổ sung"`), status: 403},
			{name: "longer than the limit", method: "POST", path: ev, who: "head",
				body: event("extend", oct(6, 10, 0), `"extend_days":31,"reason":"Chờ ý kiến bổ sung"`), status: 400, want: []string{`"field":"extend_days"`}},
			{name: "the head extends once", method: "POST", path: ev, who: "head",
				body: event("extend", oct(6, 10, 0), `"extend_days":10,"reason":"Chờ ý kiến bổ sung"`), status: 200},
			{name: "a second extension is refused", method: "POST", path: ev, who: "head",
				body: event("extend", oct(6, 11, 0), `"extend_days":5,"reason":"lần hai"`), status: 409,
				want: []string{`"code":"conflict"`, `đã được gia hạn đủ số lần cho phép`}},
			{name: "the dossier", method: "GET", path: get, who: "official", status: 200,
				want: []string{`"extensions":1`, `"limit_days":30`, `"verdict":"conditional"`, `"opinion":"Ý kiến của đơn vị"`,
					fmt.Sprintf(`"unit_id":%d,"unit_name":"Phòng Kinh tế ngành"`, ktn.ID), `"verdict":"disagree"`}},
			{name: "the consulted unit reads it", method: "GET", path: get, who: "ktn", status: 200},
			{name: "late consultations by unit", method: "GET", path: "/api/v1/stats/consultations", who: "director", status: 200,
				want: []string{`"answered_on_time":1`}},
			{name: "an official has no agency figures", method: "GET", path: "/api/v1/stats/consultations", who: "official", status: 403},
		})
	})
}
