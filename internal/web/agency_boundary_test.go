package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/demo"
	"congvu/internal/dossier"
	"congvu/internal/org"
)

// TestProvinceReachesNoDepartment: an account holding the head and
// director roles in the provincial committee's own unit (the parent of Sở
// Tài chính in the demo tree, another agency) sees none of the
// department's people, tasks, dossiers, statistics or delegations, and
// cannot delegate for its director (issue #11, finding 1).
func TestProvinceReachesNoDepartment(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	provinceAccount(t, a, "tinh", "Ngô Văn Tỉnh", org.RoleHead, org.RoleDirector)
	u := a.login(t, "tinh")
	finance := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh")
	director := a.person(t, "Nguyễn Văn Thắng")
	deputy := a.person(t, "Trần Thị Thu Hà")
	fin, _ := strconv.ParseInt(finance, 10, 64)
	if _, err := demo.GenerateDossiers(ctx, a.db, demo.DossierOptions{N: 5, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	ds, err := a.db.FindDossiers(ctx, dossier.Filter{AgencyID: fin, Limit: 1})
	if err != nil || len(ds) == 0 {
		t.Fatalf("demo dossiers: %v %v", ds, err)
	}
	taskLink := regexp.MustCompile(`href="/tasks/\d+"`)
	for _, c := range []struct {
		name, path string
		absent     string
	}{
		{"people", "/people", "Nguyễn Văn Thắng"},
		{"people of the department", "/people?unit=" + finance + "&sub=1", "Nguyễn Văn Thắng"},
		{"a person of the department", "/people/" + director, "Nguyễn Văn Thắng"},
		{"tasks", "/tasks", ""},
		{"the board", "/tasks?tab=board", ""},
		{"a dossier", "/dossiers/" + ds[0].Code, ds[0].Code},
		{"the department's statistics", "/stats/dossiers?unit=" + finance, ""},
		{"delegations", "/delegations", "Giám đốc đi công tác"},
	} {
		res := u.do("GET", c.path, nil, false)
		if res.status != http.StatusOK && res.status != http.StatusForbidden && res.status != http.StatusNotFound {
			t.Errorf("%s: status %d", c.name, res.status)
		}
		if c.absent != "" && res.status == http.StatusOK && strings.Contains(res.body, c.absent) {
			t.Errorf("%s shows %q", c.name, c.absent)
		}
		if strings.HasPrefix(c.path, "/tasks") && taskLink.MatchString(res.body) {
			t.Errorf("%s lists a task: %s", c.name, taskLink.FindString(res.body))
		}
		if strings.HasPrefix(c.path, "/stats") && res.status == http.StatusOK {
			t.Errorf("%s: shown", c.name)
		}
	}
	res := u.do("POST", "/delegations", url.Values{"from_person_id": {director}, "to_person_id": {deputy},
		"starts_on": {"2026-12-20"}, "ends_on": {"2026-12-21"}}, true)
	if res.status != http.StatusForbidden {
		t.Errorf("delegating for the department's director: %d", res.status)
	}
}

// TestUnitChoicesStayInTheAgency: the unit lists of the department's forms
// (people, a person, a new person, a new unit, a restructuring) offer only
// the department's own units, not the provincial committee above it.
func TestUnitChoicesStayInTheAgency(t *testing.T) {
	a := newApp(t)
	u := a.login(t, "admin")
	province := a.unit(t, "UBND tỉnh Bắc Ninh")
	director := a.person(t, "Nguyễn Văn Thắng")
	option := regexp.MustCompile(`<option value="` + province + `"`)
	for _, path := range []string{"/people", "/people/" + director, "/people/new", "/units/new", "/units/restructure"} {
		res := u.do("GET", path, nil, false)
		if res.status != http.StatusOK {
			t.Errorf("%s: status %d", path, res.status)
			continue
		}
		if option.MatchString(res.body) {
			t.Errorf("%s offers the provincial committee's unit %s", path, province)
		}
		if !strings.Contains(res.body, "Sở Tài chính tỉnh Bắc Ninh") {
			t.Errorf("%s does not offer the department itself", path)
		}
	}
}

// TestProvinceAdminCannotMakeAnOperator: the provincial committee's
// administrator manages its memberships, but the system operator role,
// which keeps every agency's national calendar, is given only by an
// operator: the form is refused and nothing is written.
func TestProvinceAdminCannotMakeAnOperator(t *testing.T) {
	a := newApp(t)
	p, province := provinceAccount(t, a, "quantri.tinh", "Đỗ Văn Trị", org.RoleAdmin)
	u := a.login(t, "quantri.tinh")
	path := "/people/" + strconv.FormatInt(p.ID, 10) + "/memberships"
	form := func(role string) url.Values {
		return url.Values{"unit_id": {strconv.FormatInt(province, 10)}, "role": {role}, "valid_from": {"2026-01-01"}}
	}
	if res := u.do("POST", path, form("operator"), true); res.status != http.StatusForbidden || !strings.Contains(res.body, "Vận hành hệ thống") {
		t.Errorf("making themself an operator: %d", res.status)
	}
	ms, err := a.db.PersonMemberships(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Role == org.RoleOperator {
			t.Errorf("an operator membership was written: %+v", m)
		}
	}
	if res := u.do("POST", path, form("inspector"), true); res.status >= 400 {
		t.Errorf("an ordinary role: %d", res.status)
	}
}

// provinceAccount gives a new person of the provincial committee (the demo
// tree's top unit, the department's parent and another agency) the roles in
// its own unit and a login; it returns the person and the unit.
func provinceAccount(t *testing.T, a *app, login, name string, roles ...org.Role) (org.Person, int64) {
	t.Helper()
	ctx := context.Background()
	sys := audit.System("test")
	province, err := strconv.ParseInt(a.unit(t, "UBND tỉnh Bắc Ninh"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: province, FullName: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range roles {
		if _, err := a.db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: province, Role: role, ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	pw := "Mật-khẩu-" + login + "-2026"
	if err := a.db.CreateAccount(ctx, sys, p.ID, login, pw); err != nil {
		t.Fatal(err)
	}
	a.passwords[login] = pw
	return p, province
}
