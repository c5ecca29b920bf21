package api

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/httpx"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// Contractor-selection plans (KHLCNT, Luật Đấu thầu 22/2023/QH15 Art 39)
// and their posting on the national e-procurement system within 5 working
// days (Art 8.4); supervision and evaluation reports (Luật Đầu tư công
// 58/2024/QH15 Art 73–77) and inspections of projects. Reads need the
// project's view (investment.CanViewProject); the plan, its results, its
// postings and the reports are entered by the project's investor and the
// unit following it (CanReportProject); inspections by the department's
// directors and that unit (CanManageProject).

func (s *Server) selectionRoutes() []route {
	const tag = "selection plans"
	const sup = "supervision"
	return []route{
		{Method: "GET", Pattern: "/api/v1/projects/{code}/packages", ID: "listPackages", Tag: tag,
			Access:   access.May("investment.view", investmentViewGrants).Note(investorStaffNote),
			Summary:  "The project's contractor-selection plan as it stands: its packages with their results, the total against the total investment.",
			Response: selectionPlanResponse{}, Status: http.StatusOK, Handle: s.handlePackageList},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/packages", ID: "createPackage", Tag: tag,
			Access:  access.May("investment.report", investmentReportGrants).Note(investorReportNote),
			Summary: "Add a package to the plan's draft (Art 39); refused with both figures when the packages' total would exceed the total investment.",
			Request: packageRequest{}, Response: packageResponse{}, Status: http.StatusCreated, Handle: s.handlePackageCreate},
		{Method: "PUT", Pattern: "/api/v1/projects/{code}/packages/{id}", ID: "updatePackage", Tag: tag,
			Access:  access.May("investment.report", investmentReportGrants).Note(investorReportNote),
			Summary: "Change a package of the draft; it takes effect with the next adjustment. 409 once the package has a selection result.",
			Request: packageRequest{}, Response: packageResponse{}, Status: http.StatusOK, Handle: s.handlePackageUpdate},
		{Method: "GET", Pattern: "/api/v1/projects/{code}/selection-plan/versions", ID: "listPlanVersions", Tag: tag,
			Access:   access.May("investment.view", investmentViewGrants).Note(investorStaffNote),
			Summary:  "Every approved version of the plan, oldest first, each with its decision and its packages as approved.",
			Response: []planVersionResponse{}, Status: http.StatusOK, Handle: s.handlePlanVersionList},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/selection-plan/versions", ID: "createPlanVersion", Tag: tag,
			Access: access.May("investment.report", investmentReportGrants).Note(investorReportNote),
			Summary: "Approve the draft by its decision: the first version is the approval, later ones adjustments; 409 when nothing changed. " +
				"The document is then due for posting within 5 working days of the decision.",
			Request: planVersionRequest{}, Response: planVersionResponse{}, Status: http.StatusCreated, Handle: s.handlePlanVersionCreate},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/packages/{id}/result", ID: "createSelectionResult", Tag: tag,
			Access: access.May("investment.report", investmentReportGrants).Note(investorReportNote),
			Summary: "Record the approved selection result of a package of an approved version: winner, winning price (at most the package price), decision; " +
				"the answer carries the savings rate. Due for posting within 5 working days.",
			Request: resultRequest{}, Response: packageResponse{}, Status: http.StatusCreated, Handle: s.handleSelectionResult},
		{Method: "GET", Pattern: "/api/v1/projects/{code}/postings", ID: "listProjectPostings", Tag: tag,
			Access:   access.May("investment.view", investmentViewGrants).Note(investorStaffNote),
			Summary:  "The project's documents to post on the national e-procurement system, with their due dates and states.",
			Response: []postingResponse{}, Status: http.StatusOK, Handle: s.handleProjectPostings},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/postings/{id}/posted", ID: "recordPosting", Tag: tag,
			Access:  access.May("investment.report", investmentReportGrants).Note(investorReportNote),
			Summary: "Record the day a document was posted on the national e-procurement system; 409 when recorded already.",
			Request: postedRequest{}, Response: postingResponse{}, Status: http.StatusOK, Handle: s.handlePostingRecord},
		{Method: "GET", Pattern: "/api/v1/procurement-postings", ID: "listPostings", Tag: tag,
			Access:  access.Login().Shows(access.May("investment.view", investmentViewGrants)).Note(investorStaffNote),
			Summary: "Documents to post across the projects the caller may see: by default those not posted within 5 working days (late) and those not posted yet.",
			Query: []param{
				{"state", "string", "late (default: overdue or posted late), unposted (not posted yet), or all"},
			},
			Response: []postingResponse{}, Status: http.StatusOK, Handle: s.handlePostingList},

		{Method: "GET", Pattern: "/api/v1/projects/{code}/obligations", ID: "listObligations", Tag: sup,
			Access:   access.May("investment.view", investmentViewGrants).Note(investorStaffNote),
			Summary:  "The supervision and evaluation reports the project owes (Luật 58/2024 Art 73–77) with their due dates and submissions.",
			Response: []obligationResponse{}, Status: http.StatusOK, Handle: s.handleObligationList},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/obligations/{key}/submission", ID: "submitObligation", Tag: sup,
			Access: access.May("investment.report", investmentReportGrants).Note(investorReportNote),
			Summary: "Submit a report (key 2026-Q1, 2026, end or impact) with its file; the end and impact evaluations need every section, lessons learned among them. " +
				"409 when submitted already.",
			Request: submissionRequest{}, Response: obligationResponse{}, Status: http.StatusCreated, Handle: s.handleObligationSubmit},
		{Method: "GET", Pattern: "/api/v1/supervision-obligations", ID: "listObligationsAcross", Tag: sup,
			Access:  access.Login().Shows(access.May("investment.view", investmentViewGrants)).Note(investorStaffNote),
			Summary: "Supervision reports across the projects the caller may see; by default the overdue ones.",
			Query: []param{
				{"state", "string", "overdue (default), due_soon, upcoming, on_time, late, or all"},
			},
			Response: []obligationResponse{}, Status: http.StatusOK, Handle: s.handleObligationsAcross},
		{Method: "GET", Pattern: "/api/v1/supervision-rules", ID: "listSupervisionRules", Tag: sup,
			Access:   access.Login(),
			Summary:  "The due rules of the supervision reports, not verified against the law: data an administrator changes.",
			Response: []supervisionRuleResponse{}, Status: http.StatusOK, Handle: s.handleSupervisionRules},
		{Method: "GET", Pattern: "/api/v1/projects/{code}/inspections", ID: "listInspections", Tag: sup,
			Access:   access.May("investment.view", investmentViewGrants).Note(investorStaffNote),
			Summary:  "The inspections of the project (kiểm tra dự án), the latest first.",
			Response: []inspectionResponse{}, Status: http.StatusOK, Handle: s.handleInspectionList},
		{Method: "POST", Pattern: "/api/v1/projects/{code}/inspections", ID: "createInspection", Tag: sup,
			Access:  access.May("investment.manage", investmentManageGrants),
			Summary: "Record an inspection of the project: date, inspectors, findings, conclusion and its document.",
			Request: inspectionRequest{}, Response: inspectionResponse{}, Status: http.StatusCreated, Handle: s.handleInspectionCreate},
	}
}

