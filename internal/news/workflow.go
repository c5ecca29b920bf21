package news

import (
	"strings"
	"time"

	"congvu/internal/apperr"
)

// Event is an action on an article's workflow.
type Event string

// The actions.
const (
	EventSubmit    Event = "submit"
	EventPublish   Event = "publish"
	EventUnpublish Event = "unpublish"
)

// transitions: from which states each action goes, and where.
var transitions = map[Event]struct {
	from []Status
	to   Status
}{
	EventSubmit:    {[]Status{StatusDraft, StatusUnpublished}, StatusSubmitted},
	EventPublish:   {[]Status{StatusSubmitted, StatusUnpublished}, StatusPublished},
	EventUnpublish: {[]Status{StatusPublished}, StatusUnpublished},
}

// ParseEvent checks an action name.
func ParseEvent(field, s string) (Event, error) {
	e := Event(s)
	if _, ok := transitions[e]; !ok {
		return "", apperr.Invalidf(field, "thao tác không hợp lệ: %q (submit, publish, unpublish)", "unknown action: %q (submit, publish, unpublish)", s)
	}
	return e, nil
}

// Actions lists the actions the state allows, whoever takes them.
func (s Status) Actions() []Event {
	var out []Event
	for _, e := range []Event{EventSubmit, EventPublish, EventUnpublish} {
		for _, f := range transitions[e].from {
			if f == s {
				out = append(out, e)
			}
		}
	}
	return out
}

// Editable reports whether the article's text may change: not while it is
// on the portal (unpublish first, so that what the public read is what
// was approved).
func (s Status) Editable() bool { return s != StatusPublished }

// Apply takes action e on a at now. The caller has checked the right
// (CanWrite for submit, CanPublish for publish and unpublish). Publishing
// sets PublishedAt: the requested PublishAt when it is later (the article
// appears then), else now; an article published before and taken down
// keeps its first date, as the public knew it.
func Apply(a Article, e Event, now time.Time) (Article, error) {
	t, ok := transitions[e]
	if !ok {
		return a, apperr.Invalidf("event", "thao tác không hợp lệ: %q", "unknown action: %q", string(e))
	}
	allowed := false
	for _, f := range t.from {
		allowed = allowed || f == a.Status
	}
	if !allowed {
		names := make([]string, 0, 3)
		for _, x := range a.Status.Actions() {
			names = append(names, string(x))
		}
		return a, apperr.Conflictf("Bài đang ở trạng thái %q: không thể %s (được phép: %s)",
			"The article is %q: %s is not allowed (allowed: %s)", a.Status.Label("vi"), string(e), strings.Join(names, ", "))
	}
	a.Status = t.to
	if e == EventPublish && (a.PublishedAt.IsZero() || a.PublishAt.After(now)) {
		a.PublishedAt = now
		if a.PublishAt.After(now) {
			a.PublishedAt = a.PublishAt
		}
	}
	a.UpdatedAt = now
	return a, nil
}
