package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/notify"
	"congvu/internal/org"
	"congvu/internal/store"
)

// Dossier notifications: the "dossier_notify" jobs the store enqueues with
// a forward or a received supplement, and the due-soon and overdue scan.
// Each notification reaches only people who may see the dossier
// (dossier.CanView, judged when it is delivered), links to the dossier's
// page, and is delivered once per job key and person however many nodes
// run the scan.

// dueLookback is how far back the scan looks for dossiers that became
// overdue, so that those missed while no node ran are told when one
// starts again.
const dueLookback = 7 * 24 * time.Hour

// duePayload is a "dossier_due" job's payload.
type duePayload struct {
	Code string      `json:"code"`
	Kind notify.Kind `json:"kind"`
	Due  int64       `json:"due"` // the statutory due (Unix microseconds) the notice is about
}

func (w *Work) registerDossiers() {
	w.r.Handle("dossier_notify", w.handleDossierNotify)
	w.r.Handle("dossier_due", w.handleDossierDue)
	w.r.Every("dossiers_due", w.cfg.ScanEvery, w.ScanDossiersDue)
}

// ScanDossiersDue enqueues a "dossier_due" job for every open dossier that
// is, at now, due within 24 working hours on its agency's calendar or
// overdue (notify.DueState), keyed by the dossier, the kind and the due
// instant: each is told once, and again only if its due moves.
func (w *Work) ScanDossiersDue(ctx context.Context, now time.Time) error {
	cals := map[int64]*calendar.Calendar{}
	before, err := w.dueSoonEnd(ctx, now, cals)
	if err != nil {
		return err
	}
	return w.scanDue(ctx, now, before, cals)
}

// scanDue is ScanDossiersDue over the dossiers due before before.
func (w *Work) scanDue(ctx context.Context, now, before time.Time, cals map[int64]*calendar.Calendar) error {
	from := now.Add(-dueLookback)
	var after time.Time
	var afterID int64
	for {
		page, err := w.st.FindOpenDossiersDue(ctx, from, before, after, afterID, 500)
		if err != nil {
			return err
		}
		var js []store.NewJob
		for _, d := range page {
			cal := cals[d.AgencyID]
			if cal == nil {
				if cal, err = w.st.Calendar(ctx, d.AgencyID); err != nil {
					return err
				}
				cals[d.AgencyID] = cal
			}
			kind, ok, err := notify.DueState(cal, d.StatutoryDue, now, d.Paused)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			due := store.Micro(d.StatutoryDue)
			js = append(js, store.NewJob{Kind: "dossier_due", Key: fmt.Sprintf("dossier:%s:%s:%d", d.Code, kind, due), RunAt: now,
				Payload: duePayload{Code: d.Code, Kind: kind, Due: due}})
		}
		if _, err := w.st.EnqueueJobs(ctx, js); err != nil {
			return err
		}
		if len(page) < 500 {
			return nil
		}
		last := page[len(page)-1]
		after, afterID = last.StatutoryDue, last.ID
	}
}

// dueSoonEnd is the latest instant any agency's dossier can be due and
// still be due soon at now: the end of 24 working hours on the calendar of
// each agency, the latest of them. The scan reads only the open dossiers
// due before it, not every open dossier (most are due later). cals
// receives the calendars read.
func (w *Work) dueSoonEnd(ctx context.Context, now time.Time, cals map[int64]*calendar.Calendar) (time.Time, error) {
	tree, err := w.st.Tree(ctx)
	if err != nil {
		return time.Time{}, err
	}
	end := now
	for _, u := range tree.Units() {
		if u.Kind != org.KindAgency {
			continue
		}
		cal, err := w.st.Calendar(ctx, u.ID)
		if err != nil {
			return time.Time{}, err
		}
		cals[u.ID] = cal
		e, err := cal.AddWorking(now, notify.DueSoonWindow)
		if err != nil {
			return time.Time{}, err
		}
		if e.After(end) {
			end = e
		}
	}
	// Just past the end: a dossier due exactly then is due soon.
	return end.Add(time.Microsecond), nil
}

func (w *Work) handleDossierDue(ctx context.Context, j store.Job) error {
	var p duePayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return Permanent(err)
	}
	rec, err := w.st.FindDossierByCode(ctx, p.Code)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	st := rec.State
	// The dossier may have moved on since the scan: finished, paused, or
	// given a new due (which has notices of its own).
	if !st.Open() || st.Paused() || store.Micro(st.StatutoryDue) != p.Due {
		return nil
	}
	cur, _ := st.Current()
	var extra []org.Role
	if p.Kind == notify.DossierOverdue {
		extra = notify.HeadRoles
	}
	people, err := w.dossierRecipients(ctx, rec, cur.Handler.ID, cur.UnitID, extra)
	if err != nil {
		return err
	}
	title, body := dossierText(p.Kind, rec, dossier.Event{})
	return w.deliver(ctx, j.Key, people, store.Notification{Kind: string(p.Kind), Title: title, Body: body, Link: dossierLink(rec.Code)})
}

func (w *Work) handleDossierNotify(ctx context.Context, j store.Job) error {
	var p store.DossierNotifyPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return Permanent(err)
	}
	rec, err := w.st.FindDossierByCode(ctx, p.Code)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if p.Seq < 1 || p.Seq > len(rec.Events) {
		return Permanent(fmt.Errorf("dossier %s has no event %d", p.Code, p.Seq))
	}
	ev := rec.Events[p.Seq-1]
	var named, unit int64
	switch p.Kind {
	case notify.DossierForwarded:
		named, unit = ev.ToPersonID, ev.ToUnitID
	case notify.DossierReturned:
		// The store recorded the earlier step's handler and unit on the
		// event: they are told even if the dossier moved on since.
		named, unit = ev.ToPersonID, ev.ToUnitID
	case notify.DossierSupplement:
		// The handler of the step that asked for it, who holds the
		// dossier now that it is back in processing.
		if cur, ok := rec.State.Current(); ok {
			named, unit = cur.Handler.ID, cur.UnitID
		}
	default:
		return Permanent(fmt.Errorf("unknown dossier notification %q", p.Kind))
	}
	people, err := w.dossierRecipients(ctx, rec, named, unit, nil)
	if err != nil {
		return err
	}
	title, body := dossierText(p.Kind, rec, ev)
	return w.deliver(ctx, j.Key, people, store.Notification{Kind: string(p.Kind), Title: title, Body: body, Link: dossierLink(rec.Code)})
}

// dossierRecipients is notify.Recipients among the unit's current members,
// less anyone who may not see the dossier (dossier.CanView): a named
// handler outside the units the dossier reached, or someone whose role
// ended, is not told about it.
func (w *Work) dossierRecipients(ctx context.Context, rec dossier.Record, named, unit int64, extra []org.Role) ([]int64, error) {
	tree, err := w.st.Tree(ctx)
	if err != nil {
		return nil, err
	}
	var members []org.Membership
	if unit != 0 {
		if members, err = w.st.CurrentMemberships(ctx, tree.AgencyOf(unit), append(notify.HandlerRoles, extra...)...); err != nil {
			return nil, err
		}
	}
	var out []int64
	for _, id := range notify.Recipients(named, unit, members, notify.HandlerRoles, extra) {
		subj, err := w.st.Subject(ctx, id)
		if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Unauthorized) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if dossier.CanView(subj, tree, w.policy, rec.State, rec.Procedure) == nil {
			out = append(out, id)
		}
	}
	return out, nil
}

func dossierLink(code string) string { return "/dossiers/" + code }
