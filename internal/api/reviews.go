package api

import (
	"fmt"
	"net/http"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/review"
)

// Period reviews (báo cáo sơ kết, tổng kết; internal/review): drafted from
// the records of a unit and a period, the head's narrative sections, the
// issue that locks it with the hash of its DOCX, and the DOCX and PDF.

// The grants of the module's routes (review.RegisterPolicy).
const (
	reviewViewGrants  = "director deputy_director inspector: agency; head deputy_head: subtree"
	reviewWriteGrants = "director deputy_director: agency; head deputy_head: subtree"
)

// reviewPlace is the place printed before the date of every review.
const reviewPlace = "Bắc Ninh"

func (s *Server) reviewRoutes() []route {
	view := access.May(string(review.View), reviewViewGrants)
	write := access.May(string(review.Write), reviewWriteGrants)
	return []route{
		{Method: "GET", Pattern: "/api/v1/reviews", ID: "listReviews", Tag: "reviews",
			Access:   access.Login().Shows(view),
			Summary:  "The period reviews of the caller's agency that the caller may see (their units' as head or deputy head; all as director, deputy or inspector), the newest period first.",
			Query:    []param{{"year", "integer", "only the reviews of this year"}},
			Response: []periodReviewResponse{}, Status: http.StatusOK, Handle: s.handleReviewList},
		{Method: "POST", Pattern: "/api/v1/reviews", ID: "createReview", Tag: "reviews",
			Access: write.Note("checked with a review of the own unit"),
			Summary: "Draft the review of a unit for a month, quarter, half-year or year: the figures (tasks, dossiers, obstacles, extensions, late items with their causes) drafted from the records now and kept. " +
				"403 for a unit outside the caller's; 409 when the unit already has a review of the period.",
			Request: reviewCreateRequest{}, Response: periodReviewResponse{}, Status: http.StatusCreated, Handle: s.handleReviewCreate},
		{Method: "GET", Pattern: "/api/v1/reviews/{id}", ID: "getReview", Tag: "reviews",
			Access:   view,
			Summary:  "One review with its figures, its sections and, once issued, the SHA-256 of its DOCX.",
			Response: periodReviewResponse{}, Status: http.StatusOK, Handle: s.handleReviewView},
		{Method: "POST", Pattern: "/api/v1/reviews/{id}/events", ID: "createReviewEvent", Tag: "reviews",
			Access: write.Note("checked with edit of a draft of the own unit"),
			Summary: "Edit the draft (action edit: the sections given, the number, the signer, the recipients) or issue it (action issue: needs a number and the results; the DOCX is made, locked and its hash journalled). " +
				"409 once issued, 403 for a review of a unit outside the caller's; nothing is written on a refusal.",
			Request: reviewEventRequest{}, Response: periodReviewResponse{}, Status: http.StatusOK, Handle: s.handleReviewEvent},
		{Method: "GET", Pattern: "/api/v1/reviews/{id}/docx", ID: "getReviewDocx", Tag: "reviews",
			Access:   view,
			Summary:  "The review as DOCX in the layout of an administrative report (NĐ 30/2020): the file as issued, or the draft marked DỰ THẢO.",
			Download: true, Status: http.StatusOK, Handle: s.handleReviewFile("docx")},
		{Method: "GET", Pattern: "/api/v1/reviews/{id}/pdf", ID: "getReviewPdf", Tag: "reviews",
			Access:   view,
			Summary:  "The review as PDF, with the same parts as the DOCX.",
			Download: true, Status: http.StatusOK, Handle: s.handleReviewFile("pdf")},
	}
}

// reviewCreateRequest is the body of POST /api/v1/reviews.
type reviewCreateRequest struct {
	UnitID     int64    `json:"unit_id" api:"required"`
	Kind       string   `json:"kind" api:"required,enum=month|quarter|half|year"`
	Year       int      `json:"year" api:"required"`
	Index      int      `json:"index" doc:"the month 1–12, the quarter 1–4 or the half 1–2; 0 for a year"`
	Number     string   `json:"number" api:"max=50" doc:"số, ký hiệu, e.g. 12/BC-VP"`
	Signer     string   `json:"signer" api:"max=200" doc:"the caller's name when omitted"`
	SignerRole string   `json:"signer_role" api:"max=100" doc:"e.g. TRƯỞNG PHÒNG"`
	Recipients []string `json:"recipients" doc:"nơi nhận, at most 30"`

	period review.Period
}

