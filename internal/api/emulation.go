package api

import (
	"net/http"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/calendar"
	"congvu/internal/review"
)

// Emulation titles (danh hiệu thi đua, issue #14 item 7): proposed from the
// year's ratings by the agency's rule (review.DefaultEmulation, marked
// unverified), confirmed by the director. The same list and the same
// confirmation as the web's /emulation.

func (s *Server) emulationRoutes() []route {
	director := access.May(string(review.ConfirmEmulation), "director: home").Note("the titles proposed in the caller's agency")
	return []route{
		{Method: "GET", Pattern: "/api/v1/emulation", ID: "listEmulation", Tag: "discipline",
			Access: director,
			Summary: "The emulation titles proposed for a year of the caller's agency from the people's year ratings (Chiến sĩ thi đua cơ sở from HTXSNV, Lao động tiên tiến from HTTNV, nothing after a discipline; the mapping is the agency's to check, unverified), " +
				"each with when the director confirmed it, if they did. 403 for anyone but the director.",
			Query:    []param{{"year", "integer", "the year rated (this year by default)"}},
			Response: emulationResponse{}, Status: http.StatusOK, Handle: s.handleEmulationList},
		{Method: "POST", Pattern: "/api/v1/emulation", ID: "confirmEmulation", Tag: "discipline",
			Access: director,
			Summary: "The director confirms the titles proposed for the people chosen, as proposed now; journalled together. " +
				"400 naming person_id for a person not proposed or already confirmed (nothing is written then); 403 for anyone but the director.",
			Request: emulationConfirmRequest{}, Response: emulationResponse{}, Status: http.StatusOK, Handle: s.handleEmulationConfirm},
	}
}

// emulationConfirmRequest is the body of POST /api/v1/emulation.
type emulationConfirmRequest struct {
	Year      int     `json:"year" api:"required"`
	PersonIDs []int64 `json:"person_ids" api:"required" doc:"the people whose proposed title is confirmed"`
}

// Validate checks the year and the ids.
func (q *emulationConfirmRequest) Validate() error {
	if q.Year < calendar.MinYear || q.Year > calendar.MaxYear {
		return apperr.Invalidf("year", "năm phải từ %d đến %d", "the year must be %d to %d", calendar.MinYear, calendar.MaxYear)
	}
	if len(q.PersonIDs) == 0 {
		return apperr.Invalidf("person_ids", "Chưa chọn người nào để công nhận", "Nobody chosen")
	}
	if len(q.PersonIDs) > 1000 {
		return apperr.Invalidf("person_ids", "Quá nhiều người trong một lần (tối đa 1.000)", "Too many people at once (at most 1,000)")
	}
	for _, id := range q.PersonIDs {
		if err := requireID("person_ids", id); err != nil {
			return err
		}
	}
	return nil
}

// emulationProposalResponse is one proposed title.
type emulationProposalResponse struct {
	PersonID    int64   `json:"person_id"`
	Name        string  `json:"name"`
	Grade       string  `json:"grade" doc:"the year's rating (HTXSNV, HTTNV, ...)"`
	Disciplined bool    `json:"disciplined" doc:"disciplined in the year (khiển trách or above)"`
	Title       string  `json:"title" api:"enum=lao_dong_tien_tien|chien_si_thi_dua"`
	TitleLabel  string  `json:"title_label" doc:"the title in Vietnamese"`
	ConfirmedAt *string `json:"confirmed_at" api:"format=date-time" doc:"when the director confirmed it; null while proposed"`
}

// emulationResponse is a year's proposals.
type emulationResponse struct {
	Year       int                         `json:"year"`
	Unverified bool                        `json:"unverified" doc:"the mapping from ratings to titles is to be checked by the agency"`
	Proposals  []emulationProposalResponse `json:"proposals"`
}

func (s *Server) handleEmulationList(w http.ResponseWriter, r *http.Request) error {
	year, err := queryInt(r, "year", s.deps.Now().In(vn).Year(), calendar.MinYear, calendar.MaxYear)
	if err != nil {
		return err
	}
	if err := s.mayConfirmEmulation(r); err != nil {
		return err
	}
	return s.writeEmulation(w, r, year)
}

func (s *Server) handleEmulationConfirm(w http.ResponseWriter, r *http.Request) error {
	var q emulationConfirmRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	if err := s.mayConfirmEmulation(r); err != nil {
		return err
	}
	sub := subjectOf(r)
	if _, err := s.deps.Store.ConfirmEmulation(r.Context(), actorOf(sub), sub.AgencyID, q.Year, review.DefaultEmulation, q.PersonIDs); err != nil {
		// The store names the person it refuses "person_id"; here the
		// field the caller sent is person_ids.
		if e := apperr.As(err); e != nil && e.Field == "person_id" {
			e.Field = "person_ids"
		}
		return err
	}
	return s.writeEmulation(w, r, q.Year)
}

// mayConfirmEmulation: the director of the caller's own agency.
func (s *Server) mayConfirmEmulation(r *http.Request) error {
	sub := subjectOf(r)
	t, err := s.tree(r)
	if err != nil {
		return err
	}
	return s.deps.Policy.Authorize(sub, t, review.ConfirmEmulation, auth.Resource{UnitID: sub.AgencyID})
}

func (s *Server) writeEmulation(w http.ResponseWriter, r *http.Request, year int) error {
	agency := subjectOf(r).AgencyID
	entries, err := s.deps.Store.EmulationYear(r.Context(), agency, year, review.DefaultEmulation)
	if err != nil {
		return err
	}
	out := emulationResponse{Year: year, Unverified: review.DefaultEmulation.Unverified, Proposals: []emulationProposalResponse{}}
	for _, e := range entries {
		out.Proposals = append(out.Proposals, emulationProposalResponse{PersonID: e.PersonID, Name: e.Name, Grade: string(e.Grade),
			Disciplined: e.Disciplined, Title: string(e.Title), TitleLabel: e.Title.Label("vi"), ConfirmedAt: instantOrNil(e.ConfirmedAt)})
	}
	return writeJSON(w, http.StatusOK, out)
}
