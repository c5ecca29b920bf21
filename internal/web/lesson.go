package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"

	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/inspection"
	"congvu/internal/store"
)

// Bài học kinh nghiệm (inspection.Lesson): the agency's lessons, searched
// without diacritics, the form that writes one, and the small box that
// shows them again where they matter: on a dossier of the same procedure,
// a task of the same plan, a project of the same investor.

// LessonsPage is the list of lessons with its search and form.
type LessonsPage struct {
	BasePage
	Query    string
	Kind     inspection.LinkKind
	Lessons  []inspection.Lesson
	Kinds    []inspection.LinkKind
	CanWrite bool
	Form     *Form
}

// LessonHref links a lesson to its record.
func (b *BasePage) LessonHref(l inspection.Lesson) string {
	switch l.Kind {
	case inspection.LinkDossier:
		return "/dossiers/" + url.PathEscape(l.Ref)
	case inspection.LinkProcedure:
		return "/procedures/" + url.PathEscape(l.Ref)
	case inspection.LinkTask:
		return "/tasks/" + url.PathEscape(l.Ref)
	case inspection.LinkInspection:
		return "/inspections/" + url.PathEscape(l.Ref)
	}
	return "/projects/" + url.PathEscape(l.Ref)
}

var lessonFields = []string{"kind", "ref", "what", "cause", "lesson", "action"}

func (s *Server) lessonsPage(w http.ResponseWriter, r *http.Request, status int, form *Form) error {
	b, err := s.base(w, r, "lesson.title")
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(b.User, b.tree, inspection.ViewLessons, auth.Resource{UnitID: b.User.AgencyID}); err != nil {
		return err
	}
	q := r.URL.Query()
	p := &LessonsPage{BasePage: b, Query: q.Get("q"), Kinds: inspection.LinkKinds, Form: form,
		CanWrite: s.deps.Policy.Can(b.User, b.tree, inspection.WriteLessons, auth.Resource{UnitID: b.User.AgencyID})}
	if k := inspection.LinkKind(q.Get("kind")); k.Valid() {
		p.Kind = k
	}
	if p.Lessons, err = s.deps.Store.FindLessons(r.Context(), store.LessonFilter{AgencyID: b.User.AgencyID, Query: p.Query, Kind: p.Kind,
		ProcedureCode: q.Get("procedure"), Limit: 200}); err != nil {
		return err
	}
	if p.Form == nil {
		p.Form = newForm(nil, lessonFields...)
		p.Form.Values.Set("kind", string(inspection.LinkDossier))
		if k := inspection.LinkKind(q.Get("for")); k.Valid() {
			p.Form.Values.Set("kind", string(k))
			p.Form.Values.Set("ref", q.Get("ref"))
		}
	}
	return s.render(w, status, "lessons", p)
}

func (s *Server) handleLessons(w http.ResponseWriter, r *http.Request) error {
	return s.lessonsPage(w, r, http.StatusOK, nil)
}

func (s *Server) handleLessonCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, lessonFields...)
	sub, tree, err := s.subjectTree(r)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Authorize(sub, tree, inspection.WriteLessons, auth.Resource{UnitID: sub.AgencyID}); err != nil {
		return err
	}
	_, err = s.deps.Store.CreateLesson(r.Context(), actor(sub), inspection.Lesson{AgencyID: sub.AgencyID, Kind: inspection.LinkKind(f.Get("kind")),
		Ref: f.Get("ref"), What: f.Get("what"), Cause: f.Get("cause"), Lesson: f.Get("lesson"), Action: f.Get("action")})
	if err != nil {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.lessonsPage(w, r, statusOf(err), f)
	}
	s.flash(w, "flash.lesson.created")
	return redirect(w, r, "/lessons")
}

// LessonBox is the "Bài học kinh nghiệm" box of a record's page: the
// lessons of the records like it, and the link that writes one about it.
type LessonBox struct {
	Lang    string
	Shown   bool // the user may read lessons
	Lessons []inspection.Lesson
	// Write links to the form, filled in for this record.
	Write string
	// More links to every lesson of the same procedure, plan or investor.
	More string
}

// T translates for the box's template.
func (x LessonBox) T(key string, args ...any) string { return T(x.Lang, key, args...) }

// Href links a lesson to its record.
func (x LessonBox) Href(l inspection.Lesson) string { return (&BasePage{}).LessonHref(l) }

// lessonBox reads the lessons that matter to a record: of its procedure,
// plan or investor (the filter's keys), the latest five.
func (s *Server) lessonBox(ctx context.Context, b *BasePage, f store.LessonFilter, kind inspection.LinkKind, ref string) (LessonBox, error) {
	x := LessonBox{Lang: b.Lang, Write: "/lessons?for=" + string(kind) + "&ref=" + url.QueryEscape(ref) + "#lesson-form"}
	if b.User == nil || !s.deps.Policy.Can(b.User, b.tree, inspection.ViewLessons, auth.Resource{UnitID: b.User.AgencyID}) {
		return x, nil
	}
	x.Shown = true
	if f.ProcedureCode == "" && f.PlanID == 0 && f.InvestorID == 0 {
		return x, nil
	}
	f.AgencyID, f.Limit = b.User.AgencyID, 5
	var err error
	x.Lessons, err = s.deps.Store.FindLessons(ctx, f)
	if f.ProcedureCode != "" {
		x.More = "/lessons?procedure=" + url.QueryEscape(f.ProcedureCode)
	}
	return x, err
}

func init() {
	// The project page's box: the lessons of projects of the same investor.
	setProjectSection("lessons", "lesson.box.h", func(ctx context.Context, s *Server, b *BasePage, v ProjectView) (template.HTML, error) {
		x, err := s.lessonBox(ctx, b, store.LessonFilter{InvestorID: v.Project.InvestorID}, inspection.LinkProject, v.Project.Code)
		if err != nil || !x.Shown {
			return "", err
		}
		return s.partial("lessons", "lessons-box-body", x)
	})
}
