package web

import (
	"bytes"
	"net/http"
	"sort"

	"congvu/internal/dossier"
	"congvu/internal/report"
)

// bookLimit bounds one printed book: a period of a busy desk is a few
// thousand rows; beyond that, print shorter periods.
const bookLimit = 5000

// handleTrackingBook prints the Sổ theo dõi hồ sơ (form 06 of TT 01/2018,
// 07 of TT 03/2025) on A4 landscape for the statistics page's period and
// unit: every dossier received in it, in order of receipt, with its
// hand-overs and return.
func (s *Server) handleTrackingBook(w http.ResponseWriter, r *http.Request) error {
	b, q, units, err := s.statsRequest(w, r)
	if err != nil {
		return err
	}
	var list []dossier.Summary
	for _, fig := range []dossier.Figure{dossier.FigReceivedDirect, dossier.FigReceivedOnline} {
		part, err := s.deps.Store.FindDossiers(r.Context(), dossier.Filter{LeadUnitIDs: units, Figure: fig,
			From: q.from.Time(), To: q.to.AddDays(1).Time(), Limit: 500})
		if err != nil {
			return err
		}
		for off := 500; len(part) == off && off < bookLimit; off += 500 {
			more, err := s.deps.Store.FindDossiers(r.Context(), dossier.Filter{LeadUnitIDs: units, Figure: fig,
				From: q.from.Time(), To: q.to.AddDays(1).Time(), Limit: 500, Offset: off})
			if err != nil {
				return err
			}
			part = append(part, more...)
		}
		list = append(list, part...)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ReceivedAt.Before(list[j].ReceivedAt) })
	rows := make([]report.BookRow, 0, len(list))
	for i, sum := range list {
		rec, err := s.deps.Store.FindDossierByCode(r.Context(), sum.Code)
		if err != nil {
			return err
		}
		st := rec.State
		row := report.BookRow{No: i + 1, Code: rec.Code, Procedure: rec.Procedure.Name, Sets: rec.Sets,
			Applicant: rec.Applicant.Name, Address: rec.Applicant.Address, Phone: rec.Applicant.Phone,
			LeadBody: b.UnitName(rec.LeadUnitID), ReceivedAt: st.ReceivedAt, AppointedAt: st.AppointedDue, ReturnedAt: st.ReturnedAt}
		if len(st.Steps) > 1 {
			row.TransferredAt = st.Steps[1].StartedAt
			if last := st.Steps[len(st.Steps)-1]; len(st.Steps) > 2 {
				row.ResultBackAt = last.StartedAt
			}
		}
		rows = append(rows, row)
	}
	head := report.FormData{FormSet: dossier.FormSetFor(q.to), IssuedAt: q.to.AddDays(1).Time().Add(-1),
		Agency: b.UnitName(agencyOf(b.tree, b.User)), Unit: b.UnitName(q.unit)}
	var buf bytes.Buffer
	if err := report.WriteTrackingBook(&buf, head, rows); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="so-theo-doi-ho-so-`+q.from.String()+`-`+q.to.String()+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}
