package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"congvu/internal/calendar"
)

func init() {
	extraCommands = append(extraCommands, command{"calendar", "lịch làm việc: tet | lunar | solar | day | due | between / working-time calendar", (*Main).calendar})
}

const calendarUsage = `calendar <lệnh> [--db PATH|URL] [--json]

  tet FROM TO                      one line per year: YYYY YYYY-MM-DD (the solar date of lunar 1/1)
  lunar YYYY-MM-DD                 the lunar date, e.g. 10/3/2026, with " (nhuận)" in a leap month
  solar D M YYYY [--leap]          the solar date YYYY-MM-DD of a lunar date
  day YYYY-MM-DD                   "working" or "off: <lý do>"
  due --from RFC3339 --working-days N [--after-15h]
  due --from RFC3339 --calendar-days N
                                   the due instant, RFC 3339 in +07:00
  between FROM TO                  working time between two RFC 3339 instants, e.g. 1 ngày 4 giờ 30 phút làm việc (12 giờ 30 phút làm việc)

Without --db the built-in tables are used (official 2025 and 2026 schedules,
statutory projection for other years, default office hours). With --db the
database's national table and default hours; --agency ID adds that
agency's own office hours and days off.`

// calendar is the `congvu calendar` contract operators and scripts rely on:
// its output formats must not change; --json gives machine output.
func (m *Main) calendar(ctx context.Context, args []string) error {
	fs := m.flags("calendar", calendarUsage)
	dbURL := fs.String("db", "", "đọc bảng ngày nghỉ và giờ làm việc từ cơ sở dữ liệu / read the tables from a database")
	agency := fs.Int64("agency", 0, "cơ quan có giờ làm việc, ngày nghỉ riêng / agency whose own office hours and days off apply (with --db)")
	asJSON := fs.Bool("json", false, "kết quả dạng JSON / machine output")
	leap := fs.Bool("leap", false, "tháng nhuận (với solar) / leap month (with solar)")
	from := fs.String("from", "", "thời điểm tiếp nhận (RFC 3339) / received at (with due)")
	wdays := fs.String("working-days", "", "số ngày làm việc / working days (with due)")
	cdays := fs.String("calendar-days", "", "số ngày theo lịch / calendar days (with due)")
	after15 := fs.Bool("after-15h", false, "nhận sau 15 giờ tính từ ngày làm việc tiếp theo / after 15:00 counts from the next working day")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return usagef("thiếu lệnh con / missing subcommand")
	}
	need := func(n int) error {
		if len(pos) != n+1 {
			return usagef("%s cần %d đối số / %s takes %d arguments", pos[0], n, pos[0], n)
		}
		return nil
	}
	out := calOutput{w: m.Stdout, json: *asJSON}
	switch pos[0] {
	case "tet":
		if err := need(2); err != nil {
			return err
		}
		a, err := calInt("FROM", pos[1])
		if err != nil {
			return err
		}
		b, err := calInt("TO", pos[2])
		if err != nil {
			return err
		}
		if b < a {
			return usagef("TO %d trước FROM %d / TO is before FROM", b, a)
		}
		type row struct {
			Year int    `json:"year"`
			Tet  string `json:"tet"`
		}
		var rows []row
		for y := a; y <= b; y++ {
			d, err := calendar.Tet(y)
			if err != nil {
				return calUsage(err)
			}
			rows = append(rows, row{y, d.String()})
		}
		return out.emit(rows, func(w io.Writer) {
			for _, r := range rows {
				fmt.Fprintf(w, "%d %s\n", r.Year, r.Tet)
			}
		})
	case "lunar":
		if err := need(1); err != nil {
			return err
		}
		d, err := calendar.ParseDate(pos[1])
		if err != nil {
			return calUsage(err)
		}
		l, err := calendar.SolarToLunar(d)
		if err != nil {
			return calUsage(err)
		}
		return out.emit(map[string]any{"day": l.Day, "month": l.Month, "year": l.Year, "leap": l.Leap, "text": l.String()},
			func(w io.Writer) { fmt.Fprintln(w, l.String()) })
	case "solar":
		if err := need(3); err != nil {
			return err
		}
		var n [3]int
		for i, name := range []string{"D", "M", "YYYY"} {
			if n[i], err = calInt(name, pos[i+1]); err != nil {
				return err
			}
		}
		d, err := calendar.LunarToSolar(calendar.LunarDate{Day: n[0], Month: n[1], Year: n[2], Leap: *leap})
		if err != nil {
			return calUsage(err)
		}
		return out.emit(map[string]any{"date": d.String()}, func(w io.Writer) { fmt.Fprintln(w, d.String()) })
	}

	cal, closeDB, err := m.loadCalendar(ctx, *dbURL, *agency)
	if err != nil {
		return err
	}
	defer closeDB()
	switch pos[0] {
	case "day":
		if err := need(1); err != nil {
			return err
		}
		d, err := calendar.ParseDate(pos[1])
		if err != nil {
			return calUsage(err)
		}
		info, err := cal.Day(d)
		if err != nil {
			return calUsage(err)
		}
		return out.emit(map[string]any{"date": d.String(), "working": info.Working, "reason": info.Reason,
			"reason_en": info.ReasonEN, "projected": info.Projected, "kind": kindCode(info.Kind)},
			func(w io.Writer) {
				if info.Working {
					fmt.Fprintln(w, "working")
				} else {
					fmt.Fprintln(w, "off: "+info.Reason)
				}
			})
	case "due":
		if err := need(0); err != nil {
			return err
		}
		t, err := calInstant("--from", *from)
		if err != nil {
			return err
		}
		var l calendar.Limit
		switch {
		case *wdays != "" && *cdays != "":
			return usagef("chỉ dùng một trong --working-days và --calendar-days / use one of --working-days and --calendar-days")
		case *wdays != "":
			l = calendar.Limit{Unit: calendar.WorkingDays, After15h: *after15}
			if l.Value, err = calFloat("--working-days", *wdays); err != nil {
				return err
			}
		case *cdays != "":
			l = calendar.Limit{Unit: calendar.CalendarDays, After15h: *after15}
			if l.Value, err = calFloat("--calendar-days", *cdays); err != nil {
				return err
			}
		default:
			return usagef("thiếu --working-days hoặc --calendar-days / --working-days or --calendar-days is required")
		}
		due, err := cal.Due(t, l)
		if err != nil {
			return calUsage(err)
		}
		s := due.In(calendar.VN).Format(time.RFC3339)
		return out.emit(map[string]any{"due_at": s}, func(w io.Writer) { fmt.Fprintln(w, s) })
	case "between":
		if err := need(2); err != nil {
			return err
		}
		a, err := calInstant("FROM", pos[1])
		if err != nil {
			return err
		}
		b, err := calInstant("TO", pos[2])
		if err != nil {
			return err
		}
		d, err := cal.Between(a, b)
		if err != nil {
			return calUsage(err)
		}
		// Words for people ("5 ngày làm việc (40 giờ làm việc)"), never Go's
		// "40h0m"; the JSON keeps "text" for scripts and adds the words.
		words, hours := calendar.WorkingTimeText("vi", d), calendar.WorkingHoursText("vi", d)
		line := words
		if hours != words {
			line += " (" + hours + ")"
		}
		return out.emit(map[string]any{"seconds": int64(d.Seconds()), "text": calendar.FormatDuration(d), "hours": calendar.Hours(d),
			"words": words, "hours_words": hours}, func(w io.Writer) { fmt.Fprintln(w, line) })
	}
	return usagef("lệnh con không hợp lệ / unknown subcommand %q", pos[0])
}

