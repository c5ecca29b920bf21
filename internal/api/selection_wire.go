package api

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// The wire types of the contractor-selection plans (KHLCNT, Luật Đấu thầu
// 22/2023 Art 39), their posting on the national e-procurement system
// (Art 8.4), the supervision reports (Luật 58/2024 Art 73–77) and the
// inspections of projects.

// packageRequest is the body of POST /api/v1/projects/{code}/packages and
// PUT /api/v1/projects/{code}/packages/{id}.
type packageRequest struct {
	Name          string `json:"name" api:"required,max=500"`
	Price         int64  `json:"price" api:"required" doc:"giá gói thầu, integer đồng"`
	Source        string `json:"source" api:"required,enum=central|provincial|commune|oda|other" doc:"nguồn vốn"`
	Form          string `json:"form" api:"required,enum=open_bidding|limited_bidding|direct_appointment|competitive_quotation|direct_procurement|self_performance|community|price_negotiation|special" doc:"hình thức lựa chọn nhà thầu"`
	Method        string `json:"method" api:"required,enum=1s1e|1s2e|2s1e|2s2e" doc:"phương thức: one or two stages, one or two envelopes"`
	International bool   `json:"international" doc:"đấu thầu quốc tế; domestic when false"`
	Online        bool   `json:"online" doc:"lựa chọn nhà thầu qua mạng"`
	Start         string `json:"start" api:"required" doc:"when selection starts, a month (2026-03) or a quarter (2026-Q2)"`
	ContractType  string `json:"contract_type" api:"required,enum=lump_sum|fixed_unit|adjusted_unit|time_based|output_based|percentage|mixed" doc:"loại hợp đồng"`
	DurationDays  int    `json:"duration_days" api:"required" doc:"thời gian thực hiện hợp đồng, days"`

	in investment.PackageInput
}

// Validate checks the request; the domain checks the rest.
func (q *packageRequest) Validate() error {
	start, err := investment.ParseStartPeriod("start", q.Start)
	if err != nil {
		return err
	}
	q.in = investment.PackageInput{Name: strings.TrimSpace(q.Name), Price: q.Price, Source: investment.Source(q.Source),
		Form: investment.SelectionForm(q.Form), Method: investment.SelectionMethod(q.Method), International: q.International,
		Online: q.Online, Start: start, Contract: investment.ContractType(q.ContractType), DurationDays: q.DurationDays}
	return q.in.Validate()
}

func toDecisionWire(d investment.Decision) decisionWire {
	return decisionWire{Number: d.Number, Date: d.Date, Signer: d.Signer, FileID: d.FileID}
}

// planVersionRequest is the body of POST /api/v1/projects/{code}/selection-plan/versions.
type planVersionRequest struct {
	Decision decisionWire `json:"decision" api:"required" doc:"number, date and signer required; file_id the signed decision"`

	decision investment.Decision
}

// Validate reads the decision; the domain checks the rest (investment.NextVersion).
func (q *planVersionRequest) Validate() error {
	var err error
	q.decision, err = q.Decision.toDecision()
	return err
}

// resultRequest is the body of POST /api/v1/projects/{code}/packages/{id}/result.
type resultRequest struct {
	Winner       string       `json:"winner" api:"required,max=300" doc:"nhà thầu trúng thầu"`
	WinningPrice int64        `json:"winning_price" api:"required" doc:"giá trúng thầu, integer đồng, at most the package price"`
	Decision     decisionWire `json:"decision" api:"required" doc:"the decision approving the result: number, date and signer required"`

	decision investment.Decision
}

// Validate reads the decision; the domain checks the rest (investment.ValidateResult).
func (q *resultRequest) Validate() error {
	var err error
	q.decision, err = q.Decision.toDecision()
	return err
}

// postedRequest is the body of POST /api/v1/projects/{code}/postings/{id}/posted.
type postedRequest struct {
	PostedOn string `json:"posted_on" api:"required,format=date" doc:"the day it was posted on the national e-procurement system"`

	day calendar.Date
}

// Validate checks the date.
func (q *postedRequest) Validate() error {
	d, err := requireDate("posted_on", q.PostedOn)
	if err != nil {
		return err
	}
	q.day, _ = calendar.ParseDate(d)
	return nil
}

// submissionRequest is the body of POST /api/v1/projects/{code}/obligations/{key}/submission.
type submissionRequest struct {
	SubmittedOn string            `json:"submitted_on" api:"required,format=date"`
	FileID      int64             `json:"file_id" doc:"the report's file (POST /api/v1/files); 0 for none"`
	Note        string            `json:"note" api:"max=4000"`
	Sections    map[string]string `json:"sections" doc:"end and impact evaluations only, every one required: results, resources, benefits, sustainability, responsibilities, lessons"`

	sub investment.Submission
}

