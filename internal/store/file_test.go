package store_test

import (
	"context"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/file"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestFileRows: an upload's row, its links to records, and removing one,
// which ends the link (kept for the history) and is an event of the
// record in the journal, as attaching is.
func TestFileRows(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		alice := audit.Actor{PersonID: fx.alice.ID, Name: fx.alice.FullName, AgencyID: fx.agency.ID}
		sum := strings.Repeat("ab", 32)
		f, err := db.CreateFile(ctx, alice, file.File{SHA256: sum, Name: "Đơn đề nghị.pdf", Size: 1234, ContentType: file.PDF,
			AgencyID: fx.agency.ID, UploadedBy: fx.alice.ID})
		if err != nil || f.ID == 0 {
			t.Fatalf("create: %v %+v", err, f)
		}
		got, links, err := db.FindFileByID(ctx, f.ID)
		if err != nil || got.Name != "Đơn đề nghị.pdf" || got.SHA256 != sum || got.Size != 1234 || len(links) != 0 || got.UploadedAt.IsZero() {
			t.Fatalf("find: %v %+v %v", err, got, links)
		}
		if _, _, err := db.FindFileByID(ctx, f.ID+1000); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a missing file: %v", err)
		}
		l, err := db.AttachFile(ctx, alice, file.Link{FileID: f.ID, Kind: file.KindDossier, RecordID: "000.00.15.H27-260302-0001", Slot: file.ChecklistSlot(2)})
		if err != nil || l.ID == 0 || l.File.Name != f.Name {
			t.Fatalf("attach: %v %+v", err, l)
		}
		if _, err := db.AttachFile(ctx, alice, file.Link{FileID: f.ID, Kind: file.KindDossier, RecordID: "x", Slot: "report"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a task's slot on a dossier: %v", err)
		}
		if _, err := db.AttachFile(ctx, alice, file.Link{FileID: f.ID + 1000, Kind: file.KindTask, RecordID: "1", Slot: "report"}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("attaching a missing file: %v", err)
		}
		ls, err := db.FindFileLinks(ctx, file.KindDossier, "000.00.15.H27-260302-0001")
		if err != nil || len(ls) != 1 || file.ChecklistLine(ls[0].Slot) != 2 || !ls[0].Live() {
			t.Fatalf("links: %v %+v", err, ls)
		}
		rm, err := db.RemoveFileLink(ctx, alice, l.ID)
		if err != nil || rm.Live() || rm.RemovedBy != fx.alice.ID {
			t.Fatalf("remove: %v %+v", err, rm)
		}
		if _, err := db.RemoveFileLink(ctx, alice, l.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("removing twice: %v", err)
		}
		ls, _ = db.FindFileLinks(ctx, file.KindDossier, "000.00.15.H27-260302-0001")
		if len(ls) != 1 || ls[0].Live() {
			t.Errorf("a removed link stays in the history, ended: %+v", ls)
		}
		if err := db.JournalFileDownload(ctx, alice, f, true); err != nil {
			t.Fatal(err)
		}
		evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "dossier", ObjectID: "000.00.15.H27-260302-0001"})
		if err != nil || len(evs) != 2 || evs[0].Action != "remove_file" || evs[1].Action != "attach_file" || !strings.Contains(evs[0].Payload, "Đơn đề nghị.pdf") {
			t.Errorf("the dossier's journal: %v %+v", err, evs)
		}
		evs, _ = db.FindAuditEvents(ctx, audit.Filter{ObjectType: "file"})
		if len(evs) != 2 || evs[0].Action != "preview" || evs[1].Action != "upload" {
			t.Errorf("the file's journal: %+v", evs)
		}
	})
}
