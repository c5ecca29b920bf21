package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/portal"
)

// The portal's public procedure catalogue and transparency figures (issue
// #15, items 3 and 5), as the pages /thu-tuc and /cong-khai show them:
// without a credential, cacheable (ETag, Cache-Control), every figure from
// the statistics' rollups (store/portal.go).

func (s *Server) portalRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/public/procedures", ID: "listPublicProcedures", Tag: "public",
			Access:  access.Public(),
			Summary: "The portal's catalogue without a credential: every procedure in force of the agency with its time limit, fee, papers, steps, legal basis, online service level and its record over the last 12 months (dossiers received, share resolved on time, average working time), by field and code. Cacheable: ETag and Cache-Control.",
			Query: append([]param{
				{"field", "string", "one field (lĩnh vực), as written"},
				{"level", "integer", "online service level: 1 information only, 2 partial, 3 full"},
				{"q", "string", "words of the code, name or field, diacritic-insensitive"},
			}, pageParams...),
			Response: []publicProcedureResponse{}, Status: http.StatusOK, Handle: s.handlePublicProcedures},
		{Method: "GET", Pattern: "/api/v1/public/procedures/{code}", ID: "getPublicProcedure", Tag: "public",
			Access:   access.Public(),
			Summary:  "One procedure of the portal's catalogue, the version in force today, with its record over the last 12 months; a code not in force is 404. Cacheable.",
			Response: publicProcedureResponse{}, Status: http.StatusOK, Handle: s.handlePublicProcedure},
		{Method: "GET", Pattern: "/api/v1/public/transparency", ID: "getTransparency", Tag: "public",
			Access:   access.Public(),
			Summary:  "The transparency figures of the agency for a year (to today when it is not over), as /cong-khai shows them: the official report (Biểu II.06a) by month and for the period, the QĐ 766/QĐ-TTg progress and satisfaction scores, the apology letters issued (form 04), each procedure's record, and the public-investment disclosure (Luật 58/2024 Art 15). Cacheable.",
			Query:    []param{{"year", "integer", "the year (default this year), from 2000"}},
			Response: transparencyResponse{}, Status: http.StatusOK, Handle: s.handleTransparency},
	}
}

type recordWire struct {
	From           string   `json:"from" api:"format=date"`
	To             string   `json:"to" api:"format=date"`
	Received       int      `json:"received" doc:"dossiers received in the period, online and in person"`
	Resolved       int      `json:"resolved"`
	Early          int      `json:"early"`
	OnTime         int      `json:"on_time"`
	Late           int      `json:"late"`
	OnTimeShare    *float64 `json:"on_time_share" doc:"share resolved early or on time, 0 to 1; null when none was resolved"`
	AvgWorkingDays *float64 `json:"avg_working_days" doc:"average working time of a resolved dossier in working days of 8 hours; null when none was resolved"`
}

func toRecordWire(r portal.Record, from, to calendar.Date) recordWire {
	out := recordWire{From: from.String(), To: to.String(), Received: r.Received, Resolved: r.Resolved(), Early: r.Early, OnTime: r.OnTime, Late: r.Late}
	if r.HasResolved() {
		share, avg := round3(r.OnTimeShare()), round3(r.AvgWorkingDays())
		out.OnTimeShare, out.AvgWorkingDays = &share, &avg
	}
	return out
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

type publicProcedureResponse struct {
	Code          string          `json:"code" doc:"national code, e.g. 1.009645"`
	Name          string          `json:"name"`
	URL           string          `json:"url" doc:"the address of the procedure's page"`
	Field         string          `json:"field" doc:"lĩnh vực"`
	Level         int             `json:"level" doc:"online service level: 1 information only, 2 partial, 3 full"`
	LevelLabel    bilingualLabel  `json:"level_label"`
	TimeLimit     timeLimitWire   `json:"time_limit"`
	TimeLimitText bilingualLabel  `json:"time_limit_text" doc:"e.g. 5 ngày làm việc"`
	After15h      bool            `json:"after_15h" doc:"received after 15:00 counts from the next working day"`
	Fee           int64           `json:"fee" doc:"phí, lệ phí in đồng"`
	Documents     []documentWire  `json:"documents"`
	Forms         []string        `json:"forms" doc:"the forms to download; none are kept yet, so always empty"`
	Steps         []catalogueStep `json:"steps"`
	LegalBasis    []string        `json:"legal_basis" doc:"căn cứ pháp lý, one instrument an item"`
	EffectiveFrom string          `json:"effective_from" api:"format=date"`
	Record        recordWire      `json:"record" doc:"the last 12 months"`
}

type catalogueStep struct {
	Name   string  `json:"name"`
	Budget float64 `json:"budget" doc:"working days"`
}

func (s *Server) toPublicProcedure(p portal.Procedure, today calendar.Date) publicProcedureResponse {
	from, to := portal.RecordPeriod(today)
	days := strconv.FormatFloat(p.Limit.Value, 'f', -1, 64)
	vi, en := days+" ngày làm việc", days+" working days"
	if p.Limit.Unit == calendar.CalendarDays {
		vi, en = days+" ngày", days+" days"
	}
	out := publicProcedureResponse{Code: p.Code, Name: p.Name, URL: strings.TrimRight(s.deps.Config.BaseURL, "/") + "/thu-tuc/" + p.Code,
		Field: p.Field, Level: int(p.Level), LevelLabel: bilingualLabel{VI: p.Level.Label("vi"), EN: p.Level.Label("en")},
		TimeLimit: timeLimitWire{Value: p.Limit.Value, Unit: p.Limit.Unit.String()}, TimeLimitText: bilingualLabel{VI: strings.ReplaceAll(vi, ".", ","), EN: en},
		After15h: p.Limit.After15h, Fee: p.Fee, Documents: toDocumentWires(p.Documents), Forms: []string{}, Steps: []catalogueStep{}, LegalBasis: []string{},
		EffectiveFrom: p.EffectiveFrom.String(), Record: toRecordWire(p.Record, from, to)}
	for _, st := range p.Steps {
		out.Steps = append(out.Steps, catalogueStep{Name: st.Name, Budget: st.Budget})
	}
	for _, l := range strings.Split(p.LegalBasis, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out.LegalBasis = append(out.LegalBasis, l)
		}
	}
	return out
}

