package api

import (
	"net/http"
	"sort"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/notify"
)

// The caller's own choice of which kinds of notification also go by
// e-mail (notify.Kinds); the in-app inbox always gets every one.

func (s *Server) notificationSettingsRoutes() []route {
	own := access.Login().Note("the caller's own settings; there is no way to read or change another person's")
	return []route{
		{Method: "GET", Pattern: "/api/v1/me/notification-settings", ID: "getNotificationSettings", Tag: "notifications",
			Access:   own,
			Summary:  "Which kinds of the caller's notifications also go by e-mail, every kind listed with its current value (defaults filled in).",
			Response: notificationSettingsResponse{}, Status: http.StatusOK, Handle: s.handleNotificationSettings},
		{Method: "PUT", Pattern: "/api/v1/me/notification-settings", ID: "setNotificationSettings", Tag: "notifications",
			Access: own,
			Summary: "Choose which kinds of the caller's notifications also go by e-mail. Kinds left out keep their value; an unknown kind is refused (400, field email.<kind>). " +
				"Kinds: dossier_forwarded, dossier_supplement, dossier_due_soon, dossier_overdue, task_assigned, task_due, task_overdue, task_returned, task_update, digest.",
			Request: notificationSettingsRequest{}, Response: notificationSettingsResponse{}, Status: http.StatusOK, Handle: s.handleNotificationSettingsSet},
	}
}

// notificationSettingsRequest sets some kinds' e-mail choice.
type notificationSettingsRequest struct {
	Email map[string]bool `json:"email" doc:"kind → whether it also goes by e-mail; e.g. {\"dossier_due_soon\": false}"`
}

// Validate requires the map and refuses an unknown kind, naming it.
func (q *notificationSettingsRequest) Validate() error {
	if q.Email == nil {
		return apperr.Invalidf("email", "thiếu danh sách lựa chọn gửi thư điện tử", "email is required")
	}
	keys := make([]string, 0, len(q.Email))
	for k := range q.Email {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same field named for the same body
	for _, k := range keys {
		if !notify.Kind(k).Valid() {
			return apperr.Invalidf("email."+k, "không có loại thông báo %q", "unknown notification kind %q", k)
		}
	}
	return nil
}

func (q notificationSettingsRequest) settings() notify.Settings {
	out := notify.Settings{}
	for k, v := range q.Email {
		out[notify.Kind(k)] = v
	}
	return out
}

// notificationSettingsResponse is every kind with its e-mail choice.
type notificationSettingsResponse struct {
	Email map[string]bool `json:"email" doc:"every kind → whether it also goes by e-mail"`
}

func toNotificationSettingsResponse(s notify.Settings) notificationSettingsResponse {
	out := notificationSettingsResponse{Email: map[string]bool{}}
	for k, v := range s.Full() {
		out.Email[string(k)] = v
	}
	return out
}

func (s *Server) handleNotificationSettings(w http.ResponseWriter, r *http.Request) error {
	set, err := s.deps.Store.NotificationSettings(r.Context(), subjectOf(r).PersonID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toNotificationSettingsResponse(set))
}

func (s *Server) handleNotificationSettingsSet(w http.ResponseWriter, r *http.Request) error {
	var q notificationSettingsRequest
	if err := decodeJSON(w, r, &q); err != nil {
		return err
	}
	subj := subjectOf(r)
	if err := s.deps.Store.SetNotificationSettings(r.Context(), actorOf(subj), subj.PersonID, q.settings()); err != nil {
		return err
	}
	return s.handleNotificationSettings(w, r)
}
