package demo

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"congvu/internal/auth"
	"congvu/internal/org"
)

// demoLogins gives an account to one person of each kind, not to all forty:
// each argon2id hash costs tens of milliseconds. Their passwords are drawn
// at random for each database and printed once on the console (Seed returns
// them): a demo left running on a network must not open to a password
// anyone can read in the docs.
var demoLogins = []struct{ staff, login string }{
	{sAdmin, "admin"},
	{sDirector, "giamdoc"},
	{sDeputy, "phogiamdoc"}, // acts for the director this week
	{sKGVXHead, "truongphong.kgvx"},
	{sOfficial, "chuyenvien"},
	{sClerk, "motcua"},
	{sInspector, "thanhtra"},
	{sOperator, "vanhanh"},           // keeps the national holiday table
	{sDTOfficial, "chuyenvien.dt"},   // appraises investment (investment_appraisal.go)
	{sDTHead, "truongphong.dt"},      // approves the appraisals, extends them
	{sKTNOfficial, "chuyenvien.ktn"}, // answers consultations for Phòng Kinh tế ngành
	{sTCDTOfficial, "chuyenvien.tcdt"},
}

// createAccounts makes the demo logins and returns them for printing.
func (s *seeder) createAccounts(ctx context.Context) ([]Account, error) {
	byKey := map[string]staffer{sOperator: operator}
	for _, p := range staff {
		if p.key != "" {
			byKey[p.key] = p
		}
	}
	accs := make([]Account, 0, len(demoLogins))
	for _, l := range demoLogins {
		p := byKey[l.staff]
		password := auth.NewPassword()
		if err := s.db.CreateAccount(ctx, actor, s.people[l.staff], l.login, password); err != nil {
			return nil, fmt.Errorf("create account %q: %w", l.login, err)
		}
		accs = append(accs, Account{Login: l.login, Password: password, Name: p.name, Role: p.role.Label("vi")})
	}
	return accs, nil
}

// createDelegation lets the first deputy act for the director for a week
// from now, so that the demo shows acting powers (quyền Giám đốc) in force.
func (s *seeder) createDelegation(ctx context.Context, now time.Time) error {
	_, err := s.db.CreateDelegation(ctx, actor, org.Delegation{
		FromPersonID: s.people[sDirector],
		ToPersonID:   s.people[sDeputy],
		StartsAt:     now,
		EndsAt:       now.Add(7 * 24 * time.Hour),
		Reason:       "Giám đốc đi công tác",
	})
	if err != nil {
		return fmt.Errorf("create delegation: %w", err)
	}
	return nil
}

// PrintAccounts writes the demo logins as an aligned table in Vietnamese.
// The heading that says where to log in is the caller's.
func PrintAccounts(w io.Writer, accs []Account) {
	// tabwriter counts runes, and the names are precomposed (NFC), so
	// Vietnamese letters take one column each.
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  Tên đăng nhập\tMật khẩu\tHọ và tên\tVai trò")
	for _, a := range accs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Login, a.Password, a.Name, a.Role)
	}
	tw.Flush()
}
