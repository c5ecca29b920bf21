package store_test

import (
	"context"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// An online filing writes its files, the dossier (status 1) and the links
// together under the agency's portal uploader, who is no staff; the cap
// counts the applicant's open online dossiers by e-mail or phone; a filing
// refused writes nothing. Both engines.
func TestFileDossierOnline(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		filing := func(email, phone, sum string) store.OnlineFiling {
			return store.OnlineFiling{MaxOpen: 2, Lines: []int{1},
				Files: []file.File{{SHA256: sum, Name: "don.pdf", Size: 10, ContentType: file.PDF}},
				Intake: dossier.Intake{AgencyID: o.agency.ID, ProcedureCode: o.proc.Code, Sets: 1,
					Applicant: dossier.Applicant{Name: "Nguyễn Văn An", Email: email, Phone: phone},
					Documents: []dossier.Document{{Name: "Giấy đề nghị", Copy: dossier.Electronic, Quantity: 1}}}}
		}
		for i, tc := range []struct {
			name        string
			email, tel  string
			lines       []int
			wantErr     apperr.Code
			wantWritten bool
		}{
			{"first", "an@example.vn", "0912345678", nil, "", true},
			{"second, same e-mail", "an@example.vn", "0911111111", nil, "", true},
			{"third, same e-mail: over the cap", "an@example.vn", "0922222222", nil, apperr.Conflict, false},
			{"same phone as the first: under the cap", "khac@example.vn", "0912345678", nil, "", true},
			{"a file of no document", "moi@example.vn", "0933333333", []int{2}, apperr.Invalid, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := filing(tc.email, tc.tel, "sum"+string(rune('a'+i)))
				if tc.lines != nil {
					f.Lines = tc.lines
				}
				rec, secret, err := db.FileDossierOnline(ctx, f)
				if apperr.CodeOf(err) != tc.wantErr && !(tc.wantErr == "" && err == nil) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				sums, _ := db.FileSums(ctx)
				if sums[f.Files[0].SHA256] != tc.wantWritten {
					t.Errorf("file row written: %v, want %v", sums[f.Files[0].SHA256], tc.wantWritten)
				}
				if err != nil {
					return
				}
				if rec.State.Status != dossier.StatusRegistered || secret == "" {
					t.Errorf("status %d, secret %q", rec.State.Status, secret)
				}
				links, err := db.FindFileLinks(ctx, file.KindDossier, rec.Code)
				if err != nil || len(links) != 1 || links[0].Slot != "doc:1" || links[0].AttachedBy == 0 || links[0].AttachedBy != links[0].File.UploadedBy {
					t.Errorf("links %+v %v", links, err)
				}
			})
		}
		// The fourth above is over the phone's cap only once two share it.
		if _, _, err := db.FileDossierOnline(ctx, filing("ba@example.vn", "0912345678", "sumz")); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("third on one phone: %v", err)
		}
		people, err := db.FindPeople(ctx, org.PersonFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			if p.FullName == "Cổng dịch vụ công" {
				t.Errorf("the portal uploader is listed among the staff: %+v", p)
			}
		}
	})
}
