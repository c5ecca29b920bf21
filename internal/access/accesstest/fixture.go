// Package accesstest is the permission matrix of issue #11: a province
// with an agency, its parent and a sibling, people of every role in every
// place, the targets the routes act on, and a runner that sends each
// route's request as each of them and compares the answer's class with
// what the route's access.Rule declares. internal/api and internal/web run
// it over their route lists (matrix_test.go); the declared matrix is
// written to docs/PERMISSIONS.md.
package accesstest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

// Roles are the roles the matrix gives people, in every place. Adding a
// role to org.Roles adds its rows. So the system operator (org.RoleOperator)
// is held in every place too: in UBND tỉnh, the top unit of the tree, where
// it keeps the national calendar (auth.ScopeNational), and inside the
// agencies, where such a membership gives nothing national.
var Roles = org.Roles

// Place is where an identity holds its role, seen from the target, which
// belongs to the Own unit of the agency (Sở Tài chính).
type Place int

// The places.
const (
	Own     Place = iota // Phòng Quản lý ngân sách, the target's unit
	Other                // Phòng Tài chính đầu tư, another unit of the same agency
	Top                  // Sở Tài chính itself, the unit above both (where directors sit)
	Parent               // UBND tỉnh, the parent agency
	Sibling              // Sở Kế hoạch và Đầu tư, another agency under UBND tỉnh
)

// Places lists the places in the order the matrix prints them.
var Places = []Place{Own, Other, Top, Parent, Sibling}

var placeNames = [...][2]string{
	{"own", "own unit"}, {"other", "other unit"}, {"top", "agency top"},
	{"parent", "parent agency"}, {"sibling", "sibling agency"},
}

// Code is the short name used in identity keys and logins.
func (p Place) Code() string { return placeNames[p][0] }

// String is the place's column heading.
func (p Place) String() string { return placeNames[p][1] }

// Identity is one row of the matrix: a person holding Role at Place, with
// an API token and (when asked for) a browser session, or the anonymous
// visitor when Role is empty.
type Identity struct {
	Role    org.Role
	Place   Place
	Person  org.Person
	Login   string
	Token   string // API token
	Session string // session cookie value; empty unless the fixture made sessions
	CSRF    string // the session's CSRF token
}

// Anonymous reports whether the identity is the visitor without a login.
func (id *Identity) Anonymous() bool { return id.Role == "" }

// Key names the identity: "head@own", or "anonymous".
func (id *Identity) Key() string {
	if id.Anonymous() {
		return "anonymous"
	}
	return string(id.Role) + "@" + id.Place.Code()
}

// Fixture is the province the matrix runs in:
//
//	UBND tỉnh Bắc Ninh (agency, the top unit)    every role: the parent agency; its operator keeps the national calendar
//	  Sở Tài chính (agency)                      every role: the agency top
//	    Phòng Quản lý ngân sách (division)       every role: the own unit, where targets belong
//	    Phòng Tài chính đầu tư (division)        every role: another unit
//	    Bộ phận Một cửa (desk)                   the desk of the procedure
//	  Sở Kế hoạch và Đầu tư (agency)             every role: the sibling agency
//
// and procedure 1.000001 of Sở Tài chính: desk (clerk) 0.5 day, own unit
// 14 days, desk 0.5 day.
type Fixture struct {
	DB                                         *store.DB
	Province, Agency, OwnUnit, OtherUnit, Desk org.Unit
	Sibling                                    org.Unit
	Procedure                                  dossier.Procedure
	Identities                                 []*Identity // Roles × Places, then the anonymous visitor
	byKey                                      map[string]*Identity
	seq                                        int
	placeUnit                                  map[Place]org.Unit
	clerkActor, officialActor                  audit.Actor
}

// Password is every fixture account's password.
const Password = "Mật-khẩu-ma-trận-2026"

// ProcedureCode is the target procedure's national code;
// OtherProcedureCode is in the parent's and the sibling's catalogues.
const (
	ProcedureCode      = "1.000001"
	OtherProcedureCode = "2.000002"
)

var sys = audit.System("matrix")