// investmentReportGrants may enter a project's figures (investment.report):
// the unit following the project; the investor's own staff too (the note).
const (
	investmentReportGrants = "head deputy_head official: subtree"
	investorReportNote     = "an investor's staff (role investor in their investor's unit) also enter their own investor's projects' figures"
)

// projectCheck is one of investment's project rules (CanViewProject, ...).
type projectCheck func(*auth.Policy, *auth.Subject, *org.Tree, investment.Project, investment.Investor) error

// projectFor is the project of the path's {code} if the caller may see it
// (404 otherwise, as one that does not exist) and check allows them.
func (s *Server) projectFor(r *http.Request, check projectCheck) (investment.Project, error) {
	t, err := s.tree(r)
	if err != nil {
		return investment.Project{}, err
	}
	subj := subjectOf(r)
	p, inv, err := httpx.VisibleProject(r.Context(), s.deps.Store, s.deps.Policy, subj, t, r.PathValue("code"))
	if err != nil {
		return p, err
	}
	return p, check(s.deps.Policy, subj, t, p, inv)
}

// registerVisibility is what part of their register the caller may list.
func (s *Server) registerVisibility(r *http.Request) (investment.Visibility, error) {
	t, err := s.tree(r)
	if err != nil {
		return investment.Visibility{}, err
	}
	v, _, err := httpx.Register(r.Context(), s.deps.Store, s.deps.Policy, subjectOf(r), t)
	return v, err
}

func (s *Server) vnToday() calendar.Date { return calendar.DateOf(s.deps.Now()) }

// checkFileFor refuses a file the caller may not attach (400 on field).
func (s *Server) checkFileFor(r *http.Request, field string, id int64) error {
	if id == 0 {
		return nil
	}
	if id < 0 {
		return apperr.Invalidf(field, "tệp đính kèm không hợp lệ", "attached file not valid")
	}
	if _, err := s.deps.ReadableFile(r.Context(), subjectOf(r), id); err != nil {
		return apperr.Invalidf(field, "không có tệp số %d mà bạn được đính kèm", "no file %d you may attach", id)
	}
	return nil
}

