package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
)

// calendarCache keeps one built Calendar per agency (the national table
// with that agency's overrides; agency 0 is the national calendar alone) and rebuilds it when the
// calendar_settings version moves. A change empties it as soon as it
// commits, on this node and (PostgreSQL, through NOTIFY) on the others;
// besides, each node checks the version at most once per db.calRecheck
// (on SQLite calendarRecheck, for a change made by another process).
type calendarCache struct {
	mu      sync.Mutex
	byAgent map[int64]*cachedCalendar
}

type cachedCalendar struct {
	cal     *calendar.Calendar
	version string
	checked time.Time
}

// calendarRecheck is db.calRecheck on SQLite.
const calendarRecheck = 2 * time.Second

// forget drops the cached calendars after a change made on this node: all
// of them, since a national change moves every agency's calendar and an
// agency's change is rare enough not to be worth telling apart.
func (c *calendarCache) forget() {
	c.mu.Lock()
	c.byAgent = nil
	c.mu.Unlock()
}

// Calendar returns the working-time calendar of an agency (0: the default
// office hours), built from the database's tables.
func (db *DB) Calendar(ctx context.Context, agencyID int64) (*calendar.Calendar, error) {
	now := time.Now()
	db.cals.mu.Lock()
	c := db.cals.byAgent[agencyID]
	if c != nil && now.Sub(c.checked) < db.calRecheck && db.live.Load() {
		db.cals.mu.Unlock()
		return c.cal, nil
	}
	db.cals.mu.Unlock()
	v, err := db.calendarSetting(ctx, "version")
	if err != nil {
		return nil, err
	}
	if c != nil && c.version == v {
		db.cals.mu.Lock()
		c.checked = now
		db.cals.mu.Unlock()
		return c.cal, nil
	}
	cfg, err := db.CalendarConfig(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	cal, err := calendar.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("calendar tables in the database are invalid: %w", err)
	}
	db.cals.mu.Lock()
	if db.cals.byAgent == nil {
		db.cals.byAgent = map[int64]*cachedCalendar{}
	}
	db.cals.byAgent[agencyID] = &cachedCalendar{cal: cal, version: v, checked: now}
	db.cals.mu.Unlock()
	return cal, nil
}

// CalendarConfig reads the national tables and settings, and an agency's
// overrides: its office hours and its own days off (none for agency 0).
func (db *DB) CalendarConfig(ctx context.Context, agencyID int64) (calendar.Config, error) {
	var cfg calendar.Config
	scheds, err := db.CalendarSchedules(ctx)
	if err != nil {
		return cfg, err
	}
	cfg.Schedules = scheds
	culture, err := db.calendarSetting(ctx, "culture_day_24_11")
	if err != nil {
		return cfg, err
	}
	cfg.CultureDay24Nov = culture == "true"
	if cfg.OfficeHours, err = db.OfficeHours(ctx, agencyID); err != nil {
		return cfg, err
	}
	if agencyID != 0 {
		cfg.DaysOff, err = db.AgencyDaysOff(ctx, agencyID)
	}
	return cfg, err
}

func (db *DB) calendarSetting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.queryRow(ctx, "SELECT value FROM calendar_settings WHERE key = ?", key).Scan(&v)
	if err != nil {
		return "", fmt.Errorf("read calendar setting %s: %w", key, err)
	}
	return v, nil
}

// CultureDay24Nov reports whether 24/11 is a day off.
func (db *DB) CultureDay24Nov(ctx context.Context) (bool, error) {
	v, err := db.calendarSetting(ctx, "culture_day_24_11")
	return v == "true", err
}

// CalendarSchedules returns every official yearly table, by year.
func (db *DB) CalendarSchedules(ctx context.Context) ([]calendar.Schedule, error) {
	rows, err := db.query(ctx, `SELECT y.year, y.source, d.day, d.kind, d.name, d.name_en
		FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year ORDER BY y.year, d.day`)
	if err != nil {
		return nil, fmt.Errorf("read holiday tables: %w", err)
	}
	defer rows.Close()
	var out []calendar.Schedule
	for rows.Next() {
		var year int
		var source string
		var day, kind, name, nameEN sql.NullString
		if err := rows.Scan(&year, &source, &day, &kind, &name, &nameEN); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Year != year {
			out = append(out, calendar.Schedule{Year: year, Source: source})
		}
		if !day.Valid {
			continue
		}
		e, err := entryFromRow(day.String, kind.String, name.String, nameEN.String)
		if err != nil {
			return nil, err
		}
		s := &out[len(out)-1]
		s.Entries = append(s.Entries, e)
	}
	return out, rows.Err()
}

func entryFromRow(day, kind, name, nameEN string) (calendar.Entry, error) {
	d, err := calendar.ParseDate(day)
	if err != nil {
		return calendar.Entry{}, fmt.Errorf("calendar_days row %s: %w", day, err)
	}
	k, err := calendar.ParseKind(kind)
	if err != nil {
		return calendar.Entry{}, fmt.Errorf("calendar_days row %s: %w", day, err)
	}
	return calendar.Entry{Date: d, Kind: k, Name: name, NameEN: nameEN}, nil
}