// Validate reads the period.
func (q *reviewCreateRequest) Validate() error {
	if err := requireID("unit_id", q.UnitID); err != nil {
		return err
	}
	q.period = review.Period{Kind: review.Kind(q.Kind), Year: q.Year, Index: q.Index}
	if err := q.period.Validate(); err != nil {
		return err
	}
	var err error
	if q.Signer, err = apperr.Text("signer", q.Signer, 0, 200); err != nil {
		return err
	}
	if q.SignerRole, err = apperr.Text("signer_role", q.SignerRole, 0, 100); err != nil {
		return err
	}
	return checkRecipients(q.Recipients)
}

func checkRecipients(rs []string) error {
	if len(rs) > 30 {
		return apperr.Invalidf("recipients", "Quá nhiều nơi nhận (tối đa 30)", "Too many recipients (at most 30)")
	}
	for _, r := range rs {
		if len([]rune(r)) > 300 {
			return apperr.Invalidf("recipients", "Một nơi nhận quá dài (tối đa 300 ký tự)", "A recipient is too long (at most 300 characters)")
		}
	}
	return nil
}

// reviewEventRequest is the body of POST /api/v1/reviews/{id}/events.
type reviewEventRequest struct {
	Action       string   `json:"action" api:"required,enum=edit|issue"`
	Results      *string  `json:"results" doc:"edit: kết quả đạt được; unchanged when absent"`
	Shortcomings *string  `json:"shortcomings" doc:"edit: tồn tại, hạn chế và nguyên nhân"`
	Lessons      *string  `json:"lessons" doc:"edit: bài học kinh nghiệm"`
	NextTasks    *string  `json:"next_tasks" doc:"edit: nhiệm vụ kỳ tới"`
	Number       *string  `json:"number" doc:"edit: số, ký hiệu"`
	Signer       *string  `json:"signer" doc:"edit: who signs"`
	Recipients   []string `json:"recipients" doc:"edit: nơi nhận; unchanged when absent"`
}

// Validate checks the action and that issue comes alone.
func (q *reviewEventRequest) Validate() error {
	switch q.Action {
	case "edit":
		return checkRecipients(q.Recipients)
	case "issue":
		if q.Results != nil || q.Shortcomings != nil || q.Lessons != nil || q.NextTasks != nil || q.Number != nil || q.Signer != nil || q.Recipients != nil {
			return apperr.Invalidf("action", "Ban hành không kèm nội dung sửa: hãy lưu (edit) trước rồi ban hành", "issue takes no changes: edit first, then issue")
		}
		return nil
	}
	return apperr.Invalidf("action", "thao tác không hợp lệ: %q (edit hoặc issue)", "unknown action %q (edit or issue)", q.Action)
}

type reviewLateResponse struct {
	Kind  string `json:"kind" api:"enum=task|dossier"`
	Ref   string `json:"ref" doc:"the dossier's code or the task's title"`
	Due   string `json:"due" doc:"dd/mm/yyyy"`
	Days  int    `json:"days" doc:"days late"`
	Cause string `json:"cause"`
}

type reviewCountResponse struct {
	Label string `json:"label"`
	Value int    `json:"value"`
}

type reviewFiguresResponse struct {
	TasksAssigned   int                   `json:"tasks_assigned"`
	TasksDone       int                   `json:"tasks_done"`
	TasksOnTime     int                   `json:"tasks_on_time"`
	TasksLate       int                   `json:"tasks_late"`
	TasksOpen       int                   `json:"tasks_open"`
	DossiersTotal   int                   `json:"dossiers_total"`
	DossiersOnTime  int                   `json:"dossiers_on_time"`
	DossiersLate    int                   `json:"dossiers_late"`
	DossiersOpen    int                   `json:"dossiers_open"`
	Obstacles       int                   `json:"obstacles"`
	ObstaclesSolved int                   `json:"obstacles_solved"`
	Extensions      int                   `json:"extensions"`
	Late            []reviewLateResponse  `json:"late"`
	Inspections     []reviewCountResponse `json:"inspections" doc:"inspection findings, empty until inspections record some"`
	Lessons         []string              `json:"lessons" doc:"lessons recorded, empty until lessons record some"`
}

