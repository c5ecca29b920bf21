package web

import (
	"net/http"
	"time"

	"congvu/internal/dossier"
)

// The desk's side of online filing: the dossiers filed on the portal wait
// in the clerk's queue with status 1 (Mới đăng ký), marked "Nộp trực
// tuyến — chờ tiếp nhận", until the desk accepts them (the clock starts)
// or refuses them (form 03), both from the dossier's page.

// onlineSection lists the agency's online dossiers waiting at the desk.
func (s *Server) onlineSection(r *http.Request, b *BasePage) (DossierSection, error) {
	f := dossier.Filter{AgencyID: agencyOf(b.tree, b.User), Statuses: []dossier.Status{dossier.StatusRegistered}}
	return s.queueSection(r, b, "/dossiers/queue", "online", b.T("queue.online"), b.T("queue.online.empty"), func(after string, skip bool) (dossier.Page, error) {
		f.After, f.SkipTotal = after, skip
		return s.deps.Store.FindDossierPage(r.Context(), f)
	})
}

// OnlineWaiting reports whether the row is an online filing the desk has
// not yet accepted or refused.
func (r DossierRow) OnlineWaiting() bool {
	return r.Status == dossier.StatusRegistered && r.Channel == dossier.ChannelOnline
}

// formDay is the day whose form set a dossier's forms follow: its
// receipt's, or, for an online dossier not received (refused at the desk),
// its filing's.
func formDay(rec dossier.Record) time.Time {
	if !rec.State.ReceivedAt.IsZero() {
		return rec.State.ReceivedAt
	}
	return rec.State.SubmittedAt
}

// issued reports whether the dossier's history holds an action that
// issues form f.
func issued(rec dossier.Record, f dossier.Form) bool {
	for _, ev := range rec.Events {
		for _, a := range f.Actions {
			if ev.Action == a {
				return true
			}
		}
	}
	return false
}