// seedCalendar stores the official schedules shipped with congvu for the
// years the database does not have yet, so that an administrator sees and
// edits them like any other table.
func seedCalendar(tx *Tx) error {
	for _, s := range calendar.OfficialSchedules() {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM calendar_years WHERE year = ?", s.Year).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if err := insertSchedule(tx, s); err != nil {
			return err
		}
	}
	return nil
}

func insertSchedule(tx *Tx, s calendar.Schedule) error {
	if _, err := tx.Exec("INSERT INTO calendar_years (year, source, updated_at) VALUES (?, ?, ?)", s.Year, s.Source, Micro(tx.Now)); err != nil {
		return fmt.Errorf("insert holiday table %d: %w", s.Year, err)
	}
	for _, e := range s.Entries {
		if _, err := tx.Exec("INSERT INTO calendar_days (day, year, kind, name, name_en, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			e.Date.String(), s.Year, e.Kind.String(), e.Name, e.NameEN, Micro(tx.Now)); err != nil {
			return fmt.Errorf("insert holiday %s: %w", e.Date, err)
		}
	}
	return nil
}

// SetCalendarDay adds or replaces one entry of a year's table. A year
// without an official table first receives the statutory projection, so
// that adding one swapped Saturday does not drop the year's holidays. The
// resulting table is validated before anything is kept.
func (db *DB) SetCalendarDay(ctx context.Context, actor audit.Actor, e calendar.Entry) error {
	if err := e.Date.Validate(); err != nil {
		return calendarInvalid(err)
	}
	var err error
	if e.Name, err = apperr.Text("name", e.Name, 0, 120); err != nil {
		return err
	}
	if e.NameEN, err = apperr.Text("name_en", e.NameEN, 0, 120); err != nil {
		return err
	}
	return db.changeSchedule(ctx, actor, e.Date.Year, "set_day", map[string]any{
		"date": e.Date.String(), "kind": e.Kind.String(), "name": e.Name, "name_en": e.NameEN,
	}, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO calendar_days (day, year, kind, name, name_en, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, name_en = excluded.name_en, updated_at = excluded.updated_at`,
			e.Date.String(), e.Date.Year, e.Kind.String(), e.Name, e.NameEN, Micro(tx.Now))
		return err
	})
}

// DeleteCalendarDay removes one entry from a year's table.
func (db *DB) DeleteCalendarDay(ctx context.Context, actor audit.Actor, d calendar.Date) error {
	if err := d.Validate(); err != nil {
		return calendarInvalid(err)
	}
	return db.changeSchedule(ctx, actor, d.Year, "delete_day", map[string]any{"date": d.String()}, func(tx *Tx) error {
		res, err := tx.Exec("DELETE FROM calendar_days WHERE day = ?", d.String())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.NotFoundf("Ngày %s không có trong bảng ngày nghỉ năm %d", "%s is not in the %d table", d.DMY(), d.Year)
		}
		return nil
	})
}

// changeSchedule runs one change to a year's table in a transaction,
// materialising the projection first, validating the result, bumping the
// version and journalling the change.
func (db *DB) changeSchedule(ctx context.Context, actor audit.Actor, year int, action string, payload map[string]any, change func(tx *Tx) error) error {
	if year < calendar.MinYear || year > calendar.MaxYear {
		return apperr.Invalidf("date", "năm %d nằm ngoài phạm vi %d–%d", "year %d is outside %d–%d", year, calendar.MinYear, calendar.MaxYear)
	}
	culture, err := db.CultureDay24Nov(ctx)
	if err != nil {
		return err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM calendar_years WHERE year = ?", year).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			s := calendar.ProjectedSchedule(year, culture)
			s.Source = "Dự kiến theo Bộ luật Lao động 2019 (Điều 111, 112), do bộ phận vận hành hệ thống chỉnh sửa"
			if err := insertSchedule(tx, s); err != nil {
				return err
			}
		}
		if err := change(tx); err != nil {
			return err
		}
		s, err := scheduleInTx(tx, year)
		if err != nil {
			return err
		}
		if err := s.Validate(); err != nil {
			return calendarInvalid(err)
		}
		if _, err := tx.Exec("UPDATE calendar_years SET updated_at = ? WHERE year = ?", Micro(tx.Now), year); err != nil {
			return err
		}
		if err := bumpCalendarVersion(tx); err != nil {
			return err
		}
		return tx.AuditFor(0, actor, "calendar", year, action, payload)
	})
	if err == nil {
		db.cals.forget()
	}
	return err
}

func scheduleInTx(tx *Tx, year int) (calendar.Schedule, error) {
	s := calendar.Schedule{Year: year}
	rows, err := tx.Query("SELECT day, kind, name, name_en FROM calendar_days WHERE year = ? ORDER BY day", year)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var day, kind, name, nameEN string
		if err := rows.Scan(&day, &kind, &name, &nameEN); err != nil {
			return s, err
		}
		e, err := entryFromRow(day, kind, name, nameEN)
		if err != nil {
			return s, err
		}
		s.Entries = append(s.Entries, e)
	}
	return s, rows.Err()
}

func bumpCalendarVersion(tx *Tx) error {
	var v string
	if err := tx.QueryRow("SELECT value FROM calendar_settings WHERE key = 'version'" + tx.ForUpdate()).Scan(&v); err != nil {
		return err
	}
	n, _ := strconv.Atoi(v)
	_, err := tx.Exec("UPDATE calendar_settings SET value = ? WHERE key = 'version'", strconv.Itoa(n+1))
	return err
}

// SetCultureDay24Nov turns the 24/11 day off on or off.
func (db *DB) SetCultureDay24Nov(ctx context.Context, actor audit.Actor, on bool) error {
	defer db.cals.forget()
	return db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec("UPDATE calendar_settings SET value = ? WHERE key = 'culture_day_24_11'", strconv.FormatBool(on)); err != nil {
			return err
		}
		if err := bumpCalendarVersion(tx); err != nil {
			return err
		}
		return tx.AuditFor(0, actor, "calendar", "settings", "set_culture_day_24_11", map[string]any{"on": on})
	})
}

// OfficeHours returns an agency's office hours, or the default ones when
// the agency has none of its own.
func (db *DB) OfficeHours(ctx context.Context, agencyID int64) (calendar.OfficeHours, error) {
	rows, err := db.query(ctx, `SELECT agency_id, season_from, season_to, periods FROM office_hours
		WHERE agency_id IN (0, ?) ORDER BY agency_id DESC, season_from`, agencyID)
	if err != nil {
		return calendar.OfficeHours{}, fmt.Errorf("read office hours: %w", err)
	}
	defer rows.Close()
	var h calendar.OfficeHours
	owner := int64(-1)
	for rows.Next() {
		var agency int64
		var from, to, periods string
		if err := rows.Scan(&agency, &from, &to, &periods); err != nil {
			return h, err
		}
		if owner == -1 {
			owner = agency
		}
		if agency != owner {
			break // the agency's own hours replace the default ones entirely
		}
		s, err := parseSeason(from, to, periods)
		if err != nil {
			return h, fmt.Errorf("office hours of agency %d: %w", agency, err)
		}
		h.Seasons = append(h.Seasons, s)
	}
	return h, rows.Err()
}

// SetOfficeHours replaces an agency's office hours (0: the national
// default, for every agency without its own). NotFound for a unit that is
// not an agency.
func (db *DB) SetOfficeHours(ctx context.Context, actor audit.Actor, agencyID int64, h calendar.OfficeHours) error {
	if err := h.Validate(); err != nil {
		return calendarInvalid(err)
	}
	defer db.cals.forget()
	return db.InTx(ctx, func(tx *Tx) error {
		if agencyID != 0 {
			if err := checkAgency(tx, agencyID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("DELETE FROM office_hours WHERE agency_id = ?", agencyID); err != nil {
			return err
		}
		var text []string
		for _, s := range h.Seasons {
			from, to, periods := formatSeason(s)
			if _, err := tx.Exec("INSERT INTO office_hours (agency_id, season_from, season_to, periods) VALUES (?, ?, ?, ?)",
				agencyID, from, to, periods); err != nil {
				return err
			}
			text = append(text, from+".."+to+" "+periods)
		}
		if err := bumpCalendarVersion(tx); err != nil {
			return err
		}
		return tx.AuditFor(agencyID, actor, "office_hours", agencyID, "set", map[string]any{"seasons": text})
	})
}

func formatSeason(s calendar.Season) (from, to, periods string) {
	md := func(m calendar.MonthDay) string { return fmt.Sprintf("%02d-%02d", int(m.Month), m.Day) }
	ps := make([]string, len(s.Periods))
	for i, p := range s.Periods {
		ps[i] = fmt.Sprintf("%02d:%02d-%02d:%02d", p.Start/60, p.Start%60, p.End/60, p.End%60)
	}
	return md(s.From), md(s.To), strings.Join(ps, ",")
}

func parseSeason(from, to, periods string) (calendar.Season, error) {
	var s calendar.Season
	md := func(v string) (calendar.MonthDay, error) {
		t, err := time.Parse("01-02", v)
		if err != nil {
			return calendar.MonthDay{}, fmt.Errorf("season bound %q: %w", v, err)
		}
		return calendar.MonthDay{Month: t.Month(), Day: t.Day()}, nil
	}
	var err error
	if s.From, err = md(from); err != nil {
		return s, err
	}
	if s.To, err = md(to); err != nil {
		return s, err
	}
	for _, p := range strings.Split(periods, ",") {
		per, err := calendar.ParsePeriod(strings.TrimSpace(p))
		if err != nil {
			return s, err
		}
		s.Periods = append(s.Periods, per)
	}
	sort.Slice(s.Periods, func(i, j int) bool { return s.Periods[i].Start < s.Periods[j].Start })
	return s, nil
}

// calendarInvalid turns a calendar input error into an apperr.Invalid.
func calendarInvalid(err error) error {
	var ce *calendar.Error
	if errors.As(err, &ce) {
		return &apperr.Error{Code: apperr.Invalid, Field: ce.Field, VI: ce.Msg, EN: ce.EN}
	}
	return err
}
