package web

import (
	"net/http"
	"slices"
	"strconv"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
	"congvu/internal/news"
	"congvu/internal/org"
	"congvu/internal/store"
)

// The editorial pages of the portal's news: the agency's articles in every
// state, the editor's form (Markdown) and the workflow's buttons, each
// shown to whom it is for: submit to the writers (news.PermWrite),
// publish and unpublish to the editor-in-chief (news.PermPublish).

var articleFields = []string{"unit_id", "category", "title", "summary", "body", "writer_unit", "author", "publish_at", "version"}

// ArticlesPage is /articles.
type ArticlesPage struct {
	BasePage
	Articles []news.Article
	Status   news.Status
	Statuses []news.Status
	CanWrite bool
}

// ArticleFormPage is the editor's form, new (/articles/new) or of an
// article (/articles/{id}) with its actions.
type ArticleFormPage struct {
	BasePage
	Form       *Form
	Article    *news.Article
	Units      []UnitOption
	Categories []CategoryLink
	Editable   bool
	Actions    []news.Event
	Preview    string // the public address once visible
	// The article's images (news_images.go): the list with each one's
	// Markdown, the upload form (ImageForm: its values and error) while
	// the article may change (CanImages).
	Images     []ImageRow
	ImageForm  *Form
	CanImages  bool
	MaxImageMB int64
}

// mayWriteSomewhere refuses the editorial pages to whoever writes for no
// unit of their agency.
func (s *Server) mayWriteSomewhere(b *BasePage) error {
	if len(s.writableUnits(b)) == 0 {
		return news.CanWrite(b.User, b.tree, s.deps.Policy, 0)
	}
	return nil
}

// writableUnits are the units of the user's agency they may write for.
func (s *Server) writableUnits(b *BasePage) []UnitOption {
	var out []UnitOption
	for _, id := range b.tree.AgencySubtree(b.User.AgencyID) {
		if news.CanWrite(b.User, b.tree, s.deps.Policy, id) == nil {
			out = append(out, UnitOption{ID: id, Label: b.UnitName(id)})
		}
	}
	return out
}

func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "articles.title")
	if err != nil {
		return err
	}
	if err := s.mayWriteSomewhere(&b); err != nil {
		return err
	}
	p := &ArticlesPage{Statuses: []news.Status{news.StatusDraft, news.StatusSubmitted, news.StatusPublished, news.StatusUnpublished}}
	if v := r.URL.Query().Get("status"); v != "" {
		p.Status = news.Status(v)
		if !slices.Contains(p.Statuses, p.Status) {
			return apperr.Invalidf("status", "trạng thái không hợp lệ: %q", "unknown state: %q", v)
		}
	}
	p.Articles, _, err = s.deps.Store.Articles(r.Context(), store.ArticleQuery{AgencyID: b.User.AgencyID, Status: p.Status, PerPage: 100})
	if err != nil {
		return err
	}
	p.CanWrite = len(s.writableUnits(&b)) > 0
	p.BasePage = b
	return s.render(w, http.StatusOK, "articles", p)
}

func (s *Server) articleForm(w http.ResponseWriter, r *http.Request, status int, f *Form, a *news.Article) error {
	return s.articleFormWith(w, r, status, f, a, nil)
}

// articleFormWith is the editor's page with the image upload's form
// (nil: empty).
func (s *Server) articleFormWith(w http.ResponseWriter, r *http.Request, status int, f *Form, a *news.Article, img *Form) error {
	b, err := s.base(w, r, "articles.new")
	if err != nil {
		return err
	}
	if img == nil {
		img = newForm(nil, "alt")
	}
	p := &ArticleFormPage{Form: f, Article: a, Units: s.writableUnits(&b), Editable: a == nil || a.Status.Editable(),
		ImageForm: img, MaxImageMB: s.deps.MaxImageBytes() >> 20}
	for _, c := range news.Categories {
		p.Categories = append(p.Categories, CategoryLink{Href: string(c), Label: c.Label(b.Lang)})
	}
	if a != nil {
		b.Title = a.Title
		for _, e := range a.Status.Actions() {
			if news.CanAct(b.User, b.tree, s.deps.Policy, *a, e) == nil {
				p.Actions = append(p.Actions, e)
			}
		}
		if a.Visible(s.deps.Now()) {
			p.Preview = "/tin-tuc/" + a.Slug
		}
		if p.Editable && !containsUnit(p.Units, a.UnitID) { // an editor-in-chief's view of another unit's article
			p.Units = append(p.Units, UnitOption{ID: a.UnitID, Label: b.UnitName(a.UnitID)})
		}
		if p.Images, err = s.articleImageRows(r, a); err != nil {
			return err
		}
		p.CanImages = news.CanEditImages(b.User, b.tree, s.deps.Policy, *a) == nil
	}
	p.BasePage = b
	return s.render(w, status, "article_form", p)
}

func containsUnit(us []UnitOption, id int64) bool {
	for _, u := range us {
		if u.ID == id {
			return true
		}
	}
	return false
}