// New builds the fixture on db. With sessions, every identity also logs in
// (for the web matrix); without, it gets only an API token.
func New(t testing.TB, db *store.DB, sessions bool) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{DB: db, byKey: map[string]*Identity{}}
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
	f.Province = unit(nil, org.KindAgency, "000.00.00.H27", "UBND tỉnh Bắc Ninh")
	f.Agency = unit(&f.Province, org.KindAgency, "000.00.13.H27", "Sở Tài chính tỉnh Bắc Ninh")
	f.OwnUnit = unit(&f.Agency, org.KindDivision, "", "Phòng Quản lý ngân sách")
	f.OtherUnit = unit(&f.Agency, org.KindDivision, "", "Phòng Tài chính đầu tư")
	f.Desk = unit(&f.Agency, org.KindDesk, "", "Bộ phận Một cửa")
	f.Sibling = unit(&f.Province, org.KindAgency, "000.00.15.H27", "Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh")
	f.placeUnit = map[Place]org.Unit{Own: f.OwnUnit, Other: f.OtherUnit, Top: f.Agency, Parent: f.Province, Sibling: f.Sibling}

	for _, role := range Roles {
		for _, p := range Places {
			u := f.placeUnit[p]
			id := &Identity{Role: role, Place: p, Login: fmt.Sprintf("%s.%s", role, p.Code())}
			id.Person = f.person(t, u, role, fmt.Sprintf("%s %s", roleName(role), u.Name))
			f.Identities = append(f.Identities, id)
			f.byKey[id.Key()] = id
		}
	}
	// Hashing and checking passwords is most of the fixture's time: two
	// at once, as many as the machine the matrix is sized for has cores.
	if err := parallel(2, f.Identities, func(id *Identity) error {
		if err := db.CreateAccount(ctx, sys, id.Person.ID, id.Login, Password); err != nil {
			return fmt.Errorf("account %s: %w", id.Login, err)
		}
		var err error
		if id.Token, err = db.CreateToken(ctx, sys, id.Login, "ma trận quyền"); err != nil {
			return fmt.Errorf("token %s: %w", id.Login, err)
		}
		if sessions {
			sid, sess, err := db.Login(ctx, auth.Attempt{Login: id.Login, Password: Password, UserAgent: "matrix"})
			if err != nil {
				return fmt.Errorf("login %s: %w", id.Login, err)
			}
			id.Session, id.CSRF = sid, sess.CSRFToken
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	anon := &Identity{}
	f.Identities = append(f.Identities, anon)
	f.byKey[anon.Key()] = anon

	clerk, official := f.Who(org.RoleClerk, Top), f.Who(org.RoleOfficial, Own)
	f.clerkActor = audit.Actor{PersonID: clerk.Person.ID, Name: clerk.Person.FullName}
	f.officialActor = audit.Actor{PersonID: official.Person.ID, Name: official.Person.FullName}
	var err error
	f.Procedure, err = db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
		Code: ProcedureCode, Name: "Thẩm định dự toán ngân sách", Field: "Ngân sách nhà nước",
		Level: dossier.LevelPartial, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays},
		Documents: []dossier.Document{{Name: "Tờ trình đề nghị thẩm định", Copy: dossier.Original, Quantity: 1}},
		Steps: []dossier.Step{
			{Name: "Tiếp nhận hồ sơ", UnitID: f.Desk.ID, Role: org.RoleClerk, Budget: 0.5},
			{Name: "Thẩm định", UnitID: f.OwnUnit.ID, Budget: 14},
			{Name: "Trả kết quả", UnitID: f.Desk.ID, Role: org.RoleClerk, Budget: 0.5},
		},
		EffectiveFrom: calendar.Date{Year: 2025, Month: time.January, Day: 1}, AgencyID: f.Agency.ID,
	})
	if err != nil {
		t.Fatal(err)
	}
	// The parent and the sibling keep catalogues of their own, under
	// another code, so that a round trip of the caller's catalogue has
	// something to carry.
	for _, u := range []org.Unit{f.Province, f.Sibling} {
		if _, err := db.CreateProcedureVersion(ctx, sys, dossier.Procedure{
			Code: OtherProcedureCode, Name: "Cấp giấy phép thử nghiệm", Field: "Thử nghiệm",
			Level: dossier.LevelPartial, Limit: calendar.Limit{Value: 15, Unit: calendar.WorkingDays},
			Documents: []dossier.Document{{Name: "Đơn đề nghị", Copy: dossier.Original, Quantity: 1}},
			Steps: []dossier.Step{
				{Name: "Tiếp nhận hồ sơ", UnitID: u.ID, Role: org.RoleClerk, Budget: 0.5},
				{Name: "Giải quyết", UnitID: u.ID, Budget: 14.5},
			},
			EffectiveFrom: calendar.Date{Year: 2025, Month: time.January, Day: 1}, AgencyID: u.ID,
		}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// UnitOf is the unit where identities of place p hold their roles.
func (f *Fixture) UnitOf(p Place) org.Unit { return f.placeUnit[p] }

// parallel runs fn on every item, n at a time, and returns the first error.
func parallel[T any](n int, items []T, fn func(T) error) error {
	sem := make(chan struct{}, n)
	errs := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := fn(it); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// login opens a browser session for id, as the login form does.
func (f *Fixture) login(t testing.TB, id *Identity) {
	t.Helper()
	sid, sess, err := f.DB.Login(context.Background(), auth.Attempt{Login: id.Login, Password: Password, UserAgent: "matrix"})
	if err != nil {
		t.Fatalf("login %s: %v", id.Login, err)
	}
	id.Session, id.CSRF = sid, sess.CSRFToken
}

// FreshSession is a second session of id, for a request that ends it
// (logging out) without logging the identity out of later rows.
func (f *Fixture) FreshSession(t testing.TB, id *Identity) *Identity {
	t.Helper()
	c := *id
	if !id.Anonymous() {
		f.login(t, &c)
	}
	return &c
}

// Who returns the identity holding role at place.
func (f *Fixture) Who(role org.Role, p Place) *Identity {
	id, ok := f.byKey[string(role)+"@"+p.Code()]
	if !ok {
		panic("accesstest: no identity " + string(role) + "@" + p.Code())
	}
	return id
}

// Unique returns a number not returned before, for names and dates that
// must differ between rows.
func (f *Fixture) Unique() int { f.seq++; return f.seq }

// person creates someone holding role in u since 2020.
func (f *Fixture) person(t testing.TB, u org.Unit, role org.Role, name string) org.Person {
	t.Helper()
	ctx := context.Background()
	agency := u.AgencyID
	if agency == 0 {
		agency = u.ID
	}
	p, err := f.DB.CreatePerson(ctx, sys, org.NewPerson{AgencyID: agency, FullName: name})
	if err != nil {
		t.Fatalf("create person %s: %v", name, err)
	}
	if _, err := f.DB.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: u.ID, Role: role, ValidFrom: "2020-01-01"}); err != nil {
		t.Fatalf("membership of %s: %v", name, err)
	}
	p, err = f.DB.FindPersonByID(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// roleName is a Vietnamese title for generated names.
func roleName(r org.Role) string { return r.Label("vi") }

// actorOf is the journal's actor for an identity.
func actorOf(id *Identity) audit.Actor {
	return audit.Actor{PersonID: id.Person.ID, Name: id.Person.FullName}
}
