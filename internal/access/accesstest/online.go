package accesstest

import (
	"context"
	"sync"
	"testing"

	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/org"
)

// The targets of the applicant's online services (issue 15 item 4): a
// dossier waiting for a supplement, and a resolved one whose procedure
// delivers its result online.

// OnlineProcedureCode is the fixture's procedure that delivers online.
const OnlineProcedureCode = "3.000003"

var onlineOnce sync.Map // *Fixture → error of creating the online procedure

// NewSupplementDossier is a dossier at its handling step in status 5: the
// official asked for a supplement.
func (f *Fixture) NewSupplementDossier(t testing.TB) Dossier {
	t.Helper()
	d := f.NewDossier(t)
	official := f.Who(org.RoleOfficial, Own)
	rec, err := f.DB.RecordDossierEvent(context.Background(), f.officialActor, d.Code, d.Version, dossier.Event{
		Action: dossier.RequestSupplement, UnitID: f.OwnUnit.ID, SupplementDays: 5,
		Reason: "Bản sao quyết định giao dự toán có chứng thực\nBảng tổng hợp kinh phí có chữ ký của thủ trưởng"})
	if err != nil {
		t.Fatalf("request supplement (as %s): %v", official.Key(), err)
	}
	d.Version = rec.State.Version
	return d
}

// NewOnlineResultDossier is a resolved dossier (status 9) of the
// procedure OnlineProcedureCode, with resultFileID (an upload the caller
// made, with its bytes in its blob store) attached as its result.
func (f *Fixture) NewOnlineResultDossier(t testing.TB, resultFileID int64) Dossier {
	t.Helper()
	ctx := context.Background()
	e, _ := onlineOnce.LoadOrStore(f, &sync.Once{})
	e.(*sync.Once).Do(func() {
		p := f.Procedure
		p.Code, p.Name, p.OnlineResult, p.Version = OnlineProcedureCode, "Cấp bản sao kết quả thẩm định", true, 0
		if _, err := f.DB.CreateProcedureVersion(ctx, sys, p); err != nil {
			t.Fatalf("create the online procedure: %v", err)
		}
	})
	rec, secret, err := f.DB.ReceiveDossier(ctx, f.clerkActor, dossier.Intake{AgencyID: f.Agency.ID, UnitID: f.Desk.ID,
		ProcedureCode: OnlineProcedureCode, Channel: dossier.ChannelDirect, Sets: 1,
		Applicant: dossier.Applicant{Name: "Lê Thị Hoa", IDNumber: "001203004568", Phone: "0912345679"}})
	if err != nil {
		t.Fatalf("receive dossier: %v", err)
	}
	official, clerk := f.Who(org.RoleOfficial, Own), f.Who(org.RoleClerk, Top)
	steps := []struct {
		actor bool // the official's, else the clerk's
		ev    dossier.Event
	}{
		{false, dossier.Event{Action: dossier.Forward, UnitID: f.Desk.ID, ToUnitID: f.OwnUnit.ID, ToPersonID: official.Person.ID, ToPersonName: official.Person.FullName}},
		{true, dossier.Event{Action: dossier.Forward, UnitID: f.OwnUnit.ID, ToUnitID: f.Desk.ID, ToPersonID: clerk.Person.ID, ToPersonName: clerk.Person.FullName}},
	}
	for _, s := range steps {
		actor := f.clerkActor
		if s.actor {
			actor = f.officialActor
		}
		if rec, err = f.DB.RecordDossierEvent(ctx, actor, rec.Code, 0, s.ev); err != nil {
			t.Fatalf("%s: %v", s.ev.Action, err)
		}
	}
	rec, _, err = f.DB.RecordDossierEventWithFiles(ctx, f.clerkActor, rec, rec.State.Version, dossier.Event{Action: dossier.Complete, UnitID: f.Desk.ID},
		[]file.Link{{FileID: resultFileID, Slot: file.SlotResult}})
	if err != nil {
		t.Fatalf("complete with the result: %v", err)
	}
	return Dossier{Code: rec.Code, Secret: secret, Version: rec.State.Version}
}
