package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/store"
)

var sys = audit.System("test")

// fixture is two departments of two provinces (so that neither sees the
// other under the agency scope), with staff in each; the first sits under
// its provincial committee (a parent agency, whose staff hold their roles
// in the committee's own unit) beside a sibling department:
//
//	UBND tỉnh Bắc Ninh           Ngô Văn Tỉnh (provdirector), Lý Thị Ủy (provhead)
//	  Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh
//	    Văn phòng Sở             Trần Văn Quản (admin), Phạm Thị Giám (director)
//	    Phòng Đấu thầu           Nguyễn Văn Chuyên (official)
//	    Bộ phận Một cửa          Lê Thị Mai (clerk)
//	  Sở Xây dựng tỉnh Bắc Ninh
//	    Phòng Quản lý xây dựng   Vương Văn Dựng (sibhead, head)
//	Sở Tài chính tỉnh Bắc Giang
//	  Phòng Quản lý ngân sách  Hoàng Văn Bắc (official)
type fixture struct {
	province, agency, office, bidding, desk org.Unit
	sibling, siblingDivision                org.Unit
	otherAgency, otherDivision              org.Unit

	admin, director, official, clerk, otherOfficial org.Person
	provDirector, provHead, siblingHead             org.Person
	// tokens holds an API token per who: admin, director, official, clerk,
	// other, provdirector, provhead, sibhead.
	tokens map[string]string
}

const testPassword = "Mật-khẩu-thử-2026"

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{tokens: map[string]string{}}
	unit := func(parent *org.Unit, kind org.UnitKind, code, name string) org.Unit {
		t.Helper()
		n := org.NewUnit{Kind: kind, Code: code, Name: name, ValidFrom: "2008-01-01"}
		if parent != nil {
			n.ParentID = &parent.ID
		}
		u, err := db.CreateUnit(ctx, sys, n)
		if err != nil {
			t.Fatalf("create unit %s: %v", name, err)
		}
		return u
	}
	f.province = unit(nil, org.KindAgency, "000.00.00.H27", "UBND tỉnh Bắc Ninh")
	f.agency = unit(&f.province, org.KindAgency, "000.00.15.H27", "Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh")
	f.office = unit(&f.agency, org.KindDivision, "", "Văn phòng Sở")
	f.bidding = unit(&f.agency, org.KindDivision, "", "Phòng Đấu thầu")
	f.desk = unit(&f.agency, org.KindDesk, "", "Bộ phận Một cửa")
	f.sibling = unit(&f.province, org.KindAgency, "000.00.22.H27", "Sở Xây dựng tỉnh Bắc Ninh")
	f.siblingDivision = unit(&f.sibling, org.KindDivision, "", "Phòng Quản lý xây dựng")
	f.otherAgency = unit(nil, org.KindAgency, "000.00.13.H18", "Sở Tài chính tỉnh Bắc Giang")
	f.otherDivision = unit(&f.otherAgency, org.KindDivision, "", "Phòng Quản lý ngân sách")

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
	f.admin = person("admin", f.agency, f.office, org.RoleAdmin, "Trần Văn Quản")
	f.director = person("director", f.agency, f.office, org.RoleDirector, "Phạm Thị Giám")
	f.official = person("official", f.agency, f.bidding, org.RoleOfficial, "Nguyễn Văn Chuyên")
	f.clerk = person("clerk", f.agency, f.desk, org.RoleClerk, "Lê Thị Mai")
	f.otherOfficial = person("other", f.otherAgency, f.otherDivision, org.RoleOfficial, "Hoàng Văn Bắc")
	f.provDirector = person("provdirector", f.province, f.province, org.RoleDirector, "Ngô Văn Tỉnh")
	f.provHead = person("provhead", f.province, f.province, org.RoleHead, "Lý Thị Ủy")
	f.siblingHead = person("sibhead", f.sibling, f.siblingDivision, org.RoleHead, "Vương Văn Dựng")
	return f
}

// newTestServer builds the API on db, with its log going to logs when given.
func newTestServer(t *testing.T, st httpx.Store, logs io.Writer) (*Server, *http.ServeMux) {
	t.Helper()
	if logs == nil {
		logs = io.Discard
	}
	s := New(httpx.Deps{Store: st, Policy: auth.NewPolicy(), Log: slog.New(slog.NewTextHandler(logs, nil)),
		Metrics: httpx.NewMetrics(), Now: time.Now, Files: testFiles(t)})
	mux := http.NewServeMux()
	s.Register(mux)
	return s, mux
}

// call is one request to the API.
type call struct {
	method, path, body string
	token              string            // Bearer token, empty for none
	header             map[string]string // extra headers
}

// do serves a call and returns the recorder.
func do(h http.Handler, c call) *httptest.ResponseRecorder {
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req := httptest.NewRequest(c.method, c.path, body)
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// apiError decodes an error response.
func apiError(t *testing.T, rec *httptest.ResponseRecorder) errorDetail {
	t.Helper()
	var e errorResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, rec.Body)
	}
	return e.Error
}

// counts is how much is stored: units, people and journal entries.
type counts struct{ units, people, journal int }

func countAll(t *testing.T, db *store.DB) counts {
	t.Helper()
	ctx := context.Background()
	units, err := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	if err != nil {
		t.Fatal(err)
	}
	people, err := db.FindPeople(ctx, org.PersonFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	events, err := db.FindAuditEvents(ctx, audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := counts{units: len(units), people: len(people)}
	if len(events) > 0 {
		c.journal = int(events[0].Seq)
	}
	return c
}

// compactJSON is for messages.
func compactJSON(b []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return string(b)
	}
	return buf.String()
}
