package web

import (
	"net/http"

	"congvu/internal/httpx"
	"congvu/internal/notify"
	"congvu/internal/store"
)

// The bell on every staff page (templates/bell.html) shows the unread
// count that the navigation already reads (inboxLabel). Without
// JavaScript it is a link to the inbox; with htmx it opens the latest
// notifications in place, each a button that marks it read and opens its
// record, with links to the inbox and to the e-mail settings.

// bellLatest is how many notifications the bell's menu lists.
const bellLatest = 8

// BellMenu is the bell's menu: the latest notifications, or nothing once
// closed.
type BellMenu struct {
	BasePage
	Open  bool
	Items []store.Notification
}

// handleBell serves the bell's menu to htmx; a plain request (no
// JavaScript, or the address typed) goes to the inbox.
func (s *Server) handleBell(w http.ResponseWriter, r *http.Request) error {
	if r.Header.Get("HX-Request") != "true" {
		return redirect(w, r, "/inbox")
	}
	// A light BasePage: the menu needs no navigation, and must not take
	// the flash message meant for the next page.
	p := &BellMenu{BasePage: BasePage{Lang: httpx.Lang(r), User: httpx.SubjectFrom(r.Context())}}
	if sess := httpx.SessionFrom(r.Context()); sess != nil {
		p.CSRF = sess.CSRFToken
	}
	if r.URL.Query().Get("close") != "1" {
		p.Open = true
		var err error
		if p.Items, err = s.deps.Store.FindNotifications(r.Context(), p.User.PersonID, false, bellLatest, 0); err != nil {
			return err
		}
	}
	return s.renderPart(w, "inbox", "bell-menu", p)
}

// NotifySettingsPage is the logged-in user's choice of which kinds of
// notification also go by e-mail.
type NotifySettingsPage struct {
	BasePage
	Email    string // the address e-mail goes to, "" when the person has none
	Groups   []notifyGroup
	Settings notify.Settings // every kind, defaults filled in
}

// notifyGroup is a fieldset of the settings page.
type notifyGroup struct {
	Legend string
	Kinds  []notify.Kind
}

func (s *Server) handleNotifySettings(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "notify.settings.title")
	if err != nil {
		return err
	}
	p := &NotifySettingsPage{BasePage: b}
	me, err := s.deps.Store.FindPersonByID(r.Context(), b.User.PersonID)
	if err != nil {
		return err
	}
	p.Email = me.Email
	set, err := s.deps.Store.NotificationSettings(r.Context(), b.User.PersonID)
	if err != nil {
		return err
	}
	p.Settings = set.Full()
	for _, k := range notify.Kinds {
		g := "notify.group.tasks"
		switch {
		case k.Dossier():
			g = "notify.group.dossiers"
		case k == notify.Digest:
			g = "notify.group.digest"
		}
		if n := len(p.Groups); n == 0 || p.Groups[n-1].Legend != g {
			p.Groups = append(p.Groups, notifyGroup{Legend: g})
		}
		p.Groups[len(p.Groups)-1].Kinds = append(p.Groups[len(p.Groups)-1].Kinds, k)
	}
	return s.render(w, http.StatusOK, "notify_settings", p)
}

// handleNotifySettingsSave saves the form: every kind is on the form, so
// a box left unticked turns that kind's e-mail off.
func (s *Server) handleNotifySettingsSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	on := map[string]bool{}
	for _, k := range r.PostForm["email"] {
		if !notify.Kind(k).Valid() {
			return invalid("email", "notify.err.kind")
		}
		on[k] = true
	}
	set := notify.Settings{}
	for _, k := range notify.Kinds {
		set[k] = on[string(k)]
	}
	subj := httpx.SubjectFrom(r.Context())
	if err := s.deps.Store.SetNotificationSettings(r.Context(), actor(subj), subj.PersonID, set); err != nil {
		return err
	}
	s.flash(w, "flash.notify.saved")
	return redirect(w, r, "/me/notifications")
}
