package api

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/org"
	"congvu/internal/report"
)

// File exports: the period report Biểu II.06a as a spreadsheet, and the
// dossiers' histories as event logs for process mining (XES, IEEE
// 1849-2016; OCEL 2.0 JSON). They are attachments, not JSON; any refusal
// before the file starts is the usual JSON error. from and to are required,
// so that an export is always of a period the caller chose.

func (s *Server) exportRoutes() []route {
	period := []param{
		{"from", "date", "first day of the period (YYYY-MM-DD), required"},
		{"to", "date", "last day of the period, included (YYYY-MM-DD), required"},
		{"unit", "integer", "the unit reported on; the caller's agency when absent"},
	}
	logParams := append(append([]param{}, period...), param{"procedure", "string", "only dossiers of this procedure (national code)"})
	return []route{
		{Method: "GET", Pattern: "/api/v1/stats/dossiers.xlsx", ID: "exportDossierStats", Tag: "stats",
			Access:  access.May("dossier.stats", statsGrants),
			Summary: "The period report Biểu II.06a/VPCP/KSTT as an XLSX attachment (dossier.stats on the unit).",
			Query:   period, Status: http.StatusOK, Handle: s.handleDossierStatsXLSX},
		{Method: "GET", Pattern: "/api/v1/dossiers/export.xes", ID: "exportDossiersXES", Tag: "stats",
			Access:  access.May("dossier.stats", statsGrants),
			Summary: "The histories of the dossiers answerable to a unit and received in the period, as an XES event log (application/xml attachment, streamed; dossier.stats on the unit). Events name the staff who acted.",
			Query:   logParams, Status: http.StatusOK, Handle: s.handleDossierExportXES},
		{Method: "GET", Pattern: "/api/v1/dossiers/export.ocel.json", ID: "exportDossiersOCEL", Tag: "stats",
			Access:  access.May("dossier.stats", statsGrants),
			Summary: "The same dossiers as an OCEL 2.0 object-centric event log (application/json attachment, streamed; dossier.stats on the unit).",
			Query:   logParams, Status: http.StatusOK, Handle: s.handleDossierExportOCEL},
	}
}

// attachment sets the headers of a file download.
func attachment(w http.ResponseWriter, contentType, filename string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, filename))
	w.Header().Set("X-Content-Type-Options", "nosniff")
}

// fileStem names an export after its unit and period.
func fileStem(prefix string, sc statsScope) string {
	return fmt.Sprintf("%s-%d-%s-%s", prefix, sc.unit, sc.from, sc.to)
}

func (s *Server) handleDossierStatsXLSX(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.statsScopeOf(r, true)
	if err != nil {
		return err
	}
	rep, err := s.deps.Store.DossierReport(r.Context(), sc.units, sc.from, sc.to)
	if err != nil {
		return err
	}
	// A spreadsheet is a zip written at the end: build it first, so that a
	// failure is still a JSON error.
	var buf bytes.Buffer
	title := "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — " + strings.ToUpper(sc.unitName)
	byField, byUnit, err := s.deps.Store.DossierReportLines(r.Context(), sc.unit, sc.from, sc.to)
	if err != nil {
		return err
	}
	if err := report.WriteDossierReportSections(&buf, title, rep, report.ReportSections(byField, byUnit)); err != nil {
		return err
	}
	attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileStem("bieu-II.06a", sc)+".xlsx")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
	return nil
}

