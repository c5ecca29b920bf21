package investment

import (
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/org"
)

// Reporter is who enters capital plans and disbursement figures: the
// journal's actor, and the subject and policy its rights are checked with
// on each project (CanReportProject, CanManageProject), and the register
// the projects are looked up in. A nil Subject is
// congvu itself (the demo, a bulk load): it may write any project.
type Reporter struct {
	// AgencyID is the agency whose register the projects are in (their
	// codes are unique within it).
	AgencyID int64
	Actor    audit.Actor
	Subject  *auth.Subject
	Policy   *auth.Policy
}

// MayReport checks r may enter figures for p (investment.report: the
// project's own investor, the unit following it). Errors: apperr.Forbidden.
func (r Reporter) MayReport(tree *org.Tree, p Project, inv Investor) error {
	if r.Subject == nil {
		return nil
	}
	return CanReportProject(r.Policy, r.Subject, tree, p, inv)
}

// MayPlan checks r may set or adjust p's capital plans and extensions
// (investment.manage: the department's directors and the unit following
// the project; never an investor). Errors: apperr.Forbidden.
func (r Reporter) MayPlan(tree *org.Tree, p Project, inv Investor) error {
	if r.Subject == nil {
		return nil
	}
	return CanManageProject(r.Policy, r.Subject, tree, p, inv)
}

// FigureRow is one row of a batch of figures: the project by its code in
// the register of the agency the batch is for, and the month's figure.
// Line is where it came from (a workbook's row), for the messages.
type FigureRow struct {
	Line        int
	ProjectCode string
	FigureInput
}

// RowError is why one row of a batch was refused.
type RowError struct {
	Index int // the row's index in the batch
	Line  int // its Line
	Err   *apperr.Error
}

// BatchError lists every refused row of a batch; nothing of the batch was
// written. It unwraps to the first row's error, so that its code (and so
// the status) and field are those of a batch of one row.
type BatchError struct {
	Rows []RowError
}

func (e *BatchError) Error() string {
	s := strconv.Itoa(len(e.Rows)) + " row(s) refused"
	if len(e.Rows) > 0 {
		s += "; first, line " + strconv.Itoa(e.Rows[0].Line) + ": " + e.Rows[0].Err.Error()
	}
	return s
}

// Unwrap returns the first row's error.
func (e *BatchError) Unwrap() error {
	if len(e.Rows) == 0 {
		return nil
	}
	return e.Rows[0].Err
}

// AsRowError turns any error about a row into its *apperr.Error; an
// error that is not one (the database failing) is returned as is in ok
// false, to fail the whole batch.
func AsRowError(err error) (*apperr.Error, bool) {
	ae := apperr.As(err)
	return ae, ae != nil
}
