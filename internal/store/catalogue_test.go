package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

func TestCatalogueRoundTrip(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		var buf bytes.Buffer
		n, err := db.ExportCatalogueXLSX(ctx, o.agency.ID, &buf)
		if err != nil || n != 1 {
			t.Fatalf("export: %d %v", n, err)
		}
		got, err := db.ImportCatalogueXLSX(ctx, sys, o.agency.ID, bytes.NewReader(buf.Bytes()))
		if err != nil || got != 1 {
			t.Fatalf("import: %d %v", got, err)
		}
		vs, err := db.FindProcedureVersions(ctx, o.agency.ID, o.proc.Code)
		if err != nil || len(vs) != 2 {
			t.Fatalf("versions: %d %v", len(vs), err)
		}
		v2 := vs[1]
		v2.Version = 1
		if !equalProcedures(vs[0], v2) {
			t.Errorf("round trip changed the procedure:\n%+v\n%+v", vs[0], vs[1])
		}
	})
}

func equalProcedures(a, b dossier.Procedure) bool {
	if len(a.Documents) != len(b.Documents) || len(a.Steps) != len(b.Steps) {
		return false
	}
	for i := range a.Documents {
		if a.Documents[i] != b.Documents[i] {
			return false
		}
	}
	for i := range a.Steps {
		if a.Steps[i] != b.Steps[i] {
			return false
		}
	}
	a.Documents, b.Documents, a.Steps, b.Steps = nil, nil, nil, nil
	return a.Code == b.Code && a.Name == b.Name && a.Field == b.Field && a.Level == b.Level && a.Limit == b.Limit &&
		a.Fee == b.Fee && a.Version == b.Version && a.EffectiveFrom == b.EffectiveFrom && a.AgencyID == b.AgencyID
}

func TestCatalogueImportRowErrors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		good := []any{"1.009645", "Cấp Giấy chứng nhận đăng ký đầu tư", "Đầu tư tại Việt Nam", "Một phần", "15", "ngày làm việc", "không", "0",
			"01/07/2025", "Văn bản đề nghị thực hiện dự án đầu tư | Bản chính | 1",
			"Tiếp nhận | Bộ phận Một cửa | clerk | 0,5\nThẩm định | Phòng Đăng ký kinh doanh | official | 14,5"}
		badSteps := append([]any(nil), good...)
		badSteps[0], badSteps[10] = "1.009646", "Tiếp nhận | Bộ phận Một cửa | clerk | 0,5\nThẩm định | Phòng Không Có | official | 10"
		badDate := append([]any(nil), good...)
		badDate[0], badDate[8], badDate[3] = "1.009647", "31/02/2025", "Nhanh"
		var buf bytes.Buffer
		if err := report.WriteTable(&buf, store.CatalogueSheet, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"},
			[][]any{good, badSteps, badDate}); err != nil {
			t.Fatal(err)
		}
		_, err := db.ImportCatalogueXLSX(ctx, sys, o.agency.ID, &buf)
		var ce *store.CatalogueError
		if !errors.As(err, &ce) || !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("err = %v, want a CatalogueError", err)
		}
		want := map[int][]string{3: {"steps"}, 4: {"level", "effective_from"}}
		got := map[int][]string{}
		for _, r := range ce.Rows {
			got[r.Row] = append(got[r.Row], r.Column)
			if r.VI == "" || r.EN == "" {
				t.Errorf("row error without a message: %+v", r)
			}
		}
		for row, cols := range want {
			for _, c := range cols {
				found := false
				for _, g := range got[row] {
					found = found || g == c
				}
				if !found {
					t.Errorf("row %d: no error on column %s (got %v)", row, c, ce.Rows)
				}
			}
		}
		if _, ok := got[2]; ok {
			t.Errorf("the good row 2 has errors: %v", ce.Rows)
		}
		procs, err := db.FindCatalogue(ctx, o.agency.ID)
		if err != nil || len(procs) != 1 {
			t.Errorf("after a failed import the catalogue has %d procedures (%v), want the 1 it had", len(procs), err)
		}
	})
}

func TestImportProceduresAllOrNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		ok := o.proc
		ok.Code = "1.009650"
		broken := o.proc
		broken.Code = "1.009651"
		broken.Steps = append([]dossier.Step(nil), o.proc.Steps...)
		broken.Steps[1].UnitID = 999999
		err := db.ImportProcedures(ctx, sys, o.agency.ID, []dossier.Procedure{ok, broken})
		if !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("err = %v, want invalid", err)
		}
		if _, err := db.FindProcedureVersions(ctx, o.agency.ID, "1.009650"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the first procedure was created although the second failed: %v", err)
		}
		if err := db.ImportProcedures(ctx, sys, o.agency.ID, []dossier.Procedure{ok}); err != nil {
			t.Fatal(err)
		}
	})
}
