package dossier

// ReportLine is one line of the period report broken down (Biểu II.06a
// lists the figures per field, lĩnh vực, and per unit, above the total).
type ReportLine struct {
	Label  string
	UnitID int64  // the unit of a line per unit, 0 otherwise
	Field  string // the field of a line per field
	Report Report
}

// Add adds another report's figures to r (the period stays r's): lines
// that split the same dossiers add up to the total.
func (r *Report) Add(o Report) {
	r.Received.Total += o.Received.Total
	r.Received.Online += o.Received.Online
	r.Received.Direct += o.Received.Direct
	r.Received.CarriedOver += o.Received.CarriedOver
	r.Resolved.Total += o.Resolved.Total
	r.Resolved.Early += o.Resolved.Early
	r.Resolved.OnTime += o.Resolved.OnTime
	r.Resolved.Late += o.Resolved.Late
	r.InProgress.Total += o.InProgress.Total
	r.InProgress.WithinDeadline += o.InProgress.WithinDeadline
	r.InProgress.Overdue += o.InProgress.Overdue
	r.InProgress.Paused += o.InProgress.Paused
	r.Withdrawn += o.Withdrawn
}
