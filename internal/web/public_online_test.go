package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"strings"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/config"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// lookupOnlineMatrixCases are the matrix's requests of the lookup page's
// online services: a supplement to a fresh dossier waiting for one, and
// the download of a resolved dossier's result by its signed link.
func lookupOnlineMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	clerk := f.Who("clerk", accesstest.Top)
	up, err := s.deps.SaveUpload(context.Background(), &auth.Subject{PersonID: clerk.Person.ID, AgencyID: f.Agency.ID, Name: "clerk"},
		"Kết quả thẩm định.pdf", bytes.NewReader(filetest.PDF(t)))
	if err != nil {
		t.Fatal(err)
	}
	resolved := f.NewOnlineResultDossier(t, up.ID)
	token := s.deps.Store.SignResultLink(resolved.Code, up.ID, time.Now().Add(time.Hour))
	return map[string]matrixCase{
		"POST /tra-cuu/bo-sung": {build: func(t testing.TB, _ who) req {
			d := f.NewSupplementDossier(t)
			body, ct := multipartForm(t, map[string]string{"csrf": matrixPreCSRF, "code": d.Code, "secret": d.Secret},
				"files", "Bản sao quyết định.pdf", filetest.PDF(t))
			return req{Path: "/tra-cuu/bo-sung", Body: body, ContentType: ct, Header: map[string]string{"Cookie": loginCSRFCookie + "=" + matrixPreCSRF}}
		}},
		"GET /tra-cuu/ket-qua/{token}": {build: func(testing.TB, who) req {
			return req{Path: "/tra-cuu/ket-qua/" + token}
		}},
	}
}

// lookupWorld is the web server on the access fixture, for the handler tests.
type lookupWorld struct {
	f   *accesstest.Fixture
	s   *Server
	db  *store.DB
	mux http.Handler
}