type reviewNarrativeResponse struct {
	Results      string `json:"results"`
	Shortcomings string `json:"shortcomings"`
	Lessons      string `json:"lessons"`
	NextTasks    string `json:"next_tasks"`
}

// periodReviewResponse is one review.
type periodReviewResponse struct {
	ID          int64                   `json:"id"`
	UnitID      int64                   `json:"unit_id"`
	UnitName    string                  `json:"unit_name"`
	Kind        string                  `json:"kind" api:"enum=month|quarter|half|year"`
	Year        int                     `json:"year"`
	Index       int                     `json:"index"`
	PeriodLabel string                  `json:"period_label"`
	Title       string                  `json:"title"`
	Number      string                  `json:"number"`
	Signer      string                  `json:"signer"`
	SignerRole  string                  `json:"signer_role"`
	Recipients  []string                `json:"recipients"`
	Status      string                  `json:"status" api:"enum=draft|issued"`
	IssuedAt    *string                 `json:"issued_at" api:"format=date-time"`
	SHA256      string                  `json:"sha256" doc:"of the issued DOCX; empty for a draft"`
	Figures     reviewFiguresResponse   `json:"figures"`
	Narrative   reviewNarrativeResponse `json:"narrative"`
}

func toPeriodReviewResponse(r review.Review) periodReviewResponse {
	f := r.Figures
	out := periodReviewResponse{ID: r.ID, UnitID: r.UnitID, UnitName: r.UnitName, Kind: string(r.Period.Kind), Year: r.Period.Year, Index: r.Period.Index,
		PeriodLabel: r.Period.Name("vi"), Title: r.Period.Title("vi"), Number: r.Number, Signer: r.Signer, SignerRole: r.SignerRole,
		Recipients: append([]string{}, r.Recipients...), Status: string(r.Status), IssuedAt: instantOrNil(r.IssuedAt), SHA256: r.SHA256,
		Figures: reviewFiguresResponse{TasksAssigned: f.TasksAssigned, TasksDone: f.TasksDone, TasksOnTime: f.TasksOnTime, TasksLate: f.TasksLate,
			TasksOpen: f.TasksOpen, DossiersTotal: f.DossiersTotal, DossiersOnTime: f.DossiersOnTime, DossiersLate: f.DossiersLate, DossiersOpen: f.DossiersOpen,
			Obstacles: f.Obstacles, ObstaclesSolved: f.ObstaclesSolved, Extensions: f.Extensions,
			Late: []reviewLateResponse{}, Inspections: []reviewCountResponse{}, Lessons: append([]string{}, f.Lessons...)},
		Narrative: reviewNarrativeResponse(r.Narrative)}
	for _, l := range f.Late {
		out.Figures.Late = append(out.Figures.Late, reviewLateResponse(l))
	}
	for _, c := range f.Inspections {
		out.Figures.Inspections = append(out.Figures.Inspections, reviewCountResponse(c))
	}
	return out
}

