package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/org"
	"congvu/internal/store"
)

const userUsage = `user add --login LOGIN --name "HỌ TÊN" --unit ID --role ROLE [--position "CHỨC VỤ"] [--email E] [--phone P] [--password PW]
       congvu user passwd LOGIN [--password PW]     (without --password: read from standard input)
       congvu user list

Roles / vai trò: director, deputy_director, head, deputy_head, official, clerk, inspector, admin.
Without --password, user add generates one and prints it.`

func (m *Main) user(ctx context.Context, args []string) error {
	fs := m.flags("user", userUsage)
	dbURL := m.dbFlag(fs)
	login := fs.String("login", "", "tên đăng nhập / login")
	name := fs.String("name", "", "họ và tên / full name")
	unit := fs.Int64("unit", 0, "đơn vị (số) / unit id")
	role := fs.String("role", "", "vai trò / role")
	position := fs.String("position", "", "chức vụ / position title")
	email := fs.String("email", "", "thư điện tử / e-mail")
	phone := fs.String("phone", "", "điện thoại / phone")
	password := fs.String("password", "", "mật khẩu / password")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("cần lệnh con add, passwd hoặc list / expected add, passwd or list")
	}
	actor := audit.System("cli")
	switch pos[0] {
	case "add":
		if *login == "" || *name == "" || *unit == 0 || *role == "" {
			return usagef("user add cần --login, --name, --unit và --role / needs --login, --name, --unit and --role")
		}
		r, err := org.ParseRole("role", *role)
		if err != nil {
			return err
		}
		pw, generated := *password, false
		if pw == "" {
			pw, generated = auth.NewSecret(12), true
		}
		db, err := m.open(ctx, *dbURL, nil)
		if err != nil {
			return err
		}
		defer db.Close()
		p, err := db.AddUser(ctx, actor, store.NewUser{
			Person:     org.NewPerson{FullName: *name, Email: *email, Phone: *phone},
			Membership: org.NewMembership{UnitID: *unit, Role: r, Position: *position, ValidFrom: m.Now().In(vnZone).Format(org.DateLayout)},
			Login:      *login, Password: pw,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "Đã tạo tài khoản / created %s cho / for %s (#%d)\n", p.Login, p.FullName, p.ID)
		if generated {
			fmt.Fprintf(m.Stdout, "Mật khẩu / password: %s\n", pw)
		}
		return nil
	case "passwd":
		if len(pos) != 2 {
			return usagef("cách dùng / usage: user passwd LOGIN")
		}
		pw := *password
		if pw == "" {
			sc := bufio.NewScanner(m.Stdin)
			if sc.Scan() {
				pw = strings.TrimRight(sc.Text(), "\r\n")
			}
		}
		db, err := m.open(ctx, *dbURL, nil)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.SetPassword(ctx, actor, pos[1], pw); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "Đã đổi mật khẩu / password changed: %s\n", pos[1])
		return nil
	case "list":
		db, err := m.open(ctx, *dbURL, nil)
		if err != nil {
			return err
		}
		defer db.Close()
		people, err := db.ListAccounts(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LOGIN\tHỌ TÊN\tVAI TRÒ\tĐƠN VỊ")
		for _, p := range people {
			var roles, units []string
			for _, ms := range p.Memberships {
				roles = append(roles, string(ms.Role))
				units = append(units, fmt.Sprint(ms.UnitID))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Login, p.FullName, strings.Join(roles, ","), strings.Join(units, ","))
		}
		return tw.Flush()
	}
	return usagef("lệnh con không hợp lệ / unknown subcommand %q", pos[0])
}
