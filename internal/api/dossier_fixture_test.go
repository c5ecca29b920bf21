package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

// dossierFixture adds to the foundation's fixture what the one-stop module
// needs:
//
//	Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh (000.00.15.H27)
//	  Phòng Đấu thầu           Nguyễn Văn Chuyên (official), Đỗ Văn Trưởng (head)
//	  Bộ phận Một cửa          Lê Thị Mai (clerk)
//	Sở Tài chính tỉnh Bắc Giang
//	  Bộ phận Một cửa          Đinh Thị Khác (clerk of another agency)
//
// and procedure 1.009645, 15 working days: desk 0.5 / Phòng Đấu thầu 14 /
// desk 0.5, created through the store.
type dossierFixture struct {
	*fixture
	head, otherClerk org.Person
	otherDesk        org.Unit
	proc             dossier.Procedure
}

const procCode = "1.009645"

func newDossierFixture(t *testing.T, db *store.DB) *dossierFixture {
	t.Helper()
	ctx := context.Background()
	f := &dossierFixture{fixture: newFixture(t, db)}
	person := func(who string, agency, in org.Unit, role org.Role, name string) org.Person {
		t.Helper()
		p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency.ID, FullName: name})
		if err != nil {
			t.Fatalf("create person %s: %v", name, err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: in.ID, Role: role, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatalf("membership of %s: %v", name, err)
		}
		if err := db.CreateAccount(ctx, sys, p.ID, who, testPassword); err != nil {
			t.Fatalf("account %s: %v", who, err)
		}
		if f.tokens[who], err = db.CreateToken(ctx, sys, who, "thử nghiệm"); err != nil {
			t.Fatalf("token %s: %v", who, err)
		}
		return p
	}
	var err error
	f.otherDesk, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.otherAgency.ID, Kind: org.KindDesk, Name: "Bộ phận Một cửa Sở Tài chính", ValidFrom: "2008-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.head = person("head", f.agency, f.bidding, org.RoleHead, "Đỗ Văn Trưởng")
	f.otherClerk = person("otherclerk", f.otherAgency, f.otherDesk, org.RoleClerk, "Đinh Thị Khác")
	f.proc, err = db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
		Code: procCode, Name: "Thẩm định kế hoạch lựa chọn nhà thầu", Field: "Đấu thầu",
		Level: dossier.LevelPartial, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays}, Fee: 0,
		Documents: []dossier.Document{{Name: "Tờ trình đề nghị thẩm định", Copy: dossier.Original, Quantity: 1}},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: f.desk.ID, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: f.bidding.ID, Budget: 14},
			{Name: "Trả kết quả", UnitID: f.desk.ID, Role: org.RoleClerk, Budget: 0.5},
		},
		EffectiveFrom: calendar.Date{Year: 2025, Month: time.January, Day: 1}, AgencyID: f.agency.ID,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// newDossierServer is the test server with the dossier module's policy, on
// the clock now (the real one when nil).
func newDossierServer(t *testing.T, db *store.DB, now func() time.Time) (*Server, *http.ServeMux) {
	t.Helper()
	s, mux := newTestServer(t, db, nil)
	dossier.RegisterPolicy(s.deps.Policy)
	if now != nil {
		s.deps.Now = now
	}
	return s, mux
}

// dossierStep is one request of a dossier scenario. Paths and bodies may name
// dossiers created earlier: {A} is the code saved as A, {A.secret} its
// lookup secret.
type dossierStep struct {
	name         string
	method, path string
	body         string
	who          string
	header       map[string]string
	status       int
	want         []string // substrings of the compacted body
	absent       []string
	save         string   // save the created dossier's code and secret under this name
	codes        []string // for a list: the names of the dossiers it must hold, in order
	saveBody     string   // keep the body under this name
	sameAs       string   // the body must equal the one kept under this name
	check        func(t *testing.T, body []byte)
}

var dossierCodeRe = regexp.MustCompile(`^000\.00\.15\.H27-\d{6}-\d{4}$`)

// runDossierSteps runs a scenario in order, saving the codes it creates in vars.
func runDossierSteps(t *testing.T, f *dossierFixture, mux http.Handler, vars map[string]string, steps []dossierStep) {
	t.Helper()
	bodies := map[string]string{}
	subst := func(s string) string {
		for k, v := range vars {
			s = strings.ReplaceAll(s, "{"+k+"}", v)
		}
		return s
	}
	for _, sc := range steps {
		c := call{method: sc.method, path: subst(sc.path), body: subst(sc.body), token: f.tokens[sc.who], header: map[string]string{}}
		for k, v := range sc.header {
			c.header[k] = subst(v)
		}
		rec := do(mux, c)
		body := rec.Body.String()
		compact := compactJSON(rec.Body.Bytes())
		if rec.Code != sc.status {
			t.Errorf("%s: %s %s as %q: status %d, want %d\n%s", sc.name, sc.method, c.path, sc.who, rec.Code, sc.status, body)
			continue
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: Content-Type %q", sc.name, rec.Header().Get("Content-Type"))
		}
		for _, w := range sc.want {
			if !strings.Contains(compact, subst(w)) {
				t.Errorf("%s: body lacks %s\n%s", sc.name, subst(w), body)
			}
		}
		for _, a := range sc.absent {
			if strings.Contains(compact, subst(a)) {
				t.Errorf("%s: body has %s\n%s", sc.name, subst(a), body)
			}
		}
		if sc.save != "" {
			var created struct{ Code, Secret string }
			if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
				t.Fatalf("%s: %v", sc.name, err)
			}
			if !dossierCodeRe.MatchString(created.Code) || len(created.Secret) != 16 {
				t.Errorf("%s: code %q secret %q", sc.name, created.Code, created.Secret)
			}
			if rec.Header().Get("ETag") != `"1"` && rec.Header().Get("ETag") != `"2"` {
				t.Errorf("%s: ETag %q", sc.name, rec.Header().Get("ETag"))
			}
			vars[sc.save], vars[sc.save+".secret"] = created.Code, created.Secret
		}
		if sc.codes != nil {
			var list []struct{ Code string }
			if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
				t.Fatalf("%s: %v", sc.name, err)
			}
			var got, want []string
			for _, d := range list {
				got = append(got, d.Code)
			}
			for _, n := range sc.codes {
				want = append(want, vars[n])
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: dossiers %v, want %v (%v)", sc.name, got, want, sc.codes)
			}
		}
		if sc.saveBody != "" {
			bodies[sc.saveBody] = body
		}
		if sc.sameAs != "" && body != bodies[sc.sameAs] {
			t.Errorf("%s: body differs from %s's:\n%s\n%s", sc.name, sc.sameAs, body, bodies[sc.sameAs])
		}
		if sc.check != nil {
			sc.check(t, rec.Body.Bytes())
		}
	}
}

// matchHeader is an If-Match header.
func matchHeader(v string) map[string]string { return map[string]string{"If-Match": v} }
