package jobs

import (
	"context"
	"time"

	"congvu/internal/calendar"
)

// The alerts of public investment: documents to post on the national
// e-procurement system within 5 working days (Luật Đấu thầu 22/2023 Art
// 8.4) and supervision reports (Luật 58/2024 Art 73–77) due soon or
// overdue, told to the investor's staff and the following unit's head once
// per document and state (store.InvestmentAlerts).
func (w *Work) registerInvestmentAlerts() {
	w.r.Every("investment_alerts", w.cfg.ScanEvery, w.ScanInvestmentAlerts)
}

// ScanInvestmentAlerts sends the alerts due on now's day in Vietnam.
func (w *Work) ScanInvestmentAlerts(ctx context.Context, now time.Time) error {
	_, err := w.st.NotifyInvestment(ctx, calendar.DateOf(now))
	return err
}
