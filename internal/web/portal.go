package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/portal"
)

// The portal's public procedure catalogue (/thu-tuc) and transparency page
// (/cong-khai), issue #15 items 3 and 5: open to everyone, on the news
// pages' layout and caching (renderPublic), every figure from the rollups
// the statistics pages read (store/portal.go).

// proceduresPerPage keeps a catalogue page far under 100 KB.
const proceduresPerPage = 20

// LevelOption is one choice of the level filter.
type LevelOption struct {
	Value    int
	Label    string
	Selected bool
}

// PublicProceduresPage is /thu-tuc: the agency's procedures in force with
// their records, filtered by field, level and words.
type PublicProceduresPage struct {
	BasePage
	portalFmt
	AgencyName string
	Query      string
	Field      string
	Fields     []string
	Levels     []LevelOption
	Procedures []portal.Procedure
	Total      int
	PageNo     int
	PrevURL    string
	NextURL    string
	From, To   calendar.Date // the records' period
}

// PublicProcedurePage is /thu-tuc/{code}.
type PublicProcedurePage struct {
	BasePage
	portalFmt
	AgencyName string
	Procedure  portal.Procedure
	Canonical  string
	From, To   calendar.Date
	// OnlineFiling shows the button "Nộp hồ sơ trực tuyến" to FilingURL:
	// a procedure whose online level is partial or full (as /nop-ho-so takes).
	// (/nop-ho-so/{code}); off until online filing (issue #15 item 4) is built.
	OnlineFiling bool
	FilingURL    string
}

// portalFmt writes the portal pages' figures; it is embedded in each of
// them (not in BasePage, where its names would clash with other pages').
type portalFmt struct{}

// Share writes a share (0 to 1) as a percentage: "96,5%".
func (portalFmt) Share(share float64) string {
	return fmtDecimal(float64(int(share*1000+0.5))/10) + "%"
}

// Score writes points out of max: "19,5/20".
func (portalFmt) Score(v float64, max int) string {
	return fmtDecimal(float64(int(v*100+0.5))/100) + "/" + strconv.Itoa(max)
}

// BasisLines splits a text into its non-empty lines (the legal basis).
func (portalFmt) BasisLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// AvgDays writes a record's average working time: "2,4 ngày làm việc".
func (p *PublicProcedurePage) AvgDays(r portal.Record) string {
	return p.T("proc.limit.working", fmtDecimal(float64(int(r.AvgWorkingDays()*10+0.5))/10))
}

// portalAgency is the agency the portal speaks for, with the unit tree and
// its name; 0 when no agency has a catalogue yet.
func (s *Server) portalAgency(r *http.Request, b *BasePage) (int64, string, error) {
	id, err := s.deps.Store.PortalAgency(r.Context())
	if err != nil || id == 0 {
		return 0, "", err
	}
	if b.tree == nil {
		if b.tree, err = s.deps.Store.Tree(r.Context()); err != nil {
			return 0, "", err
		}
	}
	return id, b.UnitName(id), nil
}

// readPage reads the page number of a public list (trang).
func readPage(v string) (int, error) {
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		return 0, apperr.Invalidf("trang", "số trang không hợp lệ: %q", "invalid page number: %q", v)
	}
	return n, nil
}

// readLevel reads the online service level filter (muc-do): 1, 2 or 3.
func readLevel(v string) (dossier.Level, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || !dossier.Level(n).Valid() {
		return 0, apperr.Invalidf("muc-do", "mức độ dịch vụ công không hợp lệ: %q", "invalid online service level: %q", v)
	}
	return dossier.Level(n), nil
}

