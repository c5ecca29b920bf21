package store

import (
	"context"
	"fmt"

	"congvu/internal/calendar"
	"congvu/internal/investment"
)

// The alerts of the contractor-selection plans and the supervision
// reports: a document to post on the national e-procurement system whose
// 5 working days (Luật Đấu thầu 22/2023 Art 8.4) are nearly or wholly
// spent, and a supervision report (Luật 58/2024 Art 73–77) due within a
// week or overdue. They go to the investor's staff and the head of the
// unit following the project, once per document, state and person (the
// notification's dedup key).

// InvestmentAlert is one notification to send.
type InvestmentAlert struct {
	Notification
	DedupKey string
}

// InvestmentAlerts lists the alerts due on today's state; NotifyInvestment
// sends them.
func (db *DB) InvestmentAlerts(ctx context.Context, today calendar.Date) ([]InvestmentAlert, error) {
	agencies, err := collectRowsQ(db, ctx, "SELECT DISTINCT agency_id FROM projects ORDER BY agency_id")
	if err != nil {
		return nil, err
	}
	var out []InvestmentAlert
	for _, agency := range agencies {
		cal, err := db.Calendar(ctx, agency)
		if err != nil {
			return nil, err
		}
		posts, err := db.FindPostings(ctx, PostingFilter{AgencyID: agency, Unposted: true, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, p := range posts {
			st := p.State(cal, today)
			if st != investment.PostingDueSoon && st != investment.PostingOverdue {
				continue
			}
			people, err := db.projectAlertPeople(ctx, p.ProjectID)
			if err != nil {
				return nil, err
			}
			title := fmt.Sprintf("%s: %s — dự án %s", st.Label("vi"), p.Kind.Label("vi"), p.ProjectCode)
			body := fmt.Sprintf("Hạn đăng tải trên Hệ thống mạng đấu thầu quốc gia: %s (5 ngày làm việc kể từ ngày %s).", investment.DMY(p.Due), investment.DMY(p.Issued))
			for _, person := range people {
				out = append(out, InvestmentAlert{Notification: Notification{PersonID: person, Kind: "procurement_posting", Title: title, Body: body,
					Link: "/projects/" + p.ProjectCode + "#packages"}, DedupKey: fmt.Sprintf("posting:%d:%s:%d", p.ID, st, person)})
			}
		}
		obs, err := db.FindObligationsAcross(ctx, ObligationFilter{AgencyID: agency, Today: today,
			States: []investment.ObligationState{investment.ObligationDueSoon, investment.ObligationOverdue}})
		if err != nil {
			return nil, err
		}
		for _, o := range obs {
			st := o.State(today)
			people, err := db.projectAlertPeople(ctx, o.ProjectID)
			if err != nil {
				return nil, err
			}
			title := fmt.Sprintf("%s: báo cáo giám sát dự án %s", st.Label("vi"), o.ProjectCode)
			body := fmt.Sprintf("%s, hạn nộp %s.", o.Label("vi"), investment.DMY(o.Due))
			for _, person := range people {
				out = append(out, InvestmentAlert{Notification: Notification{PersonID: person, Kind: "supervision_report", Title: title, Body: body,
					Link: "/projects/" + o.ProjectCode + "#supervision"}, DedupKey: fmt.Sprintf("report:%d:%s:%s:%d", o.ProjectID, o.Key, st, person)})
			}
		}
	}
	return out, nil
}

// NotifyInvestment sends the alerts due today (in Vietnam) to each
// person's inbox, each once, and says how many were new.
func (db *DB) NotifyInvestment(ctx context.Context, today calendar.Date) (int, error) {
	alerts, err := db.InvestmentAlerts(ctx, today)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range alerts {
		added, err := db.CreateNotification(ctx, a.Notification, a.DedupKey)
		if err != nil {
			return n, err
		}
		if added {
			n++
		}
	}
	return n, nil
}

// projectAlertPeople are the people told about a project's deadlines: the
// investor's staff and the heads of the unit following it, current
// members only.
func (db *DB) projectAlertPeople(ctx context.Context, projectID int64) ([]int64, error) {
	today := calendar.DateOf(db.now()).String()
	return collectRowsQ(db, ctx, `SELECT DISTINCT m.person_id FROM projects p
		JOIN investors i ON i.id = p.investor_id
		JOIN memberships m ON (m.unit_id = i.unit_id AND m.role = 'investor') OR (m.unit_id = p.managing_unit_id AND m.role = 'head')
		JOIN people pe ON pe.id = m.person_id AND pe.active
		WHERE p.id = ? AND m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to >= ?) ORDER BY m.person_id`, projectID, today, today)
}

// collectRowsQ runs a query of one integer column.
func collectRowsQ(db *DB, ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return collectRows(rows, scanValue[int64])
}
