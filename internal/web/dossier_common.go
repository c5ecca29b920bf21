package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
	"congvu/internal/org"
)

// This file holds what the one-stop dossier pages (dossier*.go, procedure.go,
// stats.go, public.go) share: the user's agency and desk, reading and
// writing instants the Vietnamese way, and the rows of dossier lists with
// their remaining working time.

// agencyOf is the agency the user works in: that of their home unit, or of
// its current successor when the unit was merged away.
func agencyOf(tree *org.Tree, sub *auth.Subject) int64 {
	id := sub.PrimaryUnit()
	u, ok := tree.Unit(id)
	if ok && !u.Current() {
		if succ := tree.CurrentSuccessors(id); len(succ) > 0 {
			u, ok = tree.Unit(succ[0])
		}
	}
	if ok && u.AgencyID != 0 {
		return u.AgencyID
	}
	return sub.AgencyID
}

// deskOf is the one-stop desk the user works at inside an agency: the unit
// of a clerk grant, or 0.
func deskOf(tree *org.Tree, sub *auth.Subject, agency int64) int64 {
	for _, g := range sub.Grants {
		if g.Role == org.RoleClerk && (agency == 0 || tree.WithinAgency(g.UnitID, agency)) {
			return g.UnitID
		}
	}
	return 0
}

// leadUnits are the units whose dossiers a head or director oversees: the
// units of their head, deputy head, director and deputy director grants.
func leadUnits(sub *auth.Subject) []int64 {
	var out []int64
	for _, g := range sub.Grants {
		switch g.Role {
		case org.RoleHead, org.RoleDeputyHead, org.RoleDirector, org.RoleDeputyDirector:
			if !slices.Contains(out, g.UnitID) {
				out = append(out, g.UnitID)
			}
		}
	}
	return out
}

// instantLayouts are what a time field accepts: the Vietnamese order
// first, then what a datetime-local input sends.
var instantLayouts = []string{"02/01/2006 15:04", "2/1/2006 15:04", "02/01/2006 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"}

// parseInstant reads "dd/mm/yyyy HH:MM" (or "yyyy-mm-ddTHH:MM") in Vietnam
// time. An empty field is the zero time.
func parseInstant(field, s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range instantLayouts {
		if t, err := time.ParseInLocation(l, s, vn); err == nil {
			return t, nil
		}
	}
	return time.Time{}, invalid(field, "dossier.err.instant", s)
}

// fmtInstant writes an instant as the time fields expect it.
func fmtInstant(t time.Time) string { return t.In(vn).Format("02/01/2006 15:04") }

// parseDay reads a date field (dd/mm/yyyy or yyyy-mm-dd).
func parseDay(field, s string) (calendar.Date, error) {
	d, err := calendar.ParseDate(s)
	if err != nil {
		return calendar.Date{}, invalid(field, "dossier.err.date", s)
	}
	return d, nil
}

// workingSpan writes a working time as days of 8 hours, hours and minutes:
// "2 ngày 3 giờ". Negative spans are written without the sign.
func workingSpan(lang string, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	m := int(d.Round(time.Minute) / time.Minute)
	days, h, mins := m/(calendar.WorkdayMinutes), m%calendar.WorkdayMinutes/60, m%60
	var parts []string
	if days > 0 {
		parts = append(parts, T(lang, "dossier.span.days", days))
	}
	if h > 0 {
		parts = append(parts, T(lang, "dossier.span.hours", h))
	}
	if mins > 0 && days == 0 {
		parts = append(parts, T(lang, "dossier.span.minutes", mins))
	}
	if len(parts) == 0 {
		return T(lang, "dossier.span.hours", 0)
	}
	return strings.Join(parts, " ")
}

// fmtDays writes a number of days the Vietnamese way in both languages,
// as every number is shown (fmtDecimal): 0,5.
func fmtDays(lang string, v float64) string { return fmtDecimal(v) }

// limitText writes a processing time: "15 ngày làm việc".
func limitText(lang string, l calendar.Limit) string {
	key := "proc.limit.working"
	if l.Unit == calendar.CalendarDays {
		key = "proc.limit.calendar"
	}
	return T(lang, key, fmtDays(lang, l.Value))
}