// Validate checks the date; the domain checks the rest.
func (q *submissionRequest) Validate() error {
	d, err := requireDate("submitted_on", q.SubmittedOn)
	if err != nil {
		return err
	}
	on, _ := calendar.ParseDate(d)
	q.sub = investment.Submission{On: on, FileID: q.FileID, Note: q.Note}
	if len(q.Sections) > 0 {
		q.sub.Sections = map[investment.EvaluationSection]string{}
		for k, v := range q.Sections {
			q.sub.Sections[investment.EvaluationSection(k)] = v
		}
	}
	if q.FileID < 0 {
		return apperr.Invalidf("file_id", "tệp đính kèm không hợp lệ", "attached file not valid")
	}
	return nil
}

// inspectionRequest is the body of POST /api/v1/projects/{code}/inspections.
type inspectionRequest struct {
	Date             string `json:"date" api:"required,format=date" doc:"the day of the inspection"`
	Inspectors       string `json:"inspectors" api:"required,max=1000" doc:"thành phần đoàn kiểm tra"`
	Findings         string `json:"findings" api:"required,max=20000"`
	Conclusion       string `json:"conclusion" api:"max=20000" doc:"the conclusion's gist"`
	ConclusionFileID int64  `json:"conclusion_file_id" doc:"the conclusion document (POST /api/v1/files); 0 for none"`

	in investment.Inspection
}

// Validate checks the date; the domain checks the rest.
func (q *inspectionRequest) Validate() error {
	d, err := requireDate("date", q.Date)
	if err != nil {
		return err
	}
	on, _ := calendar.ParseDate(d)
	q.in = investment.Inspection{On: on, Inspectors: q.Inspectors, Findings: q.Findings, Conclusion: q.Conclusion, ConclusionFileID: q.ConclusionFileID}
	return nil
}

type selectionResultResponse struct {
	Winner       string       `json:"winner"`
	WinningPrice int64        `json:"winning_price"`
	Savings      int64        `json:"savings" doc:"package price − winning price, đồng"`
	SavingsRate  float64      `json:"savings_rate" doc:"tỷ lệ tiết kiệm, a fraction: 0.05 for 5%"`
	Decision     decisionWire `json:"decision"`
}

type packageResponse struct {
	ID                int64                    `json:"id"`
	Name              string                   `json:"name"`
	Price             int64                    `json:"price"`
	Source            string                   `json:"source"`
	Form              string                   `json:"form"`
	FormLabel         string                   `json:"form_label"`
	Method            string                   `json:"method"`
	International     bool                     `json:"international"`
	Online            bool                     `json:"online"`
	Start             string                   `json:"start"`
	StartLabel        string                   `json:"start_label" doc:"e.g. Quý II/2026"`
	ContractType      string                   `json:"contract_type"`
	ContractTypeLabel string                   `json:"contract_type_label"`
	DurationDays      int                      `json:"duration_days"`
	InVersion         int                      `json:"in_version" doc:"the latest approved version holding it; 0 while only in the draft"`
	Result            *selectionResultResponse `json:"result" doc:"null before the selection result"`
}

func toPackageResponse(p investment.Package, lang string) packageResponse {
	out := packageResponse{ID: p.ID, Name: p.Name, Price: p.Price, Source: string(p.Source), Form: string(p.Form),
		FormLabel: investment.ChoiceLabel(investment.SelectionForms, string(p.Form), lang), Method: string(p.Method),
		International: p.International, Online: p.Online, Start: p.Start.String(), StartLabel: p.Start.Label(lang),
		ContractType: string(p.Contract), ContractTypeLabel: investment.ChoiceLabel(investment.ContractTypes, string(p.Contract), lang),
		DurationDays: p.DurationDays, InVersion: p.InVersion}
	if r := p.Result; r != nil {
		out.Result = &selectionResultResponse{Winner: r.Winner, WinningPrice: r.WinningPrice, Savings: p.Price - r.WinningPrice,
			SavingsRate: investment.SavingsRate(p.Price, r.WinningPrice), Decision: toDecisionWire(r.Decision)}
	}
	return out
}

// selectionPlanResponse is a project's plan as it stands.
type selectionPlanResponse struct {
	ProjectCode     string            `json:"project_code"`
	TotalInvestment int64             `json:"total_investment"`
	PackagesTotal   int64             `json:"packages_total" doc:"the packages' total price, at most the total investment"`
	Versions        int               `json:"versions" doc:"approved versions: 0 while a draft, 1 approved, more adjusted"`
	Packages        []packageResponse `json:"packages"`
}

type planVersionResponse struct {
	No        int               `json:"no"`
	Kind      string            `json:"kind" api:"enum=approval|adjustment"`
	KindLabel string            `json:"kind_label"`
	Decision  decisionWire      `json:"decision"`
	Total     int64             `json:"total"`
	Packages  []packageResponse `json:"packages" doc:"as approved in this version"`
	CreatedAt time.Time         `json:"created_at"`
}

