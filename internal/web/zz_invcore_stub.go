package web

// TEMPORARY until wt-invcore's web pages are merged: the grants of the
// investment pages, as investment.RegisterPolicy states them.

const (
	projectViewGrants   = "director deputy_director inspector admin head deputy_head official: agency"
	projectReportGrants = "head deputy_head official: subtree"
	projectManageGrants = "director deputy_director: agency; head deputy_head official: subtree"
)
