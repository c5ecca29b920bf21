package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func TestAuditChainDetectsTampering(t *testing.T) {
	cases := []struct {
		name    string
		tamper  string
		wantSeq int64
		want    string
	}{
		{"intact", "", 0, ""},
		{"altered payload", "UPDATE audit_events SET payload = '{\"full_name\":\"Kẻ giả mạo\"}' WHERE seq = 3", 3, "altered"},
		{"altered actor", "UPDATE audit_events SET actor = 'someone else' WHERE seq = 2", 2, "altered"},
		{"moved to another agency", "UPDATE audit_events SET agency_id = 999 WHERE seq = 3", 3, "altered"},
		{"agency removed", "UPDATE audit_events SET agency_id = NULL WHERE seq = 2", 2, "altered"},
		{"deleted row", "DELETE FROM audit_events WHERE seq = 4", 4, "missing"},
		{"deleted tail", "DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)", 7, "last rows were deleted"},
		{"inserted row", "INSERT INTO audit_events (seq, at, actor, object_type, object_id, action, payload, prev_hash, hash) VALUES (8, 0, 'x', 'unit', '1', 'create', '{}', '', '')", 8, "does not match"},
		{"appended beyond head", "INSERT INTO audit_events (seq, at, actor, object_type, object_id, action, payload, prev_hash, hash) VALUES (100, 0, 'x', 'unit', '1', 'create', '{}', '', '')", 8, "missing"},
		{"renumbered", "UPDATE audit_events SET seq = seq + 1000 WHERE seq = 5", 5, "missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				newFixture(t, db) // 7 events: 3 units, 2 people, 2 memberships
				if c.tamper != "" {
					if err := db.ExecRaw(ctx, c.tamper); err != nil {
						t.Fatal(err)
					}
				}
				n, err := db.VerifyAudit(ctx)
				if c.tamper == "" {
					if err != nil || n != 7 {
						t.Fatalf("intact chain: %d events, %v", n, err)
					}
					return
				}
				var b *audit.Break
				if !errors.As(err, &b) {
					t.Fatalf("tampering not detected: %d events, err %v", n, err)
				}
				if b.Seq != c.wantSeq || !strings.Contains(b.Reason, c.want) {
					t.Errorf("break at %d (%s), want %d (%s)", b.Seq, b.Reason, c.wantSeq, c.want)
				}
			})
		})
	}
}

func TestAuditEventsRecordWhoAndWhat(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "person"})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 4 { // two creations, two memberships
			t.Fatalf("person events: %d", len(evs))
		}
		last := evs[0]
		if last.Actor != "test" || last.Action != "add_membership" || !strings.Contains(last.Payload, `"UnitID"`) {
			t.Errorf("last person event: %+v", last)
		}
		// A failed write leaves neither the row nor its journal entry.
		before, _ := db.VerifyAudit(ctx)
		_, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: "nonsense", Name: "X Y", ValidFrom: "2020-01-01"})
		if err == nil {
			t.Fatal("bad unit kind accepted")
		}
		after, err := db.VerifyAudit(ctx)
		if err != nil || after != before {
			t.Errorf("journal changed by a refused write: %d -> %d (%v)", before, after, err)
		}
	})
}

func TestAuditJournalPerAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		other, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H18", Name: "Sở Tài chính tỉnh Bắc Giang", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		stranger, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: other.ID, FullName: "Hoàng Văn Bắc"})
		if err != nil {
			t.Fatal(err)
		}
		// One change by a person of each agency.
		if _, err := db.CreateUnit(ctx, audit.Actor{PersonID: f.alice.ID, Name: f.alice.FullName},
			org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Kinh tế ngành", ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateUnit(ctx, audit.Actor{PersonID: stranger.ID, Name: stranger.FullName},
			org.NewUnit{ParentID: &other.ID, Kind: org.KindDivision, Name: "Phòng Ngân sách", ValidFrom: "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
		mine, err := db.FindAuditEvents(ctx, audit.Filter{AgencyIDs: []int64{f.agency.ID}, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		all, err := db.FindAuditEvents(ctx, audit.Filter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var sawAlice, sawStranger bool
		for _, e := range mine {
			sawAlice = sawAlice || e.ActorID == f.alice.ID
			sawStranger = sawStranger || e.ActorID == stranger.ID
		}
		theirs, err := db.FindAuditEvents(ctx, audit.Filter{AgencyIDs: []int64{other.ID}, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		// The system's entries go to the agency of what they changed: the
		// other agency's unit and person are its own, not shown here.
		if !sawAlice || sawStranger || len(theirs) != 3 || len(all) != len(mine)+len(theirs) {
			t.Errorf("agency view: alice %v, stranger %v, %d + %d of %d entries", sawAlice, sawStranger, len(mine), len(theirs), len(all))
		}
		for _, e := range mine {
			if e.AgencyID != f.agency.ID {
				t.Errorf("event %d (%s %s) in the agency's view concerns agency %d", e.Seq, e.ObjectType, e.Action, e.AgencyID)
			}
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// Issue #11 finding 7: what the command line and congvu itself do is
// journalled under the agency it concerns, so that another agency's
// auditors do not read it; what concerns no agency is the operator's.
func TestAuditSystemEventsCarryTheirAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		other, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.13.H18", Name: "Sở Tài chính tỉnh Bắc Giang", ValidFrom: "2008-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		cli := audit.System("cli")
		if _, err := db.AddUser(ctx, cli, store.NewUser{Person: org.NewPerson{AgencyID: f.agency.ID, FullName: "Lê Văn Cường"},
			Membership: org.NewMembership{UnitID: f.divA.ID, Role: org.RoleInspector, ValidFrom: "2020-01-01"},
			Login:      "cuong.lv", Password: "mat-khau-dai-du-12"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateToken(ctx, cli, "cuong.lv", "báo cáo"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Login(ctx, auth.Attempt{Login: "cuong.lv", Password: "mat-khau-dai-du-12", UserAgent: "test"}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetCultureDay24Nov(ctx, cli, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Restructure(ctx, cli, org.Restructuring{Kind: org.Rename, EffectiveOn: "2025-06-01", Sources: []int64{f.divB.ID},
			NewUnits: []org.NewUnit{{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Đấu thầu, thẩm định"}}}); err != nil {
			t.Fatal(err)
		}
		all, err := db.FindAuditEvents(ctx, audit.Filter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{"create_user": f.agency.ID, "create_token": f.agency.ID, "login": f.agency.ID, "set_culture_day_24_11": 0, "rename": f.agency.ID}
		for _, e := range all {
			if a, ok := want[e.Action]; ok {
				if e.AgencyID != a {
					t.Errorf("%s %s: agency %d, want %d", e.ObjectType, e.Action, e.AgencyID, a)
				}
				delete(want, e.Action)
			}
		}
		if len(want) > 0 {
			t.Errorf("not journalled: %v", want)
		}
		theirs, err := db.FindAuditEvents(ctx, audit.Filter{AgencyIDs: []int64{other.ID}, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		// Another agency reads its own creation and the national calendar's
		// change (it moves every agency's deadlines), nothing of ours.
		var kinds []string
		for _, e := range theirs {
			kinds = append(kinds, e.ObjectType+"/"+e.Action)
		}
		if strings.Join(kinds, " ") != "calendar/set_culture_day_24_11 unit/create" {
			t.Errorf("the other agency reads %v; want only the national calendar's change and its own creation", kinds)
		}
		mine, err := db.FindAuditEvents(ctx, audit.Filter{AgencyIDs: []int64{f.agency.ID}, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		national := 0
		for _, e := range mine {
			if e.Action == "set_culture_day_24_11" {
				national++
			}
		}
		if national != 1 {
			t.Errorf("an agency reads the national calendar's change %d times, want 1", national)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// TestAuditVerifyWhileWriting: verifying the journal while others write to
// it reads the head and the rows of one moment, so it never reports rows
// deleted (or added past the head) that were merely committed in between.
func TestAuditVerifyWhileWriting(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		done := make(chan error, 1)
		go func() {
			for i := 0; i < 150; i++ {
				if _, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: fmt.Sprintf("Người thứ %d", i)}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		for checks := 0; ; checks++ {
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
				if checks == 0 {
					t.Log("the writes ended before the first check")
				}
				if _, err := db.VerifyAudit(ctx); err != nil {
					t.Fatalf("after the writes: %v", err)
				}
				return
			default:
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Fatalf("check %d during the writes: %v", checks, err)
			}
		}
	})
}
