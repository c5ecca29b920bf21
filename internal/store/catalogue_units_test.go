package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestStepUnitsStayInTheAgency: neither a procedure version nor an XLSX
// import may give a step to another agency's unit; the import then imports
// nothing and reports the row (issue #11, finding 4).
func TestStepUnitsStayInTheAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOneStop(t, db)
		other, err := db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.22.H27", Name: "Sở Xây dựng tỉnh Bắc Ninh", ValidFrom: "2025-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		foreign, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &other.ID, Kind: org.KindDivision, Name: "Phòng Quản lý xây dựng", ValidFrom: "2025-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		p := o.proc
		p.Code = "1.009660"
		p.Steps = append([]dossier.Step(nil), o.proc.Steps...)
		p.Steps[1].UnitID = foreign.ID
		if _, err := db.CreateProcedureVersion(ctx, sys, p); !apperr.Is(err, apperr.Invalid) || apperr.As(err).Field != "steps[1].unit_id" ||
			!strings.Contains(err.Error(), "Phòng Quản lý xây dựng") {
			t.Errorf("a version with another agency's unit: %v", err)
		}
		if err := db.ImportProcedures(ctx, sys, o.agency.ID, []dossier.Procedure{p}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an import with another agency's unit: %v", err)
		}
		// Another agency's procedure naming this agency's division.
		q := o.proc
		q.Code, q.AgencyID = "1.009661", other.ID
		q.Steps = []dossier.Step{{Name: "Thẩm định", UnitID: o.division.ID, Budget: q.Limit.Value}}
		if _, err := db.CreateProcedureVersion(ctx, sys, q); !apperr.Is(err, apperr.Invalid) || apperr.As(err).Field != "steps[0].unit_id" {
			t.Errorf("another agency's procedure into this agency: %v", err)
		}

		good := []any{"1.009645", "Cấp Giấy chứng nhận đăng ký đầu tư", "Đầu tư tại Việt Nam", "Một phần", "15", "ngày làm việc", "không", "0",
			"01/07/2025", "Văn bản đề nghị thực hiện dự án đầu tư | Bản chính | 1",
			"Tiếp nhận | Bộ phận Một cửa | clerk | 0,5\nThẩm định | Phòng Đăng ký kinh doanh | official | 14,5"}
		foreignRow := append([]any(nil), good...)
		foreignRow[0], foreignRow[10] = "1.009646", "Tiếp nhận | Bộ phận Một cửa | clerk | 0,5\nThẩm định | Phòng Quản lý xây dựng | official | 14,5"
		var buf bytes.Buffer
		if err := report.WriteTable(&buf, store.CatalogueSheet, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"},
			[][]any{good, foreignRow}); err != nil {
			t.Fatal(err)
		}
		_, err = db.ImportCatalogueXLSX(ctx, sys, o.agency.ID, &buf)
		var ce *store.CatalogueError
		if !errors.As(err, &ce) || len(ce.Rows) != 1 || ce.Rows[0].Row != 3 || ce.Rows[0].Column != "steps" || !strings.Contains(ce.Rows[0].VI, "Phòng Quản lý xây dựng") {
			t.Fatalf("import naming another agency's division: %v", err)
		}
		procs, err := db.FindCatalogue(ctx, o.agency.ID)
		if err != nil || len(procs) != 1 {
			t.Errorf("after the refused import the catalogue has %d procedures (%v), want the 1 it had", len(procs), err)
		}
		// A name both agencies use resolves to this agency's unit.
		if _, err := db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &other.ID, Kind: org.KindDesk, Name: "Bộ phận Một cửa", ValidFrom: "2025-03-01"}); err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := report.WriteTable(&buf, store.CatalogueSheet, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}, [][]any{good}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.ImportCatalogueXLSX(ctx, sys, o.agency.ID, &buf); err != nil || n != 1 {
			t.Errorf("import with a name another agency shares: %d %v", n, err)
		}
	})
}