// loadCalendar returns the built-in calendar, or the one kept in a database.
func (m *Main) loadCalendar(ctx context.Context, dbURL string, agency int64) (*calendar.Calendar, func(), error) {
	if dbURL == "" {
		c, err := calendar.New(calendar.DefaultConfig())
		return c, func() {}, err
	}
	db, err := m.open(ctx, dbURL, nil)
	if err != nil {
		return nil, nil, err
	}
	c, err := db.Calendar(ctx, agency)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return c, func() { db.Close() }, nil
}

type calOutput struct {
	w    io.Writer
	json bool
}

func (o calOutput) emit(v any, text func(io.Writer)) error {
	if o.json {
		enc := json.NewEncoder(o.w)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	text(o.w)
	return nil
}

func kindCode(k calendar.Kind) string {
	if k == 0 {
		return ""
	}
	return k.String()
}

// calUsage turns the calendar's input errors into exit status 2.
func calUsage(err error) error {
	var ce *calendar.Error
	if errors.As(err, &ce) {
		return usageError{ce.Msg + " / " + ce.EN}
	}
	return err
}

func calInt(name, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, usagef("%s không phải số nguyên: %q / %s is not a whole number", name, s, name)
	}
	return n, nil
}

func calFloat(name, s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, usagef("%s không phải số: %q / %s is not a number", name, s, name)
	}
	if f < 0 {
		return 0, usagef("%s âm: %s / %s is negative: %s", name, s, name, s)
	}
	return f, nil
}

func calInstant(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usagef("thiếu %s / %s is required", name, name)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("%s không đúng định dạng RFC 3339 (vd. 2026-03-02T08:00:00+07:00): %q / %s is not an RFC 3339 instant", name, s, name)
	}
	return t, nil
}
