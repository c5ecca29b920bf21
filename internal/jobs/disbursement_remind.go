package jobs

import (
	"context"
	"fmt"
	"time"

	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// Reminding investors of their monthly disbursement report (NĐ 85/2025/NĐ-CP
// Art 49, TT 37/2025/TT-BTC: due before the 15th). From 00:00 on the 15th
// in Vietnam (calendar days: investment.LateMonth) every investor that
// owes a figure for last month — a project and source with a plan and no
// figure — is reminded: each of its staff (org.RoleInvestor in the
// investor's unit) gets one notification, keyed by the investor, the month
// and the person, so that a scan run again, or on another node, reminds
// once per investor and month.

// disbReminderStore is what the scan needs; *store.DB has it.
type disbReminderStore interface {
	DisbursementRegisters(ctx context.Context) ([]int64, error)
	LateInvestors(ctx context.Context, agency int64, p investment.Period) ([]store.LateInvestor, error)
}

// DisbursementReminderKind is the stored kind of the reminder.
const DisbursementReminderKind = "disbursement_report_due"

// registerDisbursement adds the reminder scan.
func (w *Work) registerDisbursement() {
	w.r.Every("disbursement_reminders", w.cfg.ScanEvery, w.ScanDisbursementReminders)
}

// ScanDisbursementReminders reminds, at now, the investors late with last
// month's report; before the 15th it does nothing.
func (w *Work) ScanDisbursementReminders(ctx context.Context, now time.Time) error {
	p, late := investment.LateMonth(now)
	if !late {
		return nil
	}
	ds, ok := w.st.(disbReminderStore)
	if !ok {
		return nil
	}
	regs, err := ds.DisbursementRegisters(ctx)
	if err != nil {
		return err
	}
	for _, reg := range regs {
		list, err := ds.LateInvestors(ctx, reg, p)
		if err != nil {
			return err
		}
		for _, l := range list {
			ms, err := w.st.CurrentMemberships(ctx, l.UnitID, org.RoleInvestor)
			if err != nil {
				return err
			}
			var people []int64
			for _, m := range ms {
				people = append(people, m.PersonID)
			}
			n := store.Notification{Kind: DisbursementReminderKind,
				Title: fmt.Sprintf("Chưa báo cáo giải ngân tháng %02d/%d", p.Month, p.Year),
				Body: fmt.Sprintf("%s chưa báo cáo %d dòng số liệu giải ngân tháng %02d/%d (hạn trước ngày %s). Vui lòng báo cáo hoặc nhập từ tệp Excel theo mẫu.",
					l.Name, l.Missing, p.Month, p.Year, p.Due().Format("02/01/2006")),
				Link: fmt.Sprintf("/investment/disbursements/import")}
			if err := w.deliver(ctx, investment.ReminderKey(l.InvestorID, p), people, n); err != nil {
				return err
			}
		}
	}
	return nil
}
