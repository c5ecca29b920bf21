package demo

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"congvu/internal/appraisal"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/store"
)

// now is a fixed clock in 2026, after the merger and the rename.
var now = time.Date(2026, 3, 2, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))

const today = "2026-03-02"

func openDB(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func seed(t *testing.T) (*store.DB, []Account) {
	t.Helper()
	db := openDB(t)
	start := time.Now()
	accs, err := Seed(context.Background(), db, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded in %v", time.Since(start))
	return db, accs
}

// unitNamed returns the one unit with that name which is current, or which
// ended, as asked.
func unitNamed(t *testing.T, tree *org.Tree, name string, current bool) org.Unit {
	t.Helper()
	var found []org.Unit
	for _, u := range tree.Units() {
		if u.Name == name && u.Current() == current {
			found = append(found, u)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d units named %q (current=%v), want 1", len(found), name, current)
	}
	return found[0]
}

func TestSeedAccountsLogIn(t *testing.T) {
	db, accs := seed(t)
	ctx := context.Background()
	want := []string{"admin", "giamdoc", "truongphong.kgvx", "chuyenvien", "motcua", "thanhtra", "vanhanh"}
	var got []string
	for _, a := range accs {
		got = append(got, a.Login)
		if _, _, err := db.Login(ctx, auth.Attempt{Login: a.Login, Password: a.Password, UserAgent: "test"}); err != nil {
			t.Errorf("login %s: %v", a.Login, err)
		}
		if a.Name == "" || a.Role == "" || len(a.Password) < 10 {
			t.Errorf("account %+v is incomplete", a)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("no account %q in %v", w, got)
		}
	}
	if _, _, err := db.Login(ctx, auth.Attempt{Login: "admin", Password: "wrong-password", UserAgent: "test"}); err == nil {
		t.Error("a wrong password logged in")
	}

	// The administrator holds the admin role, through the merged office.
	sub := subjectOf(t, db, "admin")
	if !sub.Has(org.RoleAdmin) {
		t.Errorf("admin grants %+v lack the admin role", sub.Grants)
	}
}

// Demo passwords are drawn at random for each database: a public pattern
// ("Congvu@2026-" and the login) would open every demo left running on a
// network.
func TestSeedPasswordsAreRandom(t *testing.T) {
	_, first := seed(t)
	_, second := seed(t)
	seen := map[string]bool{}
	for i, a := range first {
		if a.Password == second[i].Password || seen[a.Password] {
			t.Errorf("%s: the password %q repeats", a.Login, a.Password)
		}
		seen[a.Password] = true
		if strings.Contains(strings.ToLower(a.Password), strings.ToLower(a.Login)) || strings.Contains(a.Password, "2026") {
			t.Errorf("%s: the password %q follows a pattern", a.Login, a.Password)
		}
	}
}

func TestSeedStaff(t *testing.T) {
	db, _ := seed(t)
	people, err := db.FindPeople(context.Background(), org.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(people); n < 35 || n > 45 {
		t.Fatalf("%d people, want 35 to 45", n)
	}
	emails := map[string]bool{}
	for _, p := range people {
		if len(p.Memberships) != 1 {
			t.Errorf("%s has %d current memberships, want 1", p.FullName, len(p.Memberships))
		}
		if emails[p.Email] {
			t.Errorf("email %s used twice", p.Email)
		}
		emails[p.Email] = true
		if !strings.HasSuffix(p.Email, "@sotaichinh.bacninh.gov.vn") && p.Email != "van.luong@bacninh.gov.vn" { // the province's operator
			t.Errorf("email %q", p.Email)
		}
		for _, r := range p.Email {
			if r > unicode.MaxASCII {
				t.Errorf("email %q is not ASCII", p.Email)
				break
			}
		}
	}
}

// TestNamesNFC checks that every name is written with Vietnamese letters,
// precomposed: a name typed with combining marks looks alike but neither
// sorts nor matches alike.
func TestNamesNFC(t *testing.T) {
	families := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh",
		"Trịnh", "Lý", "Phan", "Vương", "Hà", "Cao", "Lương", "Tạ", "Đào", "Chu", "Mai", "Kiều"}
	check := func(what, s string) {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%s %q is not NFC", what, s)
		}
	}
	for _, p := range staff {
		check("name", p.name)
		check("position", p.position)
		words := strings.Fields(p.name)
		if len(words) < 3 || len(words) > 4 || !slices.Contains(families, words[0]) {
			t.Errorf("name %q: want a known family name and 3 or 4 words", p.name)
		}
		accented := false
		for _, w := range words {
			if r := []rune(w); !unicode.IsUpper(r[0]) {
				t.Errorf("name %q: %q is not capitalised", p.name, w)
			}
			for _, r := range w {
				if !unicode.IsLetter(r) {
					t.Errorf("name %q holds %q", p.name, r)
				}
				accented = accented || r > unicode.MaxASCII
			}
		}
		if !accented {
			t.Errorf("name %q has no diacritics", p.name)
		}
	}
	for _, d := range append(append([]unitSpec{}, planningDivisions...), financeDivisions...) {
		check("unit", d.name)
	}
}

func TestSeedRestructuring(t *testing.T) {
	db, _ := seed(t)
	ctx := context.Background()
	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	planning := unitNamed(t, tree, "Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh", false)
	oldFinance := unitNamed(t, tree, "Sở Tài chính tỉnh Bắc Ninh", false)
	finance := unitNamed(t, tree, "Sở Tài chính tỉnh Bắc Ninh", true)
	province := unitNamed(t, tree, "UBND tỉnh Bắc Ninh", true)
	for _, old := range []org.Unit{planning, oldFinance} {
		if old.ValidTo == nil || *old.ValidTo != "2025-02-28" {
			t.Errorf("%s ends %v, want 2025-02-28", old.Name, old.ValidTo)
		}
		if got := tree.CurrentSuccessors(old.ID); !slices.Equal(got, []int64{finance.ID}) {
			t.Errorf("successors of %s (%d) = %v, want [%d]", old.Name, old.ID, got, finance.ID)
		}
	}
	if finance.ValidFrom != MergerDate || finance.Code != financeCode || finance.Kind != org.KindAgency {
		t.Errorf("new department = %+v", finance)
	}
	if province.Code != ProvinceCode || finance.ParentID == nil || *finance.ParentID != province.ID {
		t.Errorf("province %+v, new department's parent %v", province, finance.ParentID)
	}

	// Every current division of both old departments is now the new one's.
	kids, err := db.FindUnits(ctx, org.UnitFilter{ParentID: &finance.ID})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range kids {
		names = append(names, k.Name)
		if k.AgencyID != finance.ID {
			t.Errorf("%s belongs to agency %d, want %d", k.Name, k.AgencyID, finance.ID)
		}
	}
	for _, want := range []string{"Văn phòng", "Thanh tra", "Phòng Khoa giáo – Văn xã", "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư",
		"Bộ phận Tiếp nhận và Trả kết quả", "Phòng Đăng ký kinh doanh và Hộ kinh doanh", "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư"} {
		if !slices.Contains(names, want) {
			t.Errorf("%q is not under the new department: %v", want, names)
		}
	}
	if len(names) != 11 { // 8 divisions and a desk, less one office, plus two finance divisions
		t.Errorf("%d units under the new department, want 11: %v", len(names), names)
	}
	for _, old := range []org.Unit{planning, oldFinance} {
		if left, _ := db.FindUnits(ctx, org.UnitFilter{ParentID: &old.ID}); len(left) != 0 {
			t.Errorf("%d current units still under %s", len(left), old.Name)
		}
	}

	// The rename ended the old division on 30/06/2025.
	dkkd := unitNamed(t, tree, "Phòng Đăng ký kinh doanh", false)
	if *dkkd.ValidTo != "2025-06-30" {
		t.Errorf("Phòng Đăng ký kinh doanh ends %s", *dkkd.ValidTo)
	}
	renamed := unitNamed(t, tree, "Phòng Đăng ký kinh doanh và Hộ kinh doanh", true)
	if got := tree.CurrentSuccessors(dkkd.ID); !slices.Equal(got, []int64{renamed.ID}) {
		t.Errorf("successors of Phòng Đăng ký kinh doanh = %v", got)
	}

	// The director was in the old department and is now in the new one.
	director := personOf(t, db, "giamdoc")
	before, _ := db.Memberships(ctx, director, "2024-12-31")
	after, _ := db.Memberships(ctx, director, today)
	if len(before) != 1 || before[0].UnitID != planning.ID || *before[0].ValidTo != "2025-02-28" {
		t.Errorf("director's memberships in 2024: %+v", before)
	}
	if len(after) != 1 || after[0].UnitID != finance.ID || after[0].Role != org.RoleDirector ||
		after[0].ValidFrom != MergerDate || after[0].ValidTo != nil || after[0].Position != "Giám đốc Sở" {
		t.Errorf("director's memberships today: %+v", after)
	}
	// Three deputies now: two from Planning and Investment, one from Finance.
	leaders, err := db.FindPeople(ctx, org.PersonFilter{UnitID: &finance.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(leaders) != 4 {
		t.Errorf("%d people in the new department's leadership, want 4", len(leaders))
	}
	// Subtree search finds the whole staff under the new department.
	all, _ := db.FindPeople(ctx, org.PersonFilter{UnitID: &finance.ID, Subtree: true})
	if len(all) != len(staff) {
		t.Errorf("%d people under the new department, want %d", len(all), len(staff))
	}
}

func TestSeedDelegation(t *testing.T) {
	db, _ := seed(t)
	ctx := context.Background()
	deputy, director := personOf(t, db, "phogiamdoc"), personOf(t, db, "giamdoc")
	dels, err := db.ActiveDelegationsTo(ctx, deputy)
	if err != nil {
		t.Fatal(err)
	}
	if len(dels) != 1 || dels[0].FromPersonID != director || !dels[0].EndsAt.Equal(now.Add(7*24*time.Hour)) {
		t.Fatalf("delegations to the deputy: %+v", dels)
	}
	sub := subjectOf(t, db, "phogiamdoc")
	if !sub.Has(org.RoleDirector) {
		t.Errorf("the acting deputy's grants %+v lack the director's role", sub.Grants)
	}
}

func TestSeedIdempotentAndAudited(t *testing.T) {
	db, _ := seed(t)
	ctx := context.Background()
	n, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	units, _ := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	accs, err := Seed(ctx, db, now)
	if err != nil || accs != nil {
		t.Fatalf("second Seed = %v, %v; want nil, nil", accs, err)
	}
	again, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again != n {
		t.Errorf("second Seed journalled %d events", again-n)
	}
	units2, _ := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	people, _ := db.FindPeople(ctx, org.PersonFilter{})
	if len(units2) != len(units) || len(people) != len(staff)+1 { // and the operator
		t.Errorf("after a second Seed: %d units (was %d), %d people", len(units2), len(units), len(people))
	}
}

func TestPrintAccounts(t *testing.T) {
	var b bytes.Buffer
	PrintAccounts(&b, []Account{
		{"admin", "Congvu@2026-admin", "Vũ Quang Huy", "Quản trị hệ thống"},
		{"truongphong.kgvx", "Congvu@2026-kgvx", "Trần Văn Hùng", "Trưởng phòng"},
	})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "Tên đăng nhập") {
		t.Fatalf("table:\n%s", b.String())
	}
	// Columns line up in runes: the password column starts at the same place.
	col := func(line, s string) int { return len([]rune(line[:strings.Index(line, s)])) }
	if col(lines[1], "Congvu") != col(lines[2], "Congvu") || col(lines[1], "Vũ") != col(lines[2], "Trần") {
		t.Errorf("columns do not line up:\n%s", b.String())
	}
}

func personOf(t *testing.T, db *store.DB, login string) int64 {
	t.Helper()
	a, err := db.FindAccountByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return a.PersonID
}

func subjectOf(t *testing.T, db *store.DB, login string) *auth.Subject {
	t.Helper()
	s, err := db.Subject(context.Background(), personOf(t, db, login))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSeedOperator: the demo's system operator sits in the top unit and
// may edit the national holiday table; the department's administrator may
// not, but keeps the department's own calendar.
func TestSeedOperator(t *testing.T) {
	db, _ := seed(t)
	ctx := context.Background()
	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := auth.NewPolicy()
	op, admin := subjectOf(t, db, "vanhanh"), subjectOf(t, db, "admin")
	if !p.Can(op, tree, auth.ManageNationalCalendar, auth.Resource{}) {
		t.Errorf("the operator %+v cannot edit the national table", op.Grants)
	}
	if p.Can(admin, tree, auth.ManageNationalCalendar, auth.Resource{}) {
		t.Error("the department's administrator can edit the national table")
	}
	u, _ := tree.Unit(admin.PrimaryUnit())
	if !p.Can(admin, tree, auth.ManageCalendar, auth.Resource{UnitID: u.AgencyID}) {
		t.Error("the department's administrator cannot edit its own calendar")
	}
}

// TestSeedAppraisals: the demo has the three appraisal procedures and three
// appraisals in progress on projects, one with a late consultation that
// the consulted unit owes and the director's figures count.
func TestSeedAppraisals(t *testing.T) {
	db, _ := seed(t)
	ctx := context.Background()
	if err := SeedAppraisals(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	agency := unitNamed(t, tree, "Sở Tài chính tỉnh Bắc Ninh", true)
	for _, k := range appraisal.Kinds {
		if vs, err := db.FindProcedureVersions(ctx, agency.ID, k.ProcedureCode()); err != nil || len(vs) != 1 {
			t.Errorf("procedure %s: %v %v", k, vs, err)
		}
	}
	figs, err := db.ConsultationFigures(ctx, agency.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	late := 0
	for _, f := range figs {
		late += f.Overdue
	}
	if late != 1 {
		t.Errorf("late consultations %d, want 1: %+v", late, figs)
	}
	tcdt := unitNamed(t, tree, "Phòng Tài chính đầu tư", true)
	owed, err := db.FindConsultations(ctx, dossier.ConsultationFilter{UnitIDs: []int64{tcdt.ID}, Owed: true})
	if err != nil || len(owed) != 1 || owed[0].ProjectID == 0 || !owed[0].Branch.Late(now) {
		t.Errorf("owed by Tài chính đầu tư: %+v %v", owed, err)
	}
}