func (s *Server) handlePackageList(w http.ResponseWriter, r *http.Request) error {
	p, err := s.projectFor(r, investment.CanViewProject)
	if err != nil {
		return err
	}
	ps, err := s.deps.Store.FindPackages(r.Context(), p.ID)
	if err != nil {
		return err
	}
	vs, err := s.deps.Store.FindPlanVersions(r.Context(), p.ID)
	if err != nil {
		return err
	}
	lang := httpx.Lang(r)
	out := selectionPlanResponse{ProjectCode: p.Code, TotalInvestment: p.Total, PackagesTotal: investment.TotalPrice(ps), Versions: len(vs), Packages: []packageResponse{}}
	for _, pk := range ps {
		out.Packages = append(out.Packages, toPackageResponse(pk, lang))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePackageCreate(w http.ResponseWriter, r *http.Request) error {
	var q packageRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanReportProject)
	if err != nil {
		return err
	}
	pk, err := s.deps.Store.AddPackage(r.Context(), actorOf(subjectOf(r)), p.ID, q.in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toPackageResponse(pk, httpx.Lang(r)))
}

func (s *Server) handlePackageUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var q packageRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanReportProject)
	if err != nil {
		return err
	}
	pk, err := s.deps.Store.UpdatePackage(r.Context(), actorOf(subjectOf(r)), p.ID, id, q.in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPackageResponse(pk, httpx.Lang(r)))
}

func (s *Server) handlePlanVersionList(w http.ResponseWriter, r *http.Request) error {
	p, err := s.projectFor(r, investment.CanViewProject)
	if err != nil {
		return err
	}
	vs, err := s.deps.Store.FindPlanVersions(r.Context(), p.ID)
	if err != nil {
		return err
	}
	out := []planVersionResponse{}
	for _, v := range vs {
		out = append(out, toPlanVersionResponse(v, httpx.Lang(r)))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePlanVersionCreate(w http.ResponseWriter, r *http.Request) error {
	var q planVersionRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanReportProject)
	if err != nil {
		return err
	}
	if err := s.checkFileFor(r, "decision.file_id", q.Decision.FileID); err != nil {
		return err
	}
	v, err := s.deps.Store.ApprovePlanVersion(r.Context(), actorOf(subjectOf(r)), p.ID, q.decision)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Code+"/selection-plan/versions")
	return writeJSON(w, http.StatusCreated, toPlanVersionResponse(v, httpx.Lang(r)))
}

func (s *Server) handleSelectionResult(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var q resultRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanReportProject)
	if err != nil {
		return err
	}
	if err := s.checkFileFor(r, "decision.file_id", q.Decision.FileID); err != nil {
		return err
	}
	res, err := s.deps.Store.RecordSelectionResult(r.Context(), actorOf(subjectOf(r)), p.ID, id,
		investment.SelectionResult{Winner: strings.TrimSpace(q.Winner), WinningPrice: q.WinningPrice, Decision: q.decision})
	if err != nil {
		return err
	}
	ps, err := s.deps.Store.FindPackages(r.Context(), p.ID)
	if err != nil {
		return err
	}
	for _, pk := range ps {
		if pk.ID == res.PackageID {
			return writeJSON(w, http.StatusCreated, toPackageResponse(pk, httpx.Lang(r)))
		}
	}
	return apperr.NotFoundf("Dự án không có gói thầu số %d", "The project has no package %d", id)
}

func (s *Server) handleProjectPostings(w http.ResponseWriter, r *http.Request) error {
	p, err := s.projectFor(r, investment.CanViewProject)
	if err != nil {
		return err
	}
	rows, err := s.deps.Store.FindPostings(r.Context(), store.PostingFilter{ProjectID: p.ID, Limit: 1000})
	if err != nil {
		return err
	}
	return s.writePostings(w, r, p.AgencyID, rows)
}

func (s *Server) writePostings(w http.ResponseWriter, r *http.Request, agency int64, rows []store.PostingRow) error {
	cal, err := s.deps.Store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	out := []postingResponse{}
	for _, row := range rows {
		out = append(out, toPostingResponse(row, cal, s.vnToday(), httpx.Lang(r)))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePostingRecord(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var q postedRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanReportProject)
	if err != nil {
		return err
	}
	if _, err := s.deps.Store.RecordPosting(r.Context(), actorOf(subjectOf(r)), p.ID, id, q.day); err != nil {
		return err
	}
	rows, err := s.deps.Store.FindPostings(r.Context(), store.PostingFilter{ProjectID: p.ID, Limit: 1000})
	if err != nil {
		return err
	}
	for _, row := range rows {
		if row.ID == id {
			cal, err := s.deps.Store.Calendar(r.Context(), p.AgencyID)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, toPostingResponse(row, cal, s.vnToday(), httpx.Lang(r)))
		}
	}
	return apperr.NotFoundf("Dự án không có văn bản đăng tải số %d", "The project has no document to post %d", id)
}

