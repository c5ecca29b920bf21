package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/report"
)

// StatsPage is the period report on dossier handling (Biểu
// II.06a/VPCP/KSTT) for a period and a unit with the units below it and
// those it succeeded; every figure links to the dossiers behind it.
type StatsPage struct {
	BasePage
	Form   *Form
	Units  []UnitOption
	Report dossier.Report
	Cells  map[dossier.Figure]StatsCell
	Score  string
	Valid  bool
	XLSX   string // the same report as a spreadsheet
	Book   string // the tracking book of the period, as a PDF
}

// StatsCell is one figure of the report with its drill-down link.
type StatsCell struct {
	Value int
	Href  string
}

// Cell returns the figure's cell for the template.
func (p *StatsPage) Cell(f string) StatsCell { return p.Cells[dossier.Figure(f)] }

// statsQuery is the period and unit of a statistics request.
type statsQuery struct {
	from, to calendar.Date
	unit     int64
}

func (q statsQuery) values() url.Values {
	return url.Values{"from": {q.from.String()}, "to": {q.to.String()}, "unit": {strconv.FormatInt(q.unit, 10)}}
}

// readStatsQuery reads from, to and unit, defaulting to this month up to
// today and the user's agency. Errors are Invalid about the field.
func (s *Server) readStatsQuery(b *BasePage, f *Form) (statsQuery, error) {
	today := calendar.DateOf(s.deps.Now())
	q := statsQuery{from: calendar.Date{Year: today.Year, Month: today.Month, Day: 1}, to: today, unit: agencyOf(b.tree, b.User)}
	var err error
	if v := f.Get("from"); v != "" {
		if q.from, err = parseDay("from", v); err != nil {
			return q, err
		}
	}
	if v := f.Get("to"); v != "" {
		if q.to, err = parseDay("to", v); err != nil {
			return q, err
		}
	}
	if q.to.Before(q.from) {
		return q, invalid("to", "stats.err.order")
	}
	if q.to.Sub(q.from) > 3660 {
		return q, invalid("from", "stats.err.long")
	}
	if f.Get("unit") != "" {
		if q.unit, err = f.Int64("unit"); err != nil {
			return q, err
		}
	}
	f.Values.Set("from", dmy(q.from))
	f.Values.Set("to", dmy(q.to))
	f.Values.Set("unit", strconv.FormatInt(q.unit, 10))
	return q, nil
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "stats.title")
	if err != nil {
		return err
	}
	if err := s.authorizeSomewhere(&b, dossier.PermStats); err != nil {
		return err
	}
	p := &StatsPage{BasePage: b, Form: newForm(r.URL.Query(), "from", "to", "unit")}
	for _, o := range unitOptions(b.tree) {
		if s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: o.ID}) {
			p.Units = append(p.Units, o)
		}
	}
	q, err := s.readStatsQuery(&b, p.Form)
	if err != nil {
		p.Form.SetError(err, b.Lang)
		return s.render(w, http.StatusBadRequest, "stats", p)
	}
	if !s.deps.Policy.Can(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit}) {
		// A head asks without a unit: their own division rather than the agency.
		if r.URL.Query().Get("unit") != "" || len(p.Units) == 0 {
			return s.deps.Policy.Authorize(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit})
		}
		q.unit = p.Units[0].ID
		p.Form.Values.Set("unit", strconv.FormatInt(q.unit, 10))
	}
	units, err := s.deps.Store.StatsUnits(r.Context(), q.unit)
	if err != nil {
		return err
	}
	if p.Report, err = s.deps.Store.DossierReport(r.Context(), units, q.from, q.to); err != nil {
		return err
	}
	if r.URL.Query().Get("format") == "xlsx" {
		return s.statsXLSX(w, r, &b, q, p.Report)
	}
	p.Valid = true
	p.XLSX = "/stats/dossiers?" + q.values().Encode() + "&format=xlsx"
	p.Book = "/stats/dossiers/book.pdf?" + q.values().Encode()
	p.Score = fmtDays(b.Lang, float64(int(p.Report.ProgressScore()*100+0.5))/100)
	rep := p.Report
	values := map[dossier.Figure]int{
		dossier.FigReceivedOnline: rep.Received.Online, dossier.FigReceivedDirect: rep.Received.Direct,
		dossier.FigCarriedOver: rep.Received.CarriedOver, dossier.FigResolvedEarly: rep.Resolved.Early,
		dossier.FigResolvedOnTime: rep.Resolved.OnTime, dossier.FigResolvedLate: rep.Resolved.Late,
		dossier.FigOpenWithin: rep.InProgress.WithinDeadline, dossier.FigOpenOverdue: rep.InProgress.Overdue,
		dossier.FigWithdrawn: rep.Withdrawn,
	}
	p.Cells = map[dossier.Figure]StatsCell{}
	qs := q.values().Encode()
	for fig, v := range values {
		p.Cells[fig] = StatsCell{Value: v, Href: "/stats/dossiers/" + string(fig) + "?" + qs}
	}
	return s.render(w, http.StatusOK, "stats", p)
}