func (s *Server) handlePublicProcedures(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "portal.procedures")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &PublicProceduresPage{Query: strings.TrimSpace(q.Get("q")), Field: strings.TrimSpace(q.Get("linh-vuc"))}
	if p.PageNo, err = readPage(q.Get("trang")); err != nil {
		return err
	}
	level, err := readLevel(q.Get("muc-do"))
	if err != nil {
		return err
	}
	if _, err := apperr.Text("q", p.Query, 0, 200); err != nil {
		return err
	}
	if _, err := apperr.Text("linh-vuc", p.Field, 0, 200); err != nil {
		return err
	}
	agency, name, err := s.portalAgency(r, &b)
	if err != nil {
		return err
	}
	p.AgencyName = name
	today := calendar.DateOf(s.deps.Now())
	p.From, p.To = portal.RecordPeriod(today)
	if agency != 0 {
		if p.Fields, err = s.deps.Store.ProcedureFields(r.Context(), agency); err != nil {
			return err
		}
		p.Procedures, p.Total, err = s.deps.Store.PublicProcedures(r.Context(), portal.Query{AgencyID: agency, On: today,
			Field: p.Field, Level: level, Search: p.Query, Page: p.PageNo, PerPage: proceduresPerPage})
		if err != nil {
			return err
		}
	}
	for _, l := range []dossier.Level{dossier.LevelInfo, dossier.LevelPartial, dossier.LevelFull} {
		p.Levels = append(p.Levels, LevelOption{Value: int(l), Label: l.Label(b.Lang), Selected: l == level})
	}
	link := func(page int) string {
		v := url.Values{}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		if p.Field != "" {
			v.Set("linh-vuc", p.Field)
		}
		if level != 0 {
			v.Set("muc-do", strconv.Itoa(int(level)))
		}
		if page > 1 {
			v.Set("trang", strconv.Itoa(page))
		}
		if len(v) == 0 {
			return "/thu-tuc"
		}
		return "/thu-tuc?" + v.Encode()
	}
	if p.PageNo > 1 {
		p.PrevURL = link(p.PageNo - 1)
	}
	if p.PageNo*proceduresPerPage < p.Total {
		p.NextURL = link(p.PageNo + 1)
	}
	b.Nav = s.publicNav(&b, "/thu-tuc")
	s.countHit(r, &b, 0)
	p.BasePage = b
	return s.renderPublic(w, r, "portal_procedures", p, "no-cache")
}

func (s *Server) handlePublicProcedure(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if !dossier.ValidProcedureCode(code) {
		return notFound()
	}
	b, err := s.base(w, r, "portal.procedures")
	if err != nil {
		return err
	}
	agency, name, err := s.portalAgency(r, &b)
	if err != nil {
		return err
	}
	if agency == 0 {
		return notFound()
	}
	today := calendar.DateOf(s.deps.Now())
	proc, err := s.deps.Store.PublicProcedure(r.Context(), agency, code, today)
	if err != nil {
		return err
	}
	b.Title = proc.Name
	b.Nav = s.publicNav(&b, "/thu-tuc")
	s.countHit(r, &b, 0)
	p := &PublicProcedurePage{BasePage: b, AgencyName: name, Procedure: proc, Canonical: s.absURL("/thu-tuc/" + code),
		FilingURL: "/nop-ho-so/" + code, OnlineFiling: proc.Level >= dossier.LevelPartial}
	p.From, p.To = portal.RecordPeriod(today)
	return s.renderPublic(w, r, "portal_procedure", p, "no-cache")
}

// TransparencyPage is /cong-khai: the agency's figures for a year.
type TransparencyPage struct {
	BasePage
	portalFmt
	AgencyName string
	Years      []int
	Fig        portal.Transparency
	Empty      bool // no agency has a catalogue yet
}

// MonthName writes a month of the page: "Tháng 3".
func (p *TransparencyPage) MonthName(m portal.Month) string {
	return p.T("portal.month", int(m.Month.Month))
}

// Rate writes a disbursement rate against a plan: "42,5%", "–" without one.
func (p *TransparencyPage) Rate(v, plan int64) string { return pctText(v, plan) }

// Million writes an amount in đồng in million đồng, as the disclosure's
// tables do: "12.345".
func (p *TransparencyPage) Million(v int64) string { return fmtNum((v + 500000) / 1000000) }

func (s *Server) handleTransparency(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "portal.transparency")
	if err != nil {
		return err
	}
	today := calendar.DateOf(s.deps.Now())
	year := today.Year
	if v := r.URL.Query().Get("nam"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2000 || n > today.Year {
			return apperr.Invalidf("nam", "năm không hợp lệ: %q (từ 2000 đến %d)", "invalid year: %q (2000 to %d)", v, today.Year)
		}
		year = n
	}
	agency, name, err := s.portalAgency(r, &b)
	if err != nil {
		return err
	}
	p := &TransparencyPage{AgencyName: name, Empty: agency == 0}
	for y := today.Year; y >= today.Year-4; y-- {
		p.Years = append(p.Years, y)
	}
	if agency != 0 {
		if p.Fig, err = s.deps.Store.Transparency(r.Context(), agency, year, today); err != nil {
			return err
		}
	} else {
		p.Fig.Year = year
	}
	b.Title = T(b.Lang, "portal.transparency.year", year)
	b.Nav = s.publicNav(&b, "/cong-khai")
	s.countHit(r, &b, 0)
	p.BasePage = b
	return s.renderPublic(w, r, "portal_transparency", p, "no-cache")
}

// ReportRow is one line of the transparency page's report table.
type ReportRow struct {
	Label, ID string
	R         dossier.Report
}

// Row makes a line of the report table; id names its row.
func (p *TransparencyPage) Row(label string, r dossier.Report, id string) ReportRow {
	return ReportRow{Label: label, ID: id, R: r}
}