func (s *Server) handlePostingList(w http.ResponseWriter, r *http.Request) error {
	state := r.URL.Query().Get("state")
	if state == "" {
		state = "late"
	}
	if err := oneOf("state", state, "late", "unposted", "all"); err != nil {
		return err
	}
	v, err := s.registerVisibility(r)
	if err != nil {
		return err
	}
	if v.None() {
		return writeJSON(w, http.StatusOK, []postingResponse{})
	}
	f := store.PostingFilter{AgencyID: v.AgencyID, Unposted: state == "unposted", Late: state == "late", LateOn: s.vnToday(), Limit: 1000}
	if !v.All {
		f.Investors = v.Investors
	}
	rows, err := s.deps.Store.FindPostings(r.Context(), f)
	if err != nil {
		return err
	}
	return s.writePostings(w, r, v.AgencyID, rows)
}

func (s *Server) handleObligationList(w http.ResponseWriter, r *http.Request) error {
	p, err := s.projectFor(r, investment.CanViewProject)
	if err != nil {
		return err
	}
	obs, err := s.deps.Store.FindObligations(r.Context(), p.ID)
	if err != nil {
		return err
	}
	out := []obligationResponse{}
	for _, o := range obs {
		out = append(out, toObligationResponse(store.ObligationRow{Obligation: o, ProjectCode: p.Code, ProjectName: p.Name}, s.vnToday(), httpx.Lang(r)))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleObligationSubmit(w http.ResponseWriter, r *http.Request) error {
	var q submissionRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanReportProject)
	if err != nil {
		return err
	}
	if err := s.checkFileFor(r, "file_id", q.FileID); err != nil {
		return err
	}
	o, err := s.deps.Store.SubmitSupervisionReport(r.Context(), actorOf(subjectOf(r)), p.ID, r.PathValue("key"), q.sub)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toObligationResponse(store.ObligationRow{Obligation: o, ProjectCode: p.Code, ProjectName: p.Name}, s.vnToday(), httpx.Lang(r)))
}

var obligationStates = []string{"overdue", "due_soon", "upcoming", "on_time", "late", "all"}

func (s *Server) handleObligationsAcross(w http.ResponseWriter, r *http.Request) error {
	state := r.URL.Query().Get("state")
	if state == "" {
		state = "overdue"
	}
	if err := oneOf("state", state, obligationStates...); err != nil {
		return err
	}
	v, err := s.registerVisibility(r)
	if err != nil {
		return err
	}
	if v.None() {
		return writeJSON(w, http.StatusOK, []obligationResponse{})
	}
	f := store.ObligationFilter{AgencyID: v.AgencyID, Today: s.vnToday()}
	if !v.All {
		f.Investors = v.Investors
	}
	if state != "all" {
		f.States = []investment.ObligationState{investment.ObligationState(state)}
	}
	rows, err := s.deps.Store.FindObligationsAcross(r.Context(), f)
	if err != nil {
		return err
	}
	out := []obligationResponse{}
	for _, o := range rows {
		out = append(out, toObligationResponse(o, s.vnToday(), httpx.Lang(r)))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleSupervisionRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.deps.Store.SupervisionRules(r.Context())
	if err != nil {
		return err
	}
	out := []supervisionRuleResponse{}
	for _, x := range rules {
		out = append(out, supervisionRuleResponse{Kind: string(x.Kind), KindLabel: x.Kind.Label(httpx.Lang(r)), ValidFrom: x.From.String(),
			MonthsAfter: x.MonthsAfter, Day: x.Day})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleInspectionList(w http.ResponseWriter, r *http.Request) error {
	p, err := s.projectFor(r, investment.CanViewProject)
	if err != nil {
		return err
	}
	ins, err := s.deps.Store.FindInspections(r.Context(), p.ID)
	if err != nil {
		return err
	}
	out := []inspectionResponse{}
	for _, in := range ins {
		out = append(out, toInspectionResponse(in))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleInspectionCreate(w http.ResponseWriter, r *http.Request) error {
	var q inspectionRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	p, err := s.projectFor(r, investment.CanManageProject)
	if err != nil {
		return err
	}
	if err := s.checkFileFor(r, "conclusion_file_id", q.ConclusionFileID); err != nil {
		return err
	}
	in, err := s.deps.Store.RecordInspection(r.Context(), actorOf(subjectOf(r)), p.ID, q.in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/projects/"+p.Code+"/inspections/"+strconv.FormatInt(in.ID, 10))
	return writeJSON(w, http.StatusCreated, toInspectionResponse(in))
}