func (s *Server) handlePublicProcedures(w http.ResponseWriter, r *http.Request) error {
	pg, err := parsePage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	level, err := queryInt(r, "level", 0, 0, 3)
	if err != nil {
		return err
	}
	if level != 0 && !dossier.Level(level).Valid() {
		return apperr.Invalidf("level", "mức độ dịch vụ công không hợp lệ: %d", "invalid online service level: %d", level)
	}
	search, err := apperr.Text("q", q.Get("q"), 0, 200)
	if err != nil {
		return err
	}
	field, err := apperr.Text("field", q.Get("field"), 0, 200)
	if err != nil {
		return err
	}
	agency, err := s.deps.Store.PortalAgency(r.Context())
	if err != nil {
		return err
	}
	today := calendar.DateOf(s.deps.Now())
	out := []publicProcedureResponse{}
	if agency != 0 {
		list, _, err := s.deps.Store.PublicProcedures(r.Context(), portal.Query{AgencyID: agency, On: today, Field: field,
			Level: dossier.Level(level), Search: search, Offset: pg.offset, PerPage: pg.limit})
		if err != nil {
			return err
		}
		for _, p := range list {
			out = append(out, s.toPublicProcedure(p, today))
		}
	}
	return writeCachedJSON(w, r, out)
}

func (s *Server) handlePublicProcedure(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	notFound := apperr.NotFoundf("Không có thủ tục %s trong danh mục", "no procedure %s in the catalogue", code)
	if !dossier.ValidProcedureCode(code) {
		return notFound
	}
	agency, err := s.deps.Store.PortalAgency(r.Context())
	if err != nil {
		return err
	}
	if agency == 0 {
		return notFound
	}
	today := calendar.DateOf(s.deps.Now())
	p, err := s.deps.Store.PublicProcedure(r.Context(), agency, code, today)
	if err != nil {
		return err
	}
	return writeCachedJSON(w, r, s.toPublicProcedure(p, today))
}

type reportWire struct {
	From        string `json:"from" api:"format=date"`
	To          string `json:"to" api:"format=date"`
	Received    int    `json:"received" doc:"total to handle: online + direct + carried over"`
	Online      int    `json:"received_online"`
	Direct      int    `json:"received_direct" doc:"in person and by post"`
	CarriedOver int    `json:"carried_over"`
	Resolved    int    `json:"resolved"`
	Early       int    `json:"resolved_early"`
	OnTime      int    `json:"resolved_on_time"`
	Late        int    `json:"resolved_late"`
	InProgress  int    `json:"in_progress"`
	Within      int    `json:"in_progress_within"`
	Overdue     int    `json:"in_progress_overdue"`
	Withdrawn   int    `json:"withdrawn"`
}

func toReportWire(r dossier.Report) reportWire {
	return reportWire{From: r.From.String(), To: r.To.String(), Received: r.Received.Total, Online: r.Received.Online, Direct: r.Received.Direct,
		CarriedOver: r.Received.CarriedOver, Resolved: r.Resolved.Total, Early: r.Resolved.Early, OnTime: r.Resolved.OnTime, Late: r.Resolved.Late,
		InProgress: r.InProgress.Total, Within: r.InProgress.WithinDeadline, Overdue: r.InProgress.Overdue, Withdrawn: r.Withdrawn}
}