// dmy writes a calendar date as dd/mm/yyyy (calendar.Date.DMY drops the
// leading zeros).
func dmy(d calendar.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// DMY writes a calendar date as dd/mm/yyyy, for the templates.
func (b *BasePage) DMY(d calendar.Date) string { return dmy(d) }

// money writes an amount in đồng: "1.234.567 đ".
func money(v int64) string { return fmtNum(v) + " đ" }

// DossierRow is a dossier in a list, with its deadline judged now.
type DossierRow struct {
	dossier.Summary
	Late      bool   // open and past its statutory due
	Soon      bool   // open and due within 24 hours (sắp đến hạn)
	Paused    bool   // the clock is stopped
	Remaining string // working time left, or overdue by, as text
}

// Open reports whether the dossier is received and not finished.
func (r DossierRow) Open() bool { return r.Status.Open() }

// dossierRows judges each summary at now against the agency's calendar.
func (s *Server) dossierRows(ctx context.Context, lang string, agency int64, list []dossier.Summary) ([]DossierRow, error) {
	if len(list) == 0 {
		return nil, nil
	}
	cal, err := s.deps.Store.Calendar(ctx, agency)
	if err != nil {
		return nil, err
	}
	now := s.deps.Now()
	out := make([]DossierRow, len(list))
	for i, sm := range list {
		row := DossierRow{Summary: sm}
		st := dossier.State{Status: sm.Status, StatutoryDue: sm.StatutoryDue, PausedAt: sm.PausedAt}
		if st.Open() && !sm.StatutoryDue.IsZero() {
			row.Paused = st.Paused()
			row.Soon = dossier.DueSoon(st, now)
			if left, err := dossier.Remaining(st, cal, now); err == nil {
				row.Late = left < 0
				if left < 0 {
					row.Remaining = T(lang, "dossier.overdueby", workingSpan(lang, left))
				} else {
					row.Remaining = workingSpan(lang, left)
				}
			}
		}
		out[i] = row
	}
	return out, nil
}

// renderPart executes one named template of a page without the layout: the
// fragments htmx swaps in.
func (s *Server) renderPart(w http.ResponseWriter, page, name string, data any) error {
	t, ok := s.pages[page]
	if !ok {
		return fmt.Errorf("no template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("render %s/%s: %w", page, name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}

// dossierCode reads the {code} of the path: a well-formed dossier code, or
// NotFound.
func dossierCode(r *http.Request) (string, error) {
	code := r.PathValue("code")
	if _, _, _, err := dossier.ParseCode(code); err != nil {
		return "", notFound()
	}
	return code, nil
}

// forbidden is a Forbidden error with a catalogue message.
func forbidden(key string, args ...any) error {
	return apperr.New(apperr.Forbidden, "", T("vi", key, args...), T("en", key, args...))
}

// canSomewhere reports whether the user holds a permission on at least one
// of the units they belong to: for menus and page access. (A resource with
// unit 0 would only match agency-wide rules, not subtree ones.)
func (s *Server) canSomewhere(sub *auth.Subject, tree *org.Tree, a auth.Action) bool {
	if sub == nil {
		return false
	}
	for _, g := range sub.Grants {
		if s.deps.Policy.Can(sub, tree, a, auth.Resource{UnitID: g.UnitID}) {
			return true
		}
	}
	return false
}

// authorizeSomewhere is canSomewhere as an error: Forbidden naming the action.
func (s *Server) authorizeSomewhere(b *BasePage, a auth.Action) error {
	if s.canSomewhere(b.User, b.tree, a) {
		return nil
	}
	if b.User == nil {
		return apperr.New(apperr.Unauthorized, "", "Vui lòng đăng nhập", "Please log in")
	}
	return refusedAction(a)
}

// visibleDossier reads the dossier code names, with the unit tree its rules
// need, for the signed-in user: one they may not see is not found, as if it
// did not exist (dossier.Hide).
func (s *Server) visibleDossier(r *http.Request, code string) (*auth.Subject, *org.Tree, dossier.Record, error) {
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return nil, nil, dossier.Record{}, err
	}
	rec, err := s.deps.Store.FindDossierByCode(r.Context(), code)
	if err != nil {
		return nil, nil, rec, err
	}
	if err := dossier.CanView(sub, tree, s.deps.Policy, rec.State, rec.Procedure); err != nil {
		return nil, nil, rec, dossier.Hide(err, code)
	}
	return sub, tree, rec, nil
}