// statsXLSX sends the report as a spreadsheet, a line per field and per
// unit above the total (report.WriteDossierReportSections).
func (s *Server) statsXLSX(w http.ResponseWriter, r *http.Request, b *BasePage, q statsQuery, rep dossier.Report) error {
	title := T("vi", "stats.caption") + " — " + b.UnitName(q.unit) + ", " + dmy(q.from) + " – " + dmy(q.to)
	byField, byUnit, err := s.deps.Store.DossierReportLines(r.Context(), q.unit, q.from, q.to)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteDossierReportSections(&buf, title, rep, report.ReportSections(byField, byUnit)); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="bieu-II.06a-`+q.from.String()+`-`+q.to.String()+`.xlsx"`)
	h.Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}

// statsRequest reads the period and unit of a statistics download or
// drill-down, checks the user may see that unit's statistics, and returns
// the units the figures roll up.
func (s *Server) statsRequest(w http.ResponseWriter, r *http.Request) (BasePage, statsQuery, []int64, error) {
	b, err := s.base(w, r, "stats.title")
	if err != nil {
		return b, statsQuery{}, nil, err
	}
	q, err := s.readStatsQuery(&b, newForm(r.URL.Query(), "from", "to", "unit"))
	if err != nil {
		return b, q, nil, err
	}
	if err := s.deps.Policy.Authorize(b.User, b.tree, dossier.PermStats, auth.Resource{UnitID: q.unit}); err != nil {
		return b, q, nil, err
	}
	units, err := s.deps.Store.StatsUnits(r.Context(), q.unit)
	return b, q, units, err
}

// handleStatsFigure lists the dossiers behind one figure of the report:
// as many as the figure counts.
func (s *Server) handleStatsFigure(w http.ResponseWriter, r *http.Request) error {
	fig := dossier.Figure(r.PathValue("figure"))
	if !slices.Contains(dossier.Figures, fig) {
		return notFound()
	}
	b, q, units, err := s.statsRequest(w, r)
	if err != nil {
		return err
	}
	// ?procedure= narrows the figure to one procedure (the dashboard's lines by procedure).
	list, err := s.deps.Store.FindDossiers(r.Context(), dossier.Filter{LeadUnitIDs: units, Figure: fig, Procedure: r.URL.Query().Get("procedure"),
		From: q.from.Time(), To: q.to.AddDays(1).Time(), Limit: 500})
	if err != nil {
		return err
	}
	rows, err := s.dossierRows(r.Context(), b.Lang, agencyOf(b.tree, b.User), list)
	if err != nil {
		return err
	}
	b.Title = b.T("stats.fig." + string(fig))
	p := &DossierListPage{BasePage: b, Kind: "figure", Back: "/stats/dossiers?" + q.values().Encode(),
		Intro:    b.T("stats.drill.intro", b.UnitName(q.unit), dmy(q.from), dmy(q.to)),
		Sections: []DossierSection{{ID: "figure", Title: b.T("stats.fig." + string(fig)), Empty: b.T("search.none"), Rows: rows}}}
	return s.render(w, http.StatusOK, "dossier_list", p)
}
