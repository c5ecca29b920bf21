package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestDelegationCannotGrowItself replays issue #11, finding 2: a deputy
// director acting as director only through a one-week delegation tried to
// delegate the director's roles to themself for 2027 and 2028–2038. Now
// delegated powers cannot delegate, delegating on someone's behalf needs a
// superior, a delegation lasts at most the configured days, and a
// delegation can be revoked, after which it grants nothing.
func TestDelegationCannotGrowItself(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		deputy, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "Trần Thị Phó"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: deputy.ID, UnitID: f.office.ID, Role: org.RoleDeputyDirector, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAccount(ctx, sys, deputy.ID, "deputy", testPassword); err != nil {
			t.Fatal(err)
		}
		if f.tokens["deputy"], err = db.CreateToken(ctx, sys, "deputy", "thử nghiệm"); err != nil {
			t.Fatal(err)
		}
		_, mux := newTestServer(t, db, nil)
		now := time.Now().Truncate(time.Second)
		at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
		day := 24 * time.Hour
		body := func(from, to int64, start, end string) string {
			return fmt.Sprintf(`{"from_person_id":%d,"to_person_id":%d,"starts_at":%q,"ends_at":%q,"reason":"Giám đốc đi công tác"}`, from, to, start, end)
		}
		post := func(who, path, b string) (int, string) {
			rec := do(mux, call{method: "POST", path: path, body: b, token: f.tokens[who]})
			return rec.Code, rec.Body.String()
		}
		me := func(who string) string {
			return do(mux, call{method: "GET", path: "/api/v1/me", token: f.tokens[who]}).Body.String()
		}
		code, week := post("director", "/api/v1/delegations", body(f.director.ID, deputy.ID, at(-time.Hour), at(7*day)))
		if code != http.StatusCreated {
			t.Fatalf("the director's one-week delegation: %d %s", code, week)
		}
		var created struct{ ID int64 }
		if err := json.Unmarshal([]byte(week), &created); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(me("deputy"), `"director"`) {
			t.Fatalf("the deputy does not act as director: %s", me("deputy"))
		}
		for _, c := range []struct {
			name, who, body string
			status          int
			want            string
		}{
			{"the acting director extends it into 2027", "deputy", body(f.director.ID, deputy.ID, "2027-01-01T00:00:00+07:00", "2027-12-31T23:59:59+07:00"), 403, "forbidden"},
			{"the acting director extends it over 2028–2038", "deputy", body(f.director.ID, deputy.ID, "2028-01-01T00:00:00+07:00", "2038-12-31T23:59:59+07:00"), 403, "forbidden"},
			{"the acting director passes the director's roles on", "deputy", body(f.director.ID, f.official.ID, at(day), at(3*day)), 403, "forbidden"},
			{"an official for the director", "official", body(f.director.ID, f.official.ID, at(day), at(3*day)), 403, "forbidden"},
			{"another agency's official for the director", "other", body(f.director.ID, f.otherOfficial.ID, at(day), at(3*day)), 403, "forbidden"},
			{"longer than 90 days", "director", body(f.director.ID, deputy.ID, at(10*day), at(101*day)), 400, `"field":"ends_at"`},
			{"90 days", "director", body(f.director.ID, deputy.ID, at(10*day), at(100*day)), 201, `"active":false`},
			{"the deputy delegates their own roles", "deputy", body(deputy.ID, f.official.ID, at(day), at(3*day)), 201, `"revoked_at":null`},
			{"the administrator for the director", "admin", body(f.director.ID, f.official.ID, at(day), at(3*day)), 201, ""},
		} {
			code, b := post(c.who, "/api/v1/delegations", c.body)
			if code != c.status || !strings.Contains(b, c.want) {
				t.Errorf("%s: %d, want %d with %s\n%s", c.name, code, c.status, c.want, b)
			}
		}
		if code, b := post("director", "/api/v1/delegations", body(f.director.ID, deputy.ID, at(0), at(120*day))); !strings.Contains(b, "90") {
			t.Errorf("the refusal does not say the limit: %d %s", code, b)
		}
		revoke := fmt.Sprintf("/api/v1/delegations/%d/revoke", created.ID)
		for _, c := range []struct {
			name, who string
			status    int
		}{
			{"anonymous", "", 401},
			{"another agency's official", "other", 404},
			{"an official of the agency", "official", 403},
		} {
			if code, b := post(c.who, revoke, ""); code != c.status {
				t.Errorf("revoke by %s: %d, want %d\n%s", c.name, code, c.status, b)
			}
		}
		if code, b := post("director", revoke, ""); code != http.StatusOK || !strings.Contains(b, `"active":false`) || strings.Contains(b, `"revoked_at":null`) {
			t.Fatalf("revoke by the director: %d %s", code, b)
		}
		if strings.Contains(me("deputy"), `"director"`) {
			t.Errorf("the revoked delegation still grants: %s", me("deputy"))
		}
		if code, b := post("director", revoke, ""); code != http.StatusConflict {
			t.Errorf("second revocation: %d %s", code, b)
		}
		if code, b := post("director", "/api/v1/delegations/999999/revoke", ""); code != http.StatusNotFound {
			t.Errorf("revoking nothing: %d %s", code, b)
		}
		list := do(mux, call{method: "GET", path: "/api/v1/delegations", token: f.tokens["official"]})
		if list.Code != http.StatusOK || !strings.Contains(list.Body.String(), fmt.Sprintf(`"id":%d,`, created.ID)) {
			t.Errorf("list: %d %s", list.Code, list.Body)
		}
		if other := do(mux, call{method: "GET", path: "/api/v1/delegations", token: f.tokens["other"]}); other.Code != http.StatusOK || other.Body.String() != "[]\n" && other.Body.String() != "[]" {
			t.Errorf("another agency's list: %d %s", other.Code, other.Body)
		}
		journal := do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/audit?object_type=delegation&object_id=%d", created.ID), token: f.tokens["admin"]})
		if !strings.Contains(journal.Body.String(), `"action":"revoke"`) || !strings.Contains(journal.Body.String(), `"action":"create"`) {
			t.Errorf("journal: %s", journal.Body)
		}
	})
}