// exportSelection is the dossiers an event log covers, oldest first.
func (s *Server) exportSelection(r *http.Request) (statsScope, []string, *org.Tree, error) {
	sc, err := s.statsScopeOf(r, true)
	if err != nil {
		return sc, nil, nil, err
	}
	proc, err := queryText(r, "procedure", 20)
	if err != nil {
		return sc, nil, nil, err
	}
	if proc != "" && !dossier.ValidProcedureCode(proc) {
		return sc, nil, nil, apperr.Invalidf("procedure", "mã thủ tục %q không đúng dạng 1.009645", "procedure code %q is not of the form 1.009645", proc)
	}
	t, err := s.tree(r)
	if err != nil {
		return sc, nil, nil, err
	}
	from, to := periodInstants(sc)
	f := dossier.Filter{LeadUnitIDs: sc.units, Procedure: proc}
	var picked []dossier.Summary
	const batch, maxGathered = 500, 200_000
	for off := 0; off < maxGathered; off += batch {
		f.Limit, f.Offset = batch, off
		part, err := s.deps.Store.FindDossiers(r.Context(), f)
		if err != nil {
			return sc, nil, nil, err
		}
		for _, d := range part {
			if !d.ReceivedAt.IsZero() && !d.ReceivedAt.Before(from) && d.ReceivedAt.Before(to) {
				picked = append(picked, d)
			}
		}
		if len(part) < batch {
			break
		}
	}
	sort.SliceStable(picked, func(i, j int) bool {
		if !picked[i].ReceivedAt.Equal(picked[j].ReceivedAt) {
			return picked[i].ReceivedAt.Before(picked[j].ReceivedAt)
		}
		return picked[i].Code < picked[j].Code
	})
	codes := make([]string, len(picked))
	for i, d := range picked {
		codes[i] = d.Code
	}
	return sc, codes, t, nil
}

// streamLogs loads each dossier in turn and hands its log events to emit.
// Once the file has begun an error can no longer be a JSON answer: it is
// logged and the file is cut short.
func (s *Server) streamLogs(r *http.Request, codes []string, t *org.Tree, emit func(dossier.Record, []report.LogEvent) error) {
	unitName := func(id int64) string {
		if u, ok := t.Unit(id); ok {
			return u.Name
		}
		return ""
	}
	// Applicants are keyed by a hash of their ID number under a key drawn
	// for this export and then forgotten: one export joins a person's
	// dossiers, and no one can recover the numbers by hashing all of them.
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		s.deps.Log.Error("api: event log export", "err", err)
		return
	}
	for _, code := range codes {
		rec, err := s.deps.Store.FindDossierByCode(r.Context(), code)
		if err == nil {
			evs := report.LogEvents(rec.Code, rec.Procedure, rec.Events, unitName)
			applicant := report.ApplicantKey(key, rec.Applicant.IDNumber, rec.Code)
			for i := range evs {
				evs[i].Applicant = applicant
			}
			err = emit(rec, evs)
		}
		if err != nil {
			s.deps.Log.Error("api: event log export cut short", "path", r.URL.Path, "dossier", code, "err", err)
			return
		}
	}
}

func (s *Server) handleDossierExportXES(w http.ResponseWriter, r *http.Request) error {
	sc, codes, t, err := s.exportSelection(r)
	if err != nil {
		return err
	}
	attachment(w, "application/xml; charset=utf-8", fileStem("dossiers", sc)+".xes")
	w.WriteHeader(http.StatusOK)
	x, err := report.NewXESWriter(w, fmt.Sprintf("congvu %s %s–%s", sc.unitName, sc.from, sc.to))
	if err != nil {
		s.deps.Log.Error("api: XES export", "err", err)
		return nil
	}
	s.streamLogs(r, codes, t, func(rec dossier.Record, evs []report.LogEvent) error {
		return x.WriteTrace(report.Trace{CaseID: rec.Code, ProcedureCode: rec.Procedure.Code, ProcedureName: rec.Procedure.Name, Events: evs})
	})
	closeLog(s, x)
	return nil
}

func (s *Server) handleDossierExportOCEL(w http.ResponseWriter, r *http.Request) error {
	sc, codes, t, err := s.exportSelection(r)
	if err != nil {
		return err
	}
	attachment(w, "application/json; charset=utf-8", fileStem("dossiers", sc)+".ocel.json")
	w.WriteHeader(http.StatusOK)
	o := report.NewOCELWriter(w)
	s.streamLogs(r, codes, t, func(_ dossier.Record, evs []report.LogEvent) error {
		for _, e := range evs {
			if err := o.WriteEvent(e); err != nil {
				return err
			}
		}
		return nil
	})
	closeLog(s, o)
	return nil
}

// closeLog ends a log, logging a failure (the client has the status already).
func closeLog(s *Server, c io.Closer) {
	if err := c.Close(); err != nil {
		s.deps.Log.Error("api: event log export close", "err", err)
	}
}
