package store_test

import (
	"context"
	"testing"
	"time"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// soon polls cond for at most a few seconds, far less than the hour the
// caches of these tests keep an answer: what it waits for is a
// notification, not a time-to-live.
func soon(cond func() bool) bool {
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// twoPGNodes opens two nodes on one fresh PostgreSQL schema whose caches
// keep answers for an hour, both listening.
func twoPGNodes(t *testing.T) (a, b *store.DB) {
	t.Helper()
	opt := store.Options{CacheFresh: time.Hour}
	a = storetest.New(t, "postgres", opt)
	b, err := a.OpenAnotherNode(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []*store.DB{a, b} {
		if !soon(func() bool { ok, _ := n.Listening(); return ok }) {
			t.Fatal("a node is not listening")
		}
	}
	return a, b
}

// A change committed on one node empties the matching caches of the other
// as soon as its notification arrives, with caches that would otherwise
// keep their answers for an hour; a change made behind the store's back
// (no notification) is not seen, which shows the caches are in use.
func TestInvalidationAcrossNodes(t *testing.T) {
	a, b := twoPGNodes(t)
	ctx := context.Background()
	f := newFixture(t, a)
	subject := func(n *store.DB, id int64) *auth.Subject {
		t.Helper()
		s, err := n.Subject(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Identity: a membership added on A gives Bob the role on B.
	if subject(b, f.bob.ID).Has(org.RoleInspector) {
		t.Fatal("Bob is an inspector already")
	}
	if _, err := a.AddMembership(ctx, sys, org.NewMembership{PersonID: f.bob.ID, UnitID: f.divB.ID, Role: org.RoleInspector, ValidFrom: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool { return subject(b, f.bob.ID).Has(org.RoleInspector) }) {
		t.Error("a membership added on node A did not reach node B's cached subject")
	}

	// A delegation from Alice (head of division A) to Bob.
	now := time.Now()
	if _, err := a.CreateDelegation(ctx, sys, org.Delegation{FromPersonID: f.alice.ID, ToPersonID: f.bob.ID,
		StartsAt: now.Add(-time.Hour), EndsAt: now.Add(24 * time.Hour), Reason: "Đi công tác"}); err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool { return subject(b, f.bob.ID).Has(org.RoleHead) }) {
		t.Error("a delegation created on node A did not reach node B")
	}

	// The tree: a unit created on A.
	tree, err := b.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Tổng hợp", ValidFrom: "2020-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tree.Unit(u.ID); ok {
		t.Fatal("the unit is in the old tree")
	}
	if !soon(func() bool { tr, err := b.Tree(ctx); _, ok := tr.Unit(u.ID); return err == nil && ok }) {
		t.Error("a unit created on node A is not in node B's tree")
	}

	// The calendar: 24/11 becomes a day off on A.
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, vn)
	working := func() bool {
		cal, err := b.Calendar(ctx, f.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		return cal.IsWorkingDay(calendar.DateOf(day))
	}
	if !working() {
		t.Fatal("24/11/2026 is a day off at first")
	}
	if err := a.SetCultureDay24Nov(ctx, sys, true); err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool { return !working() }) {
		t.Error("the 24/11 day off set on node A did not reach node B's calendar")
	}

	// The catalogue: a new version of a procedure, in force from a day.
	o := newOneStop(t, a)
	on := calendar.Date{Year: 2026, Month: 3, Day: 2}
	inForce := func() int {
		p, err := b.ProcedureInForce(ctx, o.agency.ID, o.proc.Code, on)
		if err != nil {
			t.Fatal(err)
		}
		return p.Version
	}
	if v := inForce(); v != o.proc.Version {
		t.Fatalf("in force at first: v%d", v)
	}
	next := o.proc
	next.Version, next.EffectiveFrom, next.Fee = 0, calendar.Date{Year: 2026, Month: 1, Day: 1}, 70000
	v2, err := a.CreateProcedureVersion(ctx, sys, next)
	if err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool { return inForce() == v2.Version }) {
		t.Errorf("version %d created on node A is not in force on node B", v2.Version)
	}

	// The control: a change made by hand, with no notification, is not
	// seen on B, which answers from its cache.
	if err := a.Barrier(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := b.FindPersonWithoutMemberships(ctx, f.alice.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.ExecRaw(ctx, "UPDATE people SET full_name = 'Tên sửa tay lần hai' WHERE id = ?", f.alice.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.Barrier(ctx, b); err != nil {
		t.Fatal(err)
	}
	if p, err := b.FindPersonWithoutMemberships(ctx, f.alice.ID); err != nil || p.FullName == "Tên sửa tay lần hai" {
		t.Errorf("a change made with no notification showed on B at once (%q, %v): is the cache on?", p.FullName, err)
	}
}

// A node whose listener loses its connection forgets everything it had
// cached when it listens again, since it may have missed notifications.
func TestInvalidationListenerReconnects(t *testing.T) {
	a, b := twoPGNodes(t)
	ctx := context.Background()
	f := newFixture(t, a)
	if err := a.Barrier(ctx, b); err != nil { // the fixture's notifications are behind
		t.Fatal(err)
	}
	name := func() string {
		t.Helper()
		p, err := b.FindPersonWithoutMemberships(ctx, f.bob.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p.FullName
	}
	before := name()
	if err := a.ExecRaw(ctx, "UPDATE people SET full_name = 'Đặng Văn Bính' WHERE id = ?", f.bob.ID); err != nil {
		t.Fatal(err)
	}
	if got := name(); got != before {
		t.Fatalf("the cache was not in use: %q", got)
	}
	_, connects := b.Listening()
	if err := a.ExecRaw(ctx, "SELECT pg_terminate_backend(?)", b.ListenerPID()); err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool { ok, n := b.Listening(); return ok && n > connects }) {
		t.Fatal("node B's listener did not come back")
	}
	if got := name(); got != "Đặng Văn Bính" {
		t.Errorf("after the listener came back, B still answers %q", got)
	}
}

// A listener whose connection stays silent checks it now and then, and
// keeps the same connection and its notifications through the checks.
func TestInvalidationListenerPings(t *testing.T) {
	defer store.PingListenersEvery(20 * time.Millisecond)()
	a, b := twoPGNodes(t)
	ctx := context.Background()
	_, connects := b.Listening()
	if !soon(func() bool { return b.ListenerPings() >= 3 }) {
		t.Fatalf("%d checks of a silent connection", b.ListenerPings())
	}
	f := newFixture(t, a)
	if err := a.Barrier(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := b.FindPersonWithoutMemberships(ctx, f.bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.CreateAccount(ctx, sys, f.bob.ID, "binh.dv", "mật-khẩu-đủ-dài-2026"); err != nil {
		t.Fatal(err)
	}
	if !soon(func() bool {
		p, err := b.FindPersonWithoutMemberships(ctx, f.bob.ID)
		return err == nil && p.Login == "binh.dv"
	}) {
		t.Error("after the checks, node B no longer hears of changes")
	}
	if ok, n := b.Listening(); !ok || n != connects {
		t.Errorf("listening %v after %d connections, want the first one still", ok, n)
	}
}