func (s *Server) handleReviewList(w http.ResponseWriter, r *http.Request) error {
	year, err := queryInt(r, "year", 0, calendar.MinYear, calendar.MaxYear)
	if err != nil {
		return err
	}
	sub := subjectOf(r)
	list, err := s.deps.Store.FindReviews(r.Context(), sub.AgencyID, year)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	out := []periodReviewResponse{}
	for _, rv := range list {
		if review.CanView(sub, t, s.deps.Policy, rv) == nil {
			out = append(out, toPeriodReviewResponse(rv))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleReviewCreate(w http.ResponseWriter, r *http.Request) error {
	var q reviewCreateRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	u, ok := t.Unit(q.UnitID)
	if !ok {
		return apperr.Invalidf("unit_id", "không có đơn vị số %d", "no unit %d", q.UnitID)
	}
	if err := review.CanEdit(sub, t, s.deps.Policy, u.ID); err != nil {
		return err
	}
	rv, err := s.draftReview(r, sub.PersonID, u, q.period, q.Signer, q.SignerRole)
	if err != nil {
		return err
	}
	rv.Number, rv.Recipients = strings.TrimSpace(q.Number), q.Recipients
	created, err := s.deps.Store.CreateReview(r.Context(), actorOf(sub), rv)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toPeriodReviewResponse(created))
}

// draftReview is a new review of unit u for period p with its figures
// drafted from the records, signed by signer (the person's name when
// empty).
func (s *Server) draftReview(r *http.Request, person int64, u org.Unit, p review.Period, signer, role string) (review.Review, error) {
	fig, err := s.deps.Store.DraftReviewFigures(r.Context(), u.ID, p)
	if err != nil {
		return review.Review{}, err
	}
	if signer == "" {
		if me, err := s.deps.Store.FindPersonWithoutMemberships(r.Context(), person); err == nil {
			signer = me.FullName
		}
	}
	return review.Review{AgencyID: u.AgencyID, UnitID: u.ID, UnitName: u.Name, Period: p, Figures: fig, Signer: signer, SignerRole: role}, nil
}

// visibleReview reads the review in the path if the caller may see it.
func (s *Server) visibleReview(r *http.Request) (review.Review, *org.Tree, error) {
	id, err := pathID(r)
	if err != nil {
		return review.Review{}, nil, err
	}
	rv, err := s.deps.Store.FindReview(r.Context(), id)
	if err != nil {
		return rv, nil, err
	}
	t, err := s.tree(r)
	if err != nil {
		return rv, nil, err
	}
	if err := review.CanView(subjectOf(r), t, s.deps.Policy, rv); err != nil {
		return review.Review{}, nil, err
	}
	return rv, t, nil
}

func (s *Server) handleReviewView(w http.ResponseWriter, r *http.Request) error {
	rv, _, err := s.visibleReview(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPeriodReviewResponse(rv))
}

func (s *Server) handleReviewEvent(w http.ResponseWriter, r *http.Request) error {
	var q reviewEventRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	sub := subjectOf(r)
	authorize := func(rv review.Review) error { return review.CanChange(sub, t, s.deps.Policy, rv) }
	var out review.Review
	if q.Action == "issue" {
		out, err = s.deps.Store.IssueReview(r.Context(), actorOf(sub), id, authorize, func(rv review.Review) ([]byte, error) {
			return report.ReviewFile(t, rv, "docx", reviewPlace)
		})
	} else {
		out, err = s.deps.Store.EditReview(r.Context(), actorOf(sub), id, authorize, func(rv *review.Review) error {
			return rv.Edit(q.narrative(rv.Narrative), pick(q.Number, rv.Number), pick(q.Signer, rv.Signer), pickList(q.Recipients, rv.Recipients))
		})
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPeriodReviewResponse(out))
}

// narrative is old with the sections the request gives.
func (q *reviewEventRequest) narrative(old review.Narrative) review.Narrative {
	return review.Narrative{Results: pick(q.Results, old.Results), Shortcomings: pick(q.Shortcomings, old.Shortcomings),
		Lessons: pick(q.Lessons, old.Lessons), NextTasks: pick(q.NextTasks, old.NextTasks)}
}

func pick(p *string, old string) string {
	if p == nil {
		return old
	}
	return strings.TrimSpace(*p)
}

func pickList(l, old []string) []string {
	if l == nil {
		return old
	}
	return l
}

// handleReviewFile sends the review as DOCX (the bytes as issued, hashed
// in the journal; a draft's made now) or PDF.
func (s *Server) handleReviewFile(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		rv, t, err := s.visibleReview(r)
		if err != nil {
			return err
		}
		var doc []byte
		if format == "docx" && rv.Status == review.Issued {
			doc, err = s.deps.Store.ReviewDocument(r.Context(), rv.ID)
		} else {
			doc, err = report.ReviewFile(t, rv, format, reviewPlace)
		}
		if err != nil {
			return err
		}
		attachment(w, reviewContentType[format], ReviewFileName(rv, format))
		w.WriteHeader(http.StatusOK)
		_, err = w.Write(doc)
		return err
	}
}

var reviewContentType = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pdf":  "application/pdf",
}

// ReviewFileName names a review's file: bao-cao-quarter-2026-1-12.docx
// (ASCII, so that every client keeps it).
func ReviewFileName(rv review.Review, format string) string {
	state := ""
	if rv.Status != review.Issued {
		state = "-du-thao"
	}
	return fmt.Sprintf("bao-cao-%s-%d-%d-%d%s.%s", rv.Period.Kind, rv.Period.Year, rv.Period.Index, rv.ID, state, format)
}
