package api

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
)

// The public lookup (tra cứu hồ sơ) and the applicant's rating: served
// without a credential, to whoever holds the dossier's code and the secret
// printed on the receipt. They show no staff names and only the initials
// of a citizen's name, answer a wrong secret exactly as an unknown code,
// and are rate-limited per client address.

func (s *Server) publicRoutes() []route {
	// One bucket per client across both endpoints and the web page's
	// (httpx.NewLookupLimiter): guessing secrets through the rating or the
	// other door is no cheaper than through the lookup.
	lim := s.deps.Lookups
	if lim == nil {
		lim = httpx.NewLookupLimiter()
	}
	rs := []route{
		{Method: "GET", Pattern: "/api/v1/public/dossiers/{code}", ID: "lookupDossier", Tag: "public",
			Access:   access.Public(),
			Summary:  "The public lookup of a dossier by its code and secret, without a credential: status, steps with dates and results, due date, result; the applicant only as initials, no staff names. A wrong or missing secret is a 404 like an unknown code. Rate-limited per client address (429).",
			Query:    []param{{"secret", "string", "the secret printed on the receipt slip (XXXX-XXXX-XXXX-X; case, spaces and dashes do not matter; an older receipt's has 8 characters)"}},
			Response: publicDossierResponse{}, Status: http.StatusOK, RateLimited: true, Handle: s.rateLimited(lim, s.handlePublicDossier)},
		{Method: "POST", Pattern: "/api/v1/public/dossiers/{code}/rating", ID: "rateDossier", Tag: "public",
			Access:  access.Public(),
			Summary: "The applicant's satisfaction with a dossier (QĐ 766/QĐ-TTg), once, after the result was returned (409 otherwise), without a credential. Rate-limited per client address (429).",
			Request: ratingRequest{}, Response: ratingResponse{}, Status: http.StatusOK, RateLimited: true, Handle: s.rateLimited(lim, s.handlePublicRating)},
	}
	return append(rs, s.publicOnlineRoutes(lim)...)
}

// errPublicTooMany is the answer to a client over its rate.
var errPublicTooMany = apperr.New(apperr.TooMany, "", "Bạn đã tra cứu quá nhiều lần; vui lòng thử lại sau ít phút",
	"Too many lookups; please try again in a few minutes")

// rateLimited refuses a request over the client address's rate with 429.
func (s *Server) rateLimited(lim *httpx.RateLimiter, h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if ok, wait := lim.Reserve(s.deps.ClientIP(r)); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(auth.RetrySeconds(wait)))
			return errPublicTooMany
		}
		return h(w, r)
	}
}

// publicDossierResponse is what anyone with the code and secret sees.
type publicDossierResponse struct {
	Code          string         `json:"code"`
	StatusCode    int            `json:"status_code" doc:"national status 1–10"`
	StatusLabel   bilingualLabel `json:"status_label"`
	ProcedureCode string         `json:"procedure_code"`
	ProcedureName string         `json:"procedure_name"`
	Applicant     string         `json:"applicant" doc:"a citizen's initials (N.V.A.), an organisation's name"`
	SubmittedAt   *string        `json:"submitted_at" api:"format=date-time"`
	ReceivedAt    *string        `json:"received_at" api:"format=date-time"`
	DueAt         *string        `json:"due_at" api:"format=date-time" doc:"the appointed return time (ngày hẹn trả kết quả)"`
	Paused        bool           `json:"paused" doc:"the clock is stopped: a supplement, a payment, or a stop"`
	Steps         []publicStep   `json:"steps"`
	CompletedAt   *string        `json:"completed_at" api:"format=date-time" doc:"when the result was ready"`
	ReturnedAt    *string        `json:"returned_at" api:"format=date-time" doc:"when the result was handed over"`
	Result        timelinessWire `json:"result" doc:"once completed: early, on_time or late against the statutory due"`
	Rated         bool           `json:"rated"`
	CanRate       bool           `json:"can_rate" doc:"the result was returned and no rating was given yet"`
	Supplements   []publicAsk    `json:"supplements" doc:"the supplement requests (form 02), oldest first, with what was asked and when the supplement came"`
	CanSupplement bool           `json:"can_supplement" doc:"a supplement is awaited: it may be sent online (POST …/supplement)"`
}

