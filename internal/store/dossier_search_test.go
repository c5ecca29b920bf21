package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"congvu/internal/dossier"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// Search finds what contains the query once both are folded, newest first,
// whether the trigram index serves it (three characters or more, the
// search box) or the rows are matched one by one (a shorter query, a
// queue); LIKE's wildcards and FTS5's syntax in a query are plain text.
func TestFindDossiersSearch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		applicants := []struct{ name, id string }{
			{"Nguyễn Văn An", "001203004567"},
			{"Công ty TNHH Đầu tư 50%_Xanh", "230012345678"},
			{`Trần Thị "Bé" Hoa`, "027734634947"},
		}
		codes := map[string]string{} // applicant → code
		for i, a := range applicants {
			in := o.intake(a.name, time.Date(2026, 3, 2, 8+i, 0, 0, 0, vn), dossier.ChannelDirect)
			in.Applicant.IDNumber = a.id
			rec, _, err := db.ReceiveDossier(ctx, o.clerk, in)
			if err != nil {
				t.Fatal(err)
			}
			codes[a.name] = rec.Code
		}
		an, company, hoa := applicants[0].name, applicants[1].name, applicants[2].name
		all := []string{hoa, company, an} // newest first
		cases := []struct {
			name string
			f    dossier.Filter
			want []string
		}{
			{"folded words", dossier.Filter{Query: "dau tu"}, []string{company}},
			{"diacritics and case in the query", dossier.Filter{Query: "ĐẦU TƯ"}, []string{company}},
			{"a name", dossier.Filter{Query: "nguyen van"}, []string{an}},
			{"part of a code", dossier.Filter{Query: codes[hoa][len(codes[hoa])-11:]}, []string{hoa}},
			{"the whole code", dossier.Filter{Query: codes[an]}, []string{an}},
			{"part of an identity number", dossier.Filter{Query: "3463494"}, []string{hoa}},
			{"LIKE wildcards are text", dossier.Filter{Query: "50%_x"}, []string{company}},
			{"a wildcard matches nothing else", dossier.Filter{Query: "n%n"}, nil},
			{"quotes are text", dossier.Filter{Query: `"be"`}, []string{hoa}},
			{"the procedure's name, newest first", dossier.Filter{Query: "doanh nghiep"}, all},
			{"a page of the newest", dossier.Filter{Query: "doanh nghiep", Limit: 2}, all[:2]},
			{"the next page", dossier.Filter{Query: "doanh nghiep", Limit: 2, Offset: 2}, all[2:]},
			{"too short for the index, matched row by row", dossier.Filter{Query: "an"}, all},
			{"nothing", dossier.Filter{Query: "khong co ai"}, nil},
			{"within the agency", dossier.Filter{AgencyID: o.agency.ID, Query: "tran thi"}, []string{hoa}},
			{"another agency", dossier.Filter{AgencyID: o.agency.ID + 1000, Query: "tran thi"}, nil},
			{"within a queue", dossier.Filter{Open: true, UnitIDs: []int64{o.desk.ID}, Query: "doanh nghiep"}, all},
			{"behind a report figure, by due instant", dossier.Filter{Figure: dossier.FigReceivedDirect, Query: "doanh nghiep",
				From: time.Date(2026, 3, 1, 0, 0, 0, 0, vn), To: time.Date(2026, 3, 31, 0, 0, 0, 0, vn)}, []string{an, company, hoa}},
			{"behind a figure, a wildcard is text", dossier.Filter{Figure: dossier.FigReceivedDirect, Query: "50%_x",
				From: time.Date(2026, 3, 1, 0, 0, 0, 0, vn), To: time.Date(2026, 3, 31, 0, 0, 0, 0, vn)}, []string{company}},
		}
		// In a few rows every query found is common among the newest; an
		// empty sample makes every query rare, asked of the index.
		for _, sample := range []string{"common", "rare"} {
			if sample == "rare" {
				db.SampleNothingForSearch()
			}
			for _, c := range cases {
				t.Run(sample+"/"+c.name, func(t *testing.T) {
					got, err := db.FindDossiers(ctx, c.f)
					if err != nil {
						t.Fatal(err)
					}
					var names []string
					for _, s := range got {
						names = append(names, s.ApplicantName)
					}
					if !slices.Equal(names, c.want) {
						t.Errorf("got %q, want %q", names, c.want)
					}
				})
			}
		}
	})
}
