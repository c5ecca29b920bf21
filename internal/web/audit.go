package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"congvu/internal/anchor"
	"congvu/internal/audit"
	"congvu/internal/auth"
)

// auditPerPage is the length of a page of the journal.
const auditPerPage = 50

// auditTypes are the object types the filter offers.
var auditTypes = []string{"unit", "restructuring", "person", "account", "delegation", "calendar", "office_hours", "procedure", "dossier", "task", "plan"}

// AuditPage is the journal, newest first, and the result of a chain check.
type AuditPage struct {
	BasePage
	Events  []audit.Event
	Rows    []AuditRow // Events in words (audit_view.go)
	Types   []string
	Type    string
	NextURL string
	// Verified is set after a check: Checked events held, Broken is the first broken link.
	Verified bool
	Checked  int64
	Broken   *audit.Break
	// Anchors is how many checkpoints the chain was checked against, the
	// newest covering event AnchorSeq; Unanchored when no key is
	// configured; AnchorBad names a checkpoint file that does not hold.
	Anchors    int
	AnchorSeq  int64
	Unanchored bool
	AnchorBad  string
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, p *AuditPage) error {
	b, err := s.base(w, r, "audit.title")
	if err != nil {
		return err
	}
	if err := s.authorize(&b, auth.ViewAudit, 0); err != nil {
		return err
	}
	b.Path = "/audit"
	p.BasePage, p.Types = b, auditTypes
	q := r.URL.Query()
	p.Type = q.Get("type")
	f := audit.Filter{ObjectType: p.Type, Limit: auditPerPage + 1, AgencyIDs: b.tree.Lineage(agencyOf(b.tree, b.User))}
	if before, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && before > 0 {
		f.BeforeSeq = before
	}
	if p.Events, err = s.deps.Store.FindAuditEvents(r.Context(), f); err != nil {
		return err
	}
	if len(p.Events) > auditPerPage {
		p.Events = p.Events[:auditPerPage]
		v := url.Values{"before": {strconv.FormatInt(p.Events[len(p.Events)-1].Seq, 10)}}
		if p.Type != "" {
			v.Set("type", p.Type)
		}
		p.NextURL = "/audit?" + v.Encode()
	}
	p.Rows = s.auditRows(r.Context(), &p.BasePage, p.Events, f.AgencyIDs)
	return s.render(w, http.StatusOK, "audit", p)
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	return s.auditPage(w, r, &AuditPage{})
}

// handleAuditVerify walks the whole chain and shows whether it holds, or
// the first broken link, checked against the checkpoints signed outside
// the database when a key is configured (as `congvu audit verify` does).
func (s *Server) handleAuditVerify(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorizeNow(r, auth.ViewAudit, 0); err != nil {
		return err
	}
	p := &AuditPage{Verified: true}
	var cps []audit.Checkpoint
	if cfg := s.deps.Config; cfg.AuditKey == "" {
		p.Unanchored = true
	} else {
		key, err := anchor.LoadKey(cfg.AuditKey)
		if err != nil {
			return err // serve loaded it at start: the file changed since
		}
		if cps, err = anchor.ReadFile(cfg.AuditCheckpoints, key); err != nil {
			p.AnchorBad = err.Error()
			return s.auditPage(w, r, p)
		}
	}
	n, err := s.admin.VerifyAuditAgainst(r.Context(), cps)
	p.Checked, p.Anchors = n, len(cps)
	for _, c := range cps {
		p.AnchorSeq = max(p.AnchorSeq, c.Seq)
	}
	if err != nil {
		var br *audit.Break
		if !errors.As(err, &br) {
			return err
		}
		p.Broken = br
	}
	return s.auditPage(w, r, p)
}
