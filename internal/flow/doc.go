// Package flow finds where time is lost (issue #14, item 2): for a
// procedure, each step's count of passes, the median and 90th-percentile
// working time against its budget, the share over budget, the waiting
// between the hand-off and the pick-up apart from the handling, the steps
// and units that late dossiers are laid to, the directly-follows graph of
// the steps actually taken, and two periods side by side; and the same
// for tasks (time blocked by obstacles, waiting for review, returns).
//
// The figures come from rollups, not from the records: the store adds, in
// the same transaction as each event, what that event changed (Ended,
// LateCause) to rows per procedure × step × unit × day, and the analysis
// sums the rows of a period (Analyse). A percentile is read from a fixed
// histogram of working hours kept in those rows (Hist), so it is exact to
// the width of its bucket; a recount from the events gives the same rows.
//
// The package is pure: it imports the dossier and work models and the
// calendar, and knows nothing of storage or HTTP.
package flow