func (s *Server) handleArticleNew(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "articles.new")
	if err != nil {
		return err
	}
	if err := s.mayWriteSomewhere(&b); err != nil {
		return err
	}
	f := newForm(nil, articleFields...)
	f.Values.Set("category", string(news.CatEvents))
	if sub := httpx.SubjectFrom(r.Context()); sub != nil {
		f.Values.Set("author", sub.Name)
	}
	return s.articleForm(w, r, http.StatusOK, f, nil)
}

// draftOf reads the editor's form.
func draftOf(f *Form) (news.Draft, error) {
	unit, err := f.Int64("unit_id")
	if err != nil {
		return news.Draft{}, err
	}
	at, err := parseInstant("publish_at", f.Get("publish_at"))
	if err != nil {
		return news.Draft{}, err
	}
	return news.Draft{UnitID: unit, Category: f.Get("category"), Title: f.Get("title"), Summary: f.Get("summary"),
		Body: f.Values.Get("body"), WriterUnit: f.Get("writer_unit"), Author: f.Get("author"), PublishAt: at}, nil
}

func (s *Server) handleArticleCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, articleFields...)
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.articleForm(w, r, httpx.Status(err), f, nil)
	}
	d, err := draftOf(f)
	if err != nil {
		return fail(err)
	}
	if _, ok := tree.Unit(d.UnitID); !ok {
		return fail(invalid("unit_id", "err.choose"))
	}
	a, err := s.deps.Store.CreateArticle(r.Context(), actor(sub), tree.AgencyOf(d.UnitID), d, func(d news.Draft) error {
		return news.CanWrite(sub, tree, s.deps.Policy, d.UnitID)
	})
	if err != nil {
		return fail(err)
	}
	s.flash(w, "flash.articles.saved")
	http.Redirect(w, r, "/articles/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
	return nil
}

// staffArticle reads the article of the path for its editors: another
// agency's is not found, one of a unit the user does not write for is
// forbidden (the editor-in-chief writes for every unit).
func (s *Server) staffArticle(r *http.Request) (news.Article, *org.Tree, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Article{}, nil, apperr.NotFoundf("Không tìm thấy bài viết", "article not found")
	}
	a, err := s.deps.Store.Article(r.Context(), id)
	if err != nil {
		return a, nil, err
	}
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return a, nil, err
	}
	sub := httpx.SubjectFrom(r.Context())
	if err := news.CanWrite(sub, tree, s.deps.Policy, a.UnitID); err != nil {
		if !sameAgencySubject(sub, tree, a.AgencyID) {
			return a, tree, apperr.NotFoundf("Không tìm thấy bài viết", "article not found")
		}
		return a, tree, err
	}
	return a, tree, nil
}

// sameAgencySubject reports whether the user holds a role in agency.
func sameAgencySubject(sub *auth.Subject, tree *org.Tree, agency int64) bool {
	if sub == nil {
		return false
	}
	for _, g := range sub.Grants {
		if tree.AgencyOf(g.UnitID) == agency {
			return true
		}
	}
	return false
}

func (s *Server) handleArticleEdit(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.staffArticle(r)
	if err != nil {
		return err
	}
	return s.articleForm(w, r, http.StatusOK, s.articleEditForm(a), &a)
}

func (s *Server) handleArticleUpdate(w http.ResponseWriter, r *http.Request) error {
	a, tree, err := s.staffArticle(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	f := newForm(r.PostForm, articleFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, httpx.Lang(r))
		return s.articleForm(w, r, httpx.Status(err), f, &a)
	}
	d, err := draftOf(f)
	if err != nil {
		return fail(err)
	}
	version, _ := strconv.ParseInt(f.Get("version"), 10, 64)
	sub := httpx.SubjectFrom(r.Context())
	if _, err := s.deps.Store.UpdateArticle(r.Context(), actor(sub), a.ID, version, d, func(old news.Article, d news.Draft) error {
		if err := news.CanWrite(sub, tree, s.deps.Policy, old.UnitID); err != nil {
			return err
		}
		if !tree.SameAgency(d.UnitID, old.AgencyID) {
			return invalid("unit_id", "err.choose")
		}
		return news.CanWrite(sub, tree, s.deps.Policy, d.UnitID)
	}); err != nil {
		return fail(err)
	}
	s.flash(w, "flash.articles.saved")
	http.Redirect(w, r, "/articles/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) handleArticleEvent(w http.ResponseWriter, r *http.Request) error {
	a, tree, err := s.staffArticle(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	e, err := news.ParseEvent("action", r.PostForm.Get("action"))
	if err != nil {
		return err
	}
	sub := httpx.SubjectFrom(r.Context())
	if _, err := s.deps.Store.ArticleEvent(r.Context(), actor(sub), a.ID, e, func(a news.Article) error {
		return news.CanAct(sub, tree, s.deps.Policy, a, e)
	}); err != nil {
		return err
	}
	s.flash(w, "flash.articles."+string(e))
	http.Redirect(w, r, "/articles/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
	return nil
}
