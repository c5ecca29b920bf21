package dossier

// Page is one page of a list of dossiers (FindDossierPage): its rows, the
// cursor of the next page, and how many dossiers the whole list holds.
// Lists page by cursor, not by offset, so that the thousandth page costs
// what the first does; there is no last page beyond which a list stops.
type Page struct {
	Rows []Summary
	// Next is the cursor to pass as Filter.After for the following page;
	// empty on the last page.
	Next string
	// Total is how many dossiers the list holds, counted up to TotalCap;
	// TotalCapped says that there are more than TotalCap ("hơn 1.000").
	Total       int
	TotalCapped bool
}

// TotalCap is where counting a list's dossiers stops: past it a list says
// "more than 1,000" instead of reading every matching row to count them.
// A count costs the index entries it reads up to the cap, whatever the
// list's length: at 10,000 it was 80–100 ms on PostgreSQL for the overdue
// lists at 10,000,000 dossiers (docs/BENCHMARKS.md, "Lists at full
// size"), the first page's whole cost; 1,000 is twenty pages of 50, more
// than anyone pages through, and a tenth of the reads.
const TotalCap = 1_000

// Sort names the order of a list, chosen from its filter so that every
// page reads an index in its own order (FindDossierPage).
type Sort int

const (
	// SortNewest: the newest dossiers first (searches, all dossiers).
	SortNewest Sort = iota
	// SortDue: the most urgent first, by statutory due (open dossiers,
	// overdue, due soon, a due range).
	SortDue
	// SortReceived: the last received first (a received range).
	SortReceived
)

// SortOf is the order of the list f selects.
func SortOf(f Filter) Sort {
	switch {
	case f.Query != "" || f.HandledBy != 0:
		return SortNewest
	case f.Open || f.Overdue || f.DueSoon || !f.DueOn[0].IsZero() || !f.DueOn[1].IsZero():
		return SortDue
	case !f.ReceivedOn[0].IsZero() || !f.ReceivedOn[1].IsZero():
		return SortReceived
	}
	return SortNewest
}