type ratingsWire struct {
	Satisfied    int `json:"satisfied"`
	Acceptable   int `json:"acceptable"`
	Dissatisfied int `json:"dissatisfied"`
}

type transparencyProcedure struct {
	Code   string     `json:"code"`
	Name   string     `json:"name"`
	Record recordWire `json:"record"`
}

type transparencyProject struct {
	Code             string `json:"code"`
	Name             string `json:"name"`
	Investor         string `json:"investor"`
	Group            string `json:"group" api:"enum=national|A|B|C"`
	SectorBand       string `json:"sector_band" api:"enum=k2|k3|k4|k5"`
	Phase            string `json:"phase" api:"enum=implementation|completed|settled"`
	Commune          string `json:"commune"`
	StartYear        int    `json:"start_year"`
	EndYear          int    `json:"end_year"`
	TotalInvestment  int64  `json:"total_investment" doc:"đồng"`
	AssignedByPM     int64  `json:"assigned_by_pm" doc:"the year's plan assigned by the Prime Minister, đồng"`
	AllocatedLocally int64  `json:"allocated_locally" doc:"the year's plan allocated locally, đồng"`
	Disbursed        int64  `json:"disbursed" doc:"cumulative since 1 January to the end of the month, đồng"`
}

type transparencyResponse struct {
	Year              int                     `json:"year"`
	From              string                  `json:"from" api:"format=date"`
	To                string                  `json:"to" api:"format=date"`
	Months            []reportWire            `json:"months" doc:"Biểu II.06a of each month"`
	Total             reportWire              `json:"total" doc:"Biểu II.06a of the period"`
	ProgressScore     float64                 `json:"progress_score" doc:"QĐ 766 progress and results, out of 20"`
	SatisfactionScore float64                 `json:"satisfaction_score" doc:"QĐ 766 satisfaction, out of 18 (the dossier ratio times 18; sub-indicator weights not verified)"`
	Ratings           ratingsWire             `json:"ratings"`
	Apologies         int                     `json:"apologies" doc:"apology letters (form 04) issued in the period"`
	Procedures        []transparencyProcedure `json:"procedures"`
	DisbursementMonth int                     `json:"disbursement_month" doc:"the month the projects' disbursement stands at"`
	Projects          []transparencyProject   `json:"projects" doc:"projects with an approved investment decision, at most 200"`
	ProjectsTotal     int                     `json:"projects_total"`
}

func (s *Server) handleTransparency(w http.ResponseWriter, r *http.Request) error {
	today := calendar.DateOf(s.deps.Now())
	year, err := queryInt(r, "year", today.Year, 2000, today.Year)
	if err != nil {
		return err
	}
	agency, err := s.deps.Store.PortalAgency(r.Context())
	if err != nil {
		return err
	}
	out := transparencyResponse{Year: year, Months: []reportWire{}, Procedures: []transparencyProcedure{}, Projects: []transparencyProject{}}
	if agency == 0 {
		return writeCachedJSON(w, r, out)
	}
	t, err := s.deps.Store.Transparency(r.Context(), agency, year, today)
	if err != nil {
		return err
	}
	out.From, out.To, out.Total = t.From.String(), t.To.String(), toReportWire(t.Total)
	out.ProgressScore, out.SatisfactionScore = round3(t.ProgressScore()), round3(t.SatisfactionScore())
	out.Ratings = ratingsWire{t.Ratings.Satisfied, t.Ratings.Acceptable, t.Ratings.Dissatisfied}
	out.Apologies, out.DisbursementMonth, out.ProjectsTotal = t.Apologies, t.Month, t.ProjectsTotal
	for _, m := range t.Months {
		out.Months = append(out.Months, toReportWire(m.Report))
	}
	for _, p := range t.Procedures {
		out.Procedures = append(out.Procedures, transparencyProcedure{Code: p.Code, Name: p.Name, Record: toRecordWire(p.Record, t.From, t.To)})
	}
	for _, p := range t.Projects {
		out.Projects = append(out.Projects, transparencyProject{Code: p.Code, Name: p.Name, Investor: p.InvestorName, Group: string(p.Group),
			SectorBand: string(p.Band), Phase: string(p.Phase), Commune: p.Commune, StartYear: p.StartYear, EndYear: p.EndYear,
			TotalInvestment: p.Total, AssignedByPM: p.AssignedByPM, AllocatedLocally: p.AllocatedLocally, Disbursed: p.CumulativeActual})
	}
	return writeCachedJSON(w, r, out)
}

// writeCachedJSON writes v as 200 with an ETag of its bytes and a
// Cache-Control that lets browsers and proxies keep it five minutes, or
// 304 when the client has those bytes.
func writeCachedJSON(w http.ResponseWriter, r *http.Request, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=300")
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w) // a failed write means the client has gone
	return nil
}