// publicAsk is a supplement request as the applicant sees it.
type publicAsk struct {
	At         string   `json:"at" api:"format=date-time"`
	Asked      []string `json:"asked" doc:"the papers to add or correct, one an item"`
	Days       int      `json:"days" doc:"the applicant's deadline in working days; 0 for none"`
	ReceivedAt *string  `json:"received_at" api:"format=date-time" doc:"when the supplement came; null while awaited"`
}

// publicStep is one step as the public sees it: the body, not the people.
type publicStep struct {
	Name      string         `json:"name"`
	StartedAt *string        `json:"started_at" api:"format=date-time"`
	EndedAt   *string        `json:"ended_at" api:"format=date-time"`
	Result    timelinessWire `json:"result"`
}

func toPublicResponse(rec dossier.Record, lang string) publicDossierResponse {
	st := rec.State
	out := publicDossierResponse{Code: rec.Code, StatusCode: int(st.Status), StatusLabel: statusLabel(st.Status),
		ProcedureCode: rec.Procedure.Code, ProcedureName: rec.Procedure.Name, Applicant: rec.Applicant.Initials(),
		SubmittedAt: instantOrNil(st.SubmittedAt), ReceivedAt: instantOrNil(st.ReceivedAt), DueAt: instantOrNil(st.AppointedDue),
		Paused: st.Paused(), Steps: []publicStep{}, CompletedAt: instantOrNil(st.CompletedAt), ReturnedAt: instantOrNil(st.ReturnedAt),
		Result: toTimelinessWire(dossier.Classify(st), lang), Rated: rec.Rating != nil}
	out.CanRate = st.Status == dossier.StatusReturned && !out.Rated
	out.CanSupplement = st.Status == dossier.StatusSupplement
	out.Supplements = []publicAsk{}
	for _, a := range dossier.PublicSupplements(rec.Events) {
		asked := a.Asked
		if asked == nil {
			asked = []string{}
		}
		out.Supplements = append(out.Supplements, publicAsk{At: *instantOrNil(a.At), Asked: asked, Days: a.Days, ReceivedAt: instantOrNil(a.Received)})
	}
	// The steps up to the one holding the dossier: a return for rework is
	// internal, and the public timeline does not show it (dossier.PublicSlip).
	for i, r := range st.Steps {
		if r.StartedAt.IsZero() || i > st.CurrentStep {
			break
		}
		out.Steps = append(out.Steps, publicStep{Name: r.Name, StartedAt: instantOrNil(r.StartedAt), EndedAt: instantOrNil(r.EndedAt),
			Result: toTimelinessWire(r.Result, lang)})
	}
	return out
}

func (s *Server) handlePublicDossier(w http.ResponseWriter, r *http.Request) error {
	code := strings.TrimSpace(r.PathValue("code"))
	rec, err := s.deps.Store.LookupDossier(r.Context(), code, strings.TrimSpace(r.URL.Query().Get("secret")))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toPublicResponse(rec, httpx.Lang(r)))
}

// ratingRequest is the body of POST /api/v1/public/dossiers/{code}/rating.
type ratingRequest struct {
	Secret  string `json:"secret" api:"required"`
	Rating  int    `json:"rating" api:"required" doc:"1 satisfied (hài lòng), 2 acceptable (bình thường), 3 dissatisfied (không hài lòng)"`
	Comment string `json:"comment" api:"max=1000"`
}

// Validate checks the rating; a missing secret is answered like a wrong one.
func (q *ratingRequest) Validate() error {
	if !dossier.Satisfaction(q.Rating).Valid() {
		return apperr.Invalidf("rating", "mức đánh giá không hợp lệ: %d (1 hài lòng, 2 bình thường, 3 không hài lòng)",
			"invalid rating %d (1 satisfied, 2 acceptable, 3 dissatisfied)", q.Rating)
	}
	var err error
	q.Comment, err = apperr.Text("comment", q.Comment, 0, 1000)
	return err
}

// ratingResponse acknowledges a rating.
type ratingResponse struct {
	Code   string `json:"code"`
	Rating int    `json:"rating"`
	Label  string `json:"label"`
}

func (s *Server) handlePublicRating(w http.ResponseWriter, r *http.Request) error {
	var req ratingRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	code := strings.TrimSpace(r.PathValue("code"))
	score := dossier.Satisfaction(req.Rating)
	if err := s.deps.Store.RateDossier(r.Context(), code, strings.TrimSpace(req.Secret), score, req.Comment); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ratingResponse{Code: code, Rating: req.Rating, Label: score.Label(httpx.Lang(r))})
}
