package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"congvu/internal/httpx"
	"congvu/internal/notify"
	"congvu/internal/store"
	"congvu/internal/work"
)

// The in-app inbox (hộp thư thông báo): the tasks' reminders, escalations,
// assignments and reviews and the dossiers' notices (forwarded, supplement
// received, due soon, overdue), newest first, each with a link to its task
// or dossier; the user marks them read one by one or all at once. The
// navigation and the bell (bell.go) show the unread count (unreadCount).

// inboxPerPage is the length of a page of the inbox.
const inboxPerPage = 50

// InboxPage is the user's notifications.
type InboxPage struct {
	BasePage
	Items      []store.Notification
	UnreadOnly bool
	Unread     int
	PageNo     int
	PrevURL    string
	NextURL    string
}

func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "inbox.title")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &InboxPage{BasePage: b, UnreadOnly: q.Get("unread") == "1"}
	p.PageNo, _ = strconv.Atoi(q.Get("page"))
	p.PageNo = max(1, p.PageNo)
	me := b.User.PersonID
	if p.Items, err = s.deps.Store.FindNotifications(r.Context(), me, p.UnreadOnly, inboxPerPage+1, (p.PageNo-1)*inboxPerPage); err != nil {
		return err
	}
	if p.Unread, err = s.deps.Store.CountUnreadNotifications(r.Context(), me); err != nil {
		return err
	}
	pageURL := func(n int) string {
		u := "/inbox?page=" + strconv.Itoa(n)
		if p.UnreadOnly {
			u += "&unread=1"
		}
		return u
	}
	if len(p.Items) > inboxPerPage {
		p.Items = p.Items[:inboxPerPage]
		p.NextURL = pageURL(p.PageNo + 1)
	}
	if p.PageNo > 1 {
		p.PrevURL = pageURL(p.PageNo - 1)
	}
	return s.render(w, http.StatusOK, "inbox", p)
}

// handleInboxRead marks one notification read, then goes to its link when
// asked to open it, or back to the inbox.
func (s *Server) handleInboxRead(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound()
	}
	me := httpx.SubjectFrom(r.Context()).PersonID
	if err := s.deps.Store.MarkNotificationRead(r.Context(), me, id); err != nil {
		return err
	}
	to := "/inbox"
	if r.PostFormValue("open") == "1" {
		list, err := s.deps.Store.FindNotifications(r.Context(), me, false, 1000, 0)
		if err != nil {
			return err
		}
		for _, n := range list {
			if n.ID == id && strings.HasPrefix(n.Link, "/") {
				to = safeNext(n.Link)
			}
		}
	}
	return redirect(w, r, to)
}

// handleInboxReadAll marks every unread notification of the user read.
func (s *Server) handleInboxReadAll(w http.ResponseWriter, r *http.Request) error {
	me := httpx.SubjectFrom(r.Context()).PersonID
	if _, err := s.deps.Store.MarkAllNotificationsRead(r.Context(), me); err != nil {
		return err
	}
	s.flash(w, "flash.inbox.read")
	return redirect(w, r, "/inbox")
}

// unreadCount is the number the navigation shows next to the inbox; an
// error shows none rather than failing the page.
func (s *Server) unreadCount(ctx context.Context, personID int64) int {
	if personID == 0 {
		return 0
	}
	n, err := s.deps.Store.CountUnreadNotifications(ctx, personID)
	if err != nil {
		return 0
	}
	return n
}

// KindLabel names the kind of a notification: an assignment, a reminder,
// a digest, a dossier's notice, or the action on a task it reports. It is
// BasePage's so that the bell's menu on every page can name them too.
func (p *BasePage) KindLabel(kind string) string {
	switch kind {
	case "task_assigned", "due_soon", "due_today", "overdue", "digest":
		return p.T("inbox.kind." + kind)
	}
	if notify.Kind(kind).Dossier() {
		return p.T("notify.kind." + kind)
	}
	if a := work.Action(kind); slices.Contains(work.Actions(), a) {
		return a.Label(p.Lang)
	}
	return kind
}

// inboxLabel is the navigation's link to the inbox, with the unread count,
// which it keeps for the bell.
func (s *Server) inboxLabel(ctx context.Context, b *BasePage) string {
	n := s.unreadCount(ctx, b.User.PersonID)
	b.Unread = n
	if n > 0 {
		return b.T("nav.inbox.unread", n)
	}
	return b.T("nav.inbox")
}
