package news

import (
	"time"

	"congvu/internal/apperr"
)

// Status is where an article is in the editorial workflow.
type Status string

// The workflow: a writer drafts and submits; the editor-in-chief
// publishes (at once or at a set time) and may take an article down.
const (
	StatusDraft       Status = "draft"
	StatusSubmitted   Status = "submitted"
	StatusPublished   Status = "published"
	StatusUnpublished Status = "unpublished"
)

var statusLabels = map[Status][2]string{
	StatusDraft:       {"Bản nháp", "Draft"},
	StatusSubmitted:   {"Chờ duyệt", "Submitted"},
	StatusPublished:   {"Đã đăng", "Published"},
	StatusUnpublished: {"Đã gỡ", "Unpublished"},
}

// Label is the state's name in "vi" or "en".
func (s Status) Label(lang string) string {
	l, ok := statusLabels[s]
	if !ok {
		return string(s)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Article is one news item of the portal.
type Article struct {
	ID       int64
	AgencyID int64 // the agency whose portal carries it
	UnitID   int64 // the unit that wrote it: who may edit it (PermWrite on it)
	Category Category
	Title    string
	Slug     string
	Summary  string
	Body     string // Markdown (RenderMarkdown)
	// WriterUnit is the byline's unit as the agency prints it ("Phòng
	// KGVX."), free text: not always the unit's full name.
	WriterUnit string
	Author     string // the byline's name
	AuthorID   int64  // the account that created it
	Status     Status
	// PublishAt is the time the writer or editor asks for (zero: at once
	// when published); PublishedAt is set by publish: PublishAt if it is
	// later than the publishing, else the moment of publishing.
	PublishAt   time.Time
	PublishedAt time.Time
	Views       int64 // as stored; the page adds the counter's pending views
	// CoverImageID is the article's cover (one of its images), 0 for none:
	// its thumbnail in the news list, og:image on its page.
	CoverImageID int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int64 // optimistic lock of the editor form
}

// Visible reports whether the public sees the article at now: published,
// and its publishing time reached (scheduled publishing).
func (a Article) Visible(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.IsZero() && !a.PublishedAt.After(now)
}

// Draft is what the editor form or the API sends to create or edit an
// article.
type Draft struct {
	UnitID     int64
	Category   string
	Title      string
	Summary    string
	Body       string
	WriterUnit string
	Author     string
	PublishAt  time.Time
}

// Limits of the fields (characters), generous for a long report.
const (
	MaxTitle   = 300
	MaxSummary = 1000
	MaxBody    = 60000
	// MaxBodyBytes keeps the article page under 100 KB: Vietnamese letters
	// take two or three bytes each, so the characters' limit alone would not.
	MaxBodyBytes = 60 << 10
	MaxByline    = 120
)

// Check validates a draft: each field named in its error.
func (d Draft) Check() (Draft, error) {
	var err error
	if d.UnitID == 0 {
		return d, apperr.New(apperr.Invalid, "unit_id", "thiếu đơn vị viết bài", "the writing unit is required")
	}
	if _, err = ParseCategory("category", d.Category); err != nil {
		return d, err
	}
	if d.Title, err = apperr.Text("title", d.Title, 5, MaxTitle); err != nil {
		return d, err
	}
	if d.Summary, err = apperr.Text("summary", d.Summary, 0, MaxSummary); err != nil {
		return d, err
	}
	if d.Body, err = apperr.Text("body", d.Body, 1, MaxBody); err != nil {
		return d, err
	}
	if len(d.Body) > MaxBodyBytes {
		return d, apperr.Invalidf("body", "nội dung quá dài: %d KB, tối đa %d KB (để trang bài dưới 100 KB)",
			"the body is too long: %d KB, at most %d KB (to keep the page under 100 KB)", len(d.Body)>>10, MaxBodyBytes>>10)
	}
	if n := ImagesWithoutAlt(d.Body); n > 0 {
		return d, apperr.Invalidf("body", "%d ảnh chưa có mô tả: viết mô tả trong ![mô tả](địa chỉ ảnh)",
			"%d image(s) without a description: write it in ![description](image address)", n)
	}
	if d.WriterUnit, err = apperr.Text("writer_unit", d.WriterUnit, 1, MaxByline); err != nil {
		return d, err
	}
	if d.Author, err = apperr.Text("author", d.Author, 0, MaxByline); err != nil {
		return d, err
	}
	return d, nil
}