func newLookupWorld(t *testing.T, db *store.DB, maxMB int) *lookupWorld {
	f := accesstest.New(t, db, false)
	policy := auth.NewPolicy()
	dossier.RegisterPolicy(policy)
	s, err := New(httpx.Deps{Store: db, Policy: policy, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: httpx.NewMetrics(), Now: time.Now, Files: testFiles(t), Config: config.Config{FileMaxMB: maxMB}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	return &lookupWorld{f: f, s: s, db: db, mux: mux}
}

const lookupTestCSRF = "lookup-test-pre-session-csrf-0123456789"

type upload struct {
	name string
	data []byte
}

// post sends the supplement form as a browser does.
func (w *lookupWorld) post(t testing.TB, fields map[string]string, files ...upload) *httptest.ResponseRecorder {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, u := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="files"; filename=%q`, u.name))
		h.Set("Content-Type", "application/octet-stream")
		p, _ := mw.CreatePart(h)
		p.Write(u.data)
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/tra-cuu/bo-sung", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: loginCSRFCookie, Value: lookupTestCSRF})
	rec := httptest.NewRecorder()
	w.mux.ServeHTTP(rec, r)
	return rec
}

func (w *lookupWorld) written(t *testing.T, code string) [3]int {
	t.Helper()
	ctx := context.Background()
	rec, err := w.db.FindDossierByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	links, _ := w.db.FindFileLinks(ctx, file.KindDossier, code)
	evs, _ := w.db.FindAuditEvents(ctx, audit.Filter{ObjectType: "file", Limit: 1000})
	return [3]int{len(rec.Events), len(links), len(evs)}
}

// TestLookupSupplementPage: the page's form, each mistake shown on the
// dossier's page with its status and nothing written, then the supplement
// received and the dossier handled again.
func TestLookupSupplementPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newLookupWorld(t, db, 1)
		d := w.f.NewSupplementDossier(t)
		handled := w.f.NewDossier(t)
		pdf := filetest.PDF(t)
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 1<<20)...)
		ok := map[string]string{"csrf": lookupTestCSRF, "code": d.Code, "secret": d.Secret}
		with := func(k, v string) map[string]string {
			m := map[string]string{}
			for a, b := range ok {
				m[a] = b
			}
			m[k] = v
			return m
		}
		cases := []struct {
			name   string
			fields map[string]string
			files  []upload
			status int
			want   string
		}{
			{"wrong secret", with("secret", "AAAA-BBBB-CCCC-D"), []upload{{"a.pdf", pdf}}, 404, "Không tìm thấy hồ sơ"},
			{"not waiting", map[string]string{"csrf": lookupTestCSRF, "code": handled.Code, "secret": handled.Secret}, []upload{{"a.pdf", pdf}}, 409, "không có yêu cầu bổ sung"},
			{"no file", ok, nil, 400, "ít nhất một tệp"},
			{"a spreadsheet", ok, []upload{{"bảng.png", filetest.XLSX(t)}}, 415, "bảng.png: chỉ nhận tệp PDF, JPEG hoặc PNG"},
			{"too large", ok, []upload{{"lớn.pdf", big}}, 413, "lớn.pdf: Tệp quá lớn: tối đa 1 MB"},
			{"forged form", with("csrf", "other-token-other-token-other-token-0"), []upload{{"a.pdf", pdf}}, 403, "Biểu mẫu đã hết hạn"},
		}
		before := w.written(t, d.Code)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				rec := w.post(t, c.fields, c.files...)
				if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
					t.Fatalf("status %d, want %d with %q: %s", rec.Code, c.status, c.want, excerptOf(rec.Body.String()))
				}
				if got := w.written(t, d.Code); got != before {
					t.Fatalf("written %v, was %v", got, before)
				}
				if c.status == 409 || c.status == 413 || c.status == 415 || c.status == 400 {
					if c.name != "not waiting" && !strings.Contains(rec.Body.String(), `id="supplement-form"`) {
						t.Fatal("the form is not shown again with the error")
					}
				}
			})
		}
		rec := w.post(t, ok, upload{"Bản sao quyết định.pdf", pdf}, upload{"Ảnh.png", filetest.PNG(t)})
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `id="supplement-thanks"`) || strings.Contains(body, `id="supplement-form"`) ||
			!strings.Contains(body, dossier.StatusProcessing.Label("vi")) {
			t.Fatalf("supplement: %d %s", rec.Code, excerptOf(body))
		}
		got, _ := w.db.FindDossierByCode(context.Background(), d.Code)
		if got.State.Status != dossier.StatusProcessing || got.State.Paused() {
			t.Fatalf("status %v paused %v", got.State.Status, got.State.Paused())
		}
		// The timeline says what was asked and when it came (issue 15 item 6).
		for _, want := range []string{"Bản sao quyết định giao dự toán có chứng thực", "Bảng tổng hợp kinh phí có chữ ký của thủ trưởng", "Đã nhận bổ sung"} {
			if !strings.Contains(body, want) {
				t.Errorf("the page does not show %q", want)
			}
		}
	})
}

// TestLookupResultPage: the lookup of a resolved dossier whose procedure
// delivers online lists its result with a signed link, which downloads it
// as an attachment; one kept at the desk lists none.
func TestLookupResultPage(t *testing.T) {
	w := newLookupWorld(t, storetest.New(t, "sqlite", store.Options{}), 0)
	clerk := w.f.Who("clerk", accesstest.Top)
	pdf := filetest.PDF(t)
	up, err := w.s.deps.SaveUpload(context.Background(), &auth.Subject{PersonID: clerk.Person.ID, AgencyID: w.f.Agency.ID, Name: "clerk"},
		"Kết quả thẩm định.pdf", bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	resolved := w.f.NewOnlineResultDossier(t, up.ID)
	atDesk := w.f.NewReturnedDossier(t)
	lookup := func(code, secret string) string {
		r := httptest.NewRequest("POST", "/tra-cuu", strings.NewReader("code="+code+"&secret="+secret))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		w.mux.ServeHTTP(rec, r)
		if rec.Code != 200 {
			t.Fatalf("lookup %s: %d", code, rec.Code)
		}
		return rec.Body.String()
	}
	if body := lookup(atDesk.Code, atDesk.Secret); strings.Contains(body, `id="results"`) {
		t.Error("a result kept at the desk is offered for download")
	}
	body := lookup(resolved.Code, resolved.Secret)
	m := regexp.MustCompile(`href="(/tra-cuu/ket-qua/[^"]+)" download>Kết quả thẩm định.pdf</a>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no result link: %s", excerptOf(body))
	}
	href := strings.ReplaceAll(m[1], "&#43;", "+")
	if strings.Contains(href, strings.ReplaceAll(resolved.Secret, "-", "")) || strings.Contains(href, resolved.Secret) {
		t.Fatal("the link holds the secret")
	}
	rec := httptest.NewRecorder()
	w.mux.ServeHTTP(rec, httptest.NewRequest("GET", href, nil))
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), pdf) || rec.Header().Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %v", rec.Code, rec.Header())
	}
	rec = httptest.NewRecorder()
	w.mux.ServeHTTP(rec, httptest.NewRequest("GET", href+"x", nil))
	if rec.Code != 404 {
		t.Fatalf("altered link: %d", rec.Code)
	}
}

// excerptOf is a page's error or main part, for a failure message.
func excerptOf(b string) string {
	if i := strings.Index(b, `role="alert"`); i >= 0 {
		b = b[i:]
	} else if i := strings.Index(b, "<main"); i >= 0 {
		b = b[i:]
	}
	if len(b) > 400 {
		b = b[:400]
	}
	return b
}
