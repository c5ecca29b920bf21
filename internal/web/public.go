package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/dossier"
	"congvu/internal/httpx"
)

// publicLookup serves the applicant's pages, open without login: following
// a dossier by its code and lookup secret (tra cứu hồ sơ), and rating the
// handling once the result was returned. Both check the secret, so both
// are rate-limited per address against guessing.
type publicLookup struct {
	s     *Server
	limit *httpx.RateLimiter
}

// newPublicLookup uses the lookup budget shared with the API
// (httpx.NewLookupLimiter): far too few look-ups to guess a 13-character
// secret (31^13 ≈ 2^64 possibilities).
func newPublicLookup(s *Server) *publicLookup {
	lim := s.deps.Lookups
	if lim == nil {
		lim = httpx.NewLookupLimiter()
	}
	return &publicLookup{s: s, limit: lim}
}

// allow spends one look-up of the client's budget; when it is spent it
// answers 429 with Retry-After.
func (l *publicLookup) allow(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := l.limit.Reserve(l.s.deps.ClientIP(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(auth.RetrySeconds(wait)))
		return tooMany()
	}
	return nil
}

// LookupPage is the lookup form and, after a successful lookup, what the
// applicant may see: the status, the steps with their dates and results,
// the due date and the result — and of the applicant only the initials.
type LookupPage struct {
	BasePage
	Form     *Form
	NotFound string
	Found    bool
	Code     string
	Secret   string // the secret just typed, echoed in the rating form
	// RateToken is the rating form's CSRF token: the pre-session
	// double-submit cookie's, even for a logged-in visitor.
	RateToken string
	Initials  string
	Proc      string
	Status    dossier.Status
	Received  time.Time
	Due       time.Time
	Returned  time.Time
	Result    dossier.Result
	Steps     []dossier.SlipRow
	CanRate   bool
	Rated     *dossier.Rating
	// RatedNow is set on the page that answers the rating: the thanks,
	// not the form again.
	RatedNow    bool
	Supplements []PublicSupplement
	Scores      []ScoreOption
	// The applicant's online services (public_online.go): the supplement
	// form while one is asked for, and the result documents to download.
	CanSupplement   bool
	SupplementError string
	SupplementedNow bool
	MaxMB           int64
	Results         []ResultLink
}

// PublicSupplement is a supplement request as the applicant sees it
// (dossier.PublicSupplements).
type PublicSupplement = dossier.SupplementAsk

// publicSupplements lists the supplement requests of a dossier's history.
func publicSupplements(evs []dossier.Event) []PublicSupplement { return dossier.PublicSupplements(evs) }

// ScoreOption is one answer of the satisfaction form.
type ScoreOption struct {
	Value int
	Label string
}

var lookupFields = []string{"code", "secret"}

// page renders the lookup page with the pre-session CSRF token (the login
// page's double-submit cookie) for the rating form.
func (l *publicLookup) page(w http.ResponseWriter, r *http.Request, status int, p *LookupPage) error {
	b, err := l.s.base(w, r, "public.title")
	if err != nil {
		return err
	}
	b.Path = "/tra-cuu"
	if b.User == nil { // the supplement's page is the lookup's too
		b.Nav = l.s.publicNav(&b, "/tra-cuu")
	}
	token := ""
	if c, err := r.Cookie(loginCSRFCookie); err == nil && len(c.Value) >= 32 {
		token = c.Value
	} else {
		token = auth.NewSecret(24)
		l.s.setCookie(w, loginCSRFCookie, token, 2*time.Hour)
	}
	if b.User == nil {
		b.CSRF = token
	}
	l.s.countHit(r, &b, 0) // a page of the portal: a visit, and the footer's counts
	p.BasePage, p.RateToken = b, token
	for _, sc := range []dossier.Satisfaction{dossier.Satisfied, dossier.Acceptable, dossier.Dissatisfied} {
		p.Scores = append(p.Scores, ScoreOption{Value: int(sc), Label: sc.Label(b.Lang)})
	}
	return l.s.render(w, status, "public_lookup", p)
}

func (l *publicLookup) handleForm(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, lookupFields...)
	if c := r.URL.Query().Get("code"); c != "" {
		f.Values.Set("code", c)
	}
	return l.page(w, r, http.StatusOK, &LookupPage{Form: f})
}

// tooMany is the 429 of a client that looked up too often.
func tooMany() error {
	return apperr.New(apperr.TooMany, "", T("vi", "public.ratelimited"), T("en", "public.ratelimited"))
}

func (l *publicLookup) handleLookup(w http.ResponseWriter, r *http.Request) error {
	if err := l.allow(w, r); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	lang := httpx.Lang(r)
	f := newForm(r.PostForm, lookupFields...)
	code := strings.TrimSpace(f.Get("code"))
	secret := strings.ToUpper(strings.ReplaceAll(f.Get("secret"), " ", ""))
	f.Values.Del("secret")
	if code == "" || secret == "" {
		if code == "" {
			f.Errors["code"] = T(lang, "public.err.code")
		}
		if secret == "" {
			f.Errors["secret"] = T(lang, "public.err.secret")
		}
		return l.page(w, r, http.StatusBadRequest, &LookupPage{Form: f})
	}
	rec, err := l.s.deps.Store.LookupDossier(r.Context(), code, secret)
	if apperr.CodeOf(err) == apperr.NotFound {
		// The same answer whether the code exists or the secret is wrong.
		return l.page(w, r, http.StatusNotFound, &LookupPage{Form: f, NotFound: T(lang, "public.notfound")})
	}
	if err != nil {
		return err
	}
	return l.found(w, r, http.StatusOK, lookupResult(f, rec, secret), rec)
}

// lookupResult is the page of a dossier found with its code and secret.
func lookupResult(f *Form, rec dossier.Record, secret string) *LookupPage {
	st := rec.State
	return &LookupPage{Form: f, Found: true, Code: rec.Code, Initials: rec.Applicant.Initials(),
		Proc: rec.Procedure.Name, Status: st.Status, Received: st.ReceivedAt, Due: st.AppointedDue,
		Returned: st.ReturnedAt, Result: dossier.Classify(st), Steps: dossier.PublicSlip(st),
		CanRate: st.Status == dossier.StatusReturned && rec.Rating == nil, Rated: rec.Rating, Secret: secret,
		Supplements: publicSupplements(rec.Events)}
}

func (l *publicLookup) handleRate(w http.ResponseWriter, r *http.Request) error {
	if err := l.allow(w, r); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !sameToken(r.PostForm.Get("csrf"), c.Value) {
		return errCSRF
	}
	score, err := strconv.Atoi(r.PostForm.Get("score"))
	if err != nil || !dossier.Satisfaction(score).Valid() {
		return invalid("score", "public.err.score")
	}
	code, secret := strings.TrimSpace(r.PostForm.Get("code")), strings.TrimSpace(r.PostForm.Get("secret"))
	err = l.s.deps.Store.RateDossier(r.Context(), code, secret, dossier.Satisfaction(score), r.PostForm.Get("comment"))
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.New(apperr.NotFound, "", T("vi", "public.notfound"), T("en", "public.notfound"))
	}
	if err != nil {
		return err
	}
	// The answer is the dossier with the thanks, not an empty form: the
	// applicant sees that the rating was taken.
	rec, err := l.s.deps.Store.LookupDossier(r.Context(), code, secret)
	if err != nil {
		return err
	}
	f := newForm(nil, lookupFields...)
	f.Values.Set("code", code)
	p := lookupResult(f, rec, "")
	p.RatedNow = true
	return l.page(w, r, http.StatusOK, p)
}
