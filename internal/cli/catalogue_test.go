package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
)

func TestCatalogueCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	env := map[string]string{"CONGVU_DB": db}
	if code, _, errs := run(t, env, "", "demo"); code != 0 {
		t.Fatalf("demo: %d %q", code, errs)
	}
	agency := strconv.FormatInt(demoAgency(t, db), 10)
	file := filepath.Join(dir, "danh-muc.xlsx")
	code, out, errs := run(t, env, "", "catalogue", "export", "--agency", agency, "--out", file)
	if code != 0 || !strings.Contains(out, "exported") {
		t.Fatalf("export: %d %q %q", code, out, errs)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := report.ReadTable(f, "")
	f.Close()
	if err != nil || len(rows) < 29 {
		t.Fatalf("exported sheet: %d rows, %v", len(rows), err)
	}
	code, out, errs = run(t, env, "", "catalogue", "import", file, "--agency", agency)
	if code != 0 || !strings.Contains(out, "imported "+strconv.Itoa(len(rows)-1)) {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}

	// Two wrong rows: both listed, exit 2, nothing imported.
	rows[1][0] = "1.23"
	rows[2][10] = "Tiếp nhận | Không có phòng này | clerk | 3"
	bad := make([][]any, 0, len(rows)-1)
	for _, r := range rows[1:] {
		row := make([]any, len(r))
		for i, c := range r {
			row[i] = c
		}
		bad = append(bad, row)
	}
	badFile := filepath.Join(dir, "sai.xlsx")
	w, err := os.Create(badFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.WriteTable(w, "Danh mục", rows[0], bad); err != nil {
		t.Fatal(err)
	}
	w.Close()
	code, _, errs = run(t, env, "", "catalogue", "import", badFile, "--agency", agency)
	if code != ExitUsage || !strings.Contains(errs, "row 2, cột/column code") || !strings.Contains(errs, "row 3, cột/column steps") {
		t.Fatalf("bad import: %d %q", code, errs)
	}
	if code, _, errs := run(t, env, "", "catalogue", "export", "--agency", agency, "--out", file); code != 0 {
		t.Fatal(errs)
	}
	f, _ = os.Open(file)
	again, _ := report.ReadTable(f, "")
	f.Close()
	if len(again) != 2*(len(rows)-1)+1 {
		t.Errorf("after the failed import the catalogue has %d rows, want %d", len(again)-1, 2*(len(rows)-1))
	}
	if code, _, _ := run(t, env, "", "catalogue", "import", file); code != ExitUsage {
		t.Errorf("import without --agency: exit %d", code)
	}
}

// TestCatalogueWrongAgency: an id that is no agency (unknown, or a
// division) is a clear error naming "congvu agencies" with exit 2, for
// export and import alike, and writes no file; "congvu agencies" lists the
// ids, the demo's current agency and the ended one.
func TestCatalogueWrongAgency(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	env := map[string]string{"CONGVU_DB": db}
	if code, _, errs := run(t, env, "", "demo"); code != 0 {
		t.Fatalf("demo: %d %q", code, errs)
	}
	agency := demoAgency(t, db)
	code, out, errs := run(t, env, "", "agencies")
	if code != 0 || !strings.Contains(out, strconv.FormatInt(agency, 10)+" ") || !strings.Contains(out, "Sở Tài chính tỉnh Bắc Ninh") ||
		!strings.Contains(out, "Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh") || !strings.Contains(out, "đến/to 28/02/2025") {
		t.Fatalf("agencies: %d %q %q", code, out, errs)
	}
	if strings.Contains(out, "Văn phòng Sở") {
		t.Errorf("agencies lists a division: %q", out)
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	divs, err := st.FindUnits(context.Background(), org.UnitFilter{ParentID: &agency})
	st.Close()
	if err != nil || len(divs) == 0 {
		t.Fatalf("divisions: %v %v", divs, err)
	}
	file := filepath.Join(dir, "x.xlsx")
	for _, id := range []string{"999999", strconv.FormatInt(divs[0].ID, 10)} {
		for _, args := range [][]string{
			{"catalogue", "export", "--agency", id, "--out", file},
			{"catalogue", "export", "--agency", id},
			{"catalogue", "import", file, "--agency", id},
		} {
			code, out, errs := run(t, env, "", args...)
			if code != ExitUsage || !strings.Contains(errs, "congvu agencies") || !strings.Contains(errs, "--agency "+id) || out != "" {
				t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errs)
			}
		}
		if _, err := os.Stat(file); err == nil {
			t.Errorf("--agency %s: a file was written", id)
		}
	}
}

// demoAgency returns the id of the demo's merged department.
func demoAgency(t *testing.T, path string) int64 {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	units, err := db.FindUnits(context.Background(), org.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Kind == org.KindAgency && u.Name == "Sở Tài chính tỉnh Bắc Ninh" {
			return u.ID
		}
	}
	t.Fatal("no demo agency")
	return 0
}