func toPlanVersionResponse(v investment.PlanVersion, lang string) planVersionResponse {
	out := planVersionResponse{No: v.No, Kind: string(v.Kind), KindLabel: v.Kind.Label(lang), Decision: toDecisionWire(v.Decision),
		Total: v.Total, CreatedAt: v.CreatedAt, Packages: []packageResponse{}}
	for _, p := range v.Packages {
		out.Packages = append(out.Packages, toPackageResponse(p, lang))
	}
	return out
}

type postingResponse struct {
	ID          int64  `json:"id"`
	ProjectCode string `json:"project_code"`
	ProjectName string `json:"project_name"`
	Kind        string `json:"kind" api:"enum=plan|adjustment|result"`
	KindLabel   string `json:"kind_label"`
	VersionNo   int    `json:"version_no" doc:"for a plan or an adjustment"`
	PackageID   int64  `json:"package_id" doc:"for a selection result"`
	PackageName string `json:"package_name"`
	IssuedOn    string `json:"issued_on" api:"format=date"`
	DueOn       string `json:"due_on" api:"format=date" doc:"the 5th working day after issue on the agency's calendar (Luật Đấu thầu Art 8.4)"`
	PostedOn    string `json:"posted_on" doc:"empty while not posted"`
	State       string `json:"state" api:"enum=pending|due_soon|overdue|on_time|posted_late"`
	StateLabel  string `json:"state_label"`
}

func toPostingResponse(p store.PostingRow, cal investment.WorkingDays, today calendar.Date, lang string) postingResponse {
	st := p.State(cal, today)
	out := postingResponse{ID: p.ID, ProjectCode: p.ProjectCode, ProjectName: p.ProjectName, Kind: string(p.Kind), KindLabel: p.Kind.Label(lang),
		VersionNo: p.VersionNo, PackageID: p.PackageID, PackageName: p.PackageName, IssuedOn: p.Issued.String(), DueOn: p.Due.String(),
		State: string(st), StateLabel: st.Label(lang)}
	if p.Posted != nil {
		out.PostedOn = p.Posted.String()
	}
	return out
}

type reportSubmissionResponse struct {
	SubmittedOn string            `json:"submitted_on" api:"format=date"`
	FileID      int64             `json:"file_id"`
	Note        string            `json:"note"`
	Sections    map[string]string `json:"sections"`
}

type obligationResponse struct {
	ProjectCode string                    `json:"project_code"`
	ProjectName string                    `json:"project_name"`
	Key         string                    `json:"key" doc:"2026-Q1, 2026, end or impact"`
	Kind        string                    `json:"kind" api:"enum=quarterly|yearly|end|impact"`
	Label       string                    `json:"label"`
	Year        int                       `json:"year"`
	Quarter     int                       `json:"quarter"`
	DueOn       string                    `json:"due_on" api:"format=date" doc:"by the due rules, which are not verified against the law (GET /api/v1/supervision-rules)"`
	State       string                    `json:"state" api:"enum=upcoming|due_soon|overdue|on_time|late"`
	StateLabel  string                    `json:"state_label"`
	Submission  *reportSubmissionResponse `json:"submission" doc:"null while not submitted"`
}

func toObligationResponse(o store.ObligationRow, today calendar.Date, lang string) obligationResponse {
	st := o.State(today)
	out := obligationResponse{ProjectCode: o.ProjectCode, ProjectName: o.ProjectName, Key: o.Key, Kind: string(o.Kind), Label: o.Label(lang),
		Year: o.Year, Quarter: o.Quarter, DueOn: o.Due.String(), State: string(st), StateLabel: st.Label(lang)}
	if s := o.Submission; s != nil {
		out.Submission = &reportSubmissionResponse{SubmittedOn: s.On.String(), FileID: s.FileID, Note: s.Note, Sections: map[string]string{}}
		for k, v := range s.Sections {
			out.Submission.Sections[string(k)] = v
		}
	}
	return out
}

type inspectionResponse struct {
	ID               int64     `json:"id"`
	Date             string    `json:"date" api:"format=date"`
	Inspectors       string    `json:"inspectors"`
	Findings         string    `json:"findings"`
	Conclusion       string    `json:"conclusion"`
	ConclusionFileID int64     `json:"conclusion_file_id"`
	CreatedAt        time.Time `json:"created_at"`
}

func toInspectionResponse(in investment.Inspection) inspectionResponse {
	return inspectionResponse{ID: in.ID, Date: in.On.String(), Inspectors: in.Inspectors, Findings: in.Findings, Conclusion: in.Conclusion,
		ConclusionFileID: in.ConclusionFileID, CreatedAt: in.CreatedAt}
}

type supervisionRuleResponse struct {
	Kind        string `json:"kind" api:"enum=quarterly|yearly|end|impact"`
	KindLabel   string `json:"kind_label"`
	ValidFrom   string `json:"valid_from" api:"format=date"`
	MonthsAfter int    `json:"months_after" doc:"months after the last month of the period"`
	Day         int    `json:"day" doc:"day of that month, capped at its last day"`
	Verified    bool   `json:"verified" doc:"always false: the due days are not in the legal texts read"`
}
