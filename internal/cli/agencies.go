package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"congvu/internal/apperr"
	"congvu/internal/org"
	"congvu/internal/store"
)

func init() {
	extraCommands = append(extraCommands, command{"agencies", "liệt kê các cơ quan và mã số (--agency) / list the agencies and their ids", (*Main).agencies})
}

const agenciesUsage = `agencies [--db PATH|URL]

Lists every agency (cơ quan) in the database, current and ended, with the id
that commands such as "catalogue export --agency ID" take.`

// agencies prints the agencies, so that an operator can find the id that
// --agency wants instead of guessing one.
func (m *Main) agencies(ctx context.Context, args []string) error {
	fs := m.flags("agencies", agenciesUsage)
	dbURL := m.dbFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("cách dùng / usage: %s", agenciesUsage)
	}
	db, err := m.open(ctx, *dbURL, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	units, err := db.FindUnits(ctx, org.UnitFilter{IncludeOld: true})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Mã số/id\tMã định danh/code\tTên/name\tHiệu lực/valid")
	n := 0
	for _, u := range units {
		if u.Kind != org.KindAgency {
			continue
		}
		n++
		valid := "từ/from " + vnDate(u.ValidFrom)
		if u.ValidTo != nil {
			valid += " đến/to " + vnDate(*u.ValidTo)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", u.ID, u.Code, u.Name, valid)
	}
	tw.Flush()
	if n == 0 {
		fmt.Fprintln(m.Stdout, "Chưa có cơ quan nào (congvu demo tạo cơ quan mẫu) / no agency yet (congvu demo makes the demo agency)")
	}
	return nil
}

// vnDate writes a YYYY-MM-DD date as dd/mm/yyyy.
func vnDate(d string) string {
	if len(d) != 10 {
		return d
	}
	return d[8:10] + "/" + d[5:7] + "/" + d[0:4]
}

// agencyArg checks that an --agency id names an agency, so that a wrong id
// is a clear error (exit 2) rather than an empty export that succeeds.
func agencyArg(ctx context.Context, db *store.DB, id int64) error {
	u, err := db.FindUnitByID(ctx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return usagef("--agency %d: không có cơ quan này; xem danh sách bằng \"congvu agencies\" / no such agency; list them with \"congvu agencies\"", id)
	}
	if err != nil {
		return err
	}
	if u.Kind != org.KindAgency {
		return usagef("--agency %d: %q là %s, không phải cơ quan; xem \"congvu agencies\" / is a %s, not an agency; see \"congvu agencies\"",
			id, u.Name, u.Kind.Label("vi"), u.Kind.Label("en"))
	}
	return nil
}
